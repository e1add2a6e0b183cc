"""Lesson 09 (case studies): the cases, the timeline's stage markers and the feedback words.

The cases live in ``data/lessons/09_case_studies.yaml``. Each case carries its stage: a week
of pregnancy or a number of days after the birth. Each loader validates its section once
and cross-checks it against the course (symptoms, causes, rules).
"""

from __future__ import annotations

from string import Formatter
from typing import Literal, Optional

from pydantic import Field

from ...levels import Level
from ...triage import DAYS_AFTER_BIRTH, WEEKS, Stage, check_symptoms
from ..course import Course, load_course
from ..errors import DataError
from ..fields import Row as _Item
from . import lesson_section

LESSON_ID = "09_case_studies"
FILE = f"data/lessons/{LESSON_ID}.yaml"


def _stage_words(stage: Stage) -> str:
    """'32 weeks pregnant' or '10 days after the birth'."""
    if stage.weeks is not None:
        return f"{stage.weeks} weeks pregnant"
    days = stage.days_after_birth
    return f"{days} day{'' if days == 1 else 's'} after the birth"


class StageMatters(_Item):
    """The same story at another stage, where the engine gives another level."""

    compare_weeks: Optional[int] = Field(default=None, ge=WEEKS[0], le=WEEKS[1])
    compare_days_after_birth: Optional[int] = Field(default=None, ge=DAYS_AFTER_BIRTH[0], le=DAYS_AFTER_BIRTH[1])
    note: str = Field(min_length=10)
    source_ids: list[str] = Field(min_length=1)

    @property
    def stage(self) -> Stage:
        return Stage(self.compare_weeks, self.compare_days_after_birth)


class Case(_Item):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: str = Field(min_length=1)
    weeks: Optional[int] = Field(default=None, ge=WEEKS[0], le=WEEKS[1])
    days_after_birth: Optional[int] = Field(default=None, ge=DAYS_AFTER_BIRTH[0], le=DAYS_AFTER_BIRTH[1])
    story: str = Field(min_length=20)
    symptom_ids: list[str] = Field(min_length=1)
    level: Level
    likely_cause: str
    why: str = Field(min_length=20)
    advise: str = Field(min_length=20)
    stage_matters: Optional[StageMatters] = None
    source_ids: list[str] = Field(min_length=1)

    @property
    def stage(self) -> Stage:
        return Stage(self.weeks, self.days_after_birth)

    @property
    def after_birth(self) -> bool:
        return self.days_after_birth is not None

    @property
    def title(self) -> str:
        return f"{self.name}, {_stage_words(self.stage)}"


class StageMarker(_Item):
    """A week of pregnancy or a day after the birth that changes the picture, for the timeline."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    week: Optional[int] = Field(default=None, ge=WEEKS[0], le=WEEKS[1])
    day_after_birth: Optional[int] = Field(default=None, ge=DAYS_AFTER_BIRTH[0], le=DAYS_AFTER_BIRTH[1])
    rule_id: Optional[str] = None
    short: str = Field(min_length=3, max_length=40)
    label: str = Field(min_length=5)
    source_ids: list[str] = Field(min_length=1)

    @property
    def after_birth(self) -> bool:
        return self.day_after_birth is not None

    @property
    def at(self) -> int:
        return self.day_after_birth if self.day_after_birth is not None else self.week  # type: ignore[return-value]


FeedbackId = Literal[
    "right", "too_low", "too_low_red_flag", "safe_higher", "higher", "cause_right", "cause_must_not_miss", "cause_other"
]
# The placeholders each kind of feedback may use: level names, the case's own reasoning and advice, cause names.
PLACEHOLDERS: dict[str, frozenset[str]] = {
    **{kind: frozenset({"chosen", "expected", "why", "advise"}) for kind in ("right", "too_low", "too_low_red_flag", "safe_higher", "higher")},
    **{kind: frozenset({"cause", "chosen_cause"}) for kind in ("cause_right", "cause_must_not_miss", "cause_other")},
}


class FeedbackText(_Item):
    id: FeedbackId
    text: str = Field(min_length=5)
    source_ids: list[str] = Field(default_factory=list)


def _check_stage(where: str, weeks: Optional[int], days: Optional[int], columns: tuple[str, str]) -> None:
    if (weeks is None) == (days is None):
        raise DataError(FILE, where, columns[0],
                        f"either '{columns[0]}' (a week of pregnancy) or '{columns[1]}' (days after the birth), not both or neither",
                        f"{weeks}, {days}")


def load_cases(course: Optional[Course] = None) -> list[Case]:
    """The validated cases; a missing stage, an unknown symptom or cause, or a repeated id raises one DataError."""
    course = course or load_course()
    cases = lesson_section(LESSON_ID, "cases", Case, course)
    seen: set[str] = set()
    for i, case in enumerate(cases):
        where = f"cases[{i}]"
        if case.id in seen:
            raise DataError(FILE, where, "id", "a unique id", case.id)
        seen.add(case.id)
        _check_stage(where, case.weeks, case.days_after_birth, ("weeks", "days_after_birth"))
        if case.stage_matters is not None:
            other = case.stage_matters
            _check_stage(where, other.compare_weeks, other.compare_days_after_birth,
                         ("stage_matters.compare_weeks", "stage_matters.compare_days_after_birth"))
        try:
            check_symptoms(case.symptom_ids, course)
        except ValueError as exc:
            raise DataError(FILE, where, "symptom_ids", "ids from data/symptoms.csv", str(exc)) from None
        if case.likely_cause not in course.causes:
            raise DataError(FILE, where, "likely_cause", "an id from data/causes.csv", case.likely_cause)
    return cases


def load_stage_markers(course: Optional[Course] = None) -> list[StageMarker]:
    """The timeline's markers, pregnancy first; a marker tied to a rule must sit where the rule starts."""
    course = course or load_course()
    markers = lesson_section(LESSON_ID, "stage_markers", StageMarker, course)
    for i, marker in enumerate(markers):
        where = f"stage_markers[{i}]"
        _check_stage(where, marker.week, marker.day_after_birth, ("week", "day_after_birth"))
        if marker.rule_id is not None:
            rule = course.rules.get(marker.rule_id)
            if rule is None:
                raise DataError(FILE, where, "rule_id", "an id from data/rules.csv", marker.rule_id)
            if marker.week is None or rule.min_week != marker.week:
                raise DataError(FILE, where, "week", f"the week rule '{rule.id}' starts from ({rule.min_week})", marker.week)
    return sorted(markers, key=lambda m: (m.after_birth, m.at))


def load_feedback(course: Optional[Course] = None) -> dict[str, str]:
    """The feedback texts by kind; each kind exactly once, using only its own placeholders."""
    course = course or load_course()
    rows = lesson_section(LESSON_ID, "feedback", FeedbackText, course)
    texts: dict[str, str] = {}
    for i, row in enumerate(rows):
        where = f"feedback[{i}]"
        if row.id in texts:
            raise DataError(FILE, where, "id", "each kind of feedback once", row.id)
        allowed = PLACEHOLDERS[row.id]
        for _, field_name, _, _ in Formatter().parse(row.text):
            if field_name is not None and field_name not in allowed:
                expected = "placeholders from " + ", ".join("{" + p + "}" for p in sorted(allowed))
                raise DataError(FILE, where, "text", expected, "{" + field_name + "}")
        texts[row.id] = row.text
    missing = sorted(set(PLACEHOLDERS) - set(texts))
    if missing:
        raise DataError(FILE, None, "feedback", "one text for each kind of feedback", "missing: " + ", ".join(missing))
    return texts
