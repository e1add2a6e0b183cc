"""The engine's ranking and routing rules, evaluated as arrays over every combination of red flags.

``legpain.triage.assess`` handles one set of symptoms at a time, about 20 microseconds each:
2^23 combinations of the 23 red flags at four stage classes would take half an hour. Here the
same rules are written as numpy array operations over a block of combinations at once (a row
per combination, a column per cause), so every combination is covered in about a minute. The
tests compare these arrays with ``assess``, call by call, on every combination of up to three
red flags and on a seeded sample of larger ones, so the arrays stand for the engine; then they
check the safety properties on all combinations.

Combination ``m`` holds the red flags whose bits are set in ``m`` (bit ``i`` stands for
``flags[i]``, in data order), as in ``legpain.triage.level_table``.

What the arrays hold, per combination (the rules of ``legpain.triage`` and ``legpain.routes``):
* ``level``: the level rank, from the engine's own ``level_table``;
* ``present``: the causes with a positive score (possible at the stage);
* ``pointed``: the dangerous causes that a listed red flag (one whose own level at the stage is
  urgent or above) links to;
* ``urgency``: must-not-miss strength of each cause: the highest (level, weight) of a listed
  red flag linking to it, or (level, 3) of a matching rule naming it; 0 for none;
* ``key``: the position key of each cause in the ranked list (smaller first), as the engine
  sorts: must-not-miss causes first by urgency, then by score, seriousness and id;
* ``route``: the index in ``routes`` of the first advice item (the route).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator

import numpy as np

from legpain import Level
from legpain.levels import RED_FLAG_FLOOR
from legpain.triage import Stage, level_table

SERIOUSNESS = {"dangerous": 0, "needs-review": 1, "everyday": 2}
MAX_WEIGHT = 3
NOT_PRESENT = np.iinfo(np.int32).max
BLOCK = 1 << 18
LOW_BITS = 12
LOW_MASK = (1 << LOW_BITS) - 1


@dataclass
class Block:
    masks: np.ndarray  # (rows,) the combinations
    level: np.ndarray  # (rows,)
    present: np.ndarray  # (causes, rows) bool
    pointed: np.ndarray  # (causes, rows) bool
    urgency: np.ndarray  # (causes, rows) int
    key: np.ndarray  # (causes, rows) int, NOT_PRESENT where the cause is not present
    route: np.ndarray  # (rows,) index into RedFlagArrays.routes


def _split_sums(per_flag: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Column sums of ``per_flag`` (flags x causes) over every combination of the low bits and of the high bits."""
    def sums(first: int, count: int) -> np.ndarray:
        masks = np.arange(1 << count)
        bits = ((masks[:, None] >> np.arange(count)) & 1).astype(np.int32)
        return np.ascontiguousarray((bits @ per_flag[first:first + count]).T)

    return sums(0, min(LOW_BITS, n)), sums(LOW_BITS, max(0, n - LOW_BITS))


class RedFlagArrays:
    """The arrays for one course at one stage; ``blocks()`` yields every combination, block by block."""

    def __init__(self, course: Any, stage: Stage) -> None:
        self.course, self.stage = course, stage
        weeks, days = stage.weeks, stage.days_after_birth
        self.flags = [s for s in course.symptoms if course.symptoms[s].red_flag]
        self.causes = list(course.causes)
        n, c = len(self.flags), len(self.causes)
        possible = np.array([not stage.known or course.causes[k].possible_in(weeks, days) for k in self.causes])
        self.weights = np.zeros((n, c), dtype=np.float32)
        for i, flag in enumerate(self.flags):
            for row in course.rows_for_symptom(flag):
                self.weights[i, self.causes.index(row.cause_id)] = row.weight
        self.weights[:, ~possible] = 0
        dangerous = np.array([course.causes[k].seriousness == "dangerous" for k in self.causes])
        own = np.array([course.symptoms[f].level.rank for f in self.flags])
        single = np.array([course.single_symptom_level(f, weeks, days).rank for f in self.flags])
        self.listed = single >= RED_FLAG_FLOOR.rank
        # urgency code of a (level, weight) pair: level * 4 + weight orders pairs as tuples do
        self.flag_urgency = np.where((self.weights > 0) & dangerous & self.listed[:, None], single[:, None] * 4 + self.weights, 0).astype(np.int32)
        # For each cause, (code, the red flags whose urgency for it is at least that code), highest first.
        self.urgency_masks = [
            [(int(code), sum(1 << i for i in range(n) if self.flag_urgency[i, k] >= code))
             for code in sorted({v for v in self.flag_urgency[:, k] if v > 0}, reverse=True)]
            for k in range(c)
        ]
        # The ranking key packs (urgency, score, seriousness, id) into one integer: check that each part fits.
        assert c <= 32 and self.weights.sum(axis=0).max() < 512 and n <= 31, "the ranking key needs wider fields"
        alphabetical = {k: i for i, k in enumerate(sorted(self.causes))}
        self.tie = np.array([SERIOUSNESS[course.causes[k].seriousness] * 32 + alphabetical[k] for k in self.causes], dtype=np.int32)
        # Score sums of the low and the high bits of every combination, cause-major: a sum of two look-ups.
        self.low_scores, self.high_scores = _split_sums(self.weights.astype(np.int32), n)
        self.low_pointed, self.high_pointed = _split_sums((self.flag_urgency > 0).astype(np.int32), n)
        self.table = level_table(self.flags, weeks, course, days)

        rules = [r for r in course.rules.values() if set(r.all_of) <= set(self.flags) and r.applies_in(weeks, days)]
        self.rules = [(sum(1 << self.flags.index(s) for s in r.all_of), r) for r in rules]
        # Route candidates, in the engine's order: the red flags (data order), then the rules.
        self.routes = list(dict.fromkeys([*(course.symptom_route(f).id for f in self.flags), *(r.route for _, r in self.rules),
                                          *(course.route_advice(level).id for level in Level)]))
        order = {d: i for i, d in enumerate(course.destinations)}
        self.candidates = [(1 << i, int(own[i]), self.routes.index(course.symptom_route(f).id)) for i, f in enumerate(self.flags)]
        self.candidates += [(mask, r.level.rank, self.routes.index(r.route)) for mask, r in self.rules]
        self.place = np.array([order.get(course.advice[r].destination or "", len(order)) for r in self.routes])
        self.general = np.array([self.routes.index(course.route_advice(level).id) for level in Level])
        self.dangerous = dangerous

    def block(self, masks: np.ndarray) -> Block:
        """The arrays for the given combinations (an array of masks). Cause arrays are cause-major: (causes, rows)."""
        level = self.table[masks].astype(np.int64)
        low, high = masks & LOW_MASK, masks >> LOW_BITS
        scores = self.low_scores[:, low] + self.high_scores[:, high]
        present = scores > 0
        pointed = (self.low_pointed[:, low] + self.high_pointed[:, high]) > 0
        urgency = np.zeros(present.shape, dtype=np.int32)
        for k, codes in enumerate(self.urgency_masks):
            row = urgency[k]
            for code, flag_mask in codes:  # highest code first: the first that a combination holds is its urgency
                row[(row == 0) & ((masks & flag_mask) != 0)] = code
        for mask, rule in self.rules:
            k = self.causes.index(rule.cause_id)
            if self.dangerous[k]:
                matched = ((masks & mask) == mask) & present[k]
                urgency[k] = np.maximum(urgency[k], np.where(matched, rule.level.rank * 4 + MAX_WEIGHT, 0))
        key = np.where(urgency > 0, (64 - urgency) << 20, np.int32(1 << 30)) + ((512 - scores) << 7) + self.tie[:, None]
        key[~present] = NOT_PRESENT
        return Block(masks, level, present, pointed, urgency, key, self._route(masks, level))

    def _route(self, masks: np.ndarray, level: np.ndarray) -> np.ndarray:
        """The first candidate whose place comes first, among the red flags and rules at exactly the level."""
        best = np.full(masks.shape, np.iinfo(np.int64).max)
        for position, (mask, rank, route) in enumerate(self.candidates):
            active = ((masks & mask) == mask) & (level == rank)
            best = np.where(active, np.minimum(best, self.place[route] * 1024 + position), best)
        chosen = np.array([route for _, _, route in self.candidates])[np.minimum(best % 1024, len(self.candidates) - 1)]
        general = self.general[level]
        return np.where((level >= RED_FLAG_FLOOR.rank) & (best < np.iinfo(np.int64).max), chosen, general)

    def situation(self, block: Block) -> np.ndarray:
        """What the route step sees, per combination: the level and the set of routes named at exactly that level."""
        named = np.zeros(block.masks.shape, dtype=np.int64)
        for mask, rank, route in self.candidates:
            active = ((block.masks & mask) == mask) & (block.level == rank)
            named |= np.where(active, 1 << route, 0)
        return (block.level << len(self.routes)) | named

    def blocks(self) -> Iterator[Block]:
        total = 1 << len(self.flags)
        for start in range(0, total, BLOCK):
            yield self.block(np.arange(start, min(total, start + BLOCK), dtype=np.int64))

    def chosen(self, mask: int) -> list[str]:
        return [f for i, f in enumerate(self.flags) if mask >> i & 1]

    def ranking(self, block: Block, row: int) -> list[str]:
        keys = block.key[:, row]
        return [self.causes[k] for k in np.argsort(keys, kind="stable") if keys[k] != NOT_PRESENT]

    def must_not_miss(self, block: Block, row: int) -> list[str]:
        return [c for c in self.ranking(block, row) if block.urgency[self.causes.index(c), row] > 0]
