"""Lesson 01 (pelvic girdle pain): how well the clinical tests pick up PGP."""

from __future__ import annotations

from typing import Optional

import plotly.graph_objects as go

from ..content.lessons.pelvis import ProvocationTest, Range, load_tests
from ..content import Course
from ..palette import OKABE_ITO
from . import FONT_SIZE, legend_below, new_figure, show_figure

MEASURES = {
    "sensitivity": {"label": "Sensitivity: women WITH PGP who test positive", "symbol": "circle", "colour": OKABE_ITO["blue"], "offset": 0.2},
    "specificity": {
        "label": "Specificity: women WITHOUT PGP who test negative", "symbol": "diamond", "colour": OKABE_ITO["vermillion"], "offset": -0.2,
    },
}


def _percent(share: Range) -> str:
    low, high = round(share.low * 100), round(share.high * 100)
    return f"{low}%" if low == high else f"{low}-{high}%"


def has_ranges(tests: list[ProvocationTest]) -> bool:
    """Whether any source reports a range (low to high) rather than one value."""
    return any(share is not None and share.low != share.high for t in tests for share in (t.sensitivity, t.specificity))


def accuracy_figure(tests: list[ProvocationTest]) -> go.Figure:
    """Sensitivity and specificity of each test: a labelled marker per reported value, and a line
    from low to high where a source reports a range.

    Every reported value has its label beside its marker; a measure that no source reports is
    written on the chart as 'not reported'. The legend sits under the axis title, clear of it.
    """
    fig = new_figure("How well do the tests pick up PGP in pregnancy?", height=240 + 90 * len(tests))
    rows = list(reversed(tests))  # first test at the top
    for measure, style in MEASURES.items():
        xs: list[float] = []
        ys: list[float] = []
        texts: list[str] = []
        range_x: list[Optional[float]] = []
        range_y: list[Optional[float]] = []
        for i, test in enumerate(rows):
            share: Optional[Range] = getattr(test, measure)
            y = i + style["offset"]
            if share is None:
                fig.add_annotation(x=2, y=y, xanchor="left", showarrow=False, text=f"{measure} not reported",
                                   font={"size": FONT_SIZE, "color": "#000000"})
                continue
            if share.low != share.high:
                range_x += [share.low * 100, share.high * 100, None]
                range_y += [y, y, None]
            xs.append(share.high * 100)
            ys.append(y)
            texts.append(_percent(share))
        if range_x:
            fig.add_trace(go.Scatter(x=range_x, y=range_y, mode="lines", line={"color": style["colour"], "width": 6},
                                     showlegend=False, hoverinfo="skip"))
        fig.add_trace(
            go.Scatter(
                x=xs, y=ys, name=style["label"], mode="markers+text", text=texts, textposition="middle right",
                textfont={"size": FONT_SIZE, "color": "#000000"},
                marker={"symbol": style["symbol"], "size": 16, "color": style["colour"], "line": {"color": "#000000", "width": 1}},
                hovertemplate="%{text}<extra></extra>",
            )
        )
    axis_title = "Share of women (a line shows a reported range)" if has_ranges(tests) else "Share of women"
    fig.update_xaxes(range=[0, 122], tickvals=[0, 20, 40, 60, 80, 100], ticksuffix="%", title_text=axis_title)
    fig.update_yaxes(tickvals=list(range(len(rows))), ticktext=[t.short for t in rows], range=[-0.6, len(rows) - 0.4], automargin=True)
    fig.update_layout(margin={"l": 20, "r": 20, "t": 70})
    return legend_below(fig, lines=2)


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
