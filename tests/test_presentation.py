"""Presentation mode: the switch, and the stylesheet it puts on the page."""

from __future__ import annotations

import re

from legpain.presentation import LINE_CH, MIN_TEXT_PX, PROSE_PX, presentation_style, presentation_switch


def test_off_puts_nothing_on_the_page():
    assert presentation_style(False) == ""


def test_on_sets_large_type_a_readable_measure_and_black_on_white():
    css = presentation_style(True)
    assert f"font-size: {PROSE_PX}px" in css and PROSE_PX >= 22
    assert f"max-width: {LINE_CH}ch" in css and 45 <= LINE_CH <= 80
    assert "color: #000000" in css and "background: #FFFFFF" in css
    assert "body.voila" in css and ".jp-RenderedMarkdown" in css  # JupyterLab and Voila


def test_on_enlarges_the_text_set_small_elsewhere():
    """Stories set at 16px, and the tables, captions and small print JupyterLab draws at 13px, reach a projector's size."""
    css = presentation_style(True)
    for selector in (".legpain-case blockquote", ".legpain-sbar-case blockquote", ".legpain-scenario"):
        rule = re.search(re.escape(selector) + r"[^{]*\{([^}]*)\}", css)
        assert rule and f"font-size: {PROSE_PX}px !important" in rule.group(1), selector
    for element in ("table", "caption", "small"):
        for scope in (".jp-RenderedHTMLCommon", ".legpain-widget", "body.voila"):
            rule = re.search(re.escape(f"{scope} {element}") + r"[^{]*\{([^}]*)\}", css)
            assert rule and f"{MIN_TEXT_PX}px) !important" in rule.group(1), (scope, element)
    assert MIN_TEXT_PX >= 20


def test_switch_is_labelled_and_toggles_the_stylesheet():
    box = presentation_switch()
    switch, style, status = box.children
    assert switch.description == "Presentation mode" and switch.tooltip
    assert style.value == "" and status.value == ""
    switch.value = True
    assert re.search(r"<style class=\"legpain-presentation\">", style.value)
    assert "Presentation mode is on" in status.value
    switch.value = False
    assert style.value == "" and status.value == ""


def test_every_lesson_offers_presentation_mode():
    import json
    from pathlib import Path

    notebooks = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    assert notebooks
    for path in notebooks:
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        sources = ["".join(c["source"]) for c in cells[:3] if c["cell_type"] == "code"]
        assert any("show_presentation_mode()" in s for s in sources), path.name
