"""Figure for the case studies: where each case sits, in pregnancy or after the birth, without giving answers away."""

from __future__ import annotations

from html import escape
from typing import Optional

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ..content.lessons.cases import Case, StageMarker, load_cases, load_stage_markers
from ..content import Course, load_course
from ..palette import OKABE_ITO
from ..triage import DAYS_AFTER_BIRTH, WEEKS
from . import FONT_SIZE, base_layout, show_figure

DASHES = ["dot", "dash", "dashdot", "longdash"]
PANELS = ("In pregnancy", "After the birth")


def _wrap(text: str, width: int = 16) -> str:
    """Break a short label into lines of about ``width`` characters for the chart."""
    lines: list[str] = []
    for word in escape(text).split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "<br>".join(lines)


def _stage_key(case: Case) -> tuple[int, int, str]:
    return (1, case.days_after_birth, case.name) if case.after_birth else (0, case.weeks, case.name)  # type: ignore[return-value]


def case_timeline_figure(cases: Optional[list[Case]] = None, markers: Optional[list[StageMarker]] = None) -> go.Figure:
    """One point per case at her stage: weeks of pregnancy on the left, days after the birth on the right.

    The stages that change the picture are marked with dashed lines.
    """
    cases = cases if cases is not None else load_cases()
    markers = markers if markers is not None else load_stage_markers()
    labels = {c.id: f"{i}. {c.name}" for i, c in enumerate(cases, start=1)}
    ordered = sorted(cases, key=_stage_key)
    fig = make_subplots(rows=1, cols=2, shared_yaxes=True, column_widths=[0.55, 0.45], horizontal_spacing=0.04)
    fig.update_layout(**base_layout("The cases, in pregnancy and after the birth", height=260 + 36 * len(ordered),
                                    margin={"l": 20, "r": 30, "t": 60 + 4 * FONT_SIZE * 6 // 5, "b": 70}, showlegend=False))
    for col, after_birth in ((1, False), (2, True)):
        group = [c for c in ordered if c.after_birth == after_birth]
        unit = "day" if after_birth else "week"
        fig.add_trace(
            go.Scatter(
                name=PANELS[col - 1],
                x=[c.days_after_birth if after_birth else c.weeks for c in group],
                y=[labels[c.id] for c in group],
                mode="markers+text",
                text=[f"{unit} {c.days_after_birth if after_birth else c.weeks}" for c in group],
                textposition="middle right",
                marker={"symbol": "diamond" if after_birth else "circle", "size": 16,
                        "color": OKABE_ITO["vermillion" if after_birth else "blue"], "line": {"color": "#000000", "width": 1}},
                hovertemplate=f"<b>%{{y}}</b>: {unit} %{{x}}" + (" after the birth" if after_birth else " of pregnancy") + "<extra></extra>",
                cliponaxis=False,
            ),
            row=1, col=col,
        )
    for i, marker in enumerate(markers):
        col = 2 if marker.after_birth else 1
        unit = "day" if marker.after_birth else "week"
        # Within a panel, labels alternate to the left and to the right of their line, so that
        # the labels of two close lines do not overlap.
        side = "right" if sum(m.after_birth == marker.after_birth for m in markers[:i]) % 2 == 0 else "left"
        fig.add_vline(x=marker.at, line={"color": "#000000", "width": 2, "dash": DASHES[i % len(DASHES)]}, row=1, col=col)
        fig.add_annotation(x=marker.at, y=1.0, xref=f"x{col if col > 1 else ''}", yref="paper", yanchor="bottom",
                           xanchor=side, showarrow=False, align=side, font={"size": FONT_SIZE},
                           text=f"<b>{unit} {marker.at}</b><br>{_wrap(marker.short)}")
    # The days axis shows the first six weeks, or more when a case or a line is later.
    last_day = max([c.days_after_birth or 0 for c in cases] + [m.at for m in markers if m.after_birth] + [35])
    for col in (1, 2):
        fig.update_xaxes(showline=True, linecolor="#000000", gridcolor="#DDDDDD", zeroline=False, row=1, col=col)
    fig.update_xaxes(title_text="Week of pregnancy", range=[0, WEEKS[1] + 2], dtick=4, row=1, col=1)
    fig.update_xaxes(title_text="Days after the birth", range=[DAYS_AFTER_BIRTH[0] - 1, min(last_day + 7, DAYS_AFTER_BIRTH[1]) + 1],
                     dtick=7, row=1, col=2)
    fig.update_yaxes(showline=True, linecolor="#000000", gridcolor="#DDDDDD", zeroline=False, automargin=True,
                     categoryorder="array", categoryarray=[labels[c.id] for c in reversed(ordered)])
    return fig


def _bands(values: list[int], edges: list[int], low: int, high: int, unit: str) -> list[str]:
    """How many values fall between consecutive edges, as '2 in weeks 1 to 12'."""
    bands = []
    for start, end in zip([low, *edges], [*[e - 1 for e in edges], high]):
        count = sum(start <= v <= end for v in values)
        bands.append(f"{count} in {unit} {start} to {end}")
    return bands


def case_timeline_summary(cases: Optional[list[Case]] = None, markers: Optional[list[StageMarker]] = None) -> str:
    """One sentence, from the data: where the cases sit and how many fall between the marked stages."""
    cases = cases if cases is not None else load_cases()
    markers = markers if markers is not None else load_stage_markers()
    weeks = sorted(c.weeks for c in cases if c.weeks is not None)
    days = sorted(c.days_after_birth for c in cases if c.days_after_birth is not None)
    parts = []
    if weeks:
        bands = _bands(weeks, [m.at for m in markers if not m.after_birth], WEEKS[0], WEEKS[1], "weeks")
        parts.append(f"{len(weeks)} in pregnancy, from week {weeks[0]} to week {weeks[-1]} ({', '.join(bands)})")
    if days:
        bands = _bands(days, [m.at for m in markers if m.after_birth], DAYS_AFTER_BIRTH[0], DAYS_AFTER_BIRTH[1], "days")
        parts.append(f"{len(days)} after the birth, from day {days[0]} to day {days[-1]} ({', '.join(bands)})")
    marked = "; ".join(m.label for m in markers)
    return f"Of the {len(cases)} cases, {' and '.join(parts)}. The lines mark the stages that change the picture: {marked}."


def show_case_timeline(course: Optional[Course] = None) -> None:
    """Show the case timeline with its one-sentence summary."""
    course = course or load_course()
    cases, markers = load_cases(course), load_stage_markers(course)
    show_figure(case_timeline_figure(cases, markers), case_timeline_summary(cases, markers))
