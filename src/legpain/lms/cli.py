"""``python -m legpain export-quiz``: the course's questions as a file a learning platform imports.

    python -m legpain export-quiz --format moodle|qti21|canvas|gift [--lesson LESSON ...]
        [--assessment] [--no-self-checks] [--bank FILE ...] -o PATH

A wrong lesson or question file gets one line on stderr naming the file, the question and the
field, exit status 2, and nothing is written.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..content.errors import DataError
from .export import FORMATS


def add_cli(commands: argparse._SubParsersAction) -> None:
    export = commands.add_parser("export-quiz", help="write the questions as a file a learning platform imports")
    export.add_argument("--format", required=True, choices=list(FORMATS), help="; ".join(f"{k}: {v[0]}" for k, v in FORMATS.items()))
    export.add_argument("--lesson", action="extend", nargs="+", default=[], metavar="LESSON",
                        help="a lesson's number (03) or full name (03_nerve_compression); default: every lesson")
    export.add_argument("--assessment", action="store_true", help="add the assessment bank (data/assessment/), held out of the lessons")
    export.add_argument("--no-self-checks", action="store_true", help="leave out the lessons' self-check questions")
    export.add_argument("--bank", action="append", default=[], metavar="FILE", type=Path,
                        help="a YAML file of your own questions (docs/question-bank.md); may be given more than once")
    export.add_argument("-o", "--output", required=True, type=Path, metavar="PATH", help="the file to write")


def run_cli(args: argparse.Namespace) -> int:
    from ..content.course import load_course
    from .bank import collect, resolve_lessons
    from .export import render, write

    try:
        course = load_course()
        lessons = resolve_lessons(args.lesson, course)
        sections = collect(lessons, self_checks=not args.no_self_checks, assessment=args.assessment, banks=args.bank, course=course)
        sections = [s for s in sections if s.questions]
        if not sections:
            raise ValueError("no questions to export: drop --no-self-checks, or add --assessment or --bank FILE")
        data = render(args.format, sections)
    except (ValueError, DataError) as exc:
        sys.stderr.write(f"legpain: {exc}\n")
        return 2
    try:
        write(args.output, data)
    except OSError as exc:
        sys.stderr.write(f"legpain: cannot write {args.output}: {exc.strerror or exc}\n")
        return 2
    count = sum(len(s.questions) for s in sections)
    sys.stderr.write(f"legpain: {count} questions in {len(sections)} sections written to {args.output} ({FORMATS[args.format][0]})\n")
    return 0
