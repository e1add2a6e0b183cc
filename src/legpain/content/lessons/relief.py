"""Lesson 07 (relief toolkit): evidence grades, problems, measures, painkiller cautions and the clot question.

All of it lives in ``data/lessons/07_relief_toolkit.yaml``. :func:`load_toolkit` validates
each section once and cross-checks them (grades, problems, one painkiller row per drug and
week) into one :class:`Toolkit`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Optional

from pydantic import Field, ValidationError

from ...stages import WEEKS
from ..course import Course, load_course
from ..errors import DataError
from ..fields import Row as _Item
from ..reader import unique_items
from . import lesson_file, lesson_section

LESSON_ID = "07_relief_toolkit"
FILE = f"data/lessons/{LESSON_ID}.yaml"
FIRST_WEEK, LAST_WEEK = WEEKS


class Grade(_Item):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    rank: int = Field(ge=0, le=10)
    short: str = Field(min_length=3)
    label: str = Field(min_length=10)
    source_ids: list[str] = Field(min_length=1)


class Problem(_Item):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str = Field(min_length=3)
    cause_id: str
    source_ids: list[str] = Field(min_length=1)


class Finding(_Item):
    text: str = Field(min_length=10)
    source_ids: list[str] = Field(min_length=1)


class Measure(_Item):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: str = Field(min_length=3)
    problems: list[str] = Field(min_length=1)
    grade: str
    how: str = Field(min_length=10)
    caution: Optional[Finding] = None
    evidence: list[Finding] = Field(min_length=1)


class Painkiller(_Item):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    drug: Literal["paracetamol", "nsaid", "nsaid_gel"]
    from_week: int = Field(ge=FIRST_WEEK, le=LAST_WEEK)
    to_week: int = Field(ge=FIRST_WEEK, le=LAST_WEEK)
    text: str = Field(min_length=10)
    source_ids: list[str] = Field(min_length=1)


class SafetyNote(_Item):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    text: str = Field(min_length=10)
    source_ids: list[str] = Field(min_length=1)


class ClotCheck(_Item):
    question: str = Field(min_length=5)
    signs: str = Field(min_length=10)
    unanswered: str = Field(min_length=10)
    stop: str = Field(min_length=10)
    advice_ids: list[str] = Field(min_length=1)
    source_ids: list[str] = Field(min_length=1)


@dataclass(frozen=True)
class Toolkit:
    """The validated relief data of the lesson."""

    grades: dict[str, Grade]
    problems: dict[str, Problem]
    measures: list[Measure]
    painkillers: list[Painkiller]
    safety_notes: list[SafetyNote]
    clot_check: ClotCheck

    @property
    def max_rank(self) -> int:
        return max(g.rank for g in self.grades.values())

    def measures_for(self, problem_id: str) -> list[Measure]:
        """The measures offered for a problem, strongest evidence first (data order within a grade)."""
        found = [m for m in self.measures if problem_id in m.problems]
        return sorted(found, key=lambda m: -self.grades[m.grade].rank)

    def painkillers_at(self, weeks: int) -> list[Painkiller]:
        return [p for p in self.painkillers if p.from_week <= weeks <= p.to_week]


def load_toolkit(course: Optional[Course] = None) -> Toolkit:
    """Load and cross-check the relief data; a mistake raises one :class:`DataError`."""
    course = course or load_course()
    grades_list = lesson_section(LESSON_ID, "grades", Grade, course)
    problems_list = lesson_section(LESSON_ID, "problems", Problem, course)
    measures = lesson_section(LESSON_ID, "measures", Measure, course)
    painkillers = lesson_section(LESSON_ID, "painkillers", Painkiller, course)
    notes = lesson_section(LESSON_ID, "safety_notes", SafetyNote, course)
    clot_check = _load_clot_check(course)

    grades = unique_items(grades_list, FILE, "grades")
    ranks = [g.rank for g in grades_list]
    if len(ranks) != len(set(ranks)):
        raise DataError(FILE, None, "grades", "a different rank for every grade", ranks)
    problems = unique_items(problems_list, FILE, "problems")
    for i, problem in enumerate(problems_list):
        if problem.cause_id not in course.causes:
            raise DataError(FILE, f"problems[{i}]", "cause_id", "an id from data/causes.csv", problem.cause_id)
    unique_items(measures, FILE, "measures")
    for i, measure in enumerate(measures):
        if measure.grade not in grades:
            raise DataError(FILE, f"measures[{i}]", "grade", f"one of the grade ids ({', '.join(grades)})", measure.grade)
        for problem_id in measure.problems:
            if problem_id not in problems:
                raise DataError(FILE, f"measures[{i}]", "problems", f"one of the problem ids ({', '.join(problems)})", problem_id)
    for problem_id in problems:
        if not any(problem_id in m.problems for m in measures):
            raise DataError(FILE, None, "measures", f"at least one measure for the problem '{problem_id}'")
    unique_items(painkillers, FILE, "painkillers")
    for i, row in enumerate(painkillers):
        if row.from_week > row.to_week:
            raise DataError(FILE, f"painkillers[{i}]", "to_week", f"a week at or after from_week ({row.from_week})", row.to_week)
    for drug in sorted({p.drug for p in painkillers}):
        for week in range(FIRST_WEEK, LAST_WEEK + 1):
            covering = [p.id for p in painkillers if p.drug == drug and p.from_week <= week <= p.to_week]
            if len(covering) != 1:
                raise DataError(FILE, None, "painkillers", f"exactly one '{drug}' row that covers week {week}", ", ".join(covering) or "none")
    return Toolkit(grades, problems, measures, painkillers, notes, clot_check)


def _load_clot_check(course: Course) -> ClotCheck:
    raw = lesson_file(LESSON_ID, course).get("clot_check")
    if not isinstance(raw, dict):
        raise DataError(FILE, "clot_check", None, "a mapping with the clot question asked before any relief", type(raw).__name__)
    try:
        check = ClotCheck.model_validate(raw)
    except ValidationError as exc:
        error = exc.errors()[0]
        column = ".".join(str(part) for part in error["loc"]) or None
        raise DataError(FILE, "clot_check", column, error["msg"]) from None
    for advice_id in check.advice_ids:
        if advice_id not in course.advice:
            raise DataError(FILE, "clot_check", "advice_ids", "an id from data/advice.csv", advice_id)
    for source_id in check.source_ids:
        if source_id not in course.sources:
            raise DataError(FILE, "clot_check", "source_ids", "an id from data/sources.csv", source_id)
    return check
