"""The symptom-to-advice matrix explorer: the matrix, the symptom checker and the body map.

Every control calls a plain *callback* that takes the current
:class:`ExplorerState` and an event (a small dict) and returns the new state and
a :class:`Display`: only the parts of the screen that the event changes. The
callbacks hold all the logic and are tested with pytest; the builders at the
end of this module only make the ipywidgets controls and copy a Display onto
them (figures are updated in place, never rebuilt).

For learning only: nothing here diagnoses or advises a real person.
"""

from .body_map import choose_region, region_html
from .checker import STAGE_LABELS, bar_view, checker_view, clear_all, set_stage, tick_symptom
from .display import full_display, initial, set_high_contrast, style_view
from .matrix import FILTER_KEYS, cell_html, filter_matrix, matrix_view, select_cell, select_cell_at
from .session import ExplorerSession, session, show_body_map, show_matrix_explorer, show_symptom_checker
from .state import (
    BarView, BodyMapView, Display, ExplorerState, MatrixView, Result, StyleView, short_name,
)

__all__ = [
    "BarView", "BodyMapView", "Display", "ExplorerSession", "ExplorerState", "FILTER_KEYS", "MatrixView",
    "Result", "STAGE_LABELS", "StyleView", "bar_view", "cell_html", "checker_view", "choose_region",
    "clear_all", "filter_matrix", "full_display", "initial", "matrix_view", "region_html", "select_cell",
    "select_cell_at", "session", "set_high_contrast", "set_stage", "short_name", "show_body_map",
    "show_matrix_explorer", "show_symptom_checker", "style_view", "tick_symptom",
]
