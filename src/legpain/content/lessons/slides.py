"""A lesson file's ``slides`` section: what its slide deck adds to the notebook's own figures.

Today one thing: a worked example of the symptom checker (lesson 08), shown on the slide after the
heading it names, with its banner and the likely causes.
"""

from __future__ import annotations

from typing import Optional

from pydantic import Field, StrictInt

from ...stages import WEEKS
from ..course import Course, load_course
from ..errors import DataError
from ..fields import Row
from . import lesson_file, lesson_mapping


class CheckerExample(Row):
    heading: str = Field(min_length=3)
    symptoms: list[str] = Field(min_length=1)
    weeks: Optional[StrictInt] = Field(default=None, ge=WEEKS[0], le=WEEKS[1])


class LessonSlides(Row):
    checker_example: Optional[CheckerExample] = None


def load_checker_example(lesson_id: str, course: Optional[Course] = None) -> Optional[CheckerExample]:
    """The lesson's worked example for its slides, if it has one; its symptoms must be in data/symptoms.csv."""
    course = course or load_course()
    if "slides" not in lesson_file(lesson_id, course):
        return None
    slides: LessonSlides = lesson_mapping(lesson_id, "slides", LessonSlides, course)
    example = slides.checker_example
    for symptom_id in example.symptoms if example else []:
        if symptom_id not in course.symptoms:
            raise DataError(f"data/lessons/{lesson_id}.yaml", "slides.checker_example", "symptoms", "ids from data/symptoms.csv", symptom_id)
    return example
