"""The whole course: every data file loaded, validated and cross-checked once."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any, Optional

from ..levels import LEVELS, RED_FLAG_FLOOR, Level
from .errors import DataError
from .models import Advice, Cause, Destination, GlossaryTerm, Lesson, LevelInfo, LeftRule, MatrixRow, Region, Rule, Source, Symptom
from .reader import check_ref, check_sources, read_csv, read_yaml, unique_rows, validate

def _default_data_dir() -> Path:
    """The data folder that ships with the package (``legpain.course_data``).

    In an installed wheel it is inside the package; in an editable install it is the
    repository's ``data/`` itself. Running straight from a checkout (``PYTHONPATH=src``),
    where the package is not installed, falls back to the checkout's ``data/``.
    """
    try:
        folder = files("legpain.course_data")
    except ModuleNotFoundError:
        return Path(__file__).resolve().parents[3] / "data"
    return Path(str(folder))


DEFAULT_DATA_DIR = _default_data_dir()


@dataclass(frozen=True, eq=False)
class Course:
    """All clinical content, validated and cross-checked."""

    data_dir: Path
    sources: dict[str, Source]
    regions: dict[str, Region]
    causes: dict[str, Cause]
    symptoms: dict[str, Symptom]
    matrix: list[MatrixRow]
    advice: dict[str, Advice]
    rules: dict[str, Rule]
    left_rule: LeftRule
    lessons: dict[str, Lesson]
    levels: dict[Level, LevelInfo] = field(default_factory=dict)
    glossary: list[GlossaryTerm] = field(default_factory=list)
    weights: dict[tuple[str, str], MatrixRow] = field(default_factory=dict)
    destinations: dict[str, Destination] = field(default_factory=dict)

    def rows_for_symptom(self, symptom_id: str) -> list[MatrixRow]:
        return [row for row in self.matrix if row.symptom_id == symptom_id]

    def route_advice(self, level: Level) -> Advice:
        """The general 'what to do and how soon' advice for a level."""
        return self.advice[f"route_{level.value.replace('-', '_')}"]

    def symptom_route(self, symptom_id: str) -> Advice:
        """Where a woman goes for one symptom at its own level (the level's general route if none is named)."""
        symptom = self.symptoms[symptom_id]
        return self.advice[symptom.route] if symptom.route else self.route_advice(symptom.level)

    def single_symptom_level(self, symptom_id: str, weeks: Optional[int] = None, days_after_birth: Optional[int] = None) -> Level:
        """The level of one symptom on its own at a stage (its own level, raised by its stage rules)."""
        level = self.symptoms[symptom_id].level
        for rule in self.rules.values():
            if rule.all_of == [symptom_id] and rule.level > level and rule.applies_in(weeks, days_after_birth):
                level = rule.level
        return level

    def advice_for_cause(self, cause_id: str) -> list[Advice]:
        return [a for a in self.advice.values() if a.cause_id == cause_id]

    def symptoms_in_region(self, region_id: str) -> list[Symptom]:
        return [s for s in self.symptoms.values() if s.region == region_id]


def load_course(data_dir: str | os.PathLike[str] | None = None) -> Course:
    """Load and validate every data file. Cached per folder."""
    return _load_course(_resolve(str(data_dir or os.environ.get("LEGPAIN_DATA") or DEFAULT_DATA_DIR)))


@lru_cache(maxsize=32)
def _resolve(folder: str) -> Path:
    return Path(folder).resolve()


@lru_cache(maxsize=8)
def _load_course(folder: Path) -> Course:
    """Every data file, each read and validated by its own loader, then cross-checked."""
    sources = unique_rows(read_csv(folder / "sources.csv", Source), "data/sources.csv")
    regions = unique_rows(read_csv(folder / "regions.csv", Region), "data/regions.csv")
    lessons = _load_lessons(folder)
    causes = _load_causes(folder, sources, lessons)
    symptom_rows = _load_symptom_rows(folder, sources, regions)
    symptoms = unique_rows(symptom_rows, "data/symptoms.csv")
    matrix, weights = _load_matrix(folder, sources, symptoms, causes)
    _check_every_row_is_linked(symptom_rows, causes, weights)
    destinations = unique_rows(read_csv(folder / "destinations.csv", Destination), "data/destinations.csv")
    advice = _load_advice(folder, sources, causes, symptoms, destinations)
    _check_symptom_routes(symptom_rows, advice)
    rules = _load_rules(folder, sources, symptoms, causes, advice)
    _check_red_flags(symptom_rows, rules)
    glossary_rows = read_csv(folder / "glossary.csv", GlossaryTerm)
    unique_rows(glossary_rows, "data/glossary.csv", key="term")
    check_sources(glossary_rows, sources, "data/glossary.csv")
    return Course(
        data_dir=folder,
        sources=sources,
        regions=dict(sorted(regions.items(), key=lambda kv: kv[1].order)),
        causes=causes,
        symptoms=symptoms,
        matrix=matrix,
        advice=advice,
        rules=rules,
        left_rule=_load_left_rule(folder, sources),
        lessons=lessons,
        levels=_load_levels(folder, sources),
        glossary=sorted((row for _, row in glossary_rows), key=lambda g: g.term.lower()),
        weights=weights,
        destinations=destinations,
    )


def _load_lessons(folder: Path) -> dict[str, Lesson]:
    lesson_rows = read_csv(folder / "lessons.csv", Lesson)
    for number, lesson in lesson_rows:
        if lesson.notebook != f"{lesson.id}.ipynb":
            raise DataError("data/lessons.csv", number, "notebook", f"the file name '{lesson.id}.ipynb'", lesson.notebook)
    return unique_rows(lesson_rows, "data/lessons.csv")


def _load_causes(folder: Path, sources: dict[str, Source], lessons: dict[str, Lesson]) -> dict[str, Cause]:
    cause_rows = read_csv(folder / "causes.csv", Cause)
    causes = unique_rows(cause_rows, "data/causes.csv")
    check_sources(cause_rows, sources, "data/causes.csv")
    for number, cause in cause_rows:
        check_ref(cause.lesson, lessons, "data/causes.csv", number, "lesson", "lessons.csv")
    return causes


def _load_symptom_rows(folder: Path, sources: dict[str, Source], regions: dict[str, Region]) -> list[tuple[int, Symptom]]:
    symptom_rows = read_csv(folder / "symptoms.csv", Symptom)
    unique_rows(symptom_rows, "data/symptoms.csv")
    check_sources(symptom_rows, sources, "data/symptoms.csv")
    for number, symptom in symptom_rows:
        check_ref(symptom.region, regions, "data/symptoms.csv", number, "region", "regions.csv")
    return symptom_rows


def _load_matrix(
    folder: Path, sources: dict[str, Source], symptoms: dict[str, Symptom], causes: dict[str, Cause]
) -> tuple[list[MatrixRow], dict[tuple[str, str], MatrixRow]]:
    matrix_rows = read_csv(folder / "matrix.csv", MatrixRow)
    check_sources(matrix_rows, sources, "data/matrix.csv")
    weights: dict[tuple[str, str], MatrixRow] = {}
    for number, row in matrix_rows:
        check_ref(row.symptom_id, symptoms, "data/matrix.csv", number, "symptom_id", "symptoms.csv")
        check_ref(row.cause_id, causes, "data/matrix.csv", number, "cause_id", "causes.csv")
        if (row.symptom_id, row.cause_id) in weights:
            raise DataError("data/matrix.csv", number, "cause_id", "one row per symptom and cause", f"{row.symptom_id} + {row.cause_id}")
        weights[(row.symptom_id, row.cause_id)] = row
    return [row for _, row in matrix_rows], weights


def _check_every_row_is_linked(symptom_rows: list[tuple[int, Symptom]], causes: dict[str, Cause], weights: dict[tuple[str, str], MatrixRow]) -> None:
    """Every symptom and every cause has at least one row in data/matrix.csv."""
    linked_symptoms = {s for s, _ in weights}
    linked_causes = {c for _, c in weights}
    for number, symptom in symptom_rows:
        if symptom.id not in linked_symptoms:
            raise DataError("data/symptoms.csv", number, "id", "at least one row for this symptom in data/matrix.csv", symptom.id)
    for number, cause_id in enumerate(causes, start=1):
        if cause_id not in linked_causes:
            raise DataError("data/causes.csv", number, "id", "at least one row for this cause in data/matrix.csv", cause_id)


def _load_advice(
    folder: Path, sources: dict[str, Source], causes: dict[str, Cause], symptoms: dict[str, Symptom], destinations: dict[str, Destination]
) -> dict[str, Advice]:
    advice_rows = read_csv(folder / "advice.csv", Advice)
    advice = unique_rows(advice_rows, "data/advice.csv")
    check_sources(advice_rows, sources, "data/advice.csv")
    for number, item in advice_rows:
        _check_advice_row(number, item, causes, symptoms, destinations)
    for level in Level:
        route_id = f"route_{level.value.replace('-', '_')}"
        route = advice.get(route_id)
        if route is None or route.level != level or route.cause_id is not None or route.kind != "route":
            raise DataError("data/advice.csv", None, "id", f"a row '{route_id}' with level '{level.value}', kind 'route' and no cause_id")
    if "nothing_selected" not in advice:
        raise DataError("data/advice.csv", None, "id", "a row 'nothing_selected' for an empty selection")
    return advice


def _check_symptom_routes(symptom_rows: list[tuple[int, Symptom]], advice: dict[str, Advice]) -> None:
    for number, symptom in symptom_rows:
        _check_route(symptom.route, symptom.level, advice, "data/symptoms.csv", number)
        if symptom.route is None and symptom.level >= RED_FLAG_FLOOR:
            raise DataError(
                "data/symptoms.csv", number, "route", f"the route (a 'route' row of data/advice.csv) for a symptom at '{symptom.level.value}'"
            )


def _load_rules(
    folder: Path, sources: dict[str, Source], symptoms: dict[str, Symptom], causes: dict[str, Cause], advice: dict[str, Advice]
) -> dict[str, Rule]:
    file = "data/rules.csv"
    rule_rows = read_csv(folder / "rules.csv", Rule)
    rules = unique_rows(rule_rows, file)
    check_sources(rule_rows, sources, file)
    for number, rule in rule_rows:
        for symptom_id in rule.all_of:
            check_ref(symptom_id, symptoms, file, number, "all_of", "symptoms.csv")
        check_ref(rule.cause_id, causes, file, number, "cause_id", "causes.csv")
        _check_route(rule.route, rule.level, advice, file, number)
        if rule.min_week is not None and rule.max_week is not None and rule.min_week > rule.max_week:
            raise DataError(file, number, "max_week", f"a week at or after min_week ({rule.min_week})", rule.max_week)
        if (rule.min_week is not None or rule.max_week is not None) and "pregnancy" not in rule.stages:
            raise DataError(file, number, "stages", "'pregnancy' among the stages, because min_week or max_week is set", ";".join(rule.stages))
        own = max(symptoms[s].level for s in rule.all_of)
        if rule.level <= own:
            raise DataError(
                file, number, "level",
                f"a level above '{own.value}', the highest level of the rule's own symptoms, or the rule never raises anything",
                rule.level.value,
            )
    return rules


def _check_red_flags(symptom_rows: list[tuple[int, Symptom]], rules: dict[str, Rule]) -> None:
    """A symptom is a red flag exactly when, alone and at its most dangerous stage, it reaches urgent."""
    for number, symptom in symptom_rows:
        reaches = max([symptom.level] + [r.level for r in rules.values() if r.all_of == [symptom.id]])
        should_flag = reaches >= RED_FLAG_FLOOR
        if symptom.red_flag != should_flag:
            raise DataError(
                "data/symptoms.csv", number, "red_flag",
                f"'{'yes' if should_flag else 'no'}', because a symptom is a red flag exactly when, on its own and at "
                f"its most dangerous stage, its level is '{RED_FLAG_FLOOR.value}' or above (here '{reaches.value}')",
                "yes" if symptom.red_flag else "no",
            )


def _load_levels(folder: Path, sources: dict[str, Source]) -> dict[Level, LevelInfo]:
    level_rows = read_csv(folder / "levels.csv", LevelInfo)
    check_sources(level_rows, sources, "data/levels.csv")
    if [row.id for _, row in level_rows] != list(LEVELS):
        raise DataError(
            "data/levels.csv", None, "id", f"one row per level, in the order {', '.join(lv.value for lv in LEVELS)}",
            ", ".join(row.id.value for _, row in level_rows),
        )
    return {row.id: row for _, row in level_rows}


def _load_left_rule(folder: Path, sources: dict[str, Source]) -> LeftRule:
    file = "data/left_rule.yaml"
    raw = read_yaml(folder / "left_rule.yaml", file)
    if not isinstance(raw, dict):
        raise DataError(file, None, None, "a mapping of keys to values", type(raw).__name__)
    left_rule: LeftRule = validate(LeftRule, raw, file, "(document)")
    sourced: list[tuple[int | str, Any]] = [(f"points[{i}]", p) for i, p in enumerate(left_rule.points)]
    sourced += [(f"interpretation[{i}]", p) for i, p in enumerate(left_rule.interpretation)]
    for i, band in enumerate(left_rule.interpretation):
        if band.women_with_dvt > band.women:
            raise DataError(file, f"interpretation[{i}]", "women_with_dvt", f"at most the number of women ({band.women})", band.women_with_dvt)
        percent = 100 * band.women_with_dvt / band.women
        if abs(band.observed_dvt_percent - percent) > 0.5:
            raise DataError(
                file, f"interpretation[{i}]", "observed_dvt_percent",
                f"{band.women_with_dvt} of {band.women} as a percentage, rounded ({percent:.1f})", band.observed_dvt_percent,
            )
    sourced.append(("limits", left_rule.limits))
    check_sources(sourced, sources, file)
    return left_rule


def _check_advice_row(number: int, item: Advice, causes: dict[str, Cause], symptoms: dict[str, Any], destinations: dict[str, Destination]) -> None:
    """One row of data/advice.csv against the causes, symptoms and places it names."""
    file = "data/advice.csv"
    check_ref(item.cause_id, causes, file, number, "cause_id", "causes.csv")
    check_ref(item.destination, destinations, file, number, "destination", "destinations.csv")
    for symptom_id in item.only_with:
        check_ref(symptom_id, symptoms, file, number, "only_with", "symptoms.csv")
    if item.kind == "route":
        if item.cause_id is not None:
            raise DataError(file, number, "cause_id", "no cause for a 'route' row (a route belongs to a symptom, a rule or a level)", item.cause_id)
        if item.level >= RED_FLAG_FLOOR and item.destination is None:
            raise DataError(file, number, "destination", f"the place a 'route' row at '{item.level.value}' sends the woman to")
    if item.kind == "safety-net":
        return  # a safety-net names a faster place on purpose ("if this happens, call 999")
    named = [d.id for d in destinations.values() if any(phrase in item.text for phrase in d.phrases)]
    if named and item.destination not in named:
        raise DataError(
            file, number, "destination",
            f"one of {', '.join(named)}, because the text names that place (an action that names a place must say which)",
            item.destination,
        )


def _check_route(route_id: Optional[str], level: Level, advice: dict[str, Advice], file: str, number: int) -> None:
    """A symptom's or a rule's route: a 'route' row of data/advice.csv at exactly its level."""
    if route_id is None:
        return
    route = advice.get(route_id)
    if route is None or route.kind != "route":
        raise DataError(file, number, "route", "the id of a row of kind 'route' in data/advice.csv", route_id)
    if route.level != level:
        raise DataError(file, number, "route", f"a route at '{level.value}', the level it belongs to", f"{route_id} ({route.level.value})")
