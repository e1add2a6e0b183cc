"""Slide decks in Chromium with every request off this machine blocked: the slides and the plots render.

Two decks are built as `make slides` builds them (each lesson run from a fresh kernel): 06, whose
figures are in the lesson's outputs, and 08, whose figures live inside its interactive panels.
Each deck is opened from the file system at a projector's 1280 x 720; every request that does not
stay on this machine is blocked and recorded, and there must be none.
"""

from __future__ import annotations

import io
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any, Iterator

import pytest

from browser_support.chromium import in_ci
from browser_support.settings import NOTEBOOKS, ROOT, STEP_TIMEOUT

sys.path.insert(0, str(ROOT))

from tools import slides  # noqa: E402

DECKS = ["06_clots_and_inflamed_veins", "08_symptom_advice_matrix"]
PROJECTOR = {"width": 1280, "height": 720}


@pytest.fixture(scope="module")
def decks(chromium_path: str) -> Iterator[dict[str, Path]]:
    if not (slides.DEFAULT_REVEAL / "package.json").is_file():
        reason = f"reveal.js not found at {slides.DEFAULT_REVEAL.relative_to(ROOT)} (run `make slides-deps`, which needs npm)"
        if in_ci():
            pytest.fail(f"CI=true, so the slide tests must run, but: {reason}", pytrace=False)
        pytest.skip(reason)
    out = Path(tempfile.mkdtemp(prefix="legpain-slides-"))
    try:
        sources = [NOTEBOOKS / f"{name}.ipynb" for name in DECKS]
        written = slides.build_decks(sources, out, execute=True, stream=io.StringIO())
        yield {path.name.replace(".slides.html", ""): path for path in written}
    finally:
        shutil.rmtree(out, ignore_errors=True)


def _open_offline(context: Any, deck: Path) -> tuple[Any, list[str], list[str]]:
    page = context.new_page()
    page.set_default_timeout(STEP_TIMEOUT)
    off_machine: list[str] = []
    problems: list[str] = []

    def route(request_route: Any) -> None:
        url = request_route.request.url
        if url.startswith("file://"):
            request_route.continue_()
        else:
            off_machine.append(url)
            request_route.abort()

    page.route("**/*", route)
    page.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    page.on("console", lambda msg: problems.append(f"console {msg.type}: {msg.text}") if msg.type == "error" else None)
    page.on("requestfailed", lambda req: problems.append(f"failed: {req.url}") if req.url.startswith("file://") else None)
    page.goto(deck.as_uri(), wait_until="load")
    page.wait_for_function("() => window.Reveal && Reveal.isReady()", timeout=30_000)
    return page, off_machine, problems


SLIDE_JS = """() => {
    const s = Reveal.getCurrentSlide();
    const px = el => el ? parseFloat(getComputedStyle(el).fontSize) : null;
    const box = s.getBoundingClientRect();
    const plots = Array.from(s.querySelectorAll('.legpain-plot')).map(el => {
        const r = el.getBoundingClientRect();
        return {drawn: el.dataset.drawn || '', svg: el.querySelectorAll('svg.main-svg').length,
                traces: el.querySelectorAll('g.trace, .heatmaplayer image, .hm image').length,
                data: (el.data || []).length, width: r.width, height: r.height,
                inside: r.left >= box.left - 1 && r.right <= box.right + 1 && r.bottom <= box.bottom + 1};
    });
    return {text: s.innerText, scroll: s.scrollHeight, height: s.offsetHeight, width: s.offsetWidth,
            scrollWidth: s.scrollWidth, heading: px(s.querySelector('h1, h2')), item: px(s.querySelector('li')),
            summary: px(s.querySelector('.legpain-summary')), plots};
}"""


@pytest.mark.parametrize("name", DECKS)
def test_deck_renders_offline_with_every_plot(browser: Any, decks: dict[str, Path], name: str) -> None:
    context = browser.new_context(viewport=PROJECTOR)
    page, off_machine, problems = _open_offline(context, decks[name])
    try:
        total = page.evaluate("() => Reveal.getTotalSlides()")
        canvas = page.evaluate("() => Reveal.getConfig().height")
        assert canvas == PROJECTOR["height"]
        figures_seen = 0
        for index in range(total):
            page.evaluate("i => Reveal.slide(i)", index)
            slide = page.evaluate(SLIDE_JS)
            if slide["plots"]:
                try:
                    page.wait_for_function(
                        "() => Array.from(Reveal.getCurrentSlide().querySelectorAll('.legpain-plot')).every(el => el.dataset.drawn === 'yes')",
                        timeout=30_000,
                    )
                except Exception as exc:
                    raise AssertionError(f"{name}, slide {index + 1}: the plots were not drawn within 30 s "
                                         f"(requests off this machine: {off_machine}; errors: {problems})") from exc
                slide = page.evaluate(SLIDE_JS)
            where = f"{name}, slide {index + 1} ({slide['text'][:50]!r})"
            assert slide["scroll"] <= canvas, f"{where}: the content is taller than the slide"
            assert slide["scrollWidth"] <= slide["width"] + 1, f"{where}: the content is wider than the slide"
            assert slide["heading"] and slide["heading"] >= 34, f"{where}: heading type {slide['heading']}px"
            if slide["item"]:
                assert slide["item"] >= 28, f"{where}: bullet type {slide['item']}px is small for a projector"
            if slide["summary"]:
                assert slide["summary"] >= 20, f"{where}: summary type {slide['summary']}px"
            for plot in slide["plots"]:
                figures_seen += 1
                assert plot["svg"] >= 1 and plot["data"] >= 1 and plot["traces"] >= 1, f"{where}: the plot did not draw: {plot}"
                assert plot["width"] > 600 and plot["height"] > 300, f"{where}: the plot is too small: {plot}"
                assert plot["inside"], f"{where}: the plot runs off the slide: {plot}"
        expected = decks[name].read_text(encoding="utf-8").count('class="legpain-plot"')
        assert figures_seen == expected > 0
        assert not off_machine, f"{name}: the deck tried to reach the internet: {off_machine}"
        assert not problems, f"{name}: {problems}"
    finally:
        context.close()
