"""The notebook build, the instructor build and the slides run the lessons, but never write a student's progress."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tools import build_notebooks, slides  # noqa: E402

from legpain.progress import store  # noqa: E402

LESSON_END = 'from legpain.notebook import show_quiz\nshow_quiz("00_start_here")'


def _lesson(folder: Path) -> Path:
    """A notebook that ends as every lesson does (its self-check records a run of the lesson)."""
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(LESSON_END)])
    path = folder / "00_start_here.ipynb"
    path.write_text(json.dumps(nb), encoding="utf-8")
    return path


@pytest.fixture()
def student_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Recording switched on and no file named: as on a student's computer, the file goes beside the lesson."""
    monkeypatch.setenv(store.SWITCH, "on")
    monkeypatch.delenv(store.FILE_SETTING, raising=False)
    return tmp_path


def test_a_lesson_run_in_a_kernel_records_beside_it(student_settings: Path):
    # The check the two tests below rely on: a kernel with recording on writes the file.
    path = _lesson(student_settings)
    NotebookClient(nbformat.read(path, as_version=4), kernel_name="python3",
                   resources={"metadata": {"path": str(student_settings)}}).execute()
    assert (student_settings / store.FILE_NAME).exists()


def test_the_notebook_build_never_records(student_settings: Path):
    build_notebooks.execute(_lesson(student_settings))  # also what tools.notebook_versions runs
    assert not (student_settings / store.FILE_NAME).exists()


def test_the_slides_run_never_records(student_settings: Path):
    slides.run_lesson(_lesson(student_settings))
    assert not (student_settings / store.FILE_NAME).exists()
