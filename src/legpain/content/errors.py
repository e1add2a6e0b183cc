"""The one error a data file can raise: it names the file, the row, the column and what was expected."""

from __future__ import annotations

from typing import Any, Optional


class DataError(ValueError):
    """A data file does not follow its schema."""

    def __init__(self, file: str, row: Optional[int | str], column: Optional[str], expected: str, found: Any = None):
        self.file = file
        self.row = row
        self.column = column
        self.expected = expected
        self.found = found
        where = [file]
        if isinstance(row, int):
            where.append(f"row {row} (line {row + 1} of the file)")
        elif row is not None:
            where.append(str(row))
        if column is not None:
            where.append(f"column '{column}'")
        message = f"{', '.join(where)}: expected {expected}"
        if found is not None:
            message += f"; found {found!r}"
        super().__init__(message + ".")
