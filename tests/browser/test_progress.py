"""A student's progress in JupyterLab: a wrong answer in a lesson is counted on the start page after a
reload, the revision round asks it again, and two right answers on different days take it out
(the scenario: browser_support/progress_round.py).

The JupyterLab here records (the other browser tests' servers do not): its folder is a temporary copy
of the lessons, so the file it writes, ``legpain-progress.json`` beside them, is no student's. The
next day is simulated by moving every recorded time in that file back by one day.
"""

from __future__ import annotations

import os
from typing import Any, Callable, Iterator

import pytest

from browser_support import lab, progress_round, servers
from legpain.progress import store


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


def test_a_wrong_answer_is_counted_revised_and_leaves_the_round_after_two_days(recording_lab: servers.Server,
                                                                               new_page: Callable[..., Any]) -> None:
    record = recording_lab.root / store.FILE_NAME
    with new_page() as page:
        page.on("dialog", lambda dialog: dialog.accept())  # "leave the page?" on reload: yes

        def open_and_run(name: str) -> None:
            lab.open_notebook(page, recording_lab, name)
            lab.run_all_and_wait(page)

        front = progress_round.Front(
            open_and_run=open_and_run,
            close=lambda: lab.shutdown_kernel(page),
            reload=lambda: page.reload(wait_until="domcontentloaded"),
            read_record=lambda: record.read_text(encoding="utf-8"),
            write_record=lambda text: record.write_text(text, encoding="utf-8"),
        )
        progress_round.play(page, front)
