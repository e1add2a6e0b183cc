"""What a student's record means: her progress per lesson, and the questions she still has to revise.

Plain functions of the events in ``store`` and of the course's data, tested with pytest.

- A self-check is **done** once she answered it right, or used both tries (the answer was shown).
- **Right at the first try** counts the questions whose very first answer was right.
- The **revision round** holds every question whose very first answer was wrong. A question leaves
  it once she has answered it right at the first try of an asking (in the round or in its lesson)
  on two different days after that first wrong answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Iterable, Optional

from ..content.lessons.cases import LESSON_ID as CASES_LESSON, load_cases
from ..content.lessons.quiz import Question, load_quiz
from ..content import Course, load_course
from .store import day_of, merge

DAYS_TO_LEAVE = 2  # right answers, on different days, that move a question out of the round
TRIES = 2  # wrong answers after which the self-check shows the answer (as in legpain.quiz)


@dataclass(frozen=True)
class LessonProgress:
    lesson_id: str
    title: str
    total: int  # self-check questions in the lesson
    done: int
    first_try_right: int
    cases_total: int  # 0 for a lesson without case studies
    cases_triaged: int
    last_worked: Optional[date]


@dataclass(frozen=True)
class ToRevise:
    lesson_id: str
    question: Question
    right_days: int  # different days she has answered it right since the first wrong answer


def _answers(events: Iterable[dict[str, Any]], lesson_id: str, question_id: str) -> list[dict[str, Any]]:
    return [e for e in events if e["kind"] == "answer" and e["lesson"] == lesson_id and e["question"] == question_id]


def _first(answers: list[dict[str, Any]]) -> Optional[dict[str, Any]]:
    return next((a for a in answers if a["first_try"]), None)


def lesson_progress(events: Iterable[dict[str, Any]], course: Optional[Course] = None) -> list[LessonProgress]:
    """For every lesson, in course order: self-checks done, right at the first try, cases triaged, last day worked on."""
    course = course or load_course()
    events = merge(events)
    case_ids = {c.id for c in load_cases(course)}
    rows = []
    for lesson in course.lessons.values():
        questions = load_quiz(lesson.id, course)
        done = right = 0
        for question in questions:
            answers = _answers(events, lesson.id, question.id)
            if any(a["correct"] for a in answers) or sum(not a["correct"] for a in answers) >= TRIES:
                done += 1
            first = _first(answers)
            right += bool(first and first["correct"])
        mine = [e for e in events if e["lesson"] == lesson.id]
        triaged = {e["case"] for e in mine if e["kind"] == "triage" and e["case"] in case_ids}
        is_cases = lesson.id == CASES_LESSON
        rows.append(LessonProgress(
            lesson.id, lesson.title, len(questions), done, right,
            len(case_ids) if is_cases else 0, len(triaged) if is_cases else 0,
            max((day_of(e) for e in mine), default=None),
        ))
    return rows


def right_days(answers: list[dict[str, Any]], since: dict[str, Any]) -> int:
    """Different days with an answer right at the first try of an asking, after ``since`` (answers oldest first)."""
    after = answers[answers.index(since) + 1:]  # answers are oldest first
    return len({day_of(a) for a in after if a["correct"] and a["first_try"]})


def to_revise(events: Iterable[dict[str, Any]], course: Optional[Course] = None) -> list[ToRevise]:
    """Every question still in the revision round, in course order."""
    course = course or load_course()
    events = merge(events)
    left = []
    for lesson in course.lessons.values():
        for question in load_quiz(lesson.id, course):
            answers = _answers(events, lesson.id, question.id)
            first = _first(answers)
            if first is None or first["correct"]:
                continue
            days = right_days(answers, first)
            if days < DAYS_TO_LEAVE:
                left.append(ToRevise(lesson.id, question, days))
    return left


def lessons_touched(rows: list[LessonProgress]) -> int:
    return sum(1 for r in rows if r.last_worked is not None)


def progress_summary(rows: list[LessonProgress]) -> str:
    """The figure in words, for screen readers: one sentence per lesson worked on."""
    if not lessons_touched(rows):
        return "Nothing recorded yet: answer a self-check in any lesson, and your progress will show here."
    parts = []
    for r in rows:
        if r.last_worked is None:
            continue
        text = f"{r.title}: {r.done} of {r.total} self-checks done, {r.first_try_right} right at the first try"
        if r.cases_total:
            text += f", {r.cases_triaged} of {r.cases_total} cases triaged"
        parts.append(f"{text}, last worked on {r.last_worked:%d %B %Y}.")
    untouched = len(rows) - len(parts)
    if untouched:
        parts.append(f"{untouched} lesson(s) not started yet.")
    return " ".join(parts)


def ever_wrong(events: Iterable[dict[str, Any]]) -> bool:
    """Whether any self-check's first answer was wrong (so the round has had questions)."""
    firsts: dict[tuple[str, str], dict[str, Any]] = {}
    for event in merge(events):
        if event["kind"] == "answer" and event["first_try"]:
            firsts.setdefault((event["lesson"], event["question"]), event)
    return any(not e["correct"] for e in firsts.values())


def left_text(count: int, had_any: bool = True) -> str:
    """How many questions are left in the round, in words."""
    if count == 0 and not had_any:
        return "Nothing to revise yet: a self-check you answer wrongly at the first try, in any lesson, comes here to be asked again."
    if count == 0:
        return "No questions left to revise: you have answered each one you first got wrong right on two different days."
    questions = "1 question" if count == 1 else f"{count} questions"
    return (f"{questions} left to revise. A question leaves the round once you answer it right at the first try "
            f"on {DAYS_TO_LEAVE} different days.")
