"""Course HTML shown in a notebook keeps a plain-text form made of its own words."""

from __future__ import annotations

from typing import Any

import legpain.html_output as html_output
from legpain.figures import summary_html
from legpain.html_output import html_text
from legpain.course_html import references_html
from legpain.templating import style_html


def test_words_one_block_per_line_and_entities_decoded():
    html = "<ol><li><strong>[S1]</strong> Pain &amp; <em>pelvis</em></li><li>Second\n   item</li></ol>"
    assert html_text(html) == "[S1] Pain & pelvis\nSecond item"


def test_styles_and_scripts_are_not_words():
    assert html_text(style_html() + "<p>Visible</p><script>alert(1)</script>") == "Visible"


def test_table_cells_stay_apart():
    assert html_text("<table><tr><th>Term</th><th>Meaning</th></tr><tr><td>DVT</td><td>A clot</td></tr></table>") == "Term Meaning\nDVT A clot"


def test_a_summary_reads_as_its_sentence():
    assert html_text(summary_html("Risk is <5 & rising.")) == "In words: Risk is <5 & rising."


def test_show_html_stores_words_not_a_repr(monkeypatch):
    shown: list[tuple[Any, dict[str, Any]]] = []
    monkeypatch.setattr(html_output, "display", lambda obj, **kw: shown.append((obj, kw)))
    html = references_html(["S1"])
    html_output.show_html(html)
    [(bundle, options)] = shown
    assert options == {"raw": True}
    assert bundle["text/html"] == html
    assert bundle["text/plain"].startswith("[S1] ") and "object>" not in bundle["text/plain"]
