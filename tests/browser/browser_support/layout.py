"""The layout check: text boxes in the course's figures and widgets that overlap, are cut, are too small or are missing.

Used by ``tests/browser/test_layout.py`` for every lesson in JupyterLab (normal, presentation and
high-contrast modes) and for every slide of every deck.
"""

from __future__ import annotations

from typing import Any

from .controls import exact
from .scripts import script

PROJECTOR = {"width": 1280, "height": 720}
MIN_PRESENTATION_PX = 20  # the smallest figure text a back row can read at 1280 x 720
MODES = ("normal", "presentation", "high contrast")


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


def describe(lesson: str, mode: str, found: list[dict[str, str]]) -> str:
    return "\n".join(f"{lesson} [{mode}] {p['figure']}: {p['kind']}: {p['detail']}" for p in found)
