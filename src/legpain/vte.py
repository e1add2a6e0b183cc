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
``data/vte_risk_*.csv`` and ``data/vte_risk_words.yaml``, loaded by :mod:`legpain.content.vte_risk`.
For learning only: this does not advise a real woman.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any, Iterable, Optional

from .content.vte_risk import (
    FACTORS_FILE, RECOMMENDATION_IDS, VTE_STAGES, WHILE_TRANSIENT, VteFactor, VtePathway, VteRecommendation, VteRiskTool,
    load_vte_risk,
)
from .content import Course

__all__ = [
    "FACTORS_FILE", "RECOMMENDATION_IDS", "VTE_STAGES", "CountedFactor", "ExplanationLine", "VteFactor", "VtePathway",
    "VteRecommendation", "VteRiskResult", "VteRiskTool", "check_factors", "check_vte_stage", "load_vte_risk", "vte_risk",
]


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


# ---------------------------------------------------------------- scoring


def check_vte_stage(stage: Any) -> str:
    """Return 'antenatal' or 'postnatal'; raise ValueError otherwise."""
    cleaned = stage.strip().lower() if isinstance(stage, str) else stage
    if cleaned not in VTE_STAGES:
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
    sentences, guideline = tool.words.sentences, tool.words.guideline_source
    stage = check_vte_stage(stage)
    chosen = check_factors(factor_ids, tool)
    notes: list[ExplanationLine] = []

    at_stage = []
    for factor_id in chosen:
        factor = tool.factors[factor_id]
        if stage in factor.stages:
            at_stage.append(factor)
        else:
            notes.append(_line(sentences.not_at_this_stage.format(label=factor.label, stages=" and ".join(factor.stages), stage=stage),
                               factor.source_ids))

    counted = []
    for factor in at_stage:
        rivals = [f for f in at_stage if factor.exclusive_group and f.exclusive_group == factor.exclusive_group and f is not factor]
        higher = max(rivals, key=lambda f: f.points, default=None)
        if higher is not None and higher.points > factor.points:
            notes.append(_line(sentences.only_the_higher.format(label=factor.label, higher=higher.label, points=higher.points),
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
        lasting_lines.append(_line(sentences.without_transient.format(score=lasting_score, label=by_lasting.label), [guideline]))
    counted_ids = {f.id for f in counted}
    matched = [p for p in tool.pathways if p.stage == stage and set(p.all_of) <= counted_ids]
    for pathway in matched:
        if pathway.recommendation is not None:
            rec = tool.recommendations[(stage, pathway.recommendation)]
            if rec.rank > final.rank:
                final = rec

    listed = ", ".join(f"{f.label} ({f.points})" for f in counted if f.points) or sentences.no_scored_factors
    score_line = sentences.score.format(stage=stage.capitalize(), score=score, listed=listed, label=by_score.label)
    explanation = [_line(score_line, [guideline], *(f.source_ids for f in counted))]
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
