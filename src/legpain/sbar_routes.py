"""The SBAR builder's route check: does a handover send the woman where, and as soon as, the model answer does?

The words live in ``data/sbar_routes.yaml`` (validated once per load, with errors that name the
file, entry and field). :func:`route_notes` reads a student's Recommendation and returns a
sentence for each difference from the model answer: another destination ("A&E" against "the
maternity unit"), no destination, or a slower urgency ("tomorrow" against "now").
"""

from __future__ import annotations

from functools import lru_cache
from html import unescape
from pathlib import Path
from typing import Callable, Iterable, Optional

from pydantic import Field

from .content.fields import Row
from .content.reader import read_yaml, validate
from .content import Course, DataError, load_course
from .templating import render

FILE = "data/sbar_routes.yaml"
MentionFn = Callable[[str, Iterable[str]], bool]  # whole-word matching: postnatal.mentions


class Route(Row):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str = Field(min_length=2)
    any_of: list[str] = Field(min_length=1)


class CaseRoute(Row):
    case: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    destination: str
    urgency: str


class SbarRoutes(Row):
    read_part: str = Field(min_length=1)
    destinations: list[Route] = Field(min_length=2)
    urgencies: list[Route] = Field(min_length=2)  # fastest first
    cases: list[CaseRoute] = Field(min_length=1)

    def case(self, case_id: str) -> Optional[CaseRoute]:
        return next((c for c in self.cases if c.case == case_id), None)


def load_sbar_routes(course: Optional[Course] = None) -> SbarRoutes:
    """The destinations, urgencies and each case's model route; every reference is checked."""
    return _load((course or load_course()).data_dir)


@lru_cache(maxsize=8)
def _load(folder: Path) -> SbarRoutes:
    raw = read_yaml(folder / "sbar_routes.yaml", FILE)
    if not isinstance(raw, dict):
        raise DataError(FILE, None, None, "a mapping of keys to values", type(raw).__name__)
    routes: SbarRoutes = validate(SbarRoutes, raw, FILE, "sbar_routes")
    for kind, items in (("destinations", routes.destinations), ("urgencies", routes.urgencies)):
        ids = [item.id for item in items]
        if len(set(ids)) != len(ids):
            raise DataError(FILE, kind, "id", "unique ids", ids)
    destinations = {d.id for d in routes.destinations}
    urgencies = {u.id for u in routes.urgencies}
    for i, case in enumerate(routes.cases):
        if case.destination not in destinations:
            raise DataError(FILE, f"cases[{i}]", "destination", f"one of {', '.join(sorted(destinations))}", case.destination)
        if case.urgency not in urgencies:
            raise DataError(FILE, f"cases[{i}]", "urgency", f"one of {', '.join(sorted(urgencies))}", case.urgency)
    return routes


def _note(kind: str, **words: str) -> str:
    """One sentence, as plain text (the feedback's template escapes it when it shows it)."""
    return unescape(render("sbar_route_note.html", kind=kind, **words))


def route_notes(case_id: str, text: str, routes: SbarRoutes, mentions: MentionFn) -> tuple[str, ...]:
    """Sentences on where and how soon the text sends the woman, where it differs from the model answer.

    Nothing is said when the case has no route in the data, or the text is empty.
    """
    model = routes.case(case_id)
    if model is None or not text.strip():
        return ()
    destinations = {d.id: d for d in routes.destinations}
    urgencies = {u.id: u for u in routes.urgencies}
    notes = []
    named = [d for d in routes.destinations if mentions(text, d.any_of)]
    want = destinations[model.destination]
    if not named:
        notes.append(_note(kind="no_destination", model=want.label))
    elif want not in named:
        notes.append(_note(kind="destination", named=named[0].label, model=want.label))
    rank = {u.id: i for i, u in enumerate(routes.urgencies)}
    said = [u for u in routes.urgencies if mentions(text, u.any_of)]
    goal = urgencies[model.urgency]
    if not said:
        notes.append(_note(kind="no_urgency", model=goal.label))
    elif goal not in said and min(rank[u.id] for u in said) > rank[goal.id]:
        notes.append(_note(kind="urgency", named=said[0].label, model=goal.label))
    return tuple(notes)
