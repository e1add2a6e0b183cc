"""Interactive widgets for the lessons: shared pieces.

Each widget is split in two: a plain *callback* function that takes the
control values and returns what to show (tested by pytest), and a *builder*
that makes the ipywidgets controls and wires them to the callback. A notebook
run never moves a slider, so only the callbacks carry logic.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets
from IPython.display import display

# The learner's messages are rendered by legpain.course_html; the widgets take them from here too.
from ..course_html import LARGE_FONT as LARGE_FONT, message_html as message_html
from ..templating import render, style_html
from .preview import preview_html

CONTROL_LAYOUT = widgets.Layout(width="auto", min_width="320px")
LABEL_STYLE = {"description_width": "initial"}


def heading_html(text: str) -> str:
    return render("heading.html", text=text)


def output_area(html: str = "") -> widgets.HTML:
    """An HTML widget that screen readers announce when it changes."""
    area = widgets.HTML(value=html)
    area.add_class("legpain-output")
    return area


def course_style() -> widgets.HTML:
    """The course stylesheet (templates/course.css), as a widget so that it works in JupyterLab and Voila alike."""
    return widgets.HTML(style_html(), layout=widgets.Layout(display="none"))


RUN_FIRST = "Run the notebook (menu Run → Run All Cells) to use {what}."


def widget_bundle(widget: widgets.Widget, text: str) -> dict[str, Any]:
    """A widget's display bundle whose stored fallback reads ``text`` instead of a Python repr.

    Where widgets cannot run (a notebook opened before Run All, a static export, a viewer),
    the reader sees ``text`` and, below it, the panel as it first appears with its controls
    greyed out; where they can, the live widget.
    """
    return {**(widget._repr_mimebundle_() or {}), **stored_fallback(widget, text)}


def stored_fallback(widget: widgets.Widget, text: str) -> dict[str, str]:
    """What a saved notebook shows where ``widget`` cannot run: ``text``, then its still picture."""
    return {"text/plain": text, "text/html": preview_html(widget, text) if text else ""}


def show_widget(box: widgets.Widget, what: str = "this interactive panel") -> None:
    """Display a course widget with the projector-readable course style.

    Its stored output says how to use it, e.g. "Run the notebook … to use this calculator".
    """
    box.add_class("legpain-widget")
    display(widget_bundle(course_style(), ""), raw=True)
    display(widget_bundle(box, RUN_FIRST.format(what=what)), raw=True)
