"""The smallest text of each lesson in presentation mode at 1280 x 720, as a table.

    .venv/bin/python tests/browser/smallest_text.py            # every lesson
    .venv/bin/python tests/browser/smallest_text.py 01 08      # the lessons whose names start so

Each lesson is run in JupyterLab (file browser closed, as on a projector), presentation mode is
switched on, and two sizes are measured on the rendered page: the smallest figure text (the
layout check's measure, tests/browser/test_layout.py, which fails below 20 px), and the smallest
text of any kind in the prose and outputs (code cells left out), with its words. Prints a
Markdown table. Needs Chromium and Playwright, as the browser tests do.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1]))

from browser_support import chromium, lab, layout, servers  # noqa: E402
from browser_support.notebooks import notebook_names  # noqa: E402
from browser_support.pages import LAB_ROOT  # noqa: E402
from browser_support.scripts import script  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402


def measure(page, server, name: str) -> tuple[float | None, dict | None]:
    lab.open_notebook(page, server, name)
    try:
        lab.run_all_and_wait(page)
        page.evaluate("() => { if (!window.jupyterapp.shell.leftCollapsed) window.jupyterapp.commands.execute('application:toggle-left-area'); }")
        layout.set_mode(page, LAB_ROOT, "presentation")
        return layout.smallest_text(page, LAB_ROOT), page.evaluate(script("smallest_output_text"), LAB_ROOT)
    finally:
        lab.shutdown_kernel(page)


def main(prefixes: list[str]) -> None:
    names = [n for n in notebook_names() if not prefixes or any(n.startswith(p) for p in prefixes)]
    rows = ["| Lesson | Smallest figure text | Smallest text of any kind (its words) |", "|---|---|---|"]
    work = servers.make_workdir()
    try:
        with servers.start_lab(work) as server, sync_playwright() as p:
            browser = p.chromium.launch(**chromium.launch_options(chromium.find_chromium()))
            page = browser.new_context(viewport=layout.PROJECTOR).new_page()
            page.set_default_timeout(30_000)
            for name in names:
                figure, any_text = measure(page, server, name)
                shown = "no figure" if figure is None else f"{figure:.1f} px"
                other = "none" if any_text is None else f"{any_text['px']:.1f} px ({any_text['text']!r})"
                rows.append(f"| {name.removesuffix('.ipynb')} | {shown} | {other} |")
                print(rows[-1], file=sys.stderr, flush=True)
            browser.close()
    finally:
        servers.remove_workdir(work)
    print("\n".join(rows))


if __name__ == "__main__":
    main(sys.argv[1:])
