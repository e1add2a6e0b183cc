"""tools/build_notebooks.py (``make notebooks``) on two small notebooks in tests/notebook_fixtures/.

The fixtures are saved as an earlier run might have left them: an old output and execution count,
execution timing in a cell's metadata, stored widget state and another kernel's name.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT

TOOL = ROOT / "tools" / "build_notebooks.py"
FIXTURES = ROOT / "tests" / "notebook_fixtures"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def build(cwd: Path, *args: str) -> None:
    """Run the tool as `make notebooks` does, from ``cwd``."""
    result = subprocess.run([sys.executable, str(TOOL), *args], cwd=cwd, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


def copy_fixtures(tmp: Path) -> Path:
    folder = tmp / "course"
    shutil.copytree(FIXTURES, folder)
    # Not numbered NN_name, so not a course notebook: only run when named.
    shutil.copy(FIXTURES / "02_second.ipynb", folder / "notes.ipynb")
    return folder


def read(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def code_cells(nb: dict[str, Any]) -> list[dict[str, Any]]:
    return [cell for cell in nb["cells"] if cell["cell_type"] == "code"]


def stdout(cell: dict[str, Any]) -> str:
    return "".join("".join(out["text"]) for out in cell["outputs"] if out.get("name") == "stdout")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The fixtures built twice over: the file bytes after each run."""
    folder = copy_fixtures(tmp_path_factory.mktemp("build"))
    names = ["01_first.ipynb", "02_second.ipynb", "notes.ipynb"]
    build(folder.parent, "course")
    first = {name: (folder / name).read_bytes() for name in names}
    build(folder.parent, "course")
    second = {name: (folder / name).read_bytes() for name in names}
    return {"folder": folder, "first": first, "second": second}


def test_two_runs_give_identical_files(built: dict[str, Any]) -> None:
    for name in ("01_first.ipynb", "02_second.ipynb"):
        assert built["first"][name] != (FIXTURES / name).read_bytes(), f"{name} was not rebuilt"
        assert built["first"][name] == built["second"][name], f"{name} differs between two runs"


def test_only_numbered_notebooks_run_by_default(built: dict[str, Any]) -> None:
    assert built["second"]["notes.ipynb"] == (FIXTURES / "02_second.ipynb").read_bytes()


def test_old_outputs_and_timing_are_dropped(built: dict[str, Any]) -> None:
    nb = read(built["folder"] / "01_first.ipynb")
    cells = code_cells(nb)
    assert [cell["execution_count"] for cell in cells] == [1, 2, 3]
    assert "an output saved by an earlier run" not in json.dumps(nb)
    assert [cell["metadata"] for cell in cells] == [{}, {}, {}]
    assert "widgets" not in nb["metadata"]
    assert nb["metadata"]["kernelspec"]["name"] == "python3"


def test_widget_model_ids_are_renumbered_in_order(built: dict[str, Any]) -> None:
    for name, count in (("01_first.ipynb", 2), ("02_second.ipynb", 1)):
        nb = read(built["folder"] / name)
        ids = [out["data"][WIDGET_VIEW]["model_id"] for cell in code_cells(nb) for out in cell["outputs"] if WIDGET_VIEW in out.get("data", {})]
        assert ids == [f"{n:032x}" for n in range(1, count + 1)], name


def test_each_notebook_runs_alone_in_its_own_folder(built: dict[str, Any]) -> None:
    first = code_cells(read(built["folder"] / "01_first.ipynb"))
    second = code_cells(read(built["folder"] / "02_second.ipynb"))
    assert stdout(first[0]) == "course\n", "the kernel did not start in the notebook's folder"
    assert stdout(second[0]) == "False\n", "the second notebook saw a variable the first one set"


def test_named_notebooks_only(tmp_path: Path) -> None:
    folder = copy_fixtures(tmp_path)
    build(tmp_path, "course", "course/notes.ipynb")
    assert (folder / "01_first.ipynb").read_bytes() == (FIXTURES / "01_first.ipynb").read_bytes()
    assert (folder / "02_second.ipynb").read_bytes() == (FIXTURES / "02_second.ipynb").read_bytes()
    assert stdout(code_cells(read(folder / "notes.ipynb"))[0]) == "False\n"
