"""Case studies: short stories for students to triage, with feedback and a model answer.

The cases live in ``data/lessons/09_case_studies.yaml`` and are validated in
:mod:`legpain.content.lessons.cases`. The words of the feedback are data too (the
``feedback`` section of that file); this module only chooses which one applies.

:func:`check_triage` is the plain callback behind the Check button and
:func:`model_answer_html` the one behind "Show model answer"; :func:`case_trainer` wires
them to labelled controls.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional

import ipywidgets as widgets

from ..content.lessons.cases import LESSON_ID as CASES_LESSON, Case, load_cases, load_feedback, load_stage_markers  # noqa: F401  (re-exported)
from ..content import Course, load_course
from ..levels import LEVELS, RED_FLAG_FLOOR, Level
from ..progress import store
from ..course_html import level_banner_html
from ..templating import markup, render
from ..triage import Assessment, assess
from . import CONTROL_LAYOUT, LABEL_STYLE, message_html, output_area, show_widget


def assess_case(case: Case, course: Optional[Course] = None) -> Assessment:
    """What the triage engine says about the case's symptoms at her stage."""
    return assess(case.symptom_ids, case.weeks, course, days_after_birth=case.days_after_birth)


def assess_at_compared_stage(case: Case, course: Optional[Course] = None) -> Optional[Assessment]:
    """What the engine says about the same symptoms at the stage the case compares with, if any."""
    if case.stage_matters is None:
        return None
    other = case.stage_matters
    return assess(case.symptom_ids, other.compare_weeks, course, days_after_birth=other.compare_days_after_birth)


def _case(case_id: Any, cases: list[Case]) -> Optional[Case]:
    return next((c for c in cases if c.id == case_id), None)


# ---------------------------------------------------------------- callbacks


@dataclass(frozen=True)
class TriageFeedback:
    """The result of checking a student's triage.

    ``verdict`` is "right", "too_low", "safe_higher" (more urgent than needed for a story
    with a red flag: a safe error), "too_high" (more urgent than needed, no red flag), or
    None when nothing could be checked.
    """

    verdict: Optional[str]
    cause_right: Optional[bool]
    html: str


def story_html(case_id: Any, cases: Optional[list[Case]] = None) -> str:
    """The case as the student first sees it: who she is, her stage and what she says."""
    cases = cases if cases is not None else load_cases()
    case = _case(case_id, cases)
    if case is None:
        return message_html("Choose a case from the list.", "info")
    return render("case_story.html", title=case.title, story=case.story)


def check_triage(case_id: Any, level: Any, cause_id: Any = None, cases: Optional[list[Case]] = None,
                 course: Optional[Course] = None) -> TriageFeedback:
    """Feedback on a student's level (and optional likely cause) for one case, explaining why."""
    course = course or load_course()
    cases = cases if cases is not None else load_cases(course)
    case = _case(case_id, cases)
    if case is None:
        return TriageFeedback(None, None, message_html("Choose a case from the list first.", "info"))
    if level in (None, ""):
        return TriageFeedback(None, None, message_html("Choose a level first, then press Check my triage.", "info"))
    try:
        chosen = Level(level)
    except ValueError:
        names = ", ".join(lv.label for lv in LEVELS)
        return TriageFeedback(None, None, message_html(f"Choose one of the levels in the list: {names}.", "error"))

    texts = load_feedback(course)
    result = assess_case(case, course)
    red_flag = bool(result.red_flags) or case.level >= RED_FLAG_FLOOR
    expected = case.level
    if chosen == expected:
        verdict, kind, key = "right", "success", "right"
    elif chosen < expected:
        verdict, kind, key = "too_low", "error", "too_low_red_flag" if red_flag else "too_low"
    elif red_flag:
        verdict, kind, key = "safe_higher", "info", "safe_higher"
    else:
        verdict, kind, key = "too_high", "info", "higher"
    text = texts[key].format(chosen=chosen.label, expected=expected.label, why=case.why, advise=case.advise)
    parts = [message_html(text, kind)]

    cause_right: Optional[bool] = None
    if cause_id not in (None, ""):
        names = {"cause": course.causes[case.likely_cause].name}
        if cause_id not in course.causes:
            parts.append(message_html("Choose a likely cause from the list, or leave it as 'Not sure'.", "error"))
        elif cause_id == case.likely_cause:
            cause_right = True
            parts.append(message_html(texts["cause_right"].format(chosen_cause=names["cause"], **names), "success"))
        elif cause_id in result.must_not_miss:
            # Another dangerous cause that this story's red flags point to: to be ruled out, not wrong.
            cause_right = False
            parts.append(message_html(
                texts["cause_must_not_miss"].format(chosen_cause=course.causes[cause_id].name, **names), "info"))
        else:
            cause_right = False
            parts.append(message_html(
                texts["cause_other"].format(chosen_cause=course.causes[cause_id].name, **names), "error"))
    return TriageFeedback(verdict, cause_right, "".join(parts))


TRIES = 2  # wrong levels allowed before the feedback names the right one (as in the self-checks)
# A first wrong level: which way to look, never the answer (interface words; the clinical feedback is data).
AGAIN = "choose another level and press Check my triage."
FIRST_TRY_HINTS = {
    "too_low": "Not yet: {chosen} is less urgent than this story needs. Read it again for red flags, then " + AGAIN,
    "safe_higher": "Safe, but not the best route: {chosen} is more urgent than this story needs. Read it again, then " + AGAIN,
    "too_high": ("Higher than needed: {chosen} is more urgent than this story needs. Read it again and ask whether "
                 "anything in it is a red flag, then " + AGAIN),
}


@dataclass(frozen=True)
class TriageAttempt:
    """What a student has done with one case so far: the wrong levels she chose, and whether it is finished."""

    tried: tuple[str, ...] = ()
    done: bool = False


@dataclass(frozen=True)
class TriageTry:
    """One press of Check my triage: the feedback, and the attempt after it (``result.verdict`` None: nothing checked)."""

    result: TriageFeedback
    attempt: TriageAttempt
    first_try: bool = True


def try_triage(case_id: Any, level: Any, cause_id: Any = None, attempt: TriageAttempt = TriageAttempt(),
               cases: Optional[list[Case]] = None, course: Optional[Course] = None) -> TriageTry:
    """Check my triage with a second try: a first wrong level gets a hint (more or less urgent, never the
    answer) and another go; a right level, or a second wrong one, gets the full feedback of :func:`check_triage`."""
    if attempt.done:
        text = "You have finished this case: read the feedback, show the model answer, or choose another case."
        return TriageTry(TriageFeedback(None, None, message_html(text, "info")), attempt)
    if isinstance(level, str) and level in attempt.tried:
        text = "You have tried that level already. Choose a different one, then press Check my triage."
        return TriageTry(TriageFeedback(None, None, message_html(text, "info")), attempt)
    result = check_triage(case_id, level, cause_id, cases, course)
    first_try = not attempt.tried
    if result.verdict is None:
        return TriageTry(result, attempt, first_try)
    if result.verdict == "right" or len(attempt.tried) + 1 >= TRIES:
        return TriageTry(result, TriageAttempt((*attempt.tried, str(level)), done=True), first_try)
    kind = "error" if result.verdict == "too_low" else "info"
    hint = message_html(FIRST_TRY_HINTS[result.verdict].format(chosen=Level(level).label), kind)
    return TriageTry(TriageFeedback(result.verdict, None, hint), TriageAttempt((str(level),)), first_try)


def record_triage(case_id: str, level: str, cause_id: Any, checked: TriageTry) -> Optional[str]:
    """Add a checked triage to the student's record; a sentence for her if her progress file needed attention."""
    if checked.result.verdict is None:
        return None
    return store.record("triage", CASES_LESSON, case=case_id, level=level, verdict=checked.result.verdict,
                        first_try=checked.first_try, cause=cause_id or None)


def choice_html(level: Any, cause_id: Any = None, course: Optional[Course] = None) -> str:
    """What the student has chosen so far, before pressing Check: a prompt, never the verdict."""
    course = course or load_course()
    try:
        level_text = Level(level).label if level not in (None, "") else "no level yet"
    except ValueError:
        return message_html("Choose one of the levels in the list.", "error")
    cause = course.causes.get(cause_id) if isinstance(cause_id, str) else None
    cause_text = cause.name if cause is not None else "not sure"
    return message_html(f"Your answer: {level_text}; likely cause: {cause_text}. Press Check my triage.", "info")


def model_answer_html(case_id: Any, cases: Optional[list[Case]] = None, course: Optional[Course] = None) -> str:
    """The model answer: level, likely cause, what to advise, why, the red flags and the sources."""
    course = course or load_course()
    cases = cases if cases is not None else load_cases(course)
    case = _case(case_id, cases)
    if case is None:
        return message_html("Choose a case from the list first.", "info")
    result = assess_case(case, course)
    stage = None
    other = assess_at_compared_stage(case, course)
    if case.stage_matters is not None and other is not None:
        stage = {
            "here": case.stage.describe(),
            "here_level": result.level.label,
            "there": case.stage_matters.stage.describe(),
            "there_level": other.level.label,
            "note": case.stage_matters.note,
            "sources": [course.sources[s] for s in case.stage_matters.source_ids],
        }
    return render(
        "case_model_answer.html",
        woman=case.name,
        banner=markup(level_banner_html(case.level, course=course)),
        cause=course.causes[case.likely_cause].name,
        why=case.why,
        stage=stage,
        red_flags=[course.symptoms[s].label for s in result.red_flags],
        advise=case.advise,
        sources=[course.sources[s] for s in case.source_ids],
    )


# ---------------------------------------------------------------- the builder


def case_trainer(case_id: Optional[str] = None) -> widgets.VBox:
    """Pick a case, choose a level (and a likely cause), press Check; reveal the model answer."""
    course = load_course()
    cases = load_cases(course)
    chooser = widgets.Dropdown(
        options=[(f"{i}. {c.title}", c.id) for i, c in enumerate(cases, start=1)],
        value=case_id or cases[0].id,
        description="Case:",
        style=LABEL_STYLE,
        layout=CONTROL_LAYOUT,
    )
    story = output_area()
    level = widgets.Dropdown(
        options=[("Choose a level", "")] + [(lv.label, lv.value) for lv in LEVELS],
        value="",
        description="Your level:",
        style=LABEL_STYLE,
        layout=CONTROL_LAYOUT,
    )
    cause = widgets.Dropdown(
        options=[("Not sure", "")] + sorted(((c.name, c.id) for c in course.causes.values()), key=lambda o: o[0]),
        value="",
        description="Likely cause (optional):",
        style=LABEL_STYLE,
        layout=CONTROL_LAYOUT,
    )
    check = widgets.Button(description="Check my triage", button_style="primary", tooltip="Check your level and cause",
                           layout=widgets.Layout(width="auto"))
    reveal = widgets.Button(description="Show model answer", tooltip="Reveal the model answer for this case",
                            layout=widgets.Layout(width="auto"))
    feedback = output_area()
    answer = output_area()
    state = {"attempt": TriageAttempt()}

    def on_case(_: Any = None) -> None:
        state["attempt"] = TriageAttempt()
        check.disabled = False
        story.value = story_html(chooser.value, cases)
        level.value = ""
        cause.value = ""
        feedback.value = ""
        answer.value = ""

    def on_choice(_: Any) -> None:
        if (level.value or cause.value) and not state["attempt"].done:
            feedback.value = choice_html(level.value, cause.value, course)

    def on_check(_: Any) -> None:
        checked = try_triage(chooser.value, level.value, cause.value, state["attempt"], cases, course)
        state["attempt"] = checked.attempt
        check.disabled = checked.attempt.done  # finished: show the model answer or choose another case
        notice = record_triage(chooser.value, level.value, cause.value, checked)
        feedback.value = checked.result.html + (message_html(notice, "info") if notice else "")

    def on_reveal(_: Any) -> None:
        answer.value = model_answer_html(chooser.value, cases, course)

    chooser.observe(on_case, names="value")
    level.observe(on_choice, names="value")
    cause.observe(on_choice, names="value")
    check.on_click(on_check)
    reveal.on_click(on_reveal)
    on_case()
    box = widgets.VBox([chooser, story, level, cause, widgets.HBox([check, reveal]), feedback, answer])
    box.add_class("legpain-case-trainer")
    return box


def show_case_trainer() -> None:
    """Show the case trainer."""
    show_widget(case_trainer())
