"""The symptom-to-advice explorer (notebook 08), in JupyterLab and in Voila (the class view).

One test per outcome path: each urgency level shows its banner, a red flag ticked after
everyday symptoms escalates at once, and "Clear all" resets. Which symptom gives which
level comes from data/symptoms.csv, not from the code under test.
"""

from __future__ import annotations

import time
from typing import Any, Callable, Iterator, Optional

import pytest

from browser_support import controls, explorer as ex, page_checks
from browser_support.pages import notebook_root
from browser_support.settings import DATA, NOTEBOOKS, STEP_TIMEOUT
from legpain import load_course
from legpain.levels import LEVELS, Level

COURSE = load_course(DATA)
KINDS = ["lab", "voila"]

pytestmark = pytest.mark.skipif(not (NOTEBOOKS / ex.NOTEBOOK).is_file(), reason=f"{ex.NOTEBOOK} has not been written yet")


IN_COMBINATIONS = {s for rule in COURSE.rules.values() if len(rule.all_of) > 1 for s in rule.all_of}


def first_symptom(level: Level, red_flag: Optional[bool] = None) -> Any:
    """The first symptom in data/symptoms.csv whose level on its own, with the stage not given
    (the checker's default, counted as the most dangerous stage), is ``level``."""
    for symptom in COURSE.symptoms.values():
        if symptom.id in IN_COMBINATIONS:
            continue  # a symptom that a combination rule can raise would blur what a test shows
        if COURSE.single_symptom_level(symptom.id) == level and (red_flag is None or symptom.red_flag == red_flag):
            return symptom
    raise LookupError(f"no symptom with level {level.value} in data/symptoms.csv")


class Explorer:
    def __init__(self, kind: str, page: Any):
        self.kind, self.page = kind, page
        self.root = notebook_root(page, kind)
        self.checker = ex.part(self.root, ex.CHECKER_TITLE)
        self.matrix = ex.part(self.root, ex.MATRIX_TITLE)

    def wait_banner(self, expected: Optional[str], timeout_s: float = STEP_TIMEOUT / 1000) -> Optional[str]:
        deadline = time.monotonic() + timeout_s
        level = ex.banner_level(self.checker)
        while level != expected and time.monotonic() < deadline:
            time.sleep(0.05)
            level = ex.banner_level(self.checker)
        return level

    def clear(self) -> None:
        controls.perform(self.checker, "click", "Clear all")
        self.wait_banner(None)


@pytest.fixture(scope="module", params=KINDS)
def explorer(request: Any, new_page: Callable[..., Any]) -> Iterator[Explorer]:
    kind = request.param
    server = request.getfixturevalue(f"{kind}_server")
    with new_page() as page, ex.opened(page, server, kind):
        explorer = Explorer(kind, page)
        explorer.checker.wait_for(state="visible", timeout=60_000)
        yield explorer


@pytest.mark.parametrize("level", LEVELS, ids=[lv.value for lv in LEVELS])
def test_each_level_shows_its_banner(explorer: Explorer, level: Level) -> None:
    explorer.clear()
    symptom = first_symptom(level)
    controls.perform(explorer.checker, "check", symptom.label)
    shown = explorer.wait_banner(level.value)
    assert shown == level.value, f"ticking {symptom.label!r} (level {level.value} in data/symptoms.csv) showed banner {shown!r}"
    banner = explorer.checker.locator(".legpain-banner")
    assert banner.is_visible()
    assert level.label.upper() in banner.inner_text()
    if symptom.red_flag:
        flags = explorer.checker.locator(".legpain-red-flags")
        assert symptom.label in flags.inner_text(), "the red flag that set the level is not named"


def test_red_flag_escalates_at_once(explorer: Explorer) -> None:
    explorer.clear()
    everyday = [first_symptom(Level.SELF_CARE), first_symptom(Level.ROUTINE)]
    for symptom in everyday:
        controls.perform(explorer.checker, "check", symptom.label)
    assert explorer.wait_banner(Level.ROUTINE.value) == Level.ROUTINE.value
    flag = first_symptom(Level.URGENT, red_flag=True)
    started = time.monotonic()
    controls.perform(explorer.checker, "check", flag.label)
    shown = explorer.wait_banner(Level.URGENT.value)
    assert shown == Level.URGENT.value, f"ticking the red flag {flag.label!r} left the banner at {shown!r}"
    assert flag.label in explorer.checker.locator(".legpain-red-flags").inner_text()
    # "At once": the one tick is enough, with no other button to press; and it is quick.
    assert time.monotonic() - started < 5, "the banner took more than 5 s to escalate"


def test_clear_all_resets(explorer: Explorer) -> None:
    explorer.clear()
    controls.perform(explorer.checker, "check", first_symptom(Level.EMERGENCY).label)
    assert explorer.wait_banner(Level.EMERGENCY.value) == Level.EMERGENCY.value
    controls.perform(explorer.checker, "click", "Clear all")
    assert explorer.wait_banner(None) is None, "a banner is still shown after Clear all"
    # Each box's new value is its own message from the kernel, so the page may draw the result
    # a moment before the last box; give the boxes the same deadline as the banner.
    ticked = explorer.checker.locator("input[type=checkbox]:checked")
    deadline = time.monotonic() + STEP_TIMEOUT / 1000
    while ticked.count() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert ticked.count() == 0, f"{ticked.count()} boxes still ticked after Clear all"
    message = COURSE.advice["nothing_selected"].text
    explorer.checker.get_by_text(message).wait_for(state="visible")


def test_matrix_filter_by_level(explorer: Explorer) -> None:
    emergency = [s for s in COURSE.symptoms.values() if s.level == Level.EMERGENCY]
    controls.perform(explorer.matrix, "select", "Urgency level", Level.EMERGENCY.label)
    expected = f"shows {len(emergency)} of {len(COURSE.symptoms)} symptoms"
    explorer.matrix.get_by_text(expected).wait_for(state="visible")
    controls.perform(explorer.matrix, "select", "Urgency level", "All levels")
    explorer.matrix.get_by_text(f"shows {len(COURSE.symptoms)} of {len(COURSE.symptoms)} symptoms").wait_for(state="visible")


@pytest.mark.parametrize("level", LEVELS, ids=[lv.value for lv in LEVELS])
def test_banner_is_accessible(explorer: Explorer, level: Level, axe_path: str) -> None:
    """Each banner's colours pass WCAG AA contrast, and the panel around it has no serious axe finding."""
    explorer.clear()
    controls.perform(explorer.checker, "check", first_symptom(level).label)
    assert explorer.wait_banner(level.value) == level.value
    violations = page_checks.serious_violations(page_checks.run_axe(explorer.page, ".legpain-explorer"))
    bad = [f"{v['id']} ({v['impact']}): " + "; ".join(n["target"] for n in v["nodes"][:5]) for v in violations]
    assert bad == [], f"axe-core in the explorer with the {level.value} banner ({explorer.kind})"


def test_result_stays_in_view_after_a_tick_low_in_the_list(explorer: Explorer) -> None:
    """Ticking the last box of the list leaves the banner on screen beside it, at 1280 x 720."""
    explorer.page.set_viewport_size({"width": 1280, "height": 720})
    explorer.clear()
    last = list(COURSE.symptoms.values())[-1]
    # The student brings the checker to the top of the screen, then scrolls the list of boxes.
    explorer.checker.locator(".legpain-result-column").evaluate("e => e.scrollIntoView({block: 'start'})")
    box = controls.find_control(explorer.checker, last.label)
    box.evaluate("e => e.scrollIntoView({block: 'nearest'})")
    controls.perform(explorer.checker, "check", last.label)
    assert explorer.wait_banner(COURSE.single_symptom_level(last.id).value)
    banner = explorer.checker.locator(".legpain-banner").first.bounding_box()
    height = explorer.page.viewport_size["height"]
    assert banner is not None and banner["y"] >= 0 and banner["y"] + banner["height"] <= height, banner


def test_matrix_column_names_do_not_overlap_at_projector_size(explorer: Explorer) -> None:
    """At 1280 x 720 the cause names over the matrix stay on screen and no two of them touch."""
    explorer.page.set_viewport_size({"width": 1280, "height": 720})
    explorer.matrix.scroll_into_view_if_needed()
    explorer.matrix.locator(".xtick text").first.wait_for(state="attached")
    # Each name is one <text> per cause; its written lines are <tspan> elements (blank lines,
    # which lift every other name, are left out).
    lines = explorer.matrix.locator(".xtick text").evaluate_all(
        """els => els.map((e, i) => [...(e.querySelectorAll('tspan').length ? e.querySelectorAll('tspan') : [e])]
             .filter(t => t.textContent.trim())
             .map(t => { const r = t.getBoundingClientRect(); return [i, r.left, r.top, r.right, r.bottom]; })).flat()"""
    )
    assert len({line[0] for line in lines}) == len(COURSE.causes)
    for n, a in enumerate(lines):
        for b in lines[n + 1:]:
            if a[0] == b[0]:
                continue
            overlap = a[1] < b[3] and b[1] < a[3] and a[2] < b[4] and b[2] < a[4]
            assert not overlap, (a, b)
    width = explorer.page.evaluate("() => document.documentElement.clientWidth")
    assert max(line[3] for line in lines) <= width
