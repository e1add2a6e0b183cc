"""The RCOG Green-top 37a risk tool's data: its three CSV files and its sentences, validated once.

``data/vte_risk_factors.csv`` (factors and their Appendix III points), ``data/vte_risk_recommendations.csv``
(the plans and their thresholds), ``data/vte_risk_pathways.csv`` (the high-risk categories of Appendix I)
and ``data/vte_risk_words.yaml`` (the sentences built from a result, and the guideline's source id).
The scoring is in :mod:`legpain.vte`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, Optional

from pydantic import Field, field_validator

from .course import Course, load_course
from .errors import DataError
from .fields import Row, Sourced, check_placeholders, split_ids
from .reader import check_ref, check_sources, read_csv, read_yaml, unique_rows, validate

# The two assessments of the RCOG tool: in pregnancy (antenatal) and after the birth (postnatal). Not the
# course's stages of a woman (a week of pregnancy or days after the birth: legpain.stages).
VteStage = Literal["antenatal", "postnatal"]
VTE_STAGES: tuple[VteStage, ...] = ("antenatal", "postnatal")
RECOMMENDATION_IDS: dict[str, tuple[str, ...]] = {
    "antenatal": ("none", "while_admitted", "while_transient", "from_28_weeks", "from_first_trimester"),
    "postnatal": ("none", "10_days", "6_weeks"),
}
FACTORS_FILE = "data/vte_risk_factors.csv"
RECOMMENDATIONS_FILE = "data/vte_risk_recommendations.csv"
PATHWAYS_FILE = "data/vte_risk_pathways.csv"
WORDS_FILE = "data/vte_risk_words.yaml"
# The names each sentence of data/vte_risk_words.yaml fills in.
SENTENCE_FIELDS: dict[str, frozenset[str]] = {
    "score": frozenset({"stage", "score", "listed", "label"}),
    "no_scored_factors": frozenset(),
    "without_transient": frozenset({"score", "label"}),
    "not_at_this_stage": frozenset({"label", "stages", "stage"}),
    "only_the_higher": frozenset({"label", "higher", "points"}),
}
# Before the birth, the plan that lasts only while the transient factors last.
WHILE_TRANSIENT = {"antenatal": "while_transient"}
YES_NO = {"yes": True, "no": False}


def _yes_no(value: Any) -> Any:
    if isinstance(value, str):
        if value.strip().lower() not in YES_NO:
            raise ValueError("'yes' or 'no'")
        return YES_NO[value.strip().lower()]
    return value


class VteFactor(Sourced):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str = Field(min_length=3)
    points: int = Field(ge=0, le=10)
    stages: list[str] = Field(min_length=1)
    group: Literal["pre-existing", "obstetric", "transient"]
    exclusive_group: Optional[str] = Field(default=None, pattern=r"^[a-z][a-z0-9_]*$")
    transient: bool
    transient_note: Optional[str] = Field(default=None, min_length=10)

    _check_transient = field_validator("transient", mode="before")(_yes_no)

    @field_validator("stages", mode="before")
    @classmethod
    def _split_stages(cls, value: Any) -> Any:
        value = split_ids(value)
        if isinstance(value, list) and any(stage not in VTE_STAGES for stage in value):
            raise ValueError("'antenatal', 'postnatal' or 'antenatal;postnatal'")
        return value


class VteRecommendation(Sourced):
    stage: VteStage
    id: str
    rank: int = Field(ge=0)
    min_score: Optional[int] = Field(default=None, ge=0)
    label: str = Field(min_length=3)
    text: str = Field(min_length=10)


class VtePathway(Sourced):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    stage: VteStage
    all_of: list[str] = Field(min_length=1)
    recommendation: Optional[str] = None
    specialist: bool
    text: str = Field(min_length=10)

    _check_specialist = field_validator("specialist", mode="before")(_yes_no)

    @field_validator("all_of", mode="before")
    @classmethod
    def _split_all_of(cls, value: Any) -> Any:
        return split_ids(value)


class VteSentences(Row):
    score: str = Field(min_length=10)
    no_scored_factors: str = Field(min_length=3)
    without_transient: str = Field(min_length=10)
    not_at_this_stage: str = Field(min_length=10)
    only_the_higher: str = Field(min_length=10)


class VteWords(Row):
    guideline_source: str
    required_factors: list[str] = Field(min_length=1)
    sentences: VteSentences


@dataclass(frozen=True)
class VteRiskTool:
    """The validated content of the tool's data files."""

    factors: dict[str, VteFactor]
    recommendations: dict[tuple[str, str], VteRecommendation]
    pathways: list[VtePathway]
    words: VteWords

    def recommendations_for(self, stage: str) -> list[VteRecommendation]:
        return sorted((r for r in self.recommendations.values() if r.stage == stage), key=lambda r: r.rank)


def load_vte_risk(course: Optional[Course] = None) -> VteRiskTool:
    """Load and validate the VTE risk data next to the course's other data. Cached per folder."""
    course = course or load_course()
    return _load(course.data_dir)


@lru_cache(maxsize=8)
def _load(folder: Path) -> VteRiskTool:
    course = load_course(folder)
    words = _load_words(folder, course)
    factors = _load_factors(folder, course, words)
    recommendations = _load_recommendations(folder, course)
    pathways = _load_pathways(folder, course, factors)
    return VteRiskTool(factors=factors, recommendations=recommendations, pathways=pathways, words=words)


def _load_words(folder: Path, course: Course) -> VteWords:
    raw = read_yaml(folder / "vte_risk_words.yaml", WORDS_FILE)
    if not isinstance(raw, dict):
        raise DataError(WORDS_FILE, None, None, "a mapping of keys to values", type(raw).__name__)
    words: VteWords = validate(VteWords, raw, WORDS_FILE, "(document)")
    check_ref(words.guideline_source, course.sources, WORDS_FILE, "(document)", "guideline_source", "sources.csv")
    for name, expected in SENTENCE_FIELDS.items():
        text = getattr(words.sentences, name)
        try:
            check_placeholders(text, expected)
        except ValueError as exc:
            raise DataError(WORDS_FILE, "sentences", name, str(exc), text) from None
    return words


def _load_factors(folder: Path, course: Course, words: VteWords) -> dict[str, VteFactor]:
    factor_rows = read_csv(folder / "vte_risk_factors.csv", VteFactor)
    factors: dict[str, VteFactor] = unique_rows(factor_rows, FACTORS_FILE)
    check_sources(factor_rows, course.sources, FACTORS_FILE)
    best_in_group: dict[str, VteFactor] = {}
    for number, factor in factor_rows:
        if factor.exclusive_group is None:
            continue
        other = best_in_group.get(factor.exclusive_group)
        if other is not None and other.points == factor.points:
            raise DataError(FACTORS_FILE, number, "points",
                            f"points different from '{other.id}' in the same exclusive_group, so that the higher one is clear",
                            factor.points)
        if other is None or factor.points > other.points:
            best_in_group[factor.exclusive_group] = factor
    for number, factor in factor_rows:
        if factor.exclusive_group and sum(f.exclusive_group == factor.exclusive_group for f in factors.values()) < 2:
            raise DataError(FACTORS_FILE, number, "exclusive_group", "a group shared by at least two factors", factor.exclusive_group)
        if factor.transient != (factor.group == "transient"):
            raise DataError(FACTORS_FILE, number, "transient",
                            f"'{'yes' if factor.group == 'transient' else 'no'}', as for every factor in the group '{factor.group}' "
                            "(Appendix III's transient risk factors)", "yes" if factor.transient else "no")
        if factor.transient and factor.transient_note is None:
            raise DataError(FACTORS_FILE, number, "transient_note", "a sentence saying how long LMWH given for this transient factor lasts")
        if not factor.transient and factor.transient_note is not None:
            raise DataError(FACTORS_FILE, number, "transient_note", "empty, since the factor is not transient", factor.transient_note)
    for factor_id in words.required_factors:
        if factor_id not in factors:
            raise DataError(FACTORS_FILE, None, "id", f"a row for the required factor '{factor_id}' (listed in {WORDS_FILE})")
    return factors


def _load_recommendations(folder: Path, course: Course) -> dict[tuple[str, str], VteRecommendation]:
    rec_rows = read_csv(folder / "vte_risk_recommendations.csv", VteRecommendation)
    check_sources(rec_rows, course.sources, RECOMMENDATIONS_FILE)
    recommendations: dict[tuple[str, str], VteRecommendation] = {}
    ranks: dict[tuple[str, int], str] = {}
    for number, rec in rec_rows:
        allowed = RECOMMENDATION_IDS[rec.stage]
        if rec.id not in allowed:
            raise DataError(RECOMMENDATIONS_FILE, number, "id", f"one of {', '.join(allowed)} for the {rec.stage} stage", rec.id)
        if (rec.stage, rec.id) in recommendations:
            raise DataError(RECOMMENDATIONS_FILE, number, "id", "one row per stage and id", f"{rec.stage} {rec.id}")
        if (rec.stage, rec.rank) in ranks:
            raise DataError(RECOMMENDATIONS_FILE, number, "rank", f"a rank not already used by '{ranks[(rec.stage, rec.rank)]}'", rec.rank)
        recommendations[(rec.stage, rec.id)] = rec
        ranks[(rec.stage, rec.rank)] = rec.id
    for stage, ids in RECOMMENDATION_IDS.items():
        for rec_id in ids:
            if (stage, rec_id) not in recommendations:
                raise DataError(RECOMMENDATIONS_FILE, None, "id", f"a row for the {stage} recommendation '{rec_id}'")
        if recommendations[(stage, "none")].min_score != 0:
            raise DataError(RECOMMENDATIONS_FILE, f"the {stage} row 'none'", "min_score", "0, so that every score has a recommendation",
                            recommendations[(stage, "none")].min_score)
    for number, rec in rec_rows:
        lower = [r for r in recommendations.values() if r.stage == rec.stage and r.rank < rec.rank and r.min_score is not None]
        if rec.min_score is not None and any(r.min_score is not None and r.min_score >= rec.min_score for r in lower):
            raise DataError(RECOMMENDATIONS_FILE, number, "min_score",
                            "a threshold above that of every lower-ranked recommendation of the stage", rec.min_score)
    return recommendations


def _load_pathways(folder: Path, course: Course, factors: dict[str, VteFactor]) -> list[VtePathway]:
    pathway_rows = read_csv(folder / "vte_risk_pathways.csv", VtePathway)
    unique_rows(pathway_rows, PATHWAYS_FILE)
    check_sources(pathway_rows, course.sources, PATHWAYS_FILE)
    for number, pathway in pathway_rows:
        for factor_id in pathway.all_of:
            if factor_id not in factors:
                raise DataError(PATHWAYS_FILE, number, "all_of", "ids from data/vte_risk_factors.csv", factor_id)
            if pathway.stage not in factors[factor_id].stages:
                raise DataError(PATHWAYS_FILE, number, "all_of", f"factors that apply at the {pathway.stage} stage", factor_id)
        if pathway.recommendation is not None and pathway.recommendation not in RECOMMENDATION_IDS[pathway.stage]:
            raise DataError(PATHWAYS_FILE, number, "recommendation",
                            f"empty or one of {', '.join(RECOMMENDATION_IDS[pathway.stage])}", pathway.recommendation)
    return [p for _, p in pathway_rows]
