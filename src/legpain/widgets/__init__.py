"""Interactive widgets for the lessons: shared pieces.

Each widget is split in two: a plain *callback* function that takes the
control values and returns what to show (tested by pytest), and a *builder*
that makes the ipywidgets controls and wires them to the callback. A notebook
run never moves a slider, so only the callbacks carry logic.
"""

from __future__ import annotations

from html import escape

import ipywidgets as widgets

LARGE_FONT = "16px"
CONTROL_LAYOUT = widgets.Layout(width="auto", min_width="320px")
LABEL_STYLE = {"description_width": "initial"}


def message_html(text: str, kind: str = "info") -> str:
    """A short message for the learner. ``kind`` is 'info', 'error' or 'success'."""
    symbols = {"info": "ℹ", "error": "⚠", "success": "✔"}
    role = "alert" if kind == "error" else "status"
    return (
        f'<div class="legpain-message legpain-message-{kind}" role="{role}" style="font-size:{LARGE_FONT}">'
        f'<span aria-hidden="true">{symbols[kind]}</span> {escape(text)}</div>'
    )


def heading_html(text: str) -> str:
    return f'<h4 style="margin:0.4em 0">{escape(text)}</h4>'


def output_area(html: str = "") -> widgets.HTML:
    """An HTML widget that screen readers announce when it changes."""
    area = widgets.HTML(value=html)
    area.add_class("legpain-output")
    return area
