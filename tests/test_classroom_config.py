"""The course's Jupyter configuration, the commands for a class, and the licences.

(tests/browser/test_classroom.py starts JupyterLab and Voila themselves.)
"""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import tempfile

import yaml

from conftest import ROOT

CONFIG = ROOT / "jupyter_config"
NEWS_PLUGIN = "@jupyterlab/apputils-extension:announcements"


def _make(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(["make", "-s", "--no-print-directory", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=60, env=env)


def test_the_course_config_turns_off_jupyterlab_news_and_update_checks():
    page_config = json.loads((CONFIG / "labconfig" / "page_config.json").read_text(encoding="utf-8"))
    assert page_config["disabledExtensions"] == {NEWS_PLUGIN: True}
    server = json.loads((CONFIG / "jupyter_server_config.json").read_text(encoding="utf-8"))
    assert server["LabApp"]["news_url"] is None
    # the class named in the configuration exists, so JupyterLab starts with it
    module, _, name = server["LabApp"]["check_for_updates_class"].rpartition(".")
    import importlib

    assert hasattr(importlib.import_module(module), name)


def test_jupyterlab_sees_the_course_config_through_jupyter_config_path():
    """JupyterLab's own page-config reader finds the plugin switched off (and does not without the path)."""
    code = (
        "from jupyterlab_server.config import get_page_config;"
        "import json; print(json.dumps(get_page_config([]).get('disabledExtensions', {})))"
    )
    with tempfile.TemporaryDirectory() as empty:
        base = {k: v for k, v in os.environ.items() if k != "JUPYTER_CONFIG_PATH"}
        base["JUPYTER_CONFIG_DIR"] = empty
        import sys

        without = subprocess.run([sys.executable, "-c", code], env=base, capture_output=True, text=True, check=True)
        with_config = subprocess.run([sys.executable, "-c", code], env={**base, "JUPYTER_CONFIG_PATH": str(CONFIG)},
                                     capture_output=True, text=True, check=True)
    assert NEWS_PLUGIN not in json.loads(without.stdout)
    assert NEWS_PLUGIN in json.loads(with_config.stdout)


def test_make_lab_hands_the_course_config_to_jupyterlab(tmp_path):
    """`make lab` runs jupyter with JUPYTER_CONFIG_PATH set (checked with a stand-in for jupyter)."""
    for name in ("jupyter", "python"):
        (tmp_path / name).write_text('#!/bin/sh\necho "JUPYTER_CONFIG_PATH=$JUPYTER_CONFIG_PATH"\n')
        (tmp_path / name).chmod(0o755)
    env = {k: v for k, v in os.environ.items() if k != "JUPYTER_CONFIG_PATH"}
    # LAB_STAMP points at a file that exists, so that make installs nothing.
    result = _make("lab", f"BIN={tmp_path}", f"LAB_STAMP={ROOT / 'Makefile'}", f"WORK={tmp_path / 'work'}", env=env)
    assert result.returncode == 0, result.stderr
    assert f"JUPYTER_CONFIG_PATH={CONFIG}" in result.stdout.splitlines()
    # a path the user has set already is kept, after the course's
    result = _make("lab", f"BIN={tmp_path}", f"LAB_STAMP={ROOT / 'Makefile'}", f"WORK={tmp_path / 'work'}",
                   env={**env, "JUPYTER_CONFIG_PATH": "/elsewhere"})
    assert f"JUPYTER_CONFIG_PATH={CONFIG}:/elsewhere" in result.stdout.splitlines()


def test_make_voila_culls_idle_kernels_and_listens_locally():
    command = shlex.split(_make("voila-command").stdout)
    assert command[:2] == [".venv/bin/voila", "build/voila"]  # the Voila version of the lessons, not notebooks/
    options = dict(arg.lstrip("-").split("=", 1) for arg in command[2:])
    assert options["Voila.ip"] == "127.0.0.1"
    assert int(options["MappingKernelManager.cull_idle_timeout"]) > 0
    assert 0 < int(options["MappingKernelManager.cull_interval"]) <= int(options["MappingKernelManager.cull_idle_timeout"])
    assert options["MappingKernelManager.cull_connected"] == "False"  # an open page keeps its kernel


def test_the_readme_documents_the_voila_command_of_make_voila():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## For instructors"):]
    assert "make voila" in section
    for flag in ("--MappingKernelManager.cull_idle_timeout=", "--MappingKernelManager.cull_interval="):
        assert flag in section, flag
    documented = re.search(r"^\.venv/bin/voila build/voila .*$", section, re.M)
    assert documented, "the README shows the full Voila command for a class, over build/voila"
    make_options = {a.split("=")[0] for a in shlex.split(_make("voila-command").stdout)[2:]}
    readme_options = {a.split("=")[0] for a in shlex.split(documented.group(0).rstrip("\\"))[2:]}
    assert make_options <= readme_options, make_options - readme_options
    assert "make voila-lessons" in section  # how to build build/voila without make voila


def _stand_ins(folder, *names):
    """Stand-ins for the programs in .venv/bin: each writes its name and arguments to calls.log."""
    log = folder / "calls.log"
    for name in names:
        (folder / name).write_text(f'#!/bin/sh\necho "{name} $*" >> {log}\n')
        (folder / name).chmod(0o755)
    return log


def test_make_voila_builds_the_voila_version_then_serves_it_and_runs_no_lesson(tmp_path):
    """The lessons are not re-run (Voila runs each page itself): one cheap build, then Voila over it."""
    log = _stand_ins(tmp_path, "python", "voila", "jupyter", "pip")
    template = tmp_path / "index.html.j2"  # newer than the course's template, so make copies nothing
    template.write_text("", encoding="utf-8")
    build = tmp_path / "build"
    result = _make("voila", f"BIN={tmp_path}", f"LAB_STAMP={ROOT / 'Makefile'}", f"VOILA_TEMPLATE={template}",
                   f"VOILA_BUILD={build}")
    assert result.returncode == 0, result.stderr
    calls = log.read_text(encoding="utf-8").splitlines()
    assert calls[0] == f"python -m tools.notebook_versions notebooks --version voila --out {build}"
    assert calls[1].startswith(f"voila {build}/voila --template=course ")
    assert len(calls) == 2, calls


def test_make_voila_lessons_builds_every_lesson_without_instructor_notes_solutions_or_run_all(tmp_path):
    old = tmp_path / "voila" / "99_removed_lesson.ipynb"  # a lesson since removed from notebooks/
    old.parent.mkdir()
    old.write_text("{}", encoding="utf-8")
    result = _make("voila-lessons", f"VOILA_BUILD={tmp_path}")
    assert result.returncode == 0, result.stdout + result.stderr
    lessons = sorted(p.name for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    assert sorted(p.name for p in (tmp_path / "voila").iterdir()) == lessons
    for name in lessons:
        text = (tmp_path / "voila" / name).read_text(encoding="utf-8")
        for words in ("Instructor notes", "<summary>Solution", '"instructor"', '"solution"', "Run All", "Shift + Enter"):
            assert words not in text, f"{name}: {words}"


# ---------------------------------------------------------------- licences and citation


def test_code_and_content_licences_and_citation():
    code = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert code.startswith("MIT License") and "WITHOUT WARRANTY OF ANY KIND" in code
    content = (ROOT / "LICENSE-CONTENT.md").read_text(encoding="utf-8")
    assert "Creative Commons Attribution 4.0 International" in content
    assert "https://creativecommons.org/licenses/by/4.0/legalcode" in content
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    for key in ("cff-version", "message", "title", "authors", "version", "license"):
        assert citation.get(key), key
    assert citation["cff-version"] == "1.2.0"
    assert sorted(citation["license"]) == ["CC-BY-4.0", "MIT"]
    assert all(a.get("name") or a.get("family-names") for a in citation["authors"])
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert citation["version"] == project["version"]
    if "license" in project:
        assert project["license"] == "MIT"




def test_make_lab_works_on_a_copy_made_once_and_opens_the_start_page(tmp_path):
    """Each lesson is copied into the working folder once; a student's saved copy is never overwritten."""
    for name in ("jupyter", "python"):
        (tmp_path / name).write_text('#!/bin/sh\necho "$@"\n')
        (tmp_path / name).chmod(0o755)
    work = tmp_path / "work"
    args = ("lab", f"BIN={tmp_path}", f"LAB_STAMP={ROOT / 'Makefile'}", f"WORK={work}")
    result = _make(*args)
    assert result.returncode == 0, result.stderr
    lessons = sorted(p.name for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    assert sorted(p.name for p in work.iterdir()) == lessons  # the template is not in her file list
    assert f"--ServerApp.root_dir={work}" in result.stdout
    assert "--ServerApp.default_url=/lab/tree/00_start_here.ipynb" in result.stdout
    mine = work / "03_nerve_compression.ipynb"
    mine.write_text("her own work", encoding="utf-8")
    assert _make(*args).returncode == 0
    assert mine.read_text(encoding="utf-8") == "her own work"
    # make fresh sets her copy aside and takes a fresh one
    result = _make("fresh", "LESSON=03", f"WORK={work}")
    assert result.returncode == 0, result.stdout + result.stderr
    assert mine.read_text(encoding="utf-8") == (ROOT / "notebooks" / mine.name).read_text(encoding="utf-8")
    kept = list(work.glob("03_nerve_compression.old-*.ipynb"))
    assert len(kept) == 1 and kept[0].read_text(encoding="utf-8") == "her own work"
    assert _make("fresh", "LESSON=99", f"WORK={work}").returncode != 0


def test_make_voila_records_no_progress(tmp_path):
    """In a class the kernels run on the instructor's computer: nobody's progress is written there."""
    for name in ("voila", "python"):
        (tmp_path / name).write_text('#!/bin/sh\necho "LEGPAIN_PROGRESS=$LEGPAIN_PROGRESS"\n')
        (tmp_path / name).chmod(0o755)
    template = tmp_path / "index.html.j2"  # newer than the course's template, so make copies nothing
    template.write_text("", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "LEGPAIN_PROGRESS"}
    result = _make("voila", f"BIN={tmp_path}", f"LAB_STAMP={ROOT / 'Makefile'}", f"VOILA_TEMPLATE={template}",
                   f"VOILA_BUILD={tmp_path / 'build'}", env=env)
    assert result.returncode == 0, result.stderr
    assert "LEGPAIN_PROGRESS=off" in result.stdout.splitlines()
