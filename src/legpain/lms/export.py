"""One entry point for every format: the questions in, the file's bytes out, then one write."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Callable, Sequence

from .bank import Section
from .canvas import canvas_package
from .gift import gift
from .moodle import moodle_xml
from .qti21 import qti21_package

FORMATS: dict[str, tuple[str, Callable[[Sequence[Section]], bytes]]] = {
    "moodle": ("Moodle XML", moodle_xml),
    "qti21": ("IMS QTI 2.1 content package (.zip)", qti21_package),
    "canvas": ("Canvas quiz package (QTI 1.2, .zip)", canvas_package),
    "gift": ("GIFT text", lambda sections: gift(sections).encode("utf-8")),
}
SUFFIXES = {"moodle": ".xml", "qti21": ".zip", "canvas": ".zip", "gift": ".txt"}


def render(fmt: str, sections: Sequence[Section]) -> bytes:
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    return FORMATS[fmt][1](sections)


def write(path: Path, data: bytes) -> None:
    """Write the whole file or nothing: a temporary file beside it, renamed into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)  # as an ordinary new file would be, not mkstemp's 0600
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
