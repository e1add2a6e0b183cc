"""Safety properties, checked over every combination of symptoms, at every class of stage.

A stage class is a set of stages (weeks of pregnancy, days after the birth, or
unknown) under which the same rules apply; ``stage_classes`` gives one of each.

Level properties cover every subset of all symptoms (2^32, about 4.3 billion,
per stage class). Such a table would not fit in memory, so it is checked in two
factors. The "core" symptoms are the red flags and every symptom named in a
rule; the level of any set is the higher of the level of its core part (from
the engine's vectorised table over the core, 2^22 entries) and the highest
level of its other symptoms, because no rule names those. That factorisation is
checked against the engine on random subsets of all symptoms, and the
properties are checked on the core table, from which they carry over to every
set (taking a maximum keeps a floor, keeps monotonicity and keeps an order):
1. A red flag, alone or with any other symptoms, is never answered with
   self-care, and gives at least its own level at that stage.
2. Adding a symptom never lowers the level (monotone).
3. An unknown stage is never less urgent than any known stage.

Advice and ranking properties, over every subset of the red-flag symptoms
together with a sample of everyday ones, at every stage class (see below).
"""

from __future__ import annotations

import random

import numpy as np
import pytest

from legpain import Level, assess, level_for
from legpain.triage import Stage, level_table, stage_classes

SEED = 20261130


def _core_ids(course):
    """Red flags plus every symptom named in a combination rule, in data order."""
    in_rules = {s for rule in course.rules.values() for s in rule.all_of}
    return [s for s in course.symptoms if course.symptoms[s].red_flag or s in in_rules]


@pytest.fixture(scope="module")
def core_ids(course):
    return _core_ids(course)


@pytest.fixture(scope="module")
def stages(course):
    return stage_classes(course)


@pytest.fixture(scope="module")
def tables(course, core_ids, stages):
    return {stage: level_table(core_ids, stage.weeks, course, stage.days_after_birth) for stage in stages}


def _behaviour(course, stage):
    """What a stage changes in an assessment: the rules that apply and the causes not yet possible."""
    rules = tuple(r.id for r in course.rules.values() if r.applies_in(stage.weeks, stage.days_after_birth))
    too_early = tuple(
        c.id for c in course.causes.values() if stage.weeks is not None and c.from_week is not None and stage.weeks < c.from_week
    )
    return rules, too_early


def test_stage_classes_cover_every_week_and_day(course, stages):
    assert stages[0] == Stage()
    classes = {_behaviour(course, s) for s in stages[1:]}
    assert len(classes) == len(stages) - 1
    for stage in [*(Stage(weeks=w) for w in range(1, 43)), *(Stage(days_after_birth=d) for d in range(0, 85))]:
        assert _behaviour(course, stage) in classes, stage
    # Each stage-dependent rule is active in some known class and inactive in another.
    for rule in course.rules.values():
        if rule.min_week or rule.max_week or set(rule.stages) != {"pregnancy", "after_birth"}:
            active = [s for s in stages[1:] if rule.applies_in(s.weeks, s.days_after_birth)]
            inactive = [s for s in stages[1:] if not rule.applies_in(s.weeks, s.days_after_birth)]
            assert active and inactive, rule.id


def test_stages_in_one_class_give_the_same_assessment(course, stages):
    """The claim behind the classes, checked on random sets: same behaviour, same assessment."""
    rng = random.Random(SEED)
    all_ids = list(course.symptoms)
    every_stage = [*(Stage(weeks=w) for w in range(1, 43)), *(Stage(days_after_birth=d) for d in range(0, 85))]
    representative = {_behaviour(course, s): s for s in reversed(stages[1:])}
    for _ in range(300):
        chosen = [s for s in all_ids if rng.random() < 0.25]
        stage = rng.choice(every_stage)
        rep = representative[_behaviour(course, stage)]
        a = assess(chosen, stage.weeks, course, stage.days_after_birth)
        b = assess(chosen, rep.weeks, course, rep.days_after_birth)
        assert (a.to_dict(), a.must_not_miss, a.reasons) == (b.to_dict(), b.must_not_miss, b.reasons), (chosen, stage, rep)


def test_core_table_size(core_ids, tables):
    assert len(core_ids) >= 20
    for table in tables.values():
        assert table.shape == (2 ** len(core_ids),)


def test_the_level_of_any_set_is_its_core_level_raised_by_its_other_symptoms(course, core_ids, stages, tables):
    """The factorisation that lets the core table stand for all 2^32 sets, checked against the engine."""
    position = {s: i for i, s in enumerate(core_ids)}
    all_ids = list(course.symptoms)
    rng = random.Random(SEED)
    for stage in stages:
        for _ in range(3000):
            chosen = [s for s in all_ids if rng.random() < 0.3]
            mask = sum(1 << position[s] for s in chosen if s in position)
            others = max((course.symptoms[s].level.rank for s in chosen if s not in position), default=0)
            expected = max(int(tables[stage][mask]), others)
            assert assess(chosen, stage.weeks, course, stage.days_after_birth).level.rank == expected, (chosen, stage)


def test_red_flags_are_floors_over_every_combination(course, core_ids, tables):
    n = len(core_ids)
    for stage, table in tables.items():
        view = table.reshape((2,) * n)
        for i, symptom_id in enumerate(core_ids):
            if not course.symptoms[symptom_id].red_flag:
                continue
            with_flag = view.take(1, axis=n - 1 - i)
            own = course.single_symptom_level(symptom_id, stage.weeks, stage.days_after_birth)
            assert with_flag.min() >= own.rank, (symptom_id, stage)
            assert with_flag.min() > Level.SELF_CARE.rank, (symptom_id, stage)


def test_adding_a_symptom_never_lowers_the_level(core_ids, tables):
    n = len(core_ids)
    for stage, table in tables.items():
        view = table.reshape((2,) * n)
        for axis in range(n):
            assert np.all(view.take(1, axis=axis) >= view.take(0, axis=axis)), (core_ids[n - 1 - axis], stage)


def test_unknown_stage_is_never_less_urgent_than_any_known_stage(tables):
    unknown = tables[Stage()]
    for stage, table in tables.items():
        assert np.all(unknown >= table), stage


def test_core_table_matches_the_engine_call_by_call(course, core_ids, stages, tables):
    """Every subset of up to three core symptoms, and a random sample of larger ones."""
    rng = random.Random(SEED)
    n = len(core_ids)
    for stage in stages:
        masks = [0, *(1 << i for i in range(n))]
        masks += [(1 << i) | (1 << j) for i in range(n) for j in range(i)]
        masks += [(1 << i) | (1 << j) | (1 << k) for i in range(n) for j in range(i) for k in range(j)]
        masks += [rng.getrandbits(n) for _ in range(2000)]
        for mask in masks:
            chosen = [core_ids[i] for i in range(n) if mask >> i & 1]
            assert level_for(chosen, stage.weeks, course, stage.days_after_birth).rank == tables[stage][mask], (chosen, stage)


# ---------------------------------------------------------------- advice and ranking
#
# Every subset of the red-flag symptoms (2^20, about a million), each with a fixed sample of
# everyday symptoms, at every stage class: several million assessments. They run in two worker
# processes, each checking a slice of the subsets and returning the first violations it finds.

PROPERTIES = (
    "no self-care advice at urgent or above",
    "the first advice item is the route for the level",
    "no action advice above the level",
    "a safety-net item names a more urgent route than the level",
    "a red flag's dangerous causes rank first",
    "only red-flag symptoms are listed as red flags",
    "a red flag is never answered with self-care",
)


def _violations(course, stage, chosen, result):
    found = []
    if result.level >= Level.URGENT and any(item.level == Level.SELF_CARE for item in result.advice):
        found.append(PROPERTIES[0])
    if result.advice[0].id != course.route_advice(result.level).id:
        found.append(PROPERTIES[1])
    for item in result.advice:
        if item.kind == "action" and item.level > result.level:
            found.append(PROPERTIES[2])
        if item.kind == "safety-net" and item.level <= result.level:
            found.append(PROPERTIES[3])
    pointed = {
        cause_id
        for flag in result.red_flags
        for row in course.rows_for_symptom(flag)
        if course.causes[(cause_id := row.cause_id)].seriousness == "dangerous"
    } & set(result.causes)
    if pointed and set(result.causes[: len(pointed)]) != pointed:
        found.append(PROPERTIES[4])
    for flag in result.red_flags:
        if not course.symptoms[flag].red_flag or course.single_symptom_level(flag, stage.weeks, stage.days_after_birth) < Level.URGENT:
            found.append(PROPERTIES[5])
    if any(course.symptoms[s].red_flag for s in chosen) and result.level == Level.SELF_CARE:
        found.append(PROPERTIES[6])
    return found


def _everyday_samples(course):
    everyday = [s for s in course.symptoms if not course.symptoms[s].red_flag]
    rng = random.Random(SEED)
    return [[], *([e] for e in everyday), *(rng.sample(everyday, k=rng.randint(2, 5)) for _ in range(6))]


def _check_slice(job):
    """Check the red-flag subsets ``start, start + step, ...`` at one stage; return (count, first violations)."""
    data_dir, stage, start, step = job
    from legpain import load_course

    course = load_course(data_dir)
    flags = [s for s in course.symptoms if course.symptoms[s].red_flag]
    extras = _everyday_samples(course)
    checked, bad = 0, []
    for mask in range(1 + start, 2 ** len(flags), step):
        chosen = [flags[i] for i in range(len(flags)) if mask >> i & 1] + extras[mask % len(extras)]
        result = assess(chosen, stage.weeks, course, stage.days_after_birth)
        checked += 1
        found = _violations(course, stage, chosen, result)
        if found and len(bad) < 5:
            bad.append((stage, chosen, found, result.level.value, result.causes[:3]))
    return checked, bad


@pytest.fixture(scope="module")
def red_flag_results(course, stages):
    import multiprocessing

    jobs = [(course.data_dir, stage, start, 2) for stage in stages for start in range(2)]
    with multiprocessing.get_context("fork").Pool(2) as pool:
        return pool.map(_check_slice, jobs)


def test_every_red_flag_combination_at_every_stage_keeps_advice_and_ranking_safe(course, stages, red_flag_results):
    flags = [s for s in course.symptoms if course.symptoms[s].red_flag]
    checked = sum(count for count, _ in red_flag_results)
    assert checked == len(stages) * (2 ** len(flags) - 1)
    violations = [v for _, bad in red_flag_results for v in bad]
    assert violations == [], violations[:5]


def test_the_property_checker_catches_unsafe_advice(course):
    """The checker itself can fail: an assessment with calf massage beside a suspected clot is caught."""
    result = assess(["one_leg_calf_pain"], None, course)
    stretch = next(a for a in course.advice.values() if a.id == "cramp_stretch")
    from legpain.triage import AdviceItem

    unsafe = type(result)(**{**result.__dict__, "advice": [*result.advice, AdviceItem(stretch.id, stretch.text, stretch.level, (), stretch.cause_id, stretch.kind)]})
    assert PROPERTIES[0] in _violations(course, Stage(), ["one_leg_calf_pain"], unsafe)
    reordered = type(result)(**{**result.__dict__, "causes": ["leg_cramps", *result.causes]})
    assert PROPERTIES[4] in _violations(course, Stage(), ["one_leg_calf_pain"], reordered)
