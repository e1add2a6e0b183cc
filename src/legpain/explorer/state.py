"""The explorer's state, what each event changes on screen, and small HTML pieces they share.

Everything here is plain data and pure functions: pytest tests them with no widgets.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from html import escape
from typing import Optional

from ..course_html import message_html
from ..templating import markup, render

LINE_HEIGHT = 25  # pixels per line of a row label at 20px type
MIN_MATRIX_HEIGHT = 420
LABEL_WIDTH = 25  # characters per line of a row label at 20px type (about 260px)
COLUMN_LABEL_PX = 11  # pixels per character of an upright cause name at 20px type, for the margins above and below
SERIOUSNESS_PATTERN = {"everyday": "", "needs-review": "/", "dangerous": "x"}


def seriousness_words(code: str) -> str:
    """A cause's seriousness as a student reads it: never the internal code ('needs-review')."""
    from html import unescape

    return unescape(render("seriousness_words.html", code=code))
WEIGHT_WORDS = {0: "no link", 1: "possible", 2: "between possible and typical", 3: "typical"}


@dataclass(frozen=True)
class ExplorerState:
    """Everything a learner has chosen so far. Immutable: callbacks return a new one."""

    region: Optional[str] = None  # matrix filter: a region id, or None for all regions
    level: Optional[str] = None  # matrix filter: a level value, or None for all levels
    sort_cause: Optional[str] = None  # matrix rows ordered by their weight for this cause
    symptom: Optional[str] = None  # the chosen matrix cell
    cause: Optional[str] = None
    ticked: tuple[str, ...] = ()  # checker: ticked symptom ids, in data order
    stage: str = "unknown"  # checker: "unknown", "pregnant" (a week) or "after_birth" (days since the birth)
    stage_text: str = ""  # what the learner typed: the week, or the days since the birth
    map_region: Optional[str] = None  # body map
    high_contrast: bool = False


@dataclass(frozen=True)
class MatrixView:
    """The data of the heatmap: rows are symptoms, columns are causes."""

    rows: tuple[str, ...]
    columns: tuple[str, ...]
    y_labels: tuple[str, ...]
    x_labels: tuple[str, ...]
    z: tuple[tuple[int, ...], ...]
    text: tuple[tuple[str, ...], ...]
    hover: tuple[tuple[str, ...], ...]
    height: int
    summary: str  # one sentence, in words, of what the matrix shows now
    message: str  # HTML message when no row is left, else ""
    highlight: Optional[tuple[int, int]]  # (column, row) of the chosen cell, if shown


@dataclass(frozen=True)
class BarView:
    """The ranked likely causes, most likely at the top."""

    names: tuple[str, ...]
    scores: tuple[int, ...]
    text: tuple[str, ...]
    colours: tuple[str, ...]
    patterns: tuple[str, ...]  # fill pattern by seriousness, so colour is not the only cue
    height: int
    message: str  # shown inside the empty chart when nothing is ticked


@dataclass(frozen=True)
class BodyMapView:
    selected: Optional[str]


@dataclass(frozen=True)
class StyleView:
    high_contrast: bool
    css_class: str
    font_size: int
    line_width: int


@dataclass(frozen=True)
class Display:
    """What to show after an event. A part left as None is unchanged."""

    matrix: Optional[MatrixView] = None
    matrix_status: Optional[str] = None  # HTML under the filters
    cell_html: Optional[str] = None
    checker_html: Optional[str] = None
    bars: Optional[BarView] = None
    week_html: Optional[str] = None
    ticked: Optional[tuple[str, ...]] = None  # for the builder to set the tick boxes
    week_controls: Optional[tuple[str, str]] = None  # (stage, stage_text) for the builder
    region_html: Optional[str] = None
    body_map: Optional[BodyMapView] = None
    style: Optional[StyleView] = None


Result = tuple[ExplorerState, Display]


# ---------------------------------------------------------------- small HTML helpers


def status_message(text: str, kind: str = "info") -> str:
    """A message for the learner in the explorer's panels."""
    return message_html(text, kind)


def short_name(name: str) -> str:
    """A cause name without its bracketed extra, for axis labels: 'Swelling (oedema; ...)' -> 'Swelling'."""
    cut = name.split(" (")[0].strip()
    return cut or name


def wrap_label(text: str, width: int = 24) -> str:
    """Escape and wrap a plain label onto short lines for a plotly axis."""
    return "<br>".join(escape(line) for line in textwrap.wrap(text, width) or [text])


def panel_html(inner: str) -> str:
    return render("panel.html", inner=markup(inner))
