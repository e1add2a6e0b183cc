"""Shared machinery for the site tests and the site benchmark: serve build/site/, cut the network,
and drive JupyterLite's JupyterLab in Chromium.

The JupyterLab helpers of tests/browser (run all, read outputs, tick, answer) work unchanged in the
site, which is JupyterLab too: this module adds what differs, a static server instead of a Jupyter
server, and a browser that cannot reach any host but this computer.
"""

from __future__ import annotations

import sys
import threading
import urllib.request
from pathlib import Path
from typing import Any, Optional

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "browser"))
sys.path.insert(0, str(ROOT / "tools" / "site"))

import serve  # noqa: E402
from browser_support import chromium, lab, notebooks  # noqa: E402
from browser_support.settings import NOTEBOOKS  # noqa: E402
from browser_support.pages import save_page  # noqa: E402
from browser_support.scripts import script  # noqa: E402

SITE = ROOT / "build" / "site"
ARTIFACTS = ROOT / "test-results" / "site"
KERNEL_TIMEOUT = 180_000  # ms: a Pyodide kernel on two busy cores
OFFLINE_COPY_TIMEOUT = 180_000  # ms: the service worker copies the whole site once

# Every request to another host goes to a closed port on this computer: nothing leaves it, whatever
# asks (the page, a worker or the service worker). Chromium never sends 127.0.0.1 through a proxy.
OFFLINE_ARGS = ["--proxy-server=http://127.0.0.1:9"]



class SiteServer:
    """build/site/ served by tools/site/serve.py (Python's http.server) on 127.0.0.1, in a thread."""

    def __init__(self, directory: Path = SITE):
        self.directory = directory
        self.httpd = serve.make_server(directory, "127.0.0.1", 0, quiet=True)
        self.port = self.httpd.server_address[1]
        self.base_url = f"http://127.0.0.1:{self.port}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()
        self.running = True

    def url(self, path: str = "") -> str:
        return self.base_url + path.lstrip("/")

    def is_up(self) -> bool:
        try:
            with urllib.request.urlopen(self.url("index.html"), timeout=5) as response:
                return response.status == 200
        except OSError:
            return False

    def stop(self) -> None:
        if self.running:
            self.httpd.shutdown()
            self.httpd.server_close()
            self.thread.join(timeout=10)
            self.running = False


def site_files() -> list[str]:
    """The files the service worker must keep (all but itself and JupyterLite's worker)."""
    skip = {"service-worker.js", "jupyterlite-service-worker.js", ".built"}
    return sorted(p.relative_to(SITE).as_posix() for p in SITE.rglob("*") if p.is_file() and p.name not in skip)


def launch(playwright: Any, executable: str) -> Any:
    options = chromium.launch_options(executable)
    options["args"] = [*options["args"], *OFFLINE_ARGS]
    return playwright.chromium.launch(headless=True, **options)


def record_off_machine(context: Any) -> list[str]:
    """Abort and list every request the page makes to a host other than 127.0.0.1."""
    attempts: list[str] = []

    def handle(route: Any) -> None:
        url = route.request.url
        if url.startswith(("http://127.0.0.1:", "ws://127.0.0.1:")):
            route.continue_()
        else:
            attempts.append(url)
            route.abort()

    context.route("**/*", handle)
    return attempts


def wait_kernel_idle(page: Any, name: str, timeout_ms: int = KERNEL_TIMEOUT) -> None:
    page.wait_for_function(script("lab_notebook_ready"), arg=name, timeout=timeout_ms, polling=200)


def open_site(page: Any, server: SiteServer, name: str) -> None:
    """Load the site with one notebook open, and wait until its kernel is ready."""
    page.goto(server.url(f"lab/index.html?path={name}"), wait_until="domcontentloaded", timeout=120_000)
    wait_kernel_idle(page, name)


def open_notebook(page: Any, name: str) -> None:
    """Open another notebook in the JupyterLab already loaded in the page; wait for its kernel."""
    page.evaluate("async name => { await window.jupyterapp.commands.execute('docmanager:open', {path: name}); return true; }", name)
    wait_kernel_idle(page, name)


def close_notebook(page: Any) -> None:
    """Stop the current notebook's kernel and close it without saving (the page stays)."""
    # Outputs are cleared first, while the kernel still listens: plotly's widget views, when they
    # go, send a last message, which ipywidgets logs as an error once the notebook has closed.
    page.evaluate(
        """async () => { const app = window.jupyterapp; const w = app.shell.currentWidget;
            if (!w) return;
            await app.commands.execute('notebook:clear-all-cell-outputs');
            await new Promise(r => setTimeout(r, 300));
            const session = w.sessionContext && w.sessionContext.session;
            const id = session ? session.id : null;
            if (w.context && w.context.model) w.context.model.dirty = false;
            w.close();
            await new Promise(r => setTimeout(r, 100));
            if (id) await app.serviceManager.sessions.shutdown(id);
            return true; }"""
    )


def offline_copy_status(page: Any) -> Optional[dict[str, Any]]:
    """What the service worker says it keeps: {version, files, kept}; None without a worker."""
    return page.evaluate(
        """() => new Promise(resolve => {
            const sw = navigator.serviceWorker && navigator.serviceWorker.controller;
            if (!sw) { resolve(null); return; }
            const channel = e => {
                if (e.data && 'kept' in e.data) { navigator.serviceWorker.removeEventListener('message', channel); resolve(e.data); }
            };
            navigator.serviceWorker.addEventListener('message', channel);
            sw.postMessage('legpain-site-status');
            setTimeout(() => resolve(null), 10000);
        })"""
    )


def wait_offline_copy(page: Any, timeout_ms: int = OFFLINE_COPY_TIMEOUT) -> dict[str, Any]:
    """Wait until a service worker controls the page and has kept every file of the site."""
    page.wait_for_function("() => !!(navigator.serviceWorker && navigator.serviceWorker.controller)", timeout=timeout_ms, polling=250)
    page.evaluate("() => navigator.serviceWorker.ready")
    deadline = page.evaluate("() => performance.now()") + timeout_ms
    status = offline_copy_status(page)
    while status is None or status["kept"] < status["files"]:
        if page.evaluate("() => performance.now()") > deadline:
            break
        page.wait_for_timeout(500)
        status = offline_copy_status(page)
    return status or {}


def saved_counts(name: str) -> dict[str, int]:
    """Among the outputs saved in the notebook (its JupyterLab run): plotly figures, and widgets
    other than the self-check (show_quiz) and the presentation-mode switch."""
    import nbformat

    cells = [c for c in nbformat.read(NOTEBOOKS / name, as_version=4).cells if c.cell_type == "code"]
    outputs = [o for c in cells for o in c.get("outputs", [])]
    controls = ("show_quiz(", "show_presentation_mode(")
    panels = [o for c in cells if not any(call in c.source for call in controls) for o in c.get("outputs", [])]
    return {"plotly": notebooks.count_mime(outputs, notebooks.PLOTLY_MIME), "widgets": notebooks.count_mime(panels, notebooks.WIDGET_MIME)}


def run_all_and_wait(page: Any) -> dict[str, Any]:
    return lab.run_all_and_wait(page)


OPEN_PAGES: dict[str, Any] = {}


def save_open_pages(test_name: str) -> list[Path]:
    """A screenshot and the HTML of every page the site tests have open, for a failed test."""
    saved = []
    for label, page in list(OPEN_PAGES.items()):
        try:
            if not page.is_closed():
                saved += save_page(page, ARTIFACTS / test_name, label)
        except Exception:
            pass
    return saved
