"""The layout check over every figure and widget panel of every lesson, and every slide of every deck,
as a projector shows it (1280 x 720).

Each lesson is opened once in JupyterLab and run; then, in normal, presentation and high-contrast
modes (and lesson 08 once more with the file browser closed and a matrix cell chosen, which draws the
matrix at its narrowest), no two text boxes of a figure may overlap (titles, tick labels, legends, value labels,
annotations), no text may reach past its figure's or its cell's edge, every point that the data
gives a value label must show it, and no control's words may be cut short; a focused tick box, menu,
button or text box shows a ring at least 2px wide with a contrast of 3:1. In presentation and
high-contrast modes figure text is at least 20 px. Every slide of every deck (`make slides`) fits its
1280 x 720 canvas with no block over another, and its figures pass the same checks at 20 px. A
failure names the lesson (or deck and slide), the mode, the figure and the two texts. The smallest figure text per lesson and mode is printed (pytest -s) and written
to build/layout-smallest-text.txt, afresh on each run; tests/browser/smallest_text.py prints a table of
each lesson's smallest text in presentation mode without the other checks.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any, Iterator

import pytest

from browser_support import lab, layout
from browser_support.notebooks import notebook_names
from browser_support.pages import LAB_ROOT
from browser_support.scripts import script
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


@pytest.fixture(scope="module", autouse=True)
def fresh_report() -> None:
    """The report holds this run's lines only (a run with -k adds no stale lines to old ones)."""
    REPORT.unlink(missing_ok=True)


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
        failures = _check_modes(page, name, "")
        narrow = layout.enter_narrow_state(page, LAB_ROOT, name)
        if narrow is not None:
            failures += _check_modes(page, name, narrow)
        _record(f"{name}: checked in {time.monotonic() - started:.0f} s")
        assert not failures, "layout problems:\n" + "\n".join(failures)
    finally:
        lab.shutdown_kernel(page)
        page.close()


def _check_modes(page: Any, name: str, state: str) -> list[str]:
    """The layout problems of the lesson as it is on screen, in each mode; ``state`` names a narrow state
    (see layout.NARROW_STATES), in which every matrix must also be at its narrowest."""
    failures = []
    for mode in layout.MODES:
        layout.set_mode(page, LAB_ROOT, mode)
        label = f"{mode}, {state}" if state else mode
        min_px = 0 if mode == "normal" else layout.MIN_PRESENTATION_PX
        found = layout.problems(page, LAB_ROOT, min_px)
        smallest = layout.smallest_text(page, LAB_ROOT)
        _record(f"{name} [{label}] smallest figure text: {'no figure' if smallest is None else f'{smallest:.1f} px'}")
        if mode == "presentation" and not state:
            found += page.evaluate(script("focus_rings"), LAB_ROOT)["problems"]
        if state:
            found += layout.matrices_not_at_narrowest(page, LAB_ROOT)
        if found:
            failures.append(layout.describe(name, label, found))
    return failures


# ---------------------------------------------------------------- every slide of every deck


@pytest.fixture(scope="module")
def every_deck(chromium_path: str) -> Iterator[dict[str, Path]]:
    """Every lesson's deck; the lessons whose figures live inside widgets (08) are run first, the
    others use their stored outputs (their figures are there)."""
    import io
    import shutil
    import sys
    import tempfile

    from browser_support.chromium import in_ci
    from browser_support.settings import NOTEBOOKS

    sys.path.insert(0, str(ROOT))
    from tools import slides  # noqa: E402

    if not (slides.DEFAULT_REVEAL / "package.json").is_file():
        reason = f"reveal.js not found at {slides.DEFAULT_REVEAL.relative_to(ROOT)} (run `make slides-deps`, which needs npm)"
        if in_ci():
            pytest.fail(f"CI=true, so the slide layout check must run, but: {reason}", pytrace=False)
        pytest.skip(reason)
    out = Path(tempfile.mkdtemp(prefix="legpain-layout-slides-"))
    try:
        paths = [NOTEBOOKS / name for name in notebook_names()]
        live = [p for p in paths if p.name.startswith("08_")]  # figures inside the explorer's widgets
        written = slides.build_decks([p for p in paths if p not in live], out, execute=False, stream=io.StringIO())
        written += slides.build_decks(live, out, execute=True, stream=io.StringIO())
        yield {path.name.replace(".slides.html", ""): path for path in written}
    finally:
        shutil.rmtree(out, ignore_errors=True)


@pytest.mark.parametrize("name", [n.removesuffix(".ipynb") for n in notebook_names()])
def test_slide_layout(name: str, every_deck: dict[str, Path], browser: Any) -> None:
    context = browser.new_context(viewport=layout.PROJECTOR)
    context.set_default_timeout(STEP_TIMEOUT)
    page = context.new_page()
    failures: list[str] = []
    smallest: float | None = None
    try:
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file://") else route.abort())
        page.goto(every_deck[name].as_uri(), wait_until="load")
        page.wait_for_function("() => window.Reveal && Reveal.isReady()", timeout=30_000)
        for index in range(page.evaluate("() => Reveal.getTotalSlides()")):
            page.evaluate("i => Reveal.slide(i)", index)
            page.wait_for_function(
                "() => Array.from(Reveal.getCurrentSlide().querySelectorAll('.legpain-plot')).every(el => el.dataset.drawn === 'yes')",
                timeout=30_000,
            )
            fit = page.evaluate(script("slide_fit"))
            root = "section.present"
            found = fit["problems"] + layout.problems(page, root, layout.MIN_PRESENTATION_PX * fit["scale"])
            size = layout.smallest_text(page, root)
            if size is not None:
                smallest = size / fit["scale"] if smallest is None else min(smallest, size / fit["scale"])
            if found:
                failures.append(layout.describe(f"{name} slide {index + 1} ({fit['heading']})", "slides", found))
        _record(f"{name} [slides] smallest figure text: {'no figure' if smallest is None else f'{smallest:.1f} px'}")
        assert not failures, "slide layout problems:\n" + "\n".join(failures)
    finally:
        context.close()
