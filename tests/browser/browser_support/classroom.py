"""Voila started as `make voila` starts it: the lessons built by `make voila-lessons` (build/voila/), then
the command that `make voila-command` prints, run from the repository with the same environment.

Only the kernel culling times and the port may differ from a class's (they are make variables).
"""

from __future__ import annotations

import os
import shlex
import subprocess
from pathlib import Path

from . import servers
from .settings import ROOT

LESSONS = ROOT / "build" / "voila"  # what `make voila-lessons` builds and `make voila` serves


def _make(*args: str) -> str:
    done = subprocess.run(["make", "-s", "--no-print-directory", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    if done.returncode != 0:
        raise RuntimeError(f"make {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def voila_command(port: int, cull_idle: int, cull_interval: int) -> list[str]:
    """The command of `make voila`, with this port and these culling times (seconds)."""
    return shlex.split(_make("voila-command", f"VOILA_PORT={port}", f"VOILA_CULL_IDLE={cull_idle}",
                             f"VOILA_CULL_INTERVAL={cull_interval}").strip())


def start_class_voila(work: Path, cull_idle: int, cull_interval: int) -> servers.Server:
    """Build the Voila version of the lessons and start Voila over it as `make voila` does (plus --no-browser)."""
    _make("voila-lessons")
    port = servers.free_port()
    cmd = voila_command(port, cull_idle, cull_interval)
    log_path = work / "voila.log"
    log = open(log_path, "wb")
    # `make voila` exports LEGPAIN_PROGRESS=off: a class's pages record nobody's progress.
    env = dict(os.environ, JUPYTER_RUNTIME_DIR=str(work), PYTHONUNBUFFERED="1", LEGPAIN_PROGRESS="off")
    process = subprocess.Popen(cmd + ["--no-browser"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                               stdin=subprocess.DEVNULL, start_new_session=True)
    server = servers.Server("voila", process, f"http://127.0.0.1:{port}", "", LESSONS, log_path, log)
    try:
        servers._wait_ready(server, "/")
    except BaseException:
        server.stop()
        raise
    return server
