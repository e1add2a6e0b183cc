"""One way for every command to report: a result as JSON or as lines, and bad input as one line on stderr."""

from __future__ import annotations

import json
import sys
from typing import Any, Callable, Iterable

from .content import DataError


def report(compute: Callable[[], Any], as_json: bool, lines: Callable[[Any], Iterable[str]]) -> int:
    """Run ``compute``; print its ``to_dict()`` as JSON or its ``lines``. Bad input: exit status 2."""
    try:
        result = compute()
    except (ValueError, DataError) as exc:
        sys.stderr.write(f"legpain: {exc}\n")
        return 2
    if as_json:
        print(json.dumps(result.to_dict(), ensure_ascii=False))
    else:
        for line in lines(result):
            print(line)
    return 0
