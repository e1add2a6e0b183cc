"""The pictures in docs/screenshots, at 1280 x 720, as a lecturer has them on a projector.

    .venv/bin/python tests/browser/take_screenshots.py docs/screenshots

JupyterLab with the file browser closed: lesson 01's accuracy figure in presentation mode; the 08
matrix with a cell chosen, and the 08 checker with the worked example of the slides
(data/lessons/08_symptom_advice_matrix.yaml, red flags ticked) brought to the top of the screen,
each in normal, presentation and high-contrast modes (file names without a mode are normal mode);
the checker once more with the week typed wrongly ("soon"); and the first matrix slide and the
checker's slide of the 08 deck (needs `make slides-deps`). Each checker picture is checked to show
the urgency banner and the route inside it. Needs Chromium and Playwright, as the browser tests do.
"""

from __future__ import annotations

import io
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1]))

from browser_support import chromium, controls, lab, layout, servers  # noqa: E402
from browser_support.pages import LAB_ROOT, notebook_root  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from legpain.content import lesson_file, load_course  # noqa: E402

OUT = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")
OUT.mkdir(parents=True, exist_ok=True)
_course = load_course()
_example = lesson_file("08_symptom_advice_matrix", _course)["slides"]["checker_example"]
SYM1, SYM2 = (_course.symptoms[s].label for s in _example["symptoms"][:2])
CAUSE = _course.causes["dvt"].name if "dvt" in _course.causes else next(iter(_course.causes.values())).name


def top(page, locator, offset=0):
    locator.evaluate("e => e.scrollIntoView({block: 'start'})")
    if offset:
        page.evaluate(f"document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-WindowedPanel-outer').scrollTop += {offset}")
    page.wait_for_timeout(700)


SUFFIX = {"normal": "", "presentation": "_presentation", "high contrast": "_high_contrast"}


def banner_and_route_in_view(page, checker, name):
    """Stop, naming the picture, if the banner or the route inside it is not wholly on screen."""
    bottom = page.evaluate("() => document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-WindowedPanel-outer').getBoundingClientRect().bottom")
    for part in (".legpain-banner", ".legpain-banner-route"):
        box = checker.locator(part).first.bounding_box()
        if box is None or box["y"] < 0 or box["y"] + box["height"] > bottom:
            raise SystemExit(f"{name}: {part} is not on screen ({box}, notebook bottom {bottom})")


work = servers.make_workdir()
try:
    with servers.start_lab(work) as server, sync_playwright() as p:
        b = p.chromium.launch(**chromium.launch_options(chromium.find_chromium()))
        ctx = b.new_context(viewport={"width": 1280, "height": 720})
        page = ctx.new_page()
        page.set_default_timeout(30000)
        # lesson 01
        lab.open_notebook(page, server, "01_pelvic_girdle_pain.ipynb")
        lab.run_all_and_wait(page)
        page.evaluate("() => { if (!window.jupyterapp.shell.leftCollapsed) window.jupyterapp.commands.execute('application:toggle-left-area'); }")
        page.wait_for_timeout(500)
        layout.set_mode(page, LAB_ROOT, "presentation")
        top(page, page.locator(".js-plotly-plot").first, -10)
        page.screenshot(path=str(OUT / "01_accuracy_presentation_1280x720.png"))
        lab.shutdown_kernel(page)
        # lesson 08
        lab.open_notebook(page, server, "08_symptom_advice_matrix.ipynb")
        lab.run_all_and_wait(page)
        page.evaluate("() => { if (!window.jupyterapp.shell.leftCollapsed) window.jupyterapp.commands.execute('application:toggle-left-area'); }")
        page.wait_for_timeout(800)
        layout.set_mode(page, LAB_ROOT, "presentation")
        root = notebook_root(page, "lab")
        controls.perform(root, "select", "Symptom", SYM1)
        controls.perform(root, "select", "Cause", CAUSE)
        page.wait_for_timeout(1500)
        for mode in layout.MODES:
            layout.set_mode(page, LAB_ROOT, mode)
            top(page, page.locator(".js-plotly-plot").first, 0)
            page.screenshot(path=str(OUT / f"08_matrix{SUFFIX[mode]}_1280x720.png"))
        layout.set_mode(page, LAB_ROOT, "presentation")
        for s in (SYM1, SYM2):
            controls.perform(root, "check", s, True)
        controls.perform(root, "select", "Stage", "Pregnant (week)")
        controls.perform(root, "fill", "Week or days since the birth", "soon")
        page.wait_for_timeout(1500)
        checker = page.locator(".legpain-explorer").filter(has_text="The symptom checker").first
        result = checker.locator(".legpain-result-column")
        top(page, result, -10)
        page.screenshot(path=str(OUT / "08_checker_soon_presentation_1280x720.png"))
        controls.perform(root, "fill", "Week or days since the birth", str(_example["weeks"]))
        page.wait_for_timeout(1500)
        for mode in layout.MODES:
            layout.set_mode(page, LAB_ROOT, mode)
            top(page, result, -10)
            name = f"08_checker{SUFFIX[mode]}_1280x720.png"
            banner_and_route_in_view(page, checker, name)
            page.screenshot(path=str(OUT / name))
        lab.shutdown_kernel(page)
        # slides of 08
        from tools import slides

        out = Path(tempfile.mkdtemp())
        deck = slides.build_decks([HERE.parents[1] / "notebooks" / "08_symptom_advice_matrix.ipynb"], out, execute=True, stream=io.StringIO())[0]
        page.goto(deck.as_uri())
        page.wait_for_function("() => window.Reveal && Reveal.isReady()")
        total = page.evaluate("() => Reveal.getTotalSlides()")
        shots = 0
        for i in range(total):
            page.evaluate("i => Reveal.slide(i)", i)
            page.wait_for_function(
                "() => Array.from(Reveal.getCurrentSlide().querySelectorAll('.legpain-plot')).every(el => el.dataset.drawn === 'yes')"
            )
            h = page.evaluate("() => Reveal.getCurrentSlide().querySelector('h2, h1').innerText")
            if "(1 of" in h and "matrix" in h.lower():
                page.screenshot(path=str(OUT / "08_slide_matrix_1280x720.png"))
                shots += 1
            if "worked example" in h:
                page.screenshot(path=str(OUT / "08_slide_checker_1280x720.png"))
                shots += 1
        print("slides", total, "shots", shots)
        shutil.rmtree(out, ignore_errors=True)
        b.close()
finally:
    servers.remove_workdir(work)
