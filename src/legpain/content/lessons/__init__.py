"""The lesson files, data/lessons/<lesson>.yaml: read once, each section validated once.

Each lesson's own models and loaders live in a module of this package (``cases``, ``gait``,
``pelvis`` ...); figures and widgets import validated lesson data from there.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional

from pydantic import BaseModel

from ..course import Course, load_course
from ..errors import DataError
from ..reader import check_ref, read_yaml, validate


def lesson_file(lesson_id: str, course: Optional[Course] = None) -> dict[str, Any]:
    """The raw content of ``data/lessons/<lesson_id>.yaml`` (quiz, cited sources, lesson data)."""
    course = course or load_course()
    if lesson_id not in course.lessons:
        raise ValueError(f"Unknown lesson {lesson_id!r}; see data/lessons.csv for the lesson ids.")
    return _lesson_file(course.data_dir, lesson_id)


@lru_cache(maxsize=64)
def _lesson_file(folder: Path, lesson_id: str) -> dict[str, Any]:
    name = f"data/lessons/{lesson_id}.yaml"
    raw = read_yaml(folder / "lessons" / f"{lesson_id}.yaml", name)
    if not isinstance(raw, dict):
        raise DataError(name, None, None, "a mapping of keys to values", type(raw).__name__)
    if raw.get("lesson") != lesson_id:
        raise DataError(name, None, "lesson", f"the lesson id '{lesson_id}'", raw.get("lesson"))
    return raw


def lesson_section(lesson_id: str, key: str, model: type[BaseModel], course: Optional[Course] = None) -> list[Any]:
    """Validate the list under ``key`` in a lesson file, row by row, sources included.

    Validated once per data folder, lesson, key and model: later calls (a widget's callbacks)
    get the same validated rows, in a new list.
    """
    course = course or load_course()
    return list(_lesson_section(course, lesson_id, key, model))


@lru_cache(maxsize=256)
def _lesson_section(course: Course, lesson_id: str, key: str, model: type[BaseModel]) -> tuple[Any, ...]:
    # A course is one data folder (``load_course`` caches one per folder) and hashes by identity.
    name = f"data/lessons/{lesson_id}.yaml"
    items = lesson_file(lesson_id, course).get(key)
    if not isinstance(items, list) or not items:
        raise DataError(name, None, key, "a non-empty list", items)
    rows: list[tuple[int | str, Any]] = []
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            raise DataError(name, f"{key}[{i}]", None, "a mapping of keys to values", item)
        rows.append((f"{key}[{i}]", validate(model, item, name, f"{key}[{i}]")))
    for where, row in rows:
        for source_id in all_source_ids(row.model_dump()):
            check_ref(source_id, course.sources, name, where, "source_ids", "sources.csv")
    return tuple(row for _, row in rows)


def lesson_mapping(lesson_id: str, key: str, model: type[BaseModel], course: Optional[Course] = None) -> Any:
    """Validate the mapping under ``key`` in a lesson file as one ``model``, sources included.

    Validated once per data folder, lesson, key and model: later calls (a widget's callbacks) get
    the same validated item.
    """
    return _lesson_mapping(course or load_course(), lesson_id, key, model)


@lru_cache(maxsize=64)
def _lesson_mapping(course: Course, lesson_id: str, key: str, model: type[BaseModel]) -> Any:
    name = f"data/lessons/{lesson_id}.yaml"
    raw = lesson_file(lesson_id, course).get(key)
    if not isinstance(raw, dict):
        raise DataError(name, None, key, "a mapping of keys to values", type(raw).__name__)
    item = validate(model, raw, name, key)
    for source_id in all_source_ids(item.model_dump()):
        check_ref(source_id, course.sources, name, key, "source_ids", "sources.csv")
    return item


def load_symptom_items(lesson_id: str, key: str, model: type[BaseModel], course: Optional[Course] = None) -> list[Any]:
    """The list under ``key`` in a lesson file; each item's ``symptom_id`` must exist, once."""
    course = course or load_course()
    items = lesson_section(lesson_id, key, model, course)
    name = f"data/lessons/{lesson_id}.yaml"
    seen: set[str] = set()
    for i, item in enumerate(items):
        if item.symptom_id not in course.symptoms:
            raise DataError(name, f"{key}[{i}]", "symptom_id", "an id from data/symptoms.csv", item.symptom_id)
        if item.symptom_id in seen:
            raise DataError(name, f"{key}[{i}]", "symptom_id", "each symptom only once", item.symptom_id)
        seen.add(item.symptom_id)
    return items


def all_source_ids(value: Any) -> list[str]:
    """Every id under a 'source_ids' key, at any depth."""
    found: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "source_ids" and isinstance(item, (list, tuple)):
                found.extend(str(s) for s in item)
            else:
                found.extend(all_source_ids(item))
    elif isinstance(value, (list, tuple)):
        for item in value:
            found.extend(all_source_ids(item))
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
    found = all_source_ids(raw)
    for source_id in found:
        if source_id not in course.sources:
            raise DataError(f"data/lessons/{lesson_id}.yaml", None, "source_ids", "an id from data/sources.csv", source_id)
    ids.extend(found)
    return sorted(set(ids), key=source_order)
