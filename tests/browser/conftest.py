"""Fixtures for the real-browser tests: one Chromium, one JupyterLab and one Voila per session
(`make test-browser` runs two sessions side by side with pytest-xdist; see xdist_group_of below).

The browser is pytest-playwright's ``browser`` fixture, launched with Debian's Chromium (never
one that Playwright downloads). Each notebook gets its own browser context and page, kept for
all the tests of that notebook (a Run All is slow); when a test fails, a full-page screenshot
and the HTML of every open page go to its folder under pytest-playwright's ``--output``
(``test-results/`` unless told otherwise).

Where Chromium (or Playwright) is missing the tests are skipped with the reason, so
``make test`` still passes on a student's laptop; under CI (``CI=true``) a missing
browser is an error instead, never a skip.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, ContextManager, Iterator

import pytest

from browser_support import chromium, servers
from browser_support.pages import save_page
from browser_support.settings import AXE_JS, ROOT, STEP_TIMEOUT, VIEWPORT


def _missing_reason(config: pytest.Config) -> str | None:
    if importlib.util.find_spec("playwright") is None or not config.pluginmanager.has_plugin("playwright"):
        return "Playwright or pytest-playwright is not installed (pip install -e '.[test]')"
    if chromium.find_chromium() is None:
        where = os.environ.get("LEGPAIN_CHROMIUM") or "/usr/bin/chromium"
        return (
            f"Chromium not found at {where} (install it with `make browser-deps` as root, "
            "or `apt-get install chromium`; or set LEGPAIN_CHROMIUM to a Chromium binary)"
        )
    return None


def _skip_or_fail(reason: str) -> None:
    if chromium.in_ci():
        pytest.fail(f"CI=true, so the browser tests must run, but: {reason}", pytrace=False)
    pytest.skip(f"browser tests skipped: {reason}")


@pytest.fixture(scope="session")
def chromium_path(pytestconfig: pytest.Config) -> str:
    reason = _missing_reason(pytestconfig)
    if reason:
        _skip_or_fail(reason)
    return chromium.find_chromium()  # type: ignore[return-value]


class _WithoutPlaywright:
    """Stands in for pytest-playwright's fixtures when it is missing: chromium_path skips or fails."""

    @pytest.fixture(scope="session")
    def browser(self, chromium_path: str) -> None: ...

    @pytest.fixture(scope="session")
    def browser_type_launch_args(self) -> dict[str, Any]:
        return {}

    @pytest.fixture(scope="session")
    def browser_context_args(self) -> dict[str, Any]:
        return {}


def pytest_configure(config: pytest.Config) -> None:
    # pytest-playwright's own base_url fixture is written in a way pytest 9 warns about; not ours to fix.
    config.addinivalue_line("filterwarnings", "ignore:Session-scoped fixtures defined as instance methods:pytest.PytestRemovedIn10Warning")
    if not config.pluginmanager.has_plugin("playwright"):
        config.pluginmanager.register(_WithoutPlaywright(), "legpain-without-playwright")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any], chromium_path: str) -> dict[str, Any]:
    """pytest-playwright's launch options (--headed, --slowmo ...), with Debian's Chromium and its flags."""
    return {**browser_type_launch_args, **chromium.launch_options(chromium_path)}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, "viewport": VIEWPORT}


@pytest.fixture(scope="session")
def new_page(browser: Any, browser_context_args: dict[str, Any]) -> Callable[[], ContextManager[Any]]:
    """``with new_page() as page:`` a page in a browser context of its own, closed afterwards."""

    @contextmanager
    def opened() -> Iterator[Any]:
        context = browser.new_context(**browser_context_args)
        context.set_default_timeout(STEP_TIMEOUT)
        try:
            yield context.new_page()
        finally:
            context.close()

    return opened


@pytest.fixture(scope="session")
def workdir(chromium_path: str) -> Iterator[Path]:
    work = servers.make_workdir()
    try:
        yield work
    finally:
        servers.remove_workdir(work)


@pytest.fixture(scope="session")
def lab_server(workdir: Path) -> Iterator[servers.Server]:
    with servers.start_lab(workdir) as server:
        yield server


@pytest.fixture(scope="session")
def voila_server(workdir: Path) -> Iterator[servers.Server]:
    with servers.start_voila(workdir) as server:
        yield server


@pytest.fixture(scope="session")
def axe_path(chromium_path: str) -> str:
    if not AXE_JS.is_file():
        _skip_or_fail(f"axe-core not found at {AXE_JS.relative_to(ROOT)} (run `make browser-deps`, which needs npm)")
    return str(AXE_JS)


# ---------------------------------------------------------------- two workers (pytest-xdist)

# Module-scoped fixtures that cost next to nothing: a test that shares only these with its
# neighbours may run on either worker.
CHEAP_SHARED_FIXTURES = {"projector_context"}
# Every Voila started as `make voila` starts it serves build/voila/, which `make voila-lessons`
# deletes and builds again: those tests run one after another, on one worker.
MAKE_VOILA_FIXTURES = {"class_voila"}


def xdist_group_of(item: pytest.Item) -> str | None:
    """Which tests must run together on one worker (`make test-browser` runs two, ``--dist loadgroup``).

    - every test that starts Voila over build/voila/ (see MAKE_VOILA_FIXTURES);
    - the tests that share a module-scoped fixture (a notebook that was run once for all of them, a
      set of slide decks, a server), and, when that fixture is parametrised, the tests of one of
      its values (one notebook): each notebook is then run once, on one worker;
    - any other test (None) goes wherever a worker is free.

    Each worker starts its own JupyterLab and Voila (session fixtures, free ports, a folder each).
    """
    names = set(getattr(item, "fixturenames", ()))
    if names & MAKE_VOILA_FIXTURES:
        return "make-voila"
    info = getattr(item, "_fixtureinfo", None)
    if info is None:
        return None
    shared = sorted(
        name for name in names - CHEAP_SHARED_FIXTURES
        if (defs := info.name2fixturedefs.get(name)) and defs[-1].scope in ("module", "class", "package")
    )
    if not shared:
        return None
    params = getattr(getattr(item, "callspec", None), "params", {})
    values = [f"{name}={params[name]}" for name in shared if name in params]
    return "::".join([item.nodeid.split("::")[0], *values])


GROUPS_KEY = "legpain_groups_file"  # where the workers write which group each test is in
_groups_file: list[Path] = []  # in the controller: that file, once made


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the groups
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not config.pluginmanager.hasplugin("xdist"):
        return
    groups = {}
    for item in items:
        group = xdist_group_of(item)
        if group is not None:
            item.add_marker(pytest.mark.xdist_group(group))
            groups[item.nodeid] = group
    # pytest-xdist's own loadgroup renames each test after its group, which pytest 9 no longer
    # allows; so the workers write the groups down and the scheduler below reads them.
    path = getattr(config, "workerinput", {}).get(GROUPS_KEY)
    if path:
        partial = Path(f"{path}.{config.workerinput['workerid']}")  # type: ignore[attr-defined]
        partial.write_text(json.dumps(groups), encoding="utf-8")
        partial.replace(path)


@pytest.hookimpl(optionalhook=True)  # pytest-xdist's hooks: unknown without it
def pytest_configure_node(node: Any) -> None:
    """(pytest-xdist, in the controller) Tell each worker where to write the groups."""
    if not _groups_file:
        _groups_file.append(Path(tempfile.mkdtemp(prefix="legpain-xdist-")) / "groups.json")
    node.workerinput[GROUPS_KEY] = str(_groups_file[0])


def pytest_unconfigure(config: pytest.Config) -> None:
    for path in _groups_file:
        shutil.rmtree(path.parent, ignore_errors=True)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """``--dist loadgroup``: each group of tests (see xdist_group_of) goes to one worker, whole."""
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadGroupScheduling

    class CourseGroups(LoadGroupScheduling):
        groups: dict[str, str] | None = None

        def _split_scope(self, nodeid: str) -> str:
            if self.groups is None:
                path = _groups_file[0] if _groups_file else None
                self.groups = json.loads(path.read_text(encoding="utf-8")) if path and path.is_file() else {}
            return self.groups.get(nodeid) or super()._split_scope(nodeid)

    return CourseGroups(config, log)


# ---------------------------------------------------------------- screenshots on failure

@pytest.fixture(autouse=True)
def artifacts_folder(request: pytest.FixtureRequest) -> Path | None:
    """pytest-playwright's folder for this test's artifacts (for tests that use the browser)."""
    if "browser" in request.fixturenames and request.config.pluginmanager.has_plugin("playwright"):
        return Path(request.getfixturevalue("output_path"))
    return None


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: Any, call: Any) -> Iterator[None]:
    """When a test fails, save every page open in the browser to the test's artifacts folder."""
    outcome = yield
    report = outcome.get_result()
    browser, folder = item.funcargs.get("browser"), item.funcargs.get("artifacts_folder")
    if not (report.failed and report.when in ("setup", "call")) or browser is None or folder is None:
        return
    pages = [page for context in browser.contexts for page in context.pages if not page.is_closed()]
    saved = [path for index, page in enumerate(pages, 1) for path in save_page(page, folder, f"page-{index}")]
    if saved:
        report.sections.append(("browser artifacts", "\n".join(str(p.relative_to(ROOT) if p.is_relative_to(ROOT) else p) for p in saved)))
