"""Lesson 01 (pelvic girdle pain): the test-accuracy explorer and the advice picker.

The clinical content (tests, their accuracy, the picker's symptoms) lives in
``data/lessons/01_pelvic_girdle_pain.yaml`` and is validated in
:mod:`legpain.content.lessons.pelvis`; this module turns control values into HTML
(plain callbacks) and wires ipywidgets to them.
"""

from __future__ import annotations

from typing import Any, Iterable, Optional

import ipywidgets as widgets

from ..content.lessons.pelvis import (  # noqa: F401  (re-exported)
    LESSON_ID, PickerSymptom, ProvocationTest, Range, load_picker, load_tests, load_with_pgp_in_100,
)
from ..content import Course, load_course
from ..course_html import source_rows, assessment_html
from ..templating import markup, render
from ..triage import assess
from . import CONTROL_LAYOUT, LABEL_STYLE, heading_html, message_html, output_area, show_widget
from .picker import symptom_picker

GROUP = 100  # women in the group the accuracy explorer describes
_FROM_LESSON: Any = object()  # accuracy_html's default: the number in the lesson file (None is bad input)


# ---------------------------------------------------------------- test-accuracy explorer


def _count_range(group: int, share: Range) -> tuple[int, int]:
    return round(group * share.low), round(group * share.high)


def _about(low: int, high: int) -> str:
    return f"about {low}" if low == high else f"about {low} to {high}"


def _check_with_pgp(with_pgp: Any) -> int:
    if isinstance(with_pgp, bool) or not isinstance(with_pgp, (int, float)):
        raise ValueError(f"Enter how many of the {GROUP} women have PGP as a whole number from 1 to {GROUP - 1}.")
    if isinstance(with_pgp, float) and not with_pgp.is_integer():
        raise ValueError(f"Enter a whole number of women from 1 to {GROUP - 1}; you gave {with_pgp}.")
    if not 1 <= with_pgp <= GROUP - 1:
        raise ValueError(f"Choose from 1 to {GROUP - 1} women with PGP in the group of {GROUP}; you gave {with_pgp:g}.")
    return int(with_pgp)


def accuracy_html(test_id: Any, with_pgp: Any = _FROM_LESSON, course: Optional[Course] = None) -> str:
    """What a test does in a group of 100 pregnant women, ``with_pgp`` of whom have PGP
    (by default, as many as the lesson file says: ``accuracy_group``).

    Counts come from the reported sensitivity and specificity; a measure that no
    source reports is named as missing rather than guessed.
    """
    course = course or load_course()
    if with_pgp is _FROM_LESSON:
        with_pgp = load_with_pgp_in_100(course)
    tests = {t.id: t for t in load_tests(course)}
    if not isinstance(test_id, str) or test_id not in tests:
        names = ", ".join(t.short for t in tests.values())
        return message_html(f"Choose one of the tests in the list: {names}.", "error")
    try:
        n_with = _check_with_pgp(with_pgp)
    except ValueError as exc:
        return message_html(str(exc), "error")
    test = tests[test_id]
    n_without = GROUP - n_with
    found = missed = false_pos = true_neg = ""
    if test.sensitivity is not None:
        found_low, found_high = _count_range(n_with, test.sensitivity)
        found, missed = _about(found_low, found_high), _about(n_with - found_high, n_with - found_low)
    if test.specificity is not None:
        neg_low, neg_high = _count_range(n_without, test.specificity)
        false_pos, true_neg = _about(n_without - neg_high, n_without - neg_low), _about(neg_low, neg_high)
    return render(
        "pelvis_accuracy.html",
        heading=markup(heading_html(test.name)),
        test=test,
        group=GROUP,
        n_with=n_with,
        n_without=n_without,
        found=found,
        missed=missed,
        false_pos=false_pos,
        true_neg=true_neg,
        sources=source_rows(test.source_ids, course),
    )


def accuracy_explorer(course: Optional[Course] = None) -> widgets.VBox:
    """A drop-down of tests and a number box for how many of 100 women have PGP.

    A number box rather than a slider: ipywidgets links its label for screen readers.
    """
    course = course or load_course()
    tests = load_tests(course)
    choice = widgets.Dropdown(
        options=[(t.short, t.id) for t in tests], value=tests[0].id,
        description="Test", style=LABEL_STYLE, layout=CONTROL_LAYOUT,
    )
    # Not a bounded box: that would silently turn 150 into 99. The callback says what is allowed.
    with_pgp = widgets.IntText(
        value=load_with_pgp_in_100(course), step=1,
        description=f"Women with PGP (of {GROUP})", style=LABEL_STYLE, layout=CONTROL_LAYOUT,
    )
    out = output_area(accuracy_html(choice.value, with_pgp.value, course))

    def update(_: Any = None) -> None:
        out.value = accuracy_html(choice.value, with_pgp.value, course)

    choice.observe(update, names="value")
    with_pgp.observe(update, names="value")
    box = widgets.VBox([choice, with_pgp, out])
    box.add_class("legpain-test-explorer")
    return box


def show_accuracy_explorer() -> None:
    """Show the test-accuracy explorer."""
    show_widget(accuracy_explorer())


# ---------------------------------------------------------------- advice picker


def picker_advice_html(selected: Iterable[Any], course: Optional[Course] = None) -> str:
    """The triage engine's level, likely causes and advice for the ticked symptoms."""
    course = course or load_course()
    allowed = [item.symptom_id for item in load_picker(course)]
    if isinstance(selected, str):
        selected = [selected]
    chosen = list(selected)
    unknown = [s for s in chosen if s not in allowed]
    if unknown:
        return message_html(f"'{unknown[0]}' is not one of the symptoms in this list; tick the boxes shown instead.", "error")
    if not chosen:
        return message_html("Tick one or more symptoms to see the level of urgency and the advice.", "info")
    return assessment_html(assess(chosen, course=course), course)


def advice_picker() -> widgets.VBox:
    """A tick box per symptom, and the engine's assessment below."""
    course = load_course()
    return symptom_picker(
        [(item.symptom_id, item.symptom_id) for item in load_picker(course)],
        lambda ticked: picker_advice_html(ticked, course),
        "<p><strong>Tick what she tells you:</strong></p>",
        "legpain-advice-picker",
        course=course,
    )


def show_advice_picker() -> None:
    """Show the 'what would you advise?' picker."""
    show_widget(advice_picker())
