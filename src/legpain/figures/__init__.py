"""Plotly figures for the lessons: shared style and a display helper.

Every figure is shown with :func:`show_figure`, which stores it as plotly's
JSON mimetype (rendered offline by JupyterLab and Voila; no script from the
internet) and puts a one-sentence text summary beside it.
"""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go
from IPython.display import display

from ..html_output import show_html
from ..palette import FONT_SIZE, OKABE_ITO
from ..course_html import summary_html

COLORWAY = [
    OKABE_ITO["blue"],
    OKABE_ITO["vermillion"],
    OKABE_ITO["bluish_green"],
    OKABE_ITO["orange"],
    OKABE_ITO["reddish_purple"],
    OKABE_ITO["sky_blue"],
    OKABE_ITO["black"],
]
PLOTLY_CONFIG = {"displaylogo": False, "responsive": True}


def base_layout(title: str, height: int = 420, **extra: Any) -> dict[str, Any]:
    """A plain, high-contrast layout with large type and a colour-blind-safe colourway."""
    layout: dict[str, Any] = {
        # At the very top, so that whatever sits above the plot (a legend, notes) is never under it.
        "title": {"text": title, "font": {"size": FONT_SIZE + 4}, "y": 1, "yref": "container", "yanchor": "top", "pad": {"t": 10}},
        "font": {"size": FONT_SIZE, "color": "#000000", "family": "Arial, Helvetica, sans-serif"},
        "colorway": COLORWAY,
        "paper_bgcolor": "#FFFFFF",
        "plot_bgcolor": "#FFFFFF",
        "height": height,
        "margin": {"l": 60, "r": 30, "t": 70, "b": 60},
        "template": None,
    }
    layout.update(extra)
    return layout


def new_figure(title: str, height: int = 420, **layout: Any) -> go.Figure:
    """An empty figure with the course style."""
    fig = go.Figure(layout=base_layout(title, height, **layout))
    fig.update_xaxes(showline=True, linecolor="#000000", gridcolor="#DDDDDD", zeroline=False)
    fig.update_yaxes(showline=True, linecolor="#000000", gridcolor="#DDDDDD", zeroline=False)
    return fig


def legend_below(fig: go.Figure, lines: int = 1, axis_title: bool = True) -> go.Figure:
    """Put a horizontal legend at the very bottom of the figure, under the x axis and its title.

    A legend placed in the plot's own coordinates (y=-0.2) lands on the axis title when the type
    grows; anchored to the figure's bottom edge, with a margin measured in lines of text, it cannot.
    ``lines`` is how many lines the legend may need at the narrowest width the course is shown at.
    """
    legend, bottom = legend_below_layout(lines, axis_title)
    fig.update_layout(legend=legend, margin={"b": bottom})
    fig.update_xaxes(automargin=False)
    return fig


def legend_below_layout(lines: int = 1, axis_title: bool = True) -> tuple[dict[str, Any], int]:
    """The legend settings and bottom margin of :func:`legend_below`, for a figure built from plain dicts."""
    line = FONT_SIZE * 1.5
    bottom = 2 * FONT_SIZE + (2 * FONT_SIZE if axis_title else 0) + lines * line + 16
    legend = {"orientation": "h", "yref": "container", "y": 0, "yanchor": "bottom", "x": 0, "xanchor": "left"}
    return legend, round(bottom)


def figure_bundle(fig: go.Figure, summary: str) -> dict[str, Any]:
    """The display bundle: plotly JSON, with the summary as the plain-text fallback."""
    spec = fig.to_plotly_json()
    spec.setdefault("layout", {}).pop("template", None)
    return {
        "application/vnd.plotly.v1+json": {"data": spec.get("data", []), "layout": spec["layout"], "config": PLOTLY_CONFIG},
        "text/plain": summary,
    }


def show_figure(fig: go.Figure, summary: str) -> None:
    """Display a figure and, beside it, its one-sentence text summary."""
    display(figure_bundle(fig, summary), raw=True)
    show_html(summary_html(summary))
