"""The command line: python -m legpain assess --json ID [ID ...] [--weeks N]."""

from __future__ import annotations

import json
import subprocess
import sys


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "legpain", *args], capture_output=True, text=True, timeout=60)


def test_json_output_is_one_object_with_the_four_keys():
    done = run("assess", "--json", "one_leg_swollen", "occasional_night_cramp", "--weeks", "30")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert set(result) == {"level", "causes", "red_flags", "advice"}
    assert result["level"] == "urgent"
    assert result["causes"][0] == "dvt"
    assert result["red_flags"] == ["one_leg_swollen"]
    assert all(item["source_ids"] for item in result["advice"])


def test_empty_selection():
    done = run("assess", "--json")
    assert done.returncode == 0
    assert json.loads(done.stdout)["level"] == "self-care"


def test_unknown_id_exits_2_with_one_line():
    done = run("assess", "--json", "one_leg_swolen")
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1
    assert "Did you mean 'one_leg_swollen'" in done.stderr


def test_bad_week_exits_2_with_one_line():
    for week in ("0", "43", "abc"):
        done = run("assess", "--json", "heavy_aching_legs", "--weeks", week)
        assert done.returncode == 2, week
        assert done.stderr.count("\n") == 1, done.stderr
        assert "week" in done.stderr.lower()


def test_unknown_command_exits_2():
    done = run("diagnose")
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1


def test_plain_text_output():
    done = run("assess", "pelvic_pain_limits_walking")
    assert done.returncode == 0
    assert "Level: Routine review" in done.stdout
