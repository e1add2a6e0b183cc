"""Figure for the relief toolkit: how strong the evidence is behind each measure."""

from __future__ import annotations

import textwrap

from typing import Optional

import plotly.graph_objects as go

from ..content.lessons.relief import Toolkit, load_toolkit
from ..palette import OKABE_ITO
from . import new_figure, show_figure

# Marker symbols by position in the ranking (strongest first), so that a grade
# is told apart by its place on the axis, its symbol and its text, not colour alone.
SYMBOLS = ["star", "diamond", "square", "circle", "triangle-up", "x", "circle-open"]
COLOURS = [
    OKABE_ITO["blue"],
    OKABE_ITO["blue"],
    OKABE_ITO["sky_blue"],
    OKABE_ITO["bluish_green"],
    OKABE_ITO["orange"],
    OKABE_ITO["reddish_purple"],
    OKABE_ITO["vermillion"],
]


def ordered_measures(toolkit: Toolkit) -> list:
    """Measures from the strongest to the weakest evidence (data order within a grade)."""
    return sorted(toolkit.measures, key=lambda m: -toolkit.grades[m.grade].rank)


def _wrap(name: str, width: int = 26) -> str:
    """A measure's name on lines of about ``width`` characters, so the names leave the chart its width."""
    return "<br>".join(textwrap.wrap(name, width)) or name


def evidence_figure(toolkit: Optional[Toolkit] = None) -> go.Figure:
    """A ranked dot chart: one row per measure, placed at the grade of its strongest evidence."""
    toolkit = toolkit or load_toolkit()
    measures = ordered_measures(toolkit)
    grades = sorted(toolkit.grades.values(), key=lambda g: -g.rank)
    fig = new_figure(
        "How strong is the evidence behind each relief measure?",
        height=160 + 56 * len(measures),
        margin={"l": 20, "r": 60, "t": 70, "b": 100},
        showlegend=False,
    )
    problem_names = {p.id: p.label for p in toolkit.problems.values()}
    low, high = min(g.rank for g in grades), max(g.rank for g in grades)
    for i, grade in enumerate(grades):
        rows = [m for m in measures if m.grade == grade.id]
        if not rows:
            continue
        fig.add_trace(
            go.Scatter(
                x=[grade.rank] * len(rows),
                y=[_wrap(m.name) for m in rows],
                mode="markers+text",
                name=grade.short,
                text=[grade.short for _ in rows],
                textposition="middle right",
                marker={"symbol": SYMBOLS[i % len(SYMBOLS)], "size": 16, "color": COLOURS[i % len(COLOURS)],
                        "line": {"color": "#000000", "width": 1}},
                customdata=[["; ".join(problem_names[p] for p in m.problems)] for m in rows],
                hovertemplate="<b>%{y}</b><br>For: %{customdata[0]}<br>Evidence: " + grade.short + "<extra></extra>",
                cliponaxis=False,
            )
        )
    fig.update_xaxes(
        title_text="Strength of evidence of benefit:<br>weaker ← → stronger",  # two lines: never clipped
        tickvals=[g.rank for g in grades],
        showticklabels=False,
        range=[low - 0.5, high + 3.2],  # room for the longest label right of the strongest grade
    )
    fig.update_yaxes(
        categoryorder="array",
        categoryarray=[_wrap(m.name) for m in reversed(measures)],
        automargin=True,
    )
    return fig


def evidence_summary(toolkit: Optional[Toolkit] = None) -> str:
    """One sentence, from the data, saying what the chart shows."""
    toolkit = toolkit or load_toolkit()
    measures = ordered_measures(toolkit)
    ranks = sorted({toolkit.grades[m.grade].rank for m in measures})
    by_rank = {r: [m for m in measures if toolkit.grades[m.grade].rank == r] for r in ranks}
    grade_of = {g.rank: g for g in toolkit.grades.values()}
    top, bottom = ranks[-1], ranks[0]
    counts = "; ".join(f"{len(by_rank[r])} {grade_of[r].short}" for r in reversed(ranks))
    names = lambda rows: " and ".join(", ".join(m.name.lower() for m in rows).rsplit(", ", 1))  # noqa: E731
    return (
        f"Of {len(measures)} relief measures ({counts}), the strongest evidence is for {names(by_rank[top])} "
        f"({grade_of[top].short}), and the weakest is for {names(by_rank[bottom])} ({grade_of[bottom].short})."
    )


def show_evidence_chart() -> None:
    """Show the evidence chart with its one-sentence summary."""
    toolkit = load_toolkit()
    show_figure(evidence_figure(toolkit), evidence_summary(toolkit))
