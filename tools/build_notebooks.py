"""Re-execute the course notebooks top to bottom and save them, reproducibly.

    python tools/build_notebooks.py notebooks                          # every notebooks/NN_*.ipynb
    python tools/build_notebooks.py notebooks notebooks/03_nerves.ipynb  # only the notebooks named

``make notebooks`` runs the first form. Each notebook runs on its own, in a fresh kernel started in
the notebook's folder, so nothing carries over from one notebook to the next. Running it twice gives
identical files: the saved outputs and execution timing are cleared first, no timing is recorded,
the widget state is not stored, and widget model ids (which Jupyter draws at random) are renumbered
in the order they appear.

This is a tool for whoever maintains the notebooks, not part of the course package: it needs the
"tools" extra (``pip install -e '.[tools]'``).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

MODEL_ID = re.compile(r'"model_id": "[0-9a-f]{32}"')
KERNELSPEC = {"display_name": "Python 3", "language": "python", "name": "python3"}
# A build runs the lessons as a student would, but never adds to a student's progress file
# (legpain.progress.store reads this in every kernel started from here).
NO_PROGRESS = {"LEGPAIN_PROGRESS": "off"}


def renumber_model_ids(text: str) -> str:
    """Replace each widget model id by its position in the text: 000...001, 000...002, ..."""
    counter = iter(range(1, 10**6))
    return MODEL_ID.sub(lambda _: f'"model_id": "{next(counter):032x}"', text)


def execute(path: Path, timeout: int = 300) -> None:
    """Run one notebook from a fresh kernel and save it in place."""
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
            cell.metadata.pop("execution", None)
    os.environ.update(NO_PROGRESS)
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        record_timing=False,
    )
    client.execute()
    nb.metadata.pop("widgets", None)
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    nb.metadata["language_info"] = {"name": "python"}
    text = json.dumps(nb, indent=1, ensure_ascii=False, sort_keys=True) + "\n"
    path.write_text(renumber_model_ids(text), encoding="utf-8")


def targets(folder: Path, files: list[str]) -> list[Path]:
    """The notebooks named, or else every numbered notebook (NN_*.ipynb) in the folder, in order."""
    return [Path(f) for f in files] or sorted(folder.glob("[0-9][0-9]_*.ipynb"))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default="notebooks", help="the notebooks' folder (default: notebooks)")
    parser.add_argument("files", nargs="*", help="only these notebooks (paths from here); default: every NN_*.ipynb in the folder")
    args = parser.parse_args(argv)
    for path in targets(Path(args.folder), args.files):
        print(f"executing {path}", flush=True)
        execute(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
