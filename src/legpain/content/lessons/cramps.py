"""Lesson 04 (cramps and blood chemistry): restless legs by stage of pregnancy, and the cramp picker's features.

Both live in ``data/lessons/04_cramps_and_blood_chemistry.yaml``.
"""

from __future__ import annotations

from typing import Optional

from pydantic import Field

from ..course import Course, load_course
from ..errors import DataError
from ..fields import Row
from . import lesson_section, load_symptom_items

LESSON_ID = "04_cramps_and_blood_chemistry"
POOLED = "pooled"


class Prevalence(Row):
    """The share of women with restless legs syndrome at one stage of pregnancy."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    period: str = Field(min_length=3)
    percent: float = Field(gt=0, le=100)
    estimate: str = Field(min_length=3)
    source_ids: list[str] = Field(min_length=1)


class EstimateLabel(Row):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str = Field(min_length=3)
    source_ids: list[str] = Field(min_length=1)


def load_prevalence(course: Optional[Course] = None) -> tuple[list[Prevalence], dict[str, str]]:
    """The prevalence rows and the legend label of each kind of estimate, validated."""
    course = course or load_course()
    rows = lesson_section(LESSON_ID, "rls_prevalence", Prevalence, course)
    labels = {item.id: item.label for item in lesson_section(LESSON_ID, "rls_estimate_labels", EstimateLabel, course)}
    name = f"data/lessons/{LESSON_ID}.yaml"
    for i, row in enumerate(rows):
        if row.estimate not in labels:
            raise DataError(name, f"rls_prevalence[{i}]", "estimate", "a kind listed in rls_estimate_labels", row.estimate)
    if not any(row.estimate == POOLED for row in rows):
        raise DataError(name, None, "rls_prevalence", "at least one 'pooled' estimate")
    return rows, labels


class PickerFeature(Row):
    """A tick box of the picker; its label is the symptom's own label."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    symptom_id: str
    source_ids: list[str] = Field(min_length=1)


def load_picker(course: Optional[Course] = None) -> list[PickerFeature]:
    """The picker's tick boxes, validated against the symptom list."""
    return load_symptom_items(LESSON_ID, "picker_features", PickerFeature, course)
