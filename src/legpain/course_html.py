"""HTML for assessments, tables and references, from templates that escape every value (see templating.py)."""

from __future__ import annotations

from typing import Any, Iterable, Optional

from .content import Course, load_course
from .levels import Level
from .palette import LEVEL_STYLE
from .templating import markup, render
from .triage import Assessment


def level_banner_html(level: Level, large: bool = False, course: Optional[Course] = None) -> str:
    """A banner that shows the level in words, a symbol and colour, and what to do (from data/levels.csv)."""
    course = course or load_course()
    return render(
        "banner.html", level=level, style=LEVEL_STYLE[level], size="1.6em" if large else "1.2em", action=course.levels[level].action
    )


def source_rows(source_ids: Iterable[str], course: Course) -> list[Any]:
    """The rows of data/sources.csv for these ids, in order, each once."""
    return [course.sources[source_id] for source_id in dict.fromkeys(source_ids)]


LARGE_FONT = "16px"  # the size of a message to the learner
MESSAGE_SYMBOLS = {"info": "ℹ", "error": "⚠", "success": "✔"}


def message_html(text: str, kind: str = "info") -> str:
    """A short message for the learner. ``kind`` is 'info', 'error' or 'success'."""
    role = "alert" if kind == "error" else "status"
    return render("message.html", kind=kind, role=role, size=LARGE_FONT, symbol=MESSAGE_SYMBOLS[kind], text=text)


def summary_html(summary: str) -> str:
    """A figure's text summary, shown beside it."""
    return render("figure_summary.html", summary=summary)


def assessment_html(assessment: Assessment, course: Optional[Course] = None, large: bool = False) -> str:
    """The whole assessment: banner, red flags, why, ranked causes and advice with sources."""
    course = course or load_course()
    advice = [
        {
            "kind": item.kind,
            "heading": f"If it changes ({item.level.label})" if item.kind == "safety-net" else item.level.label,
            "text": item.text,
            "sources": source_rows(item.source_ids, course),
        }
        for item in assessment.advice
    ]
    return render(
        "assessment.html",
        banner=markup(level_banner_html(assessment.level, large, course)),
        red_flags=[course.symptoms[s].label for s in assessment.red_flags],
        reasons=assessment.reasons,
        causes=[course.causes[c].name for c in assessment.causes],
        advice=advice,
    )


def references_html(source_ids: Iterable[str], course: Optional[Course] = None) -> str:
    """A numbered reference list, in the order given, without repeats."""
    course = course or load_course()
    return render("references.html", sources=source_rows(dict.fromkeys(source_ids), course))


def course_map_html(course: Optional[Course] = None) -> str:
    """A table of the lessons, with links to the notebooks."""
    course = course or load_course()
    return render("course_map.html", lessons=list(course.lessons.values()))


def glossary_html(course: Optional[Course] = None) -> str:
    """The glossary as a table of terms and meanings, with US terms and sources."""
    course = course or load_course()
    entries = [
        {"term": e.term, "us_term": e.us_term, "definition": e.definition, "sources": source_rows(e.source_ids, course)} for e in course.glossary
    ]
    return render("glossary.html", entries=entries)
