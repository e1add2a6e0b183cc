"""The matrix of symptoms against causes: filters, the chosen cell and what it says."""

from __future__ import annotations

import textwrap
from dataclasses import replace
from html import escape
from typing import Any, Optional

from ..content import Course, load_course
from ..levels import LEVELS, Level
from ..palette import WEIGHT_SCALE
from ..palette import LEVEL_STYLE
from ..course_html import level_banner_html, source_rows, summary_html
from ..templating import markup, render
from .state import (
    COLUMN_LABEL_PX, LABEL_WIDTH, LINE_HEIGHT, MIN_MATRIX_HEIGHT, WEIGHT_WORDS, Display, ExplorerState, MatrixView,
    Result, status_message, panel_html,
)

def _visible_rows(state: ExplorerState, course: Course) -> list[str]:
    rows = [
        s.id
        for s in course.symptoms.values()
        if (state.region is None or s.region == state.region) and (state.level is None or s.level.value == state.level)
    ]
    order = {symptom_id: i for i, symptom_id in enumerate(course.symptoms)}
    if state.sort_cause is not None:

        def weight(symptom_id: str) -> int:
            row = course.weights.get((symptom_id, state.sort_cause))
            return row.weight if row is not None else 0

        rows.sort(key=lambda s: (-weight(s), -course.symptoms[s].level.rank, order[s]))
    else:
        rows.sort(key=lambda s: (-course.symptoms[s].level.rank, order[s]))
    return rows


def _two_lines(label: str, tail: str = "") -> list[str]:
    """A row label on at most two lines, so rows stay short on a projector; the hover and the
    Symptom menu give the whole label. ``tail`` (the level in words) is always kept."""
    width = LABEL_WIDTH - (len(tail) + 1 if tail else 0)
    lines = textwrap.wrap(label, LABEL_WIDTH)
    if len(lines) > 2 or (tail and len(lines) == 2 and len(lines[1]) > width):
        second = textwrap.shorten(" ".join(label.split()[len(lines[0].split()):]), width=width, placeholder=" …")
        lines = [lines[0], second]
    if tail:
        if len(lines) == 1 and len(lines[0]) + len(tail) + 1 > LABEL_WIDTH:
            lines.append(tail)
        else:
            lines[-1] = f"{lines[-1]} {tail}"
    return lines


def matrix_view(state: ExplorerState, course: Optional[Course] = None) -> MatrixView:
    """The heatmap for the current filters, sort order and chosen cell."""
    course = course or load_course()
    rows = _visible_rows(state, course)
    columns = tuple(course.causes)
    y_labels = []
    most_lines = 1
    for symptom_id in rows:
        symptom = course.symptoms[symptom_id]
        if symptom.red_flag:
            # bold, a warning sign and the level in words: red flags never rely on colour
            # the step's name in words ("Urgent"), short enough to leave the symptom its two lines
            flag = f"({symptom.level.label.split(':')[0]})".replace(" ", "\u00a0")
            lines = _two_lines(f"⚠ {symptom.label}", flag)
            y_labels.append("<br>".join(f"<b>{escape(line)}</b>" for line in lines))
        else:
            lines = _two_lines(symptom.label)
            y_labels.append("<br>".join(escape(line) for line in lines))
        most_lines = max(most_lines, len(lines))
    x_labels = []
    for cause_id in columns:
        name = escape(course.causes[cause_id].short_name)
        # One line each, upright: the column is one line of text wide, whatever the number of causes.
        x_labels.append(f"▼ <b>{name}</b>" if cause_id == state.sort_cause else name)
    longest = max((len(course.causes[c].short_name) + 2 for c in columns), default=0)
    z, text, hover = [], [], []
    for symptom_id in rows:
        line, words, tips = [], [], []
        for cause_id in columns:
            row = course.weights.get((symptom_id, cause_id))
            weight = row.weight if row is not None else 0
            # An empty cell for no link: zeros only add noise on a projector.
            line.append(weight or None)
            words.append(str(weight) if weight else "")
            tips.append(f"{escape(course.causes[cause_id].name)}: {weight} ({WEIGHT_WORDS[weight]})")
        z.append(tuple(line))
        text.append(tuple(words))
        hover.append(tuple(tips))
    region = course.regions[state.region].label if state.region else "all regions"
    level = Level(state.level).label if state.level else "any level"
    flags = sum(course.symptoms[s].red_flag for s in rows)
    order = f"; rows sorted by their link to {course.causes[state.sort_cause].short_name}" if state.sort_cause else ""
    summary = (
        f"The matrix shows {len(rows)} of {len(course.symptoms)} symptoms (body region: {region}; urgency: {level}{order}), "
        f"{flags} of them red flags, against {len(columns)} causes; each cell gives the weight of the link from 1 (possible) to 3 (typical), "
        "and an empty cell means no link."
    )
    message = ""
    if not rows:
        message = status_message(
            f"No symptom matches both filters (body region: {region}; urgency: {level}). "
            "Choose 'All regions' or 'All levels' to see more rows.",
            "info",
        )
    highlight = None
    if state.symptom in rows and state.cause in columns:
        highlight = (columns.index(state.cause), rows.index(state.symptom))
    return MatrixView(
        rows=tuple(rows),
        columns=columns,
        y_labels=tuple(y_labels),
        x_labels=tuple(x_labels),
        z=tuple(z),
        text=tuple(text),
        hover=tuple(hover),
        height=max(MIN_MATRIX_HEIGHT, 120 + 2 * COLUMN_LABEL_PX * longest + (LINE_HEIGHT * most_lines + 8) * len(rows)),
        summary=summary,
        message=message,
        highlight=highlight,
    )


def weight_key_html() -> str:
    """The colour scale in words: each weight's colour, number and meaning."""
    swatches = [
        {"number": w, "words": WEIGHT_WORDS[w], "colour": WEIGHT_SCALE[w], "text": "#FFFFFF" if w == 3 else "#000000"} for w in (1, 2, 3)
    ]
    return render("weight_key.html", swatches=swatches)


def matrix_status_html(view: MatrixView) -> str:
    """The words under the matrix: its message, its text summary and the key to the weights."""
    return view.message + summary_html(view.summary) + weight_key_html()


FILTER_KEYS = ("region", "level", "sort_cause")


def filter_matrix(state: ExplorerState, event: dict[str, Any], course: Optional[Course] = None) -> Result:
    """Change a matrix filter. ``event`` is {"region": id|None}, {"level": value|None} or {"sort_cause": id|None}."""
    course = course or load_course()
    changes: dict[str, Any] = {}
    for key, value in event.items():
        if key not in FILTER_KEYS:
            return state, Display(matrix_status=status_message(f"Unknown filter {key!r}.", "error"))
        value = value or None
        known = {"region": course.regions, "level": [lv.value for lv in LEVELS], "sort_cause": course.causes}[key]
        if value is not None and value not in known:
            what = {"region": "body region", "level": "urgency level", "sort_cause": "cause"}[key]
            return state, Display(matrix_status=status_message(f"There is no {what} called {value!r}; choose one from the list.", "error"))
        changes[key] = value
    new = replace(state, **changes)
    view = matrix_view(new, course)
    return new, Display(matrix=view, matrix_status=matrix_status_html(view))


def cell_html(state: ExplorerState, course: Optional[Course] = None) -> str:
    """Why the chosen symptom points to the chosen cause, the cause's advice and the sources."""
    course = course or load_course()
    if state.symptom is None and state.cause is None:
        return panel_html(status_message("Choose a cell: click it in the matrix, or pick a Symptom and a Cause in the menus.", "info"))
    if state.symptom is None:
        return panel_html(status_message(f"Now choose a symptom to see how it links to {course.causes[state.cause].name}.", "info"))
    if state.cause is None:
        return panel_html(status_message(f"Now choose a cause to see how '{course.symptoms[state.symptom].label}' links to it.", "info"))
    symptom = course.symptoms[state.symptom]
    cause = course.causes[state.cause]
    row = course.weights.get((symptom.id, cause.id))
    linked = sorted(course.rows_for_symptom(symptom.id), key=lambda r: -r.weight) if row is None else []
    return render(
        "explorer_cell.html",
        styles=LEVEL_STYLE,
        symptom=symptom,
        cause=cause,
        row=row,
        weight_words=WEIGHT_WORDS[row.weight] if row else "",
        linked=[{"name": course.causes[r.cause_id].name, "weight": r.weight, "words": WEIGHT_WORDS[r.weight]} for r in linked],
        banner=markup(level_banner_html(symptom.level)),
        symptom_sources=source_rows(symptom.source_ids, course),
        row_sources=source_rows(row.source_ids, course) if row else [],
        cause_sources=source_rows(cause.source_ids, course),
        advice=[{"level": a.level, "text": a.text, "sources": source_rows(a.source_ids, course)} for a in course.advice_for_cause(cause.id)],
    )


def select_cell(state: ExplorerState, event: dict[str, Any], course: Optional[Course] = None) -> Result:
    """Choose a cell. ``event`` has "symptom" and/or "cause" (ids; None clears that half)."""
    course = course or load_course()
    changes = {}
    for key, known, what in (("symptom", course.symptoms, "symptom"), ("cause", course.causes, "cause")):
        if key in event:
            value = event[key] or None
            if value is not None and value not in known:
                message = status_message(f"There is no {what} called {value!r}; choose one from the list.", "error")
                return state, Display(cell_html=panel_html(message))
            changes[key] = value
    new = replace(state, **changes)
    return new, Display(matrix=matrix_view(new, course), cell_html=cell_html(new, course))


def select_cell_at(state: ExplorerState, column: int, row: int, view: MatrixView, course: Optional[Course] = None) -> Result:
    """Choose the cell a learner clicked, by its column and row in the matrix as shown."""
    if not (0 <= row < len(view.rows) and 0 <= column < len(view.columns)):
        return state, Display(cell_html=panel_html(status_message("Click inside the matrix to choose a cell.", "info")))
    return select_cell(state, {"symptom": view.rows[row], "cause": view.columns[column]}, course)
