"""Size and speed of the browser version of the course (build/site/, `make site`).

    .venv/bin/python bench/site_bench.py [--loads 3] [--repeats 25]

Prints:
* the site's size, unzipped and zipped (build/legpain-course-site.zip); target: 60 MB zipped;
* the time from page load (navigation start) to the kernel ready (the notebook's kernel idle),
  on a first visit (empty browser: everything comes from the server) and on a later visit (from
  the copy the service worker keeps), median of --loads fresh loads each; target: 10 s;
* the floor, timed in the same run, load for load: build/site-floor (`build_site.py --floor`), a
  bare site with the same Pyodide, kernel, settings and service worker and none of the course's
  packages; the line `kernel ready, later visit: course X s, floor Y s, ratio Z` (and the same for
  the first visit); target: a later visit within 1.5 times the floor;
* a breakdown of the later-visit start, measured in a page of each site from its offline copy:
  Pyodide's own start, reading the packages of the lock, unpacking them, the kernel's own imports
  and the course's imports at the first cell of notebook 08, in seconds;
* the first cell of notebook 08, from the kernel ready to its reply, on a later visit; target: 3 s;
* the time from a click in the symptom checker (notebook 08) to the updated banner, in the site
  and in JupyterLab side by side, measured in the page as bench/browser_bench.py does (median
  of --repeats clicks after 3 warm-ups, ticking a red flag on and off over an everyday symptom).

The site is served on 127.0.0.1 and every other host is blocked. A benchmark, not a test: it
prints PASS or MISS and exits 0. On a shared machine the times vary with the load, which is
printed with them.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from dataclasses import dataclass, field
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
FLOOR = ROOT / "build" / "site-floor"
FLOOR_PAGE = "blank.ipynb"
TARGET_ZIP_MB = 60.0
TARGET_KERNEL_S = 10.0
TARGET_FLOOR_RATIO = 1.5
TARGET_FIRST_CELL_S = 3.0
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


# Runs the first code cell of the open notebook; resolves with the seconds from the call to the
# kernel's reply.
FIRST_CELL_JS = """async () => {
    const app = window.jupyterapp; const panel = app.shell.currentWidget; const nb = panel.content;
    const index = nb.widgets.findIndex(c => c.model.type === 'code');
    nb.activeCellIndex = index;
    const t0 = performance.now();
    await app.commands.execute('notebook:run-cell');
    const cell = nb.widgets[index];
    while (cell.model.executionCount === null || cell.model.executionCount === undefined) await new Promise(r => setTimeout(r, 10));
    return (performance.now() - t0) / 1000;
}"""

# The start of a kernel, step by step, as the Pyodide kernel's worker does it (initRuntime,
# initPackageManager, initKernel), in a page of the site: every file comes through its service
# worker, from the offline copy. Reading a wheel (fetch and arrayBuffer) is timed by wrapping
# fetch; "unpack" is the rest of loadPackage (Pyodide installs each wheel once it and its
# requirements are read, and loads the compiled libraries).
BREAKDOWN_JS = """async ([preload, courseImports]) => {
    const indexURL = new URL('./', location.href).href;  // the page is static/pyodide/package.json
    const reads = [];
    const realFetch = globalThis.fetch;
    globalThis.fetch = async (...args) => {
        const url = String((args[0] && args[0].url) || args[0]);
        const t0 = performance.now();
        const response = await realFetch(...args);
        if (url.endsWith('.whl')) {
            const read = response.arrayBuffer.bind(response);
            response.arrayBuffer = async () => { const b = await read(); reads.push(performance.now()); return b; };
        }
        return response;
    };
    const s = {};
    let t = performance.now();
    const { loadPyodide } = await import(indexURL + 'pyodide.mjs');
    const py = await loadPyodide({ indexURL, stdout: () => {}, stderr: () => {} });
    s.pyodide = performance.now() - t;
    t = performance.now();
    await py.loadPackage(preload, { messageCallback: () => {} });
    s.load = performance.now() - t;
    s.read = reads.length ? Math.max(...reads) - t : 0;
    s.unpack = s.load - s.read;
    s.wheels = reads.length;
    t = performance.now();
    await py.runPythonAsync('import piplite.piplite\\nimport pyodide_kernel');
    s.kernel = performance.now() - t;
    t = performance.now();
    if (courseImports) {
        await py.loadPackagesFromImports(courseImports, { messageCallback: () => {} });
        await py.runPythonAsync(courseImports);
    }
    s.course = performance.now() - t;
    globalThis.fetch = realFetch;
    for (const k of Object.keys(s)) if (k !== 'wheels') s[k] /= 1000;
    return s;
}"""

BREAKDOWN_STEPS = (
    ("pyodide", "Pyodide's own start (interpreter and standard library)"),
    ("read", "reading the packages of the lock (offline copy)"),
    ("unpack", "unpacking them (and compiling pydantic-core)"),
    ("kernel", "the kernel's own imports (piplite, pyodide_kernel)"),
    ("course", "the course's imports at 08's first cell"),
)


# When the page asked for the kernel's worker script (ms since navigation start), or null.
WORKER_START_JS = """() => { const e = performance.getEntriesByType('resource').find(r => /\\/(comlink|coincident)\\.worker\\./.test(r.name));
                    return e ? e.startTime : null; }"""

# Opens another notebook in the same JupyterLab page; resolves with the seconds until its kernel is idle.
SECOND_LESSON_JS = """async name => {
    const t0 = performance.now();
    await window.jupyterapp.commands.execute('docmanager:open', {path: name});
    await (""" + KERNEL_READY_JS + """)(name);
    return (performance.now() - t0) / 1000;
}"""


def kernel_ready_s(page: Any, server: ss.SiteServer, name: str) -> float:
    page.goto(server.url(f"lab/index.html?path={name}"), wait_until="commit", timeout=120_000)
    return page.evaluate(KERNEL_READY_JS, name) / 1000


@dataclass
class Site:
    label: str
    server: ss.SiteServer
    page: str  # the notebook whose kernel is timed
    preload: list[str]
    course_imports: str  # what the first cell of notebook 08 imports ('' for the floor)
    first: list[float] = field(default_factory=list)
    later: list[float] = field(default_factory=list)
    first_cell: list[float] = field(default_factory=list)
    worker_start: list[float] = field(default_factory=list)  # later visit: when the kernel's worker was asked for
    second_lesson: list[float] = field(default_factory=list)
    breakdown: list[dict[str, float]] = field(default_factory=list)


def preload_of(site_dir: Path) -> list[str]:
    config = json.loads((site_dir / "jupyter-lite.json").read_text(encoding="utf-8"))["jupyter-config-data"]
    kernel = config["litePluginSettings"]["@jupyterlite/pyodide-kernel-extension:kernel"]
    return list(kernel.get("loadPyodideOptions", {}).get("packages", []))


def first_cell_imports() -> str:
    import nbformat

    cells = [c for c in nbformat.read(ss.ROOT / "notebooks" / NOTEBOOK, as_version=4).cells if c.cell_type == "code"]
    return "\n".join(line for line in cells[0].source.splitlines() if line.startswith(("import ", "from ")))


def one_load(browser: Any, site: Site) -> None:
    """A first visit (fresh browser profile), the offline copy, a later visit, the breakdown."""
    context = browser.new_context(viewport=VIEWPORT)
    ss.record_off_machine(context)
    try:
        page = context.new_page()
        site.first.append(kernel_ready_s(page, site.server, site.page))
        status = ss.wait_offline_copy(page)
        if status.get("kept") != status.get("files"):
            print(f"  ({site.label}: the offline copy was not whole: {status})", file=sys.stderr)
        page.close()
        page = context.new_page()
        site.later.append(kernel_ready_s(page, site.server, site.page))
        worker = page.evaluate(WORKER_START_JS)
        if worker is not None:
            site.worker_start.append(worker / 1000)
        if site.course_imports:
            site.second_lesson.append(page.evaluate(SECOND_LESSON_JS, NOTEBOOK))
            page.close()
            page = context.new_page()
            kernel_ready_s(page, site.server, NOTEBOOK)
            site.first_cell.append(page.evaluate(FIRST_CELL_JS))
        page.close()
        page = context.new_page()
        page.goto(site.server.url("static/pyodide/package.json"), wait_until="load", timeout=120_000)
        site.breakdown.append(page.evaluate(BREAKDOWN_JS, [site.preload, site.course_imports]))
        page.close()
    finally:
        context.close()


def kernel_loads(browser: Any, sites: list[Site], loads: int) -> None:
    """Each site's loads in turn (course, floor, course, floor...), so that both see the same load."""
    for _ in range(loads):
        for site in sites:
            one_load(browser, site)


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
    parser.add_argument("--no-clicks", action="store_true", help="leave out the click -> banner comparison")
    parser.add_argument("--site", type=Path, default=ss.SITE, help="the course's site (default build/site)")
    parser.add_argument("--floor", type=Path, default=FLOOR, help="the floor site (default build/site-floor)")
    args = parser.parse_args(argv)
    n = max(20, args.repeats)
    if not (args.site / "index.html").is_file() or not ZIP.is_file():
        print("site benchmark skipped: no site in build/ (run `make site`)", file=sys.stderr)
        return 1 if chromium_support.in_ci() else 0
    chromium = chromium_support.find_chromium()
    if chromium is None:
        print("site benchmark skipped: Chromium not found (run `make browser-deps` as root)", file=sys.stderr)
        return 1 if chromium_support.in_ci() else 0

    from playwright.sync_api import sync_playwright

    unzipped = sum(p.stat().st_size for p in args.site.rglob("*") if p.is_file())
    zipped = ZIP.stat().st_size
    if not (args.floor / "index.html").is_file():
        print("site benchmark: no floor site in build/site-floor (run `make site-floor`)", file=sys.stderr)
        return 1
    started = time.monotonic()
    loads_before = load_average()
    course = Site("course", ss.SiteServer(args.site), FIRST_PAGE, preload_of(args.site), first_cell_imports())
    floor = Site("floor", ss.SiteServer(args.floor), FLOOR_PAGE, preload_of(args.floor), "")
    try:
        with sync_playwright() as playwright:
            browser = ss.launch(playwright, chromium)
            try:
                kernel_loads(browser, [course, floor], max(1, args.loads))
                loads_after_kernel = load_average()
                site_ms = site_clicks(browser, course.server, n) if not args.no_clicks else []
                lab_ms = lab_clicks(browser, n) if not args.no_clicks else []
            finally:
                browser.close()
    finally:
        course.server.stop()
        floor.server.stop()

    def verdict(ok: bool) -> str:
        return "PASS" if ok else "MISS"

    print(f"\nThe course in the browser ({args.site}; Chromium, {os.cpu_count()} cores, load average "
          f"{loads_before} before, {loads_after_kernel} after the page loads and {load_average()} at the end; "
          f"{time.monotonic() - started:.0f} s in all)\n")
    print(f"{'measure':52} {'value':>12} {'target':>10}")
    print("-" * 82)
    print(f"{'site size, unzipped':52} {mb(unzipped):9.1f} MB")
    print(f"{'site size, zipped (legpain-course-site.zip)':52} {mb(zipped):9.1f} MB {TARGET_ZIP_MB:7.0f} MB  {verdict(mb(zipped) <= TARGET_ZIP_MB)}")
    for label, values in (("first visit", course.first), ("later visit (offline copy)", course.later)):
        med = statistics.median(values)
        shown = ", ".join(f"{v:.1f}" for v in values)
        print(f"{'page load -> kernel ready, ' + label:52} {med:10.1f} s {TARGET_KERNEL_S:8.0f} s  {verdict(med <= TARGET_KERNEL_S)}  ({shown})")
    for label, values in (("first visit", floor.first), ("later visit (offline copy)", floor.later)):
        shown = ", ".join(f"{v:.1f}" for v in values)
        print(f"{'floor: page load -> kernel ready, ' + label:52} {statistics.median(values):10.1f} s             ({shown})")
    later_ratio = statistics.median(course.later) / statistics.median(floor.later)
    print(f"{'later visit: course / floor':52} {later_ratio:10.2f} x {TARGET_FLOOR_RATIO:8.1f} x  {verdict(later_ratio <= TARGET_FLOOR_RATIO)}")
    if course.first_cell:
        med = statistics.median(course.first_cell)
        shown = ", ".join(f"{v:.1f}" for v in course.first_cell)
        print(f"{'kernel ready -> first cell of ' + NOTEBOOK[:2] + ' done, later visit':52} {med:10.1f} s {TARGET_FIRST_CELL_S:8.0f} s  "
              f"{verdict(med <= TARGET_FIRST_CELL_S)}  ({shown})")
    print()
    for label, attr in (("first visit", "first"), ("later visit", "later")):
        c, f = statistics.median(getattr(course, attr)), statistics.median(getattr(floor, attr))
        print(f"kernel ready, {label}: course {c:.1f} s, floor {f:.1f} s, ratio {c / f:.2f}")
    print()
    head = f"{'later-visit start, step by step (median of ' + str(len(course.breakdown)) + ')':52} {'course':>10} {'floor':>10}"
    print(head)
    print("-" * len(head))
    total_c = total_f = 0.0
    for key, label in BREAKDOWN_STEPS:
        c = statistics.median(b[key] for b in course.breakdown)
        f = statistics.median(b[key] for b in floor.breakdown)
        total_c, total_f = total_c + c, total_f + f
        print(f"{label:52} {c:8.2f} s {f:8.2f} s")
    print(f"{'in all':52} {total_c:8.2f} s {total_f:8.2f} s")
    if course.worker_start and floor.worker_start:
        c, f = statistics.median(course.worker_start), statistics.median(floor.worker_start)
        print(f"{'kernel ready, later visit: JupyterLab until it starts the kernel':52} {c:8.2f} s {f:8.2f} s")
        c2, f2 = statistics.median(course.later), statistics.median(floor.later)
        print(f"{'                           the kernel in its worker':52} {c2 - c:8.2f} s {f2 - f:8.2f} s")
    if course.second_lesson:
        shown = ", ".join(f"{v:.1f}" for v in course.second_lesson)
        print(f"{'a second lesson (08) in the same page: kernel ready':52} {statistics.median(course.second_lesson):8.2f} s             ({shown})")
    wheels = (statistics.median(b["wheels"] for b in course.breakdown), statistics.median(b["wheels"] for b in floor.breakdown))
    print(f"{'wheels loaded at start':52} {wheels[0]:10.0f} {wheels[1]:10.0f}")
    if args.no_clicks:
        return 0
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
