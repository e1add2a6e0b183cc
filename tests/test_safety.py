"""Safety properties, checked over every combination of symptoms.

1. A red flag, alone or with any other symptoms, gives at least its own level,
   and never self-care.
2. Adding a symptom never lowers the level (monotone).

The full space is every subset of all symptoms (2^26, about 67 million), at
every class of weeks under which the same rules apply. It is checked with the
engine's vectorised level table. The table is in turn checked against the
engine itself, call by call, over every subset of the red-flag symptoms and the
symptoms that appear in combination rules.
"""

from __future__ import annotations

import itertools
import random

import numpy as np
import pytest

from legpain import Level, assess, level_for
from legpain.triage import level_table, week_classes


@pytest.fixture(scope="module")
def all_ids(course):
    return list(course.symptoms)


@pytest.fixture(scope="module")
def tables(course, all_ids):
    return {weeks: level_table(all_ids, weeks, course) for weeks in week_classes(course)}


def test_week_classes_cover_none_and_rule_boundaries(course):
    classes = week_classes(course)
    assert None in classes
    # Each week-limited rule must be active in at least one class and inactive in another.
    for rule in course.rules.values():
        if rule.min_week or rule.max_week:
            active = [w for w in classes if w is not None and (rule.min_week or 1) <= w <= (rule.max_week or 42)]
            inactive = [w for w in classes if w is None or not (rule.min_week or 1) <= w <= (rule.max_week or 42)]
            assert active and inactive, rule.id


def test_full_space_size(all_ids, tables):
    for table in tables.values():
        assert table.shape == (2 ** len(all_ids),)


def test_red_flags_are_floors_over_every_combination(course, all_ids, tables):
    n = len(all_ids)
    for weeks, table in tables.items():
        view = table.reshape((2,) * n)
        for i, symptom_id in enumerate(all_ids):
            symptom = course.symptoms[symptom_id]
            if not symptom.red_flag:
                continue
            with_flag = view.take(1, axis=n - 1 - i)
            assert with_flag.min() >= symptom.level.rank, (symptom_id, weeks)
            assert with_flag.min() > Level.SELF_CARE.rank


def test_adding_a_symptom_never_lowers_the_level(all_ids, tables):
    n = len(all_ids)
    for weeks, table in tables.items():
        view = table.reshape((2,) * n)
        for axis in range(n):
            assert np.all(view.take(1, axis=axis) >= view.take(0, axis=axis)), (all_ids[n - 1 - axis], weeks)


def _exhaustive_ids(course):
    """Red flags plus every symptom named in a combination rule."""
    in_rules = {s for rule in course.rules.values() for s in rule.all_of}
    return [s for s in course.symptoms if course.symptoms[s].red_flag or s in in_rules]


def test_table_matches_engine_on_every_subset_of_red_flags_and_rule_symptoms(course):
    ids = _exhaustive_ids(course)
    assert len(ids) >= 17
    for weeks in week_classes(course):
        table = level_table(ids, weeks, course)
        for mask in range(2 ** len(ids)):
            chosen = [ids[i] for i in range(len(ids)) if mask >> i & 1]
            assert level_for(chosen, weeks, course).rank == table[mask]


def test_table_matches_engine_on_random_full_subsets(course, all_ids, tables):
    rng = random.Random(20261125)
    for weeks, table in tables.items():
        for _ in range(3000):
            mask = rng.getrandbits(len(all_ids))
            chosen = [all_ids[i] for i in range(len(all_ids)) if mask >> i & 1]
            assert assess(chosen, weeks, course).level.rank == table[mask]


def test_red_flag_advice_is_never_self_care_alone(course):
    """Every subset of red flags: the first advice is the route for the level, at urgent or above."""
    flags = [s for s in course.symptoms if course.symptoms[s].red_flag]
    for size in range(1, len(flags) + 1):
        for chosen in itertools.combinations(flags, size):
            result = assess(chosen, None, course)
            assert result.level >= Level.URGENT
            assert result.advice[0].level == result.level
            assert any(item.level >= Level.URGENT for item in result.advice)
            assert set(result.red_flags) >= set(chosen)
