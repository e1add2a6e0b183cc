"""The RCOG Green-top 37a (2015) VTE risk tool: Appendix III points and Appendix I pathways.

One counting rule (docs/vte-risk.md explains it with its sources):

1. The score is the sum of the Appendix III points of the factors given that apply at this
   stage, each counted once. In an exclusive group (such as the two BMI bands) only the
   factor with more points counts.
2. The score picks the highest recommendation whose ``min_score`` it reaches. Before the birth,
   when only the transient factors (Appendix III's own group, marked ``transient``) lift the score
   to that threshold, the plan lasts only while they last (``while_transient``), and the score
   without them decides any longer plan.
3. A pathway (a high-risk category of Appendix I, such as any previous VTE) can raise the
   recommendation but never lowers it, and never adds points, so nothing is counted twice.

Factors, points, thresholds, pathways and every sentence of the explanation live in
``data/vte_risk_*.csv``. For learning only: this does not advise a real woman.
"""

from __future__ import annotations

import argparse
import difflib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Literal, Optional

from pydantic import Field, field_validator

from .cli_report import report
from .content.fields import Sourced, split_ids
from .content.reader import check_sources, read_csv, unique_rows
from .data import Course, DataError, load_course

Stage = Literal["antenatal", "postnatal"]
STAGES: tuple[str, ...] = ("antenatal", "postnatal")
RECOMMENDATION_IDS: dict[str, tuple[str, ...]] = {
    "antenatal": ("none", "while_admitted", "while_transient", "from_28_weeks", "from_first_trimester"),
    "postnatal": ("none", "10_days", "6_weeks"),
}
# Ids that other material (lessons, cases, tests) relies on.
REQUIRED_FACTORS = (
    "previous_vte", "age_over_35", "bmi_30_or_more", "bmi_40_or_more", "parity_3_or_more", "smoker",
    "caesarean_in_labour", "elective_caesarean",
)
FACTORS_FILE = "data/vte_risk_factors.csv"
RECOMMENDATIONS_FILE = "data/vte_risk_recommendations.csv"
PATHWAYS_FILE = "data/vte_risk_pathways.csv"
GUIDELINE_SOURCE = "S55"
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
        if isinstance(value, list) and any(stage not in STAGES for stage in value):
            raise ValueError("'antenatal', 'postnatal' or 'antenatal;postnatal'")
        return value


class VteRecommendation(Sourced):
    stage: Stage
    id: str
    rank: int = Field(ge=0)
    min_score: Optional[int] = Field(default=None, ge=0)
    label: str = Field(min_length=3)
    text: str = Field(min_length=10)


class VtePathway(Sourced):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    stage: Stage
    all_of: list[str] = Field(min_length=1)
    recommendation: Optional[str] = None
    specialist: bool
    text: str = Field(min_length=10)

    _check_specialist = field_validator("specialist", mode="before")(_yes_no)

    @field_validator("all_of", mode="before")
    @classmethod
    def _split_all_of(cls, value: Any) -> Any:
        return split_ids(value)


@dataclass(frozen=True)
class VteRiskTool:
    """The validated content of the three data files."""

    factors: dict[str, VteFactor]
    recommendations: dict[tuple[str, str], VteRecommendation]
    pathways: list[VtePathway]

    def recommendations_for(self, stage: str) -> list[VteRecommendation]:
        return sorted((r for r in self.recommendations.values() if r.stage == stage), key=lambda r: r.rank)


@dataclass(frozen=True)
class ExplanationLine:
    text: str
    source_ids: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "source_ids": list(self.source_ids)}


@dataclass(frozen=True)
class CountedFactor:
    id: str
    label: str
    points: int

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "label": self.label, "points": self.points}


@dataclass(frozen=True)
class VteRiskResult:
    """A scored assessment: the score, the recommendation id, what counted and why."""

    stage: str
    score: int
    recommendation: str
    factors: list[CountedFactor]
    explanation: list[ExplanationLine]
    pathways: list[str] = field(default_factory=list)
    transient: list[str] = field(default_factory=list)
    specialist: bool = False

    @property
    def specialist_line(self) -> Optional[ExplanationLine]:
        """The line saying that a specialist plans the LMWH; it comes right after the score line."""
        return self.explanation[1] if self.specialist else None

    @property
    def explanation_text(self) -> str:
        return "\n".join(line.text for line in self.explanation)

    def to_dict(self) -> dict[str, Any]:
        return {
            "score": self.score,
            "recommendation": self.recommendation,
            "factors": [f.to_dict() for f in self.factors],
            "explanation": [line.to_dict() for line in self.explanation],
            "transient": list(self.transient),
            "specialist": self.specialist,
        }


# ---------------------------------------------------------------- loading


def load_vte_risk(course: Optional[Course] = None) -> VteRiskTool:
    """Load and validate the VTE risk data next to the course's other data. Cached per folder."""
    course = course or load_course()
    return _load(course.data_dir)


@lru_cache(maxsize=8)
def _load(folder: Path) -> VteRiskTool:
    sources = load_course(folder).sources

    factor_rows = read_csv(folder / "vte_risk_factors.csv", VteFactor)
    factors = unique_rows(factor_rows, FACTORS_FILE)
    check_sources(factor_rows, sources, FACTORS_FILE)
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
    for number, factor in factor_rows:
        if factor.transient != (factor.group == "transient"):
            raise DataError(FACTORS_FILE, number, "transient",
                            f"'{'yes' if factor.group == 'transient' else 'no'}', as for every factor in the group '{factor.group}' "
                            "(Appendix III's transient risk factors)", "yes" if factor.transient else "no")
        if factor.transient and factor.transient_note is None:
            raise DataError(FACTORS_FILE, number, "transient_note", "a sentence saying how long LMWH given for this transient factor lasts")
        if not factor.transient and factor.transient_note is not None:
            raise DataError(FACTORS_FILE, number, "transient_note", "empty, since the factor is not transient", factor.transient_note)
    for factor_id in REQUIRED_FACTORS:
        if factor_id not in factors:
            raise DataError(FACTORS_FILE, None, "id", f"a row for the required factor '{factor_id}'")

    rec_rows = read_csv(folder / "vte_risk_recommendations.csv", VteRecommendation)
    check_sources(rec_rows, sources, RECOMMENDATIONS_FILE)
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
        if rec.min_score is not None and any(r.min_score >= rec.min_score for r in lower):
            raise DataError(RECOMMENDATIONS_FILE, number, "min_score",
                            "a threshold above that of every lower-ranked recommendation of the stage", rec.min_score)

    pathway_rows = read_csv(folder / "vte_risk_pathways.csv", VtePathway)
    unique_rows(pathway_rows, PATHWAYS_FILE)
    check_sources(pathway_rows, sources, PATHWAYS_FILE)
    for number, pathway in pathway_rows:
        for factor_id in pathway.all_of:
            if factor_id not in factors:
                raise DataError(PATHWAYS_FILE, number, "all_of", "ids from data/vte_risk_factors.csv", factor_id)
            if pathway.stage not in factors[factor_id].stages:
                raise DataError(PATHWAYS_FILE, number, "all_of", f"factors that apply at the {pathway.stage} stage", factor_id)
        if pathway.recommendation is not None and pathway.recommendation not in RECOMMENDATION_IDS[pathway.stage]:
            raise DataError(PATHWAYS_FILE, number, "recommendation",
                            f"empty or one of {', '.join(RECOMMENDATION_IDS[pathway.stage])}", pathway.recommendation)

    return VteRiskTool(factors=factors, recommendations=recommendations, pathways=[p for _, p in pathway_rows])


# ---------------------------------------------------------------- scoring


def check_stage(stage: Any) -> str:
    """Return 'antenatal' or 'postnatal'; raise ValueError otherwise."""
    cleaned = stage.strip().lower() if isinstance(stage, str) else stage
    if cleaned not in STAGES:
        raise ValueError(f"Unknown stage {stage!r}: use 'antenatal' (in pregnancy) or 'postnatal' (after the birth).")
    return cleaned


def check_factors(factor_ids: Iterable[str], tool: VteRiskTool) -> list[str]:
    """Return the ids in data order without repeats; raise ValueError naming unknown ids."""
    if isinstance(factor_ids, str):
        raise ValueError("Give the risk factors as a list of ids, such as ['smoker', 'age_over_35'], not as one text.")
    given = []
    for factor_id in factor_ids:
        if not isinstance(factor_id, str):
            raise ValueError(f"A risk factor id must be a text such as 'smoker'; you gave {factor_id!r}.")
        given.append(factor_id.strip())
    unknown = [f for f in dict.fromkeys(given) if f not in tool.factors]
    if unknown:
        parts = []
        for factor_id in unknown:
            close = difflib.get_close_matches(factor_id, list(tool.factors), n=3, cutoff=0.6)
            hint = f" Did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
            parts.append(f"Unknown VTE risk factor {factor_id!r}.{hint}")
        raise ValueError(" ".join(parts) + f" See {FACTORS_FILE} for the factor ids.")
    wanted = set(given)
    return [f for f in tool.factors if f in wanted]


def _line(text: str, *source_groups: Iterable[str]) -> ExplanationLine:
    ids: list[str] = []
    for group in source_groups:
        ids.extend(group)
    return ExplanationLine(text, tuple(dict.fromkeys(ids)))


def vte_risk(factor_ids: Iterable[str], stage: str, course: Optional[Course] = None) -> VteRiskResult:
    """Score RCOG Green-top 37a risk factors for one stage and explain the recommendation."""
    tool = load_vte_risk(course)
    stage = check_stage(stage)
    chosen = check_factors(factor_ids, tool)
    notes: list[ExplanationLine] = []

    at_stage = []
    for factor_id in chosen:
        factor = tool.factors[factor_id]
        if stage in factor.stages:
            at_stage.append(factor)
        else:
            notes.append(_line(f"{factor.label}: scored only at the {' and '.join(factor.stages)} assessment, "
                               f"so it is not counted at the {stage} assessment.", factor.source_ids))

    counted = []
    for factor in at_stage:
        rivals = [f for f in at_stage if factor.exclusive_group and f.exclusive_group == factor.exclusive_group and f is not factor]
        higher = max(rivals, key=lambda f: f.points, default=None)
        if higher is not None and higher.points > factor.points:
            notes.append(_line(f"{factor.label} and {higher.label} were both given. They are one item on the score, "
                               f"so only the higher counts: {higher.label} ({higher.points} points).",
                               factor.source_ids, higher.source_ids))
            continue
        counted.append(factor)

    score = sum(f.points for f in counted)
    ladder = tool.recommendations_for(stage)

    def by_points(points: int) -> VteRecommendation:
        return max((r for r in ladder if r.min_score is not None and points >= r.min_score), key=lambda r: r.rank)

    by_score = final = by_points(score)
    transient = [f for f in counted if f.transient]
    lasting_score = sum(f.points for f in counted if not f.transient)
    by_lasting = by_points(lasting_score)
    lasting_lines = []
    if stage in WHILE_TRANSIENT and by_lasting.rank < by_score.rank:
        while_transient = tool.recommendations[(stage, WHILE_TRANSIENT[stage])]
        final = max(by_lasting, while_transient, key=lambda r: r.rank)
        lasting_lines.append(_line(f"Without the transient risk factors the score is {lasting_score}: {by_lasting.label}.",
                                   [GUIDELINE_SOURCE]))
    counted_ids = {f.id for f in counted}
    matched = [p for p in tool.pathways if p.stage == stage and set(p.all_of) <= counted_ids]
    for pathway in matched:
        if pathway.recommendation is not None:
            rec = tool.recommendations[(stage, pathway.recommendation)]
            if rec.rank > final.rank:
                final = rec

    listed = ", ".join(f"{f.label} ({f.points})" for f in counted if f.points) or "no scored risk factors"
    explanation = [_line(f"{stage.capitalize()} score {score} from the Appendix III points: {listed}. "
                         f"On points alone: {by_score.label}.", [GUIDELINE_SOURCE], *(f.source_ids for f in counted))]
    explanation += [_line(p.text, p.source_ids) for p in matched if p.specialist]
    explanation += [_line(f.transient_note or "", f.source_ids) for f in transient]
    explanation += lasting_lines
    explanation += notes
    explanation += [_line(p.text, p.source_ids) for p in matched if not p.specialist]
    explanation.append(_line(final.text, final.source_ids))
    return VteRiskResult(
        stage=stage,
        score=score,
        recommendation=final.id,
        factors=[CountedFactor(f.id, f.label, f.points) for f in counted],
        explanation=explanation,
        pathways=[p.id for p in matched],
        transient=[f.id for f in transient],
        specialist=any(p.specialist for p in matched),
    )


# ---------------------------------------------------------------- command line


def add_cli(commands: Any) -> None:
    """Add ``vte-risk`` to the subcommands of ``python -m legpain``."""
    run = commands.add_parser("vte-risk", help="score RCOG Green-top 37a VTE risk factors")
    run.add_argument("factors", nargs="*", metavar="FACTOR", help=f"factor ids from {FACTORS_FILE}")
    run.add_argument("--stage", required=True, help="antenatal or postnatal")
    run.add_argument("--json", action="store_true", help="print the result as one JSON object")


def run_cli(args: argparse.Namespace) -> int:
    def lines(result: Any) -> list[str]:
        head = [f"Score: {result.score}", f"Recommendation: {result.recommendation}"]
        if result.specialist:
            head.append("Plan: made by a specialist (see below)")
        if result.transient:
            head.append(f"Transient: {', '.join(result.transient)}")
        return head + [f"- {line.text} ({'; '.join(line.source_ids)})" for line in result.explanation]

    return report(lambda: vte_risk(args.factors, args.stage), args.json, lines)
