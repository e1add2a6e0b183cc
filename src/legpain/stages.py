"""The stage of a woman: a week of pregnancy, days after the birth, or unknown.

One module owns the stages, their ranges and their validation, beside ``levels.py``; the engine,
the content layer and the widgets take them from here. An unknown stage counts as the most
dangerous one (see ``legpain.triage``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, Optional

WEEKS = (1, 42)
DAYS_AFTER_BIRTH = (0, 84)
# The two stages a rule or a cause can name in data/rules.csv and data/causes.csv.
StageName = Literal["pregnancy", "after_birth"]
STAGE_NAMES: tuple[StageName, ...] = ("pregnancy", "after_birth")
# What a student chooses in a stage menu (the explorer's checker, the swelling sorter): a week of
# pregnancy, a number of days since the birth, or not known.
StageChoice = Literal["pregnant", "after_birth", "unknown"]
PREGNANT: StageChoice = "pregnant"
AFTER_BIRTH: StageChoice = "after_birth"
UNKNOWN: StageChoice = "unknown"
STAGE_CHOICES: tuple[StageChoice, ...] = (UNKNOWN, PREGNANT, AFTER_BIRTH)


@dataclass(frozen=True)
class Stage:
    """Where a woman is: a week of pregnancy, days after the birth, or unknown (both None)."""

    weeks: Optional[int] = None
    days_after_birth: Optional[int] = None

    @property
    def known(self) -> bool:
        return self.weeks is not None or self.days_after_birth is not None

    def describe(self) -> str:
        if self.weeks is not None:
            return f"week {self.weeks} of pregnancy"
        if self.days_after_birth is not None:
            return f"day {self.days_after_birth} after the birth"
        return "stage not given (treated as the most dangerous stage)"


@dataclass(frozen=True)
class StageNumber:
    """The number a stage choice asks for: what it is called and its range."""

    what: str
    low: int
    high: int

    @property
    def span(self) -> str:
        return f"{self.low} to {self.high}"


STAGE_NUMBERS: dict[StageChoice, StageNumber] = {
    PREGNANT: StageNumber("week of pregnancy", *WEEKS),
    AFTER_BIRTH: StageNumber("number of days since the birth", *DAYS_AFTER_BIRTH),
}


def whole_number(value: Any, what: str, low: int, high: int) -> int:
    """``value`` as a whole number from ``low`` to ``high``, or a ValueError a student can act on."""
    if isinstance(value, bool) or not isinstance(value, int):
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        else:
            raise ValueError(f"The {what} must be a whole number from {low} to {high}; you gave {value!r}.")
    if not low <= value <= high:
        raise ValueError(f"The {what} must be from {low} to {high}; you gave {value}. Leave it empty if you do not know it.")
    return value


def check_weeks(weeks: Any) -> Optional[int]:
    """Return a valid week of pregnancy (in ``WEEKS``) or None; raise ValueError otherwise."""
    return None if weeks is None else whole_number(weeks, "week of pregnancy", *WEEKS)


def check_stage(weeks: Any = None, days_after_birth: Any = None) -> Stage:
    """A valid stage: a week of pregnancy (in ``WEEKS``), days after the birth (in ``DAYS_AFTER_BIRTH``), or neither."""
    if weeks is not None and days_after_birth is not None:
        raise ValueError("Give either the week of pregnancy or the days after the birth, not both.")
    days = None if days_after_birth is None else whole_number(days_after_birth, "number of days after the birth", *DAYS_AFTER_BIRTH)
    return Stage(check_weeks(weeks), days)


def stage_from_number(choice: StageChoice, number: int) -> Stage:
    """The stage for a number typed beside a stage choice: a week when pregnant, else days since the birth.

    Raises ValueError with a sentence for the student when the number is outside its range.
    """
    if choice == PREGNANT:
        return check_stage(number, None)
    if choice == AFTER_BIRTH:
        return check_stage(None, number)
    raise ValueError("Choose the stage from the list.")
