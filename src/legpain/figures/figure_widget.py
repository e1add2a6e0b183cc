"""The course's live figures: plotly's FigureWidget, with a frontend that starts at once.

plotly's FigureWidget is an anywidget whose browser code (``widgetbundle.js``, about 5 MB with
plotly.js inside) is sent as the widget's own module. The page then compiles that module once
for every figure, and anywidget gives up on a widget whose module has not finished starting
within 2 seconds: after that it drops every message from Python to that figure. On a busy page
(notebook 08 has three live figures), the last figure was drawn but ignored its controls in
about one Voila load in five.

:class:`CourseFigureWidget` sends a small module instead (``figure_widget.js``), which starts at
once and loads plotly's code in the background, once per page, keeping any change that arrives
meanwhile. plotly's code itself still travels with each figure (in ``_plotly_bundle``), so a
figure never needs the internet or a file from the server.
"""

from __future__ import annotations

import hashlib
import importlib.util
import re
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

import plotly.graph_objects as go
import traitlets

LOADER_JS = Path(__file__).with_name("figure_widget.js")


class _NbformatOnFirstUse:
    """Stands in for the nbformat module until plotly first uses it (only in ``fig.show()``)."""

    def __getattr__(self, name: str) -> Any:
        import nbformat

        return getattr(nbformat, name)

    def __bool__(self) -> bool:
        return importlib.util.find_spec("nbformat") is not None


def _import_figure_widget() -> type:
    """plotly's FigureWidget, imported about 2 seconds sooner.

    Importing FigureWidget imports plotly.io, which imports nbformat at once,
    and so jsonschema and its format checkers (one of them, ``rfc3987_syntax``,
    compiles about 40 grammars). plotly needs nbformat only inside ``fig.show()``,
    which the course never calls. So plotly.io is imported with nbformat hidden,
    and then given a stand-in that imports nbformat the first time it is used:
    ``fig.show()`` still works, and nothing else changes.
    """
    if "nbformat" in sys.modules or "plotly.io._renderers" in sys.modules:
        return go.FigureWidget
    sys.modules["nbformat"] = None  # type: ignore[assignment]  # 'import nbformat' raises ImportError for now
    try:
        import plotly.io._renderers as renderers

        widget = go.FigureWidget
    except Exception:  # a plotly version that imports differently: fall back to the plain import
        widget = None
    finally:
        del sys.modules["nbformat"]
    try:
        from _plotly_utils import optional_imports

        optional_imports._not_importable.discard("nbformat")
        renderers.nbformat = _NbformatOnFirstUse()
    except Exception:  # private plotly names changed: reload the renderers with nbformat visible
        import importlib

        if "plotly.io._renderers" in sys.modules:
            importlib.reload(sys.modules["plotly.io._renderers"])
    return widget if widget is not None else go.FigureWidget


FigureWidget = _import_figure_widget()


@lru_cache(maxsize=1)
def plotly_widget_code() -> tuple[str, str]:
    """plotly's own widget module (its text) and a short key that names this version of it."""
    code = str(FigureWidget._esm)
    if not re.search(r"export\s*(default\b|\{[^}]*\bas\s+default\b)", code):
        raise RuntimeError("plotly's FigureWidget no longer carries its browser code in _esm: see figures/figure_widget.py")
    return code, hashlib.sha256(code.encode("utf-8")).hexdigest()[:16]


class CourseFigureWidget(FigureWidget):  # type: ignore[misc, valid-type]
    """plotly's FigureWidget, started in the browser by a small module (see the module's docstring)."""

    _esm = LOADER_JS.read_text(encoding="utf-8")
    _plotly_bundle = traitlets.Unicode("").tag(sync=True)
    _plotly_bundle_key = traitlets.Unicode("").tag(sync=True)

    @traitlets.default("_plotly_bundle")
    def _default_bundle(self) -> str:
        return plotly_widget_code()[0]

    @traitlets.default("_plotly_bundle_key")
    def _default_bundle_key(self) -> str:
        return plotly_widget_code()[1]


def quick_figure_widget(data: list[dict[str, Any]], layout: dict[str, Any]) -> go.FigureWidget:
    """A CourseFigureWidget built from plain dicts without plotly's validators (about a tenth of a
    second sooner per figure when a notebook runs), then switched back to normal, so that
    later changes are checked and sent to the browser as usual."""
    fig = CourseFigureWidget(data=data, layout=layout, _validate=False)
    # No plotly toolbar: the axes are fixed, and its icon-only links have no text for screen readers.
    fig._config = {"displayModeBar": False, "displaylogo": False, "responsive": True}
    fig._validate = True
    fig._layout_obj._validate = True
    for trace in fig.data:
        trace._validate = True
    return fig
