"""The thin ipywidgets layer: one explorer session per kernel wires its panels together.

Each panel (:mod:`legpain.explorer.panels`) makes its controls and copies a Display onto them; the
session holds the state, runs the callbacks, and gives every panel each Display they return.
"""

from __future__ import annotations

import weakref
from typing import Any, Callable, Optional

from ..content import Course, load_course
from ..widgets import show_widget
from .display import full_display, initial
from .frame import ExplorerPanel, Look, PresentationSwitch, Syncing
from .panels import BodyMapPanel, CheckerPanel, MatrixPanel
from .state import Display, ExplorerState, Result

__all__ = ["ExplorerSession", "Syncing", "session", "show_body_map", "show_matrix_explorer", "show_symptom_checker"]


class ExplorerSession:
    """One learner's explorer in one kernel: the state, and the panels on screen."""

    def __init__(self, course: Optional[Course] = None):
        self.course = course or load_course()
        self.state, self._first = initial(self.course)
        self.controls: dict[str, Any] = {}  # the widgets by name, for tests and the benchmark
        self._look = Look()
        self.presentation = PresentationSwitch(self)
        self.high_contrast = self.presentation.button
        # One applier per panel, by name: a re-run cell replaces its panel's.
        self._appliers: dict[str, Callable[[Display], None]] = {"presentation": self.presentation.apply}

    def run(self, callback: Callable[..., Result], event: Any) -> Display:
        """Run a callback on the current state, keep its new state and show its Display."""
        self.state, display = callback(self.state, event, self.course)
        self.apply(display)
        return display

    def apply(self, display: Display) -> None:
        for applier in list(self._appliers.values()):
            applier(display)

    def _show(self, panel: ExplorerPanel) -> Any:
        """Register a new panel, bring it up to the current state, and frame it."""
        self._appliers[panel.name] = panel.apply
        if self.state != ExplorerState():  # panels are built in the initial state
            panel.apply(full_display(self.state, self.course))
        self.controls.update(panel.controls)
        return self.presentation.frame(panel.title, panel.children)

    def matrix_part(self) -> Any:
        return self._show(MatrixPanel(self, self._look, self._first))

    def checker_part(self) -> Any:
        return self._show(CheckerPanel(self, self._look, self._first))

    def body_map_part(self) -> Any:
        return self._show(BodyMapPanel(self, self._look, self._first))


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
