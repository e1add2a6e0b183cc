"""Shared by the lesson widgets that run the triage engine: one line on what the red flags did.

A symptom counts as a red flag when the engine says so at the assessment's stage (its own
level at that stage is urgent or above), so the line never calls a symptom a red flag at a
stage where it is not one, and never misses one that the stage makes a red flag.
"""

from __future__ import annotations

from typing import Optional

from ..content import Course, load_course
from ..levels import Level
from ..triage import Assessment, level_for
from . import message_html


def escalation_html(result: Assessment, course: Optional[Course] = None) -> str:
    """One line comparing the assessed level with the level the other symptoms would give alone."""
    if result.nothing_selected:
        return ""
    course = course or load_course()
    flags = result.red_flags
    level = result.level.label
    if not flags:
        where = f" at {result.stage.describe()}" if result.stage.known else ""
        return message_html(f"None of these is a red flag{where}, so the level is “{level}”.", "info")
    others = [s for s in result.symptoms if s not in flags]
    base = level_for(others, result.weeks, course, result.days_after_birth) if others else Level.SELF_CARE
    plural = len(flags) > 1
    if base >= result.level:
        return message_html(f"The level is “{level}”; the other symptoms together would already set it.", "info")
    return message_html(
        f"Without the red flag{'s' if plural else ''}, the level would be “{base.label}”. "
        f"{f'The {len(flags)} red flags raise' if plural else 'The red flag raises'} it to “{level}”: "
        "a red flag always escalates, whatever else is present.",
        "info",
    )
