"""The symptom-to-advice explorer (notebook 08): its panels and its urgency banner."""

from __future__ import annotations

from contextlib import contextmanager
from typing import Any, Iterator, Optional

from . import lab, voila
from .controls import exact
from .scripts import script
from .servers import Server

NOTEBOOK = "08_symptom_advice_matrix.ipynb"
CHECKER_TITLE = "The symptom checker"
MATRIX_TITLE = "The symptom-to-advice matrix"
BODY_MAP_TITLE = "The body map"


@contextmanager
def opened(page: Any, server: Server, kind: str) -> Iterator[None]:
    """Notebook 08 ready to use: run with Run All in JupyterLab ("lab"), or shown by Voila ("voila").

    In JupyterLab the notebook's kernel is shut down afterwards; Voila frees its own.
    """
    try:
        if kind == "lab":
            lab.open_notebook(page, server, NOTEBOOK)
            assert lab.run_all_and_wait(page)["ok"] is True, "Run All failed in the explorer notebook"
        else:
            voila.open_notebook(page, server, NOTEBOOK)
        yield
    finally:
        if kind == "lab":
            lab.shutdown_kernel(page)


def part(root: Any, title: str) -> Any:
    """One panel of the explorer, found by its visible heading."""
    return root.locator(".legpain-explorer").filter(has=root.page.locator("h4", has_text=exact(title))).first


def banner_level(panel: Any) -> Optional[str]:
    """The level of the banner in a panel ('self-care' ... 'emergency'), or None when there is none."""
    return panel.evaluate(script("banner_level"))
