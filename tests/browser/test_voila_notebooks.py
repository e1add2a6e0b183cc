"""Every course notebook in Voila (code hidden, what a class sees on the projector): it renders,
its widgets and figures are drawn, every control has a visible label, and axe-core finds no
serious or critical accessibility violation.

axe runs over the whole Voila page: Voila adds no interface of its own around the notebook
(no menus or toolbars), so every node axe checks is course content. All rules run at their
defaults, colour contrast included (WCAG AA).
"""

from __future__ import annotations

from typing import Any, Callable, Iterator

import pytest

from browser_support import page_checks, voila
from browser_support.notebooks import PLOTLY_MIME, count_mime, notebook_names, saved_outputs
from browser_support.pages import VOILA_ROOT, notebook_root, wait_for_figures
from browser_support.servers import Server


class VoilaNotebook:
    def __init__(self, name: str, page: Any):
        self.name, self.page = name, page
        self.root = notebook_root(page, "voila")


@pytest.fixture(scope="module", params=notebook_names())
def voila_notebook(request: Any, new_page: Callable[..., Any], voila_server: Server) -> Iterator[VoilaNotebook]:
    name = request.param
    with new_page() as page:
        voila.open_notebook(page, voila_server, name)
        yield VoilaNotebook(name, page)


def format_violations(name: str, violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{name}: {v['id']} ({v['impact']}): {v['help']}")
        for node in v["nodes"][:10]:
            lines.append(f"    {node['target']}\n        {node['html']}")
    return "\n".join(lines)


def test_renders_without_errors(voila_notebook: VoilaNotebook) -> None:
    assert page_checks.visible_error_texts(voila_notebook.root) == []
    expected = count_mime(saved_outputs(voila_notebook.name), PLOTLY_MIME)
    wait_for_figures(voila_notebook.page, VOILA_ROOT, expected)
    graphs = page_checks.plotly_status(voila_notebook.root)
    assert len(graphs) >= expected, f"{expected} plotly outputs but {len(graphs)} plotly graphs drawn"
    assert page_checks.undrawn_figures(voila_notebook.root) == []


def test_every_control_has_a_visible_label(voila_notebook: VoilaNotebook) -> None:
    assert page_checks.unlabelled_controls(voila_notebook.root) == []


def test_outputs_have_no_serious_accessibility_violations(voila_notebook: VoilaNotebook, axe_path: str) -> None:
    """The course's own HTML: widgets, banners, tables, figures (every code cell's output)."""
    bad = page_checks.serious_violations(page_checks.run_axe(voila_notebook.page, ".jp-OutputArea"))
    assert not bad, "axe-core found serious or critical violations in the outputs:\n" + format_violations(voila_notebook.name, bad)


def test_page_has_no_serious_accessibility_violations(voila_notebook: VoilaNotebook, axe_path: str) -> None:
    """The whole page a class sees: the prose (as the theme draws it) as well as the outputs."""
    bad = page_checks.serious_violations(page_checks.run_axe(voila_notebook.page))
    assert not bad, "axe-core found serious or critical violations on the page:\n" + format_violations(voila_notebook.name, bad)
