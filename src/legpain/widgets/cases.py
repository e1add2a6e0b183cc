"""Case studies: short stories for students to triage, with feedback and a model answer.

The cases live in ``data/lessons/09_case_studies.yaml``. :func:`check_triage` is the
plain callback behind the Check button and :func:`model_answer_html` the one behind
"Show model answer"; :func:`case_trainer` wires them to labelled controls.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Any, Optional

import ipywidgets as widgets
from pydantic import BaseModel, ConfigDict, Field

from ..data import Course, DataError, lesson_section, load_course
from ..levels import LEVELS, Level
from ..render import level_banner_html, source_links_html
from ..triage import assess, check_symptoms, check_weeks
from . import CONTROL_LAYOUT, LABEL_STYLE, heading_html, message_html, output_area, show_widget

LESSON_ID = "09_case_studies"
FILE = f"data/lessons/{LESSON_ID}.yaml"


class _Item(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class WeekMatters(_Item):
    compare_week: int = Field(ge=1, le=42)
    note: str = Field(min_length=10)


class Case(_Item):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: str = Field(min_length=1)
    weeks: int = Field(ge=1, le=42)
    story: str = Field(min_length=20)
    symptom_ids: list[str] = Field(min_length=1)
    level: Level
    likely_cause: str
    why: str = Field(min_length=20)
    advise: str = Field(min_length=20)
    week_matters: Optional[WeekMatters] = None
    source_ids: list[str] = Field(min_length=1)

    @property
    def title(self) -> str:
        return f"{self.name}, {self.weeks} weeks pregnant"


class WeekMarker(_Item):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    week: int = Field(ge=1, le=42)
    short: str = Field(min_length=3, max_length=40)
    label: str = Field(min_length=5)
    source_ids: list[str] = Field(min_length=1)


def load_cases(course: Optional[Course] = None) -> list[Case]:
    """The validated cases; an unknown symptom or cause, or a repeated id, raises one DataError."""
    course = course or load_course()
    cases = lesson_section(LESSON_ID, "cases", Case, course)
    seen: set[str] = set()
    for i, case in enumerate(cases):
        where = f"cases[{i}]"
        if case.id in seen:
            raise DataError(FILE, where, "id", "a unique id", case.id)
        seen.add(case.id)
        try:
            check_symptoms(case.symptom_ids, course)
        except ValueError as exc:
            raise DataError(FILE, where, "symptom_ids", "ids from data/symptoms.csv", str(exc)) from None
        if case.likely_cause not in course.causes:
            raise DataError(FILE, where, "likely_cause", "an id from data/causes.csv", case.likely_cause)
    return cases


def load_week_markers(course: Optional[Course] = None) -> list[WeekMarker]:
    return sorted(lesson_section(LESSON_ID, "week_markers", WeekMarker, course), key=lambda m: m.week)


def _case(case_id: Any, cases: list[Case]) -> Optional[Case]:
    return next((c for c in cases if c.id == case_id), None)


# ---------------------------------------------------------------- callbacks


@dataclass(frozen=True)
class TriageFeedback:
    """The result of checking a student's triage: right, too low, too high, or not answered."""

    verdict: Optional[str]  # "right", "too_low", "too_high" or None
    cause_right: Optional[bool]
    html: str


def story_html(case_id: Any, cases: Optional[list[Case]] = None) -> str:
    """The case as the student first sees it: who she is, her week and what she says."""
    cases = cases if cases is not None else load_cases()
    case = _case(case_id, cases)
    if case is None:
        return message_html("Choose a case from the list.", "info")
    return (
        f'<div class="legpain-case">{heading_html(case.title)}'
        f'<blockquote style="font-size:16px;border-left:4px solid #000;margin:0.4em 0;padding:0.2em 0.8em">'
        f"“{escape(case.story)}”</blockquote></div>"
    )


def check_triage(case_id: Any, level: Any, cause_id: Any = None, cases: Optional[list[Case]] = None,
                 course: Optional[Course] = None) -> TriageFeedback:
    """Feedback on a student's level (and optional likely cause) for one case, explaining why."""
    course = course or load_course()
    cases = cases if cases is not None else load_cases(course)
    case = _case(case_id, cases)
    if case is None:
        return TriageFeedback(None, None, message_html("Choose a case from the list first.", "info"))
    if level in (None, ""):
        return TriageFeedback(None, None, message_html("Choose a level first, then press Check my triage.", "info"))
    try:
        chosen = Level(level)
    except ValueError:
        names = ", ".join(lv.label for lv in LEVELS)
        return TriageFeedback(None, None, message_html(f"Choose one of the levels in the list: {names}.", "error"))

    expected = case.level
    if chosen == expected:
        verdict, kind = "right", "success"
        text = f"Right: {expected.label}. {case.why}"
    elif chosen < expected:
        verdict, kind = "too_low", "error"
        text = (f"Too low: you chose {chosen.label}, but this case needs {expected.label}. "
                f"Red flags are never talked down. {case.why}")
    else:
        verdict, kind = "too_high", "info"
        text = (f"Higher than needed: you chose {chosen.label}, but {expected.label} is enough here. "
                f"Sending every ache to hospital overloads the maternity unit and worries the woman. {case.why}")
    parts = [message_html(text, kind)]

    cause_right: Optional[bool] = None
    if cause_id not in (None, ""):
        right_name = course.causes[case.likely_cause].name
        if cause_id not in course.causes:
            parts.append(message_html("Choose a likely cause from the list, or leave it as 'Not sure'.", "error"))
        elif cause_id == case.likely_cause:
            cause_right = True
            parts.append(message_html(f"Likely cause: right, {right_name}.", "success"))
        else:
            cause_right = False
            parts.append(message_html(
                f"Likely cause: the most likely cause here is {right_name}, not {course.causes[cause_id].name}.", "error"))
    return TriageFeedback(verdict, cause_right, "".join(parts))


def choice_html(level: Any, cause_id: Any = None, course: Optional[Course] = None) -> str:
    """What the student has chosen so far, before pressing Check: a prompt, never the verdict."""
    course = course or load_course()
    try:
        level_text = Level(level).label if level not in (None, "") else "no level yet"
    except ValueError:
        return message_html("Choose one of the levels in the list.", "error")
    cause = course.causes.get(cause_id) if isinstance(cause_id, str) else None
    cause_text = cause.name if cause is not None else "not sure"
    return message_html(f"Your answer: {level_text}; likely cause: {cause_text}. Press Check my triage.", "info")


def model_answer_html(case_id: Any, cases: Optional[list[Case]] = None, course: Optional[Course] = None) -> str:
    """The model answer: level, likely cause, what to advise, why, the red flags and the sources."""
    course = course or load_course()
    cases = cases if cases is not None else load_cases(course)
    case = _case(case_id, cases)
    if case is None:
        return message_html("Choose a case from the list first.", "info")
    result = assess(case.symptom_ids, case.weeks, course)
    flags = ""
    if result.red_flags:
        items = "".join(f"<li>{escape(course.symptoms[s].label)}</li>" for s in result.red_flags)
        flags = f'<p><strong>Red flags in her story:</strong></p><ul class="legpain-red-flags">{items}</ul>'
    else:
        flags = "<p><strong>Red flags in her story:</strong> none.</p>"
    week = ""
    if case.week_matters is not None:
        week = f"<p><strong>Why the week matters:</strong> {escape(case.week_matters.note)}</p>"
    return (
        f'<div class="legpain-model-answer">{heading_html(f"Model answer: {case.name}")}'
        f"{level_banner_html(case.level)}"
        f"<p><strong>Likely cause:</strong> {escape(course.causes[case.likely_cause].name)}</p>"
        f"<p><strong>Why:</strong> {escape(case.why)}</p>{week}{flags}"
        f"<p><strong>What to advise:</strong> {escape(case.advise)}</p>"
        f"<p>Sources: {source_links_html(case.source_ids, course)}</p></div>"
    )


def week_reasons(case: Case, weeks: Optional[int] = None, course: Optional[Course] = None) -> list[str]:
    """The engine's combination-rule reasons for the case's symptoms at a given week."""
    return assess(case.symptom_ids, check_weeks(weeks if weeks is not None else case.weeks), course).reasons


# ---------------------------------------------------------------- the builder


def case_trainer(case_id: Optional[str] = None) -> widgets.VBox:
    """Pick a case, choose a level (and a likely cause), press Check; reveal the model answer."""
    course = load_course()
    cases = load_cases(course)
    chooser = widgets.Dropdown(
        options=[(f"{i}. {c.title}", c.id) for i, c in enumerate(cases, start=1)],
        value=case_id or cases[0].id,
        description="Case:",
        style=LABEL_STYLE,
        layout=CONTROL_LAYOUT,
    )
    story = output_area()
    level = widgets.Dropdown(
        options=[("Choose a level", "")] + [(lv.label, lv.value) for lv in LEVELS],
        value="",
        description="Your level:",
        style=LABEL_STYLE,
        layout=CONTROL_LAYOUT,
    )
    cause = widgets.Dropdown(
        options=[("Not sure", "")] + sorted(((c.name, c.id) for c in course.causes.values()), key=lambda o: o[0]),
        value="",
        description="Likely cause (optional):",
        style=LABEL_STYLE,
        layout=CONTROL_LAYOUT,
    )
    check = widgets.Button(description="Check my triage", button_style="primary", tooltip="Check your level and cause",
                           layout=widgets.Layout(width="auto"))
    reveal = widgets.Button(description="Show model answer", tooltip="Reveal the model answer for this case",
                            layout=widgets.Layout(width="auto"))
    feedback = output_area()
    answer = output_area()

    def on_case(_: Any = None) -> None:
        story.value = story_html(chooser.value, cases)
        level.value = ""
        cause.value = ""
        feedback.value = ""
        answer.value = ""

    def on_choice(_: Any) -> None:
        if level.value or cause.value:
            feedback.value = choice_html(level.value, cause.value, course)

    def on_check(_: Any) -> None:
        feedback.value = check_triage(chooser.value, level.value, cause.value, cases, course).html

    def on_reveal(_: Any) -> None:
        answer.value = model_answer_html(chooser.value, cases, course)

    chooser.observe(on_case, names="value")
    level.observe(on_choice, names="value")
    cause.observe(on_choice, names="value")
    check.on_click(on_check)
    reveal.on_click(on_reveal)
    on_case()
    box = widgets.VBox([chooser, story, level, cause, widgets.HBox([check, reveal]), feedback, answer])
    box.add_class("legpain-case-trainer")
    return box


def show_case_trainer() -> None:
    """Show the case trainer."""
    show_widget(case_trainer())
