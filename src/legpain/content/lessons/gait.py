"""Lesson 05 (posture, gait and muscle strain): the body changes and the "which change?" scenarios.

Both live in ``data/lessons/05_posture_gait_and_muscle_strain.yaml``. A scenario's answer is
a change id or ``NONE_ANSWER``; its symptoms must exist in data/symptoms.csv.
"""

from __future__ import annotations

from typing import Literal, Optional

from pydantic import Field

from ..course import Course, load_course
from ..errors import DataError
from ..fields import Row as _Item
from ..reader import unique_items
from . import lesson_section

LESSON_ID = "05_posture_gait_and_muscle_strain"
NONE_ANSWER = "none"
FILE = f"data/lessons/{LESSON_ID}.yaml"


class Change(_Item):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    measure: str = Field(min_length=3)
    direction: Literal["increase", "decrease"]
    label: str = Field(min_length=2)
    consistent: bool
    explanation: str = Field(min_length=10)
    source_ids: list[str] = Field(min_length=1)


class Scenario(_Item):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    prompt: str = Field(min_length=10)
    answer: str
    explanation: str = Field(min_length=10)
    advice: str = Field(min_length=10)
    symptom_ids: list[str] = Field(default_factory=list)
    source_ids: list[str] = Field(min_length=1)


def load_changes(course: Optional[Course] = None) -> list[Change]:
    """The body changes of pregnancy that the lesson teaches, with their direction."""
    course = course or load_course()
    changes = lesson_section(LESSON_ID, "changes", Change, course)
    unique_items(changes, FILE, "changes")
    if any(c.id == NONE_ANSWER for c in changes):
        raise DataError(FILE, "changes", "id", f"no change with the reserved id '{NONE_ANSWER}'", NONE_ANSWER)
    return changes


def load_scenarios(course: Optional[Course] = None) -> list[Scenario]:
    """The scenarios; each answer is a change id or 'none', each symptom id exists."""
    course = course or load_course()
    change_ids = {c.id for c in load_changes(course)}
    scenarios = lesson_section(LESSON_ID, "scenarios", Scenario, course)
    unique_items(scenarios, FILE, "scenarios")
    for i, scenario in enumerate(scenarios):
        if scenario.answer != NONE_ANSWER and scenario.answer not in change_ids:
            raise DataError(FILE, f"scenarios[{i}]", "answer", f"an id from 'changes' or '{NONE_ANSWER}'", scenario.answer)
        for symptom_id in scenario.symptom_ids:
            if symptom_id not in course.symptoms:
                raise DataError(FILE, f"scenarios[{i}]", "symptom_ids", "an id from data/symptoms.csv", symptom_id)
    return scenarios
