"""Lesson 04 figure: how common restless legs syndrome is at each stage of pregnancy."""

from __future__ import annotations

import plotly.graph_objects as go

from ..content.lessons.cramps import LESSON_ID, POOLED, EstimateLabel, Prevalence, load_prevalence  # noqa: F401  (re-exported)
from ..palette import OKABE_ITO
from . import FONT_SIZE, legend_below, new_figure, show_figure


def _fmt(percent: float) -> str:
    return f"{percent:g}%"


def prevalence_summary(rows: list[Prevalence]) -> str:
    """One sentence that says what the figure shows, from the data."""
    pooled = [r for r in rows if r.estimate == POOLED]
    if not pooled:
        raise ValueError("There is no pooled estimate to summarise.")
    stages = [r for r in pooled if "trimester" in r.period.lower()]
    after = [r for r in pooled if "trimester" not in r.period.lower()]
    parts = [f"{_fmt(r.percent)} in the {r.period.lower()}" for r in stages]
    if len(parts) >= 2:
        middle = f" through {', '.join(parts[1:-1])}" if len(parts) > 2 else ""
        sentence = f"Restless legs syndrome rose from {parts[0]}{middle} to {parts[-1]}"
    else:
        peak = max(pooled, key=lambda r: r.percent)
        sentence = f"Restless legs syndrome was most common {peak.period.lower()}, at {_fmt(peak.percent)}"
    if after:
        sentence += f", then fell to {_fmt(after[-1].percent)} {after[-1].period.lower()}"
    others = [r for r in rows if r.estimate != POOLED]
    if others:
        sentence += " (" + "; ".join(f"another review found {_fmt(r.percent)} in the {r.period.lower()}" for r in others) + ")"
    sentence += "."
    return sentence


def prevalence_figure(rows: list[Prevalence], labels: dict[str, str]) -> go.Figure:
    """Bars for the pooled estimates by stage, diamonds for other estimates, each labelled with its value."""
    fig = new_figure("Restless legs syndrome by stage of pregnancy", height=440)
    periods = list(dict.fromkeys(r.period for r in rows))
    pooled = [r for r in rows if r.estimate == POOLED]
    fig.add_bar(
        name=labels[POOLED],
        x=[r.period for r in pooled],
        y=[r.percent for r in pooled],
        text=[_fmt(r.percent) for r in pooled],
        textposition="inside",
        insidetextanchor="middle",
        textangle=0,
        textfont={"color": "#000000"},
        marker={"color": OKABE_ITO["sky_blue"], "line": {"color": "#000000", "width": 1.5}},
        hovertemplate="%{x}: %{y}% (pooled)<extra></extra>",
    )
    for kind in dict.fromkeys(r.estimate for r in rows if r.estimate != POOLED):
        others = [r for r in rows if r.estimate == kind]
        fig.add_scatter(
            name=labels[kind],
            x=[r.period for r in others],
            y=[r.percent for r in others],
            mode="markers+text",
            text=[_fmt(r.percent) for r in others],
            textposition="middle right",
            marker={"symbol": "diamond", "size": 16, "color": OKABE_ITO["vermillion"], "line": {"color": "#000000", "width": 1.5}},
            hovertemplate="%{x}: %{y}%<extra></extra>",
        )
    top = max(r.percent for r in rows)
    fig.update_layout(uniformtext={"minsize": FONT_SIZE, "mode": "show"}, margin={"l": 20, "r": 30, "t": 70})
    fig.update_xaxes(categoryorder="array", categoryarray=periods)
    fig.update_yaxes(title_text="Women with RLS (%)", range=[0, top * 1.25], ticksuffix="%", automargin=True, title_standoff=12)
    return legend_below(fig, lines=2, axis_title=False)


def show_prevalence_figure() -> None:
    """Show the figure and its one-sentence summary."""
    rows, labels = load_prevalence()
    show_figure(prevalence_figure(rows, labels), prevalence_summary(rows))
