"""HTML shown to learners: the urgency banner and escaping."""

from __future__ import annotations

import re

import pytest

from legpain import Level, assess
from legpain.palette import LEVEL_STYLE, contrast_ratio
from legpain.course_html import assessment_html, level_banner_html


@pytest.mark.parametrize("level", list(Level))
def test_banner_names_the_level_once_in_words_with_a_symbol(level):
    html = level_banner_html(level)
    text = re.sub(r"<[^>]+>", "", html)
    assert level.label.upper() in text
    assert LEVEL_STYLE[level]["symbol"] in text
    first_word = level.label.split(":")[0].split(" ")[0].lower()
    assert text.lower().count(first_word) == 1, text
    assert f"legpain-level-{level.value}" in html and 'role="status"' in html


@pytest.mark.parametrize("level", list(Level))
def test_banner_text_passes_wcag_aa_contrast(level):
    style = LEVEL_STYLE[level]
    assert contrast_ratio(style["text"], style["fill"]) >= 4.5


def test_assessment_html_escapes_data_and_shows_sources():
    html = assessment_html(assess(["one_leg_swollen"]))
    assert "URGENT: SAME DAY" in html
    assert "<abbr title=" in html and "S54" in html
    assert "<script" not in html
