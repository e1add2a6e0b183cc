"""Lesson 05 (posture, gait and muscle strain): the "which change?" explorer.

The body changes and the scenarios live in
``data/lessons/05_posture_gait_and_muscle_strain.yaml``. A student reads what a
woman says, picks the change that explains it (or "none of these") and gets
feedback, the advice and, where the scenario has symptoms, the triage level.
"""

from __future__ import annotations

from html import escape
from typing import Any, Literal, Optional

import ipywidgets as widgets
from pydantic import BaseModel, ConfigDict, Field

from ..data import Course, DataError, lesson_section, load_course
from ..render import level_banner_html, source_links_html
from ..triage import assess
from . import CONTROL_LAYOUT, LABEL_STYLE, message_html, output_area, show_widget

LESSON_ID = "05_posture_gait_and_muscle_strain"
NONE_ANSWER = "none"
NONE_LABEL = "None of these: it needs checking"
NOT_CHOSEN = ""  # the drop-down's "Choose a change" prompt (a value of None would show an empty box)
FILE = f"data/lessons/{LESSON_ID}.yaml"


class _Item(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Change(_Item):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    measure: str = Field(min_length=3)
    direction: Literal["increase", "decrease"]
    label: str = Field(min_length=2)
    consistent: bool
    explanation: str = Field(min_length=10)
    source_ids: list[str] = Field(min_length=1)


class Scenario(_Item):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    prompt: str = Field(min_length=10)
    answer: str
    explanation: str = Field(min_length=10)
    advice: str = Field(min_length=10)
    symptom_ids: list[str] = Field(default_factory=list)
    source_ids: list[str] = Field(min_length=1)


def _unique_ids(items: list[Any], key: str) -> None:
    seen: set[str] = set()
    for i, item in enumerate(items):
        if item.id in seen:
            raise DataError(FILE, f"{key}[{i}]", "id", "a unique id", item.id)
        seen.add(item.id)


def load_changes(course: Optional[Course] = None) -> list[Change]:
    """The body changes of pregnancy that the lesson teaches, with their direction."""
    course = course or load_course()
    changes = lesson_section(LESSON_ID, "changes", Change, course)
    _unique_ids(changes, "changes")
    if any(c.id == NONE_ANSWER for c in changes):
        raise DataError(FILE, "changes", "id", f"no change with the reserved id '{NONE_ANSWER}'", NONE_ANSWER)
    return changes


def load_scenarios(course: Optional[Course] = None) -> list[Scenario]:
    """The scenarios; each answer is a change id or 'none', each symptom id exists."""
    course = course or load_course()
    change_ids = {c.id for c in load_changes(course)}
    scenarios = lesson_section(LESSON_ID, "scenarios", Scenario, course)
    _unique_ids(scenarios, "scenarios")
    for i, scenario in enumerate(scenarios):
        if scenario.answer != NONE_ANSWER and scenario.answer not in change_ids:
            raise DataError(FILE, f"scenarios[{i}]", "answer", f"an id from 'changes' or '{NONE_ANSWER}'", scenario.answer)
        for symptom_id in scenario.symptom_ids:
            if symptom_id not in course.symptoms:
                raise DataError(FILE, f"scenarios[{i}]", "symptom_ids", "an id from data/symptoms.csv", symptom_id)
    return scenarios


def scenario_html(scenario_id: Any, course: Optional[Course] = None) -> str:
    """What the woman tells you, as a quote."""
    course = course or load_course()
    scenarios = {s.id: s for s in load_scenarios(course)}
    if not isinstance(scenario_id, str) or scenario_id not in scenarios:
        return message_html(f"Choose one of the {len(scenarios)} situations in the list.", "error")
    return f'<blockquote class="legpain-scenario" style="font-size:16px">{escape(scenarios[scenario_id].prompt)}</blockquote>'


def check_change(scenario_id: Any, answer_id: Any, course: Optional[Course] = None) -> str:
    """Feedback on the change a student picked for a scenario, with advice and, if any, the triage level."""
    course = course or load_course()
    changes = {c.id: c for c in load_changes(course)}
    scenarios = {s.id: s for s in load_scenarios(course)}
    if not isinstance(scenario_id, str) or scenario_id not in scenarios:
        return message_html(f"Choose one of the {len(scenarios)} situations in the list first.", "error")
    if answer_id is None or answer_id == NOT_CHOSEN:
        return message_html("Choose the change that best explains what she tells you, then press Check my choice.", "info")
    if not isinstance(answer_id, str) or (answer_id not in changes and answer_id != NONE_ANSWER):
        return message_html("Choose one of the changes in the list, or 'None of these'.", "error")
    scenario = scenarios[scenario_id]
    right_label = NONE_LABEL if scenario.answer == NONE_ANSWER else changes[scenario.answer].measure
    if answer_id == scenario.answer:
        parts = [message_html(f"Right: {right_label}. {scenario.explanation}", "success")]
    else:
        parts = [message_html(f"Not this one. The best answer is: {right_label}. {scenario.explanation}", "error")]
    parts.append(f"<p><strong>What to advise:</strong> {escape(scenario.advice)} {source_links_html(scenario.source_ids, course)}</p>")
    if scenario.symptom_ids:
        level = assess(scenario.symptom_ids, course=course).level
        parts.append("<p><strong>The triage engine puts these symptoms at:</strong></p>" + level_banner_html(level, course=course))
    return '<div class="legpain-change-feedback">' + "".join(parts) + "</div>"


def pending_html(answer_id: Any, course: Optional[Course] = None) -> str:
    """What the student has chosen but not yet checked (empty when nothing is chosen)."""
    course = course or load_course()
    if answer_id is None or answer_id == NOT_CHOSEN:
        return ""
    if answer_id == NONE_ANSWER:
        label = NONE_LABEL
    else:
        changes = {c.id: c.measure for c in load_changes(course)}
        if not isinstance(answer_id, str) or answer_id not in changes:
            return message_html("Choose one of the changes in the list, or 'None of these'.", "error")
        label = changes[answer_id]
    return message_html(f"You chose: {label}. Press Check my choice to see whether it fits.", "info")


def change_explorer() -> widgets.VBox:
    """Drop-downs for the situation and the change, a Check button and the feedback."""
    changes = load_changes()
    scenarios = load_scenarios()
    situation = widgets.Dropdown(
        options=[(f"Situation {i}", s.id) for i, s in enumerate(scenarios, start=1)], value=scenarios[0].id,
        description="Situation", style=LABEL_STYLE, layout=CONTROL_LAYOUT,
    )
    quote = output_area(scenario_html(situation.value))
    answer = widgets.Dropdown(
        options=[("Choose a change", NOT_CHOSEN), *[(c.measure, c.id) for c in changes], (NONE_LABEL, NONE_ANSWER)], index=0,
        description="Which change explains it?", style=LABEL_STYLE, layout=CONTROL_LAYOUT,
    )
    check = widgets.Button(description="Check my choice", tooltip="Check the change you chose", button_style="primary")
    feedback = output_area()

    def on_situation(_: Any = None) -> None:
        quote.value = scenario_html(situation.value)
        answer.value = NOT_CHOSEN
        feedback.value = ""

    def on_answer(_: Any = None) -> None:
        feedback.value = pending_html(answer.value)

    def on_check(_: Any = None) -> None:
        feedback.value = check_change(situation.value, answer.value)

    situation.observe(on_situation, names="value")
    answer.observe(on_answer, names="value")
    check.on_click(on_check)
    box = widgets.VBox([situation, quote, answer, check, feedback])
    box.add_class("legpain-change-explorer")
    return box


def show_change_explorer() -> None:
    """Show the "which change?" explorer."""
    show_widget(change_explorer())
