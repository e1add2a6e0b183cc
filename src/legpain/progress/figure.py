"""The start page's figure: one bar per lesson, its self-checks split into what the student has done.

Each bar is split into three parts, told apart by colour (Okabe-Ito blue and orange, colour-blind
safe), by pattern and by order: right at the first try, done later (right at the second try or the
answer shown), and not done yet. The numbers are written on the bars and, in words, beside the
figure (``summary.progress_summary``).
"""

from __future__ import annotations

from typing import Any

from ..figures import FONT_SIZE, base_layout, legend_below_layout
from ..figures.figure_widget import quick_figure_widget
from ..palette import OKABE_ITO
from .summary import LessonProgress

TITLE = "Your self-checks, lesson by lesson"
PARTS = (
    ("Right at the first try", OKABE_ITO["blue"], "", "#FFFFFF"),
    ("Done later", OKABE_ITO["orange"], "/", "#000000"),
    ("Not done yet", "#FFFFFF", ".", "#000000"),
)


def bar_label(row: LessonProgress) -> str:
    """The lesson's number and title, as the axis shows it."""
    return f"{row.lesson_id[:2]} {row.title}"


def bar_parts(rows: list[LessonProgress]) -> list[list[int]]:
    """For each part of the bars, one number per lesson: right at the first try, done later, not done."""
    return [
        [r.first_try_right for r in rows],
        [r.done - r.first_try_right for r in rows],
        [r.total - r.done for r in rows],
    ]


def figure_data(rows: list[LessonProgress]) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Plotly traces and layout (plain dicts) for the bars: lessons top to bottom in course order."""
    labels = [bar_label(r) for r in rows]
    traces = []
    for (name, colour, pattern, text_colour), values in zip(PARTS, bar_parts(rows)):
        traces.append({
            "type": "bar", "orientation": "h", "name": name, "y": labels, "x": values,
            "text": [str(v) if v else "" for v in values], "textposition": "inside", "insidetextanchor": "middle",
            "textfont": {"color": text_colour, "size": FONT_SIZE}, "textangle": 0, "constraintext": "none",
            "marker": {"color": colour, "line": {"color": "#000000", "width": 1.5},
                       "pattern": {"shape": pattern, "fgcolor": "#000000", "size": 8}},
            "hovertemplate": f"%{{y}}: %{{x}} {name.lower()}<extra></extra>",
        })
    legend, bottom = legend_below_layout(lines=2)
    legend["traceorder"] = "normal"  # the parts in the order of the bars, not reversed as plotly does for stacks
    layout = base_layout(TITLE, height=120 + bottom + 34 * len(rows), barmode="stack",
                         margin={"l": 330, "r": 30, "t": 70, "b": bottom}, legend=legend)
    layout["xaxis"] = {"title": {"text": "Self-check questions"}, "dtick": 1, "showline": True, "linecolor": "#000000",
                       "gridcolor": "#DDDDDD", "automargin": False}
    layout["yaxis"] = {"autorange": "reversed", "showline": True, "linecolor": "#000000"}
    return traces, layout


def progress_figure(rows: list[LessonProgress]) -> Any:
    """A live figure (it changes in place when the progress is shown again)."""
    traces, layout = figure_data(rows)
    return quick_figure_widget(traces, layout)


def update_figure(figure: Any, rows: list[LessonProgress]) -> None:
    """Put new numbers on the live figure's bars."""
    with figure.batch_update():
        for trace, values in zip(figure.data, bar_parts(rows)):
            trace.x = values
            trace.text = [str(v) if v else "" for v in values]
