"""What JupyterLab and Voila pages have in common: where the notebook is, and waiting until it is drawn."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from .scripts import script

# The notebook JupyterLab shows (other notebooks may be open, hidden, in the same page).
LAB_ROOT = ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook"
VOILA_ROOT = "body"


def root_selector(kind: str) -> str:
    return LAB_ROOT if kind == "lab" else VOILA_ROOT


def notebook_root(page: Any, kind: str) -> Any:
    """The part of the page that shows the notebook: JupyterLab's notebook panel, or Voila's body."""
    return page.locator(root_selector(kind)).first


def wait_drawn(page: Any, root: str, widgets: int, plots: int, timeout_ms: int = 60_000) -> None:
    """Wait until every widget view (and the figures) of the notebook is drawn, then a moment more."""
    page.wait_for_function(script("widgets_drawn"), arg=[root, widgets, plots], timeout=timeout_ms, polling=200)
    page.wait_for_timeout(500)


def wait_for_figures(page: Any, root: str, expected: int, timeout_ms: int = 30_000) -> None:
    """Give plotly time to draw every figure; the tests then say what is missing, if anything."""
    try:
        page.wait_for_function(script("figures_drawn"), arg=[root, expected], timeout=timeout_ms)
    except Exception:
        pass


def save_page(page: Any, folder: Path, name: str) -> list[Path]:
    """A full-page screenshot and the HTML of a page, for a failed test."""
    folder.mkdir(parents=True, exist_ok=True)
    safe = re.sub(r"[^A-Za-z0-9_.-]+", "_", name)[:150]
    saved = []
    try:
        shot = folder / f"{safe}.png"
        page.screenshot(path=str(shot), full_page=True, timeout=30_000)
        saved.append(shot)
    except Exception:  # a crashed page still gives its HTML below, if it can
        pass
    try:
        html = folder / f"{safe}.html"
        html.write_text(page.content(), encoding="utf-8")
        saved.append(html)
    except Exception:
        pass
    return saved
