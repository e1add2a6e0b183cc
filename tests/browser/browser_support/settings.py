"""Paths, timeouts and the window size shared by the browser tests."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
NOTEBOOKS = ROOT / "notebooks"
DATA = ROOT / "data"
INTERACTIONS = ROOT / "tests" / "browser" / "interactions"
AXE_JS = ROOT / "build" / "axe" / "node_modules" / "axe-core" / "axe.min.js"

VIEWPORT = {"width": 1400, "height": 1000}
SERVER_START_TIMEOUT = 120  # seconds
RUN_ALL_TIMEOUT = 300_000  # ms
STEP_TIMEOUT = 20_000  # ms: a widget that takes longer than this to answer has failed
