"""Case studies: short stories for students to triage, with feedback and a model answer.

The cases live in ``data/lessons/09_case_studies.yaml``. Each case carries its stage: a week
of pregnancy or a number of days after the birth. The words of the feedback are data too
(the ``feedback`` section of that file); this module only chooses which one applies.

:func:`check_triage` is the plain callback behind the Check button and
:func:`model_answer_html` the one behind "Show model answer"; :func:`case_trainer` wires
them to labelled controls.
"""

from __future__ import annotations

from dataclasses import dataclass
from string import Formatter
from typing import Any, Literal, Optional

import ipywidgets as widgets
from pydantic import BaseModel, ConfigDict, Field

from ..data import Course, DataError, lesson_section, load_course
from ..levels import LEVELS, RED_FLAG_FLOOR, Level
from ..render import level_banner_html
from ..templating import markup, render
from ..triage import DAYS_AFTER_BIRTH, WEEKS, Assessment, Stage, assess, check_symptoms
from . import CONTROL_LAYOUT, LABEL_STYLE, message_html, output_area, show_widget

LESSON_ID = "09_case_studies"
FILE = f"data/lessons/{LESSON_ID}.yaml"


class _Item(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


def _stage_words(stage: Stage) -> str:
    """'32 weeks pregnant' or '10 days after the birth'."""
    if stage.weeks is not None:
        return f"{stage.weeks} weeks pregnant"
    days = stage.days_after_birth
    return f"{days} day{'' if days == 1 else 's'} after the birth"


class StageMatters(_Item):
    """The same story at another stage, where the engine gives another level."""

    compare_weeks: Optional[int] = Field(default=None, ge=WEEKS[0], le=WEEKS[1])
    compare_days_after_birth: Optional[int] = Field(default=None, ge=DAYS_AFTER_BIRTH[0], le=DAYS_AFTER_BIRTH[1])
    note: str = Field(min_length=10)
    source_ids: list[str] = Field(min_length=1)

    @property
    def stage(self) -> Stage:
        return Stage(self.compare_weeks, self.compare_days_after_birth)


class Case(_Item):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: str = Field(min_length=1)
    weeks: Optional[int] = Field(default=None, ge=WEEKS[0], le=WEEKS[1])
    days_after_birth: Optional[int] = Field(default=None, ge=DAYS_AFTER_BIRTH[0], le=DAYS_AFTER_BIRTH[1])
    story: str = Field(min_length=20)
    symptom_ids: list[str] = Field(min_length=1)
    level: Level
    likely_cause: str
    why: str = Field(min_length=20)
    advise: str = Field(min_length=20)
    stage_matters: Optional[StageMatters] = None
    source_ids: list[str] = Field(min_length=1)

    @property
    def stage(self) -> Stage:
        return Stage(self.weeks, self.days_after_birth)

    @property
    def after_birth(self) -> bool:
        return self.days_after_birth is not None

    @property
    def title(self) -> str:
        return f"{self.name}, {_stage_words(self.stage)}"


class StageMarker(_Item):
    """A week of pregnancy or a day after the birth that changes the picture, for the timeline."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    week: Optional[int] = Field(default=None, ge=WEEKS[0], le=WEEKS[1])
    day_after_birth: Optional[int] = Field(default=None, ge=DAYS_AFTER_BIRTH[0], le=DAYS_AFTER_BIRTH[1])
    rule_id: Optional[str] = None
    short: str = Field(min_length=3, max_length=40)
    label: str = Field(min_length=5)
    source_ids: list[str] = Field(min_length=1)

    @property
    def after_birth(self) -> bool:
        return self.day_after_birth is not None

    @property
    def at(self) -> int:
        return self.day_after_birth if self.day_after_birth is not None else self.week  # type: ignore[return-value]


FeedbackId = Literal[
    "right", "too_low", "too_low_red_flag", "safe_higher", "higher", "cause_right", "cause_must_not_miss", "cause_other"
]
# The placeholders each kind of feedback may use: level names, the case's own reasoning and advice, cause names.
PLACEHOLDERS: dict[str, frozenset[str]] = {
    **{kind: frozenset({"chosen", "expected", "why", "advise"}) for kind in ("right", "too_low", "too_low_red_flag", "safe_higher", "higher")},
    **{kind: frozenset({"cause", "chosen_cause"}) for kind in ("cause_right", "cause_must_not_miss", "cause_other")},
}


class FeedbackText(_Item):
    id: FeedbackId
    text: str = Field(min_length=5)
    source_ids: list[str] = Field(default_factory=list)


def _check_stage(where: str, weeks: Optional[int], days: Optional[int], columns: tuple[str, str]) -> None:
    if (weeks is None) == (days is None):
        raise DataError(FILE, where, columns[0],
                        f"either '{columns[0]}' (a week of pregnancy) or '{columns[1]}' (days after the birth), not both or neither",
                        f"{weeks}, {days}")


def load_cases(course: Optional[Course] = None) -> list[Case]:
    """The validated cases; a missing stage, an unknown symptom or cause, or a repeated id raises one DataError."""
    course = course or load_course()
    cases = lesson_section(LESSON_ID, "cases", Case, course)
    seen: set[str] = set()
    for i, case in enumerate(cases):
        where = f"cases[{i}]"
        if case.id in seen:
            raise DataError(FILE, where, "id", "a unique id", case.id)
        seen.add(case.id)
        _check_stage(where, case.weeks, case.days_after_birth, ("weeks", "days_after_birth"))
        if case.stage_matters is not None:
            other = case.stage_matters
            _check_stage(where, other.compare_weeks, other.compare_days_after_birth,
                         ("stage_matters.compare_weeks", "stage_matters.compare_days_after_birth"))
        try:
            check_symptoms(case.symptom_ids, course)
        except ValueError as exc:
            raise DataError(FILE, where, "symptom_ids", "ids from data/symptoms.csv", str(exc)) from None
        if case.likely_cause not in course.causes:
            raise DataError(FILE, where, "likely_cause", "an id from data/causes.csv", case.likely_cause)
    return cases


def load_stage_markers(course: Optional[Course] = None) -> list[StageMarker]:
    """The timeline's markers, pregnancy first; a marker tied to a rule must sit where the rule starts."""
    course = course or load_course()
    markers = lesson_section(LESSON_ID, "stage_markers", StageMarker, course)
    for i, marker in enumerate(markers):
        where = f"stage_markers[{i}]"
        _check_stage(where, marker.week, marker.day_after_birth, ("week", "day_after_birth"))
        if marker.rule_id is not None:
            rule = course.rules.get(marker.rule_id)
            if rule is None:
                raise DataError(FILE, where, "rule_id", "an id from data/rules.csv", marker.rule_id)
            if marker.week is None or rule.min_week != marker.week:
                raise DataError(FILE, where, "week", f"the week rule '{rule.id}' starts from ({rule.min_week})", marker.week)
    return sorted(markers, key=lambda m: (m.after_birth, m.at))


def load_feedback(course: Optional[Course] = None) -> dict[str, str]:
    """The feedback texts by kind; each kind exactly once, using only its own placeholders."""
    course = course or load_course()
    rows = lesson_section(LESSON_ID, "feedback", FeedbackText, course)
    texts: dict[str, str] = {}
    for i, row in enumerate(rows):
        where = f"feedback[{i}]"
        if row.id in texts:
            raise DataError(FILE, where, "id", "each kind of feedback once", row.id)
        allowed = PLACEHOLDERS[row.id]
        for _, field_name, _, _ in Formatter().parse(row.text):
            if field_name is not None and field_name not in allowed:
                expected = "placeholders from " + ", ".join("{" + p + "}" for p in sorted(allowed))
                raise DataError(FILE, where, "text", expected, "{" + field_name + "}")
        texts[row.id] = row.text
    missing = sorted(set(PLACEHOLDERS) - set(texts))
    if missing:
        raise DataError(FILE, None, "feedback", "one text for each kind of feedback", "missing: " + ", ".join(missing))
    return texts


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

    def on_case(_: Any = None) -> None:
        story.value = story_html(chooser.value, cases)
        level.value = ""
        cause.value = ""
        feedback.value = ""
        answer.value = ""

    def on_choice(_: Any) -> None:
        if level.value or cause.value:
            feedback.value = choice_html(level.value, cause.value, course)

    def on_check(_: Any) -> None:
        feedback.value = check_triage(chooser.value, level.value, cause.value, cases, course).html

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
