"""Every course notebook in Voila (code hidden, what a class sees on the projector): it renders,
its widgets and figures are drawn, every control has a visible label, and axe-core finds no
serious or critical accessibility violation.

axe runs over the whole Voila page: Voila adds no interface of its own around the notebook
(no menus or toolbars), so every node axe checks is course content. All rules run at their
defaults, colour contrast included (WCAG AA).

And what a class is shown by the real `make voila` (the lessons `make voila-lessons` builds, served by
the command `make voila-command` prints): no instructor notes and no solutions anywhere in a page, not
even folded away or in the page's data; no "Run All", Run menu or Shift + Enter, which Voila does not
have, but the line saying that the page runs by itself; and links between lessons that open the
lesson they name in Voila.
"""

from __future__ import annotations

import json
import re
import sys
import tempfile
from pathlib import Path
from typing import Any, Callable, Iterator
from urllib.parse import urlsplit

import pytest

from browser_support import classroom, page_checks, servers, voila
from browser_support.notebooks import PLOTLY_MIME, WIDGET_MIME, count_mime, notebook_names, saved_outputs
from browser_support.pages import VOILA_ROOT, notebook_root, wait_drawn, wait_for_figures
from browser_support.servers import Server
from browser_support.settings import NOTEBOOKS, ROOT, RUN_ALL_TIMEOUT

sys.path.insert(0, str(ROOT))  # tools/ lives beside the package, not in it
from tools.notebook_versions import LAB_ONLY, VOILA_NOTE, cell_tags, hidden_kind  # noqa: E402


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


# ---------------------------------------------------------------- what a class sees with `make voila`

# What only JupyterLab has. The widgets' stored pictures say "Run the notebook (menu Run → Run All
# Cells)"; in Voila each widget is live, so a student must never read that either.
LAB_WORDS = ("Run All", "Run →", "menu Run", "Shift + Enter", "Restart Kernel")
FOLDED = re.compile(r"<summary>\s*(instructor notes|solution)", re.I)
MARKUP = re.compile(r"<[^>]+>|\*+|`|\]\([^)]*\)|[\[\]|]|\n")  # what markdown turns into HTML, and line ends


def _source(cell: dict[str, Any]) -> str:
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def _lesson(name: str) -> dict[str, Any]:
    return json.loads((NOTEBOOKS / name).read_text(encoding="utf-8"))


def hidden_fragments(name: str) -> list[str]:
    """Runs of plain words (30 characters or more) from the lesson's instructor and solution cells
    that no other cell of the lesson holds: any of them in a page means a note or an answer leaked."""
    cells = _lesson(name)["cells"]
    public = " ".join(_source(c) for c in cells if hidden_kind(c) is None)
    fragments = []
    for cell in (c for c in cells if hidden_kind(c)):
        for piece in MARKUP.split(_source(cell)):
            piece = re.sub(r"^[-\d.]+\s+", "", " ".join(piece.split()))  # without a list item's "- " or "1. "
            if len(piece) >= 30 and piece not in public:
                fragments.append(piece)
    return fragments


@pytest.fixture(scope="module")
def class_voila(chromium_path: str) -> Iterator[Server]:
    """Voila as `make voila` starts it; closed pages' kernels are stopped after 2 minutes (a class: 5).

    Not sooner: a page's kernel has no connection between the end of its run and the moment the page
    connects to it, and on a busy machine a short limit could stop it in that gap. test_classroom.py
    tests the stopping itself.
    """
    work = Path(tempfile.mkdtemp(prefix="legpain-voila-class-"))
    try:
        with classroom.start_class_voila(work, cull_idle=120, cull_interval=30) as server:
            yield server
    finally:
        servers.remove_workdir(work)


@pytest.mark.parametrize("name", notebook_names())
def test_make_voila_shows_the_learner_version_without_jupyterlab_instructions(
    name: str, new_page: Callable[..., Any], class_voila: Server
) -> None:
    fragments = hidden_fragments(name)
    assert fragments, f"{name}: no instructor notes to look for, so this test would prove nothing"
    with new_page() as page:
        try:
            voila.open_notebook(page, class_voila, name)
        except Exception as exc:  # a page that is never drawn: show what Voila logged
            raise AssertionError(f"{name}: the page was not drawn ({exc}). Voila's log ends:\n{class_voila.log_tail()}") from exc
        html = page.content()
        everything = page.locator("body").text_content() or ""  # shown, folded away, or in the page's data
        shown = page.locator("body").inner_text()  # what a student reads
        links = page.eval_on_selector_all("a[href$='.ipynb']", "links => links.map(a => a.href)")
        assert page_checks.visible_error_texts(notebook_root(page, "voila")) == []

    assert not FOLDED.search(html), f"{name}: a folded instructor-notes or solution block is in the page"
    leaked = [f for f in fragments if f in everything]
    assert not leaked, f"{name}: instructor notes or solutions in the page: {leaked[:3]}"
    # Not even hidden: Voila replaces each widget's stored picture by the live widget, and removes the data.
    said = [words for words in LAB_WORDS if words.lower() in everything.lower()]
    assert not said, f"{name}: the page tells students to use {said}, which Voila does not have"
    if any(LAB_ONLY in cell_tags(c) for c in _lesson(name)["cells"]):
        assert VOILA_NOTE.strip("*") in shown, f"{name}: the page does not say that it runs by itself"

    # Each link to a lesson opens it in Voila (a relative link, beside this one in build/voila/).
    served = {p.name for p in classroom.LESSONS.glob("[0-9][0-9]_*.ipynb")}
    for href in links:
        folder, _, target = urlsplit(href).path.rpartition("/")
        assert folder == "/voila/render" and target in served, href
    if name == "00_start_here.ipynb":  # the course map names every lesson
        assert {urlsplit(h).path.rpartition("/")[2] for h in links} >= served - {name}


def test_the_course_map_on_the_start_page_opens_a_lesson_in_voila(new_page: Callable[..., Any], class_voila: Server) -> None:
    """The start page's table of lessons (an output, so its links open a new tab) opens the lesson in Voila."""
    target = "01_pelvic_girdle_pain.ipynb"
    title = _source(_lesson(target)["cells"][0]).splitlines()[0].lstrip("# ").strip()
    with new_page() as page:
        voila.open_notebook(page, class_voila, "00_start_here.ipynb")
        with page.context.expect_page(timeout=60_000) as opened:
            page.locator(f".legpain-course-map a[href='{target}']").click()
        lesson = opened.value
        lesson.wait_for_load_state("load", timeout=RUN_ALL_TIMEOUT)
        assert urlsplit(lesson.url).path == f"/voila/render/{target}"
        outputs = saved_outputs(target)
        wait_drawn(lesson, VOILA_ROOT, count_mime(outputs, WIDGET_MIME), count_mime(outputs, PLOTLY_MIME))
        assert lesson.locator("h1").first.inner_text().strip().startswith(title)
        assert page_checks.visible_error_texts(notebook_root(lesson, "voila")) == []
