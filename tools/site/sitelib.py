"""What lock.py and build_site.py share: the pins, the browser's platform, and reading wheels.

Needs the `packaging` library (it is in the site's build environment and in .venv).
"""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
import tomllib
import zipfile
from email.parser import Parser
from pathlib import Path
from typing import Any

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name, parse_wheel_filename

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
PINS = HERE / "pins.toml"
BROWSER_REQUIREMENTS = HERE / "browser-requirements.txt"
BUILD_REQUIREMENTS = HERE / "build-requirements.txt"
CACHE = ROOT / "build" / "site-cache"


class SiteError(RuntimeError):
    """The site cannot be built as pinned; the message says what to do."""


def load_pins() -> dict[str, Any]:
    return tomllib.loads(PINS.read_text(encoding="utf-8"))


def canonical(name: str) -> str:
    return str(canonicalize_name(name))


def browser_marker_env(python_full: str) -> dict[str, str]:
    """The PEP 508 environment of Pyodide in a browser (for requirement markers)."""
    short = ".".join(python_full.split(".")[:2])
    return {
        "implementation_name": "cpython",
        "implementation_version": python_full,
        "os_name": "posix",
        "platform_machine": "wasm32",
        "platform_release": "",
        "platform_system": "Emscripten",
        "platform_version": "",
        "python_full_version": python_full,
        "platform_python_implementation": "CPython",
        "python_version": short,
        "sys_platform": "emscripten",
        "extra": "",
    }


def browser_download_args(pins: dict[str, Any], repack_too: bool) -> list[str]:
    """pip download options that pick wheels for Pyodide (and, for repacking, a Linux wheel)."""
    browser = pins["browser"]
    abi = "cp" + browser["python"].replace(".", "")
    args = ["--only-binary=:all:", "--platform", browser["platform"], "--platform", "any"]
    if repack_too:
        args += ["--platform", browser["repack_platform"]]
    return args + ["--python-version", browser["python"], "--implementation", "cp", "--abi", abi, "--abi", "none"]


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def wheel_metadata(path: Path) -> Any:
    """The METADATA of a wheel, parsed (get_all('Requires-Dist') and so on)."""
    with zipfile.ZipFile(path) as whl:
        name = next(n for n in whl.namelist() if re.fullmatch(r"[^/]+\.dist-info/METADATA", n))
        return Parser().parsestr(whl.read(name).decode("utf-8"))


def wheel_name_version(path: Path) -> tuple[str, str]:
    name, version, _, _ = parse_wheel_filename(path.name)
    return canonical(name), str(version)


def browser_requirements(metadata: Any, env: dict[str, str]) -> list[Requirement]:
    """The Requires-Dist entries of a wheel that apply in the browser (no extras)."""
    found = []
    for line in metadata.get_all("Requires-Dist") or []:
        req = Requirement(line)
        if req.marker is None or req.marker.evaluate(env):
            found.append(req)
    return found


def top_level_imports(path: Path) -> list[str]:
    """The importable top-level names in a wheel (packages and modules), as Pyodide's lock lists them."""
    names = set()
    with zipfile.ZipFile(path) as whl:
        for entry in whl.namelist():
            first = entry.split("/", 1)[0]
            if first.endswith((".dist-info", ".data")):
                continue
            if "/" in entry:
                if entry.endswith("/__init__.py") and entry.count("/") == 1:
                    names.add(first)
            elif entry.endswith(".py"):
                names.add(entry[:-3])
    return sorted(names)


def read_hashed_requirements(path: Path) -> list[tuple[str, str, list[str], str]]:
    """(name, version, sha256 list, comment) for each `name==version --hash=...` entry of a file."""
    text = path.read_text(encoding="utf-8")
    entries = []
    for block in re.split(r"\n(?=\S)", text):
        match = re.match(r"([A-Za-z0-9_.\-]+)==([^\s;\\]+)", block)
        if not match:
            continue
        hashes = re.findall(r"--hash=sha256:([0-9a-f]{64})", block)
        comments = " ".join(c.strip() for c in re.findall(r"#([^\n]*)", block))
        entries.append((canonical(match.group(1)), match.group(2), hashes, comments))
    return entries


def run(cmd: list[str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
    """Run a command, echoing it; raise SiteError with its output when it fails."""
    print("+", " ".join(str(c) for c in cmd), flush=True)
    done = subprocess.run([str(c) for c in cmd], text=True, capture_output=True, **kwargs)
    if done.returncode != 0:
        raise SiteError(f"command failed ({done.returncode}): {' '.join(map(str, cmd))}\n{done.stdout[-4000:]}\n{done.stderr[-4000:]}")
    return done


def fail(message: str) -> None:
    print(f"site: {message}", file=sys.stderr)
    raise SystemExit(1)
