"""The self-check questions: the ``quiz:`` list of each lesson file, validated once.

A question has a prompt, three to five options in display order (exactly one ``correct``; an
option marked ``safe`` is a more urgent route than needed, never scolded) and its sources.
:func:`questions_as_shown` is the view ``python -m legpain quiz --json`` prints.
"""

from __future__ import annotations

from typing import Any, Iterable, Optional

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..course import Course, load_course
from ..errors import DataError
from . import lesson_section

MIN_QUESTIONS = 3
MAX_QUESTIONS = 6
MIN_OPTIONS = 3  # with fewer, a second try would give the answer away
MAX_OPTIONS = 5


class Option(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    text: str = Field(min_length=1)
    correct: bool = False
    safe: bool = False
    feedback: str = Field(min_length=10)
    source_ids: list[str] = Field(min_length=1)

    @model_validator(mode="after")
    def _not_both(self) -> "Option":
        if self.correct and self.safe:
            raise ValueError("an option that is either 'correct' or 'safe' (a safe over-triage), not both")
        return self


class Question(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    prompt: str = Field(min_length=10)
    options: list[Option] = Field(min_length=MIN_OPTIONS, max_length=MAX_OPTIONS)
    source_ids: list[str] = Field(min_length=1)

    @model_validator(mode="after")
    def _one_correct(self) -> "Question":
        if sum(option.correct for option in self.options) != 1:
            raise ValueError("exactly one option with 'correct: true'")
        if len({option.text.casefold() for option in self.options}) != len(self.options):
            raise ValueError("options with different texts")
        return self

    @property
    def answer(self) -> int:
        """The position of the right option, counting from 0, in display order."""
        return next(i for i, option in enumerate(self.options) if option.correct)


def load_quiz(lesson_id: str, course: Optional[Course] = None) -> list[Question]:
    """The lesson's self-check questions, in the order shown."""
    course = course or load_course()
    questions = lesson_section(lesson_id, "quiz", Question, course)
    name = f"data/lessons/{lesson_id}.yaml"
    if not MIN_QUESTIONS <= len(questions) <= MAX_QUESTIONS:
        raise DataError(name, None, "quiz", f"{MIN_QUESTIONS} to {MAX_QUESTIONS} questions", f"{len(questions)} questions")
    ids = [q.id for q in questions]
    if len(ids) != len(set(ids)):
        raise DataError(name, None, "quiz", "unique question ids", ids)
    return questions


def questions_as_shown(lesson_ids: Optional[Iterable[str]] = None, course: Optional[Course] = None) -> list[dict[str, Any]]:
    """Every self-check question as a student sees it, for ``python -m legpain quiz --json``.

    Each question has ``lesson``, ``id``, ``question``, ``options`` in display order (each with
    ``text``, ``feedback`` and ``source_ids``), ``answer`` (the index of the right option) and
    ``source_ids``. Without lesson ids, every lesson in data/lessons.csv is included, in order.
    """
    course = course or load_course()
    if lesson_ids is None:
        lesson_ids = list(course.lessons)
    shown = []
    for lesson_id in lesson_ids:
        for question in load_quiz(lesson_id, course):
            shown.append(
                {
                    "lesson": lesson_id,
                    "id": question.id,
                    "question": question.prompt,
                    "options": [
                        {"text": o.text, "feedback": o.feedback, "source_ids": list(o.source_ids)} for o in question.options
                    ],
                    "answer": question.answer,
                    "source_ids": list(question.source_ids),
                }
            )
    return shown
