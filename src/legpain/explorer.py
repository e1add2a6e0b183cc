"""The symptom-to-advice matrix explorer: the matrix, the symptom checker and the body map.

Every control calls a plain *callback* that takes the current
:class:`ExplorerState` and an event (a small dict) and returns the new state and
a :class:`Display`: only the parts of the screen that the event changes. The
callbacks hold all the logic and are tested with pytest; the builders at the
end of this module only make the ipywidgets controls and copy a Display onto
them (figures are updated in place, never rebuilt).

For learning only: nothing here diagnoses or advises a real person.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, replace
from html import escape
from typing import Any, Callable, Optional

from .data import Course, load_course
from .levels import LEVELS, Level
from .palette import LEVEL_STYLE, SERIOUSNESS_COLOUR
from .widgets import show_widget
from .render import assessment_html, level_banner_html, source_links_html
from .triage import assess, check_stage

# ---------------------------------------------------------------- state and display

LINE_HEIGHT = 22  # pixels per line of a row label at 16px type
MIN_MATRIX_HEIGHT = 420
LABEL_WIDTH = 34  # characters per line of a row label (fits the matrix label margin at 16px)
SERIOUSNESS_PATTERN = {"everyday": "", "needs-review": "/", "dangerous": "x"}
WEIGHT_WORDS = {0: "no link", 1: "possible", 2: "between possible and typical", 3: "typical"}
NOT_FOR_DIAGNOSIS = (
    "For learning, not diagnosis: this explorer does not diagnose or advise a real person. "
    "A woman with leg pain should speak to her midwife, GP or maternity unit; in an emergency, call 999 (US: 911)."
)


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


def _message(text: str, kind: str = "info") -> str:
    from .widgets import message_html

    return message_html(text, kind)


def short_name(name: str) -> str:
    """A cause name without its bracketed extra, for axis labels: 'Swelling (oedema; ...)' -> 'Swelling'."""
    cut = name.split(" (")[0].strip()
    return cut or name


def _wrap(text: str, width: int = LABEL_WIDTH) -> str:
    """Escape and wrap a plain label onto short lines for a plotly axis."""
    return "<br>".join(escape(line) for line in textwrap.wrap(text, width) or [text])


def _level_words(level: Level) -> str:
    style = LEVEL_STYLE[level]
    return f'<span aria-hidden="true">{style["symbol"]}</span> {escape(level.label)}'


def _symptom_line(course: Course, symptom_id: str) -> str:
    symptom = course.symptoms[symptom_id]
    if symptom.red_flag:
        return f'<strong><span aria-hidden="true">⚠</span> {escape(symptom.label)}</strong> (red flag: {_level_words(symptom.level)})'
    return f"{escape(symptom.label)} ({_level_words(symptom.level)})"


def _panel(inner: str) -> str:
    return f'<div class="legpain-panel">{inner}</div>'


# ---------------------------------------------------------------- the matrix


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
            flag = f"({symptom.level.label})".replace(" ", "\u00a0")  # the level in words, kept on one line
            lines = textwrap.wrap(f"⚠ {symptom.label} {flag}", LABEL_WIDTH)
            y_labels.append("<br>".join(f"<b>{escape(line)}</b>" for line in lines))
        else:
            lines = textwrap.wrap(symptom.label, LABEL_WIDTH) or [symptom.label]
            y_labels.append("<br>".join(escape(line) for line in lines))
        most_lines = max(most_lines, len(lines))
    x_labels = []
    for cause_id in columns:
        label = _wrap(short_name(course.causes[cause_id].name), 16)
        x_labels.append(f"▼ <b>{label}</b>" if cause_id == state.sort_cause else label)
    z, text, hover = [], [], []
    for symptom_id in rows:
        line, words, tips = [], [], []
        for cause_id in columns:
            row = course.weights.get((symptom_id, cause_id))
            weight = row.weight if row is not None else 0
            line.append(weight)
            words.append(str(weight))
            tips.append(
                f"{escape(short_name(course.causes[cause_id].name))}: {weight} ({WEIGHT_WORDS[weight]})"
            )
        z.append(tuple(line))
        text.append(tuple(words))
        hover.append(tuple(tips))
    region = course.regions[state.region].label if state.region else "all regions"
    level = Level(state.level).label if state.level else "any level"
    flags = sum(course.symptoms[s].red_flag for s in rows)
    order = f"; rows sorted by their link to {short_name(course.causes[state.sort_cause].name)}" if state.sort_cause else ""
    summary = (
        f"The matrix shows {len(rows)} of {len(course.symptoms)} symptoms (body region: {region}; urgency: {level}{order}), "
        f"{flags} of them red flags, against {len(columns)} causes; each cell gives the weight of the link from 0 (none) to 3 (typical)."
    )
    message = ""
    if not rows:
        message = _message(
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
        height=max(MIN_MATRIX_HEIGHT, 260 + (LINE_HEIGHT * most_lines + 6) * len(rows)),
        summary=summary,
        message=message,
        highlight=highlight,
    )


def _matrix_status(view: MatrixView) -> str:
    from .figures import summary_html

    return view.message + summary_html(view.summary)


FILTER_KEYS = ("region", "level", "sort_cause")


def filter_matrix(state: ExplorerState, event: dict[str, Any], course: Optional[Course] = None) -> Result:
    """Change a matrix filter. ``event`` is {"region": id|None}, {"level": value|None} or {"sort_cause": id|None}."""
    course = course or load_course()
    changes: dict[str, Any] = {}
    for key, value in event.items():
        if key not in FILTER_KEYS:
            return state, Display(matrix_status=_message(f"Unknown filter {key!r}.", "error"))
        value = value or None
        known = {"region": course.regions, "level": [lv.value for lv in LEVELS], "sort_cause": course.causes}[key]
        if value is not None and value not in known:
            what = {"region": "body region", "level": "urgency level", "sort_cause": "cause"}[key]
            return state, Display(matrix_status=_message(f"There is no {what} called {value!r}; choose one from the list.", "error"))
        changes[key] = value
    new = replace(state, **changes)
    view = matrix_view(new, course)
    return new, Display(matrix=view, matrix_status=_matrix_status(view))


def cell_html(state: ExplorerState, course: Optional[Course] = None) -> str:
    """Why the chosen symptom points to the chosen cause, the cause's advice and the sources."""
    course = course or load_course()
    if state.symptom is None and state.cause is None:
        return _panel(_message("Choose a cell: click it in the matrix, or pick a Symptom and a Cause in the menus.", "info"))
    if state.symptom is None:
        return _panel(_message(f"Now choose a symptom to see how it links to {course.causes[state.cause].name}.", "info"))
    if state.cause is None:
        return _panel(_message(f"Now choose a cause to see how '{course.symptoms[state.symptom].label}' links to it.", "info"))
    symptom = course.symptoms[state.symptom]
    cause = course.causes[state.cause]
    parts = [f"<h4>{escape(symptom.label)} → {escape(cause.name)}</h4>"]
    parts.append(f"<p><strong>This symptom:</strong> {_symptom_line(course, symptom.id)} {source_links_html(symptom.source_ids, course)}</p>")
    parts.append(f"<p><strong>On its own, this symptom means:</strong></p>{level_banner_html(symptom.level)}")
    row = course.weights.get((symptom.id, cause.id))
    if row is None:
        parts.append(f"<p><strong>Link:</strong> 0 of 3: the matrix does not link this symptom to {escape(cause.name)}.</p>")
        linked = sorted(course.rows_for_symptom(symptom.id), key=lambda r: -r.weight)
        if linked:
            items = "".join(
                f"<li>{escape(course.causes[r.cause_id].name)}: {r.weight} of 3 ({WEIGHT_WORDS[r.weight]})</li>" for r in linked
            )
            parts.append(f"<p><strong>This symptom points to:</strong></p><ul>{items}</ul>")
    else:
        parts.append(
            f"<p><strong>Link:</strong> {row.weight} of 3 ({WEIGHT_WORDS[row.weight]}; 1 = possible, 3 = typical).</p>"
            f"<p><strong>Why:</strong> {escape(row.why)} {source_links_html(row.source_ids, course)}</p>"
        )
    parts.append(f"<p><strong>About {escape(cause.name)}:</strong> {escape(cause.summary)} {source_links_html(cause.source_ids, course)}</p>")
    advice = course.advice_for_cause(cause.id)
    if advice:
        items = "".join(
            f"<li><strong>{_level_words(a.level)}:</strong> {escape(a.text)} {source_links_html(a.source_ids, course)}</li>" for a in advice
        )
        parts.append(f'<p><strong>Advice for {escape(cause.name)}:</strong></p><ul class="legpain-advice">{items}</ul>')
    return _panel("".join(parts))


def select_cell(state: ExplorerState, event: dict[str, Any], course: Optional[Course] = None) -> Result:
    """Choose a cell. ``event`` has "symptom" and/or "cause" (ids; None clears that half)."""
    course = course or load_course()
    changes = {}
    for key, known, what in (("symptom", course.symptoms, "symptom"), ("cause", course.causes, "cause")):
        if key in event:
            value = event[key] or None
            if value is not None and value not in known:
                return state, Display(cell_html=_panel(_message(f"There is no {what} called {value!r}; choose one from the list.", "error")))
            changes[key] = value
    new = replace(state, **changes)
    return new, Display(matrix=matrix_view(new, course), cell_html=cell_html(new, course))


def select_cell_at(state: ExplorerState, column: int, row: int, view: MatrixView, course: Optional[Course] = None) -> Result:
    """Choose the cell a learner clicked, by its column and row in the matrix as shown."""
    if not (0 <= row < len(view.rows) and 0 <= column < len(view.columns)):
        return state, Display(cell_html=_panel(_message("Click inside the matrix to choose a cell.", "info")))
    return select_cell(state, {"symptom": view.rows[row], "cause": view.columns[column]}, course)


# ---------------------------------------------------------------- the checker


STAGES = {
    "unknown": "Not known (counts as the most dangerous stage)",
    "pregnant": "Pregnant: week of pregnancy",
    "after_birth": "After the birth: days since the birth",
}
STAGE_NUMBER = {"pregnant": ("week of pregnancy", "1 to 42", "28"), "after_birth": ("number of days since the birth", "0 to 84", "5")}


def _stage(state: ExplorerState) -> tuple[dict[str, Optional[int]], str]:
    """The stage to assess at (weeks= or days_after_birth=, or neither) and a message for the learner."""
    if state.stage not in STAGE_NUMBER:
        return {}, _message("Stage not known: the checker counts it as the most dangerous stage.", "info")
    what, span, example = STAGE_NUMBER[state.stage]
    text = state.stage_text.strip()
    if not text:
        return {}, _message(f"Type the {what}, a whole number from {span}, for example {example}.", "info")
    ignored = " The result below treats the stage as not known until then."
    try:
        value = int(text)
    except ValueError:
        return {}, _message(f"'{text}' is not a whole number: type the {what}, from {span}, for example {example}.{ignored}", "error")
    try:
        stage = check_stage(value, None) if state.stage == "pregnant" else check_stage(None, value)
    except ValueError as exc:
        return {}, _message(f"{exc}{ignored}", "error")
    if stage.weeks is not None:
        return {"weeks": stage.weeks}, _message(f"Week {stage.weeks} of pregnancy is taken into account.", "success")
    return {"days_after_birth": stage.days_after_birth}, _message(
        f"Day {stage.days_after_birth} after the birth is taken into account.", "success"
    )


def bar_view(causes: list[str], scores: dict[str, int], course: Course) -> BarView:
    names = tuple(short_name(course.causes[c].name) for c in causes)
    seriousness = [course.causes[c].seriousness for c in causes]
    return BarView(
        names=tuple(escape(n) for n in names),
        scores=tuple(scores[c] for c in causes),
        text=tuple(f"{scores[c]} · {s}" for c, s in zip(causes, seriousness)),
        colours=tuple(SERIOUSNESS_COLOUR[s] for s in seriousness),
        patterns=tuple(SERIOUSNESS_PATTERN[s] for s in seriousness),
        height=max(300, 140 + 48 * len(causes)),
        message="" if causes else "Tick symptoms to see the likely causes here.",
    )


def checker_view(state: ExplorerState, course: Optional[Course] = None) -> Display:
    """The banner, ranked causes, advice and red flags for the ticked symptoms."""
    course = course or load_course()
    stage, week_message = _stage(state)
    result = assess(state.ticked, course=course, **stage)
    if result.nothing_selected:
        html = _panel(_message(course.advice["nothing_selected"].text, "info"))
    else:
        html = assessment_html(result, course, large=True)
    return Display(
        checker_html=html,
        bars=bar_view(result.causes, result.scores, course),
        week_html=week_message,
        ticked=state.ticked,
        week_controls=(state.stage, state.stage_text),
    )


def tick_symptom(state: ExplorerState, event: dict[str, Any], course: Optional[Course] = None) -> Result:
    """Tick or untick a symptom: ``event`` is {"symptom": id, "ticked": bool}."""
    course = course or load_course()
    symptom_id = event.get("symptom")
    if symptom_id not in course.symptoms:
        return state, Display(checker_html=_panel(_message(f"There is no symptom called {symptom_id!r}.", "error")))
    chosen = set(state.ticked)
    if event.get("ticked"):
        chosen.add(symptom_id)
    else:
        chosen.discard(symptom_id)
    new = replace(state, ticked=tuple(s for s in course.symptoms if s in chosen))
    return new, checker_view(new, course)


def set_stage(state: ExplorerState, event: dict[str, Any], course: Optional[Course] = None) -> Result:
    """Set the stage: ``event`` is {"stage": "unknown"|"pregnant"|"after_birth"} and/or {"text": what was typed}."""
    course = course or load_course()
    changes: dict[str, Any] = {}
    if "stage" in event:
        if event["stage"] not in STAGES:
            return state, Display(week_html=_message("Choose the stage from the list.", "error"))
        changes["stage"] = event["stage"]
    if "text" in event:
        value = event["text"]
        changes["stage_text"] = "" if value is None else str(value)
    new = replace(state, **changes)
    return new, checker_view(new, course)


def clear_all(state: ExplorerState, event: Any = None, course: Optional[Course] = None) -> Result:
    """Untick everything and forget the stage: back to 'nothing selected'."""
    course = course or load_course()
    new = replace(state, ticked=(), stage="unknown", stage_text="")
    return new, checker_view(new, course)


# ---------------------------------------------------------------- the body map


def region_html(state: ExplorerState, course: Optional[Course] = None) -> str:
    """The symptoms and causes of the chosen body region."""
    course = course or load_course()
    if state.map_region is None:
        return _panel(_message("Choose a body region: click it on the drawing, or pick it in the Body map region menu.", "info"))
    region = course.regions[state.map_region]
    symptoms = course.symptoms_in_region(region.id)
    parts = [f"<h4>{escape(region.label)}</h4>"]
    if not symptoms:
        parts.append(_message(f"The course has no symptoms in the region '{region.label}'.", "info"))
        return _panel("".join(parts))
    items = "".join(f"<li>{_symptom_line(course, s.id)}</li>" for s in symptoms)
    parts.append(f"<p><strong>Symptoms here ({len(symptoms)}):</strong></p><ul>{items}</ul>")
    totals: dict[str, int] = {}
    for s in symptoms:
        for row in course.rows_for_symptom(s.id):
            totals[row.cause_id] = totals.get(row.cause_id, 0) + row.weight
    causes = sorted(totals, key=lambda c: (-totals[c], list(course.causes).index(c)))
    if causes:
        items = "".join(
            f"<li>{escape(course.causes[c].name)} ({escape(course.causes[c].seriousness)}; total weight {totals[c]})</li>" for c in causes
        )
        parts.append(f"<p><strong>Causes these symptoms point to, strongest link first:</strong></p><ol>{items}</ol>")
    return _panel("".join(parts))


def choose_region(state: ExplorerState, event: dict[str, Any], course: Optional[Course] = None) -> Result:
    """Choose a region on the body map: ``event`` is {"region": id|None}."""
    course = course or load_course()
    region = event.get("region") or None
    if region is not None and region not in course.regions:
        return state, Display(region_html=_panel(_message(f"There is no body region called {region!r}; choose one from the list.", "error")))
    new = replace(state, map_region=region)
    return new, Display(region_html=region_html(new, course), body_map=BodyMapView(region))


# ---------------------------------------------------------------- high contrast


def style_view(high_contrast: bool) -> StyleView:
    if high_contrast:
        return StyleView(True, "legpain-hc", 22, 4)
    return StyleView(False, "", 18, 1)


def set_high_contrast(state: ExplorerState, event: dict[str, Any], course: Optional[Course] = None) -> Result:
    """Switch the high-contrast style on or off: ``event`` is {"on": bool}."""
    new = replace(state, high_contrast=bool(event.get("on")))
    return new, Display(style=style_view(new.high_contrast))


def full_display(state: ExplorerState, course: Optional[Course] = None) -> Display:
    """Every part of the screen for a state (used when a panel is first shown)."""
    course = course or load_course()
    view = matrix_view(state, course)
    return replace(
        checker_view(state, course),
        matrix=view,
        matrix_status=_matrix_status(view),
        cell_html=cell_html(state, course),
        region_html=region_html(state, course),
        body_map=BodyMapView(state.map_region),
        style=style_view(state.high_contrast),
    )


def initial(course: Optional[Course] = None) -> Result:
    """The state and full display before the learner does anything."""
    course = course or load_course()
    state = ExplorerState()
    return state, full_display(state, course)


# ---------------------------------------------------------------- builders (ipywidgets)

CSS = """<style>
.legpain-explorer { --jp-widgets-font-size: 18px; --jp-widgets-inline-height: 36px; font-size: 18px; }
.legpain-explorer .widget-label, .legpain-explorer .widget-label-basic, .legpain-explorer .widget-html-content { font-size: 18px; line-height: 1.4; }
.legpain-explorer .widget-label-basic span { white-space: normal; }
.legpain-explorer .widget-checkbox { height: auto; min-height: 36px; }
.legpain-explorer input[type=checkbox] { width: 22px; height: 22px; }
.legpain-explorer .legpain-panel { border: 1px solid #666; border-radius: 6px; padding: 0.4em 0.8em; }
.legpain-explorer.legpain-hc { --jp-widgets-font-size: 22px; --jp-widgets-inline-height: 44px; background: #FFFFFF; color: #000000; font-size: 22px; }
.legpain-explorer.legpain-hc .widget-label, .legpain-explorer.legpain-hc .widget-label-basic,
.legpain-explorer.legpain-hc .widget-html-content { font-size: 22px; color: #000000; }
.legpain-explorer.legpain-hc select, .legpain-explorer.legpain-hc input[type=text], .legpain-explorer.legpain-hc button {
  border: 3px solid #000000 !important; background: #FFFFFF !important; color: #000000 !important; font-weight: bold; }
.legpain-explorer.legpain-hc .legpain-panel { border: 4px solid #000000; }
.legpain-explorer.legpain-hc input[type=checkbox] { width: 28px; height: 28px; outline: 3px solid #000000; }
</style>"""


def _panel_class() -> type:
    import ipywidgets as widgets

    class Panel(widgets.VBox):
        """A VBox whose plain-text form (shown where widgets cannot run) names the panel."""

        title_text = ""

        def __repr__(self) -> str:
            return f"{self.title_text}: an interactive panel. Run the notebook in JupyterLab to use it."

    return Panel


def _Panel(children: list[Any]) -> Any:
    global _PANEL
    if _PANEL is None:
        _PANEL = _panel_class()
    return _PANEL(children)


_PANEL: Any = None


class ExplorerSession:
    """One learner's explorer in one kernel: the state, and the parts on screen."""

    def __init__(self, course: Optional[Course] = None):
        import ipywidgets as widgets

        self.course = course or load_course()
        self.state, self._first = initial(self.course)
        self._appliers: dict[str, Callable[[Display], None]] = {}  # one per panel; a re-run cell replaces it
        self._containers: list[Any] = []
        self.controls: dict[str, Any] = {}  # the widgets by name, for tests and the benchmark
        self.high_contrast = widgets.ToggleButton(
            value=False,
            description="High contrast",
            tooltip="Switch to black on white with thick borders and larger type, for a projector",
        )
        self.high_contrast.observe(lambda change: self.run(set_high_contrast, {"on": change["new"]}), names="value")
        # One style and one layout model shared by many controls: fewer widget models to send.
        from ipywidgets.widgets.widget_bool import CheckboxStyle
        from ipywidgets.widgets.widget_description import DescriptionStyle

        self._label_style = DescriptionStyle(description_width="initial")
        self._tick_style = CheckboxStyle(description_width="initial")
        self._auto = widgets.Layout(width="auto")
        self._wide = widgets.Layout(width="auto", min_width="360px")

    def run(self, callback: Callable[..., Result], event: Any) -> Display:
        self.state, display = callback(self.state, event, self.course)
        self.apply(display)
        return display

    def apply(self, display: Display) -> None:
        for applier in list(self._appliers.values()):
            applier(display)
        if display.style is not None:
            for box in self._containers:
                if display.style.high_contrast:
                    box.add_class("legpain-hc")
                else:
                    box.remove_class("legpain-hc")

    def _attach(self, name: str, apply: Callable[[Display], None]) -> None:
        """Register a panel's applier and bring the new panel up to the current state."""
        self._appliers[name] = apply
        if self.state != ExplorerState():  # panels are built in the initial state
            apply(full_display(self.state, self.course))

    def _frame(self, title: str, children: list[Any]) -> Any:
        import ipywidgets as widgets

        from .widgets import heading_html

        header = widgets.HTML(CSS + heading_html(title) + _message(NOT_FOR_DIAGNOSIS, "info"))
        box = _Panel([header, self.high_contrast, *children])
        box.title_text = title
        box.add_class("legpain-explorer")
        if self.state.high_contrast:
            box.add_class("legpain-hc")
        self._containers.append(box)
        return box

    # -- the matrix
    def matrix_part(self) -> Any:
        import ipywidgets as widgets

        from .figures.matrix import apply_matrix_view, matrix_figure
        from .widgets import output_area

        course = self.course
        wide, label_style = self._wide, self._label_style
        region = widgets.Dropdown(
            options=[("All regions", "")] + [(r.label, r.id) for r in course.regions.values()],
            value="", description="Body region", style=label_style, layout=wide,
        )
        level = widgets.Dropdown(
            options=[("All levels", "")] + [(lv.label, lv.value) for lv in LEVELS],
            value="", description="Urgency level", style=label_style, layout=wide,
        )
        sort = widgets.Dropdown(
            options=[("Most urgent first", "")] + [(c.name, c.id) for c in course.causes.values()],
            value="", description="Sort rows by cause", style=label_style, layout=wide,
        )
        symptom = widgets.Dropdown(
            options=[("Choose a symptom", "")] + [(s.label, s.id) for s in course.symptoms.values()],
            value="", description="Symptom", style=label_style, layout=wide,
        )
        cause = widgets.Dropdown(
            options=[("Choose a cause", "")] + [(c.name, c.id) for c in course.causes.values()],
            value="", description="Cause", style=label_style, layout=wide,
        )
        view = self._first.matrix
        fig = matrix_figure(view)
        status = output_area(self._first.matrix_status or "")
        detail = output_area(cell_html(self.state, course))
        holder = {"view": view, "syncing": False}

        def apply(display: Display) -> None:
            if display.matrix is not None:
                holder["view"] = display.matrix
                apply_matrix_view(fig, display.matrix)
                fig_box.layout.display = "none" if not display.matrix.rows else None
                holder["syncing"] = True
                region.value, level.value, sort.value = self.state.region or "", self.state.level or "", self.state.sort_cause or ""
                holder["syncing"] = False
            if display.matrix_status is not None:
                status.value = display.matrix_status
            if display.cell_html is not None:
                detail.value = display.cell_html
                holder["syncing"] = True
                symptom.value = self.state.symptom or ""
                cause.value = self.state.cause or ""
                holder["syncing"] = False
            if display.style is not None:
                from .figures.matrix import apply_style

                apply_style(fig, display.style)

        def on_filter(key: str) -> Callable[[Any], None]:
            def handler(change: Any) -> None:
                if not holder["syncing"]:
                    self.run(filter_matrix, {key: change["new"] or None})

            return handler

        region.observe(on_filter("region"), names="value")
        level.observe(on_filter("level"), names="value")
        sort.observe(on_filter("sort_cause"), names="value")

        def on_pick(key: str) -> Callable[[Any], None]:
            def handler(change: Any) -> None:
                if not holder["syncing"]:
                    self.run(select_cell, {key: change["new"] or None})

            return handler

        symptom.observe(on_pick("symptom"), names="value")
        cause.observe(on_pick("cause"), names="value")

        def on_click(trace: Any, points: Any, selector: Any) -> None:
            if points.xs and points.ys:
                self.state, display = select_cell_at(self.state, int(round(points.xs[0])), int(round(points.ys[0])), holder["view"], course)
                self.apply(display)

        fig.data[0].on_click(on_click)
        fig_box = widgets.Box([fig], layout=widgets.Layout(width="100%"))
        self._attach("matrix", apply)
        self.controls.update(region=region, level=level, sort=sort, symptom=symptom, cause=cause, matrix=fig,
                             matrix_box=fig_box, matrix_status=status, cell=detail)
        filters = widgets.VBox([region, level, sort])
        picks = widgets.VBox([widgets.HTML("<p><strong>Choose a cell with the keyboard:</strong></p>"), symptom, cause])
        return self._frame("The symptom-to-advice matrix", [filters, status, fig_box, picks, detail])

    # -- the checker
    def checker_part(self) -> Any:
        import ipywidgets as widgets

        from .figures.matrix import apply_bar_view, apply_style, bar_figure
        from .widgets import LABEL_STYLE, heading_html, output_area

        course = self.course
        boxes: dict[str, Any] = {}
        groups = []
        holder = {"syncing": False}
        for region in course.regions.values():
            members = course.symptoms_in_region(region.id)
            if not members:
                continue
            ticks = []
            for s in members:
                box = widgets.Checkbox(value=False, description=s.label, indent=False, style=self._tick_style, layout=self._auto)

                def handler(change: Any, symptom_id: str = s.id) -> None:
                    if not holder["syncing"]:
                        self.run(tick_symptom, {"symptom": symptom_id, "ticked": change["new"]})

                box.observe(handler, names="value")
                boxes[s.id] = box
                ticks.append(box)
            groups += [widgets.HTML(heading_html(region.label)), *ticks]
        know = widgets.Dropdown(options=[(label, key) for key, label in STAGES.items()], value="unknown",
                                description="Stage", style=self._label_style, layout=self._wide)
        week = widgets.Text(value="", placeholder="week 1 to 42, or days 0 to 84", description="Week or days since the birth",
                            disabled=True, continuous_update=True, style=LABEL_STYLE, layout=self._wide)
        week_msg = output_area(self._first.week_html or "")
        clear = widgets.Button(description="Clear all", tooltip="Untick every symptom and forget the stage",
                               layout=widgets.Layout(width="auto", min_width="160px", height="44px"))
        result = output_area(self._first.checker_html or "")
        fig = bar_figure(self._first.bars)

        def apply(display: Display) -> None:
            if display.checker_html is not None:
                result.value = display.checker_html
            if display.bars is not None:
                apply_bar_view(fig, display.bars)
            if display.week_html is not None:
                week_msg.value = display.week_html
            holder["syncing"] = True
            try:
                if display.ticked is not None:
                    for symptom_id, box in boxes.items():
                        box.value = symptom_id in display.ticked
                if display.week_controls is not None:
                    know.value, week.value = display.week_controls
                    week.disabled = know.value not in STAGE_NUMBER
            finally:
                holder["syncing"] = False
            if display.style is not None:
                apply_style(fig, display.style)

        def on_know(change: Any) -> None:
            if not holder["syncing"]:
                self.run(set_stage, {"stage": change["new"]})

        def on_week(change: Any) -> None:
            if not holder["syncing"]:
                self.run(set_stage, {"text": change["new"]})

        know.observe(on_know, names="value")
        week.observe(on_week, names="value")
        clear.on_click(lambda _: self.run(clear_all, None))
        self._attach("checker", apply)
        self.controls.update(ticks=boxes, stage=know, week=week, week_message=week_msg, clear=clear, result=result, bars=fig)
        ticks_box = widgets.VBox([widgets.HTML("<p><strong>Tick the symptoms, grouped by body region:</strong></p>"), *groups])
        week_box = widgets.VBox([know, week, week_msg])
        return self._frame("The symptom checker", [ticks_box, week_box, clear, result, fig])

    # -- the body map
    def body_map_part(self) -> Any:
        import ipywidgets as widgets

        from .figures.body_map import apply_body_map, body_map_figure
        from .widgets import output_area

        course = self.course
        choose = widgets.Dropdown(
            options=[("Choose a region", "")] + [(r.label, r.id) for r in course.regions.values()],
            value="", description="Body map region", style=self._label_style, layout=self._wide,
        )
        fig = body_map_figure(course)
        info = output_area(self._first.region_html or "")
        holder = {"syncing": False}

        def apply(display: Display) -> None:
            if display.body_map is not None:
                apply_body_map(fig, display.body_map.selected, course)
                holder["syncing"] = True
                choose.value = display.body_map.selected or ""
                holder["syncing"] = False
            if display.region_html is not None:
                info.value = display.region_html
            if display.style is not None:
                from .figures.matrix import apply_style

                apply_style(fig, display.style)

        def on_choose(change: Any) -> None:
            if not holder["syncing"]:
                self.run(choose_region, {"region": change["new"] or None})

        def on_click(trace: Any, points: Any, selector: Any) -> None:
            if points.point_inds:
                self.run(choose_region, {"region": trace.customdata[points.point_inds[0]]})

        choose.observe(on_choose, names="value")
        for trace in fig.data:
            if trace.customdata is not None:
                trace.on_click(on_click)
        self._attach("body_map", apply)
        self.controls.update(map_region=choose, body_map=fig, region_info=info)
        return self._frame("The body map", [choose, fig, info])


_SESSIONS: dict[int, ExplorerSession] = {}


def session(course: Optional[Course] = None) -> ExplorerSession:
    """The explorer for this kernel (one per course), so the three parts share the High contrast switch."""
    course = course or load_course()
    if id(course) not in _SESSIONS:
        _SESSIONS[id(course)] = ExplorerSession(course)
    return _SESSIONS[id(course)]


def show_matrix_explorer(course: Optional[Course] = None) -> None:
    """Show the matrix of symptoms against causes, with filters and the chosen cell's details."""
    show_widget(session(course).matrix_part())


def show_symptom_checker(course: Optional[Course] = None) -> None:
    """Show the tick-box symptom checker with the urgency banner and ranked causes."""
    show_widget(session(course).checker_part())


def show_body_map(course: Optional[Course] = None) -> None:
    """Show the body map: choose a region to see its symptoms and causes."""
    show_widget(session(course).body_map_part())
