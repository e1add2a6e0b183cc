"""Lesson 05 (posture, gait and muscle strain): the "which change?" explorer.

The body changes and the scenarios live in
``data/lessons/05_posture_gait_and_muscle_strain.yaml`` (validated in
:mod:`legpain.content.lessons.gait`). A student reads what a
woman says, picks the change that explains it (or "none of these") and gets
feedback, the advice and, where the scenario has symptoms, the triage level.
"""

from __future__ import annotations

from typing import Any, Optional

import ipywidgets as widgets

from ..content.lessons.gait import (  # noqa: F401  (re-exported)
    LESSON_ID, NONE_ANSWER, Change, Scenario, load_changes, load_scenarios,
)
from ..content import Course, load_course
from ..course_html import source_rows, level_banner_html
from ..templating import markup, render
from ..triage import assess
from . import CONTROL_LAYOUT, LABEL_STYLE, message_html, output_area, show_widget

NONE_LABEL = "None of these: it needs checking"
NOT_CHOSEN = ""  # the drop-down's "Choose a change" prompt (a value of None would show an empty box)


def scenario_html(scenario_id: Any, course: Optional[Course] = None) -> str:
    """What the woman tells you, as a quote."""
    course = course or load_course()
    scenarios = {s.id: s for s in load_scenarios(course)}
    if not isinstance(scenario_id, str) or scenario_id not in scenarios:
        return message_html(f"Choose one of the {len(scenarios)} situations in the list.", "error")
    return render("gait_scenario.html", prompt=scenarios[scenario_id].prompt)


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
        feedback = message_html(f"Right: {right_label}. {scenario.explanation}", "success")
    else:
        feedback = message_html(f"Not this one. The best answer is: {right_label}. {scenario.explanation}", "error")
    banner = ""
    if scenario.symptom_ids:
        banner = markup(level_banner_html(assess(scenario.symptom_ids, course=course).level, course=course))
    return render(
        "gait_feedback.html", feedback=markup(feedback), scenario=scenario, sources=source_rows(scenario.source_ids, course), banner=banner
    )


TRIES = 2  # wrong answers allowed before the feedback names the best one (as in the self-checks)


def try_change(scenario_id: Any, answer_id: Any, tried: tuple[str, ...] = (), course: Optional[Course] = None) -> tuple[str, tuple[str, ...], bool]:
    """Check my choice with a second try: ``(feedback, wrong answers so far, finished)``.

    A first wrong answer is told so and asked to choose again, without the answer; a right answer,
    or a second wrong one, gets the full feedback of :func:`check_change` (the best answer and why).
    """
    course = course or load_course()
    scenarios = {s.id: s for s in load_scenarios(course)}
    known = {c.id for c in load_changes(course)} | {NONE_ANSWER}
    if not isinstance(scenario_id, str) or scenario_id not in scenarios or not isinstance(answer_id, str) or answer_id not in known:
        return check_change(scenario_id, answer_id, course), tried, False
    if answer_id in tried:
        return message_html("You have tried that answer already. Choose a different one, then press Check my choice.", "info"), tried, False
    if answer_id == scenarios[scenario_id].answer or len(tried) + 1 >= TRIES:
        return check_change(scenario_id, answer_id, course), (*tried, answer_id), True
    label = NONE_LABEL if answer_id == NONE_ANSWER else next(c.measure for c in load_changes(course) if c.id == answer_id)
    text = f"Not this one: {label} does not explain what she tells you. Read it again, choose another answer and press Check my choice."
    return message_html(text, "error"), (answer_id,), False


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
    check = widgets.Button(
        description="Check my choice", tooltip="Check the change you chose", button_style="primary",
        layout=widgets.Layout(width="auto", min_width="200px", height="auto", min_height="40px"),  # never cut to "Check my ch…"
    )
    feedback = output_area()
    state: dict[str, Any] = {"tried": (), "done": False}

    def on_situation(_: Any = None) -> None:
        state.update(tried=(), done=False)
        check.disabled = False
        quote.value = scenario_html(situation.value)
        answer.value = NOT_CHOSEN
        feedback.value = ""

    def on_answer(_: Any = None) -> None:
        if not state["done"]:
            feedback.value = pending_html(answer.value)

    def on_check(_: Any = None) -> None:
        if state["done"]:
            feedback.value = message_html("You have finished this situation: read the feedback, then choose another situation.", "info")
            return
        feedback.value, state["tried"], state["done"] = try_change(situation.value, answer.value, state["tried"])
        check.disabled = state["done"]  # finished: choose another situation (as a self-check question closes)

    situation.observe(on_situation, names="value")
    answer.observe(on_answer, names="value")
    check.on_click(on_check)
    box = widgets.VBox([situation, quote, answer, check, feedback])
    box.add_class("legpain-change-explorer")
    return box


def show_change_explorer() -> None:
    """Show the "which change?" explorer."""
    show_widget(change_explorer())
