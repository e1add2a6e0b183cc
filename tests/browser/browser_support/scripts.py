"""The JavaScript that runs in the page, one function per file in ``js/``."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

FOLDER = Path(__file__).resolve().parent / "js"


@lru_cache(maxsize=None)
def script(name: str) -> str:
    """The function in ``js/<name>.js``, as text for Playwright's evaluate and wait_for_function."""
    return (FOLDER / f"{name}.js").read_text(encoding="utf-8")
