"""Every lesson notebook follows notebooks/_template.ipynb and was saved from one clean run."""

from __future__ import annotations

import json
import re


from legpain.content import lesson_source_ids
from legpain.content.lessons.quiz import MAX_QUESTIONS, MIN_QUESTIONS, load_quiz

from conftest import ROOT

NOTEBOOKS = ROOT / "notebooks"
# The start page and the matrix explorer are not cause lessons; they have their own tests.
NOT_LESSONS = {"00_start_here", "08_symptom_advice_matrix"}
REQUIRED_HEADINGS = ["## Overview", "### Questions", "### Objectives", "## Self-check", "## Key points", "## References", "## What's next"]
MAX_BYTES = 500_000
PLOTLY = "application/vnd.plotly.v1+json"
WIDGET = "application/vnd.jupyter.widget-view+json"
CITATION = re.compile(r"\[((?:S\d+|article)(?:\s*[,;]\s*(?:S\d+|article))*)\]")


def _text(value) -> str:
    return "".join(value) if isinstance(value, list) else str(value or "")


def _lesson_ids(course) -> list[str]:
    return [lesson_id for lesson_id in course.lessons if lesson_id not in NOT_LESSONS]


def _load(lesson_id: str) -> dict:
    return json.loads((NOTEBOOKS / f"{lesson_id}.ipynb").read_text(encoding="utf-8"))


def _lessons_present(course) -> list[str]:
    return [i for i in _lesson_ids(course) if (NOTEBOOKS / f"{i}.ipynb").exists()]


def pytest_generate_tests(metafunc):
    if "lesson_id" in metafunc.fixturenames:
        from legpain import load_course

        metafunc.parametrize("lesson_id", _lessons_present(load_course(ROOT / "data")))


def test_template_has_the_required_headings():
    nb = json.loads((NOTEBOOKS / "_template.ipynb").read_text(encoding="utf-8"))
    markdown = "\n".join(_text(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    for heading in REQUIRED_HEADINGS:
        assert re.search(rf"^{re.escape(heading)}\s*$", markdown, re.M), heading


def test_every_listed_notebook_exists(course):
    for lesson in course.lessons.values():
        assert (NOTEBOOKS / lesson.notebook).exists(), lesson.notebook


def test_every_cause_has_a_lesson_notebook(course):
    for cause in course.causes.values():
        assert (NOTEBOOKS / course.lessons[cause.lesson].notebook).exists(), cause.id


def test_headings_in_template_order(lesson_id):
    nb = _load(lesson_id)
    cells = nb["cells"]
    assert cells[0]["cell_type"] == "markdown" and _text(cells[0]["source"]).startswith("# ")
    markdown = "\n".join(_text(c["source"]) for c in cells if c["cell_type"] == "markdown")
    positions = []
    for heading in REQUIRED_HEADINGS:
        match = re.search(rf"^{re.escape(heading)}\s*$", markdown, re.M)
        assert match, f"{lesson_id}: missing '{heading}'"
        positions.append(match.start())
    assert positions == sorted(positions), f"{lesson_id}: headings out of order"
    assert "**Time to learn:**" in markdown and "**Prerequisites:**" in markdown
    assert len(re.findall(r"^## ", markdown, re.M)) >= len([h for h in REQUIRED_HEADINGS if h.startswith("## ")]) + 2, (
        f"{lesson_id}: needs at least two teaching sections between the overview and the self-check"
    )


def test_code_cells_are_short(lesson_id):
    for cell in _load(lesson_id)["cells"]:
        if cell["cell_type"] == "code":
            lines = [line for line in _text(cell["source"]).splitlines() if line.strip()]
            assert 1 <= len(lines) <= 2, f"{lesson_id}: a code cell has {len(lines)} lines: {lines}"


def test_saved_from_one_clean_run(lesson_id):
    path = NOTEBOOKS / f"{lesson_id}.ipynb"
    raw = path.read_text(encoding="utf-8")
    assert len(raw.encode("utf-8")) < MAX_BYTES
    assert not re.search(r"<script[^>]+src=[\"']https?://", raw, re.I), "an output loads a script from the internet"
    nb = json.loads(raw)
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert [c["execution_count"] for c in code] == list(range(1, len(code) + 1))
    for cell in code:
        assert cell["outputs"], f"{lesson_id}: a code cell has no output: {_text(cell['source'])}"
        for out in cell["outputs"]:
            assert out["output_type"] != "error", f"{lesson_id}: stored error {out.get('ename')}"
            assert out.get("name") != "stderr", f"{lesson_id}: stored stderr {_text(out.get('text'))[:200]}"


def test_has_a_figure_with_a_text_summary(lesson_id):
    found = False
    for cell in _load(lesson_id)["cells"]:
        if cell["cell_type"] != "code":
            continue
        data = [out.get("data", {}) for out in cell["outputs"]]
        if any(PLOTLY in d for d in data):
            assert "legpain.figures" in _text(cell["source"]) or any(
                "legpain.figures" in _text(c["source"]) for c in _load(lesson_id)["cells"] if c["cell_type"] == "code"
            )
            assert any("legpain-figure-summary" in _text(d.get("text/html")) for d in data), f"{lesson_id}: a figure has no summary"
            found = True
    assert found, f"{lesson_id}: no plotly figure"


def test_has_a_widget_from_legpain_widgets(lesson_id):
    cells = [c for c in _load(lesson_id)["cells"] if c["cell_type"] == "code"]
    imports = " ".join(_text(c["source"]) for c in cells)
    assert "legpain.widgets" in imports, f"{lesson_id}: no widget from legpain.widgets"
    widget_cells = [c for c in cells if any(WIDGET in out.get("data", {}) for out in c["outputs"])]
    assert len(widget_cells) >= 2, f"{lesson_id}: needs a widget besides the self-check"


def test_self_check_has_the_allowed_number_of_questions(lesson_id):
    cells = [c for c in _load(lesson_id)["cells"] if c["cell_type"] == "code"]
    assert any(f'show_quiz("{lesson_id}")' in _text(c["source"]) for c in cells)
    assert MIN_QUESTIONS <= len(load_quiz(lesson_id)) <= MAX_QUESTIONS


def test_references_cover_every_citation(lesson_id):
    nb = _load(lesson_id)
    cells = [c for c in nb["cells"] if c["cell_type"] == "code"]
    ref_cells = [c for c in cells if f'show_lesson_references("{lesson_id}")' in _text(c["source"])]
    assert ref_cells, f"{lesson_id}: no references cell"
    html = " ".join(_text(out.get("data", {}).get("text/html")) for out in ref_cells[0]["outputs"])
    assert "legpain-references" in html
    listed = set(lesson_source_ids(lesson_id))
    markdown = "\n".join(_text(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    cited = {key.strip() for group in CITATION.findall(markdown) for key in re.split(r"[,;]", group)}
    assert cited, f"{lesson_id}: the prose cites no source"
    assert cited <= listed, f"{lesson_id}: cited but not in the references: {sorted(cited - listed)}"
    for source_id in listed:
        assert f'id="ref-{source_id}"' in html, f"{lesson_id}: stored references are out of date ({source_id})"
