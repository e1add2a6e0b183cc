"""Shared fixtures."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any, Callable

import yaml

import pytest

from legpain import Course, load_course

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"

# Inputs for tests/test_build_notebooks.py, saved as an earlier run left them: not for nbval.
collect_ignore = ["notebook_fixtures"]


@pytest.fixture(scope="session")
def course():
    return load_course(DATA)


@pytest.fixture()
def data_copy(tmp_path: Path) -> Path:
    """A private copy of data/ that a test may break."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def html_text(html: str) -> str:
    """The visible text of an HTML fragment, with white space folded."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def edit_data(data_copy: Path, file: str, old: str, new: str) -> Course:
    """Replace ``old`` (which must be there) by ``new`` in one file of a data copy; return the course that reads it."""
    path = data_copy / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {file} no longer holds {old!r}"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return load_course(data_copy)


def edit_lesson(data_copy: Path, lesson_id: str, change: Callable[[Any], None]) -> Course:
    """Apply ``change`` to the parsed lesson file in a data copy; return the course that reads it."""
    path = data_copy / "lessons" / f"{lesson_id}.yaml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(raw)
    path.write_text(yaml.safe_dump(raw, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return load_course(data_copy)
