"""One-line helpers that lesson notebooks call to show course content."""

from __future__ import annotations

from html import escape as _escape
from typing import Iterable, Optional

from IPython.display import HTML, display

from .data import source_order, lesson_source_ids, load_course
from .quiz import quiz_widget
from .render import assessment_html, course_map_html, glossary_html, references_html
from .triage import assess


def show_course_map() -> None:
    """Show the table of lessons."""
    display(HTML(course_map_html()))


def show_assessment(symptom_ids: Iterable[str], weeks: Optional[int] = None) -> None:
    """Show what the triage engine says for a set of symptom ids."""
    try:
        result = assess(symptom_ids, weeks)
    except ValueError as exc:
        display(HTML(f'<p class="legpain-message" role="alert">{_escape(str(exc))}</p>'))
        return
    display(HTML(assessment_html(result)))


def show_references(source_ids: Iterable[str]) -> None:
    """Show a numbered reference list for the given source ids."""
    display(HTML(references_html(source_ids)))


def show_symptom_list() -> None:
    """Show every symptom the course knows, grouped by body region."""
    course = load_course()
    parts = []
    for region in course.regions.values():
        items = "".join(
            f"<li><code>{_escape(s.id)}</code>: {_escape(s.label)}{' <strong>(red flag)</strong>' if s.red_flag else ''}</li>"
            for s in course.symptoms_in_region(region.id)
        )
        parts.append(f"<h4>{_escape(region.label)}</h4><ul>{items}</ul>")
    display(HTML("".join(parts)))



def show_quiz(lesson_id: str) -> None:
    """Show the lesson's self-check, with feedback and a second try after a wrong answer.

    The quiz box carries the course style inside it, so the cell has one output whose plain-text
    form is an instruction to the student.
    """
    display(quiz_widget(lesson_id))


def show_lesson_references(lesson_id: str) -> None:
    """Show every source behind the lesson, numbered in source order."""
    display(HTML(references_html(lesson_source_ids(lesson_id))))


def show_glossary() -> None:
    """Show the course glossary."""
    display(HTML(glossary_html()))


def show_bibliography() -> None:
    """Show every source of the course, in source order."""
    course = load_course()
    display(HTML(references_html(sorted(course.sources, key=source_order))))
