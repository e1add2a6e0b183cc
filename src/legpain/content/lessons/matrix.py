"""Lesson 08 (the symptom-to-advice matrix): the words every explorer panel shows at its top.

The explorer itself reads data/matrix.csv, data/symptoms.csv, data/causes.csv and data/advice.csv.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Optional

from pydantic import Field

from ..course import Course, load_course
from ..errors import DataError
from ..fields import Sourced
from ..reader import check_sources, validate
from . import lesson_file

LESSON_ID = "08_symptom_advice_matrix"
FILE = f"data/lessons/{LESSON_ID}.yaml"


class Notice(Sourced):
    text: str = Field(min_length=20)


def load_not_for_diagnosis(course: Optional[Course] = None) -> Notice:
    """What the explorer says before anything else: it is for learning, and where a woman goes."""
    return _notice((course or load_course()).data_dir)


@lru_cache(maxsize=8)
def _notice(folder: Path) -> Notice:
    course = load_course(folder)
    raw = lesson_file(LESSON_ID, course).get("not_for_diagnosis")
    if not isinstance(raw, dict):
        raise DataError(FILE, None, "not_for_diagnosis", "a mapping with a text and its source_ids", type(raw).__name__)
    notice: Notice = validate(Notice, raw, FILE, "not_for_diagnosis")
    check_sources([("not_for_diagnosis", notice)], course.sources, FILE)
    return notice
