"""Figure for the case studies: where each case sits in pregnancy, without giving answers away."""

from __future__ import annotations

from html import escape
from typing import Optional

import plotly.graph_objects as go

from ..data import Course, load_course
from ..palette import OKABE_ITO
from ..widgets.cases import Case, WeekMarker, load_cases, load_week_markers
from . import new_figure, show_figure

DASHES = ["dot", "dash", "dashdot", "longdash"]


def _wrap(text: str, width: int = 18) -> str:
    """Break a short label into lines of about ``width`` characters for the chart."""
    lines: list[str] = []
    for word in escape(text).split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "<br>".join(lines)


def case_timeline_figure(cases: Optional[list[Case]] = None, markers: Optional[list[WeekMarker]] = None) -> go.Figure:
    """One point per case at her week of pregnancy, with the weeks that change the advice marked."""
    cases = cases if cases is not None else load_cases()
    markers = markers if markers is not None else load_week_markers()
    ordered = sorted(cases, key=lambda c: (c.weeks, c.name))
    fig = new_figure("The cases through pregnancy", height=240 + 38 * len(ordered),
                     margin={"l": 20, "r": 30, "t": 130, "b": 70}, showlegend=False)
    labels = [f"{i}. {c.name}" for i, c in enumerate(cases, start=1)]
    label_of = {c.id: label for c, label in zip(cases, labels)}
    for i, marker in enumerate(markers):
        fig.add_vline(x=marker.week, line={"color": "#000000", "width": 2, "dash": DASHES[i % len(DASHES)]})
        fig.add_annotation(x=marker.week, y=1.0, yref="paper", yanchor="bottom", xanchor="left", showarrow=False,
                           text=f"<b>{marker.week} weeks</b><br>{_wrap(marker.short)}", font={"size": 13}, align="left")
    fig.add_trace(
        go.Scatter(
            x=[c.weeks for c in ordered],
            y=[label_of[c.id] for c in ordered],
            mode="markers+text",
            text=[f"week {c.weeks}" for c in ordered],
            textposition="middle right",
            marker={"symbol": "circle", "size": 16, "color": OKABE_ITO["blue"], "line": {"color": "#000000", "width": 1}},
            hovertemplate="<b>%{y}</b>: %{x} weeks<extra></extra>",
            cliponaxis=False,
        )
    )
    fig.update_xaxes(title_text="Week of pregnancy", range=[0, 44], dtick=4)
    fig.update_yaxes(categoryorder="array", categoryarray=[label_of[c.id] for c in reversed(ordered)], automargin=True)
    return fig


def case_timeline_summary(cases: Optional[list[Case]] = None, markers: Optional[list[WeekMarker]] = None) -> str:
    """One sentence, from the data: the span of the cases and how many fall between the marked weeks."""
    cases = cases if cases is not None else load_cases()
    markers = markers if markers is not None else load_week_markers()
    weeks = sorted(c.weeks for c in cases)
    edges = [m.week for m in markers]
    bands = []
    low = 1
    for edge in edges + [43]:
        high = edge - 1 if edge != 43 else 42
        count = sum(low <= w <= high for w in weeks)
        bands.append(f"{count} in weeks {low} to {high}")
        low = edge
    marked = "; ".join(m.label for m in markers)
    return (f"The {len(cases)} cases run from week {weeks[0]} to week {weeks[-1]} of pregnancy, "
            f"{', '.join(bands)}; the lines mark the weeks that change the advice ({marked}).")


def show_case_timeline(course: Optional[Course] = None) -> None:
    """Show the case timeline with its one-sentence summary."""
    course = course or load_course()
    cases, markers = load_cases(course), load_week_markers(course)
    show_figure(case_timeline_figure(cases, markers), case_timeline_summary(cases, markers))
