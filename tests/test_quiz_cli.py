"""The command line: python -m legpain quiz [--json] [LESSON], the self-checks as a student sees them."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import yaml

from conftest import DATA

MIN_QUESTIONS_IN_COURSE = 50


def _lesson_ids() -> list[str]:
    lines = (DATA / "lessons.csv").read_text(encoding="utf-8").splitlines()[1:]
    return [line.split(",", 1)[0] for line in lines if line.strip()]


def _raw_quiz(lesson_id: str) -> list[dict]:
    raw = yaml.safe_load((DATA / "lessons" / f"{lesson_id}.yaml").read_text(encoding="utf-8"))
    return raw.get("quiz") or []


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "legpain", *args], capture_output=True, text=True, timeout=60)


def test_cli_json_for_one_lesson():
    done = run("quiz", "--json", "02_swelling_oedema")
    assert done.returncode == 0, done.stderr
    shown = json.loads(done.stdout)
    assert {q["lesson"] for q in shown} == {"02_swelling_oedema"}
    assert [q["id"] for q in shown] == [q["id"] for q in _raw_quiz("02_swelling_oedema")]
    warning = next(q for q in shown if q["id"] == "warning_signs")
    assert warning["options"][warning["answer"]]["text"].startswith("Immediate (now)")  # pre-eclampsia signs: now, not same day
    assert all(o["feedback"] and o["source_ids"] for o in warning["options"])


def test_cli_json_for_the_whole_course():
    done = run("quiz", "--json")
    assert done.returncode == 0, done.stderr
    shown = json.loads(done.stdout)
    assert [lesson for lesson in dict.fromkeys(q["lesson"] for q in shown)] == _lesson_ids()
    assert len(shown) >= MIN_QUESTIONS_IN_COURSE


def test_cli_text_marks_the_right_answer():
    done = run("quiz", "06_clots_and_inflamed_veins")
    assert done.returncode == 0, done.stderr
    block = next(b for b in done.stdout.split("\n\n") if "/ left_zero]" in b)
    right = [line for line in block.splitlines() if line.lstrip().startswith("* ")]
    assert len(right) == 1 and "compression ultrasound scan" in right[0]


def test_cli_unknown_lesson_exits_2_with_one_line():
    done = run("quiz", "--json", "02_swelling")
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and "unknown lesson '02_swelling'" in done.stderr


class _ClosedPipe(io.StringIO):
    """A stdout whose reader has gone (``… | head``): every write fails."""

    def write(self, text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")


def test_a_reader_that_stops_early_ends_the_command_quietly(monkeypatch, capsys):
    from legpain.__main__ import main

    monkeypatch.setattr(sys, "stdout", _ClosedPipe())
    assert main(["quiz"]) == 1
    assert capsys.readouterr().err == ""
