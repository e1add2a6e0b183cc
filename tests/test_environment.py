"""environment.yml (conda, Binder) lists what pyproject.toml does: the dependencies and the "lab" extra."""

from __future__ import annotations

import re
import tomllib

import yaml

from conftest import ROOT


def _name_and_spec(requirement: str) -> tuple[str, str]:
    match = re.match(r"^\s*([A-Za-z0-9_.\-]+)\s*(.*)$", requirement)
    assert match, requirement
    return match.group(1).lower().replace("_", "-"), match.group(2).replace(" ", "")


def test_environment_yml_matches_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    # Binder opens the course in JupyterLab or Voila, so it needs the "lab" extra as well.
    wanted = dict(_name_and_spec(r) for r in project["dependencies"] + project["optional-dependencies"]["lab"])
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    conda = {}
    pip_lines = []
    for entry in env["dependencies"]:
        if isinstance(entry, dict):
            pip_lines.extend(entry.get("pip", []))
            continue
        name, spec = _name_and_spec(entry.split("=", 1)[0] if entry.startswith("python=") else entry)
        conda[name] = spec
    conda.pop("python", None)
    conda.pop("pip", None)
    assert conda == wanted
    assert "-e ." in pip_lines


def test_python_version_in_environment_is_supported():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    minimum = re.search(r">=\s*3\.(\d+)", project["requires-python"]).group(1)
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    python = next(e for e in env["dependencies"] if isinstance(e, str) and e.startswith("python="))
    assert int(python.split(".")[1]) >= int(minimum)
