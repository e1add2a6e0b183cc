"""The course's live figures send a small module that starts at once; plotly's code travels apart.

Why: anywidget drops every message from Python to a widget whose module has not started within
2 seconds, and plotly's own module is about 5 MB (see legpain/figures/figure_widget.py). The
browser side is tested in tests/browser/test_live_figures.py.
"""

from __future__ import annotations

import re

import plotly.graph_objects as go

from legpain.figures.figure_widget import LOADER_JS, CourseFigureWidget, quick_figure_widget

SMALL_MODULE = 20_000  # characters: a module that starts at once


def _figure() -> CourseFigureWidget:
    return quick_figure_widget([{"type": "bar", "x": ["a"], "y": [1]}], {"height": 300})


def test_a_live_figure_sends_the_small_module_not_plotlys() -> None:
    fig = _figure()
    assert isinstance(fig, CourseFigureWidget)
    assert fig._esm == LOADER_JS.read_text(encoding="utf-8")
    assert len(fig._esm) < SMALL_MODULE
    plotly_code = str(go.FigureWidget._esm)
    assert len(plotly_code) > 50 * SMALL_MODULE, "plotly's module is no longer large: the small module may not be needed"
    assert fig._plotly_bundle == plotly_code


def test_every_figure_names_plotlys_code_alike_so_the_page_compiles_it_once() -> None:
    first, second = _figure(), _figure()
    assert first._plotly_bundle_key and first._plotly_bundle_key == second._plotly_bundle_key
    assert "_plotly_bundle" in first.keys and "_plotly_bundle_key" in first.keys  # both are sent to the page


def test_the_small_module_keeps_every_change_plotlys_model_listens_to() -> None:
    """A change that arrives before plotly's code is ready is kept and replayed, but only for the
    events that the small module lists: every event plotly's module listens to must be there."""
    plotly_code = str(go.FigureWidget._esm)
    listened = set(re.findall(r"""["'`]change:(_(?:py2js|widget)_\w+)["'`]""", plotly_code))
    assert "_py2js_update" in listened and "_widget_data" in listened, "plotly's module listens differently now"
    loader = LOADER_JS.read_text(encoding="utf-8")
    listed = set(re.findall(r'^\s*"(_\w+)",$', loader[loader.index("PLOTLY_MODEL_EVENTS"):], flags=re.M))
    assert listened - listed == set()
