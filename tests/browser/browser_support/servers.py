"""A private JupyterLab or Voila on 127.0.0.1 (free port, random token) over a copy of notebooks/."""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .settings import DATA, NOTEBOOKS, ROOT, SERVER_START_TIMEOUT


@dataclass
class Server:
    """A Jupyter server process in its own process group."""

    kind: str  # "lab" or "voila"
    process: subprocess.Popen
    base_url: str
    token: str
    root: Path
    log_path: Path
    _log: Any = field(repr=False, default=None)

    def url(self, path: str) -> str:
        sep = "&" if "?" in path else "?"
        return f"{self.base_url}{path}{sep}token={self.token}"

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def __enter__(self) -> "Server":
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _kill_group(self, sig: int) -> None:
        try:
            os.killpg(self.process.pid, sig)
        except (ProcessLookupError, PermissionError):
            pass

    def stop(self) -> None:
        """Stop the whole process group (server and kernels); kill it if it will not stop."""
        if self.process.poll() is None:
            self._kill_group(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self._kill_group(signal.SIGKILL)
                self.process.wait(timeout=10)
        else:
            # The server is gone, but kernels it started may live on in its group.
            self._kill_group(signal.SIGKILL)
        if self._log is not None:
            self._log.close()


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def make_workdir(prefix: str = "legpain-browser-") -> Path:
    """A temporary folder with a copy of notebooks/ and JupyterLab settings for testing."""
    work = Path(tempfile.mkdtemp(prefix=prefix))
    shutil.copytree(NOTEBOOKS, work / "notebooks", ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    settings = work / "settings" / "@jupyterlab"
    # Render every cell (no virtual scrolling), so every figure and widget is in the page;
    # and no "would you like news?" pop-up over the notebook.
    for extension, name, values in (
        ("notebook-extension", "tracker", {"windowingMode": "none"}),
        ("apputils-extension", "notification", {"fetchNews": "false", "checkForUpdates": False}),
    ):
        (settings / extension).mkdir(parents=True)
        (settings / extension / f"{name}.jupyterlab-settings").write_text(json.dumps(values))
    (work / "workspaces").mkdir()
    (work / "runtime").mkdir()
    return work


def remove_workdir(work: Path) -> None:
    for _ in range(5):  # kernels may still be writing their last files
        shutil.rmtree(work, ignore_errors=True)
        if not work.exists():
            return
        time.sleep(1)


def _server_env(work: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["LEGPAIN_DATA"] = str(DATA)
    env["JUPYTER_RUNTIME_DIR"] = str(work / "runtime")
    env["PYTHONUNBUFFERED"] = "1"
    # Kernels import the course from this checkout even without an editable install.
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), env.get("PYTHONPATH", "")]))
    return env


def _wait_ready(server: Server, probe: str) -> None:
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    last = ""
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"{server.kind} server exited with status {server.process.returncode}:\n{server.log_tail()}")
        try:
            with urllib.request.urlopen(server.url(probe), timeout=5) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError) as exc:
            last = str(exc)
        time.sleep(0.3)
    server.stop()
    raise RuntimeError(f"{server.kind} server not ready after {SERVER_START_TIMEOUT}s ({last}):\n{server.log_tail()}")


def _start(kind: str, work: Path, args: list[str], port: int, token: str, probe: str) -> Server:
    log_path = work / f"{kind}.log"
    log = open(log_path, "wb")
    process = subprocess.Popen(
        [sys.executable, "-m", *args],
        cwd=work,
        env=_server_env(work),
        stdout=log,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        start_new_session=True,  # its own process group, so kernels are stopped with it
    )
    server = Server(kind, process, f"http://127.0.0.1:{port}", token, work / "notebooks", log_path, log)
    _wait_ready(server, probe)
    return server


def _root_flag() -> list[str]:
    return ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []


def start_lab(work: Path) -> Server:
    port, token = free_port(), secrets.token_hex(16)
    args = [
        "jupyterlab",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={work / 'notebooks'}",
        # The tests drive JupyterLab's own commands (run all, clear outputs) through window.jupyterapp.
        "--LabApp.expose_app_in_browser=True",
        f"--LabApp.user_settings_dir={work / 'settings'}",
        f"--LabApp.workspaces_dir={work / 'workspaces'}",
        "--LabApp.news_url=",
        *_root_flag(),
    ]
    return _start("lab", work, args, port, token, "/api/status")


def start_voila(work: Path) -> Server:
    port, token = free_port(), secrets.token_hex(16)
    args = [
        "voila", str(work / "notebooks"),
        "--template=course",  # the course's page, as `make voila` shows it (installed by make)
        "--no-browser",
        "--Voila.ip=127.0.0.1",
        f"--port={port}",
        f"--token={token}",
        "--show_tracebacks=True",
    ]
    return _start("voila", work, args, port, token, "/")
