"""The thin ipywidgets layer: controls that call the explorer's callbacks and copy a Display onto the screen."""

from __future__ import annotations

import weakref
from typing import Any, Callable, Optional

from ..content import Course, load_course
from ..templating import style_html
from ..widgets import show_widget
from .body_map import choose_region
from .checker import STAGE_NUMBER, STAGES, clear_all, set_stage, tick_symptom
from ..levels import LEVELS
from .display import full_display, initial, set_high_contrast
from .matrix import cell_html, filter_matrix, select_cell, select_cell_at
from ..content.lessons.matrix import load_not_for_diagnosis
from .state import Display, ExplorerState, Result, status_message

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


class Syncing:
    """On while Python itself sets a panel's controls, so that their observers ignore the change.

    Used as ``with syncing:``, it is always switched off again, even when setting a control fails.
    """

    def __init__(self) -> None:
        self.active = False

    def __enter__(self) -> "Syncing":
        self.active = True
        return self

    def __exit__(self, *exc: Any) -> None:
        self.active = False


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
            layout=widgets.Layout(width="auto", min_width="220px", height="auto", min_height="44px"),
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

        from ..widgets import heading_html

        notice = load_not_for_diagnosis(self.course).text
        header = widgets.HTML(style_html() + heading_html(title) + status_message(notice, "info"))
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

        from ..figures.matrix import apply_matrix_view, matrix_figure, min_matrix_width
        from ..widgets import output_area

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
        # The two menus sit in the narrow column beside the matrix: they take its width, no more.
        beside_menu = widgets.Layout(width="100%", min_width="0")
        symptom = widgets.Dropdown(
            options=[("Choose a symptom", "")] + [(s.label, s.id) for s in course.symptoms.values()],
            value="", description="Symptom", style=label_style, layout=beside_menu,
        )
        cause = widgets.Dropdown(
            options=[("Choose a cause", "")] + [(c.name, c.id) for c in course.causes.values()],
            value="", description="Cause", style=label_style, layout=beside_menu,
        )
        view = self._first.matrix
        fig = matrix_figure(view)
        status = output_area(self._first.matrix_status or "")
        detail = output_area(cell_html(self.state, course))
        holder = {"view": view}
        syncing = Syncing()

        def apply(display: Display) -> None:
            # Menus first, then what they show (as in the checker).
            if display.matrix is not None:
                with syncing:
                    region.value, level.value, sort.value = self.state.region or "", self.state.level or "", self.state.sort_cause or ""
                holder["view"] = display.matrix
                apply_matrix_view(fig, display.matrix)
                fig_box.layout.display = "none" if not display.matrix.rows else None
            if display.matrix_status is not None:
                status.value = display.matrix_status
            if display.cell_html is not None:
                with syncing:
                    symptom.value = self.state.symptom or ""
                    cause.value = self.state.cause or ""
                detail.value = display.cell_html
            if display.style is not None:
                from ..figures.matrix import apply_style

                apply_style(fig, display.style)

        def on_filter(key: str) -> Callable[[Any], None]:
            def handler(change: Any) -> None:
                if not syncing.active:
                    self.run(filter_matrix, {key: change["new"] or None})

            return handler

        region.observe(on_filter("region"), names="value")
        level.observe(on_filter("level"), names="value")
        sort.observe(on_filter("sort_cause"), names="value")

        def on_pick(key: str) -> Callable[[Any], None]:
            def handler(change: Any) -> None:
                if not syncing.active:
                    self.run(select_cell, {key: change["new"] or None})

            return handler

        symptom.observe(on_pick("symptom"), names="value")
        cause.observe(on_pick("cause"), names="value")

        def on_click(trace: Any, points: Any, selector: Any) -> None:
            if points.xs and points.ys:
                self.state, display = select_cell_at(self.state, int(round(points.xs[0])), int(round(points.ys[0])), holder["view"], course)
                self.apply(display)

        fig.data[0].on_click(on_click)
        # The matrix takes the width left beside the chosen cell's explanation; where the panel is
        # too narrow for both, the explanation wraps below. The matrix never gets narrower than its
        # names and a readable column per cause.
        fig_box = widgets.VBox([fig], layout=widgets.Layout(flex="1 1 0%", min_width=f"{min_matrix_width(view)}px", overflow="visible"))
        fig_box.add_class("legpain-matrix-box")
        self._attach("matrix", apply)
        self.controls.update(region=region, level=level, sort=sort, symptom=symptom, cause=cause, matrix=fig,
                             matrix_box=fig_box, matrix_status=status, cell=detail)
        filters = widgets.VBox([region, level, sort])
        picks = widgets.VBox([widgets.HTML("<p><strong>Choose a cell with the keyboard:</strong></p>"), symptom, cause])
        picks.add_class("legpain-matrix-keys")
        beside = widgets.VBox([picks, detail], layout=widgets.Layout(flex="1 1 300px", min_width="280px", max_width="560px", overflow="visible"))
        beside.add_class("legpain-beside")
        row = widgets.HBox([fig_box, beside], layout=widgets.Layout(flex_flow="row wrap", align_items="flex-start", width="100%",
                                                                    overflow="visible", grid_gap="0.8em"))
        return self._frame("The symptom-to-advice matrix", [filters, status, row])

    # -- the checker
    def checker_part(self) -> Any:
        import ipywidgets as widgets

        from ..figures.matrix import apply_bar_view, apply_style, bar_figure
        from ..widgets import LABEL_STYLE, heading_html, output_area

        course = self.course
        boxes: dict[str, Any] = {}
        groups = []
        syncing = Syncing()
        for region in course.regions.values():
            members = course.symptoms_in_region(region.id)
            if not members:
                continue
            ticks = []
            for s in members:
                box = widgets.Checkbox(value=False, description=s.label, indent=False, style=self._tick_style, layout=self._auto)

                def handler(change: Any, symptom_id: str = s.id) -> None:
                    if not syncing.active:
                        self.run(tick_symptom, {"symptom": symptom_id, "ticked": change["new"]})

                box.observe(handler, names="value")
                boxes[s.id] = box
                ticks.append(box)
            groups += [widgets.HTML(heading_html(region.label)), *ticks]
        know = widgets.Dropdown(options=[(label, key) for key, label in STAGES.items()], value="unknown",
                                description="Stage", style=self._label_style, layout=self._wide)
        week = widgets.Text(value="", placeholder="e.g. 28", description="Week or days since the birth",
                            disabled=True, continuous_update=True, style=LABEL_STYLE, layout=self._wide)
        week_msg = output_area(self._first.week_html or "")
        clear = widgets.Button(description="Clear all", tooltip="Untick every symptom and forget the stage",
                               layout=widgets.Layout(width="auto", min_width="160px", height="44px"))
        result = output_area(self._first.checker_html or "")
        fig = bar_figure(self._first.bars)

        def apply(display: Display) -> None:
            # Every panel sets its controls first, then what they show, so a page never shows a new
            # result beside old ticks (after "Clear all", for instance).
            with syncing:
                if display.ticked is not None:
                    for symptom_id, box in boxes.items():
                        box.value = symptom_id in display.ticked
                if display.week_controls is not None:
                    know.value, week.value = display.week_controls
                    week.disabled = know.value not in STAGE_NUMBER
            if display.checker_html is not None:
                result.value = display.checker_html
            if display.bars is not None:
                apply_bar_view(fig, display.bars)
            if display.week_html is not None:
                week_msg.value = display.week_html
            if display.style is not None:
                apply_style(fig, display.style)

        def on_know(change: Any) -> None:
            if not syncing.active:
                self.run(set_stage, {"stage": change["new"]})

        def on_week(change: Any) -> None:
            if not syncing.active:
                self.run(set_stage, {"text": change["new"]})

        know.observe(on_know, names="value")
        week.observe(on_week, names="value")
        clear.on_click(lambda _: self.run(clear_all, None))
        self._attach("checker", apply)
        self.controls.update(ticks=boxes, stage=know, week=week, week_message=week_msg, clear=clear, result=result, bars=fig)
        ticks_box = widgets.VBox([widgets.HTML("<p><strong>Tick the symptoms, grouped by body region:</strong></p>"), *groups])
        week_box = widgets.VBox([know, week, week_msg])
        # The result sits beside the tick boxes, and the list of boxes scrolls inside its own
        # frame, so the banner stays on screen whichever box is ticked.
        ticks_box.add_class("legpain-tick-list")
        left = widgets.VBox([week_box, ticks_box, clear], layout=widgets.Layout(flex="1 1 48%", min_width="300px", overflow="visible"))
        right = widgets.VBox([result], layout=widgets.Layout(flex="1 1 52%", min_width="300px", overflow="visible"))
        right.add_class("legpain-result-column")
        columns = widgets.HBox([left, right], layout=widgets.Layout(align_items="flex-start", flex_flow="row wrap", width="100%", overflow="visible"))
        return self._frame("The symptom checker", [columns, fig])

    # -- the body map
    def body_map_part(self) -> Any:
        import ipywidgets as widgets

        from ..figures.body_map import apply_body_map, body_map_figure
        from ..widgets import output_area

        course = self.course
        choose = widgets.Dropdown(
            options=[("Choose a region", "")] + [(r.label, r.id) for r in course.regions.values()],
            value="", description="Body map region", style=self._label_style, layout=self._wide,
        )
        fig = body_map_figure(course)
        info = output_area(self._first.region_html or "")
        syncing = Syncing()

        def apply(display: Display) -> None:
            if display.body_map is not None:
                with syncing:
                    choose.value = display.body_map.selected or ""
                apply_body_map(fig, display.body_map.selected, course)
            if display.region_html is not None:
                info.value = display.region_html
            if display.style is not None:
                from ..figures.matrix import apply_style

                apply_style(fig, display.style)

        def on_choose(change: Any) -> None:
            if not syncing.active:
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


_SESSIONS: "weakref.WeakKeyDictionary[Course, ExplorerSession]" = weakref.WeakKeyDictionary()


def session(course: Optional[Course] = None) -> ExplorerSession:
    """The explorer for this kernel (one per course), so the three parts share the High contrast switch."""
    course = course or load_course()
    if course not in _SESSIONS:
        _SESSIONS[course] = ExplorerSession(course)
    return _SESSIONS[course]


def show_matrix_explorer(course: Optional[Course] = None) -> None:
    """Show the matrix of symptoms against causes, with filters and the chosen cell's details."""
    show_widget(session(course).matrix_part(), "the matrix explorer")


def show_symptom_checker(course: Optional[Course] = None) -> None:
    """Show the tick-box symptom checker with the urgency banner and ranked causes."""
    show_widget(session(course).checker_part(), "the symptom checker")


def show_body_map(course: Optional[Course] = None) -> None:
    """Show the body map: choose a region to see its symptoms and causes."""
    show_widget(session(course).body_map_part(), "the body map")
