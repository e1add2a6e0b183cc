"""Lesson 06 widget: the LEFt calculator for suspected DVT in pregnancy.

It scores with :func:`legpain.left_score` (rule in ``data/left_rule.yaml``) and
never re-implements the rule. The callback :func:`left_calculator_html` takes
the control values and returns the HTML; :func:`left_calculator_widget` makes
the labelled controls.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional

import ipywidgets as widgets

from ..content import Course, load_course
from ..left import LeftResult, check_calf_difference, left_score
from ..course_html import source_rows
from ..templating import render
from . import CONTROL_LAYOUT, LABEL_STYLE, heading_html, message_html, output_area, show_widget

ROUTE_ADVICE_ID = "dvt_same_day"
YES_NO = [("Yes", True), ("No", False)]


@dataclass(frozen=True)
class CalculatorResult:
    """What the calculator shows: the HTML, and the score behind it (None when the input needs fixing)."""

    html: str
    result: Optional[LeftResult]


def parse_calf_difference(text: Any, course: Optional[Course] = None) -> float:
    """A calf difference typed by a student: '2.5', '2,5' or ' 3 ' are fine; anything else raises ValueError with advice."""
    if isinstance(text, str):
        cleaned = text.strip().replace(",", ".").removesuffix("cm").strip()
        if not cleaned:
            raise ValueError("Enter the difference between the two calf measurements in centimetres (0 if they are the same).")
        try:
            value: Any = float(cleaned)
        except ValueError:
            value = text
    else:
        value = text
    return check_calf_difference(value, course)


def left_calculator_html(left_leg: Any, calf_difference: Any, first_trimester: Any, course: Optional[Course] = None) -> CalculatorResult:
    """The callback: control values in, the score, the points earned, what it means and its limits out."""
    course = course or load_course()
    rule = course.left_rule
    try:
        calf = parse_calf_difference(calf_difference, course)
        result = left_score(left_leg, calf, first_trimester, course)
    except ValueError as exc:
        return CalculatorResult(message_html(str(exc), "error"), None)

    # The scan comes first on purpose: the score never decides whether a suspected DVT is scanned.
    html = render(
        "left_result.html",
        rule=rule,
        result=result,
        advice=course.advice[ROUTE_ADVICE_ID],
        sources=lambda ids: source_rows(ids, course),
    )
    return CalculatorResult(html, result)


def left_calculator_widget(course: Optional[Course] = None) -> widgets.VBox:
    """Three labelled controls (left leg, calf difference, first trimester) and the result, updated on every change."""
    course = course or load_course()
    left = widgets.RadioButtons(options=YES_NO, value=False, description="Symptoms in the left leg?", style=LABEL_STYLE)
    calf = widgets.Text(
        value="0",
        description="Calf difference (cm)",
        placeholder="larger calf minus smaller calf, e.g. 2.5",
        continuous_update=True,
        style=LABEL_STYLE,
        layout=CONTROL_LAYOUT,
    )
    first = widgets.RadioButtons(options=YES_NO, value=False, description="First trimester?", style=LABEL_STYLE)
    output = output_area()

    def update(_: Any = None) -> None:
        output.value = left_calculator_html(left.value, calf.value, first.value, course).html

    for control in (left, calf, first):
        control.observe(update, names="value")
    update()
    intro = widgets.HTML(
        "<p>Measure both calves at the same height and type the larger minus the smaller. "
        "The result updates as you change any answer.</p>"
    )
    panel = widgets.VBox([widgets.HTML(heading_html("LEFt calculator")), intro, left, calf, first, output])
    panel.add_class("legpain-left-calculator")
    return panel


def show_left_calculator() -> None:
    """Show the LEFt calculator."""
    show_widget(left_calculator_widget())
