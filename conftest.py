"""Loaded by every pytest run in this checkout (unit tests, notebooks under nbval, browser and site tests).

The course records a student's progress in a file beside the lessons. Tests must never write to
it, so recording is switched off here, before any kernel starts: kernels that pytest starts
(nbval, the notebook build tests, the browser tests' servers) inherit the setting. Tests of the
record itself switch it on again, for a file in a temporary folder.
"""

from __future__ import annotations

import os

os.environ["LEGPAIN_PROGRESS"] = "off"
