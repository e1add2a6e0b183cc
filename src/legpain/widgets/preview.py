"""A still picture of a widget in its first state, for where widgets cannot run.

Before Run All (or in a static export) a notebook shows each widget's stored HTML. Here that HTML
is the instruction to run the notebook, followed by the panel as it will first appear: its text,
and its controls drawn greyed out (disabled), so a student can see what the panel asks before
running it. Charts are named, not drawn.
"""

from __future__ import annotations

import re
from typing import Any

import ipywidgets as widgets
from markupsafe import Markup
from plotly.basedatatypes import BaseFigure

from ..html_output import html_text
from ..templating import render

STYLE_ELEMENT = re.compile(r"<style\b.*?</style>", re.S | re.I)


def _hidden(widget: Any) -> bool:
    layout = getattr(widget, "layout", None)
    return isinstance(layout, widgets.Layout) and (layout.display == "none" or layout.visibility == "hidden")


def _label(widget: Any) -> str:
    return str(getattr(widget, "description", "") or getattr(widget, "tooltip", "") or "")


def _option_labels(widget: Any) -> list[str]:
    return [str(label) for label in getattr(widget, "_options_labels", ())]


def _figure_title(figure: BaseFigure) -> str:
    """The chart's title in words, on one line (plotly titles may hold <br> and <b>)."""
    return " ".join(html_text(figure.layout.title.text or "").splitlines())


def preview_node(widget: Any) -> dict[str, Any] | None:
    """The widget as a plain description (kind, label, value, children), or None if not shown."""
    if isinstance(widget, BaseFigure):
        return {"kind": "figure", "label": _figure_title(widget)}
    if _hidden(widget):
        return None
    if isinstance(widget, widgets.Box):
        children = [node for node in (preview_node(child) for child in widget.children) if node is not None]
        return {"kind": "box", "row": isinstance(widget, widgets.HBox), "children": children}
    if isinstance(widget, (widgets.HTML, widgets.HTMLMath)):
        # An HTML widget's value is course HTML, made by the autoescaping templates; only its
        # stylesheet is left out (the notebook may be shown without the course's styles).
        return {"kind": "html", "html": Markup(STYLE_ELEMENT.sub("", widget.value))}
    if isinstance(widget, widgets.Label):
        return {"kind": "text", "text": widget.value}
    if isinstance(widget, widgets.Checkbox):
        return {"kind": "check", "label": _label(widget), "value": bool(widget.value)}
    if isinstance(widget, widgets.RadioButtons):
        return {"kind": "radio", "label": _label(widget), "options": _option_labels(widget), "value": widget.label}
    if isinstance(widget, (widgets.Dropdown, widgets.Select)):
        return {"kind": "select", "label": _label(widget), "value": widget.label or ""}
    if isinstance(widget, widgets.ToggleButton):
        return {"kind": "button", "label": _label(widget)}
    if isinstance(widget, widgets.Button):
        return {"kind": "button", "label": _label(widget)}
    if isinstance(widget, widgets.Textarea):
        return {"kind": "textarea", "label": _label(widget), "value": widget.value, "placeholder": widget.placeholder}
    if isinstance(widget, (widgets.Text, widgets.IntText, widgets.BoundedIntText, widgets.FloatText)):
        return {"kind": "input", "label": _label(widget), "value": str(widget.value), "placeholder": getattr(widget, "placeholder", "")}
    return None


def preview_html(widget: Any, instruction: str) -> str:
    """The instruction, then the widget in its first state with every control greyed out."""
    return render("widget_preview.html", instruction=instruction, root=preview_node(widget))
