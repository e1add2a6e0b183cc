"""Lesson 10 (the weeks after the birth): its data and the plain callbacks behind its widgets.

Every word the lesson shows is in ``data/lessons/10_after_the_birth.yaml`` (and, for the risk
assessment, in ``data/vte_risk_*.csv``), validated once per data folder by
:mod:`legpain.content.lessons.postnatal`. This module turns it into HTML with the package's
templates (``legpain/templates``), which escape every value:

* :func:`vte_risk_html` wraps :func:`legpain.vte_risk` for the RCOG Green-top 37a widget;
* :func:`compare_sbar` compares a student's SBAR handover with a case's model answer, and
  :func:`sbar_feedback_html` shows the comparison.

Nothing here imports ipywidgets' controls or draws a figure: ``legpain.widgets.postnatal`` and
``legpain.figures.postnatal`` do that, and call these functions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from collections.abc import Iterable, Mapping
from typing import Any, Optional

from .content import Course, load_course
from .content.lessons.postnatal import Sbar, load_sbar, load_vte_tool
from .course_html import level_banner_html, source_rows
from .sbar_routes import SbarRoutes, load_sbar_routes, route_notes
from .templating import markup, render
from .vte import load_vte_risk, vte_risk
from .widgets import message_html

# ---------------------------------------------------------------- the risk-assessment callback


def vte_risk_html(factor_ids: Any, stage: Any, course: Optional[Course] = None) -> str:
    """The callback of the risk-assessment widget: score, recommendation, counted factors and reasons.

    Bad input (an unknown stage or factor) gives the tool's own sentence as a message, never a traceback.
    """
    course = course or load_course()
    words = load_vte_tool(course)
    if isinstance(factor_ids, (str, bytes)) or not isinstance(factor_ids, Iterable):
        return message_html("Give the woman's risk factors as a list of factor ids, such as ['smoker'].", "error")
    try:
        result = vte_risk(list(factor_ids), stage, course)
    except ValueError as exc:
        return message_html(str(exc), "error")
    recommendation = load_vte_risk(course).recommendations[(result.stage, result.recommendation)]
    stage_label = next(s.label for s in words.stages if s.id == result.stage)
    return render(
        "vte_risk_result.html",
        score=result.score,
        stage=stage_label,
        recommendation=recommendation.label,
        factors=result.factors,
        lines=[{"text": line.text, "sources": source_rows(line.source_ids, course)} for line in result.explanation
               if line is not result.specialist_line],
        specialist=result.specialist_line
        and {"text": result.specialist_line.text, "sources": source_rows(result.specialist_line.source_ids, course)},
        note=words.note,
        note_sources=source_rows(words.source_ids, course),
    )


# ---------------------------------------------------------------- the SBAR callbacks


def _words(text: str) -> str:
    """Lower-case words separated by single spaces, with a space at each end, for whole-word matching."""
    return " " + " ".join(re.findall(r"[a-z0-9]+", text.casefold())) + " "


def mentions(text: str, phrases: Iterable[str]) -> bool:
    """Whether ``text`` contains any of the phrases as whole words ('c-section' matches 'c section')."""
    haystack = _words(text)
    return any(_words(phrase).strip() and _words(phrase) in haystack for phrase in phrases)


@dataclass(frozen=True)
class PartResult:
    """One SBAR part: the student's text, the key points found and missed, and the model answer."""

    id: str
    letter: str
    label: str
    answer: str
    covered: tuple[str, ...]
    missed: tuple[str, ...]
    model: str

    @property
    def empty(self) -> bool:
        return not self.answer


@dataclass(frozen=True)
class SbarComparison:
    """The comparison of a whole handover with the model answer (``parts`` empty when there is only a message)."""

    case_id: Optional[str]
    parts: tuple[PartResult, ...]
    message: Optional[str] = None
    route_notes: tuple[str, ...] = ()  # where and how soon, where the handover differs from the model answer

    @property
    def found(self) -> int:
        return sum(len(p.covered) for p in self.parts)

    @property
    def total(self) -> int:
        return sum(len(p.covered) + len(p.missed) for p in self.parts)


def compare_sbar(
    case_id: Any, answers: Mapping[str, Any], sbar: Optional[Sbar] = None, routes: Optional[SbarRoutes] = None
) -> SbarComparison:
    """Compare a student's four SBAR parts with the case's checklist and model answer.

    ``answers`` maps part ids to the text typed. A missing or blank part counts as empty; an
    unknown case, or an answer that is not text, gives a message instead of a comparison.
    The Recommendation is also read for where and how soon it sends the woman
    (``data/sbar_routes.yaml``): another destination or a slower urgency than the model's is named.
    """
    sbar = sbar or load_sbar()
    routes = routes or load_sbar_routes()
    case = sbar.case(case_id)
    if case is None:
        return SbarComparison(None, (), f"Choose one of the cases: {', '.join(c.title for c in sbar.cases)}.")
    if not isinstance(answers, Mapping):
        return SbarComparison(case.id, (), "Give the answers as the text of each SBAR part.")
    texts = {}
    for part in sbar.parts:
        value = answers.get(part.id)
        if value is None:
            value = ""
        if not isinstance(value, str):
            return SbarComparison(case.id, (), f"Type the {part.label} part as text.")
        texts[part.id] = value.strip()
    if not any(texts.values()):
        return SbarComparison(case.id, (), sbar.empty_message)
    parts = []
    for part in sbar.parts:
        text = texts[part.id]
        points = case.checklist[part.id]
        covered = tuple(p.point for p in points if text and mentions(text, p.any_of))
        missed = tuple(p.point for p in points if p.point not in covered)
        parts.append(PartResult(part.id, part.letter, part.label, text, covered, missed, case.model[part.id]))
    notes = route_notes(case.id, texts.get(routes.read_part, ""), routes, mentions)
    return SbarComparison(case.id, tuple(parts), route_notes=notes)


def sbar_progress_html(answers: Mapping[str, Any], sbar: Optional[Sbar] = None) -> str:
    """A status line while the student writes: which parts have text so far (empty when none)."""
    sbar = sbar or load_sbar()
    written = [p.letter for p in sbar.parts if isinstance(answers.get(p.id), str) and answers[p.id].strip()]
    if not written:
        return ""
    return message_html(f"Written so far: {', '.join(written)}. Press Compare with the model answer when you are ready.", "info")


def sbar_feedback_html(comparison: SbarComparison, sbar: Optional[Sbar] = None, course: Optional[Course] = None) -> str:
    """The comparison as the student sees it: each part with what was found and missed, then the model answer."""
    course = course or load_course()
    sbar = sbar or load_sbar(course)
    if comparison.message is not None:
        return message_html(comparison.message, "info")
    case = sbar.case(comparison.case_id)
    assert case is not None  # compare_sbar only returns parts for a known case
    part_sources = [s for p in sbar.parts for s in p.source_ids]
    return render(
        "sbar_feedback.html",
        parts=comparison.parts,
        found=comparison.found,
        total=comparison.total,
        check_note=sbar.check_note,
        route_notes=comparison.route_notes,
        banner=markup(level_banner_html(case.level, course=course)),
        document=case.document,
        sources=source_rows([*case.source_ids, *part_sources], course),
    )


def case_story_html(case_id: Any, sbar: Optional[Sbar] = None) -> str:
    """The case as the student first reads it."""
    sbar = sbar or load_sbar()
    case = sbar.case(case_id)
    if case is None:
        return message_html(f"Choose one of the cases: {', '.join(c.title for c in sbar.cases)}.", "info")
    return render("sbar_case_story.html", title=case.title, story=case.story)
