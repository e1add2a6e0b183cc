"""HTML for assessments, tables and references. Every string from data/ is escaped."""

from __future__ import annotations

from html import escape
from typing import Iterable, Optional

from .data import Course, load_course
from .levels import Level
from .palette import LEVEL_STYLE
from .triage import Assessment

def level_banner_html(level: Level, large: bool = False, course: Optional[Course] = None) -> str:
    """A banner that shows the level in words, a symbol and colour, and what to do (from data/levels.csv)."""
    course = course or load_course()
    style = LEVEL_STYLE[level]
    size = "1.6em" if large else "1.2em"
    return (
        f'<div class="legpain-banner legpain-level-{level.value}" role="status" aria-live="polite" '
        f'style="background:{style["fill"]};color:{style["text"]};padding:0.6em 1em;'
        f'border:3px solid #000;border-radius:6px;font-size:{size};font-weight:bold">'
        f'<span aria-hidden="true">{style["symbol"]}</span> {escape(level.label.upper())} — '
        f"{escape(course.levels[level].action)}</div>"
    )


def source_links_html(source_ids: Iterable[str], course: Optional[Course] = None) -> str:
    """Short bracketed source keys, each with its full citation as a tooltip."""
    course = course or load_course()
    parts = []
    for source_id in source_ids:
        source = course.sources[source_id]
        parts.append(f'<abbr title="{escape(source.citation)}">{escape(source_id)}</abbr>')
    return "[" + ", ".join(parts) + "]"


def assessment_html(assessment: Assessment, course: Optional[Course] = None, large: bool = False) -> str:
    """The whole assessment: banner, red flags, ranked causes and advice with sources."""
    course = course or load_course()
    html = [level_banner_html(assessment.level, large, course)]
    if assessment.red_flags:
        flags = "".join(f"<li>{escape(course.symptoms[s].label)}</li>" for s in assessment.red_flags)
        html.append(f'<p><strong>Red flags that set this level:</strong></p><ul class="legpain-red-flags">{flags}</ul>')
    if assessment.reasons:
        reasons = "".join(f"<li>{escape(r)}</li>" for r in assessment.reasons)
        html.append(f"<p><strong>Why:</strong></p><ul>{reasons}</ul>")
    if assessment.causes:
        causes = "".join(f"<li>{escape(course.causes[c].name)}</li>" for c in assessment.causes)
        html.append(f'<p><strong>Likely causes, most likely first:</strong></p><ol class="legpain-causes">{causes}</ol>')
    advice = "".join(
        f"<li><strong>{escape(item.level.label)}:</strong> {escape(item.text)} {source_links_html(item.source_ids, course)}</li>"
        for item in assessment.advice
    )
    html.append(f'<p><strong>What to do:</strong></p><ul class="legpain-advice">{advice}</ul>')
    return '<div class="legpain-assessment">' + "".join(html) + "</div>"


def references_html(source_ids: Iterable[str], course: Optional[Course] = None) -> str:
    """A numbered reference list, in the order given, without repeats."""
    course = course or load_course()
    items = []
    for source_id in dict.fromkeys(source_ids):
        source = course.sources[source_id]
        link = f' <a href="{escape(source.url)}">{escape(source.url)}</a>' if source.url else ""
        items.append(f'<li id="ref-{escape(source_id)}"><strong>[{escape(source_id)}]</strong> {escape(source.citation)}{link}</li>')
    return '<ol class="legpain-references">' + "".join(items) + "</ol>"


def course_map_html(course: Optional[Course] = None) -> str:
    """A table of the lessons, with links to the notebooks."""
    course = course or load_course()
    rows = "".join(
        f'<tr><td><a href="{escape(lesson.notebook)}">{escape(lesson.title)}</a></td>'
        f"<td>{lesson.minutes} min</td><td>{escape(lesson.summary)}</td></tr>"
        for lesson in course.lessons.values()
    )
    return (
        '<table class="legpain-course-map"><caption>The lessons of the course</caption>'
        '<thead><tr><th scope="col">Lesson</th><th scope="col">Time</th><th scope="col">What it covers</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
    )


def glossary_html(course: Optional[Course] = None) -> str:
    """The glossary as a definition list, with US terms and sources."""
    course = course or load_course()
    items = []
    for entry in course.glossary:
        us = f" (US: {escape(entry.us_term)})" if entry.us_term else ""
        items.append(
            f"<dt><strong>{escape(entry.term)}</strong>{us}</dt>"
            f"<dd>{escape(entry.definition)} {source_links_html(entry.source_ids, course)}</dd>"
        )
    return '<dl class="legpain-glossary">' + "".join(items) + "</dl>"
