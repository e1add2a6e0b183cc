"""A student's own record of the course: a plain JSON file beside her lessons, on her computer only.

The file (``legpain-progress.json`` in the folder the lessons run in) holds a list of events, one
per line: each self-check answer, each case triaged in lesson 09 and each lesson run. Nothing is
sent anywhere. In the browser version the lessons' folder is the site's storage in the browser,
so the file is kept there.

Writing is a read-merge-write under a lock file, so two lessons answering at the same moment lose
nothing: each takes the lock, reads what is on disk, adds its event and replaces the file in one
step. A file that cannot be read (damaged, or edited by hand into something else) is kept aside
under another name, the student is told in one sentence, and recording starts afresh. A file
written by a newer version of the course is left alone: this version neither reads nor writes it.

``LEGPAIN_PROGRESS=off`` switches the record off (nothing read, nothing written): the notebook
build, the instructor build and the tests set it, so they never touch a student's file.
``LEGPAIN_PROGRESS_FILE`` names another file (for tests).
"""

from __future__ import annotations

import json
import os
import secrets
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional

FILE_NAME = "legpain-progress.json"
FORMAT = "legpain-progress"
VERSION = 1
SWITCH = "LEGPAIN_PROGRESS"
FILE_SETTING = "LEGPAIN_PROGRESS_FILE"
ABOUT = (
    "Your own record of the leg pain course: each self-check answer, each case you triaged and each "
    "lesson you ran. It stays on this computer (in the browser version, in this browser); nothing is sent anywhere."
)
LOCK_WAIT = 10.0  # seconds to wait for another lesson that is saving
LOCK_STALE = 30.0  # a lock older than this was left by a lesson that stopped while saving

# What each kind of event must hold besides id, kind, lesson and at.
FIELDS: dict[str, dict[str, tuple[type, ...]]] = {
    "answer": {"question": (str,), "option": (int,), "correct": (bool,), "first_try": (bool,)},
    "triage": {"case": (str,), "level": (str,), "verdict": (str,), "first_try": (bool,)},
    "run": {},
}


class Unreadable(ValueError):
    """The file is not a progress file this version can read (the message says why, in words)."""


class NewerVersion(Exception):
    """The file was written by a newer version of the course."""


@dataclass(frozen=True)
class Loaded:
    """What the file holds, and a sentence for the student if something had to be done about it."""

    events: tuple[dict[str, Any], ...] = ()
    notice: Optional[str] = None


# ---------------------------------------------------------------- where, and whether


def recording_on() -> bool:
    return os.environ.get(SWITCH, "").strip().lower() not in {"off", "0", "no", "false"}


def progress_path() -> Path:
    """The file: ``LEGPAIN_PROGRESS_FILE`` if set, else ``legpain-progress.json`` in the lessons' folder."""
    return Path(os.environ.get(FILE_SETTING) or Path.cwd() / FILE_NAME)


IN_BROWSER = sys.platform == "emscripten"
BROWSER_FILES = "/drive"  # where JupyterLite's kernel sees the site's files, which the browser keeps


def not_kept_note(cwd: Optional[str] = None, in_browser: bool = IN_BROWSER) -> Optional[str]:
    """In the browser version, where the kernel cannot reach the site's files (no service worker, as in
    some private windows), the record lives only as long as the page: say so, in one sentence."""
    cwd = cwd if cwd is not None else os.getcwd()
    if not in_browser or not recording_on() or os.environ.get(FILE_SETTING) or cwd.startswith(BROWSER_FILES):
        return None
    return ("This browser does not let the course keep files, so your progress lasts only until you close this page: "
            "use Download my progress before you leave.")


def now_text(now: Optional[datetime] = None) -> str:
    """A time as the file writes it: local time with its offset from UTC, to the second."""
    return (now or datetime.now()).astimezone().isoformat(timespec="seconds")


def day_of(event: dict[str, Any]) -> date:
    """The calendar day of an event, where it was recorded."""
    return datetime.fromisoformat(event["at"]).date()


# ---------------------------------------------------------------- reading and checking


def _check_event(event: Any, number: int) -> dict[str, Any]:
    where = f"event {number}"
    if not isinstance(event, dict):
        raise Unreadable(f"{where} is not a record")
    kind = event.get("kind")
    if kind not in FIELDS:
        raise Unreadable(f"{where} has an unknown kind {kind!r}")
    needed: dict[str, tuple[type, ...]] = {"id": (str,), "lesson": (str,), "at": (str,), **FIELDS[kind]}
    for name, types in needed.items():
        value = event.get(name)
        if not isinstance(value, types) or (bool in types) != isinstance(value, bool):
            raise Unreadable(f"{where} has no valid {name!r}")
    try:
        datetime.fromisoformat(event["at"])
    except ValueError:
        raise Unreadable(f"{where} has a time that cannot be read") from None
    return event


def parse(text: str) -> tuple[dict[str, Any], ...]:
    """The events of a progress file's text; raises Unreadable or NewerVersion."""
    try:
        document = json.loads(text)
    except ValueError:
        raise Unreadable("it is not valid JSON") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise Unreadable("it is not a progress file of this course")
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise Unreadable("its version is missing")
    if version > VERSION:
        raise NewerVersion(version)
    events = document.get("events")
    if not isinstance(events, list):
        raise Unreadable("it has no list of events")
    return tuple(_check_event(event, number) for number, event in enumerate(events, start=1))


def merge(*lists: Iterable[dict[str, Any]]) -> tuple[dict[str, Any], ...]:
    """Every event of every list once (by id), oldest first; events of the same second keep their order."""
    seen: dict[str, dict[str, Any]] = {}
    for events in lists:
        for event in events:
            seen.setdefault(event["id"], event)
    return tuple(sorted(seen.values(), key=lambda e: datetime.fromisoformat(e["at"]).timestamp()))


def dumps(events: Iterable[dict[str, Any]]) -> str:
    """The file's text: a short header, then one event per line, so that a person can read it."""
    head = json.dumps({"format": FORMAT, "version": VERSION, "about": ABOUT}, ensure_ascii=False, indent=1)
    lines = [json.dumps(e, ensure_ascii=False, sort_keys=True) for e in events]
    body = "[\n  " + ",\n  ".join(lines) + "\n ]" if lines else "[]"
    return head[:-2] + ',\n "events": ' + body + "\n}\n"


# ---------------------------------------------------------------- the file, under a lock


class Busy(Exception):
    """Another lesson held the lock for too long."""


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    lock = path.with_name(path.name + ".lock")
    deadline = time.monotonic() + LOCK_WAIT
    while True:
        try:
            os.close(os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
            break
        except FileExistsError:
            try:
                if time.time() - lock.stat().st_mtime > LOCK_STALE:
                    lock.unlink()
                    continue
            except OSError:
                continue  # released meanwhile
            if time.monotonic() > deadline:
                raise Busy() from None
            time.sleep(0.01 + secrets.randbelow(20) / 1000)
    try:
        yield
    finally:
        try:
            lock.unlink()
        except OSError:
            pass


def _replace(path: Path, text: str) -> None:
    """Write the whole file in one step (a new file renamed over the old one)."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    temporary.write_text(text, encoding="utf-8")
    try:
        os.replace(temporary, path)
    except OSError:  # a file system without rename over a file: write in place
        path.write_text(text, encoding="utf-8")
        temporary.unlink(missing_ok=True)


def _aside_name(path: Path, why: str) -> Path:
    stamp = datetime.now().strftime("%Y-%m-%d-%H%M%S")
    return path.with_name(f"{path.stem}.{why}-{stamp}{path.suffix}")


def _read_unlocked(path: Path) -> Loaded:
    """The events on disk; a damaged file is moved aside (the caller holds the lock)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Loaded()
    except (OSError, UnicodeDecodeError):
        text = "\0"
    try:
        return Loaded(parse(text))
    except Unreadable:
        aside = _aside_name(path, "damaged")
        path.replace(aside)
        return Loaded((), f"Your progress file could not be read, so it was kept as {aside.name} and recording has started afresh.")


NEWER = ("Your progress file ({name}) was written by a newer version of the course (format version {version}), so this "
         "version leaves it untouched and does not record: use the newer course, or move that file away to start a new record here.")
CANNOT_SAVE = "Your progress could not be saved in {folder} ({why}); the lesson works as before."


def read_progress(path: Optional[Path] = None) -> Loaded:
    """What the student's file holds (nothing when recording is off), with a sentence if it had to be put aside."""
    if not recording_on():
        return Loaded()
    path = path or progress_path()
    if not path.exists():
        return Loaded()
    try:
        with _locked(path):
            return _read_unlocked(path)
    except NewerVersion as newer:
        return Loaded((), NEWER.format(name=path.name, version=newer.args[0]))
    except Busy:
        return Loaded((), "Your progress could not be read just now because another lesson was saving it; run this cell again.")
    except OSError as exc:
        return Loaded((), CANNOT_SAVE.format(folder=path.parent, why=exc.strerror or "it cannot be read"))


def add_events(events: Iterable[dict[str, Any]], path: Optional[Path] = None) -> Optional[str]:
    """Merge ``events`` into the file; returns a sentence for the student, or None when all went well."""
    if not recording_on():
        return None
    path = path or progress_path()
    events = [_check_event(e, n) for n, e in enumerate(events, start=1)]
    try:
        with _locked(path):
            loaded = _read_unlocked(path)
            _replace(path, dumps(merge(loaded.events, events)))
            return loaded.notice
    except NewerVersion as newer:
        return NEWER.format(name=path.name, version=newer.args[0])
    except Busy:
        return "Your last answer could not be saved because another lesson was saving at the same moment; the lesson works as before."
    except OSError as exc:
        return CANNOT_SAVE.format(folder=path.parent, why=exc.strerror or "it cannot be written")


def new_event(kind: str, lesson: str, now: Optional[datetime] = None, **fields: Any) -> dict[str, Any]:
    """An event with a fresh id and the time it happened."""
    return {"id": secrets.token_hex(8), "kind": kind, "lesson": lesson, "at": now_text(now), **fields}


def record(kind: str, lesson: str, now: Optional[datetime] = None, path: Optional[Path] = None, **fields: Any) -> Optional[str]:
    """Add one event to the student's file; returns a sentence for her if something had to be done, else None.

    Never raises because of the file: a problem with it becomes that sentence.
    """
    if not recording_on():
        return None
    return add_events([new_event(kind, lesson, now, **fields)], path)


def start_again(path: Optional[Path] = None) -> str:
    """Remove the record (after the student has confirmed); returns what was done, in words."""
    path = path or progress_path()
    if not recording_on():
        return "Progress is not recorded here, so there was nothing to remove."
    try:
        with _locked(path):
            path.unlink(missing_ok=True)
    except (Busy, OSError):
        return f"Your progress could not be removed just now; try again in a moment, or delete {path.name} yourself."
    return "Your progress has been removed: recording starts afresh from your next answer."


def load_file(content: bytes, path: Optional[Path] = None) -> str:
    """Merge a downloaded progress file into this one (nothing recorded is lost); returns what was done, in words."""
    try:
        events = parse(content.decode("utf-8"))
    except UnicodeDecodeError:
        return "That file is not a progress file of this course (it is not text), so nothing was loaded."
    except Unreadable as why:
        return f"That file is not a progress file this course can read ({why}), so nothing was loaded."
    except NewerVersion:
        return "That file was saved by a newer version of the course, so this version cannot load it."
    if not recording_on():
        return "Progress is not recorded here, so nothing was loaded."
    notice = add_events(events, path)
    if notice is not None:
        return notice
    answers = sum(1 for e in events if e["kind"] != "run")
    return f"Loaded: {answers} answer(s) and triage(s) and {len(events) - answers} lesson run(s), merged with what was already here."


def download_text(path: Optional[Path] = None) -> str:
    """The text of the student's file as it is now (a file with no events if there is none yet)."""
    return dumps(read_progress(path).events)
