"""Lesson 01 (pelvic girdle pain): the clinical tests with their accuracy, the group the accuracy
explorer opens on, and the advice picker's symptoms.

Both live in ``data/lessons/01_pelvic_girdle_pain.yaml``. Accuracy is a proportion, or a
range of reported values, from 0 to 1.
"""

from __future__ import annotations

from typing import Optional

from pydantic import Field, model_validator

from ..course import Course, load_course
from ..errors import DataError
from ..fields import Row as _Item
from . import lesson_section, load_symptom_items

LESSON_ID = "01_pelvic_girdle_pain"


class Range(_Item):
    """A proportion from 0 to 1, or a range of reported values (low == high for one value)."""

    low: float = Field(ge=0, le=1)
    high: float = Field(ge=0, le=1)

    @model_validator(mode="after")
    def _ordered(self) -> "Range":
        if self.low > self.high:
            raise ValueError("'low' no larger than 'high'")
        return self


class ProvocationTest(_Item):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: str = Field(min_length=3)
    short: str = Field(min_length=2)
    how: str = Field(min_length=10)
    positive: str = Field(min_length=10)
    sensitivity: Optional[Range] = None
    specificity: Optional[Range] = None
    # Who each was measured in, when that is not simply "pregnant women with PGP" (sensitivity) or
    # "pregnant women without PGP" (specificity).
    sensitivity_in: Optional[str] = Field(default=None, min_length=10)
    specificity_in: Optional[str] = Field(default=None, min_length=10)
    note: str = Field(min_length=10)
    source_ids: list[str] = Field(min_length=1)


class AccuracyGroup(_Item):
    """How many of 100 pregnant women have PGP when the accuracy explorer opens."""

    with_pgp_in_100: int = Field(ge=1, le=99)
    source_ids: list[str] = Field(min_length=1)


class PickerSymptom(_Item):
    symptom_id: str
    source_ids: list[str] = Field(min_length=1)


def load_tests(course: Optional[Course] = None) -> list[ProvocationTest]:
    """The lesson's clinical tests, validated; ids must be unique."""
    course = course or load_course()
    tests = lesson_section(LESSON_ID, "tests", ProvocationTest, course)
    seen: set[str] = set()
    for i, test in enumerate(tests):
        if test.id in seen:
            raise DataError(f"data/lessons/{LESSON_ID}.yaml", f"tests[{i}]", "id", "a unique id", test.id)
        seen.add(test.id)
    return tests


def load_with_pgp_in_100(course: Optional[Course] = None) -> int:
    """How many of 100 pregnant women have PGP when the accuracy explorer opens (one row)."""
    rows = lesson_section(LESSON_ID, "accuracy_group", AccuracyGroup, course)
    if len(rows) != 1:
        raise DataError(f"data/lessons/{LESSON_ID}.yaml", None, "accuracy_group", "exactly one row", f"{len(rows)} rows")
    return rows[0].with_pgp_in_100


def load_picker(course: Optional[Course] = None) -> list[PickerSymptom]:
    """The symptoms offered by the advice picker; each must exist in data/symptoms.csv."""
    return load_symptom_items(LESSON_ID, "picker", PickerSymptom, course)
