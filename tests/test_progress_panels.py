"""What the record means (progress per lesson, the revision round), the start page's panels, the recording
hooks of the self-checks and the case trainer, and the second try in lessons 05 and 09."""

from __future__ import annotations

import base64
import re
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from conftest import html_text
from legpain import Level, load_course
from legpain.content.lessons.quiz import load_quiz
from legpain.html_output import html_text as words_of
from legpain.progress import panels, store
from legpain.progress.figure import PARTS, bar_parts, figure_data
from legpain.progress.summary import DAYS_TO_LEAVE, lesson_progress, left_text, progress_summary, to_revise
from legpain.quiz import Attempt, check_answer, question_widget, quiz_widget, record_answer
from legpain.widgets.cases import TriageAttempt, case_trainer, load_cases, record_triage, try_triage
from legpain.widgets.gait import NONE_LABEL, try_change
from legpain.widgets import widget_bundle

COURSE = load_course()
START = "00_start_here"
QUESTIONS = load_quiz(START, COURSE)
DAY1 = datetime(2026, 11, 2, 10, 0, tzinfo=timezone.utc)
SCOLDING = re.compile(r"overload|frighten|worr|cost|burden|waste|too high|higher than needed|mistake|unnecessar", re.I)


@pytest.fixture()
def record_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / store.FILE_NAME
    monkeypatch.setenv(store.SWITCH, "on")
    monkeypatch.setenv(store.FILE_SETTING, str(path))
    return path


def answer(question: str, correct: bool, first_try: bool = True, at: datetime = DAY1, lesson: str = START, option: int = 0):
    return store.new_event("answer", lesson, at, question=question, option=option, correct=correct, first_try=first_try)


def wrong_option(question) -> int:
    return next(i for i, o in enumerate(question.options) if not o.correct and not o.safe)


# ---------------------------------------------------------------- progress per lesson


def test_progress_counts_done_first_try_right_cases_and_the_last_day():
    q1, q2, q3 = (q.id for q in QUESTIONS[:3])
    events = [
        answer(q1, True),  # right at the first try
        answer(q2, False), answer(q2, True, first_try=False),  # right at the second try: done, not first-try right
        answer(q3, False), answer(q3, False, first_try=False, at=DAY1 + timedelta(days=3)),  # answer shown: done
        store.new_event("triage", "09_case_studies", DAY1, case=load_cases(COURSE)[0].id, level="urgent", verdict="right", first_try=True),
        store.new_event("triage", "09_case_studies", DAY1, case=load_cases(COURSE)[0].id, level="urgent", verdict="right", first_try=True),
        store.new_event("triage", "09_case_studies", DAY1, case=load_cases(COURSE)[1].id, level="routine", verdict="too_low", first_try=True),
        store.new_event("run", "03_nerve_compression", DAY1 - timedelta(days=10)),
    ]
    rows = {r.lesson_id: r for r in lesson_progress(events, COURSE)}
    start = rows[START]
    assert (start.total, start.done, start.first_try_right) == (len(QUESTIONS), 3, 1)
    assert start.last_worked == (DAY1 + timedelta(days=3)).astimezone().date()
    assert (rows["09_case_studies"].cases_triaged, rows["09_case_studies"].cases_total) == (2, len(load_cases(COURSE)))
    assert rows["03_nerve_compression"].done == 0 and rows["03_nerve_compression"].last_worked is not None
    assert rows["01_pelvic_girdle_pain"].last_worked is None and rows["01_pelvic_girdle_pain"].cases_total == 0


def test_progress_in_words_names_every_lesson_worked_on_and_counts_the_rest():
    rows = lesson_progress([answer(QUESTIONS[0].id, True)], COURSE)
    text = progress_summary(rows)
    assert text.startswith(f"Start here: 1 of {len(QUESTIONS)} self-checks done, 1 right at the first try, last worked on")
    assert f"{len(rows) - 1} lesson(s) not started yet." in text
    assert progress_summary(lesson_progress([], COURSE)).startswith("Nothing recorded yet")


def test_the_figure_has_a_bar_per_lesson_split_into_parts_that_add_up_to_its_questions():
    rows = lesson_progress([answer(QUESTIONS[0].id, True), answer(QUESTIONS[1].id, False), answer(QUESTIONS[1].id, True, False)], COURSE)
    traces, layout = figure_data(rows)
    assert len(traces) == 3 and all(len(t["y"]) == len(COURSE.lessons) for t in traces)
    parts = bar_parts(rows)
    assert [sum(p[i] for p in parts) for i in range(len(rows))] == [r.total for r in rows]
    assert [p[0] for p in parts] == [1, 1, len(QUESTIONS) - 2]
    # Told apart by more than colour: each part has its own fill and its own pattern.
    assert len({p[1] for p in PARTS}) == 3 and len({p[2] for p in PARTS}) == 3
    assert layout["barmode"] == "stack"


# ---------------------------------------------------------------- the revision round


def test_a_question_first_answered_wrongly_is_in_the_round_until_right_on_two_different_days():
    q = QUESTIONS[0].id
    events = [answer(q, False), answer(QUESTIONS[1].id, True)]
    assert [(r.lesson_id, r.question.id) for r in to_revise(events, COURSE)] == [(START, q)]
    events.append(answer(q, True, at=DAY1 + timedelta(hours=1)))
    events.append(answer(q, True, at=DAY1 + timedelta(hours=2)))  # the same day again: still one day
    assert [r.right_days for r in to_revise(events, COURSE)] == [1]
    events.append(answer(q, True, first_try=False, at=DAY1 + timedelta(days=1)))  # a second-try right does not count
    assert len(to_revise(events, COURSE)) == 1
    events.append(answer(q, True, at=DAY1 + timedelta(days=2)))
    assert DAYS_TO_LEAVE == 2 and to_revise(events, COURSE) == []


def test_a_question_first_answered_right_is_never_in_the_round():
    q = QUESTIONS[0].id
    assert to_revise([answer(q, True), answer(q, False, at=DAY1 + timedelta(days=1))], COURSE) == []


def test_questions_no_longer_in_the_course_are_left_out():
    assert to_revise([answer("a_question_since_removed", False)], COURSE) == []


def test_the_round_says_how_many_are_left():
    assert left_text(3).startswith("3 questions left to revise.")
    assert left_text(1).startswith("1 question left")
    assert left_text(0, had_any=False).startswith("Nothing to revise yet")
    assert left_text(0, had_any=True).startswith("No questions left to revise")


def test_a_fresh_order_holds_the_same_questions():
    import random

    items = to_revise([answer(q.id, False) for q in QUESTIONS], COURSE)
    orders = {tuple(i.question.id for i in panels.fresh_order(items, random.Random(seed))) for seed in range(10)}
    assert len(orders) > 1 and all(sorted(o) == sorted(q.id for q in QUESTIONS) for o in orders)


# ---------------------------------------------------------------- recording hooks


def test_a_checked_answer_is_recorded_with_its_try(record_file: Path):
    question = QUESTIONS[0]
    wrong = wrong_option(question)
    first = check_answer(question, wrong, Attempt(), COURSE)
    assert record_answer(START, question, wrong, Attempt(), first) is None
    second = check_answer(question, question.answer, first.attempt, COURSE)
    record_answer(START, question, question.answer, first.attempt, second)
    nothing = check_answer(question, None, second.attempt, COURSE)
    record_answer(START, question, None, second.attempt, nothing)  # neither right nor wrong: not recorded
    events = store.read_progress().events
    assert [(e["option"], e["correct"], e["first_try"], e["round"]) for e in events] == [
        (wrong, False, True, "lesson"), (question.answer, True, False, "lesson")]
    assert events[0]["option_text"] == question.options[wrong].text


def test_the_self_check_widget_records_a_press_of_check_and_the_lesson_run(record_file: Path):
    box = quiz_widget(START)
    assert [e["kind"] for e in store.read_progress().events] == ["run"]
    first = box.children[1]
    choices, check = first.children[1], first.children[2]
    choices.value = wrong_option(QUESTIONS[0])
    check.click()
    events = store.read_progress().events
    assert events[-1]["kind"] == "answer" and events[-1]["question"] == QUESTIONS[0].id and events[-1]["correct"] is False


def test_a_damaged_file_is_one_sentence_under_the_feedback(record_file: Path):
    record_file.write_text("{ hand-edited", encoding="utf-8")
    box = question_widget(QUESTIONS[0], 1, START)
    box.children[1].value = QUESTIONS[0].answer
    box.children[2].click()
    text = html_text(box.children[3].value)
    assert "Correct." in text and "Your progress file could not be read, so it was kept as legpain-progress.damaged-" in text


def test_without_a_lesson_the_question_records_nothing(record_file: Path):
    box = question_widget(QUESTIONS[0], 1)
    box.children[1].value = QUESTIONS[0].answer
    box.children[2].click()
    assert not record_file.exists()


# ---------------------------------------------------------------- lesson 09: a second try, recorded


def _lower(level: Level) -> Level:
    return next(lv for lv in sorted(Level, reverse=True) if lv < level)


def _higher(level: Level) -> Level:
    return next(lv for lv in sorted(Level) if lv > level)


CASES = load_cases(COURSE)
URGENT_CASE = next(c for c in CASES if c.level > min(Level) and c.level < max(Level))


def test_a_first_wrong_triage_gets_a_hint_and_a_second_try_without_the_answer():
    case = URGENT_CASE
    low = _lower(case.level)
    first = try_triage(case.id, low.value, None, TriageAttempt(), CASES, COURSE)
    text = html_text(first.result.html)
    assert first.result.verdict == "too_low" and not first.attempt.done and first.first_try
    assert "less urgent than this story needs" in text and case.level.label not in text and case.why not in text
    again = try_triage(case.id, low.value, None, first.attempt, CASES, COURSE)
    assert again.result.verdict is None and "tried that level already" in html_text(again.result.html)
    second = try_triage(case.id, _higher(case.level).value, None, first.attempt, CASES, COURSE)
    assert second.attempt.done and not second.first_try
    assert case.level.label in html_text(second.result.html)  # now the full feedback names the level
    finished = try_triage(case.id, case.level.value, None, second.attempt, CASES, COURSE)
    assert finished.result.verdict is None and "finished this case" in html_text(finished.result.html)


def test_a_right_first_triage_is_finished_at_once_with_the_full_feedback():
    case = URGENT_CASE
    checked = try_triage(case.id, case.level.value, case.likely_cause, TriageAttempt(), CASES, COURSE)
    assert checked.attempt.done and checked.result.verdict == "right" and checked.result.cause_right is True


@pytest.mark.parametrize("case", [c for c in CASES if c.level < max(Level)], ids=lambda c: c.id)
def test_a_faster_route_on_the_first_try_is_never_scolded(case):
    checked = try_triage(case.id, _higher(case.level).value, None, TriageAttempt(), CASES, COURSE)
    assert not checked.attempt.done
    if checked.result.verdict == "safe_higher":
        assert not SCOLDING.search(html_text(checked.result.html))


def test_the_case_trainer_records_each_checked_triage(record_file: Path):
    box = case_trainer(URGENT_CASE.id)
    chooser, level, check = box.children[0], box.children[2], box.children[4].children[0]
    level.value = _lower(URGENT_CASE.level).value
    check.click()
    assert not check.disabled
    level.value = URGENT_CASE.level.value
    check.click()
    assert check.disabled  # finished: the model answer, or another case
    events = store.read_progress().events
    assert [(e["case"], e["verdict"], e["first_try"]) for e in events] == [
        (URGENT_CASE.id, "too_low", True), (URGENT_CASE.id, "right", False)]
    chooser.value = next(c.id for c in CASES if c.id != URGENT_CASE.id)
    assert not check.disabled


def test_a_triage_that_checks_nothing_is_not_recorded(record_file: Path):
    checked = try_triage(URGENT_CASE.id, "", None, TriageAttempt(), CASES, COURSE)
    assert record_triage(URGENT_CASE.id, "", None, checked) is None and not record_file.exists()


# ---------------------------------------------------------------- lesson 05: a second try


def test_a_first_wrong_change_gets_a_second_try_then_the_best_answer():
    html, tried, done = try_change("pulled_calf", "load", (), COURSE)
    assert not done and tried == ("load",)
    assert "Not this one" in html_text(html) and "best answer" not in html_text(html) and NONE_LABEL not in html_text(html)
    html, tried, done = try_change("pulled_calf", "load", tried, COURSE)
    assert not done and "tried that answer already" in html_text(html)
    html, tried, done = try_change("pulled_calf", "stride", tried, COURSE)
    assert done and f"The best answer is: {NONE_LABEL}" in html_text(html)


def test_a_right_change_at_once_is_finished():
    html, tried, done = try_change("pulled_calf", "none", (), COURSE)
    assert done and "Right:" in html_text(html)


# ---------------------------------------------------------------- the start page's panels


def test_the_progress_panel_shows_what_the_file_holds(record_file: Path):
    store.add_events([answer(QUESTIONS[0].id, False), answer(QUESTIONS[0].id, True, False)])
    text = words_of(panels.progress_view(store.read_progress(), COURSE).html)
    assert f"Start here 1 of {len(QUESTIONS)} 0" in text and "Start here: 1 of" in text


def test_the_revise_panel_asks_a_wrongly_answered_question_and_records_the_new_answer(record_file: Path):
    question = QUESTIONS[2]
    store.add_events([answer(question.id, False, option=wrong_option(question))])
    box = panels.revise_panel()
    status, question_box, feedback = box.children[0], box.children[1], box.children[2]
    assert "1 question left to revise." in html_text(status.value)
    prompt, choices, check = question_box.children
    assert question.prompt in words_of(prompt.value)
    choices.value = question.answer
    check.click()
    assert "Correct." in html_text(feedback.value)
    last = store.read_progress().events[-1]
    assert (last["question"], last["correct"], last["first_try"], last["round"]) == (question.id, True, True, "revise")
    box.children[3].click()  # Next question: the round for today is over
    assert "been through every question" in html_text(status.value)


def test_the_download_link_holds_the_file_and_works_offline(record_file: Path):
    store.record("run", START)
    html = panels.download_html(store.download_text())
    payload = re.search(r'href="data:application/json;charset=utf-8;base64,([^"]+)"', html).group(1)
    assert base64.b64decode(payload).decode() == record_file.read_text(encoding="utf-8")
    assert 'download="legpain-progress.json"' in html and "1 entry" in html_text(html)


def test_the_file_chosen_for_loading_is_read_from_the_upload_widget():
    assert panels.uploaded_bytes(({"name": "x.json", "content": memoryview(b"{}")},)) == b"{}"
    assert panels.uploaded_bytes(()) is None


def test_start_again_asks_first(record_file: Path):
    store.record("run", START)
    box = panels.files_panel()
    clear, confirm = box.children[5], box.children[6]
    clear.click()
    assert confirm.layout.display == "" and record_file.exists()
    confirm.children[1].children[1].click()  # No, keep it
    assert record_file.exists()
    clear.click()
    confirm.children[1].children[0].click()  # Yes, remove my progress
    assert not record_file.exists() and "removed" in html_text(box.children[7].value)


def test_before_run_all_each_panel_shows_its_instruction_and_a_still_picture():
    for builder in (panels.progress_panel, panels.revise_panel, panels.files_panel):
        stored = widget_bundle(builder(), "Run the notebook to use it.")
        assert "Run the notebook to use it." in stored["text/html"] and "<button type=\"button\" disabled>" in stored["text/html"]
    revise = words_of(widget_bundle(panels.revise_panel(), "Run the notebook to use it.")["text/html"])
    assert "Run the notebook to use it." in revise and "Nothing to revise yet" in revise  # a first visit: no questions
    assert "Chart: Your self-checks, lesson by lesson" in html_text(widget_bundle(panels.progress_panel(), "x")["text/html"])


def test_words_from_the_data_are_escaped_in_every_panel():
    from datetime import date

    from legpain.progress.summary import LessonProgress
    from legpain.templating import render

    bad = "<script>alert(1)</script>"
    rows = [LessonProgress("00_start_here", bad, 5, 1, 1, 0, 0, date(2026, 1, 2))]
    html = render("progress_table.html", rows=rows) + render("figure_summary.html", summary=progress_summary(rows))
    html += render("progress_revise_prompt.html", lesson=bad, prompt=bad)
    html += panels.download_html(bad, file_name='x" onclick="alert(1)')
    assert "<script>" not in html and 'onclick="' not in html and "&lt;script&gt;" in html
