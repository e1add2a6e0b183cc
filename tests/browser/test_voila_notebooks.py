"""Every course notebook in Voila (code hidden, what a class sees on the projector): it renders,
its widgets and figures are drawn, every control has a visible label, and axe-core finds no
serious or critical accessibility violation.

axe runs over the whole Voila page: Voila adds no interface of its own around the notebook
(no menus or toolbars), so every node axe checks is course content. All rules run at their
defaults, colour contrast included (WCAG AA).
"""

from __future__ import annotations

from typing import Any, Iterator

import pytest

import browser_support as bs
import notebook_checks as nc

NOTEBOOKS = bs.notebook_names()
FAIL_IMPACTS = {"serious", "critical"}


class VoilaNotebook:
    def __init__(self, name: str, page: Any):
        self.name, self.page = name, page
        self.root = bs.notebook_root(page, "voila")


@pytest.fixture(scope="module", params=NOTEBOOKS)
def voila_notebook(request: Any, browser: Any, voila_server: bs.Server) -> Iterator[VoilaNotebook]:
    name = request.param
    page = bs.open_in_voila(browser, voila_server, name)
    label = f"voila-{nc.stem(name)}"
    bs.register_page(label, page)
    try:
        yield VoilaNotebook(name, page)
    finally:
        bs.unregister_page(label)
        page.close()


def format_violations(name: str, violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{name}: {v['id']} ({v['impact']}): {v['help']}")
        for node in v["nodes"][:10]:
            lines.append(f"    {node['target']}\n        {node['html']}")
    return "\n".join(lines)


def test_renders_without_errors(voila_notebook: VoilaNotebook) -> None:
    assert bs.visible_error_texts(voila_notebook.root) == []
    expected = sum(nc.PLOTLY_MIME in (out.get("data") or {}) for out in _saved_outputs(voila_notebook.name))
    try:
        voila_notebook.page.wait_for_function(
            """n => document.querySelectorAll('.js-plotly-plot svg.main-svg').length >= 1 || n === 0""", arg=expected, timeout=30_000
        )
    except Exception:
        pass
    graphs = bs.plotly_status(voila_notebook.root)
    assert len(graphs) >= expected, f"{expected} plotly outputs but {len(graphs)} plotly graphs drawn"
    assert [g for g in graphs if not g["svg"] or (g["traces"] == 0 and g["values"] > 0)] == []


def test_every_control_has_a_visible_label(voila_notebook: VoilaNotebook) -> None:
    assert bs.unlabelled_controls(voila_notebook.root) == []


def test_outputs_have_no_serious_accessibility_violations(voila_notebook: VoilaNotebook, axe_path: str) -> None:
    """The course's own HTML: widgets, banners, tables, figures (every code cell's output)."""
    violations = bs.run_axe(voila_notebook.page, ".jp-OutputArea")
    bad = [v for v in violations if v["impact"] in FAIL_IMPACTS]
    assert not bad, "axe-core found serious or critical violations in the outputs:\n" + format_violations(voila_notebook.name, bad)


def test_page_has_no_serious_accessibility_violations(voila_notebook: VoilaNotebook, axe_path: str) -> None:
    """The whole page a class sees: the prose (as the theme draws it) as well as the outputs."""
    violations = bs.run_axe(voila_notebook.page)
    bad = [v for v in violations if v["impact"] in FAIL_IMPACTS]
    assert not bad, "axe-core found serious or critical violations on the page:\n" + format_violations(voila_notebook.name, bad)


def _saved_outputs(name: str) -> list[dict[str, Any]]:
    import nbformat

    nb = nbformat.read(bs.NOTEBOOKS / name, as_version=4)
    return [out for cell in nb.cells if cell.cell_type == "code" for out in cell.outputs]
