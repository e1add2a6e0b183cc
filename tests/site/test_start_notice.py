"""While a lesson's Python starts in the browser, the lesson says so at its top, how long it takes
and what to do if it never finishes; the box goes when the kernel is ready. The start page also
keeps a short note on what the browser version is. (The words come from tools/site/build_site.py.)

These tests open new tabs in the browser of the other site tests, after its server was switched off:
the notice works from the offline copy too.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest

import site_support as ss
from browser_support.settings import STEP_TIMEOUT

FIRST_PAGE = "00_start_here.ipynb"
SECOND_LESSON = "01_pelvic_girdle_pain.ipynb"
NOTICE = ".legpain-start-notice"
NOTE = ".legpain-site-note"

# The boxes of the notebook `name`, in the order they sit above its first cell.
BOXES_JS = """name => {
    const app = window.jupyterapp;
    if (!app || !app.shell) return null;
    const panel = Array.from(app.shell.widgets('main')).find(w => w.context && w.context.path === name);
    if (!panel) return null;
    const top = panel.content.node.querySelector(':scope > .jp-WindowedPanel-outer') || panel.content.node;
    const boxes = Array.from(top.children).filter(e => e.matches('.legpain-start-notice, .legpain-site-note'));
    const firstCell = top.querySelector('.jp-Cell');
    return boxes.map(e => ({
        kind: e.classList.contains('legpain-start-notice') ? 'notice' : 'note',
        text: e.innerText, role: e.getAttribute('role'), live: e.getAttribute('aria-live'),
        above_first_cell: !!firstCell && !!(e.compareDocumentPosition(firstCell) & Node.DOCUMENT_POSITION_FOLLOWING),
        visible: e.getBoundingClientRect().height > 0,
    }));
}"""


KERNEL_IDLE_JS = """() => { const w = window.jupyterapp.shell.currentWidget;
    const k = w.sessionContext.session && w.sessionContext.session.kernel; return !!k && k.status === 'idle'; }"""
ACTIVATE_JS = """name => window.jupyterapp.shell.activateById(
    Array.from(window.jupyterapp.shell.widgets('main')).find(w => w.context && w.context.path === name).id)"""


def boxes(page: Any, name: str) -> list[dict[str, Any]]:
    return page.evaluate(BOXES_JS, name) or []


def kinds(page: Any, name: str) -> list[str]:
    return [b["kind"] for b in boxes(page, name)]


def wait_for_kind(page: Any, name: str, kind: str, present: bool, timeout_ms: int) -> None:
    page.wait_for_function(
        f"name => {{ const b = ({BOXES_JS})(name); return !!b && b.some(x => x.kind === '{kind}') === {json.dumps(present)}; }}",
        arg=name, timeout=timeout_ms, polling=100,
    )


@pytest.fixture(scope="module")
def start_page(offline_site: Any) -> Iterator[dict[str, Any]]:
    """A new tab on the start page, with what it showed while its kernel started."""
    page = offline_site.context.new_page()
    page.set_default_timeout(STEP_TIMEOUT)
    ss.OPEN_PAGES["start-notice"] = page
    try:
        page.goto(offline_site.server.url(f"lab/index.html?path={FIRST_PAGE}"), wait_until="domcontentloaded", timeout=120_000)
        wait_for_kind(page, FIRST_PAGE, "notice", True, 60_000)
        while_starting = boxes(page, FIRST_PAGE)
        kernel_ready = page.evaluate(KERNEL_IDLE_JS)
        ss.wait_kernel_idle(page, FIRST_PAGE)
        yield {"page": page, "while_starting": while_starting, "ready_when_seen": kernel_ready}
    finally:
        ss.OPEN_PAGES.pop("start-notice", None)
        page.close()


def test_the_notice_shows_while_python_starts(start_page: dict[str, Any]) -> None:
    assert start_page["ready_when_seen"] is False, "the notice was seen only after the kernel was ready"
    notice = next(b for b in start_page["while_starting"] if b["kind"] == "notice")
    assert notice["visible"] and notice["above_first_cell"], notice
    assert notice["role"] == "status" and notice["live"] == "polite", "screen readers must hear the notice"
    text = notice["text"]
    assert "Python is starting in your browser" in text
    assert re.search(r"up to \d+ seconds", text), f"the notice says how long it takes: {text!r}"
    assert re.search(r"still here after \d+ minutes, reload the page", text), f"and what to do if it never finishes: {text!r}"
    assert re.search(r"Waiting for \d+ s\.", text), f"and how long the student has waited: {text!r}"


def test_the_notice_goes_when_the_kernel_is_ready(start_page: dict[str, Any]) -> None:
    page = start_page["page"]
    wait_for_kind(page, FIRST_PAGE, "notice", False, 5_000)  # checked every 250 ms
    assert "notice" not in kinds(page, FIRST_PAGE)


def test_the_start_page_explains_the_browser_version_once(start_page: dict[str, Any]) -> None:
    page = start_page["page"]
    notes = [b for b in boxes(page, FIRST_PAGE) if b["kind"] == "note"]
    assert len(notes) == 1, f"one note on the start page, not {len(notes)}"
    note = notes[0]
    assert note["visible"] and note["above_first_cell"]
    assert "runs in your web browser" in note["text"]
    assert re.search(r"up to \d+ seconds", note["text"]) and "reload the page" in note["text"]
    assert [b["kind"] for b in start_page["while_starting"]].count("note") == 1, "the note is there from the start too"


def test_a_second_lesson_shows_the_notice_and_no_note(start_page: dict[str, Any]) -> None:
    page = start_page["page"]
    page.evaluate("async name => { await window.jupyterapp.commands.execute('docmanager:open', {path: name}); return true; }", SECOND_LESSON)
    wait_for_kind(page, SECOND_LESSON, "notice", True, 60_000)
    assert "note" not in kinds(page, SECOND_LESSON), "the note on the browser version is for the start page only"
    ss.wait_kernel_idle(page, SECOND_LESSON)
    wait_for_kind(page, SECOND_LESSON, "notice", False, 5_000)
    ss.close_notebook(page)


def test_the_notice_script_is_in_the_site_and_its_offline_copy() -> None:
    html = (ss.SITE / "lab" / "index.html").read_text(encoding="utf-8")
    assert '<script src="../legpain-start-notice.js"></script>' in html
    assert "legpain-start-notice.js" in ss.site_files()
    script = (ss.SITE / "legpain-start-notice.js").read_text(encoding="utf-8")
    assert "__NOTICE__" not in script, "the build fills in the notice's words"


RUN_JS = """async code => { const k = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
    let text = ''; const future = k.requestExecute({code, silent: false, store_history: false});
    future.onIOPub = m => { if (m.header.msg_type === 'stream') text += m.content.text;
                            if (m.header.msg_type === 'error') text += m.content.ename + ': ' + m.content.evalue; };
    await future.done; return text; }"""


def test_python_looks_in_the_notebook_folder_last(start_page: dict[str, Any]) -> None:
    """The notebook's folder ('') lives in the page: looking there first made every import at start
    a request to the page. build_site.py's sitecustomize moves it to the end of sys.path."""
    page = start_page["page"]
    page.evaluate(ACTIVATE_JS, FIRST_PAGE)
    out = page.evaluate(RUN_JS, "import os, sys, json\nprint(json.dumps([sys.path.index(''), len(sys.path), os.getcwd()]))")
    index, length, cwd = json.loads(out.strip().splitlines()[-1])
    assert cwd.startswith("/drive"), f"the kernel works in the notebook's folder, not {cwd}"
    assert index == length - 1, f"'' is at {index} of {length} entries of sys.path: it should be last"
