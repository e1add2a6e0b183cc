"""Lesson 03 widget: 'Which nerve problem?', a symptom picker driven by the triage engine.

The callback :func:`nerve_picker_html` takes the ticked symptom ids and returns
the HTML to show; :func:`nerve_picker_widget` makes the labelled tick boxes and
wires them to it.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Any, Iterable, Optional

import ipywidgets as widgets
from pydantic import BaseModel, ConfigDict, Field

from ..data import Course, DataError, lesson_section, load_course
from ..figures.nerves import LESSON_FILE, LESSON_ID, load_nerve_problems
from ..levels import Level
from ..render import assessment_html
from ..triage import Assessment, assess
from . import LABEL_STYLE, heading_html, message_html, output_area, show_widget


class PickerItem(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    symptom_id: str
    source_ids: list[str] = Field(min_length=1)


def load_picker(course: Optional[Course] = None) -> list[PickerItem]:
    """The symptoms offered in the picker, each checked against data/symptoms.csv."""
    course = course or load_course()
    items = lesson_section(LESSON_ID, "picker", PickerItem, course)
    seen: set[str] = set()
    for i, item in enumerate(items):
        if item.symptom_id not in course.symptoms:
            raise DataError(LESSON_FILE, f"picker[{i}]", "symptom_id", "an id from data/symptoms.csv", item.symptom_id)
        if item.symptom_id in seen:
            raise DataError(LESSON_FILE, f"picker[{i}]", "symptom_id", "each symptom only once", item.symptom_id)
        seen.add(item.symptom_id)
    return items


@dataclass(frozen=True)
class PickerResult:
    """What the picker shows: the HTML, and the assessment behind it (None when nothing is ticked or input is bad)."""

    html: str
    assessment: Optional[Assessment]


def nerve_picker_html(selected: Iterable[Any], course: Optional[Course] = None) -> PickerResult:
    """The callback: ticked symptom ids in, the matching nerve problems and the engine's advice out."""
    course = course or load_course()
    offered = [item.symptom_id for item in load_picker(course)]
    chosen = list(selected)
    unknown = [s for s in chosen if s not in offered]
    if unknown:
        return PickerResult(
            message_html(f"{unknown[0]!r} is not one of the symptoms in this picker; tick the boxes above instead.", "error"), None
        )
    if not chosen:
        return PickerResult(message_html("Tick one or more symptoms above to see which nerve problem they point to and how urgent it is.", "info"), None)
    result = assess(chosen, course=course)
    problems = load_nerve_problems(course)
    by_cause = {p.cause_id: p for p in problems}
    matches = [by_cause[c] for c in result.causes if c in by_cause]
    parts = []
    if result.level is Level.EMERGENCY:
        parts.append(
            message_html(
                "A red flag is ticked, so the level is emergency whatever else is ticked: untick the other boxes and it stays the same.",
                "error",
            )
        )
    if matches:
        items = "".join(f"<li><strong>{escape(p.name)}</strong>: {escape(p.felt_as)}</li>" for p in matches)
        parts.append(f'<p><strong>Which nerve problem? Most likely first:</strong></p><ol class="legpain-nerve-matches">{items}</ol>')
    parts.append(assessment_html(result, course))
    return PickerResult("".join(parts), result)


def nerve_picker_widget(course: Optional[Course] = None) -> widgets.VBox:
    """Labelled tick boxes, one per symptom, and an output area that updates on every tick."""
    course = course or load_course()
    items = load_picker(course)
    boxes = []
    for item in items:
        box = widgets.Checkbox(
            value=False,
            description=course.symptoms[item.symptom_id].label,
            indent=False,
            style=LABEL_STYLE,
            layout=widgets.Layout(width="auto"),
        )
        box.symptom_id = item.symptom_id  # type: ignore[attr-defined]
        boxes.append(box)
    output = output_area()

    def update(_: Any = None) -> None:
        output.value = nerve_picker_html([b.symptom_id for b in boxes if b.value], course).html

    for box in boxes:
        box.observe(update, names="value")
    update()
    intro = widgets.HTML("<p>Tick what the woman describes. The course's triage engine ranks the likely causes and sets the urgency.</p>")
    panel = widgets.VBox([widgets.HTML(heading_html("Which nerve problem?")), intro, *boxes, output])
    panel.add_class("legpain-nerve-picker")
    return panel


def show_nerve_picker() -> None:
    """Show the 'Which nerve problem?' symptom picker."""
    show_widget(nerve_picker_widget())
