"""The triage engine: from ticked symptoms to a level, likely causes and advice.

The level is the highest of the levels of the ticked symptoms and of the
combination rules that match. Rules can only raise the level, so a red flag is
never talked down and adding a symptom never lowers the level.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Iterable, Optional, Sequence

from .data import Course, load_course
from .levels import LEVELS, Level

if TYPE_CHECKING:
    import numpy as np

SERIOUSNESS_ORDER = {"dangerous": 0, "needs-review": 1, "everyday": 2}
MAX_CAUSE_ADVICE = 3


@dataclass(frozen=True)
class AdviceItem:
    """One piece of advice, with the level it belongs to and its sources."""

    id: str
    text: str
    level: Level
    source_ids: tuple[str, ...]
    cause_id: Optional[str] = None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "text": self.text, "level": self.level.value, "source_ids": list(self.source_ids)}


@dataclass(frozen=True)
class Assessment:
    """What the engine concludes from a set of symptoms."""

    level: Level
    causes: list[str]
    red_flags: list[str]
    advice: list[AdviceItem]
    symptoms: tuple[str, ...] = ()
    weeks: Optional[int] = None
    scores: dict[str, int] = field(default_factory=dict)
    reasons: list[str] = field(default_factory=list)

    @property
    def nothing_selected(self) -> bool:
        return not self.symptoms

    def to_dict(self) -> dict[str, Any]:
        return {
            "level": self.level.value,
            "causes": list(self.causes),
            "red_flags": list(self.red_flags),
            "advice": [item.to_dict() for item in self.advice],
        }


def check_weeks(weeks: Any) -> Optional[int]:
    """Return a valid week of pregnancy (1-42) or None; raise ValueError otherwise."""
    if weeks is None:
        return None
    if isinstance(weeks, bool) or not isinstance(weeks, int):
        if isinstance(weeks, float) and weeks.is_integer():
            weeks = int(weeks)
        else:
            raise ValueError(f"The week of pregnancy must be a whole number from 1 to 42; you gave {weeks!r}.")
    if not 1 <= weeks <= 42:
        raise ValueError(f"The week of pregnancy must be from 1 to 42; you gave {weeks}. Leave it empty if you do not know it.")
    return weeks


def check_symptoms(symptom_ids: Iterable[str], course: Course) -> tuple[str, ...]:
    """Return the ids in data order without repeats; raise ValueError naming unknown ids."""
    if isinstance(symptom_ids, str):
        symptom_ids = [symptom_ids]
    chosen = set()
    for symptom_id in symptom_ids:
        if symptom_id not in course.symptoms:
            close = difflib.get_close_matches(str(symptom_id), list(course.symptoms), n=3, cutoff=0.6)
            hint = f" Did you mean {' or '.join(repr(c) for c in close)}?" if close else " See data/symptoms.csv for the list of symptom ids."
            raise ValueError(f"Unknown symptom id {symptom_id!r}.{hint}")
        chosen.add(symptom_id)
    return tuple(s for s in course.symptoms if s in chosen)


def _rule_applies(rule: Any, chosen: set[str], weeks: Optional[int]) -> bool:
    if not chosen.issuperset(rule.all_of):
        return False
    if rule.min_week is None and rule.max_week is None:
        return True
    if weeks is None:
        return False
    low = rule.min_week or 1
    high = rule.max_week or 42
    return low <= weeks <= high


def level_for(symptom_ids: Iterable[str], weeks: Optional[int] = None, course: Optional[Course] = None) -> Level:
    """Only the level of an assessment; the same rule as :func:`assess` uses."""
    course = course or load_course()
    chosen = set(check_symptoms(symptom_ids, course))
    weeks = check_weeks(weeks)
    return _level(course, chosen, weeks)


def _level(course: Course, chosen: set[str], weeks: Optional[int]) -> Level:
    rank = 0
    for symptom_id in chosen:
        rank = max(rank, course.symptoms[symptom_id].level.rank)
    for rule in course.rules.values():
        if rule.level.rank > rank and _rule_applies(rule, chosen, weeks):
            rank = rule.level.rank
    return LEVELS[rank]


@lru_cache(maxsize=4096)
def _rows_for_symptom(course: Course, symptom_id: str) -> tuple[Any, ...]:
    return tuple(course.rows_for_symptom(symptom_id))


@lru_cache(maxsize=4096)
def _item(course: Course, advice_id: str) -> AdviceItem:
    row = course.advice[advice_id]
    return AdviceItem(row.id, row.text, row.level, tuple(row.source_ids), row.cause_id)


def assess(symptom_ids: Iterable[str], weeks: Optional[int] = None, course: Optional[Course] = None) -> Assessment:
    """Assess a set of symptom ids, optionally at a week of pregnancy (1-42)."""
    course = course or load_course()
    ordered = check_symptoms(symptom_ids, course)
    weeks = check_weeks(weeks)
    chosen = set(ordered)

    if not chosen:
        return Assessment(Level.SELF_CARE, [], [], [_item(course, "nothing_selected")], (), weeks)

    matched = [rule for rule in course.rules.values() if _rule_applies(rule, chosen, weeks)]
    level = _level(course, chosen, weeks)

    scores: dict[str, int] = {}
    for symptom_id in ordered:
        for row in _rows_for_symptom(course, symptom_id):
            scores[row.cause_id] = scores.get(row.cause_id, 0) + row.weight
    for rule in matched:
        if rule.cause_id is not None:
            scores[rule.cause_id] = scores.get(rule.cause_id, 0) + 2
    if weeks is not None:
        for cause_id in list(scores):
            from_week = course.causes[cause_id].from_week
            if from_week is not None and weeks < from_week:
                del scores[cause_id]
    causes = sorted(
        scores,
        key=lambda c: (-scores[c], SERIOUSNESS_ORDER[course.causes[c].seriousness], c),
    )

    flags = [s for s in ordered if course.symptoms[s].red_flag]
    for rule in matched:
        if rule.level >= Level.URGENT:
            flags.extend(s for s in rule.all_of if s not in flags)
    flags.sort(key=lambda s: (-course.symptoms[s].level.rank, ordered.index(s)))

    advice = [_item(course, course.route_advice(level).id)]
    for cause_id in causes[:MAX_CAUSE_ADVICE]:
        for row in course.advice_for_cause(cause_id):
            advice.append(_item(course, row.id))
    reasons = [rule.reason for rule in matched]

    return Assessment(level, causes, flags, advice, ordered, weeks, scores, reasons)


def level_table(symptom_ids: Sequence[str], weeks: Optional[int] = None, course: Optional[Course] = None) -> "np.ndarray":
    """The level rank (0-3) of every subset of ``symptom_ids`` at once.

    Entry ``m`` is the level of the subset whose members are the bits set in
    ``m`` (bit ``i`` stands for ``symptom_ids[i]``). It applies the same rule as
    :func:`assess`: the highest symptom level, raised by any matching rule.
    """
    import numpy as np

    course = course or load_course()
    ids = check_symptoms(symptom_ids, course) if symptom_ids else ()
    if list(ids) != list(symptom_ids):
        raise ValueError("level_table needs distinct symptom ids in data order.")
    weeks = check_weeks(weeks)
    n = len(ids)
    table = np.zeros(1, dtype=np.int8)
    for symptom_id in ids:
        table = np.concatenate([table, np.maximum(table, course.symptoms[symptom_id].level.rank)])
    if n == 0:
        return table
    view = table.reshape((2,) * n)  # axis k holds bit n-1-k
    position = {symptom_id: i for i, symptom_id in enumerate(ids)}
    for rule in course.rules.values():
        if not set(rule.all_of) <= set(ids) or not _rule_applies(rule, set(rule.all_of), weeks):
            continue
        index: list[Any] = [slice(None)] * n
        for symptom_id in rule.all_of:
            index[n - 1 - position[symptom_id]] = 1
        view[tuple(index)] = np.maximum(view[tuple(index)], rule.level.rank)
    return table


def week_classes(course: Optional[Course] = None) -> list[Optional[int]]:
    """One representative week for each set of weeks under which the same rules apply."""
    course = course or load_course()
    seen: dict[tuple[str, ...], Optional[int]] = {}
    everyone = set(course.symptoms)
    for weeks in [None, *range(1, 43)]:
        key = tuple(r.id for r in course.rules.values() if _rule_applies(r, everyone, weeks))
        seen.setdefault(key, weeks)
    return list(seen.values())
