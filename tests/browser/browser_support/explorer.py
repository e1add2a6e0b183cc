"""The symptom-to-advice explorer (notebook 08): its panels and its urgency banner."""

from __future__ import annotations

from typing import Any, Optional

from .controls import exact
from .scripts import script

NOTEBOOK = "08_symptom_advice_matrix.ipynb"
CHECKER_TITLE = "The symptom checker"
MATRIX_TITLE = "The symptom-to-advice matrix"
BODY_MAP_TITLE = "The body map"


def part(root: Any, title: str) -> Any:
    """One panel of the explorer, found by its visible heading."""
    return root.locator(".legpain-explorer").filter(has=root.page.locator("h4", has_text=exact(title))).first


def banner_level(panel: Any) -> Optional[str]:
    """The level of the banner in a panel ('self-care' ... 'emergency'), or None when there is none."""
    return panel.evaluate(script("banner_level"))
