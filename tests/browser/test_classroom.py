"""What a class meets when the instructor starts the course: JupyterLab (`make lab`) and Voila (`make voila`).

- JupyterLab with the course's Jupyter configuration (jupyter_config/, as `make lab` uses it) shows
  no "official Jupyter news" pop-up; without it, the same JupyterLab does (so the test can fail).
  (tests/test_classroom_config.py checks that `make lab` uses that configuration.)
- Voila started with exactly the command of `make voila` (over the lessons `make voila-lessons` builds)
  stops the kernels of closed pages once they are idle, and keeps the kernel of a page that is still open;
- and its pages ask nothing of the internet.
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit
from typing import Any, Iterator

import pytest
import yaml

from browser_support import classroom, controls, servers, voila
from browser_support.settings import INTERACTIONS, ROOT, STEP_TIMEOUT, VIEWPORT

NEWS_TEXT = "official Jupyter news"
NEWS_PLUGIN = "@jupyterlab/apputils-extension:announcements"
COURSE_CONFIG = ROOT / "jupyter_config"


# ---------------------------------------------------------------- JupyterLab's news pop-up


def _start_plain_lab(work: Path, config_path: str | None) -> servers.Server:
    """JupyterLab with empty user settings and no user configuration, plus ``config_path`` if given."""
    port, token = servers.free_port(), secrets.token_hex(16)
    for name in ("settings", "workspaces", "runtime", "user-config", "root"):
        (work / name).mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    env.pop("JUPYTER_CONFIG_PATH", None)
    env["JUPYTER_CONFIG_DIR"] = str(work / "user-config")  # nothing from the machine's ~/.jupyter
    env["JUPYTER_RUNTIME_DIR"] = str(work / "runtime")
    if config_path:
        env["JUPYTER_CONFIG_PATH"] = config_path
    cmd = [
        sys.executable, "-m", "jupyterlab", "--no-browser",
        "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={work / 'root'}",
        f"--LabApp.user_settings_dir={work / 'settings'}", f"--LabApp.workspaces_dir={work / 'workspaces'}",
        *servers._root_flag(),
    ]
    log_path = work / "lab.log"
    log = open(log_path, "wb")
    process = subprocess.Popen(cmd, cwd=work, env=env, stdout=log, stderr=subprocess.STDOUT,
                               stdin=subprocess.DEVNULL, start_new_session=True)
    server = servers.Server("lab", process, f"http://127.0.0.1:{port}", token, work / "root", log_path, log)
    servers._wait_ready(server, "/api/status")
    return server


def _news_popup_shown(browser: Any, server: servers.Server, wait_ms: int) -> tuple[bool, dict[str, Any]]:
    """Open JupyterLab as a student would; return whether the news pop-up appeared, and the page config."""
    context = browser.new_context(viewport=VIEWPORT)
    try:
        page = context.new_page()
        page.goto(server.url("/lab"), wait_until="domcontentloaded", timeout=120_000)
        config = json.loads(page.locator("#jupyter-config-data").text_content())
        page.wait_for_selector("#jp-main-dock-panel", timeout=120_000)
        try:
            page.get_by_text(NEWS_TEXT).first.wait_for(timeout=wait_ms)
            return True, config
        except Exception:
            return False, config
    finally:
        context.close()


def test_jupyterlab_with_the_course_config_shows_no_news_popup(browser: Any) -> None:
    work = Path(tempfile.mkdtemp(prefix="legpain-news-"))
    try:
        # Without the course's configuration, JupyterLab asks about news (the control).
        with _start_plain_lab(work / "plain", None) as server:
            shown, config = _news_popup_shown(browser, server, wait_ms=60_000)
        assert shown, "the control failed: plain JupyterLab did not show the news pop-up, so this test proves nothing"
        assert NEWS_PLUGIN not in config.get("disabledExtensions", [])

        # With it, as `make lab` starts JupyterLab: no pop-up, the plugin is off and the server fetches no news.
        with _start_plain_lab(work / "course", str(COURSE_CONFIG)) as server:
            shown, config = _news_popup_shown(browser, server, wait_ms=8_000)
        assert not shown, "the news pop-up appeared although the course's Jupyter configuration was used"
        assert NEWS_PLUGIN in config.get("disabledExtensions", [])
        assert config.get("news") == {"disabled": True}
    finally:
        servers.remove_workdir(work)


# ---------------------------------------------------------------- Voila releases kernels

CULL_IDLE, CULL_INTERVAL = 4, 2  # seconds; `make voila` uses minutes, the command is otherwise the same
VOILA_NOTEBOOK = "02_swelling_oedema.ipynb"
PAGES = 3


def _children() -> dict[int, list[int]]:
    """Parent process id -> its children, from /proc (Linux, as the browser tests are)."""
    tree: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[0] != "Z":  # a zombie has exited already
            tree.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    return tree


def _kernels(server: servers.Server) -> list[int]:
    """Process ids of the kernels the Voila server has started and that are still running."""
    tree, found, todo = _children(), [], [server.process.pid]
    while todo:
        for child in tree.get(todo.pop(), []):
            todo.append(child)
            try:
                if b"ipykernel" in Path(f"/proc/{child}/cmdline").read_bytes():
                    found.append(child)
            except OSError:
                pass
    return sorted(found)


def _wait_for_kernels(server: servers.Server, count: int, timeout: float) -> list[int]:
    deadline = time.monotonic() + timeout
    while True:
        now = _kernels(server)
        if len(now) == count or time.monotonic() > deadline:
            return now
        time.sleep(0.5)


@pytest.fixture()
def class_voila(chromium_path: str) -> Iterator[servers.Server]:
    """Voila started with the command of `make voila` (plus --no-browser), over the lessons it builds."""
    work = Path(tempfile.mkdtemp(prefix="legpain-voila-class-"))
    try:
        with classroom.start_class_voila(work, CULL_IDLE, CULL_INTERVAL) as server:
            yield server
    finally:
        servers.remove_workdir(work)


def test_voila_stops_the_kernels_of_closed_pages(browser: Any, class_voila: servers.Server) -> None:
    contexts = []
    try:
        for _ in range(PAGES):
            context = browser.new_context(viewport=VIEWPORT)
            context.set_default_timeout(STEP_TIMEOUT)
            voila.open_notebook(context.new_page(), class_voila, VOILA_NOTEBOOK)
            contexts.append(context)
        running = _wait_for_kernels(class_voila, PAGES, timeout=20)
        assert len(running) == PAGES, f"expected one kernel per open page ({PAGES}), found {len(running)}"

        # Two students close their pages without the page saying goodbye (a closed laptop, a lost
        # connection): no shutdown request reaches Voila, so only culling can free those kernels.
        for context in contexts[:-1]:
            context.close()  # closes its page without running the page's beforeunload handler
        left = _wait_for_kernels(class_voila, 1, timeout=CULL_IDLE + 6 * CULL_INTERVAL + 20)
        assert len(left) == 1, f"{len(left)} kernels still running after the pages closed:\n{class_voila.log_tail()}"
        assert set(left) <= set(running)
        assert class_voila.log_path.read_text(errors="replace").count("Culling 'idle' kernel") >= PAGES - 1

        # The page that is still open keeps its kernel through several culling rounds...
        time.sleep(CULL_IDLE + 2 * CULL_INTERVAL)
        assert _kernels(class_voila) == left, "the kernel of a page that is still open was stopped"
        steps = yaml.safe_load((INTERACTIONS / VOILA_NOTEBOOK.replace(".ipynb", ".yaml")).read_text(encoding="utf-8"))["steps"]
        controls.do_step(contexts[-1].pages[0].locator("body"), steps[0])  # its widgets still answer

        # ...and is freed in its turn once that page is closed too.
        contexts[-1].close()
        assert _wait_for_kernels(class_voila, 0, timeout=CULL_IDLE + 6 * CULL_INTERVAL + 20) == []
    finally:
        for context in contexts:
            try:
                context.close()
            except Exception:
                pass


def test_a_voila_page_asks_nothing_of_the_internet(browser: Any, class_voila: servers.Server) -> None:
    """A class whose network is slow or cut off gets the page at once: every request stays on this
    computer (Voila's own page asks a CDN for Font Awesome; the course's page does not)."""
    context = browser.new_context(viewport=VIEWPORT)
    context.set_default_timeout(STEP_TIMEOUT)
    elsewhere: list[str] = []

    def only_here(route: Any) -> None:
        host = urlsplit(route.request.url).hostname
        if route.request.url.startswith(("blob:", "data:")) or host in ("127.0.0.1", "localhost"):
            route.continue_()
        else:
            elsewhere.append(route.request.url)
            route.abort()

    try:
        context.route("**/*", only_here)
        voila.open_notebook(context.new_page(), class_voila, "08_symptom_advice_matrix.ipynb")
        assert elsewhere == []
    finally:
        context.close()
