"""Shared fixtures."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from legpain import load_course

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"


@pytest.fixture(scope="session")
def course():
    return load_course(DATA)


@pytest.fixture()
def data_copy(tmp_path: Path) -> Path:
    """A private copy of data/ that a test may break."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target
