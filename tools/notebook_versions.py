"""The learner and the instructor version of every lesson, and the class's Voila version, from the one
source in notebooks/.

    python -m tools.notebook_versions                 # (make build) every lesson, both versions, re-run
    python -m tools.notebook_versions --no-execute    # only strip and copy, keeping the stored outputs
    python -m tools.notebook_versions notebooks notebooks/06_clots_and_inflamed_veins.ipynb
    python -m tools.notebook_versions --version voila # (make voila) build/voila/NN_*.ipynb, never run

Cells tagged ``solution`` or ``instructor`` belong to the instructor:

* **learner version** (``build/learner/NN_*.ipynb``): instructor cells are removed; each solution
  cell is replaced by a one-line note that the answers are discussed in class. Nothing of either
  reaches the file: not the text, not the outputs, not the tags.
* **instructor version** (``build/instructor/NN_*.ipynb``): everything is kept, with a note at
  the top, and the folded ``<details>`` blocks of tagged cells are shown open.
* **Voila version** (``build/voila/NN_*.ipynb``, what ``make voila`` shows a class): the learner
  version, in which each cell tagged ``lab-only`` (how to run a notebook in JupyterLab: the Run
  menu, Run All, Shift + Enter, the ``[ ]:`` boxes) is replaced by one line saying what is true in
  Voila, where the page runs the lesson by itself and has no menu. It keeps no stored output (Voila
  runs every page in a fresh kernel and shows only what that run gives, so the stored "run the
  notebook first" pictures of the widgets could only go stale) and is never run here. A sentence about
  Run All, the Run menu or Shift + Enter left in a cell without the ``lab-only`` tag stops it.
  ``make build`` does not make it; ``make voila`` makes it (in a second) before starting Voila.

The ``lab-only`` tag changes nothing elsewhere: JupyterLab, the learner and instructor versions, the
browser site and the slides show those cells as they are. Keep such a cell to the JupyterLab
instructions alone, so that the rest of the lesson (in cells of their own) reaches Voila.

Every lesson ``[0-9][0-9]_*.ipynb`` is picked up, so a new lesson needs no change here. A lesson
whose instructor notes lack the timing, the common misconceptions or the discussion prompts is
named in a warning (``tests/test_notebook_versions.py`` makes it a failure). A cell that holds a
folded "Instructor notes" or "Solution" block without the matching tag stops the build, so that
an untagged answer can never slip into the learner version.

Each version is re-run from a fresh kernel (``tools/build_notebooks.py``), which proves that
the learner version still runs without the removed cells, and one line per file shows progress.
"""

from __future__ import annotations

import argparse
import copy
import json
import re
import sys
from pathlib import Path
from typing import Any, Iterable

from tools.progress import progress

ROOT = Path(__file__).resolve().parents[1]
HIDDEN_TAGS = ("solution", "instructor")
VERSIONS = ("learner", "instructor")  # what `make build` makes, each re-run
VOILA = "voila"  # the class's version for `make voila`: never run, no stored outputs
ALL_VERSIONS = (*VERSIONS, VOILA)
LAB_ONLY = "lab-only"
VOILA_NOTE = (
    "*On this page the lesson runs by itself: wait until its panels and figures have appeared, then use "
    "them. They answer as soon as you change a control.*"
)
# Instructions that only make sense in JupyterLab (Voila has no menu, no cells to run, no code shown).
_LAB_ONLY_WORDS = re.compile(r"\bRun\s+All\b|\bmenu\s+\W*Run\b|Shift\s*\+\s*Enter|Restart\s+Kernel", re.I)
NOTE_PARTS = ("Timing", "Common misconceptions", "Discussion prompts")
LEARNER_PLACEHOLDER = "*The answers to these questions are discussed in class.*"
INSTRUCTOR_BANNER = (
    "**Instructor version.** The instructor notes and the solutions are shown open here. The learner "
    "version leaves them out; both are built from the same lesson with `make build`."
)
# A folded block that only an instructor should see, found in a cell that is not tagged for it.
_FOLDED = re.compile(r"<summary>\s*(instructor notes|solution)\b", re.I)


class VersionError(ValueError):
    """A lesson cannot be split safely into the two versions."""


def lesson_paths(folder: Path) -> list[Path]:
    """Every lesson notebook in ``folder`` (``NN_name.ipynb``), in order; new lessons are found too."""
    return sorted(folder.glob("[0-9][0-9]_*.ipynb"))


def _source(cell: dict[str, Any]) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def cell_tags(cell: dict[str, Any]) -> set[str]:
    return set(cell.get("metadata", {}).get("tags", []) or [])


def hidden_kind(cell: dict[str, Any]) -> str | None:
    """'instructor' or 'solution' for a cell the learner must not see, else None."""
    tags = cell_tags(cell)
    if "instructor" in tags:
        return "instructor"
    if "solution" in tags:
        return "solution"
    return None


def check_tagged(nb: dict[str, Any], name: str) -> None:
    """Stop when a folded instructor-notes or solution block sits in a cell without the matching tag."""
    for index, cell in enumerate(nb["cells"]):
        if cell.get("cell_type") != "markdown":
            continue
        match = _FOLDED.search(_source(cell))
        if match and hidden_kind(cell) is None:
            what = "instructor" if match.group(1).lower().startswith("instructor") else "solution"
            raise VersionError(
                f"{name}, cell {index} (id {cell.get('id', '?')}): it holds a folded '{match.group(1)}' block "
                f"but has no '{what}' tag, so it would reach the learner version. Tag the cell '{what}' "
                f"(or move the block into its own tagged cell)."
            )


def missing_note_parts(nb: dict[str, Any]) -> list[str]:
    """Which of timing, common misconceptions and discussion prompts the lesson's instructor cells lack."""
    notes = "\n".join(_source(c) for c in nb["cells"] if "instructor" in cell_tags(c))
    return [part for part in NOTE_PARTS if not re.search(rf"\*\*{re.escape(part)}\b", notes)]


def _markdown(cell_id: str, text: str, tags: Iterable[str] = ()) -> dict[str, Any]:
    metadata: dict[str, Any] = {"tags": list(tags)} if tags else {}
    return {"cell_type": "markdown", "id": cell_id, "metadata": metadata, "source": text}


def learner_version(nb: dict[str, Any]) -> dict[str, Any]:
    """The lesson without instructor cells, and with each solution replaced by a short note."""
    out = copy.deepcopy(nb)
    cells = []
    for cell in out["cells"]:
        kind = hidden_kind(cell)
        if kind == "instructor":
            continue
        if kind == "solution":
            cells.append(_markdown(cell.get("id", "solution"), LEARNER_PLACEHOLDER))
            continue
        cells.append(cell)
    out["cells"] = cells
    return out


def instructor_version(nb: dict[str, Any]) -> dict[str, Any]:
    """The whole lesson, with a note at the top and the tagged cells' folded blocks open."""
    out = copy.deepcopy(nb)
    for cell in out["cells"]:
        if hidden_kind(cell) and cell.get("cell_type") == "markdown":
            cell["source"] = re.sub(r"<details>", "<details open>", _source(cell))
    out["cells"].insert(0, _markdown("instructor-version", INSTRUCTOR_BANNER, ["instructor"]))
    return out


def check_lab_only(nb: dict[str, Any], name: str) -> None:
    """Stop when a cell that reaches the Voila version tells students to use JupyterLab's Run menu."""
    for index, cell in enumerate(nb["cells"]):
        if cell.get("cell_type") != "markdown" or hidden_kind(cell) or LAB_ONLY in cell_tags(cell):
            continue
        match = _LAB_ONLY_WORDS.search(_source(cell))
        if match:
            raise VersionError(
                f"{name}, cell {index} (id {cell.get('id', '?')}): it says '{match.group(0)}', which a page in Voila "
                f"cannot do (Voila runs the lesson by itself and has no menu). Move the JupyterLab instructions "
                f"into a cell of their own and tag it '{LAB_ONLY}'."
            )


def voila_version(nb: dict[str, Any], name: str = "lesson") -> dict[str, Any]:
    """The learner version for Voila: ``lab-only`` cells replaced by :data:`VOILA_NOTE`, no stored outputs."""
    check_lab_only(nb, name)
    out = learner_version(nb)
    cells = []
    for cell in out["cells"]:
        if LAB_ONLY in cell_tags(cell):
            cells.append(_markdown(cell.get("id", "lab-only"), VOILA_NOTE))
            continue
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
        cells.append(cell)
    out["cells"] = cells
    out.get("metadata", {}).pop("widgets", None)
    return out


def make_version(nb: dict[str, Any], version: str, name: str = "lesson") -> dict[str, Any]:
    if version == "learner":
        return learner_version(nb)
    if version == "instructor":
        return instructor_version(nb)
    if version == VOILA:
        return voila_version(nb, name)
    raise ValueError(f"unknown version {version!r}; expected one of {ALL_VERSIONS}")


def write_notebook(nb: dict[str, Any], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(nb, indent=1, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")


def build(
    sources: list[Path],
    out: Path,
    versions: Iterable[str] = VERSIONS,
    execute: bool = True,
    stream: Any = None,
) -> list[Path]:
    """Write (and by default re-run) each version of each lesson; return the files written.

    The Voila version is never run: Voila runs each page itself."""
    stream = stream or sys.stdout
    versions = tuple(versions)
    lessons = []
    for path in sources:
        nb = json.loads(path.read_text(encoding="utf-8"))
        check_tagged(nb, path.name)
        if VOILA in versions:
            check_lab_only(nb, path.name)
        missing = missing_note_parts(nb)
        if missing:
            print(f"warning: {path.name} has no instructor notes on: {', '.join(missing).lower()}", file=stream, flush=True)
        lessons.append((path, nb))
    jobs = [(version, path, nb) for path, nb in lessons for version in versions]
    written = []
    verb = "Building and running" if execute and set(versions) - {VOILA} else "Building"
    names = " and ".join(dict.fromkeys(versions))
    for version, path, nb in progress(jobs, f"{verb} the {names} versions", lambda j: f"{j[0]}/{j[1].name}", stream):
        target = out / version / path.name
        write_notebook(make_version(nb, version, path.name), target)
        if execute and version != VOILA:
            from tools.build_notebooks import execute as run_notebook

            run_notebook(target)
        written.append(target)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the learner and instructor versions of the lessons (and the Voila version).")
    parser.add_argument("folder", nargs="?", default=str(ROOT / "notebooks"), help="where the lessons are (default: notebooks)")
    parser.add_argument("lessons", nargs="*", help="only these lesson files (default: every NN_*.ipynb in the folder)")
    parser.add_argument("--out", default=str(ROOT / "build"), help="output folder (default: build)")
    parser.add_argument("--version", choices=ALL_VERSIONS, action="append",
                        help="only this version (may be repeated; default: learner and instructor; voila is never run)")
    parser.add_argument("--no-execute", action="store_true", help="keep the stored outputs instead of re-running")
    args = parser.parse_args(argv)
    folder = Path(args.folder)
    sources = [Path(p) for p in args.lessons] or lesson_paths(folder)
    if not sources:
        print(f"no lessons (NN_*.ipynb) found in {folder}", file=sys.stderr)
        return 2
    try:
        build(sources, Path(args.out), args.version or VERSIONS, execute=not args.no_execute)
    except VersionError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
