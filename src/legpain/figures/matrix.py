"""The matrix heatmap and the ranked-causes bar chart, as plotly FigureWidgets updated in place."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import plotly.graph_objects as go

from ..palette import WEIGHT_SCALE
from . import FONT_SIZE, base_layout
from .figure_widget import quick_figure_widget


if TYPE_CHECKING:
    from ..explorer.state import BarView, MatrixView, StyleView


def weight_colorscale() -> list[list[Any]]:
    """A stepped scale: one flat colour for each weight 0, 1, 2, 3 (with zmin 0 and zmax 3)."""
    edges = [0, 1 / 6, 1 / 2, 5 / 6, 1]
    scale: list[list[Any]] = []
    for i, colour in enumerate(WEIGHT_SCALE):
        scale.append([edges[i], colour])
        scale.append([edges[i + 1], colour])
    return scale


def _heatmap_props(view: "MatrixView") -> dict[str, Any]:
    return {
        "z": [list(row) for row in view.z],
        "x": list(range(len(view.columns))),
        "y": list(range(len(view.rows))),
        "text": [list(row) for row in view.text],
        "hovertext": [list(row) for row in view.hover],
    }


def _layout_props(view: "MatrixView") -> dict[str, Any]:
    # The ranges are set, not found by plotly: the invisible trace that carries the names below the
    # matrix would otherwise add plotly's padding round its marker, a blank band of more than a row
    # between the names and the first row (first row at the top).
    return {
        "height": view.height,
        "xaxis.range": [-0.5, max(len(view.columns), 1) - 0.5],
        "yaxis.range": [max(len(view.rows), 1) - 0.5, -0.5],
        "yaxis.tickvals": list(range(len(view.rows))),
        "yaxis.ticktext": list(view.y_labels),
        "xaxis.ticktext": list(view.x_labels),
        "xaxis.tickvals": list(range(len(view.columns))),
        "xaxis2.ticktext": list(view.x_labels),
        "xaxis2.tickvals": list(range(len(view.columns))),
    }


def _highlight_shapes(view: "MatrixView") -> list[dict[str, Any]]:
    if view.highlight is None:
        return []
    x, y = view.highlight
    return [
        {
            "type": "rect", "xref": "x", "yref": "y",
            "x0": x - 0.5, "x1": x + 0.5, "y0": y - 0.5, "y1": y + 0.5,
            "line": {"color": "#000000", "width": 5},
            "fillcolor": "rgba(0,0,0,0)",
        }
    ]


# Every name round the matrix is at the course's figure size (20px): readable from the back row.
# The matrix takes the width of its panel (figure_widget.js fits it); the cause names stand upright,
# one line each, above the matrix and again below it, so that a long matrix never leaves a row
# without its column names in reach.
MATRIX_LABEL_SIZE = FONT_SIZE  # pixels: row names (two lines at most)
COLUMN_LABEL_SIZE = FONT_SIZE  # pixels: cause names, upright, above and below the matrix
MIN_CELL_WIDTH = 25  # pixels per cause column: a 20px number, and an upright 20px name, fit in it


def _column_axis(side: str) -> dict[str, Any]:
    return {
        "showgrid": False, "showline": False, "zeroline": False, "tickmode": "array", "fixedrange": True,
        "side": side, "tickangle": -90, "automargin": True, "tickfont": {"size": COLUMN_LABEL_SIZE},
    }


def matrix_figure(view: "MatrixView") -> go.FigureWidget:
    """The heatmap of symptoms (rows) against causes (columns), coloured and labelled by weight.

    The cause names are on a second x axis too (``xaxis2``, at the bottom), carried by an invisible
    trace, so they show below the last row as well as above the first.
    """
    layout = base_layout("Symptoms (rows) and the causes they point to (columns)", view.height)
    layout["template"] = {}  # no plotly default template: quicker, and the same look as show_figure
    layout["margin"] = {"l": 20, "r": 20, "t": 20, "b": 20}
    # The title has its own band above the upright cause names, at any width: with automargin, a
    # title on the figure's top edge reserves its height (the pads included) on top of the margin
    # that the names push out, so the names start below it. plotly reserves it only when the title
    # needs more than margin["t"], hence the small top margin.
    layout["title"] = {**layout["title"], "automargin": True, "pad": {"t": 10, "b": 10}}
    axis = {"showgrid": False, "showline": False, "zeroline": False, "tickmode": "array", "fixedrange": True}
    layout["xaxis"] = _column_axis("top")
    layout["xaxis2"] = {**_column_axis("bottom"), "overlaying": "x", "matches": "x", "anchor": "y"}
    layout["yaxis"] = {**axis, "autorange": False, "automargin": True, "tickfont": {"size": MATRIX_LABEL_SIZE}}
    heatmap = {
        "type": "heatmap",
        "meta": "matrix",
        "zmin": 0,
        "zmax": 3,
        "colorscale": weight_colorscale(),
        "xgap": 2,
        "ygap": 2,
        "texttemplate": "%{text}",
        "textfont": {"size": FONT_SIZE},
        "hovertemplate": "%{hovertext}<extra></extra>",
        # No colour bar: the number is written in every linked cell, and the key is in words
        # under the filters (see WEIGHT_KEY), so nothing is clipped at the figure's edge.
        "showscale": False,
        **_heatmap_props(view),
    }
    below = {"type": "scatter", "meta": "column-names-below", "xaxis": "x2", "yaxis": "y", "mode": "markers",
             "x": [0], "y": [0], "marker": {"opacity": 0, "size": 1}, "hoverinfo": "skip", "showlegend": False}
    for key, value in _layout_props(view).items():
        if "." in key:
            name, prop = key.split(".")
            layout[name][prop] = value
        else:
            layout[key] = value
    layout["shapes"] = _highlight_shapes(view)
    fig = quick_figure_widget([heatmap, below], layout)
    fig._legpain_view = view  # the last view applied, to send only what changed
    return fig


def min_matrix_width(view: "MatrixView", label_px: int = 260) -> int:
    """The narrowest the matrix may be drawn: the row names and a readable column for every cause."""
    return label_px + 40 + MIN_CELL_WIDTH * len(view.columns)


def apply_matrix_view(fig: go.FigureWidget, view: "MatrixView") -> None:
    """Update the heatmap in place; only what differs from the last view is sent to the browser."""
    old = getattr(fig, "_legpain_view", None)
    same_data = old is not None and (old.rows, old.z, old.x_labels, old.hover) == (view.rows, view.z, view.x_labels, view.hover)
    with fig.batch_update():
        if not same_data:
            fig.data[0].update(_heatmap_props(view))
            fig.layout.update(_layout_props(view))
            fig.layout.height = int(view.height * getattr(fig, "_legpain_scale", 1.0))
        if old is None or old.highlight != view.highlight or not same_data:
            fig.layout.shapes = _highlight_shapes(view)
    fig._legpain_view = view


def bar_figure(view: "BarView") -> go.FigureWidget:
    """Likely causes as horizontal bars, most likely at the top, each labelled with its score and seriousness."""
    layout = base_layout("Likely causes of the ticked symptoms", view.height)
    layout["template"] = {}
    layout["margin"] = {"l": 260, "r": 40, "t": 70, "b": 60}
    layout["yaxis"] = {"autorange": "reversed", "showgrid": False, "fixedrange": True, "showline": True, "linecolor": "#000000", "automargin": True}
    layout["xaxis"] = {"title": {"text": "Score (sum of the matrix weights)"}, "fixedrange": True, "rangemode": "tozero", "dtick": 1,
                       "showline": True, "linecolor": "#000000", "gridcolor": "#DDDDDD", "zeroline": False}
    bars = {
        "type": "bar",
        "meta": "causes",
        "orientation": "h",
        "textposition": "auto",
        "insidetextanchor": "start",
        "textfont": {"size": FONT_SIZE, "color": "#000000"},
        "marker": {"line": {"color": "#000000", "width": 1}},
        "hovertemplate": "%{y}: score %{x}<extra></extra>",
    }
    bars.update(_bar_props(view))
    bars["marker"].update(_bar_marker(view))
    layout.update(_bar_layout(view))
    layout["xaxis"]["visible"] = layout["yaxis"]["visible"] = not view.message
    return quick_figure_widget([bars], layout)


def _bar_props(view: "BarView") -> dict[str, Any]:
    return {"x": list(view.scores), "y": list(view.names), "text": list(view.text)}


def _bar_marker(view: "BarView") -> dict[str, Any]:
    return {
        "color": list(view.colours),
        "pattern": {"shape": list(view.patterns), "fillmode": "overlay", "fgcolor": "#000000", "size": 8},
    }


def _bar_layout(view: "BarView") -> dict[str, Any]:
    note = {"text": view.message, "showarrow": False, "xref": "paper", "yref": "paper", "x": 0.5, "y": 0.5, "font": {"size": FONT_SIZE + 2}}
    return {"height": view.height, "annotations": [note] if view.message else []}


def apply_bar_view(fig: go.FigureWidget, view: "BarView") -> None:
    """Change the bars' data in place (no new figure)."""
    with fig.batch_update():
        bars = fig.data[0]
        bars.update(_bar_props(view))
        bars.marker.update(_bar_marker(view))
        layout = _bar_layout(view)
        fig.layout.height = layout["height"]
        fig.layout.annotations = layout["annotations"]  # assigned, because update() keeps an old note
        fig.layout.xaxis.visible = not view.message
        fig.layout.yaxis.visible = not view.message


def apply_style(fig: go.FigureWidget, style: "StyleView") -> None:
    """High contrast: larger type and thicker lines; normal: the course style."""
    with fig.batch_update():
        fig.layout.font.size = style.font_size
        fig.layout.title.font.size = style.font_size + 4
        fig.layout.xaxis.linewidth = style.line_width
        fig.layout.yaxis.linewidth = style.line_width
        for trace in fig.data:
            if trace.type == "heatmap":
                trace.textfont.size = style.font_size
                trace.xgap = trace.ygap = 2 + style.line_width
                # The names round the matrix keep their size (already 20px), so that they never
                # overlap; the cells and the title grow, and so do the rows.
                fig.layout.xaxis.tickfont.size = COLUMN_LABEL_SIZE
                fig.layout.xaxis2.tickfont.size = COLUMN_LABEL_SIZE
                fig.layout.yaxis.tickfont.size = MATRIX_LABEL_SIZE
                fig._legpain_scale = 1.25 if style.high_contrast else 1.0
                view = getattr(fig, "_legpain_view", None)
                if view is not None:
                    fig.layout.height = int(view.height * fig._legpain_scale)
            elif trace.type == "bar":
                trace.marker.line.width = style.line_width
                trace.textfont.size = style.font_size
            elif trace.type == "scatter" and trace.mode == "markers+text":
                trace.textfont.size = style.font_size
