"""HTML from templates that escape every value: escaping is the default, not a habit.

Templates live in ``legpain/templates``. Pass plain values; a value that is already
HTML (made by another template) must be wrapped in :func:`markup` to pass through.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

TEMPLATES = Path(__file__).resolve().parent / "templates"


@lru_cache(maxsize=1)
def environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=False,
    )


@lru_cache(maxsize=1)
def stylesheet() -> str:
    """The course's one stylesheet, ``templates/course.css``, read once."""
    return (TEMPLATES / "course.css").read_text(encoding="utf-8")


def style_html() -> str:
    """The course stylesheet as a ``<style>`` element."""
    return render("style.html", css=Markup(stylesheet()))


def render(name: str, **values: Any) -> str:
    """Render ``templates/<name>`` with ``values``, escaping every one of them."""
    return environment().get_template(name).render(**values).strip()


def markup(html: str) -> Markup:
    """Mark a string of HTML, made by another template, as safe to insert as it is."""
    return Markup(html)
