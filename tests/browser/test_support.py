"""The browser tests' own helpers, checked without a browser."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from browser_support.colours import colour_problems, is_achromatic, normalise_colour
from browser_support.scripts import FOLDER

PACKAGE = FOLDER.parent


@pytest.mark.parametrize(
    "colour, expected",
    [
        ("#abc", "#AABBCC"),
        ("#0072b2", "#0072B2"),
        ("#0072b280", "#0072B2"),
        ("rgb(213, 94, 0)", "#D55E00"),
        ("rgba(0, 158.2, 115, 0.5)", "#009E73"),
        (" White ", "#FFFFFF"),
        ("transparent", None),
    ],
)
def test_normalise_colour(colour: str, expected: str | None) -> None:
    assert normalise_colour(colour) == expected


def test_greys_are_achromatic_and_hues_are_not() -> None:
    assert is_achromatic("#000000") and is_achromatic("#7F7F7F")
    assert not is_achromatic("#7F7F80")


def test_colour_problems_name_only_colours_outside_the_palette() -> None:
    colours = [
        {"graph": "g", "prop": "marker.color", "colour": "rgb(0, 114, 178)"},  # Okabe-Ito blue
        {"graph": "g", "prop": "line.color", "colour": "#444"},  # grey
        {"graph": "g", "prop": "fillcolor", "colour": "transparent"},
        {"graph": "g", "prop": "marker.color", "colour": "#FF0000"},
    ]
    assert colour_problems(colours) == ["g: marker.color #FF0000"]


def test_every_script_file_is_used_and_every_script_used_exists() -> None:
    used = set()
    # The helpers and the tests themselves (the layout check calls its scripts directly).
    for path in [*PACKAGE.glob("*.py"), *PACKAGE.parent.glob("*.py")]:
        used |= set(re.findall(r'script\("([a-z_]+)"\)', path.read_text(encoding="utf-8")))
    on_disk = {p.stem for p in FOLDER.glob("*.js")}
    assert used - on_disk == set(), "scripts called but missing from js/"
    assert on_disk - used == set(), "scripts in js/ that nothing runs"


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
@pytest.mark.parametrize("name", sorted(p.name for p in FOLDER.glob("*.js")))
def test_script_is_one_javascript_function(name: str, tmp_path: Path) -> None:
    """Each file holds one function expression, as Playwright's evaluate expects."""
    source = (FOLDER / name).read_text(encoding="utf-8")
    wrapped = tmp_path / name
    wrapped.write_text(f"const f = (\n{source}\n);\nif (typeof f !== 'function') throw new Error('not a function');\n")
    result = subprocess.run(["node", str(wrapped)], capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr
