"""Read CSV and YAML files into validated rows, with errors that name the file, row and column."""

from __future__ import annotations

import csv
import re
from pathlib import Path
from collections.abc import Mapping, Sequence
from typing import Any, Optional

import yaml
from pydantic import BaseModel, ValidationError

from .errors import DataError
from .models import Source


def _fmt_error(err: Mapping[str, Any]) -> tuple[str, str, Any]:
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


def validate(model: type[BaseModel], raw: dict[str, Any], file: str, row: int | str) -> Any:
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        column, expected, found = _fmt_error(exc.errors()[0])
        if isinstance(found, dict):
            found = None
        raise DataError(file, row, column, expected, found) from None


def read_csv(path: Path, model: type[BaseModel]) -> list[tuple[int, Any]]:
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
        rows.append((number, validate(model, cleaned, name, number)))
    if not rows:
        raise DataError(name, None, None, "at least one data row")
    return rows


def read_yaml(path: Path, name: str) -> Any:
    if not path.is_file():
        raise DataError(name, None, None, "the file to exist")
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        row = mark.line + 1 if mark is not None else None
        raise DataError(name, f"line {row}" if row else None, None, "valid YAML", str(getattr(exc, "problem", exc))) from None


def unique_rows(rows: Sequence[tuple[int | str, Any]], file: str, key: str = "id") -> dict[str, Any]:
    """The rows by their ``key``, in order; a second row with the same key is a DataError at that row."""
    seen: dict[str, Any] = {}
    for number, row in rows:
        value = getattr(row, key)
        if value in seen:
            raise DataError(file, number, key, "a unique id", value)
        seen[value] = row
    return seen


def check_ref(value: Optional[str], known: dict[str, Any], file: str, row: int | str, column: str, what: str) -> None:
    if value is not None and value not in known:
        raise DataError(file, row, column, f"an id from data/{what}", value)


def check_sources(rows: Sequence[tuple[int | str, Any]], sources: dict[str, Source], file: str) -> None:
    for number, row in rows:
        for source_id in row.source_ids:
            check_ref(source_id, sources, file, number, "source_ids", "sources.csv")


def unique_items(items: Sequence[Any], file: str, section: str) -> dict[str, Any]:
    """The items of a lesson file's list ``section`` by id; a repeated id is an error at ``section[i]``."""
    return unique_rows([(f"{section}[{i}]", item) for i, item in enumerate(items)], file)
