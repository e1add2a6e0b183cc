"""What a student sees on opening a lesson in JupyterLab, before Run All.

Each panel's stored output is shown: the instruction to run the notebook, then a still picture
of the panel with every control greyed out. Nothing reads as an error or as a Python repr, and
nothing in the still picture can be clicked or typed into.
"""

from __future__ import annotations

import json
from typing import Any, Callable

import pytest

from browser_support import lab, page_checks
from browser_support.pages import LAB_ROOT
from browser_support.settings import NOTEBOOKS

WIDGET = "application/vnd.jupyter.widget-view+json"
# A lesson with a calculator and a self-check, and the explorer with its three panels.
LESSONS = ["06_clots_and_inflamed_veins.ipynb", "08_symptom_advice_matrix.ipynb"]

CONTROLS_IN_STILLS = """root => {
  const stills = Array.from(root.querySelectorAll('.legpain-preview'));
  const controls = stills.flatMap(s => Array.from(s.querySelectorAll('input, select, button, textarea')));
  return {stills: stills.length, controls: controls.length, usable: controls.filter(c => !c.disabled).length,
          text: stills.map(s => s.textContent.replace(/\\s+/g, ' ').trim())};
}"""


def _instructions(name: str) -> list[str]:
    cells = json.loads((NOTEBOOKS / name).read_text(encoding="utf-8"))["cells"]
    return [
        "".join(out["data"]["text/plain"])
        for cell in cells if cell["cell_type"] == "code"
        for out in cell.get("outputs", [])
        if WIDGET in out.get("data", {}) and out["data"].get("text/plain")
    ]


@pytest.mark.parametrize("name", LESSONS)
def test_each_panel_shows_the_instruction_and_a_greyed_out_picture(name: str, lab_server: Any, new_page: Callable[..., Any]) -> None:
    expected = _instructions(name)
    assert expected, f"{name} stores no panel"
    with new_page() as page:
        lab.open_notebook(page, lab_server, name)
        try:
            root = page.locator(LAB_ROOT)
            shown = root.evaluate(CONTROLS_IN_STILLS)
            assert shown["stills"] == len(expected), f"{len(expected)} panels stored, {shown['stills']} pictures shown"
            for instruction, text in zip(expected, shown["text"]):
                assert text.startswith(" ".join(instruction.split())), f"the picture does not open with {instruction[:60]!r}"
            assert shown["controls"] > 0 and shown["usable"] == 0, f"{shown['usable']} of {shown['controls']} controls can be used before Run All"
            assert page_checks.visible_error_texts(root) == []
        finally:
            lab.shutdown_kernel(page)
