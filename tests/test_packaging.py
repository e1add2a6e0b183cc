"""The legpain wheel carries the course data, so a plain `pip install .` works from any folder.

One wheel is built per test session from a copy of the repository (so the build leaves nothing
behind in the checkout) and installed without its dependencies into a fresh virtual environment
that borrows the dependencies from the running one. The course is then run from an unrelated
folder, where no data/ can be found by accident.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from conftest import DATA, ROOT

SRC = ROOT / "src" / "legpain"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    copy = tmp_path_factory.mktemp("legpain-src")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, copy / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info", ".ipynb_checkpoints")
    shutil.copytree(ROOT / "src", copy / "src", ignore=ignore)
    shutil.copytree(DATA, copy / "data", ignore=ignore)
    shutil.copytree(ROOT / "jupyter_data", copy / "jupyter_data", ignore=ignore)
    out = tmp_path_factory.mktemp("wheel")
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "--wheel-dir", str(out), str(copy)],
        capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    (found,) = out.glob("legpain-*.whl")
    return found


@pytest.fixture(scope="module")
def venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with only the wheel installed; other packages come from the running environment."""
    env_dir = tmp_path_factory.mktemp("venv")
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(env_dir)], check=True, timeout=120)
    python = env_dir / "bin" / "python"
    site = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               capture_output=True, text=True, check=True).stdout.strip())
    # A plain path line: the running environment's packages become importable, but its .pth
    # files (among them the editable install of this checkout) are not run.
    (site / "zz_borrowed_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    with zipfile.ZipFile(wheel) as whl:
        whl.extractall(site)  # what pip does for a pure-Python wheel, without needing pip in the venv
    return env_dir


def _run(venv: Path, cwd: Path, *args: str, data: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("LEGPAIN_DATA", "PYTHONPATH")}
    if data is not None:
        env["LEGPAIN_DATA"] = data
    return subprocess.run([str(venv / "bin" / "python"), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


def test_wheel_holds_every_data_file_and_module(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    # data/assessment/ (the assessment bank, for instructors) is held out of the wheel, and so out
    # of the browser version, which installs this wheel.
    data_files = {f"legpain/course_data/{p.relative_to(DATA).as_posix()}"
                  for p in DATA.rglob("*") if p.is_file() and p.suffix in (".csv", ".yaml") and "assessment" not in p.relative_to(DATA).parts}
    assert data_files, "no data files found in data/"
    assert data_files - names == set(), "data files missing from the wheel"
    assert (DATA / "assessment").is_dir() and not [n for n in names if "/assessment/" in n], "the assessment bank is in the wheel"
    modules = {f"legpain/{p.relative_to(SRC).as_posix()}" for p in SRC.rglob("*.py") if "__pycache__" not in p.parts}
    assert modules - names == set(), (
        "modules missing from the wheel: add each new sub-package of src/legpain to "
        "[tool.setuptools] packages in pyproject.toml"
    )
    # Templates, the stylesheet and the figures' browser module are read at run time.
    package_files = {f"legpain/{p.relative_to(SRC).as_posix()}" for p in SRC.rglob("*")
                     if p.is_file() and p.suffix in (".html", ".css", ".js")}
    assert any(name.endswith(".js") for name in package_files)
    assert package_files - names == set(), "package files missing from the wheel: add them to [tool.setuptools.package-data]"
    # The course's Voila page, for `voila --template=course` after `pip install .` (make copies it).
    template = ROOT / "jupyter_data" / "voila" / "templates" / "course"
    shipped = {n.split(".data/data/", 1)[1] for n in names if ".data/data/" in n}
    wanted = {f"share/jupyter/voila/templates/course/{p.name}" for p in template.iterdir()}
    assert wanted and wanted - shipped == set(), "add the Voila template's files to [tool.setuptools.data-files]"


def _route_text(data_dir: Path, advice_id: str) -> str:
    with open(data_dir / "advice.csv", newline="", encoding="utf-8") as handle:
        return next(row["text"] for row in csv.DictReader(handle) if row["id"] == advice_id)


def _symptom_level(symptom_id: str) -> str:
    with open(DATA / "symptoms.csv", newline="", encoding="utf-8") as handle:
        return next(row["level"] for row in csv.DictReader(handle) if row["id"] == symptom_id)


def test_installed_wheel_runs_from_another_folder(venv: Path, tmp_path: Path) -> None:
    where = _run(venv, tmp_path, "-c", "import legpain, legpain.content as d; print(legpain.__file__); print(d.DEFAULT_DATA_DIR)")
    assert where.returncode == 0, where.stderr
    module_file, data_dir = (Path(line) for line in where.stdout.splitlines())
    assert venv in module_file.parents, f"legpain imported from {module_file}, not from the installed wheel"
    assert venv in data_dir.parents, f"the data is read from {data_dir}, not from inside the installed wheel"

    done = _run(venv, tmp_path, "-m", "legpain", "assess", "--json", "one_leg_swollen")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    level = _symptom_level("one_leg_swollen")
    assert result["level"] == level
    assert result["advice"][0]["id"] == f"route_{level}"
    assert result["advice"][0]["text"] == _route_text(DATA, f"route_{level}")


def test_legpain_data_still_overrides_the_shipped_data(venv: Path, tmp_path: Path, data_copy: Path) -> None:
    level = _symptom_level("one_leg_swollen")
    advice = data_copy / "advice.csv"
    old = _route_text(data_copy, f"route_{level}")
    advice.write_text(advice.read_text(encoding="utf-8").replace(old, "Text from the overriding data folder."), encoding="utf-8")
    done = _run(venv, tmp_path, "-m", "legpain", "assess", "--json", "one_leg_swollen", data=str(data_copy))
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["advice"][0]["text"] == "Text from the overriding data folder."
