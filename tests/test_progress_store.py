"""The student's progress file: record, read, merge, a damaged file, a newer version, two writers at once."""

from __future__ import annotations

import json
import multiprocessing
import os
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from legpain.progress import store


@pytest.fixture()
def record_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Recording on, into a file in a temporary folder (the repository's conftest switches it off)."""
    path = tmp_path / "lessons" / store.FILE_NAME
    path.parent.mkdir()
    monkeypatch.setenv(store.SWITCH, "on")
    monkeypatch.setenv(store.FILE_SETTING, str(path))
    return path


def _answer(**fields):
    values = {"question": "q1", "option": 2, "correct": False, "first_try": True}
    values.update(fields)
    return values


def test_a_record_is_a_readable_versioned_json_file(record_file: Path):
    assert store.record("answer", "00_start_here", **_answer()) is None
    assert store.record("run", "01_pelvic_girdle_pain") is None
    document = json.loads(record_file.read_text(encoding="utf-8"))
    assert document["format"] == "legpain-progress" and document["version"] == 1
    assert "nothing is sent anywhere" in document["about"]
    kinds = [(e["kind"], e["lesson"]) for e in document["events"]]
    assert kinds == [("answer", "00_start_here"), ("run", "01_pelvic_girdle_pain")]
    answer = document["events"][0]
    assert (answer["question"], answer["option"], answer["correct"], answer["first_try"]) == ("q1", 2, False, True)
    assert datetime.fromisoformat(answer["at"]).tzinfo is not None
    # One event per line, so that a person can read (and diff) it.
    assert sum(1 for line in record_file.read_text().splitlines() if line.strip().startswith('{"at"')) == 2


def test_reading_gives_back_what_was_recorded_oldest_first(record_file: Path):
    later = datetime(2026, 12, 2, 9, 0, tzinfo=timezone.utc)
    store.record("answer", "02_swelling_oedema", now=later, **_answer(question="late"))
    store.record("answer", "02_swelling_oedema", now=later - timedelta(days=1), **_answer(question="early"))
    loaded = store.read_progress()
    assert loaded.notice is None
    assert [e["question"] for e in loaded.events] == ["early", "late"]


def test_merge_keeps_every_event_once():
    a = store.new_event("run", "03_nerve_compression", datetime(2026, 1, 2, tzinfo=timezone.utc))
    b = store.new_event("run", "04_cramps_and_blood_chemistry", datetime(2026, 1, 1, tzinfo=timezone.utc))
    merged = store.merge([a, b], [a], [b])
    assert [e["id"] for e in merged] == [b["id"], a["id"]]


def test_loading_a_downloaded_file_merges_it(record_file: Path, tmp_path: Path):
    store.record("run", "05_posture_gait_and_muscle_strain")
    other = store.new_event("answer", "06_clots_and_inflamed_veins", **_answer())
    downloaded = store.dumps([other]).encode("utf-8")
    message = store.load_file(downloaded)
    assert message.startswith("Loaded: 1 answer")
    events = store.read_progress().events
    assert {e["lesson"] for e in events} == {"05_posture_gait_and_muscle_strain", "06_clots_and_inflamed_veins"}
    store.load_file(downloaded)  # loading the same file twice adds nothing
    assert len(store.read_progress().events) == 2


@pytest.mark.parametrize("content", [b"not json", b"\xff\xfe", b'{"format": "something else", "version": 1, "events": []}'])
def test_a_file_that_is_not_a_progress_file_is_not_loaded(record_file: Path, content: bytes):
    store.record("run", "07_relief_toolkit")
    message = store.load_file(content)
    assert "nothing was loaded" in message
    assert len(store.read_progress().events) == 1


@pytest.mark.parametrize(
    "text",
    [
        "{ this is not JSON",
        '{"format": "legpain-progress", "version": 1, "events": [{"kind": "answer", "lesson": "00_start_here"}]}',
        '{"format": "legpain-progress", "version": 1, "events": [{"id": "a", "kind": "run", "lesson": "x", "at": "yesterday"}]}',
        '{"format": "legpain-progress", "version": 1, "events": "none"}',
        '["a list"]',
    ],
    ids=["not-json", "missing-fields", "bad-time", "events-not-a-list", "not-an-object"],
)
def test_a_damaged_file_is_kept_aside_the_student_told_and_recording_starts_afresh(record_file: Path, text: str):
    record_file.write_text(text, encoding="utf-8")
    notice = store.record("run", "08_symptom_advice_matrix")
    assert notice is not None and notice.count(".") >= 1 and "\n" not in notice
    aside = [p for p in record_file.parent.iterdir() if p.name.startswith("legpain-progress.damaged-")]
    assert len(aside) == 1 and aside[0].name in notice
    assert aside[0].read_text(encoding="utf-8") == text  # kept as it was
    loaded = store.read_progress()
    assert loaded.notice is None and [e["lesson"] for e in loaded.events] == ["08_symptom_advice_matrix"]


def test_a_damaged_file_found_on_reading_is_kept_aside_too(record_file: Path):
    record_file.write_text("{", encoding="utf-8")
    loaded = store.read_progress()
    assert loaded.events == () and "could not be read" in (loaded.notice or "")
    assert not record_file.exists()


def test_a_newer_version_is_refused_with_a_message_and_left_untouched(record_file: Path):
    text = json.dumps({"format": "legpain-progress", "version": 2, "events": [{"something": "new"}]})
    record_file.write_text(text, encoding="utf-8")
    notice = store.record("run", "09_case_studies")
    assert notice is not None and "newer version of the course" in notice
    assert record_file.read_text(encoding="utf-8") == text
    loaded = store.read_progress()
    assert loaded.events == () and "newer version" in (loaded.notice or "")
    assert "newer version" in store.load_file(text.encode())


def test_a_folder_that_cannot_be_written_is_a_sentence_not_a_traceback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv(store.SWITCH, "on")
    monkeypatch.setenv(store.FILE_SETTING, str(tmp_path / "no such folder" / store.FILE_NAME))
    notice = store.record("run", "10_after_the_birth")
    assert notice is not None and notice.startswith("Your progress could not be saved")


def test_start_again_removes_the_record(record_file: Path):
    store.record("run", "00_start_here")
    assert "removed" in store.start_again()
    assert not record_file.exists() and store.read_progress().events == ()


def test_a_stale_lock_left_by_a_stopped_lesson_does_not_block(record_file: Path):
    lock = record_file.with_name(record_file.name + ".lock")
    lock.write_text("")
    old = datetime.now().timestamp() - store.LOCK_STALE - 5
    os.utime(lock, (old, old))
    assert store.record("run", "00_start_here") is None
    assert not lock.exists()


def test_when_recording_is_off_nothing_is_read_or_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    path = tmp_path / store.FILE_NAME
    monkeypatch.setenv(store.FILE_SETTING, str(path))
    monkeypatch.setenv(store.SWITCH, "off")
    assert store.record("run", "00_start_here") is None
    assert not path.exists()
    path.write_text("{ damaged", encoding="utf-8")
    assert store.read_progress().events == ()
    assert path.read_text(encoding="utf-8") == "{ damaged"  # not moved aside either


def test_the_tests_run_with_recording_off():
    # Set by the repository's conftest.py before any kernel starts, so notebooks under nbval inherit it.
    assert os.environ.get(store.SWITCH) == "off"
    assert not store.recording_on()


def test_the_default_file_is_beside_the_lessons(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv(store.FILE_SETTING, raising=False)
    monkeypatch.chdir(tmp_path)
    assert store.progress_path() == tmp_path / "legpain-progress.json"


# ---------------------------------------------------------------- two lessons at once


def _writer(path: str, lesson: str, count: int, start: "multiprocessing.synchronize.Event") -> None:
    os.environ[store.SWITCH] = "on"
    os.environ[store.FILE_SETTING] = path
    start.wait()
    for number in range(count):
        assert store.record("answer", lesson, **_answer(question=f"q{number}")) is None


def test_two_lessons_answering_at_the_same_moment_lose_nothing(record_file: Path):
    context = multiprocessing.get_context("spawn")
    start = context.Event()
    count = 40
    writers = [context.Process(target=_writer, args=(str(record_file), lesson, count, start))
               for lesson in ("01_pelvic_girdle_pain", "02_swelling_oedema")]
    for process in writers:
        process.start()
    start.set()
    for process in writers:
        process.join(120)
        assert process.exitcode == 0
    events = store.read_progress().events
    assert len(events) == 2 * count
    for lesson in ("01_pelvic_girdle_pain", "02_swelling_oedema"):
        assert sorted(e["question"] for e in events if e["lesson"] == lesson) == sorted(f"q{n}" for n in range(count))
    assert not record_file.with_name(record_file.name + ".lock").exists()
    assert [p.name for p in record_file.parent.iterdir()] == [store.FILE_NAME]  # no temporary files left


def test_without_the_lock_two_writers_would_lose_answers(record_file: Path, monkeypatch: pytest.MonkeyPatch):
    """The lock is what keeps both answers: a read-merge-write that interleaves loses one."""
    first = store.new_event("run", "01_pelvic_girdle_pain")
    second = store.new_event("run", "02_swelling_oedema")
    both_read = [store._read_unlocked(record_file), store._read_unlocked(record_file)]
    store._replace(record_file, store.dumps(store.merge(both_read[0].events, [first])))
    store._replace(record_file, store.dumps(store.merge(both_read[1].events, [second])))
    assert len(store.read_progress().events) == 1  # the unlocked interleaving lost one


def test_a_browser_that_cannot_keep_files_is_named_in_one_sentence(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv(store.SWITCH, "on")
    monkeypatch.delenv(store.FILE_SETTING, raising=False)
    note = store.not_kept_note("/home/pyodide", in_browser=True)
    assert note is not None and "Download my progress" in note and note.count(". ") == 0
    assert store.not_kept_note("/drive", in_browser=True) is None  # the site's files: kept by the browser
    assert store.not_kept_note("/home/student/notebooks", in_browser=False) is None  # JupyterLab, Voila
