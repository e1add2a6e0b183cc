"""Lesson 02 widget: the swelling sorter.

The student picks the pattern of swelling, ticks any other features and gives the
stage (a week of pregnancy, days since the birth, or not known); the triage engine
(:func:`legpain.assess`) gives the level, the red flags and the advice. A line above
the result shows what the level would be without the red flags, so the student sees
red flags escalate.

Everything clinical comes from data: the menu and tick boxes from
``data/lessons/02_swelling_oedema.yaml`` (validated in
:mod:`legpain.content.lessons.swelling`), the levels and rules from ``data/``. A
cause that cannot start before a given week has a ``from_week`` in
``data/causes.csv``; when the week typed is earlier and one of that cause's
warning signs is chosen, the lesson file's note for the cause explains why it has
left the list of likely causes.
"""

from __future__ import annotations

from typing import Any, Iterable, Optional

import ipywidgets as widgets

from ..content.lessons.swelling import (  # noqa: F401  (re-exported)
    LESSON_ID, SorterData, SorterFeature, SorterNote, SorterPattern, load_sorter,
)
from ..content import Course, load_course
from ..course_html import assessment_html
from ..templating import render
from ..stages import AFTER_BIRTH, PREGNANT, STAGE_NUMBERS, UNKNOWN, Stage, StageChoice, stage_from_number
from ..triage import Assessment, assess
from . import CONTROL_LAYOUT, LABEL_STYLE, message_html, output_area, show_widget
from .escalation import escalation_html

PATTERN_LABEL = "Pattern of swelling"
STAGE_LABEL = "Stage"
NUMBER_LABEL = "Week of pregnancy, or days since the birth"
# The stage menu's words for each choice; legpain.stages owns the choices and the number each asks for.
STAGE_LABELS: dict[StageChoice, str] = {
    PREGNANT: "Pregnant: week of pregnancy",
    AFTER_BIRTH: "After the birth: days since the birth",
    UNKNOWN: "Not known (counts as the most dangerous stage)",
}
# How the number box's error names a number of each kind, and the number it starts with or suggests.
A_NUMBER = {PREGNANT: "a week", AFTER_BIRTH: "a number of days"}
EXAMPLE_NUMBER = {PREGNANT: 32, AFTER_BIRTH: 5}


def parse_stage(stage: Any, text: Any) -> Stage:
    """The stage chosen and the number typed. An empty box means the stage is not known.

    Raises ValueError with a sentence for the student when the stage or the number is not valid.
    """
    if stage not in STAGE_LABELS:
        raise ValueError("Choose the stage from the list.")
    value = "" if text is None or stage == UNKNOWN else str(text).strip()
    if not value:
        return Stage()
    kind = STAGE_NUMBERS[stage]
    try:
        number = int(value)
    except ValueError:
        raise ValueError(f"Type the {kind.what} as a whole number from {kind.span}, such as {EXAMPLE_NUMBER[stage]}; "
                         f"'{value}' is not {A_NUMBER[stage]}.") from None
    return stage_from_number(stage, number)


def stage_html(stage: Stage) -> str:
    """One line saying which stage the result is for."""
    if not stage.known:
        return message_html("Stage not known: the result counts it as the most dangerous stage.", "info")
    return message_html(f"Stage taken into account: {stage.describe()}.", "info")


def sorter_symptoms(pattern_id: Optional[str], feature_ids: Iterable[str], data: SorterData) -> list[str]:
    """The symptom ids behind the chosen pattern and ticked features."""
    patterns = {p.id: p for p in data.patterns}
    features = {f.id: f for f in data.features}
    chosen: list[str] = []
    if pattern_id is not None:
        if pattern_id not in patterns:
            raise ValueError(f"Choose a pattern of swelling from the list; '{pattern_id}' is not one of them.")
        chosen.extend(patterns[pattern_id].symptom_ids)
    for feature_id in feature_ids:
        if feature_id not in features:
            raise ValueError(f"'{feature_id}' is not one of the features to tick.")
        chosen.append(features[feature_id].symptom_id)
    return list(dict.fromkeys(chosen))


def too_early_notes(result: Assessment, data: SorterData, course: Course) -> list[SorterNote]:
    """The notes for causes that the week rules out for now although one of their warning signs is chosen.

    A warning sign of a cause is a red-flag symptom that points to the cause in data/matrix.csv
    (a link of weight 2 or 3), or a symptom of a rule in data/rules.csv that names the cause.
    """
    if result.weeks is None:
        return []
    chosen = set(result.symptoms)
    shown = []
    for note in data.notes:
        from_week = course.causes[note.cause_id].from_week
        if from_week is None or result.weeks >= from_week:
            continue
        signs = {
            row.symptom_id for row in course.matrix
            if row.cause_id == note.cause_id and row.weight >= 2 and course.symptoms[row.symptom_id].red_flag
        }
        by_rule = any(rule.cause_id == note.cause_id and chosen.issuperset(rule.all_of) for rule in course.rules.values())
        if by_rule or chosen & signs:
            shown.append(note)
    return shown


def sorter_result(pattern_id: Optional[str], feature_ids: Iterable[str], stage: Any = PREGNANT, stage_text: Any = None,
                  course: Optional[Course] = None) -> str:
    """The callback: control values in, the HTML to show out. Never raises for bad input."""
    course = course or load_course()
    data = load_sorter(course)
    try:
        when = parse_stage(stage, stage_text)
        symptom_ids = sorter_symptoms(pattern_id, list(feature_ids), data)
    except ValueError as exc:
        return message_html(str(exc), "error")
    if not symptom_ids:
        return message_html("Choose a pattern of swelling or tick a feature to see what the engine says.", "info")
    result = assess(symptom_ids, when.weeks, course, when.days_after_birth)
    html = [stage_html(when), escalation_html(result, course), assessment_html(result, course)]
    for note in too_early_notes(result, data, course):
        sources = [course.sources[s] for s in note.source_ids]
        html.append(render("swelling_note.html", weeks=result.weeks, text=note.text, sources=sources))
    return "".join(html)


def swelling_sorter() -> widgets.VBox:
    """The builder: a labelled menu, tick boxes and the stage, wired to :func:`sorter_result`."""
    course = load_course()
    data = load_sorter(course)
    pattern = widgets.Dropdown(
        options=[("(none chosen)", None)] + [(p.label, p.id) for p in data.patterns],
        value=data.patterns[0].id,
        description=PATTERN_LABEL,
        style=LABEL_STYLE,
        layout=CONTROL_LAYOUT,
    )
    boxes = {
        f.id: widgets.Checkbox(value=False, description=course.symptoms[f.symptom_id].label, indent=False,
                               layout=widgets.Layout(width="auto"))
        for f in data.features
    }
    stage = widgets.Dropdown(options=[(label, key) for key, label in STAGE_LABELS.items()], value=PREGNANT,
                             description=STAGE_LABEL, style=LABEL_STYLE, layout=CONTROL_LAYOUT)
    number = widgets.Text(value=str(EXAMPLE_NUMBER[PREGNANT]), description=NUMBER_LABEL,
                          placeholder="for example 32, or 5 days after the birth", style=LABEL_STYLE, layout=CONTROL_LAYOUT)
    out = output_area()

    def update(_: Any = None) -> None:
        ticked = [fid for fid, box in boxes.items() if box.value]
        out.value = sorter_result(pattern.value, ticked, stage.value, number.value, course)

    for control in (pattern, stage, number, *boxes.values()):
        control.observe(update, names="value")
    update()
    features = widgets.VBox([widgets.HTML("<strong>Other features (tick any):</strong>"), *boxes.values()])
    box = widgets.VBox([pattern, features, stage, number, out])
    box.add_class("legpain-swelling-sorter")
    box.controls = {"pattern": pattern, "stage": stage, "number": number, **boxes}  # type: ignore[attr-defined]
    box.output = out  # type: ignore[attr-defined]
    return box


def show_swelling_sorter() -> None:
    """Show the swelling sorter."""

    show_widget(swelling_sorter())
