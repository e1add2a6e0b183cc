"""What the tests read from the page: visible errors, drawn figures and their colours, labels, axe-core."""

from __future__ import annotations

from typing import Any, Optional

from .scripts import script
from .settings import AXE_JS

ERROR_TEXTS = ("Error displaying widget", "Error rendering", "Traceback (most recent call last)", "There was an error when executing cell")


def visible_error_texts(root: Any) -> list[str]:
    """Error outputs a student would see: stderr/tracebacks and widgets that failed to draw."""
    return root.evaluate(script("visible_errors"), list(ERROR_TEXTS))


def plotly_status(root: Any) -> list[dict[str, Any]]:
    """Each plotly graph in the page: whether an SVG with drawn traces is inside it."""
    return root.evaluate(script("plotly_status"))


def undrawn_figures(root: Any) -> list[dict[str, Any]]:
    """Plotly graphs without an SVG, or without traces although they have values to draw."""
    return [g for g in plotly_status(root) if not g["svg"] or (g["traces"] == 0 and g["values"] > 0)]


def plotly_colours(root: Any) -> list[dict[str, Any]]:
    """Every colour that carries data in every plotly graph: marker, line, fill and colour scale."""
    return root.evaluate(script("plotly_colours"))


def unlabelled_controls(root: Any) -> list[str]:
    """Widget controls without a visible text label (description, wrapping label or button text)."""
    return root.evaluate(script("unlabelled_controls"))


def run_axe(page: Any, context_selector: Optional[str] = None) -> list[dict[str, Any]]:
    """axe-core's violations for the page (or a part of it), every rule at its defaults."""
    if not page.evaluate(script("axe_loaded")):
        page.add_script_tag(path=str(AXE_JS))
    return page.evaluate(script("axe_run"), context_selector)


def serious_violations(violations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [v for v in violations if v["impact"] in ("serious", "critical")]
