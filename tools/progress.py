"""One line of progress per file, so that a long build shows where it is and how long is left."""

from __future__ import annotations

import sys
import time
from typing import Iterable, Iterator, TextIO, TypeVar

T = TypeVar("T")


def _clock(seconds: float) -> str:
    seconds = int(round(seconds))
    return f"{seconds // 60}:{seconds % 60:02d}"


def progress(items: Iterable[T], what: str, label=str, stream: TextIO | None = None) -> Iterator[T]:
    """Yield each item after printing ``[ 3/20] label`` with the time so far and an estimate of what is left.

    Lines are flushed at once, so they show in ``make`` output and in CI logs as the build goes.
    """
    out = stream or sys.stdout
    todo = list(items)
    total = len(todo)
    width = len(str(total))
    started = time.monotonic()
    print(f"{what}: {total} file(s)", file=out, flush=True)
    for done, item in enumerate(todo):
        elapsed = time.monotonic() - started
        left = f", about {_clock(elapsed / done * (total - done))} left" if done else ""
        print(f"[{done + 1:>{width}}/{total}] {label(item)}  ({_clock(elapsed)} so far{left})", file=out, flush=True)
        yield item
    print(f"{what}: done, {total} file(s) in {_clock(time.monotonic() - started)}", file=out, flush=True)
