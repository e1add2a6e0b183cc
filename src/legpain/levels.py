"""Urgency levels, ordered from self-care to emergency.

Five steps: self-care < routine < urgent (same day) < immediate (now) < emergency (999).
What each step means, and the route a woman takes, are data: ``data/levels.csv``.
"""

from __future__ import annotations

from enum import Enum


class Level(str, Enum):
    """How soon a woman should act. Compares by urgency, not alphabetically."""

    SELF_CARE = "self-care"
    ROUTINE = "routine"
    URGENT = "urgent"
    IMMEDIATE = "immediate"
    EMERGENCY = "emergency"

    @property
    def rank(self) -> int:
        return _RANKS[self]

    @property
    def label(self) -> str:
        """The short name of the step, for banners and tables."""
        return _LABELS[self]

    @classmethod
    def from_rank(cls, rank: int) -> "Level":
        return LEVELS[rank]

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Level):
            return NotImplemented
        return self.rank < other.rank

    def __le__(self, other: object) -> bool:
        if not isinstance(other, Level):
            return NotImplemented
        return self.rank <= other.rank

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, Level):
            return NotImplemented
        return self.rank > other.rank

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, Level):
            return NotImplemented
        return self.rank >= other.rank

    def __str__(self) -> str:
        return self.value


LEVELS: tuple[Level, ...] = (Level.SELF_CARE, Level.ROUTINE, Level.URGENT, Level.IMMEDIATE, Level.EMERGENCY)
# A symptom at or above this step is a red flag.
RED_FLAG_FLOOR = Level.URGENT
_RANKS = {level: i for i, level in enumerate(LEVELS)}
_LABELS = {
    Level.SELF_CARE: "Self-care",
    Level.ROUTINE: "Routine review",
    Level.URGENT: "Urgent: same day",
    Level.IMMEDIATE: "Immediate: now",
    Level.EMERGENCY: "Emergency: 999",
}
