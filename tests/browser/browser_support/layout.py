"""The layout check: text boxes in the course's figures and widgets that overlap, are cut, are too small or are missing.

Used by ``tests/browser/test_layout.py`` for every lesson in JupyterLab (normal, presentation and
high-contrast modes) and for every slide of every deck.
"""

from __future__ import annotations

from typing import Any

from .controls import exact, find_control
from .scripts import script

PROJECTOR = {"width": 1280, "height": 720}
MIN_PRESENTATION_PX = 20  # the smallest figure text a back row can read at 1280 x 720
MODES = ("normal", "presentation", "high contrast")

# Lessons with a narrower layout than the one they open in, checked once more in that state.
# In 08, with the file browser closed, the chosen cell's explanation sits beside the matrix, and the
# matrix is drawn at the narrowest it may take (with the file browser open the explanation wraps
# below it and the matrix has the whole width).
NARROW_STATES = {"08_symptom_advice_matrix.ipynb": "file browser closed, a matrix cell chosen"}
MATRIX_SLACK_PX = 2  # how much wider than its min-width a matrix "at its narrowest" may be


def problems(page: Any, root: str, min_px: float = 0) -> list[dict[str, str]]:
    """Every layout problem under ``root``, each as {figure, kind, detail}."""
    return page.evaluate(script("layout_problems"), [root, min_px])


def smallest_text(page: Any, root: str) -> float | None:
    """The smallest figure text on screen under ``root``, in pixels (None when there is no figure)."""
    return page.evaluate(script("smallest_figure_text"), root)


def _toggle(page: Any, root: str, label: str, on: bool) -> bool:
    """Set every toggle button with this label; False when the page has none."""
    buttons = page.locator(f"{root} button.widget-toggle-button").filter(has_text=exact(label))
    if buttons.count() == 0:
        return False
    first = buttons.first
    pressed = "mod-active" in (first.get_attribute("class") or "")
    if pressed != on:
        first.scroll_into_view_if_needed()
        first.click()
    return True


def set_mode(page: Any, root: str, mode: str) -> None:
    """Normal, presentation (the lesson's switch) or high contrast (presentation and the explorer's switch)."""
    if mode not in MODES:
        raise ValueError(f"unknown mode {mode!r}")
    _toggle(page, root, "Presentation mode", mode != "normal")
    _toggle(page, root, "High contrast", mode == "high contrast")
    page.wait_for_timeout(1500)  # live figures redraw after the kernel answers


def close_file_browser(page: Any) -> None:
    """Close JupyterLab's left area (the file browser), as a lecturer does before presenting."""
    page.evaluate("() => { if (!window.jupyterapp.shell.leftCollapsed) window.jupyterapp.commands.execute('application:toggle-left-area'); }")
    page.wait_for_function("() => window.jupyterapp.shell.leftCollapsed")


def enter_narrow_state(page: Any, root: str, lesson: str) -> str | None:
    """Bring the lesson to its narrow state (see NARROW_STATES) and name it; None when it has none."""
    state = NARROW_STATES.get(lesson)
    if state is None:
        return None
    close_file_browser(page)
    scope = page.locator(root).first
    for label in ("Symptom", "Cause"):  # the first of each menu after its "Choose a ..." entry
        find_control(scope, label).locator("select").select_option(index=1)
    page.wait_for_timeout(1500)  # the kernel answers, the matrix redraws at its new width
    return state


def matrices_not_at_narrowest(page: Any, root: str) -> list[dict[str, str]]:
    """A problem for each matrix that is not drawn at its narrowest (or none shown): either its box is
    wider than its min-width (the narrow state was not reached) or its figure is drawn wider than the box."""
    widths = page.evaluate(script("matrix_widths"), root)
    if not widths:
        return [{"figure": "matrix", "kind": "state", "detail": "no matrix on screen"}]
    found = []
    for w in widths:
        if w["width"] > w["min"] + MATRIX_SLACK_PX:
            found.append({"figure": "matrix", "kind": "state",
                          "detail": f"its panel is {w['width']:.0f} px wide, not at its narrowest ({w['min']:.0f} px): the narrow state was not reached"})
        if abs(w["drawn"] - w["width"]) > MATRIX_SLACK_PX:
            found.append({"figure": "matrix", "kind": "cut",
                          "detail": f"drawn {w['drawn']:.0f} px wide in a panel of {w['width']:.0f} px: the figure did not follow its panel"})
    return found


def describe(lesson: str, mode: str, found: list[dict[str, str]]) -> str:
    return "\n".join(f"{lesson} [{mode}] {p['figure']}: {p['kind']}: {p['detail']}" for p in found)
