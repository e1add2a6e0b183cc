"""The relief toolkit: which measures fit a problem, how strong their evidence is,
and which painkiller caution applies at a given week of pregnancy.

The content lives in ``data/lessons/07_relief_toolkit.yaml`` (validated in
:mod:`legpain.content.lessons.relief`). :func:`advise` is the
plain callback (clot question, problem and week in, measures and cautions out);
:func:`advise_html` renders it; :func:`relief_picker` wires it to labelled controls.

The clot question comes first, always: self-care is never offered beside a possible
clot. Until it is answered "no", no measure and no painkiller advice is shown, and an
answer of "yes" or "not sure" shows the same-day route instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional

import ipywidgets as widgets

from ..content.lessons.relief import (  # noqa: F401  (re-exported)
    FIRST_WEEK, LAST_WEEK, LESSON_ID, ClotCheck, Finding, Grade, Measure, Painkiller, Problem, SafetyNote, Toolkit,
    load_toolkit,
)
from ..content import Course, load_course
from ..course_html import source_rows
from ..templating import markup, render
from . import CONTROL_LAYOUT, LABEL_STYLE, heading_html, message_html, output_area, show_widget

CELL = "text-align:left;vertical-align:top;padding:0.3em 0.6em;border-bottom:1px solid #888"


# ---------------------------------------------------------------- the callback


@dataclass(frozen=True)
class Advice:
    """What the picker shows: the clot answer, the measures in order and the cautions for the week, or a message.

    ``clot`` is 'no' (no sign of a clot: relief may be shown), 'possible' (a sign, or not sure:
    the same-day route, and nothing else) or 'unanswered' (nothing is shown until it is answered).
    """

    problem_id: Optional[str]
    weeks: Optional[int]
    measures: list[Measure]
    painkillers: list[Painkiller]
    message: Optional[str] = None
    kind: str = "info"
    clot: str = "no"


CLOT_ANSWERS = [("Yes, or not sure", "yes"), ("No", "no")]


def check_clot_answer(answer: Any) -> str:
    """'no' only for a clear no; None or '' is 'unanswered'; anything else (yes, not sure, a typo) is 'possible'."""
    if answer is None or (isinstance(answer, str) and not answer.strip()):
        return "unanswered"
    if answer is False or (isinstance(answer, str) and answer.strip().lower() == "no"):
        return "no"
    return "possible"


def check_week(weeks: Any) -> int:
    """A whole week of pregnancy (``FIRST_WEEK`` to ``LAST_WEEK``), or ValueError with a sentence a student can act on."""
    if isinstance(weeks, bool) or weeks is None:
        raise ValueError(f"Enter the week of pregnancy as a whole number from {FIRST_WEEK} to {LAST_WEEK}.")
    if isinstance(weeks, float) and weeks.is_integer():
        weeks = int(weeks)
    if isinstance(weeks, str) and weeks.strip().isdigit():
        weeks = int(weeks.strip())
    if not isinstance(weeks, int):
        raise ValueError(f"Enter the week of pregnancy as a whole number from {FIRST_WEEK} to {LAST_WEEK}; '{weeks}' is not one.")
    if not FIRST_WEEK <= weeks <= LAST_WEEK:
        raise ValueError(
            f"A pregnancy lasts from week {FIRST_WEEK} to week {LAST_WEEK}; you entered {weeks}. "
            f"Enter a week from {FIRST_WEEK} to {LAST_WEEK}."
        )
    return weeks


def advise(problem_id: Any, weeks: Any, toolkit: Optional[Toolkit] = None, clot_signs: Any = None) -> Advice:
    """The clot question first; then the measures for a problem and the painkiller cautions at a week.

    Until ``clot_signs`` is a clear 'no', no measure and no painkiller advice is returned. Never raises on bad input.
    """
    toolkit = toolkit or load_toolkit()
    clot = check_clot_answer(clot_signs)
    if clot == "unanswered":
        return Advice(None, None, [], [], toolkit.clot_check.unanswered, "info", clot)
    if clot == "possible":
        return Advice(None, None, [], [], toolkit.clot_check.stop, "error", clot)
    if problem_id in (None, ""):
        return Advice(None, None, [], [], "Choose the problem the woman describes.", "info")
    if problem_id not in toolkit.problems:
        names = "; ".join(p.label for p in toolkit.problems.values())
        return Advice(None, None, [], [], f"Choose one of the problems in the list: {names}.", "error")
    try:
        week = check_week(weeks)
    except ValueError as exc:
        return Advice(problem_id, None, [], [], str(exc), "error")
    return Advice(problem_id, week, toolkit.measures_for(problem_id), toolkit.painkillers_at(week))


def strength_bar(rank: int, max_rank: int) -> str:
    """Evidence strength as filled and empty dots, so it never depends on colour."""
    return "●" * rank + "○" * (max_rank - rank)


def clot_check_html(result: Advice, toolkit: Toolkit, course: Course) -> str:
    """The clot question and, when a clot is possible, the same-day route: always the first thing shown."""
    check = toolkit.clot_check
    return render(
        "relief_clot_check.html",
        check=check,
        clot=result.clot,
        stop=markup(message_html(check.stop, "error")),
        unanswered=markup(message_html(check.unanswered, "info")),
        route=[course.advice[a] for a in check.advice_ids],
        sources=lambda ids: source_rows(ids, course),
    )


def advise_html(problem_id: Any, weeks: Any, toolkit: Optional[Toolkit] = None, course: Optional[Course] = None, clot_signs: Any = None) -> str:
    """The picker's output as HTML, the clot check first; every data string is escaped."""
    course = course or load_course()
    toolkit = toolkit or load_toolkit(course)
    result = advise(problem_id, weeks, toolkit, clot_signs)
    clot = markup(clot_check_html(result, toolkit, course))
    if result.clot != "no" or result.message is not None:
        message = markup(message_html(result.message, result.kind)) if result.clot == "no" and result.message else ""
        return render("relief_advice.html", clot=clot, message=message, problem=None)
    rows = []
    for measure in result.measures:
        grade = toolkit.grades[measure.grade]
        rows.append({"measure": measure, "grade": grade, "bar": strength_bar(grade.rank, toolkit.max_rank)})
    return render(
        "relief_advice.html",
        clot=clot,
        message="",
        problem=toolkit.problems[result.problem_id],
        weeks=result.weeks,
        cell=CELL,
        max_rank=toolkit.max_rank,
        rows=rows,
        notes=toolkit.safety_notes,
        painkillers=result.painkillers,
        painkillers_heading=markup(heading_html(f"Painkillers at {result.weeks} weeks")),
        sources=lambda ids: source_rows(ids, course),
    )


# ---------------------------------------------------------------- the builder


def relief_picker(problem_id: Optional[str] = None, weeks: int = 24) -> widgets.VBox:
    """'What would you advise?': answer the clot question, then choose a problem and a week."""
    toolkit = load_toolkit()
    clot = widgets.RadioButtons(
        options=CLOT_ANSWERS,
        value=None,
        description=toolkit.clot_check.question,
        style=LABEL_STYLE,
    )
    problem = widgets.Dropdown(
        options=[("Choose a problem", "")] + [(p.label, p.id) for p in toolkit.problems.values()],
        value=problem_id if problem_id is not None else next(iter(toolkit.problems)),
        description="Problem:",
        style=LABEL_STYLE,
        layout=CONTROL_LAYOUT,
    )
    week = widgets.IntText(
        value=weeks,
        description=f"Week of pregnancy ({FIRST_WEEK}-{LAST_WEEK}):",
        style=LABEL_STYLE,
        continuous_update=True,
    )
    output = output_area()

    def update(_: Any = None) -> None:
        output.value = advise_html(problem.value, week.value, toolkit, clot_signs=clot.value)

    for control in (clot, problem, week):
        control.observe(update, names="value")
    update()
    box = widgets.VBox([widgets.HTML(heading_html("What would you advise?")), clot, problem, week, output])
    box.add_class("legpain-relief-picker")
    return box


def show_relief_picker() -> None:
    """Show the 'what would you advise?' picker."""
    show_widget(relief_picker())
