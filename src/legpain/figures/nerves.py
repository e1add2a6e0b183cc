"""Figures for lesson 03 (nerve compression): where each nerve problem is felt, and how rare each is.

The clinical content (which problem, where it is felt, how often) comes from
``data/lessons/03_nerve_compression.yaml`` (validated in :mod:`legpain.content.lessons.nerves`);
this module only knows how to draw
the body areas.
"""

from __future__ import annotations

from typing import Literal, Optional

import plotly.graph_objects as go
from pydantic import BaseModel

from ..content.lessons.nerves import (  # noqa: F401  (re-exported)
    LESSON_ID, AreaId, HowCommon, NerveProblem, load_how_common, load_nerve_problems,
)
from . import COLORWAY, FONT_SIZE, new_figure, show_figure

# Two views of the lower body, side by side: seen from behind (x 0-10) and from the front (x 11-21).
FRONT_OFFSET = 11.0
_OUTLINE = [
    (2.6, 14), (7.4, 14), (8.4, 10.5), (8.2, 8.6), (7.9, 5.0), (7.4, 1.0), (7.8, 0), (5.4, 0), (5.7, 1.0),
    (5.5, 5.0), (5.15, 8.0), (5.0, 8.2), (4.85, 8.0), (4.5, 5.0), (4.3, 1.0), (4.6, 0), (2.2, 0), (2.6, 1.0),
    (2.1, 5.0), (1.8, 8.6), (1.6, 10.5), (2.6, 14),
]


class Area(BaseModel):
    """A drawn body area: its name in words, which view it is in, its outline, and whether it is filled."""

    label: str
    view: Literal["back", "front"]
    points: list[tuple[float, float]]
    filled: bool = True


AREAS: dict[str, Area] = {
    "lower_back": Area(label="lower back", view="back", points=[(3.2, 13.6), (6.8, 13.6), (7.1, 11.4), (2.9, 11.4)]),
    "buttock": Area(label="buttock", view="back", points=[(1.75, 10.4), (4.4, 10.4), (4.4, 8.7), (1.8, 8.7)]),
    "back_of_thigh": Area(label="back of the thigh", view="back", points=[(1.85, 8.5), (4.75, 8.5), (4.5, 5.4), (2.05, 5.4)]),
    "lower_leg_and_foot": Area(
        label="lower leg down to the foot", view="back", points=[(2.1, 4.9), (4.5, 4.9), (4.3, 1.0), (4.6, 0), (2.2, 0), (2.6, 1.0)]
    ),
    "saddle": Area(label="saddle area (genitals and back passage)", view="back", points=[(5.0, 10.0), (5.6, 9.2), (5.0, 8.4), (4.4, 9.2)]),
    "front_outer_thigh": Area(label="front and outer thigh", view="front", points=[(6.2, 10.0), (8.35, 10.0), (7.95, 5.6), (6.3, 5.6)]),
    "both_legs": Area(
        label="both legs",
        view="front",
        points=[(1.5, 8.9), (8.5, 8.9), (8.1, 5.0), (7.6, 1.0), (8.1, -0.3), (1.9, -0.3), (2.4, 1.0), (1.9, 5.0), (1.5, 8.9)],
        filled=False,
    ),
}
PATTERNS = ["/", ".", "-", "x", "\\", "|", "+"]


def _join(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _centre(points: list[tuple[float, float]]) -> tuple[float, float]:
    xs, ys = zip(*points)
    return (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2


def nerve_map_figure(problems: Optional[list[NerveProblem]] = None) -> tuple[go.Figure, str]:
    """A body map seen from behind and from the front, with each problem's areas numbered and patterned."""
    problems = problems if problems is not None else load_nerve_problems()
    fig = new_figure("Where each nerve problem is felt", height=620, showlegend=True)
    fig.update_layout(
        legend={"orientation": "h", "x": 0, "y": -0.04, "yanchor": "top", "font": {"size": FONT_SIZE}},
        margin={"l": 20, "r": 20, "t": 70, "b": 150},
    )
    for offset, title in ((0.0, "Seen from behind"), (FRONT_OFFSET, "Seen from the front")):
        xs, ys = zip(*_OUTLINE)
        fig.add_scatter(
            x=[x + offset for x in xs], y=list(ys), mode="lines", fill="toself", fillcolor="#EEEEEE",
            line={"color": "#000000", "width": 2}, hoverinfo="skip", showlegend=False,
        )
        fig.add_annotation(x=5 + offset, y=14.8, text=f"<b>{title}</b>", showarrow=False, font={"size": FONT_SIZE})
    for number, problem in enumerate(problems, start=1):
        colour = COLORWAY[(number - 1) % len(COLORWAY)]
        pattern = PATTERNS[(number - 1) % len(PATTERNS)]
        name = f"{number}. {problem.name}"
        for k, area_id in enumerate(problem.areas):
            area = AREAS[area_id]
            offset = FRONT_OFFSET if area.view == "front" else 0.0
            pts = area.points + [area.points[0]]
            xs = [x + offset for x, _ in pts]
            ys = [y for _, y in pts]
            hover = f"{problem.name}: {area.label}"
            common = {"name": name, "legendgroup": problem.id, "showlegend": k == 0, "hovertext": hover, "hoverinfo": "text"}
            if area.filled:
                fig.add_scatter(
                    x=xs, y=ys, mode="lines", fill="toself", fillcolor=colour,
                    fillpattern={"shape": pattern, "fgcolor": "#000000", "bgcolor": colour, "solidity": 0.25},
                    line={"color": "#000000", "width": 2}, **common,
                )
            else:
                fig.add_scatter(x=xs, y=ys, mode="lines", line={"color": colour, "width": 5, "dash": "dash"}, **common)
            cx, cy = _centre(area.points)
            if not area.filled:
                cy = 3.0
            fig.add_annotation(
                x=cx + offset, y=cy, text=f"<b>{number}</b>", showarrow=False, font={"size": FONT_SIZE, "color": "#000000"},
                bgcolor="#FFFFFF", bordercolor="#000000", borderwidth=2, borderpad=3,
            )
    fig.update_xaxes(visible=False, range=[0, FRONT_OFFSET + 10.5])
    fig.update_yaxes(visible=False, range=[-0.8, 15.4], scaleanchor="x", scaleratio=1)
    parts = [f"{n}. {p.name}: {_join([AREAS[a].label for a in p.areas])}" for n, p in enumerate(problems, start=1)]
    summary = "Where each problem is felt: " + "; ".join(parts) + "."
    return fig, summary


def _per_10000_text(value: float) -> str:
    return f"{round(value):,}" if value >= 10 else f"{value:.1f}".rstrip("0").rstrip(".")


def how_common_figure(rows: Optional[list[HowCommon]] = None) -> tuple[go.Figure, str]:
    """How many in 10,000 pregnancies, on a log scale so that rare and common fit on one chart."""
    rows = rows if rows is not None else load_how_common()
    rows = sorted(rows, key=lambda r: r.per_10000)
    fig = new_figure("Rare or common? Cases in every 10,000 pregnancies", height=400)
    fig.add_bar(
        y=[f"<b>{r.label}</b><br>{r.basis}" for r in rows],
        x=[r.per_10000 for r in rows],
        orientation="h",
        marker={"color": COLORWAY[0], "line": {"color": "#000000", "width": 1}},
        text=[f"about {_per_10000_text(r.per_10000)} in 10,000" for r in rows],
        textposition="outside",
        constraintext="none",
        textfont={"size": FONT_SIZE, "color": "#000000"},
        cliponaxis=False,
        hovertext=[f"{r.label}: {r.basis}" for r in rows],
        hoverinfo="text",
        showlegend=False,
    )
    ticks = [1, 10, 100, 1000, 10000]
    fig.update_xaxes(
        type="log", title="Cases per 10,000 pregnancies<br>(each step is 10 times more)", range=[-0.4, 6.0],
        tickvals=ticks, ticktext=[f"{t:,}" for t in ticks],
    )
    fig.update_layout(margin={"l": 20, "r": 60, "t": 70, "b": 110})  # room for the two-line axis title
    fig.update_yaxes(automargin=True)  # the two-line names take the room they need
    common, rare = rows[-1], rows[0]
    ratio = common.per_10000 / rare.per_10000
    summary = (
        f"{common.label} (about {_per_10000_text(common.per_10000)} in 10,000) is roughly {round(ratio, -2 if ratio >= 1000 else 0):,.0f} "
        f"times as common as {rare.label[0].lower() + rare.label[1:]} (about {_per_10000_text(rare.per_10000)} in 10,000)."
    )
    return fig, summary


def show_nerve_map() -> None:
    """Show where each nerve problem of the lesson is felt."""
    show_figure(*nerve_map_figure())


def show_how_common() -> None:
    """Show how rare a true slipped disc is beside pelvic girdle pain."""
    show_figure(*how_common_figure())
