"""The four learning-platform exports, read back by readers that do not use the export code.

Expected values come straight from the YAML files (data/lessons/*.yaml ``quiz:``, data/assessment/)
and data/sources.csv, so the tests keep passing when the questions change and fail when an
export loses or alters a question, an option, a feedback, the right answer or a source.
Validators nobody on this project wrote: the IMS QTI 2.1 XML Schema (tests/schemas/), the
PyPI package moodle-xml-parser, and gift-pegjs from npm (make lms-deps).
"""

from __future__ import annotations

import csv
import html
from pathlib import Path
from typing import Any

import pytest
import yaml
from moodle_xml_parser.parser import parse_bytes

from conftest import DATA
from lms_readback import ReadQuestion, qti_schema, read_canvas, read_gift, read_moodle, read_qti21, require_gift_parser
from legpain.__main__ import main

FORMATS = {"moodle": ".xml", "qti21": ".zip", "canvas": ".zip", "gift": ".txt"}
READERS = {
    "moodle": lambda data: read_moodle(data),
    "qti21": lambda data: read_qti21(data, SCHEMA),
    "canvas": lambda data: read_canvas(data),
    "gift": lambda data: read_gift(data.decode("utf-8")),
}
SCHEMA = qti_schema()


def _lesson_titles() -> dict[str, str]:
    with open(DATA / "lessons.csv", newline="", encoding="utf-8") as handle:
        return {row["id"]: row["title"] for row in csv.DictReader(handle)}


def _lesson_order() -> list[str]:
    return list(_lesson_titles())


def _sources() -> dict[str, dict[str, str]]:
    with open(DATA / "sources.csv", newline="", encoding="utf-8") as handle:
        return {row["id"]: row for row in csv.DictReader(handle)}


def expected_questions(assessment: bool = False) -> list[tuple[str, dict[str, Any]]]:
    """(stable id, raw question) for every question, in lesson order, read from the YAML files."""
    found = []
    for lesson in _lesson_order():
        if assessment:
            path = DATA / "assessment" / f"{lesson}.yaml"
            if not path.exists():
                continue
            prefix = f"legpain.assessment.{lesson}"
        else:
            path = DATA / "lessons" / f"{lesson}.yaml"
            prefix = f"legpain.{lesson}"
        for question in yaml.safe_load(path.read_text(encoding="utf-8"))["quiz"]:
            found.append((f"{prefix}.{question['id']}", question))
    return found


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.strip().splitlines() if line.strip()]


def _export(tmp_path: Path, fmt: str, *args: str) -> bytes:
    out = tmp_path / f"out-{fmt}{FORMATS[fmt]}"
    assert main(["export-quiz", "--format", fmt, "-o", str(out), *args]) == 0
    return out.read_bytes()


def _read(fmt: str, data: bytes) -> list[ReadQuestion]:
    if fmt == "gift":
        require_gift_parser()
    return READERS[fmt](data)


def assert_same(read: list[ReadQuestion], expected: list[tuple[str, dict[str, Any]]], sources: dict[str, dict[str, str]]) -> None:
    assert [q.uid for q in read] == [uid for uid, _ in expected], "questions missing, added or out of order"
    for got, (uid, source) in zip(read, expected, strict=True):
        assert got.prompt == _paragraphs(source["prompt"]), uid
        assert [o.text for o in got.options] == [o["text"].strip() for o in source["options"]], f"{uid}: options or their order"
        assert [o.feedback for o in got.options] == [o["feedback"].strip() for o in source["options"]], f"{uid}: option feedback"
        right = [i for i, o in enumerate(source["options"]) if o.get("correct")]
        assert [i for i, o in enumerate(got.options) if o.correct] == right, f"{uid}: the right answer"
        answer = source["options"][right[0]]
        assert " ".join(answer["text"].split()) in got.general and " ".join(answer["feedback"].split()) in got.general, uid
        for source_id in source["source_ids"]:
            row = sources[source_id]
            assert " ".join(row["citation"].split()) in got.general, f"{uid}: source {source_id} missing from the general feedback"
            if row["url"]:
                assert row["url"] in got.general_links, f"{uid}: link of {source_id}"
            if row["year"]:
                assert row["year"] in got.general, f"{uid}: year of {source_id}"


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_every_self_check_survives_the_round_trip(tmp_path, fmt):
    assert_same(_read(fmt, _export(tmp_path, fmt)), expected_questions(), _sources())


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_every_assessment_question_survives_the_round_trip(tmp_path, fmt):
    expected = expected_questions(assessment=True)
    assert len(expected) >= 40
    assert_same(_read(fmt, _export(tmp_path, fmt, "--assessment", "--no-self-checks")), expected, _sources())


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_each_lesson_is_its_own_section(tmp_path, fmt):
    """Self-checks: a section a lesson, titled with its number and title; the assessment bank apart."""
    titles = _lesson_titles()
    read = _read(fmt, _export(tmp_path, fmt, "--assessment"))
    for question in read:
        lesson = question.uid.split(".")[-2]
        title = f"{lesson[:2]} {titles[lesson]}"
        kind = "Assessment" if ".assessment." in question.uid else "Self-checks"
        if fmt in ("moodle", "gift"):  # categories: Leg pain in pregnancy > Self-checks > 01 Pelvic girdle pain
            assert question.section == f"{kind} > {title}", question.uid
        else:  # sections or quizzes, one a lesson
            assert question.section == (f"Assessment: {title}" if kind == "Assessment" else title), question.uid


def test_moodle_xml_read_by_an_independent_parser(tmp_path):
    """moodle-xml-parser (PyPI) reads every question, option, fraction and feedback as written."""
    data = _export(tmp_path, "moodle", "--assessment")
    parsed = parse_bytes(data)
    expected = expected_questions() + expected_questions(assessment=True)
    assert len(parsed["multichoice"]) == len(expected) and not parsed["cloze"]
    for got, (uid, source) in zip(parsed["multichoice"], expected, strict=True):
        assert got.single and got.shuffle_answers, uid
        assert got.name == source["id"]
        # The parser decodes the HTML entities once: the HTML's text is then the YAML's text.
        assert got.text_pre_parse == "".join(f"<p>{line}</p>" for line in _paragraphs(source["prompt"])), uid
        assert [o.answer for o in got.options] == [f"<p>{o['text'].strip()}</p>" for o in source["options"]], uid
        assert [o.feedback for o in got.options] == [f"<p>{o['feedback'].strip()}</p>" for o in source["options"]], uid
        assert [o.score_fraction for o in got.options] == [100.0 if o.get("correct") else 0.0 for o in source["options"]], uid


def test_qti21_package_is_valid_against_the_ims_schema(tmp_path):
    """read_qti21 validates the test and every item against the IMS QTI 2.1 XSD; one broken item fails it."""
    data = _export(tmp_path, "qti21", "--lesson", "02")
    assert read_qti21(data, SCHEMA)
    import io
    import zipfile

    archive = zipfile.ZipFile(io.BytesIO(data))
    item = next(n for n in archive.namelist() if n.startswith("items/"))
    broken = archive.read(item).replace(b'maxChoices="1"', b'maxChoices="one"')
    from lxml import etree

    assert not SCHEMA.validate(etree.fromstring(broken)), "the schema check would not notice a broken item"


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_same_questions_give_the_same_file(tmp_path, fmt):
    """Stable ids and stable bytes: a re-export of the same questions is the same file."""
    first = _export(tmp_path, fmt, "--lesson", "06")
    (tmp_path / f"out-{fmt}{FORMATS[fmt]}").unlink()
    assert _export(tmp_path, fmt, "--lesson", "06") == first


HOSTILE = '<script>alert("x")</script> & Zoë\'s "left" leg ≥ 2 cm – {braces} ~tilde =equals #hash :colon \\backslash // <b>'


def _hostile_bank(tmp_path: Path) -> Path:
    bank = {
        "title": "Extra / <Questions> & more – é",
        "sources": [{"id": "OWN1", "citation": f"Ünïcode A & B. Title <with> \"quotes\" – {HOSTILE}", "year": 2024,
                     "url": "https://example.org/a?b=1&c=2"}],
        "quiz": [{
            "id": "hostile",
            "prompt": f"At 30 weeks: {HOSTILE}",
            "options": [
                {"text": f"Right {HOSTILE}", "correct": True, "feedback": f"Because {HOSTILE}", "source_ids": ["OWN1"]},
                {"text": "Wrong <i>one</i> & 'two'", "feedback": "Not this: ≥ – é & <", "source_ids": ["S1"]},
                {"text": "Wrong ~=#{}: three", "feedback": "Nor this ~=#{}: one", "source_ids": ["S1"]},
            ],
            "source_ids": ["OWN1", "S1"],
        }],
    }
    path = tmp_path / "hostile.yaml"
    path.write_text(yaml.safe_dump(bank, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_hostile_text_survives_exactly(tmp_path, fmt):
    bank = _hostile_bank(tmp_path)
    raw = yaml.safe_load(bank.read_text(encoding="utf-8"))
    read = _read(fmt, _export(tmp_path, fmt, "--no-self-checks", "--bank", str(bank)))
    sources = _sources() | {s["id"]: {"citation": s["citation"], "year": str(s["year"]), "url": s["url"]} for s in raw["sources"]}
    assert_same(read, [("bank.hostile.hostile", raw["quiz"][0])], sources)
    assert read[0].section == raw["title"]


def test_moodle_html_is_escaped_once(tmp_path):
    """In Moodle XML the HTML is XML-escaped text: decoding the XML gives escaped HTML, never a live tag."""
    data = _export(tmp_path, "moodle", "--no-self-checks", "--bank", str(_hostile_bank(tmp_path)))
    text = data.decode("utf-8")
    assert "<script>" not in text and "&lt;script&gt;" not in text.replace("&amp;lt;script&amp;gt;", "")
    assert "&amp;lt;script&amp;gt;" in text
    assert html.unescape(html.unescape("&amp;lt;script&amp;gt;")) == "<script>"


def test_canvas_self_checks_are_practice_quizzes_and_the_assessment_is_graded_once(tmp_path):
    import io
    import zipfile

    from lxml import etree

    archive = zipfile.ZipFile(io.BytesIO(_export(tmp_path, "canvas", "--lesson", "04", "--assessment")))
    canvas = "{http://canvas.instructure.com/xsd/cccv1p0}"
    settings = {}
    for name in archive.namelist():
        if name.endswith("assessment_meta.xml"):
            meta = etree.fromstring(archive.read(name))
            settings[meta.findtext(f"{canvas}title")] = (meta.findtext(f"{canvas}quiz_type"), meta.findtext(f"{canvas}allowed_attempts"),
                                                          meta.findtext(f"{canvas}available"))
    title = "04 " + _lesson_titles()["04_cramps_and_blood_chemistry"]
    assert settings == {title: ("practice_quiz", "-1", "false"), f"Assessment: {title}": ("assignment", "1", "false")}
