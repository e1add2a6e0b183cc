"""The progress scenario that the JupyterLab test and the browser-version test both play.

A student answers a self-check wrongly (then rightly, at the second try) in one lesson; the page
is reloaded; the start page counts it, and its revision round asks the question; a right answer
today and another on the next (simulated) day take it out of the round.

How a notebook is opened and how the record is read and written differ between JupyterLab (a file
on disk) and the browser version (the browser's storage, reached through the kernel), so the tests
pass those in.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Callable

from legpain.content.lessons.quiz import load_quiz
from legpain.progress import store

from .controls import exact
from .pages import LAB_ROOT

LESSON = "04_cramps_and_blood_chemistry"
TITLE = "Cramps and blood chemistry"
QUESTION = load_quiz(LESSON)[0]
WRONG = next(o.text for o in QUESTION.options if not o.correct and not o.safe)
RIGHT = QUESTION.options[QUESTION.answer].text
WAIT_MS = 60_000

# Run Python in the current notebook's kernel and return what it printed (JupyterLab and JupyterLite alike).
KERNEL_RUN_JS = """async code => {
  const w = window.jupyterapp.shell.currentWidget;
  const future = w.sessionContext.session.kernel.requestExecute({code, store_history: false});
  let out = '';
  future.onIOPub = msg => {
    if (msg.header.msg_type === 'stream') out += msg.content.text;
    if (msg.header.msg_type === 'error') out += 'ERROR ' + msg.content.ename + ': ' + msg.content.evalue;
  };
  await future.done;
  return out;
}"""


@dataclass
class Front:
    """What differs between front ends: open a notebook and run it all; close it; reload the page;
    read and write the record's text."""

    open_and_run: Callable[[str], None]
    close: Callable[[], None]
    reload: Callable[[], None]
    read_record: Callable[[], str]
    write_record: Callable[[str], None]


def kernel_run(page: Any, code: str) -> str:
    out = page.evaluate(KERNEL_RUN_JS, code)
    assert "ERROR" not in out, out
    return out


def a_day_earlier(text: str) -> str:
    """The record with every time moved back by one day (the next day, simulated)."""
    document = json.loads(text)
    for event in document["events"]:
        event["at"] = (datetime.fromisoformat(event["at"]) - timedelta(days=1)).isoformat(timespec="seconds")
    return json.dumps(document, indent=1)


def answer(scope: Any, option: str) -> None:
    """Choose ``option`` and press Check, once it can be chosen (usable, and not still chosen from before)."""
    radio = scope.locator(".widget-radio-box label").filter(has_text=exact(option)).locator("input[type=radio]")
    deadline = time.monotonic() + WAIT_MS / 1000
    while radio.is_disabled() or radio.is_checked():  # a question asked again starts with no answer chosen
        assert time.monotonic() < deadline, f"the answers were not open to choose {option!r}"
        time.sleep(0.1)
    radio.check()
    scope.locator("button").filter(has_text=exact("Check")).click()


def wait_text(scope: Any, text: str, record: Callable[[], str] | None = None) -> None:
    """Wait for ``text`` to show; if it does not, say what the panel shows instead (and the record)."""
    try:
        scope.get_by_text(text, exact=False).first.wait_for(state="visible", timeout=WAIT_MS)
    except Exception as exc:
        shown = " ".join(scope.inner_text().split())
        raise AssertionError(f"{text!r} did not show; the panel shows: {shown[:1500]}"
                             + (f"\nthe record:\n{record()}" if record else "")) from exc


def ask_again(revise: Any) -> None:
    """Start the round again, and wait until its question is asked afresh (no feedback, Check usable)."""
    revise.locator("button").filter(has_text=exact("Start the round again")).click()
    revise.get_by_text("Correct.", exact=False).first.wait_for(state="hidden", timeout=WAIT_MS)
    check = revise.locator("button").filter(has_text=exact("Check"))
    page = revise.page
    page.wait_for_function("button => !button.disabled", arg=check.element_handle(), timeout=WAIT_MS)


def play(page: Any, front: Front) -> None:
    # In the lesson: a wrong answer, then the right one at the second try.
    front.open_and_run(f"{LESSON}.ipynb")
    root = page.locator(LAB_ROOT)
    question = root.locator(".legpain-quiz-question").first
    question.wait_for(state="visible", timeout=WAIT_MS)
    answer(question, WRONG)
    wait_text(question, "Try again")
    answer(question, RIGHT)
    wait_text(question, "Correct.")
    events = store.parse(front.read_record())
    answers = [(e["question"], e["correct"], e["first_try"]) for e in events if e["kind"] == "answer" and e["lesson"] == LESSON]
    assert answers == [(QUESTION.id, False, True), (QUESTION.id, True, False)]
    front.close()

    # Reload, then the start page: the lesson is counted, and the round asks the question.
    front.reload()
    front.open_and_run("00_start_here.ipynb")
    root = page.locator(LAB_ROOT)
    progress = root.locator(".legpain-progress")
    wait_text(progress, f"{TITLE}: 1 of {len(load_quiz(LESSON))} self-checks done, 0 right at the first try")
    assert progress.locator(".js-plotly-plot").count() == 1, "the progress figure is drawn"
    revise = root.locator(".legpain-revise")
    wait_text(revise, "1 question left to revise.")
    wait_text(revise, QUESTION.prompt[:60])
    answer(revise, RIGHT)
    wait_text(revise, "Correct.")
    wait_text(revise, "Next question")
    assert [e["round"] for e in store.parse(front.read_record()) if e["kind"] == "answer" and e["lesson"] == LESSON][-1] == "revise"
    wait_text(revise, "1 question left to revise.")  # right on one day only: still in the round

    # The next day: right again, and the question leaves the round.
    front.write_record(a_day_earlier(front.read_record()))
    ask_again(revise)
    wait_text(revise, QUESTION.prompt[:60])
    answer(revise, RIGHT)
    wait_text(revise, "No questions left to revise", front.read_record)
    revised = [e for e in store.parse(front.read_record()) if e.get("round") == "revise"]
    assert len(revised) == 2 and len({store.day_of(e) for e in revised}) == 2
    front.close()
