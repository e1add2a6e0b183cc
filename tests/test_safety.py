"""Safety properties, checked over every combination of symptoms, at every class of stage.

A stage class is a set of stages (weeks of pregnancy, days after the birth, or
unknown) under which the same rules apply; ``stage_classes`` gives one of each.

Level properties cover every subset of all 35 symptoms (2^35, about 34 billion,
per stage class). Such a table would not fit in memory, so it is checked in two
factors. The "core" symptoms are the red flags and every symptom named in a
rule; the level of any set is the higher of the level of its core part (from
the engine's vectorised table over the 24 core symptoms, 2^24 entries) and the highest
level of its other symptoms, because no rule names those. That factorisation is
checked against the engine on random subsets of all symptoms, and the
properties are checked on the core table, from which they carry over to every
set (taking a maximum keeps a floor, keeps monotonicity and keeps an order):
1. A red flag, alone or with any other symptoms, is never answered with
   self-care, and gives at least its own level at that stage.
2. Adding a symptom never lowers the level (monotone).
3. An unknown stage is never less urgent than any known stage.

Advice, routing and ranking properties, over every combination of the 23 red flags (2^23, about
8.4 million, per stage class), through arrays that evaluate the engine's ranking and routing rules
a block of combinations at a time (tests/red_flag_arrays.py). The arrays are compared with the
engine call by call; then the properties are checked on every combination, and the two engine
steps with few inputs, the route step and the advice step, are run on every input that occurs.

The engine itself, call by call, with everyday symptoms beside the red flags: every combination
of up to five red flags (each with one of a fixed sample of everyday symptoms) at every stage
class, and a seeded sample of larger combinations. `make exhaustive` (LEGPAIN_EXHAUSTIVE=1) runs
the engine on every combination of red flags, each with an everyday sample (about half an hour).
"""

from __future__ import annotations

import itertools
import os
import random

import numpy as np
import pytest

from legpain import Level, assess, level_for
from legpain.routes import advice_for
from legpain.routes import item as advice_item
from legpain.triage import Stage, impossible_causes, level_table, stage_classes
from red_flag_arrays import NOT_PRESENT, RedFlagArrays

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
    """What a stage changes in an assessment: the rules that apply and the causes not possible then."""
    rules = tuple(r.id for r in course.rules.values() if r.applies_in(stage.weeks, stage.days_after_birth))
    return rules, impossible_causes(course, stage)


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
    """The factorisation that lets the core table stand for all 2^35 sets, checked against the engine."""
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


# ---------------------------------------------------------------- advice and ranking, call by call
#
# Every combination of up to MAX_FLAGS red flags (each with one of a fixed sample of everyday
# symptoms), at every stage class, and a seeded sample of larger combinations, in two worker
# processes, each returning the first violations it finds. The arrays below cover every
# combination of red flags alone; this covers everyday symptoms beside them. `make exhaustive`
# (LEGPAIN_EXHAUSTIVE=1) runs every combination of all 23 red flags here too.

MAX_FLAGS = 5
LARGER_SAMPLE = 10_000

PROPERTIES = (
    "no self-care advice at urgent or above",
    "the first advice item is the route of the most urgent red flag or rule, at the assessed level",
    "no action advice above the level",
    "a safety-net item names a more urgent route than the level",
    "a red flag's dangerous causes rank first",
    "only red-flag symptoms are listed as red flags",
    "a red flag is never answered with self-care",
    "no action sends her to a different place from the route",
    "an assessment at urgent or above names a cause",
)


def _expected_routes(course, stage, chosen, level):
    """The routes that may lead: those of the chosen symptoms and matching rules at exactly the level."""
    routes = {course.symptom_route(s).id for s in chosen if course.symptoms[s].level == level}
    routes |= {r.route for r in course.rules.values() if r.level == level and set(r.all_of) <= set(chosen) and r.applies_in(stage.weeks, stage.days_after_birth)}
    if level < Level.URGENT or not routes:
        return {course.route_advice(level).id}
    order = list(course.destinations)
    best = min(order.index(course.advice[r].destination) for r in routes)
    return {r for r in routes if order.index(course.advice[r].destination) == best}


def _item_violations(level, advice):
    """The properties of single advice items (see _violations)."""
    found = []
    first = advice[0]
    for entry in advice:
        if level >= Level.URGENT and entry.level == Level.SELF_CARE:
            found.append(PROPERTIES[0])
        if entry.kind in ("route", "action") and entry.level > level:
            found.append(PROPERTIES[2])
        if entry.kind == "safety-net" and entry.level <= level:
            found.append(PROPERTIES[3])
        if entry.kind != "safety-net" and entry.destination is not None and entry.destination != first.destination:
            found.append(PROPERTIES[7])
    return found


def _violations(course, stage, chosen, result):
    found = _item_violations(result.level, result.advice)
    first = result.advice[0]
    if first.kind != "route" or first.level != result.level or first.id not in _expected_routes(course, stage, chosen, result.level):
        found.append(PROPERTIES[1])
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
    if result.level >= Level.URGENT and not result.causes:
        found.append(PROPERTIES[8])
    return found


def _everyday_samples(course):
    everyday = [s for s in course.symptoms if not course.symptoms[s].red_flag]
    rng = random.Random(SEED)
    return [[], *([e] for e in everyday), *(rng.sample(everyday, k=rng.randint(2, 5)) for _ in range(6))]


def _flag_sets(n, start, step, exhaustive):
    """The red-flag index sets a worker checks: every k-subset up to MAX_FLAGS, then a sample of larger ones."""
    if exhaustive:
        for mask in range(1 + start, 2**n, step):
            yield tuple(i for i in range(n) if mask >> i & 1)
        return
    position = 0
    for k in range(1, min(MAX_FLAGS, n) + 1):
        for combo in itertools.combinations(range(n), k):
            if position % step == start:
                yield combo
            position += 1
    rng = random.Random(SEED + start)
    for _ in range(LARGER_SAMPLE // step):
        k = rng.randint(MAX_FLAGS + 1, n)
        yield tuple(sorted(rng.sample(range(n), k)))


def _check_slice(job):
    """Check the red-flag sets of one slice at one stage; return (count, first violations)."""
    data_dir, stage, start, step, exhaustive = job
    from legpain import load_course

    course = load_course(data_dir)
    flags = [s for s in course.symptoms if course.symptoms[s].red_flag]
    extras = _everyday_samples(course)
    checked, bad = 0, []
    for combo in _flag_sets(len(flags), start, step, exhaustive):
        chosen = [flags[i] for i in combo] + extras[(sum(combo) + len(combo)) % len(extras)]
        result = assess(chosen, stage.weeks, course, stage.days_after_birth)
        checked += 1
        found = _violations(course, stage, chosen, result)
        if found and len(bad) < 5:
            bad.append((stage, chosen, found, result.level.value, result.causes[:3]))
    return checked, bad


def _expected_count(n, exhaustive):
    if exhaustive:
        return 2**n - 1
    return sum(len(list(itertools.combinations(range(n), k))) for k in range(1, min(MAX_FLAGS, n) + 1)) + LARGER_SAMPLE


@pytest.fixture(scope="module")
def red_flag_results(course, stages):
    import multiprocessing

    exhaustive = os.environ.get("LEGPAIN_EXHAUSTIVE") == "1"
    jobs = [(course.data_dir, stage, start, 2, exhaustive) for stage in stages for start in range(2)]
    with multiprocessing.get_context("fork").Pool(2) as pool:
        return exhaustive, pool.map(_check_slice, jobs)


def test_red_flag_combinations_at_every_stage_keep_advice_and_ranking_safe(course, stages, red_flag_results):
    exhaustive, results = red_flag_results
    flags = [s for s in course.symptoms if course.symptoms[s].red_flag]
    checked = sum(count for count, _ in results)
    assert checked == len(stages) * _expected_count(len(flags), exhaustive)
    violations = [v for _, bad in results for v in bad]
    assert violations == [], violations[:5]


def test_the_property_checker_catches_unsafe_advice(course):
    """The checker itself can fail: each way of breaking an assessment is caught."""
    from legpain.triage import AdviceItem

    result = assess(["one_leg_calf_pain"], None, course)

    def broken(**change):
        return type(result)(**{**result.__dict__, **change})

    stretch = course.advice["cramp_stretch"]
    massage = AdviceItem(stretch.id, stretch.text, stretch.level, (), stretch.cause_id, stretch.kind)
    assert PROPERTIES[0] in _violations(course, Stage(), ["one_leg_calf_pain"], broken(advice=[*result.advice, massage]))
    assert PROPERTIES[4] in _violations(course, Stage(), ["one_leg_calf_pain"], broken(causes=["leg_cramps", *result.causes]))
    generic = course.route_advice(Level.IMMEDIATE)
    wrong_route = AdviceItem(generic.id, generic.text, generic.level, (), None, "route", generic.destination)
    cauda = assess(["saddle_numbness"], None, course)
    swapped = type(cauda)(**{**cauda.__dict__, "advice": [wrong_route, *cauda.advice[1:]]})
    assert PROPERTIES[1] in _violations(course, Stage(), ["saddle_numbness"], swapped)
    elsewhere = AdviceItem("go_elsewhere", "Go to A&E.", Level.URGENT, (), "dvt", "action", "a_and_e")
    assert PROPERTIES[7] in _violations(course, Stage(), ["one_leg_calf_pain"], broken(advice=[*result.advice, elsewhere]))
    assert PROPERTIES[8] in _violations(course, Stage(), ["one_leg_calf_pain"], broken(causes=[]))


# ---------------------------------------------------------------- every combination of red flags, as arrays
#
# The engine's ranking and routing rules, written as array operations (tests/red_flag_arrays.py),
# cover all 2^23 combinations of red flags at every stage class in about a minute. They are
# compared with the engine call by call first; the safety properties are then checked on every
# combination, and the two engine steps whose inputs are few are run on every input they can get:
# the route step on every routing situation that occurs, and the advice step on every cause at
# every (level, route) pair that occurs.


@pytest.fixture(scope="module")
def red_flag_arrays(course, stages):
    return {stage: RedFlagArrays(course, stage) for stage in stages}


def _sample_masks(n, rng):
    """Every combination of up to three red flags, random ones, and large ones (all but up to five)."""
    everything = (1 << n) - 1
    masks = [1 << i for i in range(n)]
    masks += [(1 << i) | (1 << j) for i in range(n) for j in range(i)]
    masks += [(1 << i) | (1 << j) | (1 << k) for i in range(n) for j in range(i) for k in range(j)]
    masks += [rng.getrandbits(n) or 1 for _ in range(2000)]
    masks += [everything & ~sum(1 << i for i in rng.sample(range(n), rng.randint(0, 5))) for _ in range(500)]
    return masks


def test_the_arrays_rank_and_route_as_the_engine_does(course, red_flag_arrays):
    """The arrays stand for the engine: level, route, ranked causes and must-not-miss causes agree, call by call."""
    rng = random.Random(SEED)
    for stage, arrays in red_flag_arrays.items():
        masks = _sample_masks(len(arrays.flags), rng)
        block = arrays.block(np.array(masks, dtype=np.int64))
        for row, mask in enumerate(masks):
            chosen = arrays.chosen(mask)
            result = assess(chosen, stage.weeks, course, stage.days_after_birth)
            got = (result.level.rank, result.advice[0].id, result.causes, result.must_not_miss)
            expected = (int(block.level[row]), arrays.routes[block.route[row]], arrays.ranking(block, row), arrays.must_not_miss(block, row))
            assert got == expected, (stage, chosen)


def test_the_arrays_notice_a_different_engine(course, red_flag_arrays):
    """The comparison can fail: the arrays of week 1 do not stand for the engine at an unknown stage."""
    early = next(a for stage, a in red_flag_arrays.items() if stage.weeks is not None and stage.weeks < 20)
    mask = 1 << early.flags.index("sudden_face_hand_swelling")
    block = early.block(np.array([mask], dtype=np.int64))
    assert assess(["sudden_face_hand_swelling"], None, course).level.rank != block.level[0]
    assert assess(["sudden_face_hand_swelling"], 1, course).level.rank == block.level[0]


def _array_violations(block):
    """Per property, the rows of a block that break it."""
    some = block.masks != 0
    last_pointed = np.where(block.pointed, block.key, -1).max(axis=0)
    first_other = np.where(~block.pointed & block.present, block.key, NOT_PRESENT).min(axis=0)
    return {
        PROPERTIES[6]: some & (block.level == Level.SELF_CARE.rank),
        PROPERTIES[8]: (block.level >= Level.URGENT.rank) & ~block.present.any(axis=0),
        PROPERTIES[4]: last_pointed > first_other,
    }


def test_the_array_checks_can_fail(red_flag_arrays):
    arrays = next(iter(red_flag_arrays.values()))
    calf = arrays.flags.index("one_leg_calf_pain")
    block = arrays.block(np.array([1 << calf], dtype=np.int64))
    assert not any(rows.any() for rows in _array_violations(block).values())
    dvt, cramps = arrays.causes.index("dvt"), arrays.causes.index("leg_cramps")
    block.present[cramps, 0], block.key[cramps, 0] = True, block.key[dvt, 0] - 1  # cramps ranked above the clot
    assert _array_violations(block)[PROPERTIES[4]].any()
    block.level[0] = Level.SELF_CARE.rank
    assert _array_violations(block)[PROPERTIES[6]].any()
    block.level[0], block.present[:, 0] = Level.URGENT.rank, False
    assert _array_violations(block)[PROPERTIES[8]].any()


def _first(arrays, block, bad):
    rows = np.flatnonzero(bad)[:3]
    return [arrays.chosen(int(block.masks[r])) for r in rows]


def _sweep(job):
    """Every combination of red flags at one stage, block by block: (count, violations, routing situations, (level, route) pairs)."""
    data_dir, stage = job
    from legpain import load_course

    arrays = RedFlagArrays(load_course(data_dir), stage)
    situations: dict[int, int] = {}
    level_routes: set[tuple[int, int]] = set()
    checked, bad_rows = 0, []
    for block in arrays.blocks():
        checked += len(block.masks)
        for name, bad in _array_violations(block).items():
            if bad.any() and len(bad_rows) < 5:
                bad_rows.append((stage, name, _first(arrays, block, bad)))
        some = block.masks != 0
        kinds, rows = np.unique(arrays.situation(block)[some], return_index=True)
        for kind, row in zip(kinds.tolist(), rows.tolist()):
            situations.setdefault(kind, int(block.masks[some][row]))
        level_routes |= set(zip(block.level[some].tolist(), block.route[some].tolist()))
    return checked, bad_rows, situations, level_routes


def test_every_combination_of_red_flags_ranks_and_routes_safely(course, red_flag_arrays):
    import multiprocessing

    with multiprocessing.get_context("fork").Pool(2) as pool:
        swept = pool.map(_sweep, [(course.data_dir, stage) for stage in red_flag_arrays])
    for (stage, arrays), (checked, bad_rows, situations, level_routes) in zip(red_flag_arrays.items(), swept):
        assert checked == 2 ** len(arrays.flags)
        assert bad_rows == []

        # The route step: one combination of each situation, through the engine, with every property.
        for mask in situations.values():
            chosen = arrays.chosen(mask)
            result = assess(chosen, stage.weeks, course, stage.days_after_birth)
            assert _violations(course, stage, chosen, result) == [], (stage, chosen)

        # The advice step: each cause's advice at every (level, route) that occurs, with every
        # symptom ticked (an item limited to some symptoms can only drop out when fewer are).
        for rank, route_index in level_routes:
            level, route = Level.from_rank(rank), advice_item(course, arrays.routes[route_index])
            for cause_id in course.causes:
                shown = advice_for(course, level, [cause_id], route, set(course.symptoms))
                assert _item_violations(level, shown) == [], (stage, level, route.id, cause_id)


# ---------------------------------------------------------------- adding a red flag
#
# Every combination of up to MAX_ADDED red flags, at every stage class, against the same set with
# one more red flag: adding a red flag never lowers the level and never drops a dangerous cause
# from the top of the list (the must-not-miss causes that led before still lead after).

MAX_ADDED = 4


def _check_additions(job):
    data_dir, stage = job
    from legpain import load_course

    course = load_course(data_dir)
    flags = [s for s in course.symptoms if course.symptoms[s].red_flag]
    checked, bad = 0, []
    for k in range(0, MAX_ADDED + 1):
        for combo in itertools.combinations(flags, k):
            before = assess(list(combo), stage.weeks, course, stage.days_after_birth)
            for flag in flags:
                if flag in combo:
                    continue
                after = assess([*combo, flag], stage.weeks, course, stage.days_after_birth)
                checked += 1
                lowered = after.level < before.level
                dropped = [c for c in before.must_not_miss if c not in after.must_not_miss]
                top_lost = bool(before.causes) and course.causes[before.causes[0]].seriousness == "dangerous" and (
                    not after.causes or course.causes[after.causes[0]].seriousness != "dangerous"
                )
                if (lowered or dropped or top_lost) and len(bad) < 5:
                    bad.append((stage, combo, flag, before.level.value, after.level.value, dropped, top_lost))
    return checked, bad


def test_adding_a_red_flag_never_lowers_the_level_nor_drops_a_dangerous_cause(course, stages):
    import multiprocessing

    with multiprocessing.get_context("fork").Pool(2) as pool:
        results = pool.map(_check_additions, [(course.data_dir, stage) for stage in stages])
    n = sum(1 for s in course.symptoms.values() if s.red_flag)
    per_stage = sum(len(list(itertools.combinations(range(n), k))) * (n - k) for k in range(0, MAX_ADDED + 1))
    assert sum(count for count, _ in results) == len(stages) * per_stage
    violations = [v for _, bad in results for v in bad]
    assert violations == [], violations[:5]


# ---------------------------------------------------------------- named patterns

LEG_CLOT_SIGNS = ("one_leg_swollen", "one_leg_calf_pain", "one_leg_warm_red", "whole_leg_swollen_groin_pain")
BREATHLESSNESS = ("breathless_lying_flat", "breathless_chest_pain")


@pytest.mark.parametrize("sign", LEG_CLOT_SIGNS)
@pytest.mark.parametrize("breathless", BREATHLESSNESS)
def test_a_leg_clot_sign_with_any_breathlessness_is_999_with_pe_first(course, stages, sign, breathless):
    """Second review D1: NHS (S107) says to call 999 or go to A&E for DVT symptoms with breathlessness."""
    for stage in stages:
        result = assess([sign, breathless], stage.weeks, course, stage.days_after_birth)
        assert result.level is Level.EMERGENCY, (sign, breathless, stage)
        assert result.causes[0] == "pulmonary_embolism", (sign, breathless, stage)
        assert result.advice[0].destination == "call_999"


def test_a_clot_sign_with_breathlessness_is_never_less_urgent_than_everyday_swelling_with_it(course, stages):
    """The pattern behind D1, for every symptom that points to a clot: a worrying leg sign with
    breathlessness is never answered more slowly than everyday ankle swelling with the same breathlessness."""
    clot_signs = {row.symptom_id for row in course.matrix if row.cause_id == "dvt" and row.weight >= 2}
    milder = "both_ankles_swollen_gradual"
    for stage in stages:
        for breathless in BREATHLESSNESS:
            baseline = assess([milder, breathless], stage.weeks, course, stage.days_after_birth).level
            for sign in sorted(clot_signs):
                level = assess([sign, breathless], stage.weeks, course, stage.days_after_birth).level
                assert level >= baseline, (sign, breathless, stage, level, baseline)
