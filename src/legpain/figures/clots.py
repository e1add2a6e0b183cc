"""Figures for lesson 06 (clots and inflamed veins).

Numbers come from ``data/lessons/06_clots_and_inflamed_veins.yaml`` (validated in
:mod:`legpain.content.lessons.clots`) and, for
the LEFt rule, from ``data/left_rule.yaml``.
"""

from __future__ import annotations

import textwrap
from typing import Optional

import plotly.graph_objects as go

from ..content.lessons.clots import (  # noqa: F401  (re-exported)
    LESSON_ID, LegSide, RelativeRisk, load_leg_side, load_relative_risk,
)
from ..content import LeftRule, load_course
from . import COLORWAY, FONT_SIZE, new_figure, show_figure


def _wrap(text: str, width: int = 24) -> str:
    return "<br>".join(textwrap.wrap(text, width))


def relative_risk_figure(rows: Optional[list[RelativeRisk]] = None) -> tuple[go.Figure, str]:
    """Bars of the risk of a clot in each period, compared with not being pregnant."""
    rows = rows if rows is not None else load_relative_risk()
    fig = new_figure("Risk of a clot, compared with not being pregnant", height=500)
    labels = [f"<b>{_wrap(r.period)}</b><br>{_wrap(r.note)}" for r in rows]
    fig.add_bar(
        x=labels,
        y=[r.relative_risk for r in rows],
        marker={"color": COLORWAY[0], "line": {"color": "#000000", "width": 1}},
        text=[f"{r.relative_risk:g}×" for r in rows],
        textposition="outside",
        textfont={"size": FONT_SIZE, "color": "#000000"},
        cliponaxis=False,
        hovertext=[f"{r.period}: about {r.relative_risk:g} times ({r.note})" for r in rows],
        hoverinfo="text",
        showlegend=False,
    )
    top = max(r.relative_risk for r in rows)
    fig.update_yaxes(title="Relative risk (times)", range=[0, top * 1.15])
    fig.update_layout(margin={"l": 80, "r": 30, "t": 70, "b": 150})
    base = next(r for r in rows if r.relative_risk == 1)
    others = [r for r in rows if r is not base]
    parts = " and ".join(f"about {r.relative_risk:g} times as high {r.period.lower()}" for r in others)
    summary = f"Compared with women who are not pregnant, the risk of a clot is {parts}."
    return fig, summary


def leg_side_figure(rows: Optional[list[LegSide]] = None) -> tuple[go.Figure, str]:
    """How many clots in pregnancy involved the left leg, out of those whose side was known."""
    rows = rows if rows is not None else load_leg_side()
    total = sum(r.women for r in rows)
    fig = new_figure(f"Which leg? Pregnant women with a DVT, side known ({total})", height=330)
    fig.add_bar(
        y=[r.side for r in rows][::-1],
        x=[r.women for r in rows][::-1],
        orientation="h",
        marker={"color": [COLORWAY[i % len(COLORWAY)] for i in range(len(rows))][::-1], "line": {"color": "#000000", "width": 1}},
        text=[f"{r.women} of {total} ({round(100 * r.women / total)}%)" for r in rows][::-1],
        textposition="outside",
        textfont={"size": FONT_SIZE, "color": "#000000"},
        cliponaxis=False,
        hoverinfo="text",
        hovertext=[f"{r.side}: {r.women} of {total}" for r in rows][::-1],
        showlegend=False,
    )
    fig.update_xaxes(title="Number of women", range=[0, total * 1.15])
    fig.update_layout(margin={"l": 200, "r": 30, "t": 70, "b": 70})
    parts = ", ".join(f"{r.side.lower()} in {r.women} ({round(100 * r.women / total)}%)" for r in rows)
    summary = f"Of {total} pregnant women with a DVT whose affected side was known: {parts}."
    return fig, summary


def _points(score: int) -> str:
    return f"{score} point{'s' if score != 1 else ''}"


def left_score_figure(rule: Optional[LeftRule] = None) -> tuple[go.Figure, str]:
    """How often a DVT was found at each LEFt score, with the counts behind each percentage (data/left_rule.yaml)."""
    rule = rule if rule is not None else load_course().left_rule
    bands = sorted(rule.interpretation, key=lambda b: b.score)
    cohorts = list(dict.fromkeys(b.cohort for b in bands))
    one_cohort = len(cohorts) == 1
    title = "LEFt score and how often a DVT was found" + (f" ({cohorts[0]})" if one_cohort else "")
    fig = new_figure(title, height=460)
    fig.add_bar(
        x=[f"{_points(b.score)}<br>({b.women} women)" + ("" if one_cohort else f"<br>{b.cohort}") for b in bands],
        y=[b.observed_dvt_percent for b in bands],
        marker={"color": COLORWAY[1], "line": {"color": "#000000", "width": 1}},
        text=[f"{b.women_with_dvt} of {b.women}<br>({b.observed_dvt_percent:g}%)" for b in bands],
        textposition="outside",
        textfont={"size": FONT_SIZE, "color": "#000000"},
        cliponaxis=False,
        hovertext=[_wrap(b.text, 60) for b in bands],
        hoverinfo="text",
        showlegend=False,
    )
    fig.update_yaxes(title="Women with a DVT (%)", range=[0, 100])
    fig.update_xaxes(title="LEFt score (number of women with that score)")
    fig.update_layout(margin={"l": 80, "r": 30, "t": 70, "b": 110})
    parts = [f"{b.women_with_dvt} of {b.women} women with {_points(b.score)} ({b.observed_dvt_percent:g}%)" for b in bands]
    found = ", ".join(parts[:-1]) + f" and {parts[-1]}"
    where = f"In the {cohorts[0]}" if one_cohort else "In the cohorts shown"
    smallest = min(bands, key=lambda b: b.women)
    summary = rule.figure_summary.format(
        where=where, found=found, smallest_women=smallest.women, smallest_score=smallest.score, lowest=_points(bands[0].score)
    )
    return fig, summary


def show_relative_risk() -> None:
    """Show the risk of a clot during pregnancy and after birth."""
    show_figure(*relative_risk_figure())


def show_leg_side() -> None:
    """Show how often the left leg is involved."""
    show_figure(*leg_side_figure())


def show_left_score_risk() -> None:
    """Show how often a DVT was found at each LEFt score."""
    show_figure(*left_score_figure())
