"""Figure for lesson 10 (the weeks after the birth).

The numbers come from ``data/lessons/10_after_the_birth.yaml`` (Kamel 2014): first thrombotic
events in each 6-week window after the birth, beside the same weeks one year later.
"""

from __future__ import annotations

from typing import Optional

import plotly.graph_objects as go

from ..content.lessons.postnatal import AfterBirthEvents, load_after_birth_events
from . import COLORWAY, FONT_SIZE, new_figure, show_figure

AFTER_BIRTH_NAME = "After the birth"
A_YEAR_LATER_NAME = "Same weeks, a year later"


def after_birth_events_figure(events: Optional[AfterBirthEvents] = None) -> tuple[go.Figure, str]:
    """Paired bars: events in each window after the birth, and in the same window a year later."""
    events = events if events is not None else load_after_birth_events()
    windows = events.windows
    periods = [f"{w.period}<br>(odds ratio {w.odds_ratio:g})" for w in windows]
    fig = new_figure(f"{events.cohort.outcome}: after the birth and a year later", height=480)
    for name, values, colour in (
        (AFTER_BIRTH_NAME, [w.after_birth for w in windows], COLORWAY[1]),
        (A_YEAR_LATER_NAME, [w.a_year_later for w in windows], COLORWAY[0]),
    ):
        fig.add_bar(
            name=name,
            x=periods,
            y=values,
            marker={"color": colour, "line": {"color": "#000000", "width": 1}},
            text=[str(v) for v in values],
            textposition="outside",
            textfont={"size": FONT_SIZE, "color": "#000000"},
            cliponaxis=False,
            hovertext=[f"{w.period}, {name.lower()}: {v} women" for w, v in zip(windows, values)],
            hoverinfo="text",
        )
    top = max(max(w.after_birth, w.a_year_later) for w in windows)
    fig.update_yaxes(title="Women with a first event", range=[0, top * 1.2])
    fig.update_layout(
        barmode="group",
        legend={"orientation": "h", "x": 0, "y": 1.0, "xanchor": "left", "yanchor": "bottom"},
        margin={"l": 90, "r": 30, "t": 110, "b": 90},
    )
    parts = "; ".join(
        f"{w.after_birth} in {w.period.lower()}, against {w.a_year_later} in the same weeks a year later "
        f"(odds ratio {w.odds_ratio:g})"
        for w in windows
    )
    summary = f"{events.cohort.lead}: {parts}. {events.cohort.beyond}"
    return fig, summary


def show_after_birth_events() -> None:
    """Show how long the raised risk lasts after the birth."""
    show_figure(*after_birth_events_figure())
