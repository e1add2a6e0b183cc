"""Python-side benchmark of the course: explorer callbacks and notebook run-all times.

    .venv/bin/python bench/bench.py [--runs 200] [--reps 3] [--only NAME ...]

1. Each callback of the matrix explorer (legpain.explorer) is timed on its own
   (the plain function) and through the widgets (the same event sent to a live
   ExplorerSession, which also updates the ipywidgets and FigureWidgets in
   place; no browser). Median of --runs runs; target 5 ms each.
2. Every notebook in notebooks/ (found at run time) is run from a fresh kernel
   with nbclient, as `make notebooks` does, and compared with the floor: a
   notebook whose only cell imports pandas, plotly and ipywidgets, run the same
   way. Runs are interleaved and repeated --reps times; medians are compared.
   Target: each notebook at most 1.3 times the floor.

A benchmark, not a test: it prints PASS or MISS and always exits 0.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
CALLBACK_TARGET_MS = 5.0
FLOOR_RATIO = 1.3
FLOOR_SOURCE = "import pandas\nimport plotly\nimport ipywidgets"


def _median_ms(fn: Callable[[], Any], runs: int) -> float:
    fn()  # warm-up: data loading and caches are not what is measured
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def bench_callbacks(runs: int) -> list[tuple[str, float, float]]:
    from legpain import load_course
    from legpain import explorer as ex

    course = load_course()
    base = ex.ExplorerState()
    ticked = ex.ExplorerState(ticked=("occasional_night_cramp", "heavy_aching_legs"))
    view = ex.matrix_view(base, course)

    # (name, plain call, event for the live session as (callback, [events that alternate]))
    cases: list[tuple[str, Callable[[], Any], Callable[..., Any], list[Any]]] = [
        ("filter: body region", lambda: ex.filter_matrix(base, {"region": "knee_calf"}, course),
         ex.filter_matrix, [{"region": "knee_calf"}, {"region": None}]),
        ("filter: urgency level", lambda: ex.filter_matrix(base, {"level": "urgent"}, course),
         ex.filter_matrix, [{"level": "urgent"}, {"level": None}]),
        ("filter: sort by cause", lambda: ex.filter_matrix(base, {"sort_cause": "dvt"}, course),
         ex.filter_matrix, [{"sort_cause": "dvt"}, {"sort_cause": None}]),
        ("select cell (menus)", lambda: ex.select_cell(base, {"symptom": "one_leg_swollen", "cause": "dvt"}, course),
         ex.select_cell, [{"symptom": "one_leg_swollen", "cause": "dvt"}, {"symptom": "occasional_night_cramp", "cause": "leg_cramps"}]),
        ("select cell (click)", lambda: ex.select_cell_at(base, 9, 5, view, course), None, []),
        ("tick everyday symptom", lambda: ex.tick_symptom(base, {"symptom": "occasional_night_cramp", "ticked": True}, course),
         ex.tick_symptom, [{"symptom": "occasional_night_cramp", "ticked": True}, {"symptom": "occasional_night_cramp", "ticked": False}]),
        ("tick red flag (escalate)", lambda: ex.tick_symptom(ticked, {"symptom": "one_leg_swollen", "ticked": True}, course),
         ex.tick_symptom, [{"symptom": "one_leg_swollen", "ticked": True}, {"symptom": "one_leg_swollen", "ticked": False}]),
        ("set week", lambda: ex.set_stage(ticked, {"stage": "pregnant", "text": "30"}, course),
         ex.set_stage, [{"stage": "pregnant", "text": "30"}, {"text": "12"}]),
        ("set week (bad value)", lambda: ex.set_stage(ticked, {"stage": "pregnant", "text": "50"}, course),
         ex.set_stage, [{"stage": "pregnant", "text": "50"}, {"text": "abc"}]),
        ("choose body region", lambda: ex.choose_region(base, {"region": "knee_calf"}, course),
         ex.choose_region, [{"region": "knee_calf"}, {"region": "pelvis"}]),
        ("clear all", lambda: ex.clear_all(ticked, None, course), ex.clear_all, [None]),
        ("high contrast", lambda: ex.set_high_contrast(base, {"on": True}, course),
         ex.set_high_contrast, [{"on": True}, {"on": False}]),
    ]

    session = ex.ExplorerSession(course)
    session.matrix_part(), session.checker_part(), session.body_map_part()
    results = []
    for name, plain, callback, events in cases:
        plain_ms = _median_ms(plain, runs)
        session.state = ticked  # every case starts from the same screen: two everyday symptoms ticked
        session.apply(ex.full_display(ticked, course))
        if callback is None:
            clicked = session.controls["matrix"]

            def live(clicked: Any = clicked) -> None:
                session.state, display = ex.select_cell_at(session.state, 9, 5, clicked._legpain_view, course)
                session.apply(display)
        else:
            cycle = {"i": 0}

            def live(callback: Callable[..., Any] = callback, events: list[Any] = events, cycle: dict[str, int] = cycle) -> None:
                session.run(callback, events[cycle["i"] % len(events)])
                cycle["i"] += 1

        live_ms = _median_ms(live, max(20, runs // 4))
        results.append((name, plain_ms, live_ms))
    return results


def _run_notebook(path: Path, source: str | None = None) -> float:
    import nbformat
    from nbclient import NotebookClient

    if source is not None:
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source)])
    else:
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "code":
                cell.outputs = []
                cell.execution_count = None
    client = NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOKS)}}, record_timing=False)
    start = time.perf_counter()
    client.execute()
    return time.perf_counter() - start


def bench_notebooks(reps: int, only: list[str]) -> tuple[float, list[tuple[str, float, float]]]:
    paths = sorted(p for p in NOTEBOOKS.glob("*.ipynb") if not p.name.startswith("_"))
    if only:
        paths = [p for p in paths if any(o in p.name for o in only)]
    floor_times: list[float] = []
    times: dict[str, list[float]] = {p.name: [] for p in paths}
    for rep in range(reps):
        floor_times.append(_run_notebook(NOTEBOOKS / "floor.ipynb", FLOOR_SOURCE))
        for path in paths:
            try:
                times[path.name].append(_run_notebook(path))
            except Exception as exc:  # a notebook being written right now may fail; report it and go on
                print(f"  {path.name}: run failed ({type(exc).__name__}: {str(exc).splitlines()[0][:120]})", file=sys.stderr)
        print(f"  repetition {rep + 1} of {reps} done", file=sys.stderr, flush=True)
    floor = statistics.median(floor_times)
    rows = [(name, statistics.median(t), statistics.median(t) / floor) for name, t in times.items() if t]
    return floor, rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=200, help="runs per callback (median)")
    parser.add_argument("--reps", type=int, default=3, help="repetitions of each notebook run (median)")
    parser.add_argument("--only", nargs="*", default=[], help="only notebooks whose name contains one of these")
    parser.add_argument("--skip-notebooks", action="store_true")
    parser.add_argument("--skip-callbacks", action="store_true")
    args = parser.parse_args(argv)

    if not args.skip_callbacks:
        print(f"\nExplorer callbacks (median of {args.runs} runs; target {CALLBACK_TARGET_MS:g} ms each)")
        print(f"{'callback':<28} {'plain ms':>9} {'with widgets ms':>16}  result")
        print("-" * 64)
        for name, plain_ms, live_ms in bench_callbacks(args.runs):
            ok = plain_ms <= CALLBACK_TARGET_MS
            print(f"{name:<28} {plain_ms:>9.3f} {live_ms:>16.3f}  {'PASS' if ok else 'MISS'}")
        print("('with widgets' also updates the ipywidgets and FigureWidgets in place, without a browser.)")

    if not args.skip_notebooks:
        print(f"\nNotebook run-all time (fresh kernel, nbclient; median of {args.reps}; target <= {FLOOR_RATIO:g} x floor)")
        floor, rows = bench_notebooks(args.reps, args.only)
        print(f"{'notebook':<44} {'seconds':>8} {'x floor':>8}  result")
        print("-" * 72)
        print(f"{'floor (import pandas, plotly, ipywidgets)':<44} {floor:>8.2f} {1.0:>8.2f}")
        for name, seconds, ratio in rows:
            print(f"{name:<44} {seconds:>8.2f} {ratio:>8.2f}  {'PASS' if ratio <= FLOOR_RATIO else 'MISS'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
