"""python -m legpain export-quiz, and a lesson's number for python -m legpain quiz."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import DATA, ROOT
from lms_readback import read_moodle

ENV_CWD = ROOT


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "legpain", *args], capture_output=True, text=True, timeout=300, cwd=ENV_CWD)


def _quiz_ids(lesson: str) -> list[str]:
    raw = yaml.safe_load((DATA / "lessons" / f"{lesson}.yaml").read_text(encoding="utf-8"))
    return [f"legpain.{lesson}.{q['id']}" for q in raw["quiz"]]


@pytest.mark.parametrize("value", ["03", "3", "03_nerve_compression"])
def test_export_one_lesson_by_number_or_name(tmp_path, value):
    out = tmp_path / "q.xml"
    done = run("export-quiz", "--format", "moodle", "--lesson", value, "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert [q.uid for q in read_moodle(out.read_bytes())] == _quiz_ids("03_nerve_compression")


def test_several_lessons_in_the_order_given(tmp_path):
    out = tmp_path / "q.xml"
    assert run("export-quiz", "--format", "moodle", "--lesson", "10", "01", "-o", str(out)).returncode == 0
    assert [q.uid for q in read_moodle(out.read_bytes())] == _quiz_ids("10_after_the_birth") + _quiz_ids("01_pelvic_girdle_pain")


def test_quiz_takes_a_lesson_number_too():
    by_number, by_name = run("quiz", "--json", "04"), run("quiz", "--json", "04_cramps_and_blood_chemistry")
    assert by_number.returncode == by_name.returncode == 0
    assert json.loads(by_number.stdout) == json.loads(by_name.stdout)
    assert {q["lesson"] for q in json.loads(by_number.stdout)} == {"04_cramps_and_blood_chemistry"}


def test_the_assessment_bank_only_with_assessment(tmp_path):
    out = tmp_path / "q.xml"
    assert run("export-quiz", "--format", "moodle", "-o", str(out)).returncode == 0
    assert not [q for q in read_moodle(out.read_bytes()) if ".assessment." in q.uid]
    assert run("export-quiz", "--format", "moodle", "--assessment", "--no-self-checks", "--lesson", "06", "-o", str(out)).returncode == 0
    raw = yaml.safe_load((DATA / "assessment" / "06_clots_and_inflamed_veins.yaml").read_text(encoding="utf-8"))
    assert [q.uid for q in read_moodle(out.read_bytes())] == [f"legpain.assessment.06_clots_and_inflamed_veins.{q['id']}" for q in raw["quiz"]]


def _bank(tmp_path: Path, change=None) -> Path:
    raw = yaml.safe_load((ROOT / "docs" / "question-bank.example.yaml").read_text(encoding="utf-8"))
    if change:
        change(raw)
    path = tmp_path / "ours.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_an_instructors_file_with_its_own_source(tmp_path):
    out = tmp_path / "q.xml"
    done = run("export-quiz", "--format", "moodle", "--no-self-checks", "--bank", str(_bank(tmp_path)), "-o", str(out))
    assert done.returncode == 0, done.stderr
    (question,) = read_moodle(out.read_bytes())
    assert question.uid == "bank.ours.calf_after_long_flight"
    assert "Midwifery Unit Handbook" in question.general and "https://example.org/handbook/section-4" in question.general_links


@pytest.mark.parametrize(
    "change, field",
    [
        (lambda raw: raw["quiz"][0]["options"][0].update(correct=True), "'options'"),
        (lambda raw: raw["quiz"][0]["options"][2].update(source_ids=["NOPE"]), "'options.2.source_ids'"),
        (lambda raw: raw["quiz"][0].pop("prompt"), "'prompt'"),
        (lambda raw: raw["quiz"][0]["options"][1].update(feedbak="typo"), "'options.1.feedbak'"),
    ],
)
def test_a_wrong_file_gets_one_line_exit_2_and_nothing_written(tmp_path, change, field):
    bank = _bank(tmp_path, change)
    out = tmp_path / "q.xml"
    done = run("export-quiz", "--format", "gift", "--bank", str(bank), "-o", str(out))
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert str(bank) in done.stderr and "(id 'calf_after_long_flight')" in done.stderr and f"column {field}" in done.stderr
    assert not out.exists() and list(tmp_path.iterdir()) == [bank]


def test_a_failed_export_leaves_the_old_file_alone(tmp_path):
    out = tmp_path / "q.xml"
    out.write_text("the previous export", encoding="utf-8")
    done = run("export-quiz", "--format", "moodle", "--bank", str(tmp_path / "missing.yaml"), "-o", str(out))
    assert done.returncode == 2 and "missing.yaml" in done.stderr
    assert out.read_text(encoding="utf-8") == "the previous export"


@pytest.mark.parametrize("args", [["--lesson", "42"], ["--format", "pdf"]])
def test_bad_arguments_exit_2_with_one_line(tmp_path, args):
    base = ["export-quiz", "-o", str(tmp_path / "x")]
    if "--format" not in args:
        base += ["--format", "moodle"]
    done = run(*base, *args)
    assert done.returncode == 2 and done.stderr.count("\n") == 1
    assert not (tmp_path / "x").exists()


def test_the_import_notes_name_every_file_make_lms_writes():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    formats = next(line for line in makefile.splitlines() if line.startswith("LMS_FORMATS")).split(":=", 1)[1].split()
    done = subprocess.run([sys.executable, "-m", "legpain.lms.import_notes"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0
    for pair in formats:
        suffix = pair.split(":", 1)[1]
        assert f"*-{suffix}" in done.stdout, suffix


def test_assessment_without_the_bank_says_where_it_is(tmp_path, data_copy):
    """An installed course has no data/assessment/: asking for it is an error, not a silent omission."""
    import os
    import shutil

    shutil.rmtree(data_copy / "assessment")
    out = tmp_path / "q.xml"
    done = subprocess.run([sys.executable, "-m", "legpain", "export-quiz", "--format", "moodle", "--assessment", "-o", str(out)],
                          capture_output=True, text=True, timeout=300, env={**os.environ, "LEGPAIN_DATA": str(data_copy)})
    assert done.returncode == 2 and done.stderr.count("\n") == 1 and "data/assessment/" in done.stderr
    assert not out.exists()


def test_a_question_id_too_long_for_moodle_is_refused(tmp_path):
    bank = _bank(tmp_path, lambda raw: raw["quiz"][0].update(id="q" * 100))
    out = tmp_path / "q.xml"
    done = run("export-quiz", "--format", "moodle", "--bank", str(bank), "-o", str(out))
    assert done.returncode == 2 and "longer than 100 characters" in done.stderr and not out.exists()
