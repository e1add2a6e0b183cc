"""A symptom picker: one labelled tick box per symptom, wired to a lesson's callback.

Several lessons let the student tick what a woman describes and see what the
triage engine makes of it. The symptoms come from a list in the lesson file;
each lesson keeps its own callback (what to show) and shares this builder. The
loader, :func:`legpain.content.lessons.load_symptom_items`, is re-exported here.
"""

from __future__ import annotations

from typing import Any, Callable, Optional, Sequence

import ipywidgets as widgets

from ..content.lessons import load_symptom_items  # noqa: F401  (re-exported: lessons import it from here)
from ..content import Course, load_course
from . import LABEL_STYLE, output_area


def symptom_picker(
    choices: Sequence[tuple[str, str]],
    render: Callable[[list[str]], str],
    heading_html: str,
    css_class: str,
    intro_html: Optional[str] = None,
    course: Optional[Course] = None,
) -> widgets.VBox:
    """Tick boxes labelled with each symptom's plain-language label, and an output area.

    ``choices`` pairs a key with a symptom id; ``render`` gets the ticked keys, in
    order, and returns the HTML to show. The panel keeps ``controls`` (the boxes by
    key) and ``output`` for tests; each box knows its ``symptom_id``.
    """
    course = course or load_course()
    boxes: dict[str, widgets.Checkbox] = {}
    for key, symptom_id in choices:
        box = widgets.Checkbox(
            value=False,
            description=course.symptoms[symptom_id].label,
            indent=False,
            style=LABEL_STYLE,
            layout=widgets.Layout(width="auto"),
        )
        box.symptom_id = symptom_id  # type: ignore[attr-defined]
        boxes[key] = box
    output = output_area()

    def update(_: Any = None) -> None:
        output.value = render([key for key, box in boxes.items() if box.value])

    for box in boxes.values():
        box.observe(update, names="value")
    update()
    header = [widgets.HTML(heading_html)] + ([widgets.HTML(intro_html)] if intro_html else [])
    panel = widgets.VBox([*header, *boxes.values(), output])
    panel.add_class(css_class)
    panel.controls = boxes  # type: ignore[attr-defined]
    panel.output = output  # type: ignore[attr-defined]
    return panel
