"""A student's progress in the browser version: the record is a file in the kernel's folder (``/drive``,
the site's files, which JupyterLite keeps in the browser's storage), it is still there after a reload,
and the start page counts a wrong answer, asks it in the revision round, and takes it out after
right answers on two days (the scenario: tests/browser/browser_support/progress_round.py).

The test has a browser context of its own (its own storage, so the answers of the lesson tests do
not count here) and a server of its own, on the same Chromium as the other site tests.
"""

from __future__ import annotations

import json
from typing import Any

import site_support as ss
from browser_support import progress_round
from browser_support.settings import STEP_TIMEOUT, VIEWPORT
from legpain.progress import store

READ = f"print(open({store.FILE_NAME!r}, encoding='utf-8').read())"
# The file as JupyterLite's contents (the browser's storage) hold it: text, JSON or base64.
IN_STORAGE_JS = """async name => {
  const model = await window.jupyterapp.serviceManager.contents.get(name, {content: true});
  let text = model.content;
  if (model.format === 'base64') text = new TextDecoder().decode(Uint8Array.from(atob(model.content), c => c.charCodeAt(0)));
  else if (typeof text !== 'string') text = JSON.stringify(text);
  return {format: model.format, text};
}"""


def test_the_record_is_kept_in_the_browser_and_the_round_works(offline_site: Any) -> None:
    server = ss.SiteServer()
    context = offline_site.context.browser.new_context(viewport=VIEWPORT)
    try:
        off_machine = ss.record_off_machine(context)
        page = context.new_page()
        page.set_default_timeout(STEP_TIMEOUT)
        page.on("dialog", lambda dialog: dialog.accept())
        ss.OPEN_PAGES["progress"] = page
        loaded = {"app": False}

        def open_and_run(name: str) -> None:
            if loaded["app"]:
                ss.open_notebook(page, name)
            else:
                ss.open_site(page, server, name)
                loaded["app"] = True
            # The kernel works in the site's files, which the browser keeps: /drive, not /home/pyodide.
            assert progress_round.kernel_run(page, "import os; print(os.getcwd())").strip() == "/drive"
            ss.run_all_and_wait(page)

        def reload() -> None:
            page.reload(wait_until="domcontentloaded", timeout=120_000)
            page.wait_for_function("() => !!(window.jupyterapp && window.jupyterapp.serviceManager)", timeout=120_000)
            # Still there after the reload, in the browser's storage for the site, without any kernel.
            stored = page.evaluate(IN_STORAGE_JS, store.FILE_NAME)
            assert stored["text"], f"the file is empty in the browser's storage (format {stored['format']})"
            kept = json.loads(stored["text"])
            assert kept["format"] == store.FORMAT and any(e["kind"] == "answer" for e in kept["events"])
            loaded["app"] = False  # the start page is opened by its address, as a student follows a link

        front = progress_round.Front(
            open_and_run=open_and_run,
            close=lambda: ss.close_notebook(page),
            reload=reload,
            read_record=lambda: progress_round.kernel_run(page, READ),
            write_record=lambda text: progress_round.kernel_run(page, f"open({store.FILE_NAME!r}, 'w', encoding='utf-8').write({text!r})"),
        )
        progress_round.play(page, front)
        assert off_machine == []
    finally:
        ss.OPEN_PAGES.pop("progress", None)
        context.close()
        server.stop()
