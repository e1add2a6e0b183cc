"""Every course notebook in JupyterLab, as a student uses it: run all, look, answer, drive each widget.

Notebooks are found at run time (notebooks/[0-9][0-9]_*.ipynb). Each notebook gets one
page; the tests for one notebook run together (the page fixture is module-scoped and
parametrised, so pytest groups them) and the page and its kernel close afterwards.
"""

from __future__ import annotations

from typing import Any, Callable, Iterator

import pytest

import notebook_checks as nc
from browser_support import controls, lab, page_checks
from browser_support.colours import colour_problems
from browser_support.notebooks import PLOTLY_MIME, count_mime, notebook_names
from browser_support.pages import LAB_ROOT, notebook_root, wait_for_figures
from browser_support.servers import Server


class LabNotebook:
    def __init__(self, name: str, page: Any, run: dict[str, Any]):
        self.name, self.page, self.run = name, page, run
        self.root = notebook_root(page, "lab")


@pytest.fixture(scope="module", params=notebook_names())
def lab_notebook(request: Any, new_page: Callable[..., Any], lab_server: Server) -> Iterator[LabNotebook]:
    name = request.param
    with new_page() as page:
        lab.open_notebook(page, lab_server, name)
        try:
            yield LabNotebook(name, page, lab.run_all_and_wait(page))
        finally:
            lab.shutdown_kernel(page)


def test_runs_without_errors(lab_notebook: LabNotebook) -> None:
    run = lab_notebook.run
    assert run["ok"] is True, f"Run All did not finish cleanly in JupyterLab (result {run['ok']!r})"
    assert nc.error_outputs(run["cells"]) == []
    assert page_checks.visible_error_texts(lab_notebook.root) == []


def test_every_figure_renders(lab_notebook: LabNotebook) -> None:
    expected = count_mime([out for cell in lab_notebook.run["cells"] for out in cell["outputs"]], PLOTLY_MIME)
    # Figures draw asynchronously after the output arrives; give them time, then look.
    wait_for_figures(lab_notebook.page, LAB_ROOT, expected)
    graphs = page_checks.plotly_status(lab_notebook.root)
    assert len(graphs) >= expected, f"{expected} plotly outputs but only {len(graphs)} plotly graphs in the page"
    not_drawn = page_checks.undrawn_figures(lab_notebook.root)
    assert not_drawn == [], f"plotly graphs without an SVG or without traces: {not_drawn}"


def test_figure_colours_are_colour_blind_safe(lab_notebook: LabNotebook) -> None:
    colours = page_checks.plotly_colours(lab_notebook.root)
    if not colours:
        pytest.skip("no plotly figure in this notebook")
    assert colour_problems(colours) == [], "colours outside Okabe-Ito and the course's weight scale"


def test_self_check(lab_notebook: LabNotebook) -> None:
    if not nc.has_quiz(lab_notebook.name):
        pytest.skip("this notebook has no self-check")
    assert nc.answer_quiz(lab_notebook.root, lab_notebook.name) == []


def test_widgets_respond(lab_notebook: LabNotebook) -> None:
    name = lab_notebook.name
    steps = nc.load_interactions(name)
    widget_cells = nc.widget_cells(lab_notebook.run["cells"])
    if steps is None:
        assert not widget_cells, (
            f"{name} shows widgets (code cells {widget_cells}) but tests/browser/interactions/{nc.stem(name)}.yaml "
            "is missing: write one step per widget (see the browser interaction specs in the course brief)"
        )
        return
    for i, step in enumerate(steps):
        try:
            controls.do_step(lab_notebook.root, step)
        except (AssertionError, LookupError) as exc:
            pytest.fail(f"interactions/{nc.stem(name)}.yaml step {i + 1} ({step.get('widget', '')}): {exc}", pytrace=False)
