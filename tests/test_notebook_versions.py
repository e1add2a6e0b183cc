"""The learner and instructor versions (tools/notebook_versions.py, `make build`).

Small fixture lessons are written to a temporary folder by the test itself (as .ipynb files in
tests/ they would be collected and run by nbval). One real lesson is built and run in both
versions; every real lesson is checked for leaks and for complete instructor notes.
"""

from __future__ import annotations

import io
import json
import re
import sys
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from conftest import ROOT

sys.path.insert(0, str(ROOT))  # the tools/ folder lives beside the package, not in it

from tools import notebook_versions as nv  # noqa: E402

NOTEBOOKS = ROOT / "notebooks"

# Text that only the instructor may see: in cell sources and in what the cells print.
SECRET_NOTE = "Secret timing note: spend nine minutes on the pelican question"
SECRET_ANSWER = "The worked answer is forty-two pelicans"
SECRET_OUTPUT = "SOLUTION-OUTPUT-" + "7731"
PUBLIC_OUTPUT = "PUBLIC-OUTPUT-" + "5520"


def _tagged(cell, *tags):
    cell.metadata["tags"] = list(tags)
    return cell


def fixture_lesson() -> nbformat.NotebookNode:
    """A tiny lesson with a solution in markdown, a solution in code and instructor notes."""
    nb = new_notebook(
        cells=[
            new_markdown_cell("# Fixture lesson\n\n**Time to learn:** 5 minutes"),
            _tagged(
                new_markdown_cell(
                    "<details><summary>Instructor notes</summary>\n\n"
                    f"**Timing.** {SECRET_NOTE}.\n\n**Common misconceptions.**\n- Pelicans are fish.\n\n"
                    "**Discussion prompts.**\n- Why do pelicans have pouches?\n</details>"
                ),
                "instructor",
            ),
            new_code_cell(f"print('{PUBLIC_OUTPUT}')"),
            new_markdown_cell("## Try this\n\nHow many pelicans?"),
            _tagged(new_markdown_cell(f"<details><summary>Solution</summary>\n\n{SECRET_ANSWER}.\n</details>"), "solution"),
            _tagged(new_code_cell(f"answer = '{SECRET_OUTPUT}'\nprint(answer)"), "solution"),
            new_code_cell("print('after the solution:', 6 * 7)"),
        ],
        metadata={"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}},
    )
    return nb


def write_lesson(folder: Path, name: str, nb: nbformat.NotebookNode) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    nbformat.write(nb, path)
    return path


def _texts(nb: dict) -> str:
    return json.dumps(nb, ensure_ascii=False)


# ---------------------------------------------------------------- fixture lessons


def test_learner_version_drops_instructor_and_solution_cells_and_both_versions_run(tmp_path):
    source = write_lesson(tmp_path / "src", "01_fixture.ipynb", fixture_lesson())
    written = nv.build([source], tmp_path / "build", execute=True, stream=io.StringIO())
    assert sorted(p.relative_to(tmp_path / "build").as_posix() for p in written) == [
        "instructor/01_fixture.ipynb",
        "learner/01_fixture.ipynb",
    ]
    learner_raw = (tmp_path / "build" / "learner" / "01_fixture.ipynb").read_text(encoding="utf-8")
    instructor_raw = (tmp_path / "build" / "instructor" / "01_fixture.ipynb").read_text(encoding="utf-8")

    for secret in (SECRET_NOTE, SECRET_ANSWER, SECRET_OUTPUT, "Instructor notes", "<summary>Solution"):
        assert secret not in learner_raw, secret
        assert secret in instructor_raw, secret
    learner = json.loads(learner_raw)
    assert all(not ({"solution", "instructor"} & set(c["metadata"].get("tags", []))) for c in learner["cells"])
    assert nv.LEARNER_PLACEHOLDER in learner_raw

    # Both versions ran from a fresh kernel: every code cell has its output, in order, and no error.
    for raw, code_cells in ((learner_raw, 2), (instructor_raw, 3)):
        nb = json.loads(raw)
        code = [c for c in nb["cells"] if c["cell_type"] == "code"]
        assert [c["execution_count"] for c in code] == list(range(1, code_cells + 1))
        outputs = [o for c in code for o in c["outputs"]]
        assert not [o for o in outputs if o["output_type"] == "error"]
        assert PUBLIC_OUTPUT in raw and "after the solution: 42" in raw

    instructor = json.loads(instructor_raw)
    assert instructor["cells"][0]["source"] == nv.INSTRUCTOR_BANNER
    assert "<details open><summary>Instructor notes" in instructor_raw
    assert "<details open><summary>Solution" in instructor_raw


def test_an_untagged_folded_answer_stops_the_build(tmp_path):
    nb = fixture_lesson()
    nb.cells.append(new_markdown_cell("<details><summary>Solution</summary>\n\nUntagged answer.\n</details>"))
    source = write_lesson(tmp_path, "02_untagged.ipynb", nb)
    with pytest.raises(nv.VersionError, match=r"02_untagged\.ipynb, cell 7 .*'solution' tag"):
        nv.build([source], tmp_path / "build", execute=False, stream=io.StringIO())
    assert not (tmp_path / "build").exists()
    # and from the command line: a message and a non-zero status
    assert nv.main([str(tmp_path), str(source), "--out", str(tmp_path / "build"), "--no-execute"]) == 1


def test_untagged_instructor_notes_stop_the_build_too():
    nb = fixture_lesson()
    nb.cells.insert(2, new_markdown_cell("Some prose.\n\n<details><summary>Instructor notes</summary>\n\nTips.\n</details>"))
    with pytest.raises(nv.VersionError, match=r"cell 2 .*'instructor' tag"):
        nv.check_tagged(nb, "01_fixture.ipynb")


def test_progress_is_shown_for_every_file(tmp_path):
    sources = [write_lesson(tmp_path, name, fixture_lesson()) for name in ("01_a.ipynb", "02_b.ipynb")]
    stream = io.StringIO()
    nv.build(sources, tmp_path / "build", execute=False, stream=stream)
    lines = stream.getvalue().splitlines()
    steps = [line for line in lines if re.match(r"\[\d/4\] ", line)]
    assert [s.split()[1] for s in steps] == ["learner/01_a.ipynb", "instructor/01_a.ipynb", "learner/02_b.ipynb", "instructor/02_b.ipynb"]
    assert [s[:5] for s in steps] == ["[1/4]", "[2/4]", "[3/4]", "[4/4]"]
    assert re.search(r": done, 4 file\(s\) in \d+:\d\d$", lines[-1]), lines[-1]


def test_a_lesson_without_complete_notes_is_named(tmp_path):
    nb = fixture_lesson()
    nb.cells[1].source = "<details><summary>Instructor notes</summary>\n\n**Timing.** Ten minutes.\n</details>"
    source = write_lesson(tmp_path, "03_short_notes.ipynb", nb)
    stream = io.StringIO()
    nv.build([source], tmp_path / "build", execute=False, stream=stream)
    assert "warning: 03_short_notes.ipynb has no instructor notes on: common misconceptions, discussion prompts" in stream.getvalue()


def test_new_lessons_are_picked_up_and_other_notebooks_are_not(tmp_path):
    for name in ("00_start.ipynb", "10_new_lesson.ipynb", "_template.ipynb", "scratch.ipynb"):
        write_lesson(tmp_path, name, fixture_lesson())
    assert [p.name for p in nv.lesson_paths(tmp_path)] == ["00_start.ipynb", "10_new_lesson.ipynb"]


# ---------------------------------------------------------------- the real lessons


def _hidden_lines(nb: dict) -> list[str]:
    """Every substantial line of the cells that only the instructor may see (markup stripped),
    leaving out a line that the learner's own cells also contain (such as a repeated key point)."""
    public = _texts({"cells": [c for c in nb["cells"] if nv.hidden_kind(c) is None]})
    lines = []
    for cell in nb["cells"]:
        if nv.hidden_kind(cell) is None:
            continue
        text = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        for line in text.splitlines():
            plain = re.sub(r"<[^>]+>|\*\*|^[-\d.\s]+", "", line).strip()
            if len(plain) >= 25 and plain not in public and json.dumps(plain)[1:-1] not in public:
                lines.append(plain)
    return lines


LESSONS = nv.lesson_paths(NOTEBOOKS)


@pytest.mark.parametrize("path", LESSONS, ids=[p.stem for p in LESSONS])
def test_no_instructor_or_solution_text_reaches_the_learner_version(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    nv.check_tagged(nb, path.name)
    hidden = _hidden_lines(nb)
    assert hidden, f"{path.name}: no instructor notes at all"
    learner = _texts(nv.learner_version(nb))
    leaked = [line for line in hidden if line in learner or json.dumps(line)[1:-1] in learner]
    assert not leaked, f"{path.name}: in the learner version: {leaked[:3]}"
    assert '"instructor"' not in learner and '"solution"' not in learner


@pytest.mark.parametrize("path", LESSONS, ids=[p.stem for p in LESSONS])
def test_every_lesson_has_instructor_notes_on_timing_misconceptions_and_prompts(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    assert nv.missing_note_parts(nb) == [], f"{path.name}: instructor notes need **Timing**, **Common misconceptions** and **Discussion prompts**"


def test_the_template_shows_new_lessons_how_to_tag_notes_and_solutions():
    nb = json.loads((NOTEBOOKS / "_template.ipynb").read_text(encoding="utf-8"))
    assert nv.missing_note_parts(nb) == []
    assert any(nv.hidden_kind(c) == "solution" for c in nb["cells"])
    nv.check_tagged(nb, "_template.ipynb")


def test_a_real_lesson_runs_in_both_versions(tmp_path):
    """06 has a solution, instructor notes, figures and widgets: both versions run from a fresh kernel."""
    source = NOTEBOOKS / "06_clots_and_inflamed_veins.ipynb"
    nb = json.loads(source.read_text(encoding="utf-8"))
    assert {nv.hidden_kind(c) for c in nb["cells"]} >= {"solution", "instructor"}
    nv.build([source], tmp_path, execute=True, stream=io.StringIO())
    source_code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    for version in nv.VERSIONS:
        raw = (tmp_path / version / source.name).read_text(encoding="utf-8")
        built = json.loads(raw)
        code = [c for c in built["cells"] if c["cell_type"] == "code"]
        assert len(code) == len(source_code), version
        assert [c["execution_count"] for c in code] == list(range(1, len(code) + 1)), version
        for cell in code:
            assert cell["outputs"], f"{version}: no output from {cell['source']!r}"
            assert all(o["output_type"] != "error" and o.get("name") != "stderr" for o in cell["outputs"]), version
        # the figures came out again, as in the stored lesson
        assert raw.count("application/vnd.plotly.v1+json") == json.dumps(nb).count("application/vnd.plotly.v1+json")
        if version == "learner":
            assert not [line for line in _hidden_lines(nb) if line in raw or json.dumps(line)[1:-1] in raw]


# ---------------------------------------------------------------- the Voila version (make voila)

# What only JupyterLab has: its Run menu, Run All, running a cell by hand, the [ ]: boxes beside the code.
LAB_WORDS = ("Run All", "Run →", "menu **Run", "Shift + Enter", "Restart Kernel", "[ ]:")
LINK = re.compile(r"\]\(([^)\s]+)\)|href=\"([^\"]+)\"")


def _lab_only(cell):
    return _tagged(cell, "lab-only")


def test_the_voila_version_is_the_learner_version_without_jupyterlab_instructions_or_stored_outputs(tmp_path):
    nb = fixture_lesson()
    nb.cells.insert(1, _lab_only(new_markdown_cell("Run it from the top: menu **Run → Run All Cells**.")))
    nb.cells[3].outputs = [new_output("stream", name="stdout", text="Run the notebook (menu Run → Run All Cells)")]
    nb.cells[3].execution_count = 7
    source = write_lesson(tmp_path / "src", "01_fixture.ipynb", nb)
    written = nv.build([source], tmp_path / "build", versions=[nv.VOILA], execute=True, stream=io.StringIO())
    assert [p.relative_to(tmp_path / "build").as_posix() for p in written] == ["voila/01_fixture.ipynb"]
    raw = written[0].read_text(encoding="utf-8")
    for secret in (SECRET_NOTE, SECRET_ANSWER, SECRET_OUTPUT, "Instructor notes", "<summary>Solution", *LAB_WORDS):
        assert secret not in raw, secret
    built = json.loads(raw)
    assert [c["source"] for c in built["cells"] if c["cell_type"] == "markdown"][1] == nv.VOILA_NOTE
    assert nv.LEARNER_PLACEHOLDER in raw
    code = [c for c in built["cells"] if c["cell_type"] == "code"]
    assert len(code) == 2 and all(c["outputs"] == [] and c["execution_count"] is None for c in code)  # never run
    assert not any(set(c["metadata"].get("tags", [])) & {"solution", "instructor", "lab-only"} for c in built["cells"])
    # JupyterLab's own versions keep the JupyterLab instructions as they are
    for version in (nv.learner_version(nb), nv.instructor_version(nb)):
        assert "menu **Run → Run All Cells**" in _texts(version)


def test_a_jupyterlab_instruction_without_the_lab_only_tag_stops_the_voila_version(tmp_path):
    nb = fixture_lesson()
    nb.cells.append(new_markdown_cell("## Next\n\nPress **Shift + Enter** to run the next cell."))
    source = write_lesson(tmp_path, "02_untagged.ipynb", nb)
    with pytest.raises(nv.VersionError, match=r"02_untagged\.ipynb, cell \d+ .*Shift \+ Enter.*'lab-only'"):
        nv.build([source], tmp_path / "build", versions=[nv.VOILA], execute=False, stream=io.StringIO())
    assert not (tmp_path / "build").exists()
    assert nv.main([str(tmp_path), str(source), "--out", str(tmp_path / "build"), "--version", "voila"]) == 1
    # the learner and instructor versions (for JupyterLab) are not held up by it
    nv.build([source], tmp_path / "build", execute=False, stream=io.StringIO())


@pytest.mark.parametrize("path", LESSONS, ids=[p.stem for p in LESSONS])
def test_the_voila_version_of_every_lesson_holds_no_instructor_content_and_no_jupyterlab_instruction(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    voila = nv.voila_version(nb, path.name)
    text = _texts(voila)
    leaked = [line for line in _hidden_lines(nb) if line in text or json.dumps(line)[1:-1] in text]
    assert not leaked, f"{path.name}: in the Voila version: {leaked[:3]}"
    assert '"instructor"' not in text and '"solution"' not in text and "<details" not in text
    said = [words for words in LAB_WORDS if words.lower() in text.lower()]
    assert not said, f"{path.name}: the Voila version tells students to use {said}, which Voila does not have"
    # no stored output at all, so no stored "run the notebook first" picture of a widget either
    assert all(not c.get("outputs") for c in voila["cells"])


def test_the_start_page_and_the_explorer_tell_a_class_in_voila_what_to_do_instead():
    """00 and 08 explain Run All for JupyterLab; in Voila their explanation is the one that is true there."""
    for name in ("00_start_here.ipynb", "08_symptom_advice_matrix.ipynb"):
        nb = json.loads((NOTEBOOKS / name).read_text(encoding="utf-8"))
        assert "Run All" in _texts(nv.learner_version(nb)), name  # what JupyterLab's students read
        assert nv.VOILA_NOTE in [c["source"] for c in nv.voila_version(nb, name)["cells"]], name


def test_the_voila_folder_holds_every_lesson_and_every_link_between_lessons_finds_its_lesson(tmp_path):
    """Voila serves build/voila/ and nothing else: a lesson's links (and the start page's course map,
    from data/lessons.csv) are relative, so each must name a lesson built beside it."""
    assert nv.main([str(NOTEBOOKS), "--out", str(tmp_path), "--version", "voila"]) == 0
    built = sorted(p.name for p in (tmp_path / "voila").iterdir())
    assert built == [p.name for p in LESSONS]
    from legpain.content import load_course

    targets = {lesson.notebook for lesson in load_course().lessons.values()}
    for path in (tmp_path / "voila").iterdir():
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        for match in LINK.finditer("\n".join(nv._source(c) for c in cells if c["cell_type"] == "markdown")):
            target = match.group(1) or match.group(2)
            if not target.startswith(("http://", "https://", "#", "mailto:")):
                targets.add(target.split("#")[0])
    assert targets and targets <= set(built), sorted(targets - set(built))
