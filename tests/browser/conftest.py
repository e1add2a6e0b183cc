"""Fixtures for the real-browser tests: one Chromium, one JupyterLab and one Voila per session.

Where Chromium (or Playwright) is missing the tests are skipped with the reason, so
``make test`` still passes on a student's laptop; under CI (``CI=true``) a missing
browser is an error instead, never a skip.
"""

from __future__ import annotations

import os
import shutil
import time
from typing import Any, Iterator

import pytest

import browser_support as bs


def _missing_reason() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Python Playwright is not installed (pip install -e '.[test]')"
    if bs.find_chromium() is None:
        where = os.environ.get("LEGPAIN_CHROMIUM") or "/usr/bin/chromium"
        return (
            f"Chromium not found at {where} (install it with `make browser-deps` as root, "
            "or `apt-get install chromium`; or set LEGPAIN_CHROMIUM to a Chromium binary)"
        )
    return None


def _skip_or_fail(reason: str) -> None:
    if bs.in_ci():
        pytest.fail(f"CI=true, so the browser tests must run, but: {reason}", pytrace=False)
    pytest.skip(f"browser tests skipped: {reason}")


@pytest.fixture(scope="session")
def chromium_path() -> str:
    reason = _missing_reason()
    if reason:
        _skip_or_fail(reason)
    return bs.find_chromium()  # type: ignore[return-value]


@pytest.fixture(scope="session")
def browser(chromium_path: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = bs.launch_browser(playwright, chromium_path)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="session")
def workdir(chromium_path: str) -> Iterator[Any]:
    work = bs.make_workdir()
    try:
        yield work
    finally:
        for _ in range(5):  # kernels may still be writing their last files
            shutil.rmtree(work, ignore_errors=True)
            if not work.exists():
                break
            time.sleep(1)


@pytest.fixture(scope="session")
def lab_server(workdir: Any) -> Iterator[bs.Server]:
    server = bs.start_lab(workdir)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def voila_server(workdir: Any) -> Iterator[bs.Server]:
    server = bs.start_voila(workdir)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def axe_path(chromium_path: str) -> str:
    if not bs.AXE_JS.is_file():
        _skip_or_fail(f"axe-core not found at {bs.AXE_JS.relative_to(bs.ROOT)} (run `make browser-deps`, which needs npm)")
    return str(bs.AXE_JS)


# ---------------------------------------------------------------- screenshots on failure

@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: Any, call: Any) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()
    if report.failed and report.when in ("setup", "call"):
        saved = []
        for label, page in list(bs.OPEN_PAGES.items()):
            try:
                if not page.is_closed():
                    saved += bs.save_artifacts(page, f"{item.name}-{label}")
            except Exception:
                pass
        if saved:
            report.sections.append(("browser artifacts", "\n".join(str(p.relative_to(bs.ROOT)) for p in saved)))
