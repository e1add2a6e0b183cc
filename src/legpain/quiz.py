"""Self-check questions: loaded from each lesson's data file, checked by a plain function."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Any, Optional

import ipywidgets as widgets
from pydantic import BaseModel, ConfigDict, Field, model_validator

from .data import Course, DataError, lesson_section, load_course
from .render import source_links_html
from .widgets import LABEL_STYLE, message_html, output_area

MIN_QUESTIONS = 3
MAX_QUESTIONS = 5


class Option(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    text: str = Field(min_length=1)
    correct: bool = False
    feedback: str = Field(min_length=10)


class Question(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    prompt: str = Field(min_length=10)
    options: list[Option] = Field(min_length=2, max_length=6)
    source_ids: list[str] = Field(min_length=1)

    @model_validator(mode="after")
    def _one_correct(self) -> "Question":
        if sum(option.correct for option in self.options) != 1:
            raise ValueError("exactly one option with 'correct: true'")
        return self


@dataclass(frozen=True)
class Feedback:
    """The result of checking one answer."""

    correct: Optional[bool]
    html: str


def load_quiz(lesson_id: str, course: Optional[Course] = None) -> list[Question]:
    """The lesson's 3 to 5 self-check questions."""
    course = course or load_course()
    questions = lesson_section(lesson_id, "quiz", Question, course)
    name = f"data/lessons/{lesson_id}.yaml"
    if not MIN_QUESTIONS <= len(questions) <= MAX_QUESTIONS:
        raise DataError(name, None, "quiz", f"{MIN_QUESTIONS} to {MAX_QUESTIONS} questions", f"{len(questions)} questions")
    ids = [q.id for q in questions]
    if len(ids) != len(set(ids)):
        raise DataError(name, None, "quiz", "unique question ids", ids)
    return questions


def check_answer(question: Question, choice: Any, course: Optional[Course] = None) -> Feedback:
    """Feedback on one answer: right or wrong, and why. ``choice`` is an option index or None."""
    if choice is None:
        return Feedback(None, message_html("Choose an answer first, then press Check.", "info"))
    if isinstance(choice, bool) or not isinstance(choice, int) or not 0 <= choice < len(question.options):
        return Feedback(None, message_html(f"Choose one of the {len(question.options)} answers listed.", "error"))
    option = question.options[choice]
    right = next(o for o in question.options if o.correct)
    sources = source_links_html(question.source_ids, course)
    if option.correct:
        text = f"Correct. {option.feedback}"
        return Feedback(True, message_html(text, "success") + f"<p>Sources: {sources}</p>")
    text = f"Not quite. {option.feedback} The best answer is: {right.text}"
    return Feedback(False, message_html(text, "error") + f"<p>Sources: {sources}</p>")


def question_widget(question: Question, number: int) -> widgets.VBox:
    """One question: the prompt, labelled answer buttons, a Check button and the feedback."""
    prompt = widgets.HTML(f"<p><strong>Question {number}.</strong> {escape(question.prompt)}</p>")
    choices = widgets.RadioButtons(
        options=[(option.text, i) for i, option in enumerate(question.options)],
        value=None,
        description="Your answer:",
        style=LABEL_STYLE,
        layout=widgets.Layout(width="auto"),
    )
    check = widgets.Button(description="Check", tooltip=f"Check your answer to question {number}", button_style="primary")
    feedback = output_area()

    def on_check(_: Any) -> None:
        feedback.value = check_answer(question, choices.value).html

    check.on_click(on_check)
    box = widgets.VBox([prompt, choices, check, feedback])
    box.add_class("legpain-quiz-question")
    return box


def quiz_widget(lesson_id: str) -> widgets.VBox:
    """Every self-check question of a lesson."""
    questions = load_quiz(lesson_id)
    box = widgets.VBox([question_widget(q, i) for i, q in enumerate(questions, start=1)])
    box.add_class("legpain-quiz")
    return box
