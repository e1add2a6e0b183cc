"""The symptom checker: ticked symptoms and the stage in, the level, ranked causes and advice out."""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Optional

from ..content import Course, load_course
from ..palette import LEVEL_STYLE, SERIOUSNESS_COLOUR
from ..course_html import source_rows
from ..templating import render
from ..stages import AFTER_BIRTH, PREGNANT, STAGE_CHOICES, STAGE_NUMBERS, UNKNOWN, StageChoice, stage_from_number
from ..triage import Assessment, assess
from .state import SERIOUSNESS_PATTERN, BarView, Display, ExplorerState, Result, status_message, panel_html, wrap_label, seriousness_words, short_name

# The stage menu's words for each choice (legpain.stages owns the choices and their ranges), and an
# example of the number each choice asks for.
STAGE_LABELS: dict[StageChoice, str] = {
    UNKNOWN: "Not known",
    PREGNANT: "Pregnant (week)",
    AFTER_BIRTH: "After the birth (days)",
}
EXAMPLE_NUMBER = {PREGNANT: 28, AFTER_BIRTH: 5}


def _stage(state: ExplorerState) -> tuple[dict[str, Optional[int]], str]:
    """The stage to assess at (weeks= or days_after_birth=, or neither) and a message for the learner.

    A week or day count that cannot be used ("soon", 50) leaves the stage unknown, the safe reading:
    the assessment still shows its banner, and :func:`checker_view` says why beside it.
    """
    if state.stage not in STAGE_NUMBERS:
        return {}, status_message("Stage not known: the checker counts it as the most dangerous stage.", "info")
    number, example = STAGE_NUMBERS[state.stage], EXAMPLE_NUMBER[state.stage]
    text = state.stage_text.strip()
    if not text:
        return {}, status_message(f"Type the {number.what}, a whole number from {number.span}, for example {example}.", "info")
    ignored = " The result below treats the stage as not known until then."
    try:
        value = int(text)
    except ValueError:
        return {}, status_message(f"'{text}' is not a whole number: type the {number.what}, from {number.span}, for example {example}.{ignored}",
                                  "error")
    try:
        stage = stage_from_number(state.stage, value)
    except ValueError as exc:
        return {}, status_message(f"{exc}{ignored}", "error")
    if stage.weeks is not None:
        return {"weeks": stage.weeks}, status_message(f"Week {stage.weeks} of pregnancy is taken into account.", "success")
    return {"days_after_birth": stage.days_after_birth}, status_message(
        f"Day {stage.days_after_birth} after the birth is taken into account.", "success"
    )


def _fallback_reason(state: ExplorerState, stage: dict[str, Optional[int]]) -> str:
    """Why a stage the learner chose is not used ("" when it is used, or none was chosen)."""
    if state.stage not in STAGE_NUMBERS or stage or not state.stage_text.strip():
        return ""
    number = STAGE_NUMBERS[state.stage]
    return f"'{state.stage_text.strip()}' is not a {number.what} from {number.span}."


def bar_view(causes: list[str], scores: dict[str, int], course: Course) -> BarView:
    names = tuple(short_name(course.causes[c].name) for c in causes)
    seriousness = [course.causes[c].seriousness for c in causes]
    return BarView(
        names=tuple(wrap_label(n, 24) for n in names),  # wrapped, so a long name is never clipped
        scores=tuple(scores[c] for c in causes),
        text=tuple(f"{scores[c]} · {seriousness_words(s)}" for c, s in zip(causes, seriousness)),
        colours=tuple(SERIOUSNESS_COLOUR[s] for s in seriousness),
        patterns=tuple(SERIOUSNESS_PATTERN[s] for s in seriousness),
        height=max(300, 140 + 48 * len(causes)),
        message="" if causes else "Tick symptoms to see the likely causes here.",
    )


def assessment_view_html(result: Assessment, course: Course) -> str:
    """The checker's assessment: a large banner with the level and, inside it, the route (where she goes
    and how soon, always the first advice item), so both are seen together on a projector; then the red
    flags, the reasons, the likely causes and the causes' own advice. The route is said once."""
    advice = [{"item": item, "sources": source_rows(item.source_ids, course)} for item in result.advice]
    route = advice.pop(0) if advice and advice[0]["item"].kind == "route" else None
    return render(
        "explorer_assessment.html",
        level=result.level,
        style=LEVEL_STYLE[result.level],
        size="1.6em",
        route=route,
        action=course.levels[result.level].action,
        red_flags=[course.symptoms[s].label for s in result.red_flags],
        reasons=result.reasons,
        causes=[course.causes[c].name for c in result.causes],
        advice=advice,
    )


def checker_view(state: ExplorerState, course: Optional[Course] = None) -> Display:
    """The banner, ranked causes, advice and red flags for the ticked symptoms."""
    course = course or load_course()
    stage, week_message = _stage(state)
    result = assess(state.ticked, course=course, **stage)
    if result.nothing_selected:
        html = panel_html(status_message(course.advice["nothing_selected"].text, "info"))
    else:
        html = assessment_view_html(result, course)
        fallback = _fallback_reason(state, stage)
        if fallback:
            html = render("stage_fallback.html", reason=fallback) + html
    return Display(
        checker_html=html,
        bars=bar_view(result.causes, result.scores, course),
        week_html=week_message,
        ticked=state.ticked,
        week_controls=(state.stage, state.stage_text),
    )


def tick_symptom(state: ExplorerState, event: dict[str, Any], course: Optional[Course] = None) -> Result:
    """Tick or untick a symptom: ``event`` is {"symptom": id, "ticked": bool}."""
    course = course or load_course()
    symptom_id = event.get("symptom")
    if symptom_id not in course.symptoms:
        return state, Display(checker_html=panel_html(status_message(f"There is no symptom called {symptom_id!r}.", "error")))
    chosen = set(state.ticked)
    if event.get("ticked"):
        chosen.add(symptom_id)
    else:
        chosen.discard(symptom_id)
    new = replace(state, ticked=tuple(s for s in course.symptoms if s in chosen))
    return new, checker_view(new, course)


def set_stage(state: ExplorerState, event: dict[str, Any], course: Optional[Course] = None) -> Result:
    """Set the stage: ``event`` is {"stage": "unknown"|"pregnant"|"after_birth"} and/or {"text": what was typed}."""
    course = course or load_course()
    changes: dict[str, Any] = {}
    if "stage" in event:
        if event["stage"] not in STAGE_CHOICES:
            return state, Display(week_html=status_message("Choose the stage from the list.", "error"))
        changes["stage"] = event["stage"]
    if "text" in event:
        value = event["text"]
        changes["stage_text"] = "" if value is None else str(value)
    new = replace(state, **changes)
    return new, checker_view(new, course)


def clear_all(state: ExplorerState, event: Any = None, course: Optional[Course] = None) -> Result:
    """Untick everything and forget the stage: back to 'nothing selected'."""
    course = course or load_course()
    new = replace(state, ticked=(), stage=UNKNOWN, stage_text="")
    return new, checker_view(new, course)
