"""Lesson 02 figure: what the Cochrane review found for treatments of leg oedema."""

from __future__ import annotations

import plotly.graph_objects as go

from ..content.lessons.swelling import LESSON_ID, Intervention, load_interventions  # noqa: F401  (re-exported)
from ..palette import OKABE_ITO
from . import FONT_SIZE, legend_below, new_figure, show_figure

FINDINGS = ("helped", "no clear difference")
# Colour and a bar pattern, so the finding never depends on colour alone.
FINDING_STYLE = {
    "helped": {"colour": OKABE_ITO["bluish_green"], "pattern": "", "legend": "Helped (✔)"},
    "no clear difference": {"colour": OKABE_ITO["orange"], "pattern": "/", "legend": "No clear difference (✖, striped)"},
}
FINDING_MARK = {"helped": "✔", "no clear difference": "✖"}


def _names(items: list[Intervention]) -> str:
    names = [i.name.lower() for i in items]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def evidence_summary(items: list[Intervention]) -> str:
    """One sentence that says what the figure shows, from the data."""
    if not items:
        raise ValueError("There are no interventions to summarise.")
    helped = [i for i in items if i.finding == "helped"]
    other = [i for i in items if i.finding != "helped"]
    sizes = sorted(i.women for i in items)
    qualities = sorted({i.quality for i in items})
    parts = []
    if helped:
        parts.append(f"{_names(helped)} helped")
    if other:
        parts.append(f"{_names(other)} made no clear difference")
    first = "; ".join(parts)
    who = "it was" if len(items) == 1 else "each was"
    trials = "one trial" if all(i.trials == 1 for i in items) else "small trials"
    women = f"{sizes[0]} women" if sizes[0] == sizes[-1] else f"{sizes[0]} to {sizes[-1]} women"
    return f"{first[0].upper()}{first[1:]}; {who} tested in {trials} of {women}, and the evidence is {' to '.join(qualities)} quality."

def evidence_figure(items: list[Intervention]) -> go.Figure:
    """Bars of trial size (women) per intervention, marked by finding, labelled with the effect."""
    fig = new_figure("Treatments for leg oedema: small single trials, low-quality evidence", height=460)
    for finding in FINDINGS:
        rows = [i for i in items if i.finding == finding]
        if not rows:
            continue
        style = FINDING_STYLE[finding]
        fig.add_bar(
            name=style["legend"],
            orientation="h",
            y=[f"{FINDING_MARK[finding]} {i.name}" for i in rows],
            x=[i.women for i in rows],
            text=[f"{i.outcome}, {i.quality} quality<br>{i.estimate}" for i in rows],
            textposition="outside",
            constraintext="none",  # never shrunk below the course's 20px to fit
            textfont={"size": FONT_SIZE, "color": "#000000"},
            cliponaxis=False,
            marker={"color": style["colour"], "line": {"color": "#000000", "width": 1.5},
                    "pattern": {"shape": style["pattern"], "fgcolor": "#000000"}},
            hovertemplate="%{y}<br>%{x} women in one trial<br>%{text}<extra></extra>",
        )
    biggest = max((i.women for i in items), default=1)
    fig.update_layout(barmode="group", margin={"l": 20, "r": 40, "t": 70})
    fig.update_xaxes(title_text="Women in the trial", range=[0, biggest * 5])
    fig.update_yaxes(autorange="reversed", automargin=True)
    return legend_below(fig, lines=2)


def show_evidence_figure() -> None:
    """Show the figure and its one-sentence summary."""
    items = load_interventions()
    show_figure(evidence_figure(items), evidence_summary(items))
