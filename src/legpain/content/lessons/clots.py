"""Lesson 06 (clots and inflamed veins): relative risk by period, and which leg the clots were in.

Both live in ``data/lessons/06_clots_and_inflamed_veins.yaml``.
"""

from __future__ import annotations

from typing import Optional

from pydantic import Field

from ..course import Course, load_course
from ..errors import DataError
from ..fields import Row
from . import lesson_section

LESSON_ID = "06_clots_and_inflamed_veins"
LESSON_FILE = f"data/lessons/{LESSON_ID}.yaml"


class RelativeRisk(Row):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    period: str = Field(min_length=3)
    relative_risk: float = Field(gt=0)
    note: str = Field(min_length=5)
    source_ids: list[str] = Field(min_length=1)


class LegSide(Row):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    side: str = Field(min_length=3)
    women: int = Field(ge=0)
    source_ids: list[str] = Field(min_length=1)


def load_relative_risk(course: Optional[Course] = None) -> list[RelativeRisk]:
    """The periods to compare; exactly one of them is the comparison group (relative risk 1)."""
    course = course or load_course()
    rows = lesson_section(LESSON_ID, "relative_risk", RelativeRisk, course)
    baselines = [r for r in rows if r.relative_risk == 1]
    if len(baselines) != 1:
        raise DataError(LESSON_FILE, None, "relative_risk", "exactly one comparison group with relative_risk 1", len(baselines))
    return rows


def load_leg_side(course: Optional[Course] = None) -> list[LegSide]:
    course = course or load_course()
    rows = lesson_section(LESSON_ID, "leg_side", LegSide, course)
    if sum(r.women for r in rows) == 0:
        raise DataError(LESSON_FILE, None, "leg_side", "at least one woman counted", 0)
    return rows
