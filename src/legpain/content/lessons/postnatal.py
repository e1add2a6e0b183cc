"""Lesson 10 (the weeks after the birth): the figure's data, the risk-assessment widget's words and
the SBAR builder's parts and cases, from ``data/lessons/10_after_the_birth.yaml``, each section
validated once per data folder. The callbacks are in :mod:`legpain.postnatal`.
"""

from __future__ import annotations

from typing import Any, Optional

from pydantic import Field

from ...levels import Level
from ..course import Course, load_course
from ..errors import DataError
from ..fields import Row as _Item
from ..fields import Sourced
from ..vte_risk import VTE_STAGES, load_vte_risk
from . import lesson_mapping

LESSON_ID = "10_after_the_birth"
FILE = f"data/lessons/{LESSON_ID}.yaml"

# ---------------------------------------------------------------- the figure's data


class Cohort(Sourced):
    women: int = Field(gt=0)
    lead: str = Field(min_length=10)
    outcome: str = Field(min_length=5)
    beyond: str = Field(min_length=10)


class EventWindow(Sourced):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    period: str = Field(min_length=5)
    after_birth: int = Field(ge=0)
    a_year_later: int = Field(ge=0)
    odds_ratio: float = Field(gt=0)


class AfterBirthEvents(_Item):
    cohort: Cohort
    windows: list[EventWindow] = Field(min_length=1)


# ---------------------------------------------------------------- the widgets' data


class Labelled(_Item):
    id: str = Field(min_length=1)
    label: str = Field(min_length=3)


class VteTool(Sourced):
    title: str = Field(min_length=3)
    what: str = Field(min_length=5)
    intro: str = Field(min_length=10)
    stage_prompt: str = Field(min_length=3)
    stages: list[Labelled] = Field(min_length=1)
    groups: list[Labelled] = Field(min_length=1)
    note: str = Field(min_length=10)


class SbarPart(Sourced):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    letter: str = Field(min_length=1, max_length=1)
    label: str = Field(min_length=3)
    prompt: str = Field(min_length=10)


class ChecklistPoint(_Item):
    point: str = Field(min_length=5)
    any_of: list[str] = Field(min_length=1)


class SbarCase(Sourced):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: str = Field(min_length=1)
    title: str = Field(min_length=5)
    story: str = Field(min_length=20)
    level: Level
    model: dict[str, str]
    checklist: dict[str, list[ChecklistPoint]]
    document: list[str] = Field(min_length=1)


class Sbar(_Item):
    title: str = Field(min_length=3)
    what: str = Field(min_length=5)
    intro: str = Field(min_length=10)
    check_note: str = Field(min_length=10)
    empty_message: str = Field(min_length=10)
    parts: list[SbarPart] = Field(min_length=1)
    cases: list[SbarCase] = Field(min_length=1)

    def case(self, case_id: Any) -> Optional[SbarCase]:
        return next((c for c in self.cases if c.id == case_id), None)


def load_after_birth_events(course: Optional[Course] = None) -> AfterBirthEvents:
    """The figure's data: events after the birth and in the same weeks a year later."""
    return lesson_mapping(LESSON_ID, "after_birth_events", AfterBirthEvents, course)


def load_vte_tool(course: Optional[Course] = None) -> VteTool:
    """The risk-assessment widget's words; its stages and groups must be those of the VTE risk data."""
    course = course or load_course()
    tool: VteTool = lesson_mapping(LESSON_ID, "vte_tool", VteTool, course)
    if sorted(s.id for s in tool.stages) != sorted(VTE_STAGES):
        raise DataError(FILE, "vte_tool", "stages", f"one entry for each of {', '.join(VTE_STAGES)}", [s.id for s in tool.stages])
    groups = {f.group for f in load_vte_risk(course).factors.values()}
    if sorted(g.id for g in tool.groups) != sorted(groups):
        raise DataError(FILE, "vte_tool", "groups", f"one entry for each group in data/vte_risk_factors.csv ({', '.join(sorted(groups))})",
                        [g.id for g in tool.groups])
    return tool


def load_sbar(course: Optional[Course] = None) -> Sbar:
    """The SBAR builder's parts and cases; every case answers every part, and ids are unique."""
    sbar: Sbar = lesson_mapping(LESSON_ID, "sbar", Sbar, course)
    part_ids = [p.id for p in sbar.parts]
    if len(set(part_ids)) != len(part_ids):
        raise DataError(FILE, "sbar", "parts", "unique part ids", part_ids)
    seen: set[str] = set()
    for i, case in enumerate(sbar.cases):
        where = f"sbar.cases[{i}]"
        if case.id in seen:
            raise DataError(FILE, where, "id", "a unique id", case.id)
        seen.add(case.id)
        for key, value in (("model", case.model), ("checklist", case.checklist)):
            if sorted(value) != sorted(part_ids):
                raise DataError(FILE, where, key, f"one entry for each part: {', '.join(part_ids)}", sorted(value))
        if any(not text.strip() for text in case.model.values()):
            raise DataError(FILE, where, "model", "a model answer for every part")
    return sbar
