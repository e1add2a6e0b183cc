"""Size and speed of the browser version of the course (build/site/, `make site`).

    .venv/bin/python bench/site_bench.py [--loads 3] [--repeats 25]

Prints:
* the site's size, unzipped and zipped (build/legpain-course-site.zip); target: 60 MB zipped;
* the time from page load (navigation start) to the kernel ready (the notebook's kernel idle),
  on a first visit (empty browser: everything comes from the server) and on a later visit (from
  the copy the service worker keeps), median of --loads fresh loads each; target: 10 s;
* the time from a click in the symptom checker (notebook 08) to the updated banner, in the site
  and in JupyterLab side by side, measured in the page as bench/browser_bench.py does (median
  of --repeats clicks after 3 warm-ups, ticking a red flag on and off over an everyday symptom).

The site is served on 127.0.0.1 and every other host is blocked. A benchmark, not a test: it
prints PASS or MISS and exits 0. On a shared machine the times vary with the load, which is
printed with them.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "site"))
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "src"))

import site_support as ss  # noqa: E402
from browser_support import chromium as chromium_support, controls, explorer, lab, servers  # noqa: E402
from browser_support.pages import notebook_root  # noqa: E402
from browser_support.settings import STEP_TIMEOUT, VIEWPORT  # noqa: E402

import browser_bench as bb  # noqa: E402

ZIP = ROOT / "build" / "legpain-course-site.zip"
TARGET_ZIP_MB = 60.0
TARGET_KERNEL_S = 10.0
TARGET_CLICK_MS = bb.TARGET_MS
NOTEBOOK = explorer.NOTEBOOK
FIRST_PAGE = "00_start_here.ipynb"

# Resolves with the milliseconds since navigation start at which the notebook's kernel is idle.
KERNEL_READY_JS = """name => new Promise(resolve => {
    const check = () => {
        const app = window.jupyterapp; const w = app && app.shell.currentWidget;
        const k = w && w.context && w.context.path === name && w.sessionContext && w.sessionContext.session
                  && w.sessionContext.session.kernel;
        if (k && k.status === 'idle') resolve(performance.now()); else setTimeout(check, 20);
    };
    check();
})"""


def load_average() -> str:
    try:
        return " / ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return "?"


def kernel_ready_s(page: Any, server: ss.SiteServer, name: str) -> float:
    page.goto(server.url(f"lab/index.html?path={name}"), wait_until="commit", timeout=120_000)
    return page.evaluate(KERNEL_READY_JS, name) / 1000


def kernel_loads(browser: Any, server: ss.SiteServer, loads: int) -> tuple[list[float], list[float]]:
    """(first visits, later visits): each first visit in a fresh browser profile (context)."""
    first, later = [], []
    for _ in range(loads):
        context = browser.new_context(viewport=VIEWPORT)
        ss.record_off_machine(context)
        try:
            page = context.new_page()
            first.append(kernel_ready_s(page, server, FIRST_PAGE))
            status = ss.wait_offline_copy(page)
            if status.get("kept") != status.get("files"):
                print(f"  (the offline copy was not whole: {status})", file=sys.stderr)
            page.close()
            page = context.new_page()
            later.append(kernel_ready_s(page, server, FIRST_PAGE))
            page.close()
        finally:
            context.close()
    return first, later


def click_series(page: Any, root: Any, n: int, clear: Callable[[], None]) -> list[float]:
    return bb.checker_series(page, root, n, False, clear)


def checker_in(page: Any, n: int) -> list[float]:
    root = notebook_root(page, "lab")
    checker = explorer.part(root, explorer.CHECKER_TITLE)
    checker.wait_for(state="visible", timeout=60_000)

    def clear() -> None:
        controls.perform(checker, "click", "Clear all")
        page.wait_for_function("el => !el.querySelector('.legpain-banner')", arg=checker.element_handle())

    return click_series(page, checker, n, clear)


def site_clicks(browser: Any, server: ss.SiteServer, n: int) -> list[float]:
    context = browser.new_context(viewport=VIEWPORT)
    ss.record_off_machine(context)
    try:
        page = context.new_page()
        page.set_default_timeout(STEP_TIMEOUT)
        ss.open_site(page, server, NOTEBOOK)
        run = lab.run_all_and_wait(page)
        if run["ok"] is not True:
            raise RuntimeError(f"Run All failed in the site's {NOTEBOOK}")
        return checker_in(page, n)
    finally:
        context.close()


def lab_clicks(browser: Any, n: int) -> list[float]:
    work = servers.make_workdir("legpain-site-bench-")
    try:
        with servers.start_lab(work) as server:
            page = bb.open_notebook(browser, server, NOTEBOOK)
            try:
                return checker_in(page, n)
            finally:
                bb.close_notebook(page)
    finally:
        servers.remove_workdir(work)


def mb(size: int) -> float:
    return size / 1e6


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--loads", type=int, default=3, help="page loads per kind of visit")
    parser.add_argument("--repeats", type=int, default=25, help="timed clicks (at least 20)")
    args = parser.parse_args(argv)
    n = max(20, args.repeats)
    if not (ss.SITE / "index.html").is_file() or not ZIP.is_file():
        print("site benchmark skipped: no site in build/ (run `make site`)", file=sys.stderr)
        return 1 if chromium_support.in_ci() else 0
    chromium = chromium_support.find_chromium()
    if chromium is None:
        print("site benchmark skipped: Chromium not found (run `make browser-deps` as root)", file=sys.stderr)
        return 1 if chromium_support.in_ci() else 0

    from playwright.sync_api import sync_playwright

    unzipped = sum(p.stat().st_size for p in ss.SITE.rglob("*") if p.is_file())
    zipped = ZIP.stat().st_size
    started = time.monotonic()
    loads_before = load_average()
    server = ss.SiteServer()
    try:
        with sync_playwright() as playwright:
            browser = ss.launch(playwright, chromium)
            try:
                first, later = kernel_loads(browser, server, max(1, args.loads))
                site_ms = site_clicks(browser, server, n)
                lab_ms = lab_clicks(browser, n)
            finally:
                browser.close()
    finally:
        server.stop()

    def verdict(ok: bool) -> str:
        return "PASS" if ok else "MISS"

    print(f"\nThe course in the browser (build/site; Chromium, {os.cpu_count()} cores, load average "
          f"{loads_before} before and {load_average()} after; {time.monotonic() - started:.0f} s in all)\n")
    print(f"{'measure':52} {'value':>12} {'target':>10}")
    print("-" * 82)
    print(f"{'site size, unzipped':52} {mb(unzipped):9.1f} MB")
    print(f"{'site size, zipped (legpain-course-site.zip)':52} {mb(zipped):9.1f} MB {TARGET_ZIP_MB:7.0f} MB  {verdict(mb(zipped) <= TARGET_ZIP_MB)}")
    for label, values in (("first visit", first), ("later visit (offline copy)", later)):
        med = statistics.median(values)
        shown = ", ".join(f"{v:.1f}" for v in values)
        print(f"{'page load -> kernel ready, ' + label:52} {med:10.1f} s {TARGET_KERNEL_S:8.0f} s  {verdict(med <= TARGET_KERNEL_S)}  ({shown})")
    print()
    head = f"{'checker: click -> banner (median of ' + str(n) + ')':52} {'site':>10} {'JupyterLab':>12}"
    print(head)
    print("-" * len(head))
    site_med, lab_med = statistics.median(site_ms), statistics.median(lab_ms)
    site_p90 = sorted(site_ms)[int(0.9 * (len(site_ms) - 1))]
    lab_p90 = sorted(lab_ms)[int(0.9 * (len(lab_ms) - 1))]
    print(f"{'median':52} {site_med:8.1f}ms {lab_med:10.1f}ms  {verdict(site_med <= TARGET_CLICK_MS)} (target {TARGET_CLICK_MS:.0f} ms)")
    print(f"{'90th percentile':52} {site_p90:8.1f}ms {lab_p90:10.1f}ms")
    print("\nsite = Pyodide kernel in a Web Worker; JupyterLab = CPython kernel behind a local Jupyter server")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
