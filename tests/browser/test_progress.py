"""A student's progress in JupyterLab: a wrong answer in a lesson is counted on the start page after a
reload, the revision round asks it again, and two right answers on different days take it out.

The JupyterLab here records (the other browser tests' servers do not): its folder is a temporary copy
of the lessons, so the file it writes, ``legpain-progress.json`` beside them, is no student's. The
second day is simulated by moving every recorded time in that file back by one day.
"""

from __future__ import annotations

import json
import os
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest

from browser_support import lab, servers
from browser_support.controls import exact
from browser_support.pages import LAB_ROOT
from legpain.content.lessons.quiz import load_quiz
from legpain.progress import store

LESSON = "04_cramps_and_blood_chemistry"
TITLE = "Cramps and blood chemistry"
QUESTION = load_quiz(LESSON)[0]
WRONG = next(o.text for o in QUESTION.options if not o.correct and not o.safe)
RIGHT = QUESTION.options[QUESTION.answer].text
WAIT_MS = 30_000


@pytest.fixture(scope="module")
def recording_lab(chromium_path: str) -> Iterator[servers.Server]:
    """A JupyterLab whose kernels record progress, over a temporary copy of the lessons."""
    work = servers.make_workdir("legpain-progress-")
    before = os.environ.get(store.SWITCH)
    os.environ[store.SWITCH] = "on"  # the server copies its environment when it starts
    try:
        server = servers.start_lab(work)
    finally:
        if before is None:
            os.environ.pop(store.SWITCH, None)
        else:
            os.environ[store.SWITCH] = before
    try:
        yield server
    finally:
        server.stop()
        servers.remove_workdir(work)


def _record(server: servers.Server) -> Path:
    return server.root / store.FILE_NAME


def _answer(question: Any, option: str) -> None:
    question.locator(".widget-radio-box label").filter(has_text=exact(option)).locator("input[type=radio]").check()
    question.locator("button").filter(has_text=exact("Check")).click()


def _wait_text(scope: Any, text: str) -> None:
    scope.get_by_text(text, exact=False).first.wait_for(state="visible", timeout=WAIT_MS)


def _a_day_earlier(path: Path) -> None:
    """Simulate the next day: every time recorded so far moves back by one day."""
    document = json.loads(path.read_text(encoding="utf-8"))
    for event in document["events"]:
        event["at"] = (datetime.fromisoformat(event["at"]) - timedelta(days=1)).isoformat(timespec="seconds")
    path.write_text(json.dumps(document, indent=1), encoding="utf-8")


def test_a_wrong_answer_is_counted_revised_and_leaves_the_round_after_two_days(recording_lab: servers.Server,
                                                                               new_page: Callable[..., Any]) -> None:
    with new_page() as page:
        page.on("dialog", lambda dialog: dialog.accept())  # "leave the page?" on reload: yes
        # In the lesson: a wrong answer, then the right one at the second try.
        lab.open_notebook(page, recording_lab, f"{LESSON}.ipynb")
        lab.run_all_and_wait(page)
        root = page.locator(LAB_ROOT)
        question = root.locator(".legpain-quiz-question").first
        question.wait_for(state="visible", timeout=WAIT_MS)
        _answer(question, WRONG)
        _wait_text(question, "Try again")
        _answer(question, RIGHT)
        _wait_text(question, "Correct.")
        events = store.parse(_record(recording_lab).read_text(encoding="utf-8"))
        answers = [(e["question"], e["correct"], e["first_try"]) for e in events if e["kind"] == "answer"]
        assert answers == [(QUESTION.id, False, True), (QUESTION.id, True, False)]
        lab.shutdown_kernel(page)

        # Reload, then the start page: the lesson is counted, and the round asks the question.
        page.reload(wait_until="domcontentloaded")
        lab.open_notebook(page, recording_lab, "00_start_here.ipynb")
        lab.run_all_and_wait(page)
        root = page.locator(LAB_ROOT)
        progress = root.locator(".legpain-progress")
        _wait_text(progress, f"{TITLE}: 1 of {len(load_quiz(LESSON))} self-checks done, 0 right at the first try")
        assert progress.locator(".js-plotly-plot").count() == 1, "the progress figure is drawn"
        revise = root.locator(".legpain-revise")
        _wait_text(revise, "1 question left to revise.")
        _wait_text(revise, QUESTION.prompt[:60])
        _answer(revise, RIGHT)
        _wait_text(revise, "Correct.")
        _wait_text(revise, "1 question left to revise.")  # right on one day only: still in the round

        # The next day: right again, and the question leaves the round.
        _a_day_earlier(_record(recording_lab))
        revise.locator("button").filter(has_text=exact("Start the round again")).click()
        _wait_text(revise, QUESTION.prompt[:60])
        _answer(revise, RIGHT)
        _wait_text(revise, "No questions left to revise")
        revise_answers = [e for e in store.parse(_record(recording_lab).read_text(encoding="utf-8")) if e.get("round") == "revise"]
        assert len(revise_answers) == 2 and len({store.day_of(e) for e in revise_answers}) == 2

        progress.locator("button").filter(has_text=exact("Show my latest progress")).click()
        _wait_text(progress, f"{TITLE}: 1 of")
        lab.shutdown_kernel(page)
        time.sleep(0.5)
