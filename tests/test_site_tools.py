"""The browser version's build (tools/site/) is pinned consistently, without building it.

`make site` and `make test-site` build and test the site itself; these checks are quick and catch
a pins.toml edited without `make site-lock`, and a runtime dependency of legpain that the browser
would not get.
"""

from __future__ import annotations

import re
import tomllib

from conftest import ROOT
from test_dependencies import canonical, local_names, runtime, third_party_imports

SITE_TOOLS = ROOT / "tools" / "site"
PINS = tomllib.loads((SITE_TOOLS / "pins.toml").read_text(encoding="utf-8"))


def pinned(path) -> dict[str, str]:
    """name -> version for each `name==version` entry of a hash-pinned requirements file."""
    text = path.read_text(encoding="utf-8")
    found = {canonical(m.group(1)): m.group(2) for m in re.finditer(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)", text, re.M)}
    assert found, f"no pins in {path.name}"
    return found


def exact(spec: str) -> tuple[str, str]:
    match = re.fullmatch(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)\s*", spec)
    assert match, f"pins.toml: {spec!r} is not pinned as name==version"
    return canonical(match.group(1)), match.group(2)


def test_every_pinned_file_has_hashes():
    for name in ("browser-requirements.txt", "build-requirements.txt"):
        text = (SITE_TOOLS / name).read_text(encoding="utf-8")
        for block in re.split(r"\n(?=[A-Za-z0-9])", text):
            if re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*==", block):
                assert re.search(r"--hash=sha256:[0-9a-f]{64}", block), f"{name}: no hash for {block.splitlines()[0]}"


def test_lock_files_follow_pins_toml():
    browser = pinned(SITE_TOOLS / "browser-requirements.txt")
    build = pinned(SITE_TOOLS / "build-requirements.txt")
    for spec in PINS["browser"]["roots"]:
        name, version = exact(spec)
        assert browser.get(name) == version, f"pins.toml pins {name}=={version} for the browser; run `make site-lock`"
    for spec in PINS["build"]["requirements"]:
        name, version = exact(spec)
        assert build.get(name) == version, f"pins.toml pins {name}=={version} for the build; run `make site-lock`"


def test_every_runtime_dependency_reaches_the_browser():
    """A package legpain needs at run time is shipped to the browser, or the build says why not."""
    shipped = set(pinned(SITE_TOOLS / "browser-requirements.txt")) | {canonical(n) for n in PINS["browser"]["from_kernel"]}
    excluded = {canonical(n) for n in PINS["browser"]["not_in_browser"]}
    missing = sorted(runtime() - shipped - excluded)
    assert not missing, (
        f"legpain needs {missing} at run time, but the browser version does not get them: add them to "
        "[browser] roots in tools/site/pins.toml (then `make site-lock`), if they have a wheel for Pyodide"
    )


def test_site_tools_import_only_their_pinned_packages():
    local = local_names(ROOT / "src", ROOT / "tools")
    build = set(pinned(SITE_TOOLS / "build-requirements.txt"))
    imported = third_party_imports(SITE_TOOLS, local)
    undeclared = {d: [f"{w}:{line}" for w, line, _ in uses] for d, uses in imported.items() if d not in build}
    assert not undeclared, f"tools/site imports packages that build-requirements.txt does not pin: {undeclared}"
