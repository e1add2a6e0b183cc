"""What the course's saved notebook files hold (read with nbformat, never run)."""

from __future__ import annotations

from typing import Any

from .settings import NOTEBOOKS

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
PLOTLY_MIME = "application/vnd.plotly.v1+json"


def notebook_names() -> list[str]:
    """Every course notebook present now (they are discovered at run time)."""
    return sorted(p.name for p in NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))


def _read(name: str) -> Any:
    import nbformat

    return nbformat.read(NOTEBOOKS / name, as_version=4)


def code_sources(name: str) -> list[str]:
    return [cell.source for cell in _read(name).cells if cell.cell_type == "code"]


def saved_outputs(name: str) -> list[dict[str, Any]]:
    return [out for cell in _read(name).cells if cell.cell_type == "code" for out in cell.get("outputs", [])]


def count_mime(outputs: list[dict[str, Any]], mime: str) -> int:
    """How many of these outputs (saved, or read from JupyterLab) carry this MIME type."""
    return sum(mime in (out.get("data") or {}) for out in outputs)
