"""A question's words in the two forms the formats want: HTML (escaped by a template) and plain text.

HTML comes from the autoescaping templates ``lms_paragraphs.html`` and
``lms_general_feedback.html``; nothing here joins unescaped text into markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from ..templating import render
from .bank import Citation, ExportQuestion

ANSWER_LABEL = "Answer:"
SOURCES_LABEL = "Sources:"


@dataclass(frozen=True)
class _CitationView:
    citation: str
    year_note: Optional[str]
    url: Optional[str]


def html(text: str) -> str:
    """Plain text as HTML paragraphs (a line break in the text starts a new paragraph)."""
    lines = [line.strip() for line in text.splitlines() if line.strip()] or [""]
    return render("lms_paragraphs.html", lines=lines)


def _view(citation: Citation) -> _CitationView:
    year = citation.year
    note = f"({year})" if year is not None and str(year) not in citation.citation else None
    return _CitationView(citation.citation, note, citation.url)


def general_feedback_html(question: ExportQuestion) -> str:
    right = question.question.options[question.answer]
    return render(
        "lms_general_feedback.html",
        answer_label=ANSWER_LABEL,
        answer=right.text,
        reasoning=right.feedback,
        sources_label=SOURCES_LABEL,
        citations=[_view(c) for c in question.citations],
    )
