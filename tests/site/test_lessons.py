"""Every lesson of the browser version of the course, run from the copy the browser keeps, with
the server switched off and every other host blocked (see conftest.py).

Lessons are found at run time (notebooks/[0-9][0-9]_*.ipynb, as `make site` finds them). Each one
is opened in the same JupyterLab page, run with Run All, looked at, and closed with its kernel.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any, Iterator, Optional

import pytest

import notebook_checks as nc
import site_support as ss
from browser_support import controls, explorer, live_figures, notebooks, page_checks
from browser_support.pages import LAB_ROOT, notebook_root
from browser_support.settings import DATA, STEP_TIMEOUT
from legpain import load_course
from legpain.levels import Level

NOTEBOOKS = notebooks.notebook_names()
EXPLORER = explorer.NOTEBOOK
# The site answers one self-check, in the first lesson that has one; tests/browser answers every
# self-check of every lesson in JupyterLab.
QUIZ_LESSON = next((name for name in NOTEBOOKS if nc.has_quiz(name)), None)
COURSE = load_course(DATA)


@dataclass
class Lesson:
    name: str
    page: Any
    run: dict[str, Any]
    seconds: float

    @property
    def root(self) -> Any:
        return notebook_root(self.page, "lab")


def _current_path(page: Any) -> Optional[str]:
    return page.evaluate("() => { const w = window.jupyterapp.shell.currentWidget; return w && w.context ? w.context.path : null; }")


# Tests that check one lesson only; every other test runs for every lesson. The lesson fixture is
# shared (one Run All per lesson), whichever tests ask for it.
ONLY_IN = {
    "test_one_self_check": [QUIZ_LESSON] if QUIZ_LESSON else [],
    "test_red_flag_escalates_the_banner": [EXPLORER],
    "test_the_body_map_follows_its_menu": [EXPLORER],
}


def pytest_generate_tests(metafunc: Any) -> None:
    if "lesson" in metafunc.fixturenames:
        names = [n for n in ONLY_IN.get(metafunc.function.__name__, NOTEBOOKS) if n in NOTEBOOKS]
        metafunc.parametrize("lesson", names, indirect=True, scope="module")


@pytest.fixture(scope="module")
def lesson(request: Any, offline_site: Any) -> Iterator[Lesson]:
    name = request.param
    page = offline_site.page
    if _current_path(page) != name:
        ss.close_notebook(page)
        ss.open_notebook(page, name)
    started = time.monotonic()
    run = ss.run_all_and_wait(page)
    yield Lesson(name, page, run, time.monotonic() - started)


def test_runs_without_errors(lesson: Lesson) -> None:
    assert lesson.run["ok"] is True, f"Run All did not finish cleanly in the site (result {lesson.run['ok']!r})"
    assert nc.error_outputs(lesson.run["cells"]) == []
    assert page_checks.visible_error_texts(lesson.root) == []


def test_figures_render(lesson: Lesson) -> None:
    """As many plotly figures as the lesson shows in JupyterLab, each drawn (an SVG with its data)."""
    saved = ss.saved_counts(lesson.name)
    produced = notebooks.count_mime([o for cell in lesson.run["cells"] for o in cell["outputs"]], notebooks.PLOTLY_MIME)
    assert produced == saved["plotly"], f"{produced} plotly outputs in the site, {saved['plotly']} in the saved JupyterLab run"
    # A lesson whose figures are all inside widget panels (the explorer's) has no plotly output of
    # its own: a notebook with a widget panel (other than a self-check) shows at least one figure.
    least = saved["plotly"] or (1 if saved["widgets"] else 0)
    if least == 0:
        pytest.skip(f"{lesson.name} shows no figure and no widget panel in JupyterLab either")
    try:
        lesson.page.wait_for_function(
            """([root, n]) => Array.from(document.querySelectorAll(root + ' .js-plotly-plot'))
                     .filter(g => g.querySelector('svg.main-svg')).length >= n""",
            arg=[LAB_ROOT, least], timeout=30_000,
        )
    except Exception:
        pass  # the assertions below say what is missing
    graphs = page_checks.plotly_status(lesson.root)
    assert len(graphs) >= least, f"{len(graphs)} plotly graphs drawn; expected at least {least}"
    not_drawn = [g for g in graphs if not g["svg"] or (g["traces"] == 0 and g["values"] > 0)]
    assert not_drawn == [], f"plotly graphs without an SVG or without their data: {not_drawn}"


def test_one_self_check(lesson: Lesson) -> None:
    assert nc.answer_quiz(lesson.root, lesson.name) == []


COMBINED = {s for rule in COURSE.rules.values() if len(rule.all_of) > 1 for s in rule.all_of}


def _first_symptom(level: Level, red_flag: Optional[bool] = None) -> Any:
    """The first symptom whose level on its own, with the stage not given, is ``level`` (leaving
    out symptoms that a combination rule can raise)."""
    for symptom in COURSE.symptoms.values():
        if symptom.id in COMBINED:
            continue
        if COURSE.single_symptom_level(symptom.id) == level and (red_flag is None or symptom.red_flag == red_flag):
            return symptom
    raise LookupError(f"no symptom with level {level.value} in data/symptoms.csv")


def _banner(checker: Any, expected: Optional[str], timeout_s: float = STEP_TIMEOUT / 1000) -> Optional[str]:
    deadline = time.monotonic() + timeout_s
    level = explorer.banner_level(checker)
    while level != expected and time.monotonic() < deadline:
        time.sleep(0.05)
        level = explorer.banner_level(checker)
    return level


def test_red_flag_escalates_the_banner(lesson: Lesson) -> None:
    """In the symptom checker, ticking a red flag after everyday symptoms raises the banner at once."""
    checker = explorer.part(lesson.root, explorer.CHECKER_TITLE)
    checker.wait_for(state="visible", timeout=60_000)
    for symptom in (_first_symptom(Level.SELF_CARE), _first_symptom(Level.ROUTINE)):
        controls.perform(checker, "check", symptom.label)
    assert _banner(checker, Level.ROUTINE.value) == Level.ROUTINE.value
    flag = _first_symptom(Level.URGENT, red_flag=True)
    controls.perform(checker, "check", flag.label)
    shown = _banner(checker, Level.URGENT.value)
    assert shown == Level.URGENT.value, f"ticking the red flag {flag.label!r} left the banner at {shown!r}"
    assert flag.label in checker.locator(".legpain-red-flags").inner_text()


def test_the_body_map_follows_its_menu(lesson: Lesson) -> None:
    """A live figure (plotly's FigureWidget, started by the course's small module) redraws when
    Python changes it: the chosen region of the body map is marked."""
    body_map = explorer.part(lesson.root, explorer.BODY_MAP_TITLE)
    body_map.locator(".js-plotly-plot").first.wait_for(state="visible", timeout=60_000)
    region = next(iter(COURSE.regions.values()))
    marked = live_figures.follows(body_map, lambda: controls.perform(body_map, "select", "Body map region", region.label))
    assert marked, "the body map did not mark the chosen region"
