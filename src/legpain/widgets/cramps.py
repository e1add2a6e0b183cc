"""Lesson 04 widgets: "cramp or something else?" and restless legs by stage of pregnancy.

Each widget has a plain callback (tested by pytest) and a builder that wires
labelled controls to it.
"""

from __future__ import annotations

from typing import Any, Iterable, Optional

import ipywidgets as widgets

from ..content.lessons.cramps import POOLED, PickerFeature, load_picker, load_prevalence  # noqa: F401  (re-exported)
from ..content import Course, load_course
from ..course_html import assessment_html
from ..templating import render
from ..triage import assess
from . import CONTROL_LAYOUT, LABEL_STYLE, heading_html, message_html, output_area, show_widget
from .escalation import escalation_html
from .picker import symptom_picker

STAGE_LABEL = "Stage of pregnancy"


def picker_result(feature_ids: Iterable[str], course: Optional[Course] = None) -> str:
    """The callback: ticked feature ids in, the HTML to show out. Never raises for bad input."""
    course = course or load_course()
    features = {f.id: f for f in load_picker(course)}
    chosen = list(dict.fromkeys(feature_ids))
    unknown = [f for f in chosen if f not in features]
    if unknown:
        return message_html(f"'{unknown[0]}' is not one of the features to tick.", "error")
    if not chosen:
        return message_html("Tick what the woman describes to see whether it looks like a cramp or something else.", "info")
    symptom_ids = list(dict.fromkeys(features[f].symptom_id for f in chosen))
    result = assess(symptom_ids, None, course)  # the stage is not asked: it counts as the most dangerous one
    verdict = render("cramps_verdict.html", cause=course.causes[result.causes[0]].name) if result.causes else ""
    return verdict + escalation_html(result, course) + assessment_html(result, course)


def cramp_picker() -> widgets.VBox:
    """The builder: one labelled tick box per feature, wired to :func:`picker_result`."""
    course = load_course()
    return symptom_picker(
        [(f.id, f.symptom_id) for f in load_picker(course)],
        lambda ticked: picker_result(ticked, course),
        heading_html("What does she describe? Tick any:"),
        "legpain-cramp-picker",
        course=course,
    )


def show_cramp_picker() -> None:
    """Show the "cramp or something else?" picker."""

    show_widget(cramp_picker())


def _one_in(percent: float) -> int:
    return max(1, round(100 / percent))


def rls_stage_result(stage: Any, course: Optional[Course] = None) -> str:
    """The callback: a stage of pregnancy (its period name) in, a sentence on how common RLS is out."""
    course = course or load_course()
    rows, labels = load_prevalence(course)
    periods = list(dict.fromkeys(r.period for r in rows))
    if stage not in periods:
        return message_html(f"Choose a stage of pregnancy from the list: {', '.join(periods)}.", "error")
    shown = []
    for row in rows:
        if row.period != stage:
            continue
        pooled_row = row.estimate == POOLED
        shown.append({
            "period": row.period,
            "opening": "About" if pooled_row else "Another review found about",
            "percent": f"{row.percent:g}",
            "ratio": f" (roughly 1 in {_one_in(row.percent)})" if pooled_row else "",
            "label": labels[row.estimate],
            "sources": [course.sources[s] for s in row.source_ids],
        })
    pooled = [r for r in rows if r.estimate == POOLED]
    peak = max(pooled, key=lambda r: r.percent)
    chosen = next((r for r in pooled if r.period == stage), None)
    comparison = ""
    if chosen is not None and chosen.percent < peak.percent:
        comparison = f"That is lower than the peak of {peak.percent:g}% in the {peak.period.lower()}."
    elif chosen is not None:
        comparison = "This is the stage when restless legs syndrome is most common."
    return render("cramps_rls_stage.html", rows=shown, comparison=comparison)


def rls_stage_selector() -> widgets.VBox:
    """The builder: a labelled drop-down of stages, wired to :func:`rls_stage_result`."""
    course = load_course()
    rows, _ = load_prevalence(course)
    periods = list(dict.fromkeys(r.period for r in rows))
    stage = widgets.Dropdown(options=periods, value=periods[0], description=STAGE_LABEL, style=LABEL_STYLE, layout=CONTROL_LAYOUT)
    out = output_area()

    def update(_: Any = None) -> None:
        out.value = rls_stage_result(stage.value, course)

    stage.observe(update, names="value")
    update()
    panel = widgets.VBox([stage, out])
    panel.add_class("legpain-rls-stage-selector")
    panel.controls = {"stage": stage}  # type: ignore[attr-defined]
    panel.output = out  # type: ignore[attr-defined]
    return panel


def show_rls_stage_selector() -> None:
    """Show the restless-legs stage selector."""

    show_widget(rls_stage_selector())
