"""Every course notebook in JupyterLab, as a student uses it: run all, look, answer, drive each widget.

Notebooks are found at run time (notebooks/[0-9][0-9]_*.ipynb). Each notebook gets one
page; the tests for one notebook run together (the page fixture is module-scoped and
parametrised, so pytest groups them) and the page and its kernel close afterwards.
"""

from __future__ import annotations

from typing import Any, Iterator

import pytest

import browser_support as bs
import notebook_checks as nc

NOTEBOOKS = bs.notebook_names()


class LabNotebook:
    def __init__(self, name: str, page: Any, run: dict[str, Any]):
        self.name, self.page, self.run = name, page, run
        self.root = bs.notebook_root(page, "lab")


@pytest.fixture(scope="module", params=NOTEBOOKS)
def lab_notebook(request: Any, browser: Any, lab_server: bs.Server) -> Iterator[LabNotebook]:
    name = request.param
    page = bs.open_in_lab(browser, lab_server, name)
    label = f"lab-{nc.stem(name)}"
    bs.register_page(label, page)
    try:
        run = bs.run_all_and_wait(page)
        yield LabNotebook(name, page, run)
    finally:
        bs.unregister_page(label)
        bs.shutdown_lab_page(page)


def test_runs_without_errors(lab_notebook: LabNotebook) -> None:
    run = lab_notebook.run
    assert run["ok"] is True, f"Run All did not finish cleanly in JupyterLab (result {run['ok']!r})"
    assert nc.error_outputs(run["cells"]) == []
    assert bs.visible_error_texts(lab_notebook.root) == []


def test_every_figure_renders(lab_notebook: LabNotebook) -> None:
    expected = nc.plotly_outputs(lab_notebook.run["cells"])
    root = lab_notebook.root
    # Figures draw asynchronously after the output arrives; give them time, then look.
    try:
        root.page.wait_for_function(
            """n => document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .js-plotly-plot svg.main-svg').length > 0 || n === 0""",
            arg=expected,
            timeout=30_000,
        )
        root.page.wait_for_function(
            """() => Array.from(document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .js-plotly-plot')).every(g => g.querySelector('svg.main-svg'))""",
            timeout=30_000,
        )
    except Exception:
        pass  # the assertions below say what is missing
    graphs = bs.plotly_status(root)
    assert len(graphs) >= expected, f"{expected} plotly outputs but only {len(graphs)} plotly graphs in the page"
    not_drawn = [g for g in graphs if not g["svg"] or (g["traces"] == 0 and g["values"] > 0)]
    assert not_drawn == [], f"plotly graphs without an SVG or without traces: {not_drawn}"


def test_figure_colours_are_colour_blind_safe(lab_notebook: LabNotebook) -> None:
    colours = bs.plotly_colours(lab_notebook.root)
    if not colours:
        pytest.skip("no plotly figure in this notebook")
    assert nc.colour_problems(colours) == [], "colours outside Okabe-Ito and the course's weight scale"


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
            bs.do_step(lab_notebook.root, step)
        except (AssertionError, LookupError) as exc:
            pytest.fail(f"interactions/{nc.stem(name)}.yaml step {i + 1} ({step.get('widget', '')}): {exc}", pytrace=False)
