"""The symptom checker's banner says the level and, inside it, the route: where she goes and how soon.

On a projector the banner is what a class sees first, so the route sits in it, not at the foot of
the advice list; and it is said once, so a screen reader does not read it twice. The route each
symptom gives comes from data/symptoms.csv and data/advice.csv (Course.symptom_route).
"""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

import pytest

from legpain import load_course
from legpain.explorer import ExplorerState, tick_symptom
from legpain.levels import Level

COURSE = load_course()


class _Parts(HTMLParser):
    """The text of each element with a given class (the first one), and the live regions' classes."""

    def __init__(self, classes: tuple[str, ...]):
        super().__init__()
        self.wanted = classes
        self.text = {name: "" for name in classes}
        self.open: list[tuple[str, int]] = []  # (class, depth) of each wanted element we are inside
        self.depth = 0
        self.live: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.depth += 1
        names = (dict(attrs).get("class") or "").split()
        if dict(attrs).get("aria-live"):
            self.live.append(" ".join(names))
        for name in self.wanted:
            if name in names and not self.text[name]:
                self.open.append((name, self.depth))

    def handle_endtag(self, tag: str) -> None:
        self.open = [(name, depth) for name, depth in self.open if depth < self.depth]
        self.depth -= 1

    def handle_data(self, data: str) -> None:
        for name, _ in self.open:
            self.text[name] += data


def _parts(html: str) -> _Parts:
    parts = _Parts(("legpain-banner", "legpain-banner-level", "legpain-banner-route", "legpain-advice"))
    parts.feed(html)
    for name, text in parts.text.items():
        parts.text[name] = re.sub(r"\s+", " ", unescape(text)).strip()
    return parts


def _checker_html(*symptom_ids: str) -> str:
    state = ExplorerState()
    html = ""
    for symptom_id in symptom_ids:
        state, display = tick_symptom(state, {"symptom": symptom_id, "ticked": True}, COURSE)
        html = display.checker_html or ""
    return html


# Each symptom on its own, where no stage rule raises it (then a rule's route may apply instead).
ON_THEIR_OWN = [s.id for s in COURSE.symptoms.values() if COURSE.single_symptom_level(s.id) == s.level]


@pytest.mark.parametrize("symptom_id", ON_THEIR_OWN)
def test_the_banner_says_the_level_and_then_the_route_once(symptom_id: str) -> None:
    symptom = COURSE.symptoms[symptom_id]
    route = COURSE.symptom_route(symptom_id).text
    html = _checker_html(symptom_id)
    parts = _parts(html)
    assert parts.text["legpain-banner-level"].endswith(symptom.level.label.upper()), parts.text["legpain-banner-level"]
    assert route in parts.text["legpain-banner-route"], f"{symptom_id}: the banner does not give the route {route!r}"
    # One live region, the banner, holds both: a screen reader announces the level with the route.
    assert parts.live == [f"legpain-banner legpain-level-{symptom.level.value}"]
    banner = parts.text["legpain-banner"]
    assert banner.index(symptom.level.label.upper()) < banner.index(route)
    # Said once: not again in the list of the causes' advice below.
    assert unescape(re.sub(r"<[^>]+>", " ", html)).count(route) == 1
    assert route not in parts.text["legpain-advice"]


def test_the_causes_advice_stays_in_the_list_below() -> None:
    flag = next(s for s in ON_THEIR_OWN if COURSE.symptoms[s].red_flag and COURSE.symptoms[s].level == Level.URGENT)
    parts = _parts(_checker_html(flag))
    assert parts.text["legpain-advice"], "no advice for the likely causes under the banner"
    assert "What to do first:" in parts.text["legpain-banner-route"]
    assert "What to do first:" not in parts.text["legpain-advice"]


IN_COMBINATIONS = {s for rule in COURSE.rules.values() if len(rule.all_of) > 1 for s in rule.all_of}


def test_two_red_flags_give_the_route_of_the_more_urgent_one_in_the_banner() -> None:
    # Two that no combination rule joins (a rule may name a route of its own).
    alone = [s for s in ON_THEIR_OWN if s not in IN_COMBINATIONS]
    urgent = next(s for s in alone if COURSE.symptoms[s].red_flag and COURSE.symptoms[s].level == Level.URGENT)
    emergency = next(s for s in alone if COURSE.symptoms[s].level == Level.EMERGENCY)
    parts = _parts(_checker_html(urgent, emergency))
    assert parts.text["legpain-banner-level"].endswith(Level.EMERGENCY.label.upper())
    assert COURSE.symptom_route(emergency).text in parts.text["legpain-banner-route"]
    assert COURSE.symptom_route(urgent).text not in parts.text["legpain-banner"]
