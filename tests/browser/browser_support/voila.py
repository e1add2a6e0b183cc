"""Opening a notebook in Voila, as a class sees it on the projector."""

from __future__ import annotations

from typing import Any

from .notebooks import PLOTLY_MIME, WIDGET_MIME, count_mime, saved_outputs
from .pages import VOILA_ROOT, wait_drawn
from .servers import Server
from .settings import RUN_ALL_TIMEOUT


def open_notebook(page: Any, server: Server, name: str) -> None:
    """Render the notebook and wait until its widgets are drawn."""
    page.goto(server.url(f"/voila/render/{name}"), wait_until="load", timeout=RUN_ALL_TIMEOUT)
    # Voila streams the executed cells; the widget manager draws the widget views after that.
    outputs = saved_outputs(name)
    wait_drawn(page, VOILA_ROOT, count_mime(outputs, WIDGET_MIME), count_mime(outputs, PLOTLY_MIME))
