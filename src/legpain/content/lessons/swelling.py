"""Lesson 02 (swelling and oedema): the Cochrane review's interventions, and the swelling sorter's menu, tick boxes and notes.

All of it lives in ``data/lessons/02_swelling_oedema.yaml``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Optional

from pydantic import Field

from ..course import Course, load_course
from ..errors import DataError
from ..fields import Row
from . import lesson_section, load_symptom_items

LESSON_ID = "02_swelling_oedema"
FILE = f"data/lessons/{LESSON_ID}.yaml"


class Intervention(Row):
    """One treatment for leg oedema, as tested in the Cochrane review."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: str = Field(min_length=2)
    detail: str = Field(min_length=5)
    outcome: str = Field(min_length=3)
    finding: Literal["helped", "no clear difference"]
    estimate: str = Field(min_length=3)
    trials: int = Field(ge=1)
    women: int = Field(ge=1)
    quality: Literal["very low", "low", "moderate", "high"]
    source_ids: list[str] = Field(min_length=1)


def load_interventions(course: Optional[Course] = None) -> list[Intervention]:
    """The interventions listed in data/lessons/02_swelling_oedema.yaml, validated."""
    return lesson_section(LESSON_ID, "interventions", Intervention, course)


class _Item(Row):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    source_ids: list[str] = Field(min_length=1)


class SorterPattern(_Item):
    """One choice of the 'pattern of swelling' menu and the symptoms it stands for."""

    label: str = Field(min_length=3)
    symptom_ids: list[str] = Field(min_length=1)


class SorterFeature(_Item):
    """A tick box for one more feature; its label is the symptom's own label."""

    symptom_id: str


class SorterNote(_Item):
    """Why a cause has left the list before its ``from_week``, shown when one of its warning signs is chosen."""

    cause_id: str
    text: str = Field(min_length=10)


@dataclass(frozen=True)
class SorterData:
    patterns: list[SorterPattern]
    features: list[SorterFeature]
    notes: list[SorterNote]


def load_sorter(course: Optional[Course] = None) -> SorterData:
    """The sorter's menu, tick boxes and notes, validated against the symptoms and causes."""
    course = course or load_course()
    patterns = lesson_section(LESSON_ID, "sorter_patterns", SorterPattern, course)
    for i, pattern in enumerate(patterns):
        for symptom_id in pattern.symptom_ids:
            if symptom_id not in course.symptoms:
                raise DataError(FILE, f"sorter_patterns[{i}]", "symptom_ids", "ids from data/symptoms.csv", symptom_id)
    features = load_symptom_items(LESSON_ID, "sorter_features", SorterFeature, course)
    notes = lesson_section(LESSON_ID, "sorter_notes", SorterNote, course)
    for i, note in enumerate(notes):
        cause = course.causes.get(note.cause_id)
        if cause is None or cause.from_week is None:
            raise DataError(FILE, f"sorter_notes[{i}]", "cause_id", "a cause in data/causes.csv that has a from_week", note.cause_id)
    return SorterData(patterns, features, notes)
