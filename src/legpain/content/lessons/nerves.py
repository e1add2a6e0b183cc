"""Lesson 03 (nerve compression): the nerve problems, how common each is, and the picker's symptoms.

All three live in ``data/lessons/03_nerve_compression.yaml``. A problem's areas are the
body areas the lesson's figure can draw (:data:`AreaId`).
"""

from __future__ import annotations

from typing import Literal, Optional

from pydantic import Field

from ..course import Course, load_course
from ..errors import DataError
from ..fields import Row
from . import lesson_section, load_symptom_items

LESSON_ID = "03_nerve_compression"
LESSON_FILE = f"data/lessons/{LESSON_ID}.yaml"

AreaId = Literal["lower_back", "buttock", "back_of_thigh", "lower_leg_and_foot", "saddle", "front_outer_thigh", "both_legs"]


class NerveProblem(Row):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: str = Field(min_length=3)
    cause_id: str
    areas: list[AreaId] = Field(min_length=1)
    felt_as: str = Field(min_length=10)
    source_ids: list[str] = Field(min_length=1)


class HowCommon(Row):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str = Field(min_length=3)
    count: float = Field(gt=0)
    out_of: float = Field(gt=0)
    basis: str = Field(min_length=5)
    source_ids: list[str] = Field(min_length=1)

    @property
    def per_10000(self) -> float:
        return self.count / self.out_of * 10_000


def load_nerve_problems(course: Optional[Course] = None) -> list[NerveProblem]:
    """The nerve problems of the lesson, each checked against data/causes.csv."""
    course = course or load_course()
    problems = lesson_section(LESSON_ID, "nerve_problems", NerveProblem, course)
    for i, problem in enumerate(problems):
        if problem.cause_id not in course.causes:
            raise DataError(LESSON_FILE, f"nerve_problems[{i}]", "cause_id", "an id from data/causes.csv", problem.cause_id)
    return problems


def load_how_common(course: Optional[Course] = None) -> list[HowCommon]:
    """How often each condition happens; a count cannot exceed the group it is out of."""
    course = course or load_course()
    rows = lesson_section(LESSON_ID, "how_common", HowCommon, course)
    for i, row in enumerate(rows):
        if row.count > row.out_of:
            raise DataError(LESSON_FILE, f"how_common[{i}]", "count", f"at most out_of ({row.out_of:g})", row.count)
    return rows


class PickerItem(Row):
    symptom_id: str
    source_ids: list[str] = Field(min_length=1)


def load_picker(course: Optional[Course] = None) -> list[PickerItem]:
    """The symptoms offered in the picker, each checked against data/symptoms.csv."""
    return load_symptom_items(LESSON_ID, "picker", PickerItem, course)
