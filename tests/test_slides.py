"""The slide decks (tools/slides.py, `make slides`), without a browser.

tests/browser/test_slide_decks.py opens real decks in Chromium with the network cut off.
"""

from __future__ import annotations

import json
from html import unescape
import re
import sys

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT))  # the tools/ folder lives beside the package, not in it

from tools import notebook_versions as nv  # noqa: E402
from tools import slides  # noqa: E402

NOTEBOOKS = ROOT / "notebooks"
LESSONS = nv.lesson_paths(NOTEBOOKS)
PLOTLY = "application/vnd.plotly.v1+json"


def _load(path):
    return json.loads(path.read_text(encoding="utf-8"))


def _deck(path):
    nb = _load(path)
    lesson = slides.read_lesson(nb, path.name)
    return nb, lesson, slides.render_deck(lesson)


@pytest.mark.parametrize("path", LESSONS, ids=[p.stem for p in LESSONS])
def test_every_lesson_makes_a_deck_with_its_figures_and_key_points(path):
    nb, lesson, html = _deck(path)
    title = re.search(r"^# (.+)$", "".join(nb["cells"][0]["source"]), re.M).group(1)
    assert f"<h1>{title}</h1>" in unescape(html)
    stored = [o["data"][PLOTLY] for c in nb["cells"] if c["cell_type"] == "code" for o in c["outputs"] if PLOTLY in o.get("data", {})]
    examples = 1 if slides.worked_example(path.name) else 0  # a widget's worked example (08's checker)
    parts = [len(slides.split_tall_heatmap(spec)) for spec in stored]
    parts = [n if n > 1 else len(slides.split_tall_rows(spec)) for n, spec in zip(parts, stored)]
    expected = sum(parts) + examples
    assert html.count('class="legpain-plot"') == expected == len(lesson.figures)
    # every key point of the lesson is on a slide (first words, read from the notebook here)
    markdown = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    block = markdown[markdown.index("## Key points"):]
    firsts = [re.sub(r"[*_`]", "", m)[:25] for m in re.findall(r"^- (.+)$", block.split("\n\n## ")[0], re.M)]
    assert firsts, f"{path.name}: no key points found"
    text = unescape(re.sub(r"<[^>]+>", "", html))
    for first in firsts:
        assert first in text, first


@pytest.mark.parametrize("path", LESSONS, ids=[p.stem for p in LESSONS])
def test_decks_load_nothing_from_the_internet_and_leave_solutions_out(path):
    nb, lesson, html = _deck(path)
    for url in re.findall(r'(?:src|href)="([^"]+)"', html):
        assert not re.match(r"(https?:)?//", url), url
    assert "cdn" not in html.lower()
    for cell in nb["cells"]:
        if nv.hidden_kind(cell) == "solution":
            for line in "".join(cell["source"]).splitlines():
                plain = re.sub(r"<[^>]+>|\*\*", "", line).strip()
                if len(plain) > 30:
                    assert plain not in html, f"{path.name}: solution text on a slide: {plain}"
    # the instructor notes are the speaker notes, and only there
    if any(nv.hidden_kind(c) == "instructor" for c in nb["cells"]):
        assert html.count('<aside class="notes">') == 1
        notes = html[html.index('<aside class="notes">'):html.index("</aside>")]
        assert "Timing." in notes and "<details" not in notes


def test_markdown_is_escaped_and_lesson_links_point_at_decks():
    nb = {"cells": [
        {"cell_type": "markdown", "metadata": {}, "source": "# A <b>bold</b> title\n\n### Objectives\n- Say **why**\n"},
        {"cell_type": "markdown", "metadata": {}, "source": "## Key points\n\n- <script>alert(1)</script> stays text\n- see [lesson 2](02_b.ipynb)\n"},
    ]}
    html = slides.render_deck(slides.read_lesson(nb, "01_a.ipynb"))
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
    assert "<b>bold</b>" not in html
    assert "<strong>why</strong>" in html
    assert 'href="02_b.slides.html"' in html


def test_instructor_notes_become_speaker_notes_with_their_lists():
    notes = ("<details><summary>Instructor notes</summary>\n\n**Timing.** Ten minutes.\n\n"
             "**Common misconceptions.**\n- First <b>one</b>,\n  carried on.\n- Second.\n\nA closing line.\n</details>")
    assert slides._notes_html(notes) == (
        "<p><strong>Timing.</strong> Ten minutes.</p>\n"
        "<p><strong>Common misconceptions.</strong></p>\n"
        "<ul><li>First &lt;b&gt;one&lt;/b&gt;, carried on.</li><li>Second.</li></ul>\n"
        "<p>A closing line.</p>"
    )


def test_figures_inside_widgets_are_found_in_the_widget_state():
    figure = {"_widget_data": [{"type": "bar", "x": [1, 2], "y": [3, 4]}], "_widget_layout": {"height": 300}, "_config": {}}
    empty = {"_widget_data": [{"type": "bar", "x": [], "y": []}], "_widget_layout": {}, "_config": {}}
    state = {
        "box": {"model_name": "VBoxModel", "state": {"children": ["IPY_MODEL_empty", "IPY_MODEL_fig"]}},
        "fig": {"model_name": "AnyModel", "state": figure},
        "empty": {"model_name": "AnyModel", "state": empty},
    }
    nb = {
        "metadata": {"widgets": {slides.WIDGET_STATE: {"state": state}}},
        "cells": [
            {"cell_type": "markdown", "metadata": {}, "source": "# Title\n\n## Part 1"},
            {"cell_type": "code", "metadata": {}, "source": "show()", "outputs": [
                {"output_type": "display_data", "data": {slides.WIDGET_MIME: {"model_id": "box"}}}]},
        ],
    }
    lesson = slides.read_lesson(nb, "01_a.ipynb")
    assert [(f.heading, f.spec["data"]) for f in lesson.figures] == [("Part 1", figure["_widget_data"])]


def test_a_tall_heatmap_is_cut_into_slides_that_keep_every_row_once():
    rows = 20
    spec = {
        "data": [{"type": "heatmap", "z": [[r, r] for r in range(rows)], "y": list(range(rows)),
                  "text": [[str(r)] * 2 for r in range(rows)]}],
        "layout": {"height": 2000, "margin": {"t": 100, "b": 40},
                   "yaxis": {"tickvals": list(range(rows)), "ticktext": [f"row {r}" for r in range(rows)], "range": [0, 19]},
                   "shapes": [{"type": "rect"}]},
    }
    parts = slides.split_tall_heatmap(spec)
    assert len(parts) > 1
    assert [y for p in parts for y in p["data"][0]["y"]] == list(range(rows))
    assert [z[0] for p in parts for z in p["data"][0]["z"]] == list(range(rows))
    for part in parts:
        ys = part["data"][0]["y"]
        assert part["layout"]["yaxis"]["ticktext"] == [f"row {y}" for y in ys]
        assert part["layout"]["height"] <= slides.FIGURE_HEIGHT  # each part fits the slide's figure space
        assert "range" not in part["layout"]["yaxis"] and "shapes" not in part["layout"]
        assert part["layout"]["yaxis"]["autorange"] == "reversed"  # the part's first row at the top, as in the notebook
        assert slides.slide_figure(part)["layout"]["font"]["size"] >= slides.MIN_FIGURE_FONT
    small = {"data": [{"type": "heatmap", "z": [[1]], "y": [0]}], "layout": {"height": 400}}
    assert slides.split_tall_heatmap(small) == [small]


def test_a_tall_chart_of_named_rows_is_cut_into_slides_that_keep_every_point_once():
    names = [f"measure {n}" for n in range(12)]
    spec = {"data": [{"type": "scatter", "mode": "markers+text", "y": names[::2], "x": list(range(6)), "text": ["a"] * 6},
                     {"type": "scatter", "mode": "markers+text", "y": names[1::2], "x": list(range(6)), "text": ["b"] * 6,
                      "marker": {"color": ["#000000"] * 6, "size": 16}}],
            "layout": {"height": 160 + 56 * 12, "margin": {"t": 70, "b": 90}, "yaxis": {"categoryarray": names}}}
    parts = slides.split_tall_rows(spec)
    assert len(parts) > 1
    assert sorted(y for p in parts for t in p["data"] for y in t["y"]) == sorted(names)
    for part in parts:
        assert part["layout"]["height"] <= slides.FIGURE_HEIGHT
        shown = [y for t in part["data"] for y in t["y"]]
        assert part["layout"]["yaxis"]["categoryarray"] == [n for n in names if n in shown]
        for trace in part["data"]:
            assert len(trace["x"]) == len(trace["y"]) == len(trace["text"])
            if "marker" in trace:
                assert len(trace["marker"]["color"]) == len(trace["y"]) and trace["marker"]["size"] == 16
        assert slides.slide_figure(part)["layout"]["height"] == part["layout"]["height"]
    short = {"data": [{"type": "bar", "y": ["a", "b"], "x": [1, 2]}], "layout": {"height": 400}}
    assert slides.split_tall_rows(short) == [short]


def test_row_names_of_a_split_heatmap_are_one_line_with_their_level_kept():
    long = "<b>⚠ Sudden breathlessness, chest pain on</b><br><b>breathing in, … (Emergency)</b>"
    assert slides._one_line(long) == "<b>⚠ Sudden breathlessness … (Emergency)</b>"
    assert slides._one_line("Leg cramps<br>at night") == "Leg cramps at night"
    assert "<br>" not in slides._one_line("a<br>b") and slides._one_line("A &amp; B") == "A &amp; B"


def test_the_checker_slide_is_a_worked_example_with_its_banner_in_the_lessons_order():
    path = NOTEBOOKS / "08_symptom_advice_matrix.ipynb"
    nb, lesson, html = _deck(path)
    headings = [f.heading for f in lesson.figures]
    example = next(f for f in lesson.figures if f.banner)
    assert example.heading == "Part 2: the symptom checker: a worked example"
    assert example.heading in headings
    # Among the other parts' figures it takes its place in the lesson's order: after Part 1, before Part 3.
    run = slides.Lesson(name=path.name, title=lesson.title, figures=[
        slides.Figure("Part 1: the matrix (1 of 2)", {}), slides.Figure("Part 1: the matrix (2 of 2)", {}),
        slides.Figure("Part 3: the body map", {})])
    slides.add_worked_example(run, [lesson.title, "Part 1: the matrix", "Part 2: the symptom checker", "Part 3: the body map"])
    assert [f.heading for f in run.figures] == ["Part 1: the matrix (1 of 2)", "Part 1: the matrix (2 of 2)",
                                                 "Part 2: the symptom checker: a worked example", "Part 3: the body map"]
    assert "legpain-banner" in example.banner and "week 30" in example.intro
    assert [t["type"] for t in example.spec["data"]] == ["bar"] and example.spec["data"][0]["x"]
    assert 'class="legpain-example-banner"' in html


def test_the_worked_example_shows_the_checkers_banner_with_the_level_and_the_route():
    from legpain.content import load_course
    from legpain.content.lessons.slides import load_checker_example
    from legpain.explorer.checker import assessment_view_html
    from legpain.triage import assess

    course = load_course()
    example = load_checker_example("08_symptom_advice_matrix", course)
    result = assess(example.symptoms, weeks=example.weeks, course=course)
    route = result.advice[0]
    assert route.kind == "route"
    banner = slides.worked_example("08_symptom_advice_matrix.ipynb")[1].banner
    words = " ".join(unescape(re.sub(r"<[^>]+>", " ", banner)).split())
    assert result.level.label.upper() in words
    assert f"What to do first: {route.text}" in words
    # The very banner the notebook's checker shows for these ticks (its template and function), and
    # nothing of the lists under it: the slide shows the likely causes as a chart.
    shown = re.search(r'<div class="legpain-banner .*?</div>', banner, re.S)
    assert shown is not None and shown.group(0) in assessment_view_html(result, course)
    assert "legpain-causes" not in banner and "legpain-advice" not in banner and "Why:" not in banner


def test_slide_figures_fit_the_slide_in_large_type():
    spec = {"data": [{"type": "bar", "x": [1], "y": [2], "textfont": {"size": 16}}],
            "layout": {"height": 420, "width": 900, "font": {"size": 16}, "title": {"text": "T"}, "xaxis": {}}}
    out = slides.slide_figure(spec)
    assert (out["layout"]["width"], out["layout"]["height"]) == (slides.FIGURE_WIDTH, slides.FIGURE_HEIGHT)
    assert out["layout"]["font"]["size"] == slides.FIGURE_FONT > 16
    assert out["layout"]["title"]["font"]["size"] == slides.FIGURE_FONT + 4
    assert out["data"][0]["textfont"]["size"] > 16
    assert out["layout"]["xaxis"]["automargin"] is True
    assert spec["layout"]["width"] == 900  # the lesson's own figure is not changed


def test_bullets_are_split_so_that_each_slide_fits():
    items = [f"item {n} " + "word " * (10 + 12 * (n % 3)) for n in range(9)]
    parts = slides.chunks(items)
    assert [i for part in parts for i in part] == items
    for part in parts:
        assert len(part) <= slides.MAX_ITEMS
        lines = sum(max(1, -(-len(i) // slides.LINE_CHARS)) for i in part)
        assert lines <= slides.SLIDE_LINES or len(part) == 1


def test_a_missing_reveal_js_gives_a_clear_message(tmp_path):
    with pytest.raises(slides.SlidesError, match=r"make slides` installs reveal.js 5\.2\.1 from npm"):
        slides.check_reveal(tmp_path / "nowhere")
    (tmp_path / "package.json").write_text('{"version": "4.0.0"}')
    with pytest.raises(slides.SlidesError, match="4.0.0 found"):
        slides.check_reveal(tmp_path)


def test_the_makefile_pins_the_reveal_js_the_decks_are_made_for():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(rf"^REVEAL_JS\s*:=\s*{re.escape(slides.REVEAL_VERSION)}$", makefile, re.M)


def test_a_summary_too_long_for_its_figure_slide_gets_a_slide_of_its_own():
    spec = {"data": [{"type": "bar", "x": [1], "y": [2]}], "layout": {"height": 420}}
    short, long = "Two bars.", "The chart shows " + "a long sentence about many rows, " * 12
    lesson = slides.Lesson(name="01_a.ipynb", title="T", figures=[slides.Figure("A", spec, short), slides.Figure("B", spec, long)])
    html = slides.render_deck(lesson)
    assert html.count('class="legpain-summary"') == 1 and "Two bars." in html
    assert html.count('class="legpain-words-slide"') == 1 and "<h2>B: in words</h2>" in html
    assert slides.summary_room(short) == 0 < slides.summary_room(long)
