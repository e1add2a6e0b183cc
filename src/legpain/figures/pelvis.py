"""Lesson 01 (pelvic girdle pain): how well the clinical tests pick up PGP."""

from __future__ import annotations

from typing import Optional

import plotly.graph_objects as go

from ..content.lessons.pelvis import ProvocationTest, Range, load_tests
from ..data import Course
from ..palette import OKABE_ITO
from . import new_figure, show_figure

MEASURES = {
    "sensitivity": {"label": "Sensitivity: women WITH PGP who test positive", "symbol": "circle", "colour": OKABE_ITO["blue"], "offset": 0.18},
    "specificity": {"label": "Specificity: women WITHOUT PGP who test negative", "symbol": "diamond", "colour": OKABE_ITO["vermillion"], "offset": -0.18},
}


def _percent(share: Range) -> str:
    low, high = round(share.low * 100), round(share.high * 100)
    return f"{low}%" if low == high else f"{low}-{high}%"


def accuracy_figure(tests: list[ProvocationTest]) -> go.Figure:
    """Sensitivity and specificity of each test, drawn as a point or a reported range.

    A measure that no source reports is written on the chart as 'not reported'.
    """
    fig = new_figure("How well do the tests pick up PGP in pregnancy?", height=460)
    rows = list(reversed(tests))  # first test at the top
    for measure, style in MEASURES.items():
        xs: list[Optional[float]] = []
        ys: list[Optional[float]] = []
        texts: list[str] = []
        for i, test in enumerate(rows):
            share: Optional[Range] = getattr(test, measure)
            y = i + style["offset"]
            if share is None:
                fig.add_annotation(x=2, y=y, xanchor="left", showarrow=False, text=f"{measure} not reported", font={"size": 15, "color": "#000000"})
                continue
            xs += [share.low * 100, share.high * 100, None]
            ys += [y, y, None]
            texts += ["", _percent(share), ""]
        fig.add_trace(
            go.Scatter(
                x=xs, y=ys, name=style["label"], mode="lines+markers+text", text=texts, textposition="middle right",
                marker={"symbol": style["symbol"], "size": 14, "color": style["colour"], "line": {"color": "#000000", "width": 1}},
                line={"color": style["colour"], "width": 6},
                hovertemplate="%{x:.0f}%<extra></extra>",
            )
        )
    fig.update_xaxes(range=[0, 118], tickvals=[0, 20, 40, 60, 80, 100], ticksuffix="%", title_text="Share of women (lines show the range reported)")
    fig.update_yaxes(tickvals=list(range(len(rows))), ticktext=[t.short for t in rows], range=[-0.6, len(rows) - 0.4])
    fig.update_layout(legend={"orientation": "h", "yanchor": "top", "y": -0.2, "x": 0}, margin={"l": 130, "r": 30, "t": 70, "b": 130})
    return fig


def accuracy_summary(tests: list[ProvocationTest]) -> str:
    """One sentence that says what the accuracy figure shows, from the data."""
    parts = []
    for test in tests:
        sens = f"sensitivity {_percent(test.sensitivity)}" if test.sensitivity else "sensitivity not reported"
        spec = f"specificity {_percent(test.specificity)}" if test.specificity else "specificity not reported"
        if test.specificity and test.specificity_in:
            spec += f" (measured in {test.specificity_in})"
        parts.append(f"{test.short}: {sens}, {spec}")
    return "Reported accuracy of the PGP tests (" + "; ".join(parts) + ")."


def show_accuracy_figure(course: Optional[Course] = None) -> None:
    """Show the test-accuracy figure with its text summary."""
    tests = load_tests(course)
    show_figure(accuracy_figure(tests), accuracy_summary(tests))
