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

from ..templating import render

LARGE_FONT = "16px"
CONTROL_LAYOUT = widgets.Layout(width="auto", min_width="320px")
LABEL_STYLE = {"description_width": "initial"}

# ipywidgets draws labels, tick boxes and menus at 13px, too small on a projector.
# This stylesheet, scoped to the course's widgets, makes them large and easy to hit.
COURSE_CSS = """
.legpain-widget, .legpain-widget .widget-label, .legpain-widget .widget-label-basic,
.legpain-widget label, .legpain-widget select, .legpain-widget input,
.legpain-widget button, .legpain-widget .widget-html-content {
  font-size: 16px; line-height: 1.5; color: #000000;
}
.legpain-widget input[type="checkbox"], .legpain-widget input[type="radio"] {
  width: 18px; height: 18px;
}
.legpain-widget .jupyter-button { height: auto; min-height: 36px; padding: 4px 14px; }
.legpain-widget .widget-inline-hbox, .legpain-widget .widget-checkbox { min-height: 32px; }
/* Long answers wrap onto more lines instead of overlapping the next answer. */
.legpain-widget .widget-radio-box label {
  height: auto; min-height: var(--jp-widgets-radio-item-height); white-space: normal;
  line-height: 1.3; margin-bottom: 0.3em;
}
/* Links are underlined so that they are not told apart by colour alone (WCAG 1.4.1).
   The theme's rule is '.jp-RenderedHTMLCommon a:link'; this one matches it and comes later. */
.jp-RenderedHTMLCommon a:link, .jp-RenderedHTMLCommon a:visited,
.legpain-widget a:link, .legpain-widget a:visited { text-decoration: underline; }
"""


def message_html(text: str, kind: str = "info") -> str:
    """A short message for the learner. ``kind`` is 'info', 'error' or 'success'."""
    symbols = {"info": "ℹ", "error": "⚠", "success": "✔"}
    role = "alert" if kind == "error" else "status"
    return render("message.html", kind=kind, role=role, size=LARGE_FONT, symbol=symbols[kind], text=text)


def heading_html(text: str) -> str:
    return render("heading.html", text=text)


def output_area(html: str = "") -> widgets.HTML:
    """An HTML widget that screen readers announce when it changes."""
    area = widgets.HTML(value=html)
    area.add_class("legpain-output")
    return area


def course_style() -> widgets.HTML:
    """The course stylesheet, as a widget so that it works in JupyterLab and Voila alike."""
    return widgets.HTML(f"<style>{COURSE_CSS}</style>", layout=widgets.Layout(display="none"))


RUN_FIRST = "Run the notebook (menu Run → Run All Cells) to use {what}."


def widget_bundle(widget: widgets.Widget, text: str) -> dict[str, Any]:
    """A widget's display bundle whose stored fallback reads ``text`` instead of a Python repr.

    Where widgets cannot run (a notebook opened before Run All, a static export, a viewer),
    the reader sees ``text``; where they can, the live widget.
    """
    bundle = dict(widget._repr_mimebundle_() or {})
    bundle["text/plain"] = text
    bundle["text/html"] = render("run_first.html", text=text) if text else ""
    return bundle


def show_widget(box: widgets.Widget, what: str = "this interactive panel") -> None:
    """Display a course widget with the projector-readable course style.

    Its stored output says how to use it, e.g. "Run the notebook … to use this calculator".
    """
    box.add_class("legpain-widget")
    display(widget_bundle(course_style(), ""), raw=True)
    display(widget_bundle(box, RUN_FIRST.format(what=what)), raw=True)
