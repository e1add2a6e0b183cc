"""The layout check over every figure and widget panel of every lesson, as a projector shows it (1280 x 720).

Each lesson is opened once in JupyterLab and run; then, in normal, presentation and high-contrast
modes, no two text boxes of a figure may overlap (titles, tick labels, legends, value labels,
annotations), no text may reach past its figure's or its cell's edge, every point that the data
gives a value label must show it, and no control's words may be cut short. In presentation and
high-contrast modes figure text is at least 20 px. A failure names the lesson, the mode, the figure
and the two texts. The smallest figure text per lesson and mode is printed (pytest -s) and written
to build/layout-smallest-text.txt.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any, Iterator

import pytest

from browser_support import lab, layout
from browser_support.notebooks import notebook_names
from browser_support.pages import LAB_ROOT
from browser_support.servers import Server
from browser_support.settings import ROOT, STEP_TIMEOUT

REPORT = ROOT / "build" / "layout-smallest-text.txt"


@pytest.fixture(scope="module")
def projector_context(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport=layout.PROJECTOR)
    context.set_default_timeout(STEP_TIMEOUT)
    try:
        yield context
    finally:
        context.close()


def _record(line: str) -> None:
    print(line)
    REPORT.parent.mkdir(exist_ok=True)
    with REPORT.open("a", encoding="utf-8") as out:
        out.write(line + "\n")


@pytest.mark.parametrize("name", notebook_names())
def test_lesson_layout(name: str, projector_context: Any, lab_server: Server) -> None:
    started = time.monotonic()
    page = projector_context.new_page()
    try:
        lab.open_notebook(page, lab_server, name)
        run = lab.run_all_and_wait(page)
        assert run["ok"] is True, f"{name}: Run All did not finish (result {run['ok']!r})"
        failures = []
        for mode in layout.MODES:
            layout.set_mode(page, LAB_ROOT, mode)
            min_px = 0 if mode == "normal" else layout.MIN_PRESENTATION_PX
            found = layout.problems(page, LAB_ROOT, min_px)
            smallest = layout.smallest_text(page, LAB_ROOT)
            _record(f"{name} [{mode}] smallest figure text: {'no figure' if smallest is None else f'{smallest:.1f} px'}")
            if found:
                failures.append(layout.describe(name, mode, found))
        _record(f"{name}: checked in {time.monotonic() - started:.0f} s")
        assert not failures, "layout problems:\n" + "\n".join(failures)
    finally:
        lab.shutdown_kernel(page)
        page.close()
