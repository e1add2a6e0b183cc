"""Lesson 05 (posture, gait and muscle strain): which way each body change goes.

The sources give the direction of each change, not its size, so every bar has
the same length: the chart shows direction only and says so.
"""

from __future__ import annotations

import textwrap
from typing import Optional

import plotly.graph_objects as go

from ..content.lessons.gait import Change, load_changes
from ..content import Course
from ..palette import OKABE_ITO
from . import FONT_SIZE, legend_below, new_figure, show_figure

DIRECTIONS = {
    "increase": {"x": 1, "arrow": "▲", "name": "Increases", "colour": OKABE_ITO["orange"]},
    "decrease": {"x": -1, "arrow": "▼", "name": "Decreases", "colour": OKABE_ITO["sky_blue"]},
}
INCONSISTENT_PATTERN = "/"
WRAP = 26


def _wrap(text: str) -> str:
    return "<br>".join(textwrap.wrap(text, WRAP))


def _bottom_margin(note_lines: int) -> int:
    return int(2 * FONT_SIZE + (1 + note_lines) * FONT_SIZE * 1.5 + 16)


def direction_figure(changes: list[Change]) -> go.Figure:
    """One bar per change, pointing right (increases) or left (decreases); hatched when studies disagree."""
    fig = new_figure("How the body changes in pregnancy: direction only", height=120 + 62 * len(changes))
    rows = list(reversed(changes))  # first change at the top
    ticks = [_wrap(c.measure) for c in rows]
    for direction, style in DIRECTIONS.items():
        chosen = [(tick, c) for tick, c in zip(ticks, rows) if c.direction == direction]
        if not chosen:
            continue
        fig.add_trace(
            go.Bar(
                x=[style["x"]] * len(chosen),
                y=[tick for tick, _ in chosen],
                orientation="h",
                name=f"{style['arrow']} {style['name']}",
                text=[f"{style['arrow']} {c.label}" + ("" if c.consistent else " *") for _, c in chosen],
                textposition="inside",
                insidetextanchor="middle",
                textfont={"size": FONT_SIZE, "color": "#000000"},
                marker={
                    "color": style["colour"],
                    "line": {"color": "#000000", "width": 1.5},
                    "pattern": {"shape": ["" if c.consistent else INCONSISTENT_PATTERN for _, c in chosen], "fgcolor": "#000000", "fgopacity": 0.35},
                },
                hovertemplate="%{y}: %{text}<extra></extra>",
            )
        )
    fig.update_xaxes(
        range=[-1.2, 1.2], tickvals=[-1, 0, 1], ticktext=["◀ decreases", "no change", "increases ▶"],
        zeroline=True, zerolinecolor="#000000", zerolinewidth=2,
    )
    fig.update_yaxes(categoryorder="array", categoryarray=ticks, automargin=True)
    fig.update_layout(barmode="overlay", bargap=0.25, uniformtext={"minsize": FONT_SIZE, "mode": "show"}, margin={"l": 20, "r": 20, "t": 70})
    if any(not c.consistent for c in changes):
        # The note sits under the tick labels, on two lines, and the legend under the note.
        fig.update_layout(height=fig.layout.height + 3 * FONT_SIZE)
        plot_height = fig.layout.height - 70 - _bottom_margin(note_lines=2)
        fig.add_annotation(
            x=0, y=-2.2 * FONT_SIZE / plot_height, xref="paper", yref="paper", xanchor="left", yanchor="top", showarrow=False, align="left",
            text="* hatched: not found in every study.<br>Bar length shows direction only; the sources give no sizes.",
            font={"size": FONT_SIZE, "color": "#000000"},
        )
        legend_below(fig, lines=1 + 2, axis_title=False)
    else:
        legend_below(fig, lines=1, axis_title=False)
    return fig


def direction_summary(changes: list[Change]) -> str:
    """One sentence saying what the direction chart shows, from the data."""
    up = [c.measure.lower() for c in changes if c.direction == "increase"]
    down = [c.measure.lower() for c in changes if c.direction == "decrease"]
    mixed = [c.measure.lower() for c in changes if not c.consistent]
    sentence = f"Of {len(changes)} changes, {len(up)} increase ({'; '.join(up)}) and {len(down)} decrease ({'; '.join(down)})"
    if mixed:
        sentence += f"; not every study found a change in {'; '.join(mixed)}"
    return sentence + "; the chart shows directions, not sizes."


def show_direction_figure(course: Optional[Course] = None) -> None:
    """Show the direction-of-change chart with its text summary."""
    changes = load_changes(course)
    show_figure(direction_figure(changes), direction_summary(changes))
