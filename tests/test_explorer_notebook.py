"""The matrix explorer notebook: its structure, its saved run, and its browser interaction spec."""

from __future__ import annotations

import json
import re

import pytest
import yaml

from legpain.explorer import ExplorerSession

from conftest import ROOT

NOTEBOOK = ROOT / "notebooks" / "08_symptom_advice_matrix.ipynb"
SPEC = ROOT / "tests" / "browser" / "interactions" / "08_symptom_advice_matrix.yaml"
WIDGET = "application/vnd.jupyter.widget-view+json"
HEADINGS = ["## What it is for", "## How to use it", "## Part 1: the matrix", "## Part 2: the symptom checker",
            "## Part 3: the body map", "## Self-check", "## Key points", "## References", "## What's next"]
PANELS = ("show_matrix_explorer()", "show_symptom_checker()", "show_body_map()")


def _text(value) -> str:
    return "".join(value) if isinstance(value, list) else str(value or "")


@pytest.fixture(scope="module")
def nb() -> dict:
    return json.loads(NOTEBOOK.read_text(encoding="utf-8"))


def test_title_purpose_and_learning_note(nb):
    first = _text(nb["cells"][0]["source"])
    assert first.startswith("# The symptom-to-advice matrix")
    assert "**Time to learn:**" in first and "**Prerequisites:**" in first
    assert "For learning, not diagnosis" in first


def test_sections_in_order(nb):
    markdown = "\n".join(_text(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    positions = []
    for heading in HEADINGS:
        match = re.search(rf"^{re.escape(heading)}\s*$", markdown, re.M)
        assert match, heading
        positions.append(match.start())
    assert positions == sorted(positions)
    assert "<details><summary>Instructor notes</summary>" in markdown


def test_code_cells_are_short_and_show_the_three_parts(nb):
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    for cell in code:
        lines = [line for line in _text(cell["source"]).splitlines() if line.strip()]
        assert 1 <= len(lines) <= 2, lines
    sources = " ".join(_text(c["source"]) for c in code)
    for call in PANELS + ('show_quiz("08_symptom_advice_matrix")', 'show_lesson_references("08_symptom_advice_matrix")'):
        assert call in sources


def test_saved_from_one_clean_run(nb):
    raw = NOTEBOOK.read_text(encoding="utf-8")
    assert len(raw.encode("utf-8")) < 500_000
    assert not re.search(r"<script[^>]+src=[\"']https?://", raw, re.I)
    assert "cdn.plot.ly" not in raw and "cdn.jsdelivr" not in raw
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert [c["execution_count"] for c in code] == list(range(1, len(code) + 1))
    for cell in code:
        assert cell["outputs"], _text(cell["source"])
        for out in cell["outputs"]:
            assert out["output_type"] != "error" and out.get("name") != "stderr"
        plain = " ".join(_text(out.get("data", {}).get("text/plain")) for out in cell["outputs"])
        if any(call in _text(cell["source"]) for call in PANELS):
            assert any(WIDGET in out.get("data", {}) for out in cell["outputs"])
            # an instruction a student can act on, never a Python repr
            assert "Run the notebook (menu Run → Run All Cells) to use the " in plain
            assert "Box(" not in plain and "HTML(" not in plain and " at 0x" not in plain
        elif "show_quiz(" in _text(cell["source"]):
            assert any(WIDGET in out.get("data", {}) for out in cell["outputs"])
            assert plain.startswith("Self-check, ") and "press Check" in plain  # an instruction, not a repr


def test_references_list_the_self_check_sources(nb):
    from legpain.content import lesson_source_ids

    cell = next(c for c in nb["cells"] if 'show_lesson_references("08_symptom_advice_matrix")' in _text(c["source"]))
    html = " ".join(_text(out.get("data", {}).get("text/html")) for out in cell["outputs"])
    listed = lesson_source_ids("08_symptom_advice_matrix")
    assert "legpain-references" in html and listed
    for source_id in listed:
        assert f'id="ref-{source_id}"' in html, f"stored references are out of date ({source_id})"


# ---------------------------------------------------------------- the browser spec, driven without a browser


def _find(session: ExplorerSession, label: str):
    found = []
    for name, control in session.controls.items():
        if name == "ticks":
            found += [box for box in control.values() if box.description == label]
        elif getattr(control, "description", None) == label:
            found.append(control)
    assert len(found) == 1, f"{len(found)} controls are labelled {label!r}"
    return found[0]


def _visible_text(session: ExplorerSession) -> str:
    names = ("result", "week_message", "matrix_status", "cell", "region_info")
    html = " ".join(session.controls[n].value for n in names)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&amp;", "&").replace("&#x27;", "'").replace("&#39;", "'")


def test_browser_spec_steps_work_on_the_explorer(course):
    spec = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    assert spec["notebook"] == NOTEBOOK.name
    session = ExplorerSession(course)
    session.matrix_part(), session.checker_part(), session.body_map_part()
    actions = set()
    for step in spec["steps"]:
        control = _find(session, step["control_label"])
        action = step["action"]
        actions.add(action)
        if action == "check":
            control.value = True
        elif action == "click":
            control.click()
        elif action == "fill":
            control.value = step["value"]
        elif action == "select":
            control.value = dict(control.options)[step["value"]]
        else:
            pytest.fail(f"unexpected action {action}")
        assert step["expect_text"] in _visible_text(session), step
    assert {"check", "click", "select"} <= actions
