"""The triage engine: from ticked symptoms to a level, likely causes and advice.

The level is the highest of the levels of the ticked symptoms and of the
combination rules that match at the woman's stage (a week of pregnancy, or days
after the birth). Rules can only raise the level, so a red flag is never talked
down and adding a symptom never lowers the level. When the stage is unknown,
every stage-dependent rule applies as at its most dangerous stage.

Causes: when a red flag is present, the dangerous causes that the red flags
point to rank first ("must-not-miss first"); the rest follow by summed weight.

Advice (legpain.routes): the route of the most urgent red flag comes first, then
the actions and safety-nets of the likely causes that fit the level.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Iterable, Optional, Sequence

from .content import Course, load_course
from .levels import LEVELS, RED_FLAG_FLOOR, Level
from .routes import AdviceItem, advice_fits, advice_for, item, route_for
from .stages import DAYS_AFTER_BIRTH, WEEKS, Stage, check_stage, check_weeks

__all__ = [
    "DAYS_AFTER_BIRTH", "WEEKS", "AdviceItem", "Assessment", "Stage", "advice_fits", "assess", "check_stage", "check_symptoms",
    "check_weeks", "impossible_causes", "level_for", "level_table", "stage_classes",
]

if TYPE_CHECKING:
    import numpy as np

SERIOUSNESS_ORDER = {"dangerous": 0, "needs-review": 1, "everyday": 2}
MAX_WEIGHT = 3  # the strongest link in data/matrix.csv (1 possible, 3 typical)
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
    days_after_birth: Optional[int] = None
    must_not_miss: list[str] = field(default_factory=list)

    @property
    def nothing_selected(self) -> bool:
        return not self.symptoms

    @property
    def stage(self) -> Stage:
        return Stage(self.weeks, self.days_after_birth)

    def to_dict(self) -> dict[str, Any]:
        return {
            "level": self.level.value,
            "causes": list(self.causes),
            "red_flags": list(self.red_flags),
            "advice": [item.to_dict() for item in self.advice],
        }


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


def _rule_applies(rule: Any, chosen: set[str], stage: Stage) -> bool:
    return chosen.issuperset(rule.all_of) and rule.applies_in(stage.weeks, stage.days_after_birth)


@dataclass(frozen=True)
class _AtStage:
    """What the engine reads for every assessment at one stage, gathered once per course and stage.

    It holds nothing new: the same levels, links and rules as the data, looked up once
    instead of on every call.
    """

    rank: dict[str, int]  # each symptom's own level
    single_rank: dict[str, int]  # each symptom's level on its own at this stage (raised by its stage rules)
    links: dict[str, tuple[tuple[str, int], ...]]  # (cause, weight) links to the causes possible at this stage
    rules: tuple[tuple[frozenset[str], int, Any], ...]  # the rules that apply at this stage, in data order
    dangerous: frozenset[str]
    order: dict[str, int]  # each cause's seriousness order


@lru_cache(maxsize=512)
def _at_stage(course: Course, stage: Stage) -> _AtStage:
    possible = {c for c, cause in course.causes.items() if not stage.known or cause.possible_in(stage.weeks, stage.days_after_birth)}
    links = {
        s: tuple((row.cause_id, row.weight) for row in course.rows_for_symptom(s) if row.cause_id in possible)
        for s in course.symptoms
    }
    applying = [r for r in course.rules.values() if r.applies_in(stage.weeks, stage.days_after_birth)]
    return _AtStage(
        rank={s: symptom.level.rank for s, symptom in course.symptoms.items()},
        single_rank={s: course.single_symptom_level(s, stage.weeks, stage.days_after_birth).rank for s in course.symptoms},
        links=links,
        rules=tuple((frozenset(r.all_of), r.level.rank, r) for r in applying),
        dangerous=frozenset(c for c, cause in course.causes.items() if cause.seriousness == "dangerous"),
        order={c: SERIOUSNESS_ORDER[cause.seriousness] for c, cause in course.causes.items()},
    )


def level_for(
    symptom_ids: Iterable[str],
    weeks: Optional[int] = None,
    course: Optional[Course] = None,
    days_after_birth: Optional[int] = None,
) -> Level:
    """Only the level of an assessment; the same rule as :func:`assess` uses."""
    course = course or load_course()
    chosen = set(check_symptoms(symptom_ids, course))
    return LEVELS[_level(_at_stage(course, check_stage(weeks, days_after_birth)), chosen)]


def _level(at: _AtStage, chosen: set[str]) -> int:
    """The level rank: the highest level of the chosen symptoms, raised by any rule that matches."""
    rank = max((at.rank[s] for s in chosen), default=0)
    for all_of, rule_rank, _rule in at.rules:
        if rule_rank > rank and chosen.issuperset(all_of):
            rank = rule_rank
    return rank


def _ranked_causes(
    at: _AtStage, ordered: tuple[str, ...], matched: list[Any], flag_ranks: dict[str, int]
) -> tuple[list[str], dict[str, int], list[str]]:
    scores: dict[str, int] = {}
    for symptom_id in ordered:
        for cause_id, weight in at.links[symptom_id]:
            scores[cause_id] = scores.get(cause_id, 0) + weight
    # Must-not-miss: the dangerous causes that the red flags (and raising rules) point to, led by
    # the most urgent red flag that points to them and, within that, by how typical the link is.
    dangerous = at.dangerous
    urgency: dict[str, tuple[int, int]] = {}
    for symptom_id, rank in flag_ranks.items():
        for cause_id, weight in at.links[symptom_id]:
            if cause_id in dangerous:
                urgency[cause_id] = max(urgency.get(cause_id, (0, 0)), (rank, weight))
    for rule in matched:
        cause_id = rule.cause_id
        if cause_id in scores and cause_id in dangerous:
            urgency[cause_id] = max(urgency.get(cause_id, (0, 0)), (rule.level.rank, MAX_WEIGHT))
    order = at.order
    ranked = sorted(
        scores,
        key=lambda c: (
            c not in urgency,
            tuple(-x for x in urgency.get(c, (0, 0))),
            -scores[c],
            order[c],
            c,
        ),
    )
    return ranked, scores, [c for c in ranked if c in urgency]


def assess(
    symptom_ids: Iterable[str],
    weeks: Optional[int] = None,
    course: Optional[Course] = None,
    days_after_birth: Optional[int] = None,
) -> Assessment:
    """Assess a set of symptom ids at a stage: a week of pregnancy (``WEEKS``) or days after the birth (``DAYS_AFTER_BIRTH``).

    Leave both empty when the stage is not known: stage-dependent rules then
    apply as at the most dangerous stage. Giving both is a ``ValueError``.
    """
    course = course or load_course()
    ordered = check_symptoms(symptom_ids, course)
    stage = check_stage(weeks, days_after_birth)
    chosen = set(ordered)

    if not chosen:
        return Assessment(
            Level.SELF_CARE, [], [], [item(course, "nothing_selected")], (), stage.weeks, days_after_birth=stage.days_after_birth
        )

    at = _at_stage(course, stage)
    matched = [rule for all_of, _rank, rule in at.rules if chosen.issuperset(all_of)]
    level = LEVELS[_level(at, chosen)]

    floor = RED_FLAG_FLOOR.rank
    flag_ranks = {s: rank for s in ordered if (rank := at.single_rank[s]) >= floor}
    causes, scores, must_not_miss = _ranked_causes(at, ordered, matched, flag_ranks)
    flags = sorted(flag_ranks, key=lambda s: (-flag_ranks[s], ordered.index(s)))
    reasons = [rule.reason for rule in matched]

    route = route_for(course, level, ordered, matched)
    return Assessment(
        level,
        causes,
        flags,
        advice_for(course, level, causes, route, chosen),
        ordered,
        stage.weeks,
        scores,
        reasons,
        stage.days_after_birth,
        must_not_miss,
    )


def level_table(
    symptom_ids: Sequence[str],
    weeks: Optional[int] = None,
    course: Optional[Course] = None,
    days_after_birth: Optional[int] = None,
) -> "np.ndarray":
    """The level rank (0-4) of every subset of ``symptom_ids`` at once, at one stage.

    Entry ``m`` is the level of the subset whose members are the bits set in
    ``m`` (bit ``i`` stands for ``symptom_ids[i]``). It applies the same rule as
    :func:`assess`: the highest symptom level, raised by any matching rule.
    """
    import numpy as np

    course = course or load_course()
    ids = check_symptoms(symptom_ids, course) if symptom_ids else ()
    if list(ids) != list(symptom_ids):
        raise ValueError("level_table needs distinct symptom ids in data order.")
    stage = check_stage(weeks, days_after_birth)
    n = len(ids)
    table = np.zeros(1, dtype=np.int8)
    for symptom_id in ids:
        table = np.concatenate([table, np.maximum(table, course.symptoms[symptom_id].level.rank)])
    if n == 0:
        return table
    view = table.reshape((2,) * n)  # axis k holds bit n-1-k
    position = {symptom_id: i for i, symptom_id in enumerate(ids)}
    for rule in course.rules.values():
        if not set(rule.all_of) <= set(ids) or not _rule_applies(rule, set(rule.all_of), stage):
            continue
        index: list[Any] = [slice(None)] * n
        for symptom_id in rule.all_of:
            index[n - 1 - position[symptom_id]] = 1
        view[tuple(index)] = np.maximum(view[tuple(index)], rule.level.rank)
    return table


def stage_classes(course: Optional[Course] = None) -> list[Stage]:
    """One representative stage for each class of stages that the engine treats alike.

    The stage enters an assessment only through the rules that apply and the
    causes that cannot occur yet (``from_week``). The unknown stage comes first,
    then one known stage per distinct behaviour: weeks of pregnancy in order, then
    days after the birth.
    """
    course = course or load_course()
    everyone = set(course.symptoms)
    candidates = [Stage(weeks=w) for w in range(WEEKS[0], WEEKS[1] + 1)]
    candidates += [Stage(days_after_birth=d) for d in range(DAYS_AFTER_BIRTH[0], DAYS_AFTER_BIRTH[1] + 1)]
    seen: set[tuple[Any, ...]] = set()
    classes = [Stage()]
    for stage in candidates:
        rules = tuple(r.id for r in course.rules.values() if _rule_applies(r, everyone, stage))
        too_early = impossible_causes(course, stage)
        if (rules, too_early) not in seen:
            seen.add((rules, too_early))
            classes.append(stage)
    return classes


def impossible_causes(course: Course, stage: Stage) -> tuple[str, ...]:
    """The causes that cannot occur at a stage (too early in pregnancy, or only after the birth)."""
    return tuple(c.id for c in course.causes.values() if not c.possible_in(stage.weeks, stage.days_after_birth))
