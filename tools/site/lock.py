"""Resolve tools/site/pins.toml into the two hash-pinned requirement files that `make site` uses.

    make site-lock                                          # both files
    build/site-cache/venv/bin/python tools/site/lock.py browser    # only browser-requirements.txt
    build/site-cache/venv/bin/python tools/site/lock.py build      # only build-requirements.txt

browser-requirements.txt: every wheel the browser needs, found by following the requirements
of the pinned roots as they apply in Pyodide (sys_platform 'emscripten'), one `pip download
--no-deps` at a time, so that each file is the one Pyodide can load: a wasm wheel where PyPI has
one, else a pure-Python wheel (pip's own resolver would pick Linux wheels and Linux-only
requirements). build-requirements.txt: the build tools, resolved by uv for every platform, with
the hashes of every file of each release.

Run it after editing pins.toml, and commit the two files it writes with the change.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections import deque
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import sitelib as sl  # noqa: E402
from packaging.requirements import Requirement  # noqa: E402

UV = "uv==0.13.8"


def lock_browser(pins: dict) -> None:
    browser = pins["browser"]
    env = sl.browser_marker_env(browser["python_full"])
    skip = {sl.canonical(n) for n in [*browser["not_in_browser"], *browser["from_kernel"]]}
    repack = {sl.canonical(n) for n in browser["repack"]}
    work = sl.CACHE / "lock-downloads"
    shutil.rmtree(work, ignore_errors=True)
    chosen: dict[str, dict] = {}
    queue = deque((Requirement(spec), "pins.toml") for spec in browser["roots"])
    while queue:
        req, via = queue.popleft()
        name = sl.canonical(req.name)
        if name in skip:
            continue
        if name in chosen:
            if not req.specifier.contains(chosen[name]["version"], prereleases=True):
                raise sl.SiteError(f"{via} needs {req}, but {name}=={chosen[name]['version']} is pinned: change pins.toml")
            chosen[name]["via"].add(via)
            continue
        target = work / name
        spec = f"{req.name}{req.specifier}"
        sl.run([sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", "--dest", target,
                *sl.browser_download_args(pins, repack_too=name in repack), spec])
        (wheel,) = target.glob("*.whl")
        if name not in repack and not (wheel.name.endswith("-none-any.whl") or browser["platform"] in wheel.name):
            raise sl.SiteError(f"{wheel.name} is not a wheel for the browser: add {name} to repack or find another version")
        _, version = sl.wheel_name_version(wheel)
        chosen[name] = {"version": version, "sha256": sl.sha256(wheel), "file": wheel.name, "via": {via}}
        for dep in sl.browser_requirements(sl.wheel_metadata(wheel), env):
            queue.append((dep, name))
    lines = [
        "# The wheels of the browser version of the course, with their hashes.",
        "# Generated from tools/site/pins.toml by `make site-lock`: do not edit by hand.",
        f"# Pyodide {pins['pyodide']['version']}: CPython {browser['python_full']}, platform {browser['platform']}.",
        "",
    ]
    for name in sorted(chosen):
        item = chosen[name]
        lines.append(f"{name}=={item['version']} \\")
        lines.append(f"    --hash=sha256:{item['sha256']}")
        lines.append(f"    # {item['file']}")
        if name in repack:
            lines.append("    # repacked: only its pure-Python modules are shipped (no wasm wheel on PyPI)")
        lines.append("    # via " + ", ".join(sorted(item["via"])))
    sl.BROWSER_REQUIREMENTS.write_text("\n".join(lines) + "\n", encoding="utf-8")
    shutil.rmtree(work, ignore_errors=True)
    print(f"wrote {sl.BROWSER_REQUIREMENTS.relative_to(sl.ROOT)}: {len(chosen)} wheels")


def lock_build(pins: dict) -> None:
    venv = sl.CACHE / "lock-venv"
    uv = venv / "bin" / "uv"
    if not uv.exists():
        sl.run([sys.executable, "-m", "venv", venv])
        sl.run([venv / "bin" / "python", "-m", "pip", "install", "--quiet", UV])
    source = sl.CACHE / "build-requirements.in"
    source.write_text("\n".join(pins["build"]["requirements"]) + "\n", encoding="utf-8")
    sl.run([uv, "pip", "compile", source, "--generate-hashes", "--universal",
            "--python-version", pins["build"]["python"], "--quiet",
            "--custom-compile-command", "make site-lock",
            "--output-file", sl.BUILD_REQUIREMENTS], cwd=sl.ROOT)
    text = sl.BUILD_REQUIREMENTS.read_text(encoding="utf-8")
    # uv names its input by its path; name the file a reader should edit instead.
    text = text.replace(str(source), "tools/site/pins.toml").replace("build/site-cache/build-requirements.in", "tools/site/pins.toml")
    sl.BUILD_REQUIREMENTS.write_text(text, encoding="utf-8")
    print(f"wrote {sl.BUILD_REQUIREMENTS.relative_to(sl.ROOT)}")


def main(argv: list[str]) -> int:
    which = set(argv) or {"browser", "build"}
    pins = sl.load_pins()
    try:
        if "browser" in which:
            lock_browser(pins)
        if "build" in which:
            lock_build(pins)
    except (sl.SiteError, subprocess.SubprocessError) as exc:
        print(f"lock: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
