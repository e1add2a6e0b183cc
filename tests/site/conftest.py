"""Fixtures for the tests of the browser version of the course (build/site/, made by `make site`).

One Chromium and one page for the whole run, as a student uses the site: the first visit is online
(it opens the start page and lets the service worker copy the site); then the server is switched
off, the page is reloaded, and every lesson is run from the copy in the browser. Every request to
a host other than 127.0.0.1 is blocked from the start.

Where Chromium, Playwright or the site is missing the tests are skipped with the reason; under CI
(CI=true) that is a failure instead.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any, Iterator

import pytest

import site_support as ss
from browser_support import chromium
from browser_support.settings import ROOT, STEP_TIMEOUT, VIEWPORT

FIRST_PAGE = "00_start_here.ipynb"


def _skip_or_fail(reason: str) -> None:
    if chromium.in_ci():
        pytest.fail(f"CI=true, so the site tests must run, but: {reason}", pytrace=False)
    pytest.skip(f"site tests skipped: {reason}")


@pytest.fixture(scope="session")
def chromium_path() -> str:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        _skip_or_fail("Python Playwright is not installed (pip install -e '.[test]')")
    found = chromium.find_chromium()
    if found is None:
        _skip_or_fail("Chromium not found (install it with `make browser-deps` as root, or set LEGPAIN_CHROMIUM)")
    if not (ss.SITE / "index.html").is_file():
        _skip_or_fail("build/site/ holds no site (run `make site`; `make test-site` builds it first)")
    return found  # type: ignore[return-value]


@dataclass
class OfflineSite:
    """The page after its first, online visit, with the server switched off since."""

    page: Any
    context: Any
    server: ss.SiteServer
    copy_status: dict[str, Any]
    first_visit_seconds: float
    off_machine: list[str]
    console_errors: list[str] = field(default_factory=list)


@pytest.fixture(scope="session")
def offline_site(chromium_path: str) -> Iterator[OfflineSite]:
    from playwright.sync_api import sync_playwright

    server = ss.SiteServer()
    try:
        with sync_playwright() as playwright:
            browser = ss.launch(playwright, chromium_path)
            try:
                context = browser.new_context(viewport=VIEWPORT)
                off_machine = ss.record_off_machine(context)
                page = context.new_page()
                page.set_default_timeout(STEP_TIMEOUT)
                errors: list[str] = []
                page.on("console", lambda m: errors.append(f"{m.text[:300]} ({m.location.get('url', '')})") if m.type == "error" else None)
                page.on("requestfailed", lambda r: errors.append(f"request failed: {r.url} ({r.failure})"))
                page.on("pageerror", lambda e: errors.append(f"uncaught: {str(e)[:300]}"))
                ss.OPEN_PAGES["site"] = page
                # Visit 1, online: the site's front door leads to the start page, whose kernel starts.
                started = time.monotonic()
                page.goto(server.url(""), wait_until="domcontentloaded", timeout=120_000)
                ss.wait_kernel_idle(page, FIRST_PAGE)
                first_visit = time.monotonic() - started
                status = ss.wait_offline_copy(page)
                expected = len(ss.site_files())
                if status.get("files") != expected or status.get("kept") != expected:
                    pytest.fail(f"after the first visit the service worker keeps {status.get('kept')} of "
                                f"{status.get('files')} files; the site has {expected}", pytrace=False)
                # Then no network at all: the server stops, and the page is loaded again.
                server.stop()
                assert not server.is_up(), "the site's server still answers after it was stopped"
                page.reload(wait_until="domcontentloaded", timeout=120_000)
                ss.wait_kernel_idle(page, FIRST_PAGE)
                yield OfflineSite(page, context, server, status, first_visit, off_machine, errors)
            finally:
                ss.OPEN_PAGES.pop("site", None)
                browser.close()
    finally:
        server.stop()


# ---------------------------------------------------------------- screenshots on failure

@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: Any, call: Any) -> Iterator[None]:
    """When a test fails, save the site's open pages to test-results/site/<test>/."""
    outcome = yield
    report = outcome.get_result()
    if report.failed and report.when in ("setup", "call"):
        saved = ss.save_open_pages(item.name)
        if saved:
            report.sections.append(("browser artifacts", "\n".join(str(p.relative_to(ROOT)) for p in saved)))
