"""The site after the lessons: it still opens with no server, and nothing ever left the machine."""

from __future__ import annotations

import site_support as ss
from browser_support import lab
from browser_support.settings import STEP_TIMEOUT

FIRST_PAGE = "00_start_here.ipynb"


def test_the_copy_holds_the_whole_site(offline_site) -> None:
    assert offline_site.copy_status["kept"] == len(ss.site_files())
    assert not offline_site.server.is_up()


def test_opens_again_with_no_server(offline_site) -> None:
    """A third visit, in a new tab: the service worker is still there and the course still runs
    (JupyterLite replaces its service worker on a visit unless it noted the version before)."""
    page = offline_site.context.new_page()
    page.set_default_timeout(STEP_TIMEOUT)
    ss.OPEN_PAGES["third-visit"] = page
    try:
        page.goto(offline_site.server.url(""), wait_until="domcontentloaded", timeout=120_000)
        ss.wait_kernel_idle(page, FIRST_PAGE)
        run = lab.run_all(page)
        assert run["ok"] is True
        assert page.evaluate("() => !!navigator.serviceWorker.controller")
        status = ss.offline_copy_status(page)
        assert status is not None and status["kept"] == status["files"]
    finally:
        ss.OPEN_PAGES.pop("third-visit", None)
        page.close()


def test_no_request_left_the_machine(offline_site) -> None:
    assert offline_site.off_machine == [], "requests to other hosts (all were blocked)"


def test_no_console_errors(offline_site) -> None:
    assert offline_site.console_errors == [], "\n".join(offline_site.console_errors)
