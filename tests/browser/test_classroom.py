"""What a class meets when the instructor starts the course: JupyterLab (`make lab`) and Voila (`make voila`).

- JupyterLab with the course's Jupyter configuration (jupyter_config/, as `make lab` uses it) shows
  no "official Jupyter news" pop-up; without it, the same JupyterLab does (so the test can fail).
  (tests/test_classroom_config.py checks that `make lab` uses that configuration.)
- Voila started with exactly the command of `make voila` stops the kernels of closed pages once
  they are idle, and keeps the kernel of a page that is still open.
"""

from __future__ import annotations

import json
import os
import secrets
import shlex
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Iterator

import pytest
import yaml

import browser_support as bs

NEWS_TEXT = "official Jupyter news"
NEWS_PLUGIN = "@jupyterlab/apputils-extension:announcements"
COURSE_CONFIG = bs.ROOT / "jupyter_config"


# ---------------------------------------------------------------- JupyterLab's news pop-up


def _start_plain_lab(work: Path, config_path: str | None) -> bs.Server:
    """JupyterLab with empty user settings and no user configuration, plus ``config_path`` if given."""
    port, token = bs.free_port(), secrets.token_hex(16)
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
        *bs._root_flag(),
    ]
    log_path = work / "lab.log"
    log = open(log_path, "wb")
    process = subprocess.Popen(cmd, cwd=work, env=env, stdout=log, stderr=subprocess.STDOUT,
                               stdin=subprocess.DEVNULL, start_new_session=True)
    server = bs.Server("lab", process, f"http://127.0.0.1:{port}", token, work / "root", log_path, log)
    bs._wait_ready(server, "/api/status")
    return server


def _news_popup_shown(browser: Any, server: bs.Server, wait_ms: int) -> tuple[bool, dict[str, Any]]:
    """Open JupyterLab as a student would; return whether the news pop-up appeared, and the page config."""
    page = browser.new_page(viewport=bs.VIEWPORT)
    bs.register_page("lab-news", page)
    try:
        page.goto(server.url("/lab"), wait_until="domcontentloaded", timeout=120_000)
        config = json.loads(page.locator("#jupyter-config-data").text_content())
        page.wait_for_selector("#jp-main-dock-panel", timeout=120_000)
        try:
            page.get_by_text(NEWS_TEXT).first.wait_for(timeout=wait_ms)
            return True, config
        except Exception:
            return False, config
    finally:
        bs.unregister_page("lab-news")
        page.close()


def test_jupyterlab_with_the_course_config_shows_no_news_popup(browser: Any) -> None:
    work = Path(tempfile.mkdtemp(prefix="legpain-news-"))
    try:
        # Without the course's configuration, JupyterLab asks about news (the control).
        server = _start_plain_lab(work / "plain", None)
        try:
            shown, config = _news_popup_shown(browser, server, wait_ms=60_000)
        finally:
            server.stop()
        assert shown, "the control failed: plain JupyterLab did not show the news pop-up, so this test proves nothing"
        assert NEWS_PLUGIN not in config.get("disabledExtensions", [])

        # With it, as `make lab` starts JupyterLab: no pop-up, the plugin is off and the server fetches no news.
        server = _start_plain_lab(work / "course", str(COURSE_CONFIG))
        try:
            shown, config = _news_popup_shown(browser, server, wait_ms=8_000)
        finally:
            server.stop()
        assert not shown, "the news pop-up appeared although the course's Jupyter configuration was used"
        assert NEWS_PLUGIN in config.get("disabledExtensions", [])
        assert config.get("news") == {"disabled": True}
    finally:
        import shutil

        shutil.rmtree(work, ignore_errors=True)


# ---------------------------------------------------------------- Voila releases kernels

CULL_IDLE, CULL_INTERVAL = 4, 2  # seconds; `make voila` uses minutes, the command is otherwise the same
VOILA_NOTEBOOK = "02_swelling_oedema.ipynb"
PAGES = 3


def _voila_command(port: int) -> list[str]:
    out = subprocess.run(
        ["make", "-s", "--no-print-directory", "voila-command", f"VOILA_PORT={port}",
         f"VOILA_CULL_IDLE={CULL_IDLE}", f"VOILA_CULL_INTERVAL={CULL_INTERVAL}"],
        cwd=bs.ROOT, capture_output=True, text=True, check=True, timeout=60,
    ).stdout.strip()
    return shlex.split(out)


def _kernels(server: bs.Server) -> list[int]:
    """Process ids of the kernels the Voila server has started and that are still running."""
    import psutil

    try:
        children = psutil.Process(server.process.pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []
    found = []
    for child in children:
        try:
            if "ipykernel" in " ".join(child.cmdline()) and child.status() != psutil.STATUS_ZOMBIE:
                found.append(child.pid)
        except psutil.NoSuchProcess:
            pass
    return found


def _wait_for_kernels(server: bs.Server, count: int, timeout: float) -> list[int]:
    deadline = time.monotonic() + timeout
    while True:
        now = _kernels(server)
        if len(now) == count or time.monotonic() > deadline:
            return now
        time.sleep(0.5)


@pytest.fixture()
def class_voila() -> Iterator[bs.Server]:
    """Voila started with the command of `make voila` (plus --no-browser), over the course's notebooks."""
    port = bs.free_port()
    cmd = _voila_command(port)
    assert any("cull_idle_timeout" in arg for arg in cmd), cmd
    work = Path(tempfile.mkdtemp(prefix="legpain-voila-class-"))
    log_path = work / "voila.log"
    log = open(log_path, "wb")
    env = dict(os.environ, JUPYTER_RUNTIME_DIR=str(work), PYTHONUNBUFFERED="1")
    process = subprocess.Popen(cmd + ["--no-browser"], cwd=bs.ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                               stdin=subprocess.DEVNULL, start_new_session=True)
    server = bs.Server("voila", process, f"http://127.0.0.1:{port}", "", bs.NOTEBOOKS, log_path, log)
    try:
        bs._wait_ready(server, "/")
        yield server
    finally:
        server.stop()
        import shutil

        shutil.rmtree(work, ignore_errors=True)


def test_voila_stops_the_kernels_of_closed_pages(browser: Any, class_voila: bs.Server) -> None:
    widgets, plots = bs.saved_output_counts(VOILA_NOTEBOOK)
    pages = []
    for number in range(PAGES):
        page = browser.new_page(viewport=bs.VIEWPORT)
        bs.register_page(f"voila-load-{number}", page)
        page.goto(class_voila.url(f"/voila/render/{VOILA_NOTEBOOK}"), wait_until="load", timeout=bs.RUN_ALL_TIMEOUT)
        bs.wait_drawn(page, "body", widgets, plots)
        pages.append(page)
    running = _wait_for_kernels(class_voila, PAGES, timeout=20)
    assert len(running) == PAGES, f"expected one kernel per open page ({PAGES}), found {len(running)}"

    # Two students close their pages without the page saying goodbye (a closed laptop, a lost
    # connection): no shutdown request reaches Voila, so only culling can free those kernels.
    for number, page in enumerate(pages[:-1]):
        page.close(run_before_unload=False)
        bs.unregister_page(f"voila-load-{number}")
    left = _wait_for_kernels(class_voila, 1, timeout=CULL_IDLE + 6 * CULL_INTERVAL + 20)
    assert len(left) == 1, f"{len(left)} kernels still running after the pages closed:\n{class_voila.log_tail()}"
    assert set(left) <= set(running)
    assert class_voila.log_path.read_text(errors="replace").count("Culling 'idle' kernel") >= PAGES - 1

    # The page that is still open keeps its kernel through several culling rounds...
    time.sleep(CULL_IDLE + 2 * CULL_INTERVAL)
    assert _kernels(class_voila) == left, "the kernel of a page that is still open was stopped"
    first_step = yaml.safe_load((bs.INTERACTIONS / VOILA_NOTEBOOK.replace(".ipynb", ".yaml")).read_text(encoding="utf-8"))["steps"][0]
    bs.do_step(pages[-1].locator("body"), first_step)  # its widgets still answer

    # ...and is freed in its turn once that page is closed too.
    pages[-1].close(run_before_unload=False)
    bs.unregister_page(f"voila-load-{PAGES - 1}")
    assert _wait_for_kernels(class_voila, 0, timeout=CULL_IDLE + 6 * CULL_INTERVAL + 20) == []
