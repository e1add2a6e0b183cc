"""The explorer's live figures (plotly FigureWidgets): what a panel's figure draws, and a slow page."""

from __future__ import annotations

import time
from typing import Any, Callable

from .scripts import script
from .settings import STEP_TIMEOUT


def slow_laptop(page: Any, stall_ms: int) -> None:
    """Before the page loads: keep it busy for ``stall_ms`` the first time it starts a large module."""
    stall = script("slow_start")
    page.add_init_script(f"({stall})({int(stall_ms)});")


def large_modules(page: Any) -> int:
    """How many large modules (over 1 MB) the page has made from text since it loaded."""
    return page.evaluate("() => window.__largeModules")


def figure_state(panel: Any) -> Any:
    """What the first plotly figure in a panel draws (its traces' data, as text), or None."""
    return panel.evaluate(script("figure_state"))


def follows(panel: Any, act: Callable[[], None], timeout_s: float = STEP_TIMEOUT / 1000) -> bool:
    """Whether the panel's figure draws something else after ``act`` (a control changed), in time."""
    before = figure_state(panel)
    assert before is not None, "the panel has no drawn plotly figure"
    act()
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if figure_state(panel) != before:
            return True
        time.sleep(0.1)
    return False
