"""Where a woman goes and what she does: the route first, then the actions and safety-nets of the likely causes.

At urgent or above the route is the route of the most urgent red flag (or matching rule), so a
suspected cauda equina sends her to A&E and signs of pre-eclampsia to the maternity unit; when two
red flags at that level name different places, the place listed first in data/destinations.csv is
chosen. No other action names a different place. Actions never ask for more than the level, and at
urgent or above only actions of exactly that level are shown. A safety-net says what would need a
faster route.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Optional, Sequence

from .content import Course
from .levels import RED_FLAG_FLOOR, Level

MAX_CAUSE_ADVICE = 3


@dataclass(frozen=True)
class AdviceItem:
    """One piece of advice, with its kind, the level it belongs to and its sources."""

    id: str
    text: str
    level: Level
    source_ids: tuple[str, ...]
    cause_id: Optional[str] = None
    kind: str = "action"
    destination: Optional[str] = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "text": self.text,
            "level": self.level.value,
            "destination": self.destination,
            "source_ids": list(self.source_ids),
        }


@lru_cache(maxsize=4096)
def item(course: Course, advice_id: str) -> AdviceItem:
    """One row of data/advice.csv as an advice item."""
    row = course.advice[advice_id]
    return AdviceItem(row.id, row.text, row.level, tuple(row.source_ids), row.cause_id, row.kind, row.destination)


@lru_cache(maxsize=1024)
def _cause_advice(course: Course, cause_id: str) -> tuple[Any, ...]:
    return tuple(course.advice_for_cause(cause_id))


def advice_fits(kind: str, advice_level: Level, level: Level) -> bool:
    """Whether an advice item may be shown beside an assessed level.

    Below urgent, an action is shown when it asks for no more than the level.
    At urgent or above, only actions of exactly that level are shown: no
    self-care or routine advice beside a red flag, and no "same day" beside
    "now". A safety-net item is shown when the route it names is more urgent
    than the level: it says what would need a faster route.
    """
    if kind == "safety-net":
        return advice_level > level
    if level >= RED_FLAG_FLOOR:
        return advice_level == level
    return advice_level <= level


def route_for(course: Course, level: Level, ordered: Sequence[str], matched: Sequence[Any]) -> AdviceItem:
    """Where to go: the route of the most urgent red flag or matching rule, at exactly the level.

    Below urgent, or if nothing names a route at the level, it is the level's general route.
    Among routes at the level, the one whose place comes first in data/destinations.csv wins.
    """
    candidates = [course.symptom_route(s) for s in ordered if course.symptoms[s].level == level]
    candidates += [course.advice[rule.route] for rule in matched if rule.level == level]
    if level < RED_FLAG_FLOOR or not candidates:
        return item(course, course.route_advice(level).id)
    order = _destination_order(course)
    best = min(candidates, key=lambda row: order.get(row.destination or "", len(order)))
    return item(course, best.id)


@lru_cache(maxsize=8)
def _destination_order(course: Course) -> dict[str, int]:
    return {destination: i for i, destination in enumerate(course.destinations)}


def advice_for(course: Course, level: Level, causes: list[str], route: AdviceItem, chosen: set[str]) -> list[AdviceItem]:
    actions: list[AdviceItem] = []
    nets: list[AdviceItem] = []
    for cause_id in causes[:MAX_CAUSE_ADVICE]:
        for row in _cause_advice(course, cause_id):
            if not advice_fits(row.kind, row.level, level):
                continue
            if row.only_with and chosen.isdisjoint(row.only_with):
                continue  # advice about a symptom that is not ticked (a bleeding vein beside a tender one)
            if row.kind == "safety-net":
                nets.append(item(course, row.id))
            elif row.destination is None or row.destination == route.destination:
                actions.append(item(course, row.id))
    return [route, *actions, *nets]


