"""The start page's panels: Your progress, Revise, and keeping or clearing the record.

Each panel reads the student's file (``store``) when it is built and whenever it is shown again;
the callbacks are plain functions (``progress_view``, ``revise_view``, ``download_html``), tested
with pytest, and the builders only wire them to ipywidgets.
"""

from __future__ import annotations

import base64
import random
from dataclasses import dataclass
from typing import Any, Callable, Optional

import ipywidgets as widgets

from ..content import Course, load_course
from ..quiz import Attempt, check_answer, record_answer, with_notice
from ..templating import render
from ..widgets import LABEL_STYLE, message_html, output_area, show_widget
from . import store
from .figure import progress_figure, update_figure
from .summary import LessonProgress, ToRevise, ever_wrong, left_text, lesson_progress, progress_summary, to_revise

# The panels on the page (the latest of each kind), shown again after a load or a fresh start.
_SHOWN: dict[str, Callable[[], None]] = {}


def refresh_all() -> None:
    for show_again in list(_SHOWN.values()):
        show_again()


# ---------------------------------------------------------------- Your progress


@dataclass(frozen=True)
class ProgressView:
    rows: list[LessonProgress]
    html: str  # the notice (if any), the table and the figure in words


def progress_view(loaded: store.Loaded, course: Optional[Course] = None) -> ProgressView:
    """What the progress panel shows for what the file holds."""
    rows = lesson_progress(loaded.events, course)
    notice = "".join(message_html(text, "info") for text in (loaded.notice, store.not_kept_note()) if text)
    words = render("figure_summary.html", summary=progress_summary(rows))
    return ProgressView(rows, notice + words + render("progress_table.html", rows=rows))


def progress_panel() -> widgets.VBox:
    """The figure, the numbers in words beside it, and a button to show them again after working on a lesson."""
    course = load_course()
    view = progress_view(store.read_progress(), course)
    figure = progress_figure(view.rows)
    words = output_area(view.html)
    again = widgets.Button(description="Show my latest progress", tooltip="Read your progress again, after working on a lesson",
                           layout=widgets.Layout(width="auto"))

    def show_again(_: Any = None) -> None:
        new = progress_view(store.read_progress(), course)
        update_figure(figure, new.rows)
        words.value = new.html

    again.on_click(show_again)
    _SHOWN["progress"] = show_again
    box = widgets.VBox([again, widgets.HBox([figure, words], layout=widgets.Layout(flex_flow="row wrap", align_items="flex-start")),
                        ], layout=widgets.Layout(width="100%"))
    words.layout = widgets.Layout(min_width="320px", max_width="640px")
    box.add_class("legpain-progress")
    return box


def show_progress() -> None:
    """Show "Your progress" (one line on the start page)."""
    show_widget(progress_panel(), "your progress across the course")


# ---------------------------------------------------------------- Revise


@dataclass(frozen=True)
class ReviseView:
    left: int
    status: str  # how many are left, in words (HTML)


def revise_view(loaded: store.Loaded, course: Optional[Course] = None) -> tuple[list[ToRevise], ReviseView]:
    """The questions still to revise, and the sentence that says how many."""
    left = to_revise(loaded.events, course)
    notice = message_html(loaded.notice, "info") if loaded.notice else ""
    return left, ReviseView(len(left), notice + message_html(left_text(len(left), ever_wrong(loaded.events)), "info"))


def fresh_order(items: list[ToRevise], rng: Optional[random.Random] = None) -> list[ToRevise]:
    """The questions in a new random order."""
    shuffled = list(items)
    (rng or random.Random()).shuffle(shuffled)
    return shuffled


ROUND_DONE = ("You have been through every question to revise for now. Come back on another day: a question leaves the "
              "round once you answer it right at the first try on two different days.")


def _choices(options: list[tuple[str, int]]) -> widgets.RadioButtons:
    return widgets.RadioButtons(options=options, value=None, description="Your answer:", style=LABEL_STYLE, layout=widgets.Layout(width="auto"))


def revise_panel() -> widgets.VBox:
    """One question at a time from the round, in a fresh order, with the self-checks' feedback and second try."""
    course = load_course()
    titles = {lesson.id: f"{lesson.id[:2]} {lesson.title}" for lesson in course.lessons.values()}
    status = output_area()
    prompt = widgets.HTML()
    check = widgets.Button(description="Check", tooltip="Check your answer", button_style="primary")
    feedback = output_area()
    following = widgets.Button(description="Next question", tooltip="Go on to the next question to revise", layout=widgets.Layout(width="auto"))
    # Always there: after working on a lesson in another tab, it reads the record again.
    restart = widgets.Button(description="Start the round again",
                             tooltip="Read your progress again and ask the questions left to revise, in a new order",
                             layout=widgets.Layout(width="auto"))
    question_box = widgets.VBox([prompt, _choices([]), check])
    state: dict[str, Any] = {"queue": [], "attempt": Attempt()}

    def show_status() -> None:
        status.value = revise_view(store.read_progress(), course)[1].status

    def ask() -> None:
        queue = state["queue"]
        feedback.value = ""
        following.layout.display = "none"
        if not queue:
            question_box.layout.display = "none"
            show_status()
            if revise_view(store.read_progress(), course)[1].left:
                status.value += message_html(ROUND_DONE, "success")
            return
        item = queue[0]
        state["attempt"] = Attempt()
        question_box.layout.display = ""
        prompt.value = render("progress_revise_prompt.html", lesson=titles[item.lesson_id], prompt=item.question.prompt)
        # New answer buttons for each asking: no answer chosen, on every front end.
        question_box.children = [prompt, _choices([(option.text, i) for i, option in enumerate(item.question.options)]), check]
        check.disabled = False

    def start(_: Any = None) -> None:
        items, view = revise_view(store.read_progress(), course)
        state["queue"] = fresh_order(items)
        status.value = view.status
        ask()

    def on_check(_: Any) -> None:
        if not state["queue"]:
            return
        item = state["queue"][0]
        choices = question_box.children[1]
        before = state["attempt"]
        result = check_answer(item.question, choices.value, before, course)
        state["attempt"] = result.attempt
        notice = record_answer(item.lesson_id, item.question, choices.value, before, result, round_name="revise")
        feedback.value = with_notice(result.html, notice)
        if result.done:
            choices.disabled = check.disabled = True
            following.layout.display = ""
            show_status()

    def on_next(_: Any) -> None:
        state["queue"] = state["queue"][1:]
        ask()

    check.on_click(on_check)
    following.on_click(on_next)
    restart.on_click(start)
    _SHOWN["revise"] = start
    start()
    box = widgets.VBox([status, question_box, feedback, following, restart])
    box.add_class("legpain-quiz")  # the self-checks' layout of long answers
    box.add_class("legpain-revise")
    return box


def show_revision() -> None:
    """Show the revision round (one line on the start page)."""
    show_widget(revise_panel(), "the revision round")


# ---------------------------------------------------------------- keep or clear


def download_html(text: str, file_name: str = store.FILE_NAME) -> str:
    """A link that saves ``text`` as a file, with nothing fetched from anywhere (a data URL)."""
    events = text.count('"kind": ')
    what = "1 entry" if events == 1 else f"{events} entries"
    payload = base64.b64encode(text.encode("utf-8")).decode("ascii")
    return render("progress_download.html", file_name=file_name, payload=payload, what=what)


def uploaded_bytes(value: Any) -> Optional[bytes]:
    """The content of the file chosen in a FileUpload (ipywidgets 8: a tuple of dicts), or None."""
    if not value:
        return None
    first = value[0] if isinstance(value, (tuple, list)) else next(iter(value.values()), None)
    content = first.get("content") if isinstance(first, dict) else None
    return bytes(content) if content is not None else None


CONFIRM = ("Start again? This removes every answer, triage and lesson run recorded in this folder (in the browser "
           "version, in this browser). Download your progress first if you may want it back.")


def files_panel() -> widgets.VBox:
    """Download my progress, Load progress from a file, and Start again (with a confirmation)."""
    download = widgets.Button(description="Download my progress", tooltip="Save your progress as a file", layout=widgets.Layout(width="auto"))
    link = output_area()
    upload_label = widgets.HTML(render("paragraph.html", text="Load progress from a file you saved before (it is merged with what is here):"))
    upload = widgets.FileUpload(accept=".json", multiple=False, description="Load progress from a file",
                                tooltip="Choose a progress file you downloaded before", layout=widgets.Layout(width="auto"))
    loaded = output_area()
    clear = widgets.Button(description="Start again…", tooltip="Remove your progress and start afresh", layout=widgets.Layout(width="auto"))
    confirm_text = output_area()
    yes = widgets.Button(description="Yes, remove my progress", button_style="danger", layout=widgets.Layout(width="auto"))
    no = widgets.Button(description="No, keep it", layout=widgets.Layout(width="auto"))
    confirm = widgets.VBox([confirm_text, widgets.HBox([yes, no])], layout=widgets.Layout(display="none"))
    cleared = output_area()

    def on_download(_: Any) -> None:
        link.value = download_html(store.download_text())

    def on_upload(change: Any) -> None:
        content = uploaded_bytes(change["new"])
        if content is None:
            return
        loaded.value = message_html(store.load_file(content), "info")
        link.value = ""
        refresh_all()

    def on_clear(_: Any) -> None:
        confirm_text.value = message_html(CONFIRM, "error")
        confirm.layout.display = ""
        cleared.value = ""

    def on_yes(_: Any) -> None:
        confirm.layout.display = "none"
        cleared.value = message_html(store.start_again(), "success")
        link.value = ""
        refresh_all()

    def on_no(_: Any) -> None:
        confirm.layout.display = "none"
        cleared.value = message_html("Nothing was removed.", "info")

    download.on_click(on_download)
    upload.observe(on_upload, names="value")
    clear.on_click(on_clear)
    yes.on_click(on_yes)
    no.on_click(on_no)
    box = widgets.VBox([download, link, upload_label, upload, loaded, clear, confirm, cleared])
    box.add_class("legpain-progress-files")
    return box


def show_progress_files() -> None:
    """Show Download my progress, Load progress from a file and Start again (one line on the start page)."""
    show_widget(files_panel(), "Download my progress, Load progress from a file and Start again")

