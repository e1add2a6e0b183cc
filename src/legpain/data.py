"""Load the course's clinical content from ``data/`` and validate every row.

Every problem is reported as one :class:`DataError` that names the file, the
row, the column and what was expected, so that a reviewer can fix the file
without reading Python.
"""

from __future__ import annotations

import csv
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any, Literal, Optional

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .levels import Level

SNAKE_ID = re.compile(r"^[a-z][a-z0-9_]*$")
SOURCE_ID = re.compile(r"^(S\d+|[a-z][a-z0-9_]*)$")


def _default_data_dir() -> Path:
    """The data folder that ships with the package (``legpain.course_data``).

    In an installed wheel it is inside the package; in an editable install it is the
    repository's ``data/`` itself. Running straight from a checkout (``PYTHONPATH=src``),
    where the package is not installed, falls back to the checkout's ``data/``.
    """
    try:
        folder = files("legpain.course_data")
    except ModuleNotFoundError:
        return Path(__file__).resolve().parents[2] / "data"
    return Path(str(folder))


DEFAULT_DATA_DIR = _default_data_dir()


class DataError(ValueError):
    """A data file does not follow its schema."""

    def __init__(self, file: str, row: Optional[int | str], column: Optional[str], expected: str, found: Any = None):
        self.file = file
        self.row = row
        self.column = column
        self.expected = expected
        self.found = found
        where = [file]
        if isinstance(row, int):
            where.append(f"row {row} (line {row + 1} of the file)")
        elif row is not None:
            where.append(str(row))
        if column is not None:
            where.append(f"column '{column}'")
        message = f"{', '.join(where)}: expected {expected}"
        if found is not None:
            message += f"; found {found!r}"
        super().__init__(message + ".")


# ---------------------------------------------------------------- row schemas


def _split_ids(value: Any) -> Any:
    if isinstance(value, str):
        return [part.strip() for part in value.split(";") if part.strip()]
    return value


def _check_snake(value: Optional[str]) -> Optional[str]:
    if value is not None and not SNAKE_ID.match(value):
        raise ValueError("a lower-case id made of letters, digits and underscores, such as 'leg_cramps'")
    return value


class _Row(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class _Sourced(_Row):
    source_ids: list[str] = Field(min_length=1)

    @field_validator("source_ids", mode="before")
    @classmethod
    def _split_source_ids(cls, value: Any) -> Any:
        return _split_ids(value)


class Source(_Row):
    id: str = Field(pattern=SOURCE_ID.pattern)
    citation: str = Field(min_length=5)
    year: Optional[int] = Field(default=None, ge=1900, le=2100)
    url: Optional[str] = Field(default=None, pattern=r"^https?://\S+$")


class Region(_Row):
    id: str
    label: str = Field(min_length=1)
    order: int = Field(ge=1)

    _id = field_validator("id")(_check_snake)


class Cause(_Sourced):
    id: str
    name: str = Field(min_length=1)
    seriousness: Literal["everyday", "needs-review", "dangerous"]
    lesson: str = Field(min_length=1)
    summary: str = Field(min_length=10)
    from_week: Optional[int] = Field(default=None, ge=1, le=42)

    _id = field_validator("id")(_check_snake)


class Symptom(_Sourced):
    id: str
    label: str = Field(min_length=3)
    region: str
    level: Level
    red_flag: bool
    brief_row: Optional[str] = Field(default=None, pattern=r"^LP\d\d$")

    _id = field_validator("id")(_check_snake)

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


class MatrixRow(_Sourced):
    symptom_id: str
    cause_id: str
    weight: int = Field(ge=1, le=3)
    why: str = Field(min_length=10)


class Advice(_Sourced):
    id: str
    cause_id: Optional[str] = None
    level: Level
    text: str = Field(min_length=10)

    _id = field_validator("id")(_check_snake)


class Rule(_Sourced):
    id: str
    all_of: list[str] = Field(min_length=1)
    min_week: Optional[int] = Field(default=None, ge=1, le=42)
    max_week: Optional[int] = Field(default=None, ge=1, le=42)
    level: Level
    cause_id: Optional[str] = None
    reason: str = Field(min_length=10)

    _id = field_validator("id")(_check_snake)

    @field_validator("all_of", mode="before")
    @classmethod
    def _split_all_of(cls, value: Any) -> Any:
        return _split_ids(value)


class Lesson(_Row):
    id: str = Field(pattern=r"^\d\d_[a-z0-9_]+$")
    notebook: str = Field(pattern=r"^\d\d_[a-z0-9_]+\.ipynb$")
    title: str = Field(min_length=3)
    minutes: int = Field(ge=1, le=240)
    summary: str = Field(min_length=10)


class GlossaryTerm(_Sourced):
    term: str = Field(min_length=2)
    us_term: Optional[str] = None
    definition: str = Field(min_length=10)


class LeftPoint(_Sourced):
    id: Literal["left_leg", "calf_difference", "first_trimester"]
    label: str
    why: str


class LeftInterpretation(_Sourced):
    score: int = Field(ge=0, le=3)
    text: str = Field(min_length=10)
    observed_dvt_percent: float = Field(ge=0, le=100)


class LeftLimits(_Sourced):
    text: str = Field(min_length=10)


class LeftRule(_Row):
    name: str
    calf_difference_threshold_cm: float = Field(gt=0)
    max_plausible_calf_difference_cm: float = Field(gt=0)
    points: list[LeftPoint] = Field(min_length=3, max_length=3)
    interpretation: list[LeftInterpretation] = Field(min_length=4, max_length=4)
    limits: LeftLimits


# ---------------------------------------------------------------- the course


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
    glossary: list[GlossaryTerm] = field(default_factory=list)
    weights: dict[tuple[str, str], MatrixRow] = field(default_factory=dict)

    def rows_for_symptom(self, symptom_id: str) -> list[MatrixRow]:
        return [row for row in self.matrix if row.symptom_id == symptom_id]

    def route_advice(self, level: Level) -> Advice:
        """The general 'what to do and how soon' advice for a level."""
        return self.advice[f"route_{level.value.replace('-', '_')}"]

    def advice_for_cause(self, cause_id: str) -> list[Advice]:
        return [a for a in self.advice.values() if a.cause_id == cause_id]

    def symptoms_in_region(self, region_id: str) -> list[Symptom]:
        return [s for s in self.symptoms.values() if s.region == region_id]


def _fmt_error(err: dict[str, Any]) -> tuple[str, str, Any]:
    column = ".".join(str(part) for part in err.get("loc", ())) or "?"
    message = err.get("msg", "a valid value")
    message = re.sub(r"^Value error, ", "", message)
    message = re.sub(r"^Input should be ", "", message)
    message = re.sub(r"^String should ", "a text that should ", message)
    message = re.sub(r"^List should ", "a list that should ", message)
    if err.get("type") == "extra_forbidden":
        message = "no such column"
    if err.get("type") == "missing":
        message = "a value (this column is required)"
    return column, message, err.get("input")


def _validate(model: type[BaseModel], raw: dict[str, Any], file: str, row: int | str) -> Any:
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        column, expected, found = _fmt_error(exc.errors()[0])
        if isinstance(found, dict):
            found = None
        raise DataError(file, row, column, expected, found) from None


def _read_csv(path: Path, model: type[BaseModel]) -> list[tuple[int, Any]]:
    """Rows of a CSV file as (row number, validated model). Row 1 is the first data row."""
    name = f"data/{path.name}"
    if not path.is_file():
        raise DataError(name, None, None, "the file to exist")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise DataError(name, None, None, "UTF-8 text", str(exc)) from None
    reader = csv.DictReader(text.splitlines())
    expected_cols = list(model.model_fields)
    header = reader.fieldnames or []
    missing = [c for c in expected_cols if c not in header and model.model_fields[c].is_required()]
    if missing:
        raise DataError(name, "header", missing[0], f"the columns {', '.join(expected_cols)}", ", ".join(header))
    rows = []
    for number, raw in enumerate(reader, start=1):
        if None in raw:
            raise DataError(name, number, None, f"{len(header)} fields as in the header", f"{len(header) + len(raw[None])} fields")
        missing_cells = [k for k, v in raw.items() if v is None]
        if missing_cells:
            raise DataError(name, number, missing_cells[0], f"{len(header)} fields as in the header", "a short row")
        cleaned = {k: (v if v.strip() != "" else None) for k, v in raw.items()}
        cleaned = {k: v for k, v in cleaned.items() if v is not None or model.model_fields.get(k) is None or not model.model_fields[k].is_required()}
        rows.append((number, _validate(model, cleaned, name, number)))
    if not rows:
        raise DataError(name, None, None, "at least one data row")
    return rows


def _read_yaml(path: Path, name: str) -> Any:
    if not path.is_file():
        raise DataError(name, None, None, "the file to exist")
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        row = mark.line + 1 if mark is not None else None
        raise DataError(name, f"line {row}" if row else None, None, "valid YAML", str(getattr(exc, "problem", exc))) from None


def _unique(rows: list[tuple[int, Any]], file: str, key: str = "id") -> dict[str, Any]:
    seen: dict[str, Any] = {}
    for number, row in rows:
        value = getattr(row, key)
        if value in seen:
            raise DataError(file, number, key, "a unique id", value)
        seen[value] = row
    return seen


def _check_ref(value: Optional[str], known: dict[str, Any], file: str, row: int | str, column: str, what: str) -> None:
    if value is not None and value not in known:
        raise DataError(file, row, column, f"an id from data/{what}", value)


def _check_sources(rows: list[tuple[int | str, Any]], sources: dict[str, Source], file: str) -> None:
    for number, row in rows:
        for source_id in row.source_ids:
            _check_ref(source_id, sources, file, number, "source_ids", "sources.csv")


def load_course(data_dir: str | os.PathLike[str] | None = None) -> Course:
    """Load and validate every data file. Cached per folder."""
    return _load_course(_resolve(str(data_dir or os.environ.get("LEGPAIN_DATA") or DEFAULT_DATA_DIR)))


@lru_cache(maxsize=32)
def _resolve(folder: str) -> Path:
    return Path(folder).resolve()


@lru_cache(maxsize=8)
def _load_course(folder: Path) -> Course:
    source_rows = _read_csv(folder / "sources.csv", Source)
    sources = _unique(source_rows, "data/sources.csv")
    regions = _unique(_read_csv(folder / "regions.csv", Region), "data/regions.csv")

    cause_rows = _read_csv(folder / "causes.csv", Cause)
    causes = _unique(cause_rows, "data/causes.csv")
    _check_sources(cause_rows, sources, "data/causes.csv")

    symptom_rows = _read_csv(folder / "symptoms.csv", Symptom)
    symptoms = _unique(symptom_rows, "data/symptoms.csv")
    _check_sources(symptom_rows, sources, "data/symptoms.csv")
    for number, symptom in symptom_rows:
        _check_ref(symptom.region, regions, "data/symptoms.csv", number, "region", "regions.csv")
        should_flag = symptom.level >= Level.URGENT
        if symptom.red_flag != should_flag:
            raise DataError(
                "data/symptoms.csv", number, "red_flag",
                f"'{'yes' if should_flag else 'no'}', because a symptom is a red flag exactly when its level is urgent or emergency",
                "yes" if symptom.red_flag else "no",
            )

    matrix_rows = _read_csv(folder / "matrix.csv", MatrixRow)
    _check_sources(matrix_rows, sources, "data/matrix.csv")
    weights: dict[tuple[str, str], MatrixRow] = {}
    for number, row in matrix_rows:
        _check_ref(row.symptom_id, symptoms, "data/matrix.csv", number, "symptom_id", "symptoms.csv")
        _check_ref(row.cause_id, causes, "data/matrix.csv", number, "cause_id", "causes.csv")
        if (row.symptom_id, row.cause_id) in weights:
            raise DataError("data/matrix.csv", number, "cause_id", "one row per symptom and cause", f"{row.symptom_id} + {row.cause_id}")
        weights[(row.symptom_id, row.cause_id)] = row
    for number, symptom in symptom_rows:
        if not any(s == symptom.id for s, _ in weights):
            raise DataError("data/symptoms.csv", number, "id", "at least one row for this symptom in data/matrix.csv", symptom.id)
    for number, cause in cause_rows:
        if not any(c == cause.id for _, c in weights):
            raise DataError("data/causes.csv", number, "id", "at least one row for this cause in data/matrix.csv", cause.id)

    advice_rows = _read_csv(folder / "advice.csv", Advice)
    advice = _unique(advice_rows, "data/advice.csv")
    _check_sources(advice_rows, sources, "data/advice.csv")
    for number, item in advice_rows:
        _check_ref(item.cause_id, causes, "data/advice.csv", number, "cause_id", "causes.csv")
    for level in Level:
        route_id = f"route_{level.value.replace('-', '_')}"
        if route_id not in advice or advice[route_id].level != level or advice[route_id].cause_id is not None:
            raise DataError("data/advice.csv", None, "id", f"a row '{route_id}' with level '{level.value}' and no cause_id")
    if "nothing_selected" not in advice:
        raise DataError("data/advice.csv", None, "id", "a row 'nothing_selected' for an empty selection")

    rule_rows = _read_csv(folder / "rules.csv", Rule)
    rules = _unique(rule_rows, "data/rules.csv")
    _check_sources(rule_rows, sources, "data/rules.csv")
    for number, rule in rule_rows:
        for symptom_id in rule.all_of:
            _check_ref(symptom_id, symptoms, "data/rules.csv", number, "all_of", "symptoms.csv")
        _check_ref(rule.cause_id, causes, "data/rules.csv", number, "cause_id", "causes.csv")
        if rule.min_week is not None and rule.max_week is not None and rule.min_week > rule.max_week:
            raise DataError("data/rules.csv", number, "max_week", f"a week at or after min_week ({rule.min_week})", rule.max_week)

    left_raw = _read_yaml(folder / "left_rule.yaml", "data/left_rule.yaml")
    if not isinstance(left_raw, dict):
        raise DataError("data/left_rule.yaml", None, None, "a mapping of keys to values", type(left_raw).__name__)
    left_rule = _validate(LeftRule, left_raw, "data/left_rule.yaml", "(document)")
    left_sourced: list[tuple[int | str, Any]] = [(f"points[{i}]", p) for i, p in enumerate(left_rule.points)]
    left_sourced += [(f"interpretation[{i}]", p) for i, p in enumerate(left_rule.interpretation)]
    left_sourced.append(("limits", left_rule.limits))
    _check_sources(left_sourced, sources, "data/left_rule.yaml")

    lesson_rows = _read_csv(folder / "lessons.csv", Lesson)
    lessons = _unique(lesson_rows, "data/lessons.csv")
    for number, lesson in lesson_rows:
        if lesson.notebook != f"{lesson.id}.ipynb":
            raise DataError("data/lessons.csv", number, "notebook", f"the file name '{lesson.id}.ipynb'", lesson.notebook)
    for number, cause in cause_rows:
        _check_ref(cause.lesson, lessons, "data/causes.csv", number, "lesson", "lessons.csv")

    glossary_rows = _read_csv(folder / "glossary.csv", GlossaryTerm)
    _unique(glossary_rows, "data/glossary.csv", key="term")
    _check_sources(glossary_rows, sources, "data/glossary.csv")

    return Course(
        data_dir=folder,
        sources=sources,
        regions=dict(sorted(regions.items(), key=lambda kv: kv[1].order)),
        causes=causes,
        symptoms=symptoms,
        matrix=[row for _, row in matrix_rows],
        advice=advice,
        rules=rules,
        left_rule=left_rule,
        lessons=lessons,
        glossary=sorted((row for _, row in glossary_rows), key=lambda g: g.term.lower()),
        weights=weights,
    )


# ---------------------------------------------------------------- lesson files


def lesson_file(lesson_id: str, course: Optional[Course] = None) -> dict[str, Any]:
    """The raw content of ``data/lessons/<lesson_id>.yaml`` (quiz, cited sources, lesson data)."""
    course = course or load_course()
    if lesson_id not in course.lessons:
        raise ValueError(f"Unknown lesson {lesson_id!r}; see data/lessons.csv for the lesson ids.")
    return _lesson_file(course.data_dir, lesson_id)


@lru_cache(maxsize=64)
def _lesson_file(folder: Path, lesson_id: str) -> dict[str, Any]:
    name = f"data/lessons/{lesson_id}.yaml"
    raw = _read_yaml(folder / "lessons" / f"{lesson_id}.yaml", name)
    if not isinstance(raw, dict):
        raise DataError(name, None, None, "a mapping of keys to values", type(raw).__name__)
    if raw.get("lesson") != lesson_id:
        raise DataError(name, None, "lesson", f"the lesson id '{lesson_id}'", raw.get("lesson"))
    return raw


def lesson_section(lesson_id: str, key: str, model: type[BaseModel], course: Optional[Course] = None) -> list[Any]:
    """Validate the list under ``key`` in a lesson file, row by row, sources included."""
    course = course or load_course()
    name = f"data/lessons/{lesson_id}.yaml"
    items = lesson_file(lesson_id, course).get(key)
    if not isinstance(items, list) or not items:
        raise DataError(name, None, key, "a non-empty list", items)
    rows: list[tuple[int | str, Any]] = []
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            raise DataError(name, f"{key}[{i}]", None, "a mapping of keys to values", item)
        rows.append((f"{key}[{i}]", _validate(model, item, name, f"{key}[{i}]")))
    for where, row in rows:
        for source_id in _all_source_ids(row.model_dump()):
            _check_ref(source_id, course.sources, name, where, "source_ids", "sources.csv")
    return [row for _, row in rows]


def _all_source_ids(value: Any) -> list[str]:
    """Every id under a 'source_ids' key, at any depth."""
    found: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "source_ids" and isinstance(item, (list, tuple)):
                found.extend(str(s) for s in item)
            else:
                found.extend(_all_source_ids(item))
    elif isinstance(value, (list, tuple)):
        for item in value:
            found.extend(_all_source_ids(item))
    return found


def source_order(source_id: str) -> tuple[int, int, str]:
    match = re.match(r"^S(\d+)$", source_id)
    return (1, int(match.group(1)), "") if match else (0, 0, source_id)


def lesson_source_ids(lesson_id: str, course: Optional[Course] = None) -> list[str]:
    """Every source behind a lesson: its causes, their links and advice, and its lesson file."""
    course = course or load_course()
    ids: list[str] = []
    for cause in course.causes.values():
        if cause.lesson != lesson_id:
            continue
        ids.extend(cause.source_ids)
        for row in course.matrix:
            if row.cause_id == cause.id:
                ids.extend(row.source_ids)
        for advice in course.advice_for_cause(cause.id):
            ids.extend(advice.source_ids)
    raw = lesson_file(lesson_id, course)
    found = _all_source_ids(raw)
    for source_id in found:
        if source_id not in course.sources:
            raise DataError(f"data/lessons/{lesson_id}.yaml", None, "source_ids", "an id from data/sources.csv", source_id)
    ids.extend(found)
    return sorted(set(ids), key=source_order)
