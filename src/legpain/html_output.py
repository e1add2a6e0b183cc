"""Show course HTML in a notebook with a plain-text form a reader can use.

``IPython.display.HTML`` stores ``<IPython.core.display.HTML object>`` as its plain text, which is
what a text-only view of the notebook shows (a terminal, a plain-text export, a diff of the file).
Here the plain text is the HTML's own words, one block per line.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from IPython.display import display

# Elements that start a new line in the plain-text form.
BLOCKS = frozenset({"p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "br", "table", "ul", "ol", "dt", "dd", "section", "caption"})
# Elements whose content is not reading matter.
HIDDEN = frozenset({"style", "script"})


class _Words(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in HIDDEN:
            self.hidden += 1
        elif tag in BLOCKS:
            self.parts.append("\n")
        elif tag in ("td", "th"):
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(re.sub(r"\s+", " ", data))


def html_text(html: str) -> str:
    """The words of ``html``, one block element per line, spaces collapsed."""
    parser = _Words()
    parser.feed(html)
    parser.close()
    lines = (re.sub(r" +", " ", line).strip() for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line)


def show_html(html: str) -> None:
    """Display ``html``; its plain-text form is its words, not a Python repr."""
    display({"text/html": html, "text/plain": html_text(html)}, raw=True)
