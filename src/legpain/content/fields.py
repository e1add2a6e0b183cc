"""Pieces every row model shares: ids, source ids, the sentences' {names} and the base models."""

from __future__ import annotations

import re
import string
from typing import Any, Iterable, Optional

from pydantic import BaseModel, ConfigDict, Field, field_validator

SNAKE_ID = re.compile(r"^[a-z][a-z0-9_]*$")
SOURCE_ID = re.compile(r"^(S\d+|[a-z][a-z0-9_]*)$")


def split_ids(value: Any) -> Any:
    if isinstance(value, str):
        return [part.strip() for part in value.split(";") if part.strip()]
    return value


def check_snake(value: Optional[str]) -> Optional[str]:
    if value is not None and not SNAKE_ID.match(value):
        raise ValueError("a lower-case id made of letters, digits and underscores, such as 'leg_cramps'")
    return value


def check_placeholders(text: str, allowed: Iterable[str]) -> str:
    """``text`` when the {names} it fills in are exactly ``allowed``; otherwise a ValueError saying what was
    expected (the caller names the file, the row or key, and the column, as ``validate`` does)."""
    try:
        used = {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError as exc:
        raise ValueError(f"a sentence whose {{names}} are well formed ({exc})") from None
    wanted = set(allowed)
    if used != wanted:
        raise ValueError("a sentence using exactly " + (", ".join("{" + name + "}" for name in sorted(wanted)) or "no {names}"))
    return text


class Row(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Sourced(Row):
    source_ids: list[str] = Field(min_length=1)

    @field_validator("source_ids", mode="before")
    @classmethod
    def _split_source_ids(cls, value: Any) -> Any:
        return split_ids(value)
