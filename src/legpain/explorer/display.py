"""The high-contrast style, and the whole screen for a state."""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Optional

from ..content import Course, load_course
from ..palette import FONT_SIZE
from .body_map import region_html
from .checker import checker_view
from .matrix import matrix_status_html, cell_html, matrix_view
from .state import BodyMapView, Display, ExplorerState, Result, StyleView

def style_view(high_contrast: bool) -> StyleView:
    """High contrast: 24px figure type and thick lines; normal: the course's 20px figure type."""
    if high_contrast:
        return StyleView(True, "legpain-hc", FONT_SIZE + 4, 4)
    return StyleView(False, "", FONT_SIZE, 1)


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
        matrix_status=matrix_status_html(view),
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
