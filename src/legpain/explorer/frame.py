"""What every explorer panel shares: the Syncing switch, the controls' shared look, the panel's frame
and the High contrast switch that restyles every frame."""

from __future__ import annotations

from typing import Any, Callable, Protocol

import ipywidgets as widgets
from ipywidgets.widgets.widget_bool import CheckboxStyle
from ipywidgets.widgets.widget_description import DescriptionStyle

from ..content import Course
from ..content.lessons.matrix import load_not_for_diagnosis
from ..templating import style_html
from ..widgets import heading_html
from .display import set_high_contrast
from .state import Display, ExplorerState, Result, status_message


class Runner(Protocol):
    """What a panel needs from the session: the course, the current state, and a way to run a callback."""

    course: Course
    state: ExplorerState

    def run(self, callback: Callable[..., Result], event: Any) -> Display: ...


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


class ExplorerPanel:
    """What every panel has: a name (a re-run cell replaces the panel of that name), a title, a live
    figure, its controls by name, what it shows inside its frame, and its own Syncing switch."""

    name = ""
    title = ""

    def __init__(self, session: Runner) -> None:
        self.session = session
        self.syncing = Syncing()
        self.figure: Any = None  # the panel's live figure, restyled by the High contrast switch
        self.controls: dict[str, Any] = {}
        self.children: list[Any] = []

    def send(self, callback: Callable[..., Result], event: Any) -> None:
        """Run ``callback`` for a change the learner made, never for one Python made while syncing."""
        if not self.syncing.active:
            self.session.run(callback, event)

    def apply(self, display: Display) -> None:
        """Copy a Display onto the panel: its controls and what they show, then the figure's style."""
        from ..figures.matrix import apply_style

        self.show(display)
        if display.style is not None:
            apply_style(self.figure, display.style)

    def show(self, display: Display) -> None:
        raise NotImplementedError


class Look:
    """One style and one layout model shared by many controls: fewer widget models to send."""

    def __init__(self) -> None:
        self.label_style = DescriptionStyle(description_width="initial")
        self.tick_style = CheckboxStyle(description_width="initial")
        self.auto = widgets.Layout(width="auto")
        self.wide = widgets.Layout(width="auto", min_width="360px")


class PanelBox(widgets.VBox):
    """A VBox whose plain-text form (shown where widgets cannot run) names the panel."""

    title_text = ""

    def __repr__(self) -> str:
        return f"{self.title_text}: an interactive panel. Run the notebook in JupyterLab to use it."


class PresentationSwitch:
    """The High contrast switch, shown at the top of every panel, and the panels' frames it restyles."""

    def __init__(self, session: Runner) -> None:
        self.session = session
        self.frames: list[PanelBox] = []
        self.button = widgets.ToggleButton(
            value=False,
            description="High contrast",
            tooltip="Switch to black on white with thick borders and larger type, for a projector",
            layout=widgets.Layout(width="auto", min_width="220px", height="auto", min_height="44px"),
        )
        self.button.observe(self.on_toggle, names="value")

    def on_toggle(self, change: Any) -> None:
        self.session.run(set_high_contrast, {"on": change["new"]})

    def frame(self, title: str, children: list[Any]) -> PanelBox:
        """A panel: its heading, the 'not for diagnosis' notice, this switch, then its controls."""
        notice = load_not_for_diagnosis(self.session.course).text
        header = widgets.HTML(style_html() + heading_html(title) + status_message(notice, "info"))
        box = PanelBox([header, self.button, *children])
        box.title_text = title
        box.add_class("legpain-explorer")
        if self.session.state.high_contrast:
            box.add_class("legpain-hc")
        self.frames.append(box)
        return box

    def apply(self, display: Display) -> None:
        if display.style is None:
            return
        for box in self.frames:
            if display.style.high_contrast:
                box.add_class("legpain-hc")
            else:
                box.remove_class("legpain-hc")
