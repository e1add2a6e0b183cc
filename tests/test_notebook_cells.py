"""Every code cell of every lesson runs on its own after a restart: it imports what it uses."""

from __future__ import annotations

import ast
import builtins
import json
import re
from pathlib import Path

import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def _unbound_names(source: str) -> set[str]:
    tree = ast.parse(source)
    bound = set(dir(builtins))
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            bound |= {(a.asname or a.name).split(".")[0] for a in node.names}
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            bound.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            bound.add(node.name)
        elif isinstance(node, ast.arg):
            bound.add(node.arg)
    used = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
    return used - bound


def test_the_checker_finds_a_name_from_another_cell():
    assert _unbound_names("show_leg_side()") == {"show_leg_side"}
    assert _unbound_names("from legpain.figures.clots import show_leg_side\nshow_leg_side()") == set()


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_every_code_cell_imports_what_it_uses(path):
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    missing = {
        cell.get("id", i): sorted(names)
        for i, cell in enumerate(cells)
        if cell["cell_type"] == "code" and (names := _unbound_names("".join(cell["source"])))
    }
    assert missing == {}


# What a Python object's repr looks like: "<IPython.core.display.HTML object>", "VBox(children=...",
# "<legpain.x.Y at 0x7f...>".
REPR = re.compile(r"<[\w.]+ (object|at 0x[0-9a-f]+)>|\b[A-Z]\w*\((children|value|layout)=")


def test_a_repr_is_recognised():
    assert REPR.search("<IPython.core.display.HTML object>") and REPR.search("VBox(children=(HTML(value='')))")
    assert not REPR.search("In words: the risk is about 5 times as high (n=96).")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_no_stored_output_reads_as_a_python_repr(path):
    """Where HTML or widgets cannot be shown, the stored plain text is words a student can read."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    reprs = [
        text[:80]
        for cell in cells if cell["cell_type"] == "code"
        for out in cell.get("outputs", [])
        for text in ["".join(out.get("data", {}).get("text/plain", ""))]
        if REPR.search(text)
    ]
    assert not reprs, f"{path.name}: stored plain text is a Python repr: {reprs}"
