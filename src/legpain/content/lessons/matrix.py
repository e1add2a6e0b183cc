"""Lesson 08 (the symptom-to-advice matrix): the words every explorer panel shows at its top.

The explorer itself reads data/matrix.csv, data/symptoms.csv, data/causes.csv and data/advice.csv.
"""

from __future__ import annotations

from typing import Optional

from pydantic import Field

from ..course import Course
from ..fields import Sourced
from . import lesson_mapping

LESSON_ID = "08_symptom_advice_matrix"


class Notice(Sourced):
    text: str = Field(min_length=20)


def load_not_for_diagnosis(course: Optional[Course] = None) -> Notice:
    """What the explorer says before anything else: it is for learning, and where a woman goes."""
    notice: Notice = lesson_mapping(LESSON_ID, "not_for_diagnosis", Notice, course)
    return notice
