"""The explorer's three panels, one class each: the matrix, the symptom checker and the body map.

A panel makes its controls, sends what the learner does to the explorer's callbacks through the
session (``session.run``), and copies a Display onto its controls in :meth:`show`, with its own
:class:`Syncing` switch on while it sets them, so that their observers ignore Python's own changes.
"""

from __future__ import annotations

from typing import Any, Callable

import ipywidgets as widgets

from ..levels import LEVELS
from ..stages import PREGNANT, STAGE_CHOICES, STAGE_NUMBERS, UNKNOWN
from ..widgets import LABEL_STYLE, heading_html, output_area
from .body_map import choose_region
from .checker import EXAMPLE_NUMBER, STAGE_LABELS, clear_all, set_stage, tick_symptom
from .frame import ExplorerPanel, Look, Runner
from .matrix import cell_html, filter_matrix, select_cell, select_cell_at
from .state import Display, MatrixView, Result


def _menu(first: str, options: list[tuple[str, str]], description: str, look: Look, layout: Any) -> widgets.Dropdown:
    """A labelled menu whose first entry (value "") means 'none chosen'."""
    return widgets.Dropdown(options=[(first, "")] + options, value="", description=description, style=look.label_style, layout=layout)


class MatrixPanel(ExplorerPanel):
    """The symptom-to-advice matrix: filters, the heatmap, and the chosen cell's explanation."""

    name = "matrix"
    title = "The symptom-to-advice matrix"

    def __init__(self, session: Runner, look: Look, first: Display) -> None:
        from ..figures.matrix import matrix_figure, min_matrix_width

        super().__init__(session)
        course = session.course
        regions = [(r.label, r.id) for r in course.regions.values()]
        causes = [(c.name, c.id) for c in course.causes.values()]
        self.region = _menu("All regions", regions, "Body region", look, look.wide)
        self.level = _menu("All levels", [(lv.label, lv.value) for lv in LEVELS], "Urgency level", look, look.wide)
        self.sort = _menu("Most urgent first", causes, "Sort rows by cause", look, look.wide)
        # The two menus sit in the narrow column beside the matrix: they take its width, no more.
        beside_menu = widgets.Layout(width="100%", min_width="0")
        self.symptom = _menu("Choose a symptom", [(s.label, s.id) for s in course.symptoms.values()], "Symptom", look, beside_menu)
        self.cause = _menu("Choose a cause", causes, "Cause", look, beside_menu)
        assert first.matrix is not None  # the first Display is the whole screen
        self.view: MatrixView = first.matrix
        self.figure = matrix_figure(self.view)
        self.status = output_area(first.matrix_status or "")
        self.detail = output_area(cell_html(session.state, course))
        for key, menu in (("region", self.region), ("level", self.level), ("sort_cause", self.sort)):
            menu.observe(self._sends(filter_matrix, key), names="value")
        for key, menu in (("symptom", self.symptom), ("cause", self.cause)):
            menu.observe(self._sends(select_cell, key), names="value")
        self.figure.data[0].on_click(self.on_click)
        # The matrix takes the width left beside the chosen cell's explanation; where the panel is
        # too narrow for both, the explanation wraps below. The matrix never gets narrower than its
        # names and a readable column per cause.
        self.figure_box = widgets.VBox([self.figure], layout=widgets.Layout(flex="1 1 0%", min_width=f"{min_matrix_width(self.view)}px",
                                                                           overflow="visible"))
        self.figure_box.add_class("legpain-matrix-box")
        self.controls = dict(region=self.region, level=self.level, sort=self.sort, symptom=self.symptom, cause=self.cause,
                             matrix=self.figure, matrix_box=self.figure_box, matrix_status=self.status, cell=self.detail)
        self.children = self._layout()

    def _layout(self) -> list[Any]:
        filters = widgets.VBox([self.region, self.level, self.sort])
        picks = widgets.VBox([widgets.HTML("<p><strong>Choose a cell with the keyboard:</strong></p>"), self.symptom, self.cause])
        picks.add_class("legpain-matrix-keys")
        beside = widgets.VBox([picks, self.detail], layout=widgets.Layout(flex="1 1 300px", min_width="280px", max_width="560px",
                                                                          overflow="visible"))
        beside.add_class("legpain-beside")
        row = widgets.HBox([self.figure_box, beside], layout=widgets.Layout(flex_flow="row wrap", align_items="flex-start", width="100%",
                                                                            overflow="visible", grid_gap="0.8em"))
        return [filters, self.status, row]

    def _sends(self, callback: Callable[..., Result], key: str) -> Callable[[Any], None]:
        """An observer that runs ``callback`` with {key: the menu's new value, or None for 'none chosen'}."""

        return lambda change: self.send(callback, {key: change["new"] or None})

    def on_click(self, trace: Any, points: Any, selector: Any) -> None:
        if points.xs and points.ys:
            x, y, view = int(round(points.xs[0])), int(round(points.ys[0])), self.view
            self.session.run(lambda state, _, course: select_cell_at(state, x, y, view, course), None)

    def show(self, display: Display) -> None:
        from ..figures.matrix import apply_matrix_view

        state = self.session.state
        # Menus first, then what they show (as in the checker).
        if display.matrix is not None:
            with self.syncing:
                self.region.value, self.level.value, self.sort.value = state.region or "", state.level or "", state.sort_cause or ""
            self.view = display.matrix
            apply_matrix_view(self.figure, display.matrix)
            self.figure_box.layout.display = "none" if not display.matrix.rows else None
        if display.matrix_status is not None:
            self.status.value = display.matrix_status
        if display.cell_html is not None:
            with self.syncing:
                self.symptom.value = state.symptom or ""
                self.cause.value = state.cause or ""
            self.detail.value = display.cell_html


class CheckerPanel(ExplorerPanel):
    """The symptom checker: tick boxes by body region, the stage, the result and the likely causes' chart."""

    name = "checker"
    title = "The symptom checker"

    def __init__(self, session: Runner, look: Look, first: Display) -> None:
        from ..figures.matrix import bar_figure

        super().__init__(session)
        self.boxes: dict[str, widgets.Checkbox] = {}
        groups = []
        for region in session.course.regions.values():
            ticks = [self._tick_box(s.id, s.label, look) for s in session.course.symptoms_in_region(region.id)]
            if ticks:
                groups += [widgets.HTML(heading_html(region.label)), *ticks]
        self.stage = widgets.Dropdown(options=[(STAGE_LABELS[key], key) for key in STAGE_CHOICES], value=UNKNOWN,
                                      description="Stage", style=look.label_style, layout=look.wide)
        self.number = widgets.Text(value="", placeholder=f"e.g. {EXAMPLE_NUMBER[PREGNANT]}", description="Week or days since the birth",
                                   disabled=True, continuous_update=True, style=LABEL_STYLE, layout=look.wide)
        self.number_message = output_area(first.week_html or "")
        self.clear = widgets.Button(description="Clear all", tooltip="Untick every symptom and forget the stage",
                                    layout=widgets.Layout(width="auto", min_width="160px", height="44px"))
        self.result = output_area(first.checker_html or "")
        assert first.bars is not None  # the first Display is the whole screen
        self.figure = bar_figure(first.bars)
        self.stage.observe(self.on_stage, names="value")
        self.number.observe(self.on_number, names="value")
        self.clear.on_click(self.on_clear)
        self.controls = dict(ticks=self.boxes, stage=self.stage, week=self.number, week_message=self.number_message, clear=self.clear,
                             result=self.result, bars=self.figure)
        self.children = self._layout(groups)

    def _tick_box(self, symptom_id: str, label: str, look: Look) -> widgets.Checkbox:
        box = widgets.Checkbox(value=False, description=label, indent=False, style=look.tick_style, layout=look.auto)

        box.observe(lambda change: self.send(tick_symptom, {"symptom": symptom_id, "ticked": change["new"]}), names="value")
        self.boxes[symptom_id] = box
        return box

    def _layout(self, groups: list[Any]) -> list[Any]:
        ticks_box = widgets.VBox([widgets.HTML("<p><strong>Tick the symptoms, grouped by body region:</strong></p>"), *groups])
        stage_box = widgets.VBox([self.stage, self.number, self.number_message])
        # The result sits beside the tick boxes, and the list of boxes scrolls inside its own
        # frame, so the banner stays on screen whichever box is ticked.
        ticks_box.add_class("legpain-tick-list")
        left = widgets.VBox([stage_box, ticks_box, self.clear], layout=widgets.Layout(flex="1 1 48%", min_width="300px", overflow="visible"))
        right = widgets.VBox([self.result], layout=widgets.Layout(flex="1 1 52%", min_width="300px", overflow="visible"))
        right.add_class("legpain-result-column")
        columns = widgets.HBox([left, right], layout=widgets.Layout(align_items="flex-start", flex_flow="row wrap", width="100%",
                                                                    overflow="visible"))
        return [columns, self.figure]

    def on_stage(self, change: Any) -> None:
        self.send(set_stage, {"stage": change["new"]})

    def on_number(self, change: Any) -> None:
        self.send(set_stage, {"text": change["new"]})

    def on_clear(self, _: Any) -> None:
        self.session.run(clear_all, None)

    def show(self, display: Display) -> None:
        from ..figures.matrix import apply_bar_view

        # Every panel sets its controls first, then what they show, so a page never shows a new
        # result beside old ticks (after "Clear all", for instance).
        with self.syncing:
            if display.ticked is not None:
                for symptom_id, box in self.boxes.items():
                    box.value = symptom_id in display.ticked
            if display.week_controls is not None:
                self.stage.value, self.number.value = display.week_controls
                self.number.disabled = self.stage.value not in STAGE_NUMBERS
        if display.checker_html is not None:
            self.result.value = display.checker_html
        if display.bars is not None:
            apply_bar_view(self.figure, display.bars)
        if display.week_html is not None:
            self.number_message.value = display.week_html


class BodyMapPanel(ExplorerPanel):
    """The body map: choose a region on the figure or in the menu to see its symptoms and causes."""

    name = "body_map"
    title = "The body map"

    def __init__(self, session: Runner, look: Look, first: Display) -> None:
        from ..figures.body_map import body_map_figure

        super().__init__(session)
        course = session.course
        self.choose = _menu("Choose a region", [(r.label, r.id) for r in course.regions.values()], "Body map region", look, look.wide)
        self.figure = body_map_figure(course)
        self.info = output_area(first.region_html or "")
        self.choose.observe(self.on_choose, names="value")
        for trace in self.figure.data:
            if trace.customdata is not None:
                trace.on_click(self.on_click)
        self.controls = dict(map_region=self.choose, body_map=self.figure, region_info=self.info)
        self.children = [self.choose, self.figure, self.info]

    def on_choose(self, change: Any) -> None:
        self.send(choose_region, {"region": change["new"] or None})

    def on_click(self, trace: Any, points: Any, selector: Any) -> None:
        if points.point_inds:
            self.session.run(choose_region, {"region": trace.customdata[points.point_inds[0]]})

    def show(self, display: Display) -> None:
        from ..figures.body_map import apply_body_map

        if display.body_map is not None:
            with self.syncing:
                self.choose.value = display.body_map.selected or ""
            apply_body_map(self.figure, display.body_map.selected, self.session.course)
        if display.region_html is not None:
            self.info.value = display.region_html

