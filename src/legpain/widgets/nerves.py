"""Lesson 03 widget: 'Which nerve problem?', a symptom picker driven by the triage engine.

The callback :func:`nerve_picker_html` takes the ticked symptom ids and returns
the HTML to show; :func:`nerve_picker_widget` makes the labelled tick boxes and
wires them to it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Optional

import ipywidgets as widgets

from ..content.lessons.nerves import LESSON_ID, PickerItem, load_nerve_problems, load_picker  # noqa: F401  (re-exported)
from ..content import Course, load_course
from ..course_html import assessment_html
from ..templating import markup, render
from ..triage import Assessment, assess, level_for
from . import heading_html, message_html, show_widget
from .picker import symptom_picker


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
        return PickerResult(
            message_html("Tick one or more symptoms above to see which nerve problem they point to and how urgent it is.", "info"), None
        )
    result = assess(chosen, course=course)
    problems = load_nerve_problems(course)
    by_cause = {p.cause_id: p for p in problems}
    matches = [by_cause[c] for c in result.causes if c in by_cause]
    flag_message = ""
    if result.red_flags:
        # Name the level in the scale's own words, so that the message cannot disagree with the banner.
        flags_level = level_for(result.red_flags, course=course)
        if flags_level is result.level:
            text = (
                f"A red flag is ticked, so the level is \u201c{result.level.label}\u201d. The other symptoms cannot lower it: "
                "untick them and it stays the same."
            )
        else:
            text = f"A red flag is ticked, so the level is at least \u201c{flags_level.label}\u201d, whatever else is ticked."
        flag_message = markup(message_html(text, "error"))
    html = render(
        "nerve_matches.html", flag_message=flag_message, matches=matches, assessment=markup(assessment_html(result, course))
    )
    return PickerResult(html, result)


def nerve_picker_widget(course: Optional[Course] = None) -> widgets.VBox:
    """Labelled tick boxes, one per symptom, and an output area that updates on every tick."""
    course = course or load_course()
    return symptom_picker(
        [(item.symptom_id, item.symptom_id) for item in load_picker(course)],
        lambda ticked: nerve_picker_html(ticked, course).html,
        heading_html("Which nerve problem?"),
        "legpain-nerve-picker",
        intro_html="<p>Tick what the woman describes. The course's triage engine ranks the likely causes and sets the urgency.</p>",
        course=course,
    )


def show_nerve_picker() -> None:
    """Show the 'Which nerve problem?' symptom picker."""
    show_widget(nerve_picker_widget())
