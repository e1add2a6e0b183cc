"""Debian's Chromium (never a browser that Playwright downloads), and how to launch it."""

from __future__ import annotations

import os
import shutil
from typing import Any, Optional

CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
# Without these flags Chromium tries to reach Google's services and hangs on a closed network.
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-dev-shm-usage",
]


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def find_chromium() -> Optional[str]:
    """The Chromium to use: $LEGPAIN_CHROMIUM, else Debian's, else any on PATH."""
    explicit = os.environ.get("LEGPAIN_CHROMIUM")
    if explicit:
        return explicit if os.access(explicit, os.X_OK) else None
    for candidate in CANDIDATES:
        if os.access(candidate, os.X_OK):
            return candidate
    return shutil.which("chromium") or shutil.which("chromium-browser")


def launch_options(executable: str) -> dict[str, Any]:
    """Playwright's launch options for this Chromium (headless unless the caller says otherwise)."""
    return {"executable_path": executable, "args": list(ARGS)}
