"""The course's clinical content from ``data/``, validated once when it loads.

The content layer lives in :mod:`legpain.content` (one model per data file, the readers and the
cross-checks); this module gives the rest of the package one short place to import it from. Every
problem in a data file is one :class:`DataError` that names the file, the row, the column and what
was expected.
"""

from .content import (
    DEFAULT_DATA_DIR, SNAKE_ID, SOURCE_ID, Advice, Cause, Course, DataError, GlossaryTerm, LeftInterpretation,
    LeftLimits, LeftPoint, LeftRule, Lesson, LevelInfo, MatrixRow, Region, Rule, Source, Symptom, lesson_file,
    lesson_section, lesson_source_ids, load_course, source_order,
)

__all__ = [
    "Advice", "Cause", "Course", "DEFAULT_DATA_DIR", "DataError", "GlossaryTerm", "LeftInterpretation", "LeftLimits",
    "LeftPoint", "LeftRule", "Lesson", "LevelInfo", "MatrixRow", "Region", "Rule", "SNAKE_ID", "SOURCE_ID",
    "Source", "Symptom", "lesson_file", "lesson_section", "lesson_source_ids", "load_course", "source_order",
]
