"""The symptom checker (notebook 08) on a projector: the urgency and what to do are seen together.

At 1280 x 720, in JupyterLab and in Voila, in normal, presentation and high-contrast modes: after
a red flag is ticked, with the banner brought to the top of the screen (no further), the route
(where she goes and how soon: the first advice item of the assessment) is on screen too, and it is
said once in the panel, so a screen reader does not read it twice. The red flag and its route come
from data/symptoms.csv and data/advice.csv, not from the code under test.
"""

from __future__ import annotations

import time
from typing import Any, Iterator, Optional

import pytest

from browser_support import controls, explorer as ex, layout
from browser_support.pages import LAB_ROOT, root_selector
from browser_support.settings import DATA, NOTEBOOKS, STEP_TIMEOUT
from legpain import load_course
from legpain.levels import RED_FLAG_FLOOR

COURSE = load_course(DATA)
IN_COMBINATIONS = {s for rule in COURSE.rules.values() if len(rule.all_of) > 1 for s in rule.all_of}

pytestmark = pytest.mark.skipif(not (NOTEBOOKS / ex.NOTEBOOK).is_file(), reason=f"{ex.NOTEBOOK} has not been written yet")


def red_flag_with_route() -> Any:
    """The first red flag in data/symptoms.csv (at urgent, the lowest red-flag level, where the banner
    has most to say) that no combination rule raises, with the route data/symptoms.csv gives it."""
    for symptom in COURSE.symptoms.values():
        if symptom.red_flag and symptom.id not in IN_COMBINATIONS and symptom.route and COURSE.single_symptom_level(symptom.id) == RED_FLAG_FLOOR:
            return symptom
    raise LookupError("no urgent red flag with a route in data/symptoms.csv")


FLAG = red_flag_with_route()
ROUTE = COURSE.advice[FLAG.route].text


class Checker:
    def __init__(self, kind: str, page: Any):
        self.kind, self.page = kind, page
        self.root = root_selector(kind)
        self.panel = ex.part(page.locator(self.root).first, ex.CHECKER_TITLE)

    def wait_banner(self, expected: Optional[str]) -> Optional[str]:
        deadline = time.monotonic() + STEP_TIMEOUT / 1000
        level = ex.banner_level(self.panel)
        while level != expected and time.monotonic() < deadline:
            time.sleep(0.05)
            level = ex.banner_level(self.panel)
        return level

    def visible_area(self) -> dict[str, float]:
        """Top and bottom of the part of the window that shows the notebook (JupyterLab's toolbar and
        status bar hide the rest)."""
        if self.kind == "lab":
            outer = LAB_ROOT.replace(" .jp-Notebook", " .jp-WindowedPanel-outer")
            return self.page.evaluate("s => { const r = document.querySelector(s).getBoundingClientRect(); return {top: r.top, bottom: r.bottom}; }", outer)
        return self.page.evaluate("() => ({top: 0, bottom: document.documentElement.clientHeight})")


@pytest.fixture(scope="module", params=["lab", "voila"])
def checker(request: Any, browser: Any) -> Iterator[Checker]:
    kind = request.param
    server = request.getfixturevalue(f"{kind}_server")
    context = browser.new_context(viewport=layout.PROJECTOR)
    context.set_default_timeout(STEP_TIMEOUT)
    page = context.new_page()
    try:
        with ex.opened(page, server, kind):
            if kind == "lab":  # the file browser closed, as a lecturer has it on a projector
                page.evaluate("() => { if (!window.jupyterapp.shell.leftCollapsed) window.jupyterapp.commands.execute('application:toggle-left-area'); }")
            found = Checker(kind, page)
            found.panel.wait_for(state="visible", timeout=60_000)
            yield found
    finally:
        context.close()


@pytest.mark.parametrize("mode", layout.MODES)
def test_banner_and_route_are_seen_together(checker: Checker, mode: str) -> None:
    layout.set_mode(checker.page, checker.root, mode)
    controls.perform(checker.panel, "click", "Clear all")
    assert checker.wait_banner(None) is None
    controls.perform(checker.panel, "check", FLAG.label)
    level = COURSE.single_symptom_level(FLAG.id).value
    assert checker.wait_banner(level) == level, f"ticking the red flag {FLAG.label!r} did not show the {level} banner"
    banner = checker.panel.locator(".legpain-banner").first
    # The student scrolls until the banner is at the top of the screen, and no further.
    banner.evaluate("e => e.scrollIntoView({block: 'start'})")
    checker.page.wait_for_timeout(300)
    route = checker.panel.get_by_text(ROUTE[:60])
    assert route.count() == 1, f"the route is said {route.count()} times in the checker ({checker.kind}, {mode}): {ROUTE!r}"
    area = checker.visible_area()
    shown, said = banner.bounding_box(), route.bounding_box()
    assert shown is not None and said is not None
    where = f"({checker.kind}, {mode}; visible {area['top']:.0f} to {area['bottom']:.0f} px)"
    assert area["top"] - 1 <= shown["y"] and shown["y"] + shown["height"] <= area["bottom"] + 1, f"the banner is not on screen {where}: {shown}"
    assert area["top"] - 1 <= said["y"] and said["y"] + said["height"] <= area["bottom"] + 1, (
        f"the route {ROUTE[:40]!r}... is not on screen with the banner {where}: banner {shown}, route {said}"
    )
