"""Build build/site/: the whole course as a JupyterLite site that runs offline in the browser.

    make site            (runs: build/site-cache/venv/bin/python tools/site/build_site.py)
    make site-floor      (runs: ... build_site.py --floor): build/site-floor, the benchmark's bare
                         site (the same Pyodide and kernel, none of the course's packages)

What goes in, all pinned in tools/site/ and checked against its hash before use:
  * Pyodide's core from npm (`npm pack`), checked against pins.toml's sha512 integrity;
  * the browser's wheels from PyPI (`pip download --require-hashes`, browser-requirements.txt);
    PyYAML and MarkupSafe have no wasm wheel, so only their Python files are repacked;
  * the legpain wheel, built here, with the course data inside it;
  * every lesson notebook, notebooks/[0-9][0-9]_*.ipynb, found at build time.
Nothing is fetched from the internet at run time: the kernel loads only the wheels listed in the
site's own pyodide-lock.json, and `disablePyPIFallback` stops it asking PyPI for anything else.

Downloads are kept in build/site-cache/ and reused by the next build. The site is written to
build/site/ and zipped to build/legpain-course-site.zip (for a static web host).

Must run in the site's build environment (build/site-cache/venv, made by `make site`).
"""

from __future__ import annotations

import base64
import fnmatch
import hashlib
import json
import os
import shutil
import sys
import tarfile
import time
import zipfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import sitelib as sl  # noqa: E402

OUT = sl.ROOT / "build" / "site"
FLOOR_OUT = sl.ROOT / "build" / "site-floor"  # `--floor`: the benchmark's bare site
FLOOR_PAGE = "blank.ipynb"
ZIP = sl.ROOT / "build" / "legpain-course-site.zip"
NOTEBOOKS = sl.ROOT / "notebooks"
LESSON_GLOB = "[0-9][0-9]_*.ipynb"
FIRST_PAGE = "00_start_here.ipynb"
KERNEL_SETTINGS = "@jupyterlite/pyodide-kernel-extension:kernel"
FIXED_DATE = (2020, 1, 1, 0, 0, 0)  # in repacked wheels, so that the same input gives the same file


def log(message: str) -> None:
    print(f"site: {message}", flush=True)


# ---------------------------------------------------------------- Pyodide from npm


def npm_integrity(path: Path) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(path.read_bytes()).digest()).decode()


def pyodide_core(pins: dict[str, Any]) -> Path:
    """The folder with Pyodide's core files, from the cached (or freshly packed) npm tarball."""
    version, integrity = pins["pyodide"]["version"], pins["pyodide"]["integrity"]
    npm_dir = sl.CACHE / "npm"
    tarball = npm_dir / f"pyodide-{version}.tgz"
    if not tarball.exists() or npm_integrity(tarball) != integrity:
        if shutil.which("npm") is None:
            raise sl.SiteError("npm is needed to fetch Pyodide (apt-get install npm, or install Node.js)")
        npm_dir.mkdir(parents=True, exist_ok=True)
        tarball.unlink(missing_ok=True)
        sl.run(["npm", "pack", f"pyodide@{version}", "--pack-destination", npm_dir, "--silent"])
    found = npm_integrity(tarball)
    if found != integrity:
        tarball.unlink()
        raise sl.SiteError(f"pyodide-{version}.tgz from npm has integrity {found}, but pins.toml says {integrity}")
    core = sl.CACHE / f"pyodide-{version}"
    if not core.exists():
        staging = sl.CACHE / f"pyodide-{version}.partial"
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir(parents=True)
        with tarfile.open(tarball) as tar:
            for name in [*pins["pyodide"]["files"], "pyodide-lock.json"]:
                member = tar.getmember(f"package/{name}")
                with tar.extractfile(member) as src, open(staging / name, "wb") as dst:  # type: ignore[union-attr]
                    shutil.copyfileobj(src, dst)
        staging.rename(core)
    return core


# Added to Pyodide's standard library (python_stdlib.zip) for the course's site (not the floor).
# The kernel works in /drive, the notebook folder, which JupyterLite serves from the page: every
# look-up there is a request from the kernel's worker to the page (about 7 ms, more while the
# page is busy). Python starts with '' (that folder) first on sys.path, so every import, of the
# standard library too, looked there first. The lessons import nothing from their folder, so ''
# goes to the end: a module of the folder can still be imported, after the installed ones.
SITECUSTOMIZE = b'''"""The browser version of the course: look in the notebook folder last (see tools/site/build_site.py).

Python puts '' first on sys.path after this module has run, so a finder moves it to the end on the
first import after that, once, and then only steps aside.
"""
import sys


class _NotebookFolderLast:
    done = False

    @classmethod
    def find_spec(cls, name, path=None, target=None):
        if not cls.done and sys.path and sys.path[0] == "":
            sys.path.remove("")
            sys.path.append("")
            cls.done = True
        return None


sys.meta_path.insert(0, _NotebookFolderLast)
'''


def stdlib_with_sitecustomize(stage: Path) -> None:
    """Pyodide's python_stdlib.zip with sitecustomize.py added (same date every time)."""
    path = stage / "python_stdlib.zip"
    with zipfile.ZipFile(path) as src:
        if "sitecustomize.py" in src.namelist():
            raise sl.SiteError("Pyodide's standard library already has a sitecustomize.py: see SITECUSTOMIZE in build_site.py")
        members = [(info, src.read(info)) for info in src.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info, data in members:
            out.writestr(info, data)
        info = zipfile.ZipInfo("sitecustomize.py", FIXED_DATE)
        info.external_attr = 0o644 << 16
        info.compress_type = zipfile.ZIP_DEFLATED
        out.writestr(info, SITECUSTOMIZE)


# ---------------------------------------------------------------- wheels from PyPI


def cached_wheels(entries: list[tuple[str, str, list[str], str]], folder: Path) -> dict[str, Path]:
    """The cached file for each pinned wheel whose hash matches (name -> path)."""
    by_hash = {}
    for path in folder.glob("*.whl"):
        by_hash[sl.sha256(path)] = path
    found = {}
    for name, _version, hashes, _comment in entries:
        for digest in hashes:
            if digest in by_hash:
                found[name] = by_hash[digest]
    return found


def browser_wheels(pins: dict[str, Any]) -> dict[str, Path]:
    """Every wheel of browser-requirements.txt, downloaded once and hash-checked (name -> path)."""
    entries = sl.read_hashed_requirements(sl.BROWSER_REQUIREMENTS)
    folder = sl.CACHE / "wheels"
    folder.mkdir(parents=True, exist_ok=True)
    found = cached_wheels(entries, folder)
    if len(found) < len(entries):
        missing = sorted({name for name, *_ in entries} - set(found))
        log(f"downloading {len(missing)} wheels from PyPI: {', '.join(missing)}")
        sl.run([sys.executable, "-m", "pip", "download", "--no-deps", "--require-hashes", "--quiet",
                "--dest", folder, *sl.browser_download_args(pins, repack_too=True), "-r", sl.BROWSER_REQUIREMENTS])
        found = cached_wheels(entries, folder)
    missing = sorted({name for name, *_ in entries} - set(found))
    if missing:
        raise sl.SiteError(f"no wheel with the pinned hash for: {', '.join(missing)}")
    return found


def _write_wheel(target: Path, info_dir: str, members: list[tuple[str, bytes]]) -> None:
    """Write a wheel from its files, with a new RECORD and a fixed date (same input, same file)."""
    records = []
    for entry, data in members:
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        records.append(f"{entry},sha256={digest},{len(data)}")
    records.append(f"{info_dir}/RECORD,,")
    members = [*members, (f"{info_dir}/RECORD", ("\n".join(records) + "\n").encode())]
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for entry, data in members:
            info = zipfile.ZipInfo(entry, FIXED_DATE)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            out.writestr(info, data)


def _wheel_members(source: Path) -> tuple[str, list[tuple[str, bytes]]]:
    """The dist-info folder of a wheel and its files (without RECORD)."""
    with zipfile.ZipFile(source) as src:
        names = [n for n in sorted(src.namelist()) if not n.endswith("/")]
        info_dir = next(n.split("/")[0] for n in names if n.split("/")[0].endswith(".dist-info"))
        return info_dir, [(n, src.read(n)) for n in names if n != f"{info_dir}/RECORD"]


def repack_pure(source: Path, folder: Path) -> Path:
    """A py3-none-any wheel with only the Python files of a platform wheel (no compiled parts)."""
    _, version = sl.wheel_name_version(source)
    target = folder / f"{source.name.split('-')[0]}-{version}-py3-none-any.whl"
    info_dir, members = _wheel_members(source)
    kept = [(n, d) for n, d in members
            if (n.startswith(info_dir + "/") and n != f"{info_dir}/WHEEL") or n.endswith((".py", ".pyi", "py.typed"))]
    wheel = "Wheel-Version: 1.0\nGenerator: legpain tools/site (pure-Python repack)\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    _write_wheel(target, info_dir, [*kept, (f"{info_dir}/WHEEL", wheel.encode())])
    log(f"repacked {source.name} -> {target.name} (pure Python)")
    return target


def trim(source: Path, patterns: list[str], folder: Path) -> Path:
    """The same wheel without the files that match the patterns."""
    info_dir, members = _wheel_members(source)
    kept = [(n, d) for n, d in members if not any(fnmatch.fnmatchcase(n, p) for p in patterns)]
    if len(kept) == len(members):
        raise sl.SiteError(f"trim patterns {patterns} match nothing in {source.name}: update [browser.trim] in pins.toml")
    target = folder / source.name
    _write_wheel(target, info_dir, kept)
    saved = sum(len(d) for _, d in members) - sum(len(d) for _, d in kept)
    log(f"trimmed {source.name}: {len(members) - len(kept)} files ({saved / 1e6:.1f} MB unpacked) left out")
    return target


def kernel_wheels(pins: dict[str, Any]) -> list[Path]:
    """The Pyodide kernel's own wheels (from_kernel in pins.toml), as its JupyterLab extension ships them."""
    from packaging.version import Version

    pypi = Path(sys.prefix) / "share" / "jupyter" / "labextensions" / "@jupyterlite" / "pyodide-kernel-extension" / "static" / "pypi"
    index = json.loads((pypi / "all.json").read_text(encoding="utf-8"))
    found = []
    for wanted in pins["browser"]["from_kernel"]:
        entry = next((v for k, v in index.items() if sl.canonical(k) == sl.canonical(wanted)), None)
        if entry is None:
            raise sl.SiteError(f"the Pyodide kernel ships no wheel named {wanted} (see from_kernel in pins.toml)")
        version = max(entry["releases"], key=Version)
        (release,) = [r for r in entry["releases"][version] if r["filename"].endswith(".whl")]
        path = pypi / release["filename"]
        if sl.sha256(path) != release["digests"]["sha256"]:
            raise sl.SiteError(f"{path.name} does not match the hash in the kernel's own index")
        found.append(path)
    return found


def legpain_wheel() -> Path:
    """The course's own wheel, with its data, built from a copy of the checkout."""
    work = sl.CACHE / "legpain-build"
    shutil.rmtree(work, ignore_errors=True)
    source = work / "src-copy"
    source.mkdir(parents=True)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(sl.ROOT / name, source / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info", ".ipynb_checkpoints")
    shutil.copytree(sl.ROOT / "src", source / "src", ignore=ignore)
    shutil.copytree(sl.ROOT / "data", source / "data", ignore=ignore)
    shutil.copytree(sl.ROOT / "jupyter_data", source / "jupyter_data", ignore=ignore)  # pyproject's data-files
    sl.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--quiet",
            "--wheel-dir", work / "dist", source])
    (wheel,) = (work / "dist").glob("legpain-*.whl")
    with zipfile.ZipFile(wheel) as whl:
        if "legpain/course_data/sources.csv" not in whl.namelist():
            raise sl.SiteError(f"{wheel.name} has no course data inside (see [tool.setuptools] in pyproject.toml)")
    return wheel


# ---------------------------------------------------------------- pyodide-lock.json


def write_lock(core: Path, wheels: list[Path], pins: dict[str, Any], target: Path) -> dict[str, Any]:
    """Pyodide's lock file for the shipped wheels only, with each one's browser requirements."""
    info = json.loads((core / "pyodide-lock.json").read_text(encoding="utf-8"))["info"]
    browser = pins["browser"]
    if info["python"] != browser["python_full"]:
        raise sl.SiteError(f"Pyodide {pins['pyodide']['version']} has Python {info['python']}; pins.toml says {browser['python_full']}")
    if f"pyemscripten_{info['abi_version']}_{info['arch']}" != browser["platform"]:
        raise sl.SiteError(f"Pyodide's ABI {info['abi_version']} does not match the wheel platform {browser['platform']}")
    env = sl.browser_marker_env(info["python"])
    skip = {sl.canonical(n) for n in browser["not_in_browser"]}
    shipped = {}
    for wheel in wheels:
        name, version = sl.wheel_name_version(wheel)
        shipped[name] = (wheel, version, sl.wheel_metadata(wheel))
    packages = {}
    problems = []
    for name, (wheel, version, metadata) in sorted(shipped.items()):
        depends = []
        for req in sl.browser_requirements(metadata, env):
            dep = sl.canonical(req.name)
            if dep in shipped:
                if not req.specifier.contains(shipped[dep][1], prereleases=True):
                    problems.append(f"{name} needs {req}, but the site ships {dep} {shipped[dep][1]}")
                depends.append(dep)
            elif dep not in skip:
                problems.append(f"{name} needs {req}, which is neither shipped nor listed in not_in_browser")
        packages[name] = {
            "name": metadata["Name"],
            "version": version,
            "file_name": wheel.name,
            "install_dir": "site",
            "sha256": sl.sha256(wheel),
            "package_type": "package",
            "imports": sl.top_level_imports(wheel),
            "depends": sorted(set(depends)),
            "unvendored_tests": False,
        }
    if problems:
        raise sl.SiteError("the browser's wheels do not fit together (edit tools/site/pins.toml, then run make site-lock):\n  "
                           + "\n  ".join(problems))
    lock = {"info": info, "packages": packages}
    target.write_text(json.dumps(lock, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return lock


def precompile(stage: Path, notebooks: list[Path]) -> None:
    """Add .pyc files for the modules the lessons import (see precompile.mjs): a faster start."""
    if shutil.which("node") is None:
        raise sl.SiteError("Node.js is needed to build the site (it comes with npm)")
    done = sl.run(["node", sl.HERE / "precompile.mjs", stage, *notebooks])
    report = json.loads(done.stdout.strip().splitlines()[-1])
    if report["failures"]:
        raise sl.SiteError("while finding the modules to precompile, Pyodide (in Node) failed:\n  " + "\n  ".join(report["failures"]))
    log(f"precompiled {sum(report['compiled'].values())} modules in {len(report['compiled'])} wheels")


# ---------------------------------------------------------------- the JupyterLite build


def lesson_notebooks() -> list[Path]:
    found = sorted(NOTEBOOKS.glob(LESSON_GLOB))
    if not found:
        raise sl.SiteError(f"no lesson notebooks found as notebooks/{LESSON_GLOB}")
    return found


def lite_build(pyodide_dir: Path, pins: dict[str, Any], notebooks: list[Path], lite: Path) -> None:
    shutil.rmtree(lite, ignore_errors=True)
    (lite / "static").mkdir(parents=True)
    shutil.copytree(pyodide_dir, lite / "static" / "pyodide")  # the "well-known" place JupyterLite looks
    contents = lite / "contents"
    contents.mkdir()
    for notebook in notebooks:
        shutil.copy(notebook, contents / notebook.name)
    preload = pins["browser"]["preload"]
    settings = {
        "jupyter-lite-schema-version": 0,
        "jupyter-config-data": {
            "appName": "Leg pain in pregnancy",
            # window.jupyterapp: the site's tests and benchmark drive JupyterLab's own commands
            # (run all, clear outputs) through it, as tests/browser does in JupyterLab.
            "exposeAppInBrowser": True,
            "litePluginSettings": {
                KERNEL_SETTINGS: {
                    "disablePyPIFallback": True,
                    "loadPyodideOptions": {"packages": preload},
                },
            },
        },
    }
    (lite / "jupyter-lite.json").write_text(json.dumps(settings, indent=2), encoding="utf-8")
    overrides = {
        # Every cell is drawn, not only those on screen: find-in-page and screen readers see it all.
        "@jupyterlab/notebook-extension:tracker": {"windowingMode": "none"},
        # No question about news from the internet.
        "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False},
    }
    (lite / "overrides.json").write_text(json.dumps(overrides, indent=2), encoding="utf-8")
    config = {
        "LiteBuildConfig": {
            "apps": ["lab"],
            "contents": ["contents"],
            "output_dir": str(OUT),
            "no_sourcemaps": True,
            "no_unused_shared_packages": True,
            "settings_overrides": ["overrides.json"],
        },
    }
    (lite / "jupyter_lite_config.json").write_text(json.dumps(config, indent=2), encoding="utf-8")
    shutil.rmtree(OUT, ignore_errors=True)
    env = dict(os.environ)
    env.pop("JUPYTER_PATH", None)  # the site's extensions come from this build environment only
    jupyter = Path(sys.prefix) / "bin" / "jupyter"
    sl.run([jupyter, "lite", "build", "--lite-dir", lite], cwd=lite, env=env)


def check_extensions(pins: dict[str, Any]) -> None:
    config = json.loads((OUT / "jupyter-lite.json").read_text(encoding="utf-8"))["jupyter-config-data"]
    names = sorted(ext["name"] for ext in config.get("federated_extensions", []))
    wanted = sorted(pins["build"]["labextensions"])
    if names != wanted:
        raise sl.SiteError(f"the site carries the JupyterLab extensions {names}, but pins.toml lists {wanted}")


# ---------------------------------------------------------------- offline: the service worker


SW_TEMPLATE = sl.HERE / "service-worker.js"
COPY_AFTER_S = 60
JUPYTERLITE_SW = "jupyterlite-service-worker.js"


def site_files() -> list[str]:
    """Every file of the site, as a path relative to its root (the service worker caches them all)."""
    skip = {"service-worker.js", JUPYTERLITE_SW}
    return sorted(p.relative_to(OUT).as_posix() for p in OUT.rglob("*") if p.is_file() and p.name not in skip)


def install_service_worker() -> None:
    """Our service worker (caches the whole site) wraps JupyterLite's own one, which it keeps."""
    own = OUT / "service-worker.js"
    if not own.exists():
        raise sl.SiteError("JupyterLite's service-worker.js is missing from the build")
    own.rename(OUT / JUPYTERLITE_SW)
    files = site_files()
    digest = hashlib.sha256()
    for rel in files:
        digest.update(rel.encode() + b"\0" + hashlib.sha256((OUT / rel).read_bytes()).digest())
    version = digest.hexdigest()[:16]
    script = SW_TEMPLATE.read_text(encoding="utf-8")
    script = script.replace("__SITE_VERSION__", json.dumps(version)).replace("__SITE_FILES__", json.dumps(files, indent=0))
    script = script.replace("__JUPYTERLITE_SW__", json.dumps(JUPYTERLITE_SW))
    own.write_text(script, encoding="utf-8")
    # In each app's page: (1) JupyterLite unregisters its service worker on the first reload unless
    # it has already noted the app version in localStorage, and offline it then cannot register it
    # again: note the version now. (2) Ask the worker to make or finish the offline copy (it keeps
    # running while it copies, up to a few minutes, even when the page is idle), once the page's
    # first kernel is ready (or after COPY_AFTER_S): copying the whole site while Python starts
    # would slow the start of a first visit.
    config = json.loads((OUT / "jupyter-lite.json").read_text(encoding="utf-8"))["jupyter-config-data"]
    worker_url = "service-worker.js?enableCache=" + str(config.get("enableServiceWorkerCache", "false")).lower()
    note = (
        "<script>/* offline copy: see tools/site/README.md */\n"
        f"try {{ const u = new URL({json.dumps(worker_url)}, new URL('..', location.href));\n"
        f"  localStorage.setItem(u.href + '-version', {json.dumps(config['appVersion'])}); }} catch (e) {{}}\n"
        "if ('serviceWorker' in navigator) {\n"
        "  const keep = () => navigator.serviceWorker.ready\n"
        "    .then((r) => r.active && r.active.postMessage('legpain-keep-copy')).catch(() => {});\n"
        "  const since = Date.now();\n"
        "  const wait = setInterval(() => { const a = window.jupyterapp, w = a && a.shell && a.shell.currentWidget;\n"
        "    const k = w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel;\n"
        f"    if ((k && k.status === 'idle') || Date.now() - since > {COPY_AFTER_S * 1000}) {{ clearInterval(wait); keep(); }} }}, 500);\n"
        "}\n"
        "</script>\n"
    )
    for page in OUT.glob("*/index.html"):
        html = page.read_text(encoding="utf-8")
        if 'id="jupyter-config-data"' in html and "offline copy" not in html:
            page.write_text(html.replace("<script", note + "    <script", 1), encoding="utf-8")
    log(f"service worker: {len(files)} files to keep offline (site version {version})")


# ---------------------------------------------------------------- the start notice

NOTICE_TEMPLATE = sl.HERE / "start-notice.js"
NOTICE_FILE = "legpain-start-notice.js"
# How long Python takes to start, in the words of the notice: from `make bench-site` on a busy
# two-core machine (later visits 12 to 25 s, first visits 18 to 25 s from a local server; see
# tools/site/README.md), rounded; a first visit over a real network also downloads about 35 MB.
START_SECONDS_LATER = 20
START_FIRST = "up to a minute"
STUCK_AFTER_S = 120
NOTICE = {
    "starting": "Python is starting in your browser, so that this lesson's code can run here. "
                "Wait until this box goes before you run a cell.",
    "how_long": f"This usually takes up to {START_SECONDS_LATER} seconds; the first time you open the course "
                f"it can take {START_FIRST}, because the course is being downloaded.",
    "if_stuck": f"If this box is still here after {STUCK_AFTER_S // 60} minutes, reload the page "
                "(F5, or Cmd+R on a Mac). Your changes to the lesson are kept in this browser. If it still "
                "does not start, try a recent Chrome, Edge, Firefox or Safari.",
    "elapsed": "Waiting for {seconds} s.",
    "slow_after_s": STUCK_AFTER_S,
    "slow": "This is taking longer than it should: reload the page (F5, or Cmd+R on a Mac).",
    "dead": "Python stopped in this lesson. Reload the page (F5, or Cmd+R on a Mac) to start it again; "
            "your changes are kept in this browser.",
    "first_page": FIRST_PAGE,
    "site_note_label": "About the browser version",
    "site_note": [
        ("About this version of the course: it runs in your web browser. Nothing is installed on your "
         "computer, and nothing you type leaves it."),
        (f"Each lesson you open starts Python inside the browser first. While it starts, a yellow box at the top "
         f"of the lesson says so; it usually takes up to {START_SECONDS_LATER} seconds ({START_FIRST} "
         "the very first time, while the course is downloaded). When the box goes, the lesson is ready."),
        ("Open the next lesson from the file list on the left (or a link in a lesson), not in a new tab: its "
         "Python then starts in about half the time. Close a lesson you have finished (File, then Close and "
         "Shut Down Notebook), so that its Python does not slow down the others."),
        (f"If the box is still there after {STUCK_AFTER_S // 60} minutes, reload the page. Once the course has "
         "opened fully, it also opens without an internet connection, in this browser."),
    ],
}


def add_start_notice() -> None:
    """The start notice (start-notice.js): a script of the site's JupyterLab page."""
    script = NOTICE_TEMPLATE.read_text(encoding="utf-8").replace("__NOTICE__", json.dumps(NOTICE, indent=1))
    (OUT / NOTICE_FILE).write_text(script, encoding="utf-8")
    tag = f'<script src="../{NOTICE_FILE}"></script>\n'
    page = OUT / "lab" / "index.html"
    html = page.read_text(encoding="utf-8")
    if tag not in html:
        page.write_text(html.replace("</head>", "    " + tag + "</head>", 1), encoding="utf-8")


def front_door(first_page: str) -> None:
    """The site's address opens the start page (JupyterLite's own redirect drops the ?path=)."""
    # Browsers ask for /favicon.ico by themselves; offline, a missing one is an error in the console.
    shutil.copy(OUT / "lab" / "favicon.ico", OUT / "favicon.ico")
    if not (OUT / "files" / first_page).is_file():
        return  # JupyterLab with its file browser, as JupyterLite does by default
    page = OUT / "index.html"
    html = page.read_text(encoding="utf-8")
    go = f"<script>location.replace('./lab/index.html?path={first_page}');</script>\n"
    if go not in html:
        page.write_text(html.replace("<head>", "<head>\n    " + go, 1), encoding="utf-8")


def write_zip() -> None:
    ZIP.unlink(missing_ok=True)
    with zipfile.ZipFile(ZIP, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out:
        for path in sorted(OUT.rglob("*")):
            if path.is_file():
                out.write(path, Path("legpain-course-site") / path.relative_to(OUT))


def lock_closure(lock: dict[str, Any], roots: list[str]) -> set[str]:
    """The packages of the lock that ``roots`` need, with every requirement (canonical names)."""
    todo, found = [sl.canonical(r) for r in roots], set()
    while todo:
        name = todo.pop()
        if name not in found:
            found.add(name)
            todo += lock["packages"][name]["depends"]
    return found


def floor_notebook() -> Path:
    """The floor site's one notebook: a single empty code cell (it starts the kernel, nothing more)."""
    path = sl.CACHE / "floor-notebook" / FLOOR_PAGE
    path.parent.mkdir(parents=True, exist_ok=True)
    nb = {"cells": [{"cell_type": "code", "execution_count": None, "id": "empty", "metadata": {}, "outputs": [], "source": []}],
          "metadata": {"kernelspec": {"display_name": "Python (Pyodide)", "language": "python", "name": "python"}},
          "nbformat": 4, "nbformat_minor": 5}
    path.write_text(json.dumps(nb, indent=1) + "\n", encoding="utf-8")
    return path


def main(argv: list[str]) -> int:
    global OUT
    floor = "--floor" in argv
    if floor:
        # The floor of the benchmark (bench/site_bench.py): the same Pyodide, kernel, settings,
        # bytecode and service worker, with none of the course's packages and one empty notebook.
        OUT = FLOOR_OUT
    started = time.monotonic()
    try:
        pins = sl.load_pins()
        if floor:
            kernel_only = [p for p in pins["browser"]["preload"] if sl.canonical(p) != "legpain"]
            pins["browser"]["preload"] = kernel_only
        core = pyodide_core(pins)
        found = browser_wheels(pins)
        repack = {sl.canonical(n) for n in pins["browser"]["repack"]}
        stage = sl.CACHE / ("pyodide-stage-floor" if floor else "pyodide-stage")
        shutil.rmtree(stage, ignore_errors=True)
        shutil.copytree(core, stage, ignore=shutil.ignore_patterns("pyodide-lock.json"))
        if not floor:
            stdlib_with_sitecustomize(stage)
        wheels = []
        trims = {sl.canonical(k): v for k, v in pins["browser"].get("trim", {}).items()}
        for name, path in sorted(found.items()):
            if name in repack:
                wheels.append(repack_pure(path, stage))
            elif name in trims:
                wheels.append(trim(path, trims[name], stage))
            else:
                wheels.append(Path(shutil.copy(path, stage)))
        wheels += [Path(shutil.copy(path, stage)) for path in kernel_wheels(pins)]
        if floor:
            lock = write_lock(core, wheels, pins, stage / "pyodide-lock.json")
            keep = lock_closure(lock, [*pins["browser"]["preload"], *pins["browser"]["from_kernel"]])
            for wheel in [w for w in wheels if sl.wheel_name_version(w)[0] not in keep]:
                wheel.unlink()
                wheels.remove(wheel)
        else:
            wheels.append(Path(shutil.copy(legpain_wheel(), stage)))
        write_lock(core, wheels, pins, stage / "pyodide-lock.json")
        notebooks = [floor_notebook()] if floor else lesson_notebooks()
        precompile(stage, notebooks)
        write_lock(core, wheels, pins, stage / "pyodide-lock.json")  # the new hashes
        lite_build(stage, pins, notebooks, sl.CACHE / ("lite-floor" if floor else "lite"))
        check_extensions(pins)
        front_door(FLOOR_PAGE if floor else FIRST_PAGE)
        if not floor:
            add_start_notice()
        install_service_worker()
        if not floor:
            write_zip()
    except sl.SiteError as exc:
        print(f"site: {exc}", file=sys.stderr)
        return 1
    size = sum(p.stat().st_size for p in OUT.rglob("*") if p.is_file())
    log(f"built {OUT.relative_to(sl.ROOT)} ({size / 1e6:.1f} MB, {len(notebooks)} notebooks) in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
