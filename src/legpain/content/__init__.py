"""The content layer: every data file's model, its loader and the shared field types.

The package's one way into ``data/``: every other module imports these names from here.
"""

from .course import DEFAULT_DATA_DIR, Course, load_course
from .errors import DataError
from .fields import SNAKE_ID, SOURCE_ID
from .lessons import lesson_file, lesson_section, lesson_source_ids, source_order
from .models import (
    Advice, Cause, Destination, GlossaryTerm, LeftInterpretation, LeftLimits, LeftPoint, LeftRule, Lesson, LevelInfo,
    MatrixRow, Region, Rule, Source, Symptom,
)

__all__ = [
    "Advice", "Cause", "Course", "DEFAULT_DATA_DIR", "DataError", "Destination", "GlossaryTerm", "LeftInterpretation", "LeftLimits",
    "LeftPoint", "LeftRule", "Lesson", "LevelInfo", "MatrixRow", "Region", "Rule", "SNAKE_ID", "SOURCE_ID",
    "Source", "Symptom", "lesson_file", "lesson_section", "lesson_source_ids", "load_course", "source_order",
]
