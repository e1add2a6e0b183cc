"""One-line helpers that lesson notebooks call to show course content."""

from __future__ import annotations

from typing import Iterable, Optional

from IPython.display import display

from .content import Course, source_order, lesson_source_ids, load_course
from .html_output import show_html
from .quiz import quiz_widget
from .course_html import assessment_html, course_map_html, glossary_html, references_html
from .templating import render
from .triage import assess


def show_course_map() -> None:
    """Show the table of lessons."""
    show_html(course_map_html())


def show_assessment(symptom_ids: Iterable[str], weeks: Optional[int] = None) -> None:
    """Show what the triage engine says for a set of symptom ids."""
    try:
        result = assess(symptom_ids, weeks)
    except ValueError as exc:
        show_html(render("alert.html", text=str(exc)))
        return
    show_html(assessment_html(result))


def show_references(source_ids: Iterable[str]) -> None:
    """Show a numbered reference list for the given source ids."""
    show_html(references_html(source_ids))


def symptom_list_html(course: Optional[Course] = None) -> str:
    """Every symptom the course knows, grouped by body region, with its id to use in code."""
    course = course or load_course()
    groups = [{"region": region, "symptoms": course.symptoms_in_region(region.id)} for region in course.regions.values()]
    return render("symptom_list.html", groups=groups)


def show_symptom_list() -> None:
    """Show every symptom the course knows, grouped by body region."""
    show_html(symptom_list_html())


def show_quiz(lesson_id: str) -> None:
    """Show the lesson's self-check, with feedback and a second try after a wrong answer.

    The quiz box carries the course style inside it, so the cell has one output whose plain-text
    form is an instruction to the student.
    """
    display(quiz_widget(lesson_id))


def show_lesson_references(lesson_id: str) -> None:
    """Show every source behind the lesson, numbered in source order."""
    show_html(references_html(lesson_source_ids(lesson_id)))


def show_glossary() -> None:
    """Show the course glossary."""
    show_html(glossary_html())


def show_bibliography() -> None:
    """Show every source of the course, in source order."""
    course = load_course()
    show_html(references_html(sorted(course.sources, key=source_order)))
