"""Lesson 10 widgets: the RCOG Green-top 37a risk assessment and the SBAR builder.

Both are thin: the callbacks are :func:`legpain.postnatal.vte_risk_html`,
:func:`legpain.postnatal.compare_sbar` and :func:`legpain.postnatal.sbar_feedback_html`, tested
with pytest. Each is shown with :func:`legpain.widgets.show_widget`, so a saved notebook reads
"Run the notebook ... to use ..." where widgets cannot run, never a Python repr.
"""

from __future__ import annotations

from typing import Any, Optional

import ipywidgets as widgets

from ..content import Course, load_course
from ..content.lessons.postnatal import load_sbar, load_vte_tool
from ..postnatal import case_story_html, compare_sbar, sbar_feedback_html, sbar_progress_html, vte_risk_html
from ..templating import render
from ..vte import load_vte_risk
from . import LABEL_STYLE, heading_html, output_area, show_widget

TEXTAREA_LABEL_WIDTH = "10.5em"  # the same for the four parts, so that the text areas line up


def _panel(children: list[widgets.Widget], css_class: str) -> widgets.VBox:
    """A widget's box; its style is in the course stylesheet, which show_widget adds."""
    panel = widgets.VBox(children)
    panel.add_class(css_class)
    return panel


# ---------------------------------------------------------------- RCOG risk assessment


def vte_risk_widget(course: Optional[Course] = None) -> widgets.VBox:
    """A stage choice and one tick box per risk factor, grouped; the result updates on every change."""
    course = course or load_course()
    words = load_vte_tool(course)
    factors = load_vte_risk(course).factors
    stage = widgets.RadioButtons(
        options=[(s.label, s.id) for s in words.stages],
        value=words.stages[0].id,
        description=words.stage_prompt,
        style=LABEL_STYLE,
        layout=widgets.Layout(width="auto"),
    )
    boxes = {
        factor.id: widgets.Checkbox(value=False, description=factor.label, indent=False, layout=widgets.Layout(width="auto"))
        for factor in factors.values()
    }
    output = output_area()

    def update(_: Any = None) -> None:
        output.value = vte_risk_html([i for i, box in boxes.items() if box.value], stage.value, course)

    stage.observe(update, names="value")
    for box in boxes.values():
        box.observe(update, names="value")
    update()
    groups = []
    for group in words.groups:
        members = [boxes[f.id] for f in factors.values() if f.group == group.id]
        groups.append(widgets.VBox([widgets.HTML(render("strong.html", text=group.label)), *members]))
    # The factors and the result side by side; the list of factors scrolls inside its own frame
    # (as the symptom checker's tick boxes do), so the score stays in view beside whichever box is
    # ticked. On a narrow screen the two columns wrap.
    checklist = widgets.VBox(groups, layout=widgets.Layout(flex="1 1 420px"))
    checklist.add_class("legpain-scroll-list")
    result = widgets.VBox([output], layout=widgets.Layout(flex="1 1 360px"))
    result.add_class("legpain-result-column")
    columns = widgets.HBox([checklist, result], layout=widgets.Layout(flex_flow="row wrap", align_items="flex-start", grid_gap="1em"))
    return _panel(
        [widgets.HTML(heading_html(words.title)), widgets.HTML(render("paragraph.html", text=words.intro)), stage, columns],
        "legpain-vte-tool",
    )


def show_vte_risk_tool() -> None:
    """Show the RCOG Green-top 37a risk assessment."""
    course = load_course()
    show_widget(vte_risk_widget(course), load_vte_tool(course).what)


# ---------------------------------------------------------------- SBAR builder


def sbar_builder(case_id: Optional[str] = None, course: Optional[Course] = None) -> widgets.VBox:
    """Choose a case, write S, B, A and R, press Compare: the key points found and the model answer."""
    course = course or load_course()
    sbar = load_sbar(course)
    chooser = widgets.Dropdown(
        options=[(f"{i}. {c.title}", c.id) for i, c in enumerate(sbar.cases, start=1)],
        value=case_id or sbar.cases[0].id,
        description="Case:",
        style=LABEL_STYLE,
        layout=widgets.Layout(width="auto", min_width="320px"),
    )
    story = output_area()
    areas = {
        part.id: widgets.Textarea(
            value="",
            placeholder=part.prompt,
            description=f"{part.letter}: {part.label}",
            style={"description_width": TEXTAREA_LABEL_WIDTH},
            layout=widgets.Layout(width="95%", height="5.5em"),
        )
        for part in sbar.parts
    }
    compare = widgets.Button(description="Compare with the model answer", button_style="primary",
                             tooltip="Compare your SBAR with the model answer", layout=widgets.Layout(width="auto"))
    progress = output_area()
    feedback = output_area()

    def answers() -> dict[str, str]:
        return {key: area.value for key, area in areas.items()}

    def on_case(_: Any = None) -> None:
        story.value = case_story_html(chooser.value, sbar)
        for area in areas.values():
            area.value = ""
        feedback.value = ""

    def on_text(_: Any) -> None:
        progress.value = sbar_progress_html(answers(), sbar)

    def on_compare(_: Any) -> None:
        comparison = compare_sbar(chooser.value, answers(), sbar)
        feedback.value = sbar_feedback_html(comparison, sbar, course)

    chooser.observe(on_case, names="value")
    for area in areas.values():
        area.observe(on_text, names="value")
    compare.on_click(on_compare)
    on_case()
    return _panel(
        [widgets.HTML(heading_html(sbar.title)), widgets.HTML(render("paragraph.html", text=sbar.intro)), chooser, story,
         *areas.values(), progress, widgets.HBox([compare]), feedback],
        "legpain-sbar-builder",
    )


def show_sbar_builder() -> None:
    """Show the SBAR builder."""
    course = load_course()
    show_widget(sbar_builder(course=course), load_sbar(course).what)
