"""Re-execute the course notebooks top to bottom and save them, reproducibly.

``python -m legpain.build_notebooks notebooks`` (or ``make notebooks``).
Running it twice gives identical files: timing metadata is not recorded and
widget model ids, which Jupyter draws at random, are renumbered in order.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

MODEL_ID = re.compile(r'"model_id": "[0-9a-f]{32}"')


def _renumber_model_ids(text: str) -> str:
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
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        record_timing=False,
    )
    client.execute()
    nb.metadata.pop("widgets", None)
    nb.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python", "name": "python3"}
    nb.metadata["language_info"] = {"name": "python"}
    text = json.dumps(nb, indent=1, ensure_ascii=False, sort_keys=True) + "\n"
    path.write_text(_renumber_model_ids(text), encoding="utf-8")


def main(argv: list[str]) -> int:
    folder = Path(argv[0] if argv else "notebooks")
    targets = [Path(a) for a in argv[1:]] or sorted(folder.glob("[0-9][0-9]_*.ipynb"))
    for path in targets:
        print(f"executing {path}", flush=True)
        execute(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
