"""Leg pain in pregnancy: an interactive course for midwifery students.

For learning only: it does not diagnose or advise a real person.
"""

from .content import Course, DataError, load_course
from .left import LeftResult, left_score
from .levels import LEVELS, Level
from .triage import AdviceItem, Assessment, assess, level_for
from .vte import VteRiskResult, vte_risk

__all__ = [
    "AdviceItem",
    "Assessment",
    "Course",
    "DataError",
    "LEVELS",
    "LeftResult",
    "Level",
    "VteRiskResult",
    "assess",
    "left_score",
    "level_for",
    "load_course",
    "vte_risk",
]
__version__ = "0.1.0"
