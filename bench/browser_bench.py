"""Browser latency of the symptom-to-advice explorer, against the usual `interact` pattern.

    .venv/bin/python bench/browser_bench.py [--repeats 25]

Starts a private JupyterLab (127.0.0.1, free port, temporary copy of the notebooks),
runs notebooks/08_symptom_advice_matrix.ipynb and bench/peer_interact.ipynb in Chromium,
and times, inside the page (performance.now), from the click or change on a control to
the moment the updated result is in the DOM:

* checker: tick/untick a red flag (with an everyday symptom ticked) -> the banner's level changes;
* checker + chart: the same, until the banner and the ranked-causes bar chart are both updated;
* matrix filter: Urgency level "Emergency: 999" <-> "All levels" -> the heatmap shows the new rows.

The peer notebook does the same with `ipywidgets.interact`, which clears its output and
rebuilds the banner and the whole figure on each change. Each figure is the median of
--repeats interactions (at least 20) after 3 warm-ups. Targets: median <= 100 ms in
JupyterLab, and at least 3 times faster than the peer.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import time
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "browser"))
sys.path.insert(0, str(ROOT / "src"))

from browser_support import chromium as chromium_support, controls, explorer as ex, lab, servers  # noqa: E402
from browser_support.pages import LAB_ROOT, notebook_root  # noqa: E402
from browser_support.settings import DATA, NOTEBOOKS, STEP_TIMEOUT, VIEWPORT  # noqa: E402

PEER = ROOT / "bench" / "peer_interact.ipynb"
TARGET_MS = 100.0
TARGET_RATIO = 3.0
WARMUP = 3

# Click (or change) a control, then resolve with the milliseconds until done(root) is true.
# A MutationObserver re-checks on every DOM change, so the time is when the DOM got there.
TIMED_JS = """async ([control, root, kind, value, doneSrc, before]) => {
    const done = new Function('root', 'before', 'return (' + doneSrc + ')(root, before);');
    return await new Promise((resolve, reject) => {
        let t0 = 0;
        const finish = () => { if (done(root, before)) { observer.disconnect(); clearTimeout(timer); resolve(performance.now() - t0); return true; } return false; };
        const observer = new MutationObserver(finish);
        const timer = setTimeout(() => { observer.disconnect(); reject(new Error('no update within 20 s')); }, 20000);
        observer.observe(root, {subtree: true, childList: true, attributes: true, characterData: true});
        t0 = performance.now();
        if (kind === 'click') control.click();
        else { control.value = value; control.dispatchEvent(new Event('change', {bubbles: true})); }
        // Plotly may redraw without a DOM mutation under root that we can see first: poll as well.
        const poll = () => { if (!finish()) requestAnimationFrame(poll); };
        requestAnimationFrame(poll);
    });
}"""

BANNER_IS = """(root, before) => { const b = root.querySelector('.legpain-banner'); return !!b && b.classList.contains('legpain-level-' + before.level); }"""
# The banner has the new level, and the bar chart's bars differ from before the click.
BANNER_AND_BARS = """(root, before) => {
    const b = root.querySelector('.legpain-banner');
    if (!b || !b.classList.contains('legpain-level-' + before.level)) return false;
    const gd = Array.from(root.querySelectorAll('.js-plotly-plot')).pop();
    if (!gd || !gd.querySelector('svg.main-svg')) return false;
    const bars = Array.from(gd.querySelectorAll('.ytick text')).map(t => t.textContent).join('|');
    return bars !== before.bars;
}"""
# The heatmap (the first plotly graph under root) shows the expected number of rows.
ROWS_ARE = """(root, before) => {
    const gd = root.querySelector('.js-plotly-plot');
    return !!gd && !!gd.querySelector('svg.main-svg') && gd.querySelectorAll('.yaxislayer-above > g.ytick').length === before.rows
        && (!before.summary || root.innerText.includes(before.summary));
}"""


def timed(page: Any, control: Any, root: Any, kind: str, value: str, done: str, before: dict[str, Any]) -> float:
    return page.evaluate(TIMED_JS, [control.element_handle(), root.element_handle(), kind, value, done, before])


def bars_text(root: Any) -> str:
    return root.evaluate(
        "el => { const gd = Array.from(el.querySelectorAll('.js-plotly-plot')).pop();"
        " return gd ? Array.from(gd.querySelectorAll('.ytick text')).map(t => t.textContent).join('|') : ''; }"
    )


def series(n: int, one: Callable[[int], float]) -> list[float]:
    for i in range(WARMUP):
        one(i)
    return [one(WARMUP + i) for i in range(n)]


def checker_series(page: Any, root: Any, n: int, with_bars: bool, clear: Callable[[], None]) -> list[float]:
    """Toggle a red flag on top of an everyday symptom: self-care <-> urgent."""
    from legpain import load_course
    from legpain.levels import Level

    course = load_course(DATA)
    combined = {s for rule in course.rules.values() if len(rule.all_of) > 1 for s in rule.all_of}
    alone = [s for s in course.symptoms.values() if s.id not in combined]
    everyday = next(s for s in alone if s.level == Level.SELF_CARE)
    flag = next(s for s in alone if course.single_symptom_level(s.id) == Level.URGENT and s.red_flag)
    clear()
    controls.perform(root, "check", everyday.label)
    root.locator(".legpain-banner.legpain-level-self-care").wait_for()
    box = controls.find_control(root, flag.label).locator("input[type=checkbox]")

    def one(i: int) -> float:
        level = Level.URGENT.value if i % 2 == 0 else Level.SELF_CARE.value
        before = {"level": level, "bars": bars_text(root)}
        ms = timed(page, box, root, "click", "", BANNER_AND_BARS if with_bars else BANNER_IS, before)
        page.wait_for_timeout(150)  # let the kernel go idle, as between a student's clicks
        return ms

    return series(n, one)


def matrix_series(page: Any, root: Any, label: str, n: int, summary: bool) -> list[float]:
    """Switch the urgency filter between "Emergency: 999" and 'All levels'."""
    from legpain import load_course
    from legpain.levels import Level

    course = load_course(DATA)
    total = len(course.symptoms)
    emergency = sum(s.level == Level.EMERGENCY for s in course.symptoms.values())
    select = controls.find_control(root, label).locator("select")
    options = select.evaluate("s => Array.from(s.options).map(o => [o.textContent.replace(/\\u00a0/g, ' '), o.value])")
    value_of = {text: value for text, value in options}

    def one(i: int) -> float:
        if i % 2 == 0:
            value, rows = value_of[Level.EMERGENCY.label], emergency
        else:
            value, rows = value_of["All levels"], total
        before = {"rows": rows, "summary": f"shows {rows} of {total} symptoms" if summary else ""}
        ms = timed(page, select, root, "change", value, ROWS_ARE, before)
        page.wait_for_timeout(150)
        return ms

    return series(n, one)


def cell_output(page: Any, index: int) -> Any:
    return page.locator(f"{LAB_ROOT} .jp-CodeCell").nth(index).locator(".jp-Cell-outputArea")


def open_notebook(browser: Any, server: Any, name: str) -> Any:
    """A new page with the notebook open in JupyterLab, run from the top and drawn."""
    page = browser.new_page(viewport=VIEWPORT)
    page.set_default_timeout(STEP_TIMEOUT)
    lab.open_notebook(page, server, name)
    lab.run_all_and_wait(page)
    return page


def close_notebook(page: Any) -> None:
    lab.shutdown_kernel(page)
    page.close()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=25, help="timed interactions per figure (at least 20)")
    args = parser.parse_args(argv)
    n = max(20, args.repeats)
    chromium = chromium_support.find_chromium()
    if chromium is None:
        msg = "browser benchmark skipped: Chromium not found (run `make browser-deps` as root)"
        print(msg, file=sys.stderr)
        return 1 if chromium_support.in_ci() else 0
    if not (NOTEBOOKS / ex.NOTEBOOK).is_file():
        print(f"browser benchmark skipped: {ex.NOTEBOOK} does not exist yet", file=sys.stderr)
        return 0

    from playwright.sync_api import sync_playwright

    work = servers.make_workdir("legpain-bench-")
    shutil.copy(PEER, work / "notebooks" / PEER.name)
    server = None
    results: dict[str, tuple[list[float], list[float]]] = {}
    started = time.monotonic()
    try:
        server = servers.start_lab(work)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(**chromium_support.launch_options(chromium))
            try:
                page = open_notebook(browser, server, ex.NOTEBOOK)
                nb_root = notebook_root(page, "lab")
                checker = ex.part(nb_root, ex.CHECKER_TITLE)
                matrix = ex.part(nb_root, ex.MATRIX_TITLE)

                def clear() -> None:
                    controls.perform(checker, "click", "Clear all")
                    page.wait_for_function("el => !el.querySelector('.legpain-banner')", arg=checker.element_handle())

                ours_banner = checker_series(page, checker, n, False, clear)
                ours_bars = checker_series(page, checker, n, True, clear)
                ours_matrix = matrix_series(page, matrix, "Urgency level", n, summary=True)
                close_notebook(page)

                page = open_notebook(browser, server, PEER.name)
                peer_checker = cell_output(page, 0)
                peer_matrix = cell_output(page, 1)

                def clear_peer() -> None:
                    ticked = peer_checker.locator("input[type=checkbox]:checked")
                    while ticked.count():
                        ticked.first.uncheck()
                        page.wait_for_timeout(300)

                peer_banner = checker_series(page, peer_checker, n, False, clear_peer)
                peer_bars = checker_series(page, peer_checker, n, True, clear_peer)
                peer_matrix_ms = matrix_series(page, peer_matrix, "Peer urgency level", n, summary=True)
                close_notebook(page)
            finally:
                browser.close()
    finally:
        if server is not None:
            server.stop()
        shutil.rmtree(work, ignore_errors=True)

    results = {
        "checker: click -> banner": (ours_banner, peer_banner),
        "checker: click -> banner + bar chart": (ours_bars, peer_bars),
        "matrix filter: change -> heatmap rows": (ours_matrix, peer_matrix_ms),
    }
    print(f"\nBrowser latency in JupyterLab (Chromium, median of {n} interactions after {WARMUP} warm-ups; "
          f"{time.monotonic() - started:.0f} s in all)\n")
    head = f"{'measure':40} {'explorer':>10} {'p90':>8} {'interact peer':>14} {'ratio':>7}  {'<=100 ms':8} {'>=3x':5}"
    print(head)
    print("-" * len(head))
    misses = 0
    for name, (ours, peer) in results.items():
        med, peer_med = statistics.median(ours), statistics.median(peer)
        p90 = sorted(ours)[int(0.9 * (len(ours) - 1))]
        ratio = peer_med / med if med else float("inf")
        speed = "PASS" if med <= TARGET_MS else "MISS"
        faster = "PASS" if ratio >= TARGET_RATIO else "MISS"
        misses += (speed == "MISS") + (faster == "MISS")
        print(f"{name:40} {med:8.1f}ms {p90:6.1f}ms {peer_med:12.1f}ms {ratio:6.1f}x  {speed:8} {faster:5}")
    print("\nexplorer = notebooks/08 (in-place updates); peer = bench/peer_interact.ipynb (interact, full rebuild)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
