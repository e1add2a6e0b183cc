"""Opening the explorer (notebook 08) in Voila, as a class does: how long, and does every figure answer?

    .venv/bin/python bench/voila_bench.py [--loads 20]

Starts a private Voila with the course's page (127.0.0.1, free port, temporary copy of the
notebooks) and opens notebooks/08_symptom_advice_matrix.ipynb --loads times in Chromium, each in a
fresh browser context (as a student's first visit). For each load it measures the seconds from
navigation until every widget and figure is drawn, then drives each of the three live figures by
its control (tick a box, filter the matrix, choose a body region) and notes whether the figure
changes. The page is left as it is: no stall, no shortened deadline.

Target: every figure follows its control on every load. (Before the figures had their small
start-up module, the body map ignored its menu on about one load in four or five.)
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "browser"))
sys.path.insert(0, str(ROOT / "src"))

from browser_support import chromium as chromium_support, controls, explorer as ex, live_figures, servers, voila  # noqa: E402
from browser_support.pages import notebook_root  # noqa: E402
from browser_support.settings import DATA, STEP_TIMEOUT, VIEWPORT  # noqa: E402


def one_load(browser: Any, server: servers.Server, course: Any) -> tuple[float, dict[str, bool]]:
    from legpain.levels import Level

    context = browser.new_context(viewport=VIEWPORT)
    context.set_default_timeout(STEP_TIMEOUT)
    try:
        page = context.new_page()
        started = time.monotonic()
        voila.open_notebook(page, server, ex.NOTEBOOK)
        seconds = time.monotonic() - started - 0.5  # open_notebook waits half a second once all is drawn
        root = notebook_root(page, "voila")
        checker, matrix, body_map = (ex.part(root, t) for t in (ex.CHECKER_TITLE, ex.MATRIX_TITLE, ex.BODY_MAP_TITLE))
        symptom = next(s for s in course.symptoms.values() if s.level == Level.ROUTINE)
        region = next(iter(course.regions.values()))
        answered = {
            "checker chart": live_figures.follows(checker, lambda: controls.perform(checker, "check", symptom.label)),
            "matrix": live_figures.follows(matrix, lambda: controls.perform(matrix, "select", "Urgency level", Level.EMERGENCY.label)),
            "body map": live_figures.follows(body_map, lambda: controls.perform(body_map, "select", "Body map region", region.label)),
        }
        return seconds, answered
    finally:
        context.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--loads", type=int, default=20)
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    from legpain import load_course

    executable = chromium_support.find_chromium()
    if executable is None:
        print("voila_bench: Chromium is not installed (make browser-deps)")
        return 1
    course = load_course(DATA)
    work = servers.make_workdir("legpain-voila-bench-")
    try:
        with servers.start_voila(work) as server, sync_playwright() as playwright:
            browser = playwright.chromium.launch(**chromium_support.launch_options(executable))
            times, missed = [], {"checker chart": 0, "matrix": 0, "body map": 0}
            for n in range(args.loads):
                seconds, answered = one_load(browser, server, course)
                times.append(seconds)
                for name, ok in answered.items():
                    missed[name] += not ok
                print(f"load {n + 1:>2}: drawn in {seconds:.1f} s; " + ", ".join(f"{k} {'answers' if v else 'IGNORES its control'}" for k, v in answered.items()), flush=True)
            browser.close()
    finally:
        servers.remove_workdir(work)
    print(f"\n08 in Voila, {args.loads} loads: drawn in {statistics.median(times):.1f} s (median), "
          f"{min(times):.1f}-{max(times):.1f} s")
    for name, count in missed.items():
        print(f"  {name}: ignored its control on {count} of {args.loads} loads")
    ok = not any(missed.values())
    print("target (every figure answers on every load):", "met" if ok else "MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
