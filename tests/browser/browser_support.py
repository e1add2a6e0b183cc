"""Shared machinery for the real-browser tests and the browser benchmark.

Starts a private JupyterLab or Voila server on 127.0.0.1 (free port, random token)
over a temporary copy of ``notebooks/``, launches Debian's Chromium through
Playwright, and drives notebooks the way a student does: run all, tick, choose,
type, press, and read what appears.

Nothing here ever writes to the repository's notebooks: the servers' root is a
throwaway copy, and ``LEGPAIN_DATA`` points at the repository's ``data/``.
"""

from __future__ import annotations

import json
import os
import re
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
from typing import Any, Optional

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
DATA = ROOT / "data"
INTERACTIONS = Path(__file__).resolve().parent / "interactions"
ARTIFACTS = ROOT / "test-artifacts"
AXE_JS = ROOT / "build" / "axe" / "node_modules" / "axe-core" / "axe.min.js"

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
# Without these flags Chromium tries to reach Google's services and hangs on a closed network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-dev-shm-usage",
]
VIEWPORT = {"width": 1400, "height": 1000}

SERVER_START_TIMEOUT = 120  # seconds
RUN_ALL_TIMEOUT = 300_000  # ms
STEP_TIMEOUT = 20_000  # ms: a widget that takes longer than this to answer has failed


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def find_chromium() -> Optional[str]:
    """The Chromium to use: $LEGPAIN_CHROMIUM, else Debian's, else any on PATH."""
    explicit = os.environ.get("LEGPAIN_CHROMIUM")
    if explicit:
        return explicit if os.access(explicit, os.X_OK) else None
    for candidate in CHROMIUM_CANDIDATES:
        if os.access(candidate, os.X_OK):
            return candidate
    return shutil.which("chromium") or shutil.which("chromium-browser")


def notebook_names() -> list[str]:
    """Every course notebook present now (they are discovered at run time)."""
    return sorted(p.name for p in NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# ---------------------------------------------------------------- servers


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

    def stop(self) -> None:
        """Stop the whole process group (server and kernels); kill it if it will not stop."""
        if self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                try:
                    os.killpg(self.process.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                self.process.wait(timeout=10)
        else:
            # The server is gone, but kernels it started may live on in its group.
            try:
                os.killpg(self.process.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        if self._log is not None:
            self._log.close()


def make_workdir(prefix: str = "legpain-browser-") -> Path:
    """A temporary folder with a copy of notebooks/ and JupyterLab settings for testing."""
    work = Path(tempfile.mkdtemp(prefix=prefix))
    shutil.copytree(NOTEBOOKS, work / "notebooks", ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    settings = work / "settings"
    # Render every cell (no virtual scrolling), so every figure and widget is in the page.
    tracker = settings / "@jupyterlab" / "notebook-extension"
    tracker.mkdir(parents=True)
    (tracker / "tracker.jupyterlab-settings").write_text(json.dumps({"windowingMode": "none"}))
    # No "would you like news?" pop-up over the notebook.
    notes = settings / "@jupyterlab" / "apputils-extension"
    notes.mkdir(parents=True)
    (notes / "notification.jupyterlab-settings").write_text(json.dumps({"fetchNews": "false", "checkForUpdates": False}))
    (work / "workspaces").mkdir()
    (work / "runtime").mkdir()
    return work


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


def _spawn(kind: str, cmd: list[str], work: Path, port: int, token: str) -> Server:
    log_path = work / f"{kind}.log"
    log = open(log_path, "wb")
    process = subprocess.Popen(
        cmd,
        cwd=work,
        env=_server_env(work),
        stdout=log,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        start_new_session=True,  # its own process group, so kernels are stopped with it
    )
    return Server(kind, process, f"http://127.0.0.1:{port}", token, work / "notebooks", log_path, log)


def _root_flag() -> list[str]:
    return ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []


def start_lab(work: Path) -> Server:
    port, token = free_port(), secrets.token_hex(16)
    cmd = [
        sys.executable, "-m", "jupyterlab",
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
    server = _spawn("lab", cmd, work, port, token)
    _wait_ready(server, "/api/status")
    return server


def start_voila(work: Path) -> Server:
    port, token = free_port(), secrets.token_hex(16)
    cmd = [
        sys.executable, "-m", "voila", str(work / "notebooks"),
        "--no-browser",
        "--Voila.ip=127.0.0.1",
        f"--port={port}",
        f"--token={token}",
        "--show_tracebacks=True",
    ]
    server = _spawn("voila", cmd, work, port, token)
    _wait_ready(server, "/")
    return server


# ---------------------------------------------------------------- browser


def launch_browser(playwright: Any, chromium: str) -> Any:
    return playwright.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_ARGS)


OPEN_PAGES: dict[str, Any] = {}


def register_page(name: str, page: Any) -> None:
    """Pages listed here are saved to test-artifacts/ when a test fails."""
    OPEN_PAGES[name] = page


def unregister_page(name: str) -> None:
    OPEN_PAGES.pop(name, None)


def save_artifacts(page: Any, name: str) -> list[Path]:
    """A full-page screenshot and the page's HTML under test-artifacts/."""
    ARTIFACTS.mkdir(exist_ok=True)
    safe = re.sub(r"[^A-Za-z0-9_.-]+", "_", name)[:150]
    saved = []
    try:
        shot = ARTIFACTS / f"{safe}.png"
        page.screenshot(path=str(shot), full_page=True, timeout=30_000)
        saved.append(shot)
    except Exception:  # a crashed page still gives its HTML below, if it can
        pass
    try:
        html = ARTIFACTS / f"{safe}.html"
        html.write_text(page.content(), encoding="utf-8")
        saved.append(html)
    except Exception:
        pass
    return saved


# ---------------------------------------------------------------- JupyterLab


def _panel_js() -> str:
    return "window.jupyterapp.shell.currentWidget"


def open_in_lab(browser: Any, server: Server, name: str) -> Any:
    """A new page with the notebook open in its own workspace and its kernel idle."""
    page = browser.new_page(viewport=VIEWPORT)
    page.set_default_timeout(STEP_TIMEOUT)
    workspace = "t" + secrets.token_hex(4)
    page.goto(server.url(f"/lab/workspaces/{workspace}/tree/{name}"), wait_until="domcontentloaded", timeout=120_000)
    page.wait_for_function(
        """name => { const app = window.jupyterapp; if (!app) return false;
            const w = app.shell.currentWidget;
            return !!(w && w.context && w.context.path === name && w.sessionContext && w.sessionContext.session
                      && w.sessionContext.session.kernel && w.sessionContext.session.kernel.status === 'idle'); }""",
        arg=name,
        timeout=120_000,
        polling=200,
    )
    return page


def run_all_in_lab(page: Any) -> dict[str, Any]:
    """Clear the saved outputs, run every cell, and return what each code cell produced."""
    return page.evaluate(
        """async (timeout) => {
            const panel = window.jupyterapp.shell.currentWidget;
            await panel.context.ready; await panel.sessionContext.ready;
            const app = window.jupyterapp;
            await app.commands.execute('notebook:clear-all-cell-outputs');
            for (const cell of panel.content.widgets) { if (cell.model.type === 'code') cell.model.executionCount = null; }
            const started = performance.now();
            const ok = await Promise.race([
                app.commands.execute('notebook:run-all-cells'),
                new Promise(r => setTimeout(() => r('timeout'), timeout)),
            ]);
            const cells = panel.content.widgets.map((cell, index) => ({
                index, type: cell.model.type, source: cell.model.sharedModel.getSource(),
                execution_count: cell.model.type === 'code' ? cell.model.executionCount : null,
                outputs: cell.model.type === 'code' ? cell.model.outputs.toJSON() : [],
            }));
            return {ok, seconds: (performance.now() - started) / 1000, cells};
        }""",
        RUN_ALL_TIMEOUT,
    )


LAB_ROOT = ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook"


def run_all_and_wait(page: Any) -> dict[str, Any]:
    """Run all cells, then wait until the widgets and figures they output are drawn."""
    run = run_all_in_lab(page)
    outputs = [out for cell in run["cells"] for out in cell["outputs"]]
    widgets = sum("application/vnd.jupyter.widget-view+json" in (out.get("data") or {}) for out in outputs)
    plots = sum("application/vnd.plotly.v1+json" in (out.get("data") or {}) for out in outputs)
    try:
        wait_drawn(page, LAB_ROOT, widgets, plots)
    except Exception:
        pass  # the tests then say which widget or figure is missing
    return run


def shutdown_lab_page(page: Any) -> None:
    """Stop the notebook's kernel and close the page (the server keeps running)."""
    try:
        page.evaluate(
            f"async () => {{ const w = {_panel_js()}; if (w && w.sessionContext) await w.sessionContext.shutdown(); }}"
        )
    except Exception:
        pass
    try:
        page.close()
    except Exception:
        pass


def notebook_root(page: Any, kind: str) -> Any:
    """The part of the page that shows the notebook: JupyterLab's notebook panel, or Voila's body."""
    if kind == "lab":
        return page.locator(LAB_ROOT).first
    return page.locator("body")


# ---------------------------------------------------------------- Voila


def saved_output_counts(name: str) -> tuple[int, int]:
    """(widget views, plotly figures) among the saved outputs of a notebook."""
    import nbformat

    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    outputs = [out for cell in nb.cells if cell.cell_type == "code" for out in cell.get("outputs", [])]
    widgets = sum("application/vnd.jupyter.widget-view+json" in (out.get("data") or {}) for out in outputs)
    plots = sum("application/vnd.plotly.v1+json" in (out.get("data") or {}) for out in outputs)
    return widgets, plots


WAIT_DRAWN_JS = """([root, widgets, plots]) => {
    const el = document.querySelector(root);
    if (!el) return false;
    const drawn = Array.from(el.querySelectorAll('.jp-OutputArea-output')).filter(o => o.querySelector(':scope > .jupyter-widgets')).length;
    const graphs = el.querySelectorAll('.js-plotly-plot svg.main-svg').length;
    return drawn >= widgets && graphs >= Math.min(plots, 1);
}"""


def wait_drawn(page: Any, root_selector: str, widgets: int, plots: int, timeout_ms: int = 60_000) -> None:
    """Wait until every widget view (and the figures) of the notebook is drawn, then a moment more."""
    page.wait_for_function(WAIT_DRAWN_JS, arg=[root_selector, widgets, plots], timeout=timeout_ms, polling=200)
    page.wait_for_timeout(500)


def open_in_voila(browser: Any, server: Server, name: str) -> Any:
    """A new page with the notebook rendered by Voila and its widgets drawn."""
    page = browser.new_page(viewport=VIEWPORT)
    page.set_default_timeout(STEP_TIMEOUT)
    page.goto(server.url(f"/voila/render/{name}"), wait_until="load", timeout=RUN_ALL_TIMEOUT)
    # Voila streams the executed cells; the widget manager draws the widget views after that.
    widgets, plots = saved_output_counts(name)
    wait_drawn(page, "body", widgets, plots)
    return page


# ---------------------------------------------------------------- checks in the page

ERROR_TEXTS = ("Error displaying widget", "Error rendering", "Traceback (most recent call last)", "There was an error when executing cell")


def visible_error_texts(root: Any) -> list[str]:
    """Error outputs a student would see: stderr/tracebacks and widgets that failed to draw."""
    return root.evaluate(
        """(el, texts) => {
            const found = [];
            for (const out of el.querySelectorAll('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"], .jp-RenderedText[data-mime-type="application/vnd.jupyter.stderr"]'))
                found.push('stderr/error output: ' + out.innerText.slice(0, 300));
            const text = el.innerText;
            for (const t of texts) if (text.includes(t)) found.push('visible text: ' + t);
            return found;
        }""",
        list(ERROR_TEXTS),
    )


def plotly_status(root: Any) -> list[dict[str, Any]]:
    """Each plotly graph in the page: whether an SVG with drawn traces is inside it."""
    return root.evaluate(
        """el => Array.from(el.querySelectorAll('.js-plotly-plot')).map(gd => ({
            svg: !!gd.querySelector('svg.main-svg'),
            traces: gd.querySelectorAll('.trace, .hm, .heatmaplayer image, .barlayer .point, .scatterlayer .point, .scatterlayer path.js-line').length,
            title: (gd.querySelector('.gtitle') || {}).textContent || '',
            // Values to draw; 0 for a chart that is empty on purpose (e.g. before anything is ticked).
            values: (gd.data || []).reduce((n, t) => n + Math.max(...['x', 'y', 'z', 'values', 'r', 'lat']
                .map(k => (t[k] && t[k].length) || 0)), 0),
        }))"""
    )


def plotly_colours(root: Any) -> list[dict[str, Any]]:
    """Every colour that carries data in every plotly graph: marker, line, fill and colour scale."""
    return root.evaluate(
        """el => {
            const out = [];
            const add = (graph, trace, prop, value) => {
                if (value === undefined || value === null) return;
                if (Array.isArray(value)) { for (const v of value) add(graph, trace, prop, v); return; }
                if (typeof value === 'string') out.push({graph, trace, prop, colour: value});
            };
            Array.from(el.querySelectorAll('.js-plotly-plot')).forEach((gd, graph) => {
                const title = ((gd.querySelector('.gtitle') || {}).textContent || ('graph ' + graph));
                for (const t of (gd._fullData || [])) {
                    if (t.visible === false || t.visible === 'legendonly') continue;
                    const name = title + ' / ' + (t.name || t.type);
                    const m = t.marker || {};
                    const numericMarker = Array.isArray(m.color) && m.color.length && typeof m.color[0] === 'number';
                    if (!numericMarker) add(name, t.type, 'marker.color', m.color);
                    if (numericMarker || t.type === 'heatmap' || t.type === 'contour' || t.type === 'choropleth') {
                        const scale = numericMarker ? m.colorscale : t.colorscale;
                        for (const stop of (scale || [])) add(name, t.type, 'colorscale', stop[1]);
                    }
                    if (t.line && (t.type !== 'scatter' || String(t.mode || '').includes('lines'))) add(name, t.type, 'line.color', t.line.color);
                    if (t.fill && t.fill !== 'none') add(name, t.type, 'fillcolor', t.fillcolor);
                }
            });
            return out;
        }"""
    )


_RGB = re.compile(r"rgba?\(\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)")
_NAMED = {"black": "#000000", "white": "#FFFFFF", "transparent": None}


def normalise_colour(colour: str) -> Optional[str]:
    """'#abc', '#aabbcc', 'rgb(...)', 'rgba(...)' or a few names -> '#AABBCC' (alpha ignored)."""
    text = colour.strip().lower()
    if text in _NAMED:
        return _NAMED[text]
    if re.fullmatch(r"#[0-9a-f]{3}", text):
        return "#" + "".join(c * 2 for c in text[1:]).upper()
    if re.fullmatch(r"#[0-9a-f]{6}([0-9a-f]{2})?", text):
        return text[:7].upper()
    match = _RGB.match(text)
    if match:
        return "#" + "".join(f"{round(float(v)):02X}" for v in match.groups())
    return colour


def is_achromatic(hex_colour: str) -> bool:
    """Black, white and greys carry no hue, so no colour-vision deficiency changes them."""
    return bool(re.fullmatch(r"#([0-9A-F]{2})\1\1", hex_colour))


# ---------------------------------------------------------------- widgets


def _exact(text: str) -> "re.Pattern[str]":
    return re.compile(r"^\s*" + re.escape(text.strip()) + r"\s*$")


def control_container(scope: Any, label: str) -> Any:
    """The ipywidgets view whose visible description label reads exactly ``label``.

    ipywidgets 8 draws ``description`` as ``<label class="widget-label">`` beside the
    control (linked with ``for=`` only for text boxes and drop-downs), so we find the
    label by its text and take its widget; check boxes carry their description in a
    ``<label class="widget-label-basic">`` that wraps the box.
    """
    page = scope.page
    # Inner locators for has= are matched inside each candidate, so they start from the page.
    labels = page.locator(":scope > label.widget-label, :scope > label.widget-label-basic").filter(has_text=_exact(label))
    return scope.locator(".jupyter-widgets.widget-inline-hbox, .widget-radio, .widget-checkbox").filter(has=labels)


def _one(locator: Any, label: str, what: str, timeout_ms: int = STEP_TIMEOUT) -> Any:
    deadline = time.monotonic() + timeout_ms / 1000
    while True:  # widgets draw after their cell has run: wait for them, up to the step timeout
        visible = [i for i in range(locator.count()) if locator.nth(i).is_visible()]
        if visible or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    if not visible:
        raise LookupError(f"no visible {what} with the label {label!r}")
    if len(visible) > 1:
        raise LookupError(f"{len(visible)} visible {what}s have the label {label!r}; labels must be unique in a notebook")
    return locator.nth(visible[0])


def find_button(scope: Any, label: str) -> Any:
    buttons = scope.locator("button.jupyter-button, button.widget-button, button.widget-toggle-button").filter(has_text=_exact(label))
    return _one(buttons, label, "button")


def perform(scope: Any, action: str, label: str, value: Any = None) -> None:
    """Do what a student does to one control, found by its visible label."""
    if action == "click":
        find_button(scope, label).click()
        return
    container = _one(control_container(scope, label), label, "control")
    if action == "check":
        want = True if value is None else str(value).strip().lower() in {"true", "yes", "1", "on"}
        box = container.locator("input[type=checkbox]")
        if want:
            box.check()
        else:
            box.uncheck()
    elif action == "select":
        container.locator("select").select_option(label=str(value))
    elif action == "radio":
        option = container.locator(".widget-radio-box label").filter(has_text=_exact(str(value)))
        _one(option, str(value), "radio option").locator("input[type=radio]").check()
    elif action == "fill":
        box = container.locator("input, textarea").first
        box.fill(str(value))
        box.press("Enter")
        box.evaluate("el => el.blur()")
    elif action == "slider":
        readout = container.locator(".widget-readout")
        if readout.count():
            readout.click()
            readout.press("Control+A")
            readout.type(str(value))
            readout.press("Enter")
        else:  # a slider without a readout: use the keyboard on the handle
            handle = container.locator("[role=slider]").first
            current = float(handle.get_attribute("aria-valuenow") or 0)
            key = "ArrowRight" if float(value) > current else "ArrowLeft"
            handle.focus()
            for _ in range(1000):
                now = float(handle.get_attribute("aria-valuenow") or 0)
                if (key == "ArrowRight" and now >= float(value)) or (key == "ArrowLeft" and now <= float(value)):
                    break
                handle.press(key)
    else:
        raise ValueError(f"unknown action {action!r}")


def count_text(scope: Any, text: str) -> int:
    """How many times ``text`` is visible in ``scope`` (hidden elements do not count)."""
    return scope.evaluate("(el, needle) => el.innerText.split(needle).length - 1", text)


def output_text_near(scope: Any, label: str, action: str) -> Optional[str]:
    """The visible output text of the widget tree around a control (not the controls themselves)."""
    try:
        target = find_button(scope, label) if action == "click" else _one(control_container(scope, label), label, "control")
    except LookupError:
        return None
    return target.evaluate(
        """el => { let top = el; while (top.parentElement && !top.parentElement.classList.contains('jp-OutputArea-output')
                                     && top.parentElement.tagName !== 'BODY') top = top.parentElement;
                   return Array.from(top.querySelectorAll('.widget-html-content, .widget-output, .js-plotly-plot'))
                       .map(e => e.innerText).join('\\n'); }"""
    )


def do_step(scope: Any, step: dict[str, Any], timeout_ms: int = STEP_TIMEOUT) -> None:
    """Perform one step and wait until its expected text has appeared in what the student sees.

    The text counts as appeared when it is visible more times than before the action, or
    when it is in the widget's output and that output changed (a text already on screen
    is not proof that the action did anything).
    """
    label, action, expect = step["control_label"], step["action"], step["expect_text"]
    before_count = count_text(scope, expect)
    before_output = output_text_near(scope, label, action)
    perform(scope, action, label, step.get("value"))
    deadline = time.monotonic() + timeout_ms / 1000
    while True:
        now_count = count_text(scope, expect)
        if now_count > before_count:
            return
        now_output = output_text_near(scope, label, action)
        if now_output is not None and now_output != before_output and expect in now_output:
            return
        if time.monotonic() > deadline:
            raise AssertionError(
                f"after {action} {step.get('value', '')!r} on {label!r}, the text {expect!r} did not appear "
                f"within {timeout_ms / 1000:.0f}s (seen {now_count} time(s), before the action {before_count})"
            )
        time.sleep(0.1)


def unlabelled_controls(root: Any) -> list[str]:
    """Widget controls without a visible text label (description, wrapping label or button text)."""
    return root.evaluate(
        """el => {
            const visible = e => !!e && e.offsetParent !== null && getComputedStyle(e).display !== 'none' && getComputedStyle(e).visibility !== 'hidden';
            const text = e => (e && e.innerText || '').replace(/[\\u200b\\s]+/g, ' ').trim();
            const bad = [];
            const controls = el.querySelectorAll('.jupyter-widgets input, .jupyter-widgets select, .jupyter-widgets textarea, .jupyter-widgets [role=slider], .jupyter-widgets button, .widget-radio input');
            for (const c of controls) {
                if (!visible(c) && c.type !== 'checkbox' && c.type !== 'radio') continue;
                if (c.closest('.js-plotly-plot')) continue;  // plotly's own mode bar
                let label = '';
                if (c.tagName === 'BUTTON') label = text(c) || c.getAttribute('aria-label') || '';
                else if (c.type === 'checkbox' || c.type === 'radio') label = text(c.closest('label'));
                if (!label) {
                    const view = c.closest('.widget-inline-hbox, .widget-radio');
                    const desc = view && view.querySelector(':scope > label.widget-label');
                    if (desc && visible(desc)) label = text(desc);
                }
                if (!label) bad.push((c.outerHTML || '').slice(0, 160));
            }
            return bad;
        }"""
    )


def run_axe(page: Any, context_selector: Optional[str] = None) -> list[dict[str, Any]]:
    """axe-core's violations for the page (or a part of it), every rule at its defaults."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    return page.evaluate(
        """async (sel) => {
            const context = sel ? {include: [sel]} : document;
            const result = await window.axe.run(context, {resultTypes: ['violations']});
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html.slice(0, 200), summary: (n.failureSummary || '').slice(0, 300)})),
            }));
        }""",
        context_selector,
    )


# ---------------------------------------------------------------- the explorer (08)

EXPLORER_NOTEBOOK = "08_symptom_advice_matrix.ipynb"
CHECKER_TITLE = "The symptom checker"
MATRIX_TITLE = "The symptom-to-advice matrix"


def explorer_part(root: Any, title: str) -> Any:
    """One panel of the explorer, found by its visible heading."""
    return root.locator(".legpain-explorer").filter(has=root.page.locator("h4", has_text=_exact(title))).first


def banner_level(part: Any) -> Optional[str]:
    """The level of the banner in a panel ('self-care' ... 'emergency'), or None when there is none."""
    return part.evaluate(
        """el => { const b = el.querySelector('.legpain-banner');
                   if (!b) return null;
                   const c = Array.from(b.classList).find(k => k.startsWith('legpain-level-'));
                   return c ? c.slice('legpain-level-'.length) : '?'; }"""
    )
