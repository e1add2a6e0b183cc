"""Lesson 02 widget: the swelling sorter.

The student picks the pattern of swelling, ticks any other features and types
the week of pregnancy; the triage engine (:func:`legpain.assess`) gives the
level, the red flags and the advice. A line under the result shows what the
level would be without the red flags, so the student sees red flags escalate.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Any, Iterable, Optional

import ipywidgets as widgets
from pydantic import BaseModel, ConfigDict, Field

from ..data import Course, DataError, lesson_section, load_course
from ..levels import Level
from ..render import assessment_html, source_links_html
from ..triage import assess, check_weeks, level_for
from . import CONTROL_LAYOUT, LABEL_STYLE, message_html, output_area, show_widget

LESSON_ID = "02_swelling_oedema"
WEEK_LABEL = "Week of pregnancy (1-42, or leave empty)"
PATTERN_LABEL = "Pattern of swelling"


class _Item(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    source_ids: list[str] = Field(min_length=1)


class SorterPattern(_Item):
    """One choice of the 'pattern of swelling' menu and the symptoms it stands for."""

    label: str = Field(min_length=3)
    symptom_ids: list[str] = Field(min_length=1)


class SorterFeature(_Item):
    """A tick box for one more feature; its label is the symptom's own label."""

    symptom_id: str


class SorterNote(_Item):
    text: str = Field(min_length=10)


@dataclass(frozen=True)
class SorterData:
    patterns: list[SorterPattern]
    features: list[SorterFeature]
    notes: dict[str, SorterNote]


def _check_symptoms(ids: Iterable[tuple[str, str]], course: Course, key: str) -> None:
    for where, symptom_id in ids:
        if symptom_id not in course.symptoms:
            raise DataError(f"data/lessons/{LESSON_ID}.yaml", where, key, "an id from data/symptoms.csv", symptom_id)


def load_sorter(course: Optional[Course] = None) -> SorterData:
    """The sorter's menu, tick boxes and notes, validated against the symptom list."""
    course = course or load_course()
    patterns = lesson_section(LESSON_ID, "sorter_patterns", SorterPattern, course)
    features = lesson_section(LESSON_ID, "sorter_features", SorterFeature, course)
    notes = lesson_section(LESSON_ID, "sorter_notes", SorterNote, course)
    _check_symptoms(((f"sorter_patterns[{i}]", s) for i, p in enumerate(patterns) for s in p.symptom_ids), course, "symptom_ids")
    _check_symptoms(((f"sorter_features[{i}]", f.symptom_id) for i, f in enumerate(features)), course, "symptom_id")
    if "before_20_weeks" not in {n.id for n in notes}:
        raise DataError(f"data/lessons/{LESSON_ID}.yaml", None, "sorter_notes", "a note with id 'before_20_weeks'")
    return SorterData(patterns, features, {n.id: n for n in notes})


def parse_week(text: Any) -> Optional[int]:
    """The week typed in the box: empty means unknown. Raises ValueError with a student-friendly message."""
    if text is None:
        return None
    if isinstance(text, int) and not isinstance(text, bool):
        return check_weeks(text)
    value = str(text).strip()
    if not value:
        return None
    try:
        week = int(value)
    except ValueError:
        raise ValueError(f"Type the week of pregnancy as a whole number from 1 to 42, such as 32; '{value}' is not a week.") from None
    return check_weeks(week)


def escalation_html(symptom_ids: Iterable[str], weeks: Optional[int], course: Optional[Course] = None) -> str:
    """One line comparing the level with and without the red-flag symptoms."""
    course = course or load_course()
    chosen = list(symptom_ids)
    flags = [s for s in chosen if course.symptoms[s].red_flag]
    if not chosen:
        return ""
    level = level_for(chosen, weeks, course)
    if not flags:
        return message_html(f"No red flags are selected, so the level is “{level.label}”.", "info")
    everyday = [s for s in chosen if s not in flags]
    base = level_for(everyday, weeks, course) if everyday else Level.SELF_CARE
    return message_html(
        f"Without the red flags, the level would be “{base.label}”. "
        f"The {'red flag raises' if len(flags) == 1 else f'{len(flags)} red flags raise'} it to “{level.label}”: "
        "a red flag always escalates, whatever else is present.",
        "info",
    )


def sorter_symptoms(pattern_id: Optional[str], feature_ids: Iterable[str], data: SorterData) -> list[str]:
    """The symptom ids behind the chosen pattern and ticked features."""
    patterns = {p.id: p for p in data.patterns}
    features = {f.id: f for f in data.features}
    chosen: list[str] = []
    if pattern_id is not None:
        if pattern_id not in patterns:
            raise ValueError(f"Choose a pattern of swelling from the list; '{pattern_id}' is not one of them.")
        chosen.extend(patterns[pattern_id].symptom_ids)
    for feature_id in feature_ids:
        if feature_id not in features:
            raise ValueError(f"'{feature_id}' is not one of the features to tick.")
        chosen.append(features[feature_id].symptom_id)
    return list(dict.fromkeys(chosen))


def sorter_result(pattern_id: Optional[str], feature_ids: Iterable[str], week_text: Any,
                  course: Optional[Course] = None) -> str:
    """The callback: control values in, the HTML to show out. Never raises for bad input."""
    course = course or load_course()
    data = load_sorter(course)
    try:
        weeks = parse_week(week_text)
        symptom_ids = sorter_symptoms(pattern_id, list(feature_ids), data)
    except ValueError as exc:
        return message_html(str(exc), "error")
    if not symptom_ids:
        return message_html("Choose a pattern of swelling or tick a feature to see what the engine says.", "info")
    result = assess(symptom_ids, weeks, course)
    html = [escalation_html(symptom_ids, weeks, course), assessment_html(result, course)]
    note = data.notes["before_20_weeks"]
    pre_eclampsia_signs = any(r.cause_id == "pre_eclampsia" for s in symptom_ids for r in course.rows_for_symptom(s) if r.weight >= 3)
    if weeks is not None and weeks < 20 and pre_eclampsia_signs:
        html.append(f"<p><strong>Week {weeks}:</strong> {escape(note.text)} {source_links_html(note.source_ids, course)}</p>")
    return "".join(html)


def swelling_sorter() -> widgets.VBox:
    """The builder: a labelled menu, tick boxes and a week box, wired to :func:`sorter_result`."""
    course = load_course()
    data = load_sorter(course)
    pattern = widgets.Dropdown(
        options=[("(none chosen)", None)] + [(p.label, p.id) for p in data.patterns],
        value=data.patterns[0].id,
        description=PATTERN_LABEL,
        style=LABEL_STYLE,
        layout=CONTROL_LAYOUT,
    )
    boxes = {
        f.id: widgets.Checkbox(value=False, description=course.symptoms[f.symptom_id].label, indent=False,
                               layout=widgets.Layout(width="auto"))
        for f in data.features
    }
    week = widgets.Text(value="32", description=WEEK_LABEL, placeholder="for example 32", style=LABEL_STYLE,
                        layout=CONTROL_LAYOUT)
    out = output_area()

    def update(_: Any = None) -> None:
        ticked = [fid for fid, box in boxes.items() if box.value]
        out.value = sorter_result(pattern.value, ticked, week.value, course)

    for control in (pattern, week, *boxes.values()):
        control.observe(update, names="value")
    update()
    features = widgets.VBox([widgets.HTML("<strong>Other features (tick any):</strong>"), *boxes.values()])
    box = widgets.VBox([pattern, features, week, out])
    box.add_class("legpain-swelling-sorter")
    box.controls = {"pattern": pattern, "week": week, **boxes}  # type: ignore[attr-defined]
    box.output = out  # type: ignore[attr-defined]
    return box


def show_swelling_sorter() -> None:
    """Show the swelling sorter."""

    show_widget(swelling_sorter())
