"""The explorer's live figures (notebook 08) follow their controls, in Voila and in JupyterLab.

The three figures in 08 are plotly FigureWidgets. anywidget drops every message from Python to a
widget whose code has not started within its deadline (2 seconds), and plotly's own figure code
is about 5 MB. When each figure brought and started its own copy, the page stayed busy past the
deadline of the figures still waiting: the body map was drawn and then ignored its menu, on about
one Voila load in five. Here the page is kept busy for longer than the deadline the first time it
starts a large module, as a slow laptop would be, so that the old fault shows on every run; each
figure is then driven by its control and must change.
"""

from __future__ import annotations

import json
from typing import Any, Callable

import nbformat
import pytest

from browser_support import controls, explorer as ex, lab, live_figures
from browser_support.pages import notebook_root
from browser_support.settings import DATA, NOTEBOOKS
from legpain import load_course
from legpain.levels import Level

COURSE = load_course(DATA)
STALL_MS = 2500  # longer than anywidget's 2 seconds

pytestmark = pytest.mark.skipif(not (NOTEBOOKS / ex.NOTEBOOK).is_file(), reason=f"{ex.NOTEBOOK} has not been written yet")


@pytest.mark.parametrize("kind", ["voila", "lab"])
def test_each_live_figure_follows_its_control_on_a_slow_laptop(
    kind: str, request: pytest.FixtureRequest, new_page: Callable[..., Any]
) -> None:
    server = request.getfixturevalue(f"{kind}_server")
    with new_page() as page:
        live_figures.slow_laptop(page, STALL_MS)
        with ex.opened(page, server, kind):
            root = notebook_root(page, kind)
            checker, matrix, body_map = (ex.part(root, t) for t in (ex.CHECKER_TITLE, ex.MATRIX_TITLE, ex.BODY_MAP_TITLE))
            checker.locator(".js-plotly-plot").first.wait_for(state="visible", timeout=60_000)
            region = next(iter(COURSE.regions.values()))
            symptom = next(s for s in COURSE.symptoms.values() if s.level == Level.ROUTINE)
            followed = {
                "the checker's chart": live_figures.follows(checker, lambda: controls.perform(checker, "check", symptom.label)),
                "the matrix": live_figures.follows(matrix, lambda: controls.perform(matrix, "select", "Urgency level", Level.EMERGENCY.label)),
                "the body map": live_figures.follows(body_map, lambda: controls.perform(body_map, "select", "Body map region", region.label)),
            }
            assert [name for name, ok in followed.items() if not ok] == [], f"figures that ignored their control ({kind})"
            # plotly's figure code is compiled once for the page, not once for each figure.
            assert live_figures.large_modules(page) == 1


# A figure changed in the same cell that shows it: the change reaches the page while plotly's
# figure code is still loading, and must not be lost.
CHANGED_AT_ONCE = """\
from IPython.display import display
from legpain.figures.figure_widget import quick_figure_widget

fig = quick_figure_widget([{"type": "bar", "x": ["a", "b"], "y": [1, 1]}], {"height": 300})
display(fig)
fig.data[0].y = [2, 3]
"""


def test_a_change_made_while_the_figure_code_loads_is_kept(lab_server: Any, new_page: Callable[..., Any]) -> None:
    name = "_figure_changed_at_once.ipynb"
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(CHANGED_AT_ONCE)])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(notebook, lab_server.root / name)
    with new_page() as page:
        try:
            lab.open_notebook(page, lab_server, name)
            assert lab.run_all_and_wait(page)["ok"] is True
            graph = notebook_root(page, "lab").locator(".js-plotly-plot").first
            graph.locator(".barlayer .point").first.wait_for(state="attached", timeout=60_000)
            assert json.loads(graph.evaluate("gd => JSON.stringify(gd.data[0].y)")) == [2, 3]
        finally:
            lab.shutdown_kernel(page)
            (lab_server.root / name).unlink(missing_ok=True)
