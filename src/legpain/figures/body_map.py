"""A simple drawing of the pelvis and legs, divided into the course's body regions.

The shapes are plain polygons (front view, not to scale). Each region has a
clickable round marker with its label; the chosen region gets a thick outline,
a filled colour and a "▶" before its label, so colour is never the only cue.
"""

from __future__ import annotations

import textwrap
from html import escape
from typing import TYPE_CHECKING, Optional

import plotly.graph_objects as go

from ..palette import OKABE_ITO
from . import FONT_SIZE, base_layout
from .matrix import quick_figure_widget

if TYPE_CHECKING:
    from ..content import Course

Polygon = list[tuple[float, float]]

# Front view, x from 0 to 10, y from 0 (feet) to 14 (top). Two legs drawn for each leg region.
SHAPES: dict[str, list[Polygon]] = {
    "pelvis": [[(0.8, 13.2), (5.6, 13.2), (5.0, 10.6), (3.6, 10.0), (2.8, 10.0), (1.4, 10.6)]],
    "hip_thigh": [
        [(1.4, 10.5), (2.8, 9.9), (2.9, 7.0), (1.6, 7.0)],
        [(3.6, 9.9), (5.0, 10.5), (4.8, 7.0), (3.5, 7.0)],
    ],
    "knee_calf": [
        [(1.6, 6.9), (2.9, 6.9), (2.8, 3.4), (1.8, 3.4)],
        [(3.5, 6.9), (4.8, 6.9), (4.6, 3.4), (3.6, 3.4)],
    ],
    "ankle_foot": [
        [(1.8, 3.3), (2.8, 3.3), (2.8, 1.6), (2.9, 0.8), (0.9, 0.8), (1.8, 1.6)],
        [(3.6, 3.3), (4.6, 3.3), (4.6, 1.6), (5.5, 0.8), (3.5, 0.8), (3.6, 1.6)],
    ],
    # The whole leg: a labelled bracket box beside the legs, joined to them by a line.
    "whole_leg": [[(6.2, 8.2), (9.8, 8.2), (9.8, 5.6), (6.2, 5.6)]],
    # Beyond the leg (chest, head, bladder and bowel): a separate box.
    "beyond_leg": [[(6.2, 13.6), (9.8, 13.6), (9.8, 10.8), (6.2, 10.8)]],
}
# Where each region's round marker sits. The regions drawn on the body have their marker left of the
# drawing, its name left of the marker and a dotted line to the region, so that no outline ever
# crosses a name; the two boxes beside the legs have their marker and name inside the box.
LABEL_AT: dict[str, tuple[float, float]] = {
    "pelvis": (-0.2, 12.3),
    "hip_thigh": (-0.2, 8.8),
    "knee_calf": (-0.2, 5.4),
    "ankle_foot": (-0.2, 2.5),
    "whole_leg": (8.0, 6.9),
    "beyond_leg": (8.0, 12.2),
}
POINT_TO: dict[str, tuple[float, float]] = {  # the part of the drawing a side name's dotted line points to
    "pelvis": (1.6, 11.75),
    "hip_thigh": (2.0, 8.25),
    "knee_calf": (2.2, 4.85),
    "ankle_foot": (2.2, 1.95),
}
SIDE_NAMES = tuple(POINT_TO)
FILL = "#EEEEEE"
CHOSEN_FILL = OKABE_ITO["sky_blue"]


def _shapes_for(region_id: str, index: int) -> list[Polygon]:
    """Known regions have a drawing; any other region gets a box in a row along the bottom."""
    if region_id in SHAPES:
        return SHAPES[region_id]
    x = 0.5 + 2.4 * (index % 4)
    y = -1.5 - 2.0 * (index // 4)
    return [[(x, y), (x + 2.2, y), (x + 2.2, y - 1.6), (x, y - 1.6)]]


def _label_at(region_id: str, index: int) -> tuple[float, float]:
    if region_id in LABEL_AT:
        return LABEL_AT[region_id]
    return (1.6 + 2.4 * (index % 4), -2.3 - 2.0 * (index // 4))


def _label(text: str, chosen: bool) -> str:
    lines = "<br>".join(escape(line) for line in textwrap.wrap(text, 14) or [text])
    return f"▶ <b>{lines}</b>" if chosen else lines


def body_map_figure(course: "Course", selected: Optional[str] = None) -> go.FigureWidget:
    """The body map: one filled shape per region, and one clickable labelled marker per region."""
    regions = list(course.regions.values())
    lowest = min(y for i, r in enumerate(regions) for poly in _shapes_for(r.id, i) for _, y in poly)
    layout = base_layout("Body regions: click a round marker, or use the menu", 640, template={})
    layout.update(
        showlegend=False,
        margin={"l": 10, "r": 10, "t": 70, "b": 10},
        xaxis={"visible": False, "range": [-4.6, 10.2], "fixedrange": True},
        yaxis={"visible": False, "range": [min(lowest, 0.4) - 0.2, 14.0], "scaleanchor": "x", "fixedrange": True},
    )
    traces: list[dict] = []
    for i, region in enumerate(regions):
        xs: list[Optional[float]] = []
        ys: list[Optional[float]] = []
        for poly in _shapes_for(region.id, i):
            xs += [x for x, _ in poly] + [poly[0][0], None]
            ys += [y for _, y in poly] + [poly[0][1], None]
        traces.append(
            {"type": "scatter", "meta": f"shape-{region.id}", "x": xs, "y": ys, "mode": "lines", "fill": "toself",
             "fillcolor": FILL, "line": {"color": "#000000", "width": 2}, "hoverinfo": "skip", "name": region.label}
        )
    # The bracket from the "whole leg" box to the legs.
    traces.append(
        {"type": "scatter", "meta": "whole-leg-bracket", "x": [6.2, 5.4, None, 5.4, 5.4], "y": [6.9, 6.9, None, 1.0, 10.4],
         "mode": "lines", "line": {"color": "#000000", "width": 2, "dash": "dot"}, "hoverinfo": "skip"}
    )
    positions = [_label_at(r.id, i) for i, r in enumerate(regions)]
    side = [r.id in SIDE_NAMES for r in regions]
    leaders_x: list[Optional[float]] = []
    leaders_y: list[Optional[float]] = []
    for region, (x, y) in zip(regions, positions):
        if region.id in POINT_TO:
            to_x, to_y = POINT_TO[region.id]
            leaders_x += [x + 0.3, to_x, None]
            leaders_y += [y - 0.55, to_y, None]
    traces.append(
        {"type": "scatter", "meta": "name-leaders", "x": leaders_x, "y": leaders_y, "mode": "lines",
         "line": {"color": "#000000", "width": 2, "dash": "dot"}, "hoverinfo": "skip"}
    )
    traces.append(
        {
            "type": "scatter",
            "meta": "region-markers",
            "x": [p[0] for p in positions],
            "y": [p[1] - 0.55 for p in positions],
            "mode": "markers+text",
            "marker": {"size": 26, "color": "#FFFFFF", "line": {"color": "#000000", "width": 3}, "symbol": "circle"},
            "text": [_label(r.label, False) for r in regions],
            "textposition": ["middle left" if on_side else "top center" for on_side in side],
            "textfont": {"size": FONT_SIZE, "color": "#000000"},
            "customdata": [r.id for r in regions],
            "hovertemplate": "%{text}<extra>click to choose</extra>",
            "name": "regions",
        }
    )
    fig = quick_figure_widget(traces, layout)
    if selected is not None:
        apply_body_map(fig, selected, course)
    return fig


def apply_body_map(fig: go.FigureWidget, selected: Optional[str], course: "Course") -> None:
    """Mark the chosen region in place: thick outline, fill, bold label with '▶'."""
    regions = list(course.regions.values())
    with fig.batch_update():
        for trace in fig.data:
            if isinstance(trace.meta, str) and trace.meta.startswith("shape-"):
                chosen = trace.meta == f"shape-{selected}"
                trace.fillcolor = CHOSEN_FILL if chosen else FILL
                trace.line.width = 6 if chosen else 2
            elif trace.meta == "region-markers":
                trace.text = [_label(r.label, r.id == selected) for r in regions]
                trace.marker.color = ["#000000" if r.id == selected else "#FFFFFF" for r in regions]
