"""The LEFt rule for suspected deep vein thrombosis (DVT) in pregnancy."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Optional

from .content import Course, load_course


@dataclass(frozen=True)
class LeftResult:
    """A LEFt score with the points that made it and what it does and does not mean."""

    score: int
    points: list[str]
    meaning: str
    limits: str
    observed_dvt_percent: float
    source_ids: list[str]
    cohort: str
    women: int
    women_with_dvt: int

    @property
    def observed(self) -> str:
        """The observed rate with its denominator, such as '3 of 4 women (75%) in the OPTIMEV cohort'."""
        return f"{self.women_with_dvt} of {self.women} women ({self.observed_dvt_percent:g}%) in the {self.cohort}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "score": self.score,
            "points": list(self.points),
            "meaning": self.meaning,
            "limits": self.limits,
            "observed_dvt_percent": self.observed_dvt_percent,
            "cohort": self.cohort,
            "women": self.women,
            "women_with_dvt": self.women_with_dvt,
            "source_ids": list(self.source_ids),
        }


def _check_flag(name: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"'{name}' must be yes or no (True or False); you gave {value!r}.")
    return value


def check_calf_difference(value: Any, course: Optional[Course] = None) -> float:
    """Return a valid calf circumference difference in cm, or raise ValueError with advice."""
    course = course or load_course()
    limit = course.left_rule.max_plausible_calf_difference_cm
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ValueError(f"The calf difference must be a number of centimetres, such as 1.5; you gave {value!r}.")
    if value < 0:
        raise ValueError(
            f"The calf difference cannot be negative (you gave {value} cm). Measure both calves at the same "
            "height and enter the larger minus the smaller."
        )
    if value > limit:
        raise ValueError(
            f"A calf difference of {value} cm is more than {limit:g} cm, which is unlikely to be a real "
            "measurement. Check the tape measure and the units (centimetres)."
        )
    return float(value)


def left_score(left_leg: bool, calf_difference_cm: float, first_trimester: bool, course: Optional[Course] = None) -> LeftResult:
    """Score the LEFt rule: one point each for Left leg, oEdema (calf difference) and First trimester."""
    course = course or load_course()
    rule = course.left_rule
    left_leg = _check_flag("left_leg", left_leg)
    first_trimester = _check_flag("first_trimester", first_trimester)
    calf = check_calf_difference(calf_difference_cm, course)

    earned = {
        "left_leg": left_leg,
        "calf_difference": calf >= rule.calf_difference_threshold_cm,
        "first_trimester": first_trimester,
    }
    points: list[str] = [p.id for p in rule.points if earned[p.id]]
    score = len(points)
    band = next(i for i in rule.interpretation if i.score == score)
    sources = list(dict.fromkeys(band.source_ids + rule.limits.source_ids))
    return LeftResult(
        score, points, band.text, rule.limits.text, band.observed_dvt_percent, sources,
        cohort=band.cohort, women=band.women, women_with_dvt=band.women_with_dvt,
    )
