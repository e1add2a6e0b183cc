"""GIFT, Moodle's plain-text question format: ``$CATEGORY`` lines, then one question each.

Text is HTML (``[html]``), escaped by the templates, then GIFT's special characters
(``~ = # { } :`` and the backslash) are escaped with a backslash. Each question carries its
stable id and a tag in the comment line before it (``// [id:...] [tag:...]``, read by Moodle 4).
"""

from __future__ import annotations

import re
from typing import Sequence

from .bank import Section
from .moodle import category_path
from .text import general_feedback_html, html

_SPECIAL = re.compile(r"([\\~=#{}:])")
HEADER = "// Leg pain in pregnancy: the course's questions in GIFT (python -m legpain export-quiz).\n"


def escape(text: str) -> str:
    """Escape GIFT's special characters; a line break would end the question's text, so it becomes a space."""
    return _SPECIAL.sub(r"\\\1", " ".join(text.splitlines()))


def gift(sections: Sequence[Section]) -> str:
    lines = [HEADER]
    for section in sections:
        lines.append(f"$CATEGORY: {category_path(section)}\n")
        for exported in section.questions:
            q = exported.question
            lines.append(f"// [id:{exported.uid}] [tag:{section.key}]")
            lines.append(f"::{escape(q.id)}::[html]{escape(html(q.prompt))}{{")
            for option in q.options:
                mark = "=" if option.correct else "~"
                lines.append(f"{mark}{escape(html(option.text))}#{escape(html(option.feedback))}")
            lines.append(f"####{escape(general_feedback_html(exported))}")
            lines.append("}\n")
    return "\n".join(lines)
