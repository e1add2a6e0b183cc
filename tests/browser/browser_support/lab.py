"""Driving a notebook in JupyterLab: open it, run all its cells, stop its kernel."""

from __future__ import annotations

import secrets
from typing import Any

from .notebooks import PLOTLY_MIME, WIDGET_MIME, count_mime
from .pages import LAB_ROOT, wait_drawn
from .scripts import script
from .servers import Server
from .settings import RUN_ALL_TIMEOUT


def open_notebook(page: Any, server: Server, name: str) -> None:
    """Open the notebook in its own workspace and wait until its kernel is idle."""
    workspace = "t" + secrets.token_hex(4)
    page.goto(server.url(f"/lab/workspaces/{workspace}/tree/{name}"), wait_until="domcontentloaded", timeout=120_000)
    page.wait_for_function(script("lab_notebook_ready"), arg=name, timeout=120_000, polling=200)


def run_all(page: Any) -> dict[str, Any]:
    """Clear the saved outputs, run every cell, and return what each code cell produced."""
    return page.evaluate(script("lab_run_all"), RUN_ALL_TIMEOUT)


def run_all_and_wait(page: Any) -> dict[str, Any]:
    """Run all cells, then wait until the widgets and figures they output are drawn."""
    run = run_all(page)
    outputs = [out for cell in run["cells"] for out in cell["outputs"]]
    try:
        wait_drawn(page, LAB_ROOT, count_mime(outputs, WIDGET_MIME), count_mime(outputs, PLOTLY_MIME))
    except Exception:
        pass  # the tests then say which widget or figure is missing
    return run


def shutdown_kernel(page: Any) -> None:
    """Stop the notebook's kernel (the server keeps running)."""
    try:
        page.evaluate(script("lab_shutdown_kernel"))
    except Exception:
        pass
