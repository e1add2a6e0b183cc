"""One model per row of each data file in data/ (the lesson files have their own models)."""

from __future__ import annotations

from typing import Any, Literal, Optional

from pydantic import Field, field_validator

from ..levels import Level
from ..stages import STAGE_NAMES, WEEKS, StageName
from .fields import SOURCE_ID, check_placeholders, check_snake, Row, Sourced, split_ids


class Source(Row):
    """A source. ``url`` is the original's own address, never a copy's. ``note`` says what a reviewer
    must know about how the source was read: where the original could not be read, the copy it was
    read through, or which part of the citation could not be confirmed."""

    id: str = Field(pattern=SOURCE_ID.pattern)
    citation: str = Field(min_length=5)
    year: Optional[int] = Field(default=None, ge=1900, le=2100)
    url: Optional[str] = Field(default=None, pattern=r"^https?://\S+$")
    note: Optional[str] = Field(default=None, min_length=10)


class Region(Row):
    id: str
    label: str = Field(min_length=1)
    order: int = Field(ge=1)

    _id = field_validator("id")(check_snake)


def _all_stages() -> list[StageName]:
    return list(STAGE_NAMES)


def _stages(value: Any) -> Any:
    return list(STAGE_NAMES) if value is None else split_ids(value)


class Cause(Sourced):
    """A cause of leg pain. ``from_week`` and ``stages`` say when it can occur (empty: always)."""

    id: str
    name: str = Field(min_length=1)
    short_name: str = Field(min_length=1, max_length=20)  # for matrix columns and chart labels
    seriousness: Literal["everyday", "needs-review", "dangerous"]
    lesson: str = Field(min_length=1)
    summary: str = Field(min_length=10)
    from_week: Optional[int] = Field(default=None, ge=WEEKS[0], le=WEEKS[1])
    stages: list[StageName] = Field(default_factory=_all_stages, min_length=1)

    _id = field_validator("id")(check_snake)

    @field_validator("stages", mode="before")
    @classmethod
    def _split_stages(cls, value: Any) -> Any:
        return _stages(value)

    def possible_in(self, weeks: Optional[int], days_after_birth: Optional[int]) -> bool:
        """Whether the cause can occur at a stage. With no stage known it can (fail safe)."""
        if days_after_birth is not None:
            return "after_birth" in self.stages
        if weeks is None:
            return True
        return "pregnancy" in self.stages and (self.from_week is None or weeks >= self.from_week)


class Symptom(Sourced):
    id: str
    label: str = Field(min_length=3)
    region: str
    level: Level
    red_flag: bool
    brief_row: Optional[str] = Field(default=None, pattern=r"^LP\d\d$")
    # Where a woman goes for this symptom at its own level: the id of a 'route' row of data/advice.csv.
    route: Optional[str] = None

    _id = field_validator("id")(check_snake)

    @field_validator("red_flag", mode="before")
    @classmethod
    def _yes_no(cls, value: Any) -> Any:
        if isinstance(value, str):
            if value.lower() == "yes":
                return True
            if value.lower() == "no":
                return False
            raise ValueError("'yes' or 'no'")
        return value


class MatrixRow(Sourced):
    symptom_id: str
    cause_id: str
    weight: int = Field(ge=1, le=3)
    why: str = Field(min_length=10)


class Destination(Row):
    """A place a woman is sent to. ``phrases`` are the words that name it in advice text.

    The order of the rows is the order of precedence when two red flags at the same level name
    different places: the first one named in data/destinations.csv is chosen.
    """

    id: str
    label: str = Field(min_length=2)
    phrases: list[str] = Field(default_factory=list)

    _id = field_validator("id")(check_snake)

    @field_validator("phrases", mode="before")
    @classmethod
    def _split_phrases(cls, value: Any) -> Any:
        return [] if value is None else split_ids(value)


class Advice(Sourced):
    """One piece of advice. A ``route`` says where to go and how soon; an ``action`` says what to do
    now, at its level; a ``safety-net`` says what to watch for and where to go (at its level) if it
    happens. ``only_with`` limits an item to assessments with one of those symptoms ticked."""

    id: str
    cause_id: Optional[str] = None
    level: Level
    kind: Literal["route", "action", "safety-net"]
    text: str = Field(min_length=10)
    destination: Optional[str] = None
    only_with: list[str] = Field(default_factory=list)

    _id = field_validator("id")(check_snake)

    @field_validator("only_with", mode="before")
    @classmethod
    def _split_only_with(cls, value: Any) -> Any:
        return [] if value is None else split_ids(value)


class Rule(Sourced):
    """When all of its symptoms are present, in one of its stages, the level is at least its level.

    ``stages`` lists 'pregnancy' and/or 'after_birth' (empty: both); ``min_week`` and ``max_week``
    narrow the pregnancy part.
    """

    id: str
    all_of: list[str] = Field(min_length=1)
    stages: list[StageName] = Field(default_factory=_all_stages)
    min_week: Optional[int] = Field(default=None, ge=WEEKS[0], le=WEEKS[1])
    max_week: Optional[int] = Field(default=None, ge=WEEKS[0], le=WEEKS[1])
    level: Level
    cause_id: Optional[str] = None
    route: str
    reason: str = Field(min_length=10)

    _id = field_validator("id")(check_snake)

    @field_validator("all_of", mode="before")
    @classmethod
    def _split_all_of(cls, value: Any) -> Any:
        return split_ids(value)

    @field_validator("stages", mode="before")
    @classmethod
    def _split_stages(cls, value: Any) -> Any:
        return _stages(value)

    def applies_in(self, weeks: Optional[int], days_after_birth: Optional[int]) -> bool:
        """Whether the rule's stage condition holds. With no stage known it holds (fail safe)."""
        if days_after_birth is not None:
            return "after_birth" in self.stages
        if weeks is None:
            return True
        return "pregnancy" in self.stages and (self.min_week or WEEKS[0]) <= weeks <= (self.max_week or WEEKS[1])


class LevelInfo(Sourced):
    """What a step of the urgency scale tells a woman to do, in a few words, for the banner."""

    id: Level
    action: str = Field(min_length=10)


class Lesson(Row):
    id: str = Field(pattern=r"^\d\d_[a-z0-9_]+$")
    notebook: str = Field(pattern=r"^\d\d_[a-z0-9_]+\.ipynb$")
    title: str = Field(min_length=3)
    minutes: int = Field(ge=1, le=240)
    summary: str = Field(min_length=10)


class GlossaryTerm(Sourced):
    term: str = Field(min_length=2)
    us_term: Optional[str] = None
    definition: str = Field(min_length=10)


class LeftPoint(Sourced):
    id: Literal["left_leg", "calf_difference", "first_trimester"]
    label: str
    why: str


class LeftInterpretation(Sourced):
    score: int = Field(ge=0, le=3)
    text: str = Field(min_length=10)
    observed_dvt_percent: float = Field(ge=0, le=100)
    # The counts behind the percentage, so that small groups are shown as "3 of 4", not only as 75%.
    cohort: str = Field(min_length=3)
    women: int = Field(ge=1)
    women_with_dvt: int = Field(ge=0)


class LeftLimits(Sourced):
    text: str = Field(min_length=10)


# The names the LEFt figure's text summary (figure_summary in data/left_rule.yaml) fills in.
LEFT_SUMMARY_NAMES = frozenset({"where", "found", "smallest_women", "smallest_score", "lowest"})


class LeftRule(Row):
    name: str
    calf_difference_threshold_cm: float = Field(gt=0)
    max_plausible_calf_difference_cm: float = Field(gt=0)
    points: list[LeftPoint] = Field(min_length=3, max_length=3)
    interpretation: list[LeftInterpretation] = Field(min_length=4, max_length=4)
    limits: LeftLimits
    figure_summary: str = Field(min_length=20)

    @field_validator("figure_summary")
    @classmethod
    def _summary_names(cls, value: str) -> str:
        return check_placeholders(value, LEFT_SUMMARY_NAMES)
