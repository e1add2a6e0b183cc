"""Command line.

- ``python -m legpain assess --json ID [ID ...] [--weeks N | --days-after-birth N]``
- ``python -m legpain vte-risk --json --stage antenatal|postnatal FACTOR ...`` (scoring: vte.py)
- ``python -m legpain quiz --json [LESSON]`` (LESSON: its number, ``03``, or its full name)
- ``python -m legpain export-quiz --format moodle|qti21|canvas|gift [--lesson LESSON ...] -o PATH``
  (see lms/cli.py)
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any, Optional, Sequence

from .cli_report import report
from .content import DataError
from .lms.cli import add_cli as add_export_quiz_cli, run_cli as run_export_quiz_cli
from .stages import DAYS_AFTER_BIRTH, WEEKS
from .triage import assess
from .vte import FACTORS_FILE, vte_risk


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line on stderr, exit status 2
        sys.stderr.write(f"legpain: {message}\n")
        sys.exit(2)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m legpain", description="Leg pain in pregnancy: a teaching tool, not a diagnosis.")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    run = commands.add_parser("assess", help="assess a set of symptom ids")
    run.add_argument("symptoms", nargs="*", metavar="ID", help="symptom ids from data/symptoms.csv")
    stage = run.add_mutually_exclusive_group()
    stage.add_argument("--weeks", type=int, default=None, help="week of pregnancy, {} to {}".format(*WEEKS))
    stage.add_argument("--days-after-birth", type=int, default=None, help="days since the birth, {} to {}".format(*DAYS_AFTER_BIRTH))
    run.add_argument("--json", action="store_true", help="print the assessment as one JSON object")
    _add_vte_risk_parser(commands)
    _add_quiz_parser(commands)
    add_export_quiz_cli(commands)
    return parser


def _add_vte_risk_parser(commands: argparse._SubParsersAction) -> None:
    run = commands.add_parser("vte-risk", help="score RCOG Green-top 37a VTE risk factors")
    run.add_argument("factors", nargs="*", metavar="FACTOR", help=f"factor ids from {FACTORS_FILE}")
    run.add_argument("--stage", required=True, help="antenatal or postnatal")
    run.add_argument("--json", action="store_true", help="print the result as one JSON object")


def _vte_risk(args: argparse.Namespace) -> int:
    def lines(result: Any) -> list[str]:
        head = [f"Score: {result.score}", f"Recommendation: {result.recommendation}"]
        if result.specialist:
            head.append("Plan: made by a specialist (see below)")
        if result.transient:
            head.append(f"Transient: {', '.join(result.transient)}")
        return head + [f"- {line.text} ({'; '.join(line.source_ids)})" for line in result.explanation]

    return report(lambda: vte_risk(args.factors, args.stage), args.json, lines)


def _add_quiz_parser(commands: argparse._SubParsersAction) -> None:
    quiz = commands.add_parser("quiz", help="print the self-check questions as a student sees them")
    quiz.add_argument("lesson", nargs="?", metavar="LESSON", help="a lesson's number (03) or id from data/lessons.csv (default: every lesson)")
    quiz.add_argument("--json", action="store_true", help="print a JSON list of questions, options in display order")


def _quiz(args: argparse.Namespace) -> int:
    from .content import load_course
    from .content.lessons.quiz import questions_as_shown
    from .lms.bank import find_lesson

    try:
        course = load_course()
        lessons = None if args.lesson is None else [find_lesson(args.lesson, course)]
        shown = questions_as_shown(lessons, course)
    except (ValueError, DataError) as exc:
        sys.stderr.write(f"legpain: {exc}\n")
        return 2
    if args.json:
        print(json.dumps(shown, ensure_ascii=False, indent=1))
        return 0
    for number, question in enumerate(shown, start=1):
        print(f"{number}. [{question['lesson']} / {question['id']}] {question['question']}")
        for index, option in enumerate(question["options"]):
            mark = "*" if index == question["answer"] else " "
            print(f"   {mark} {chr(ord('A') + index)}. {option['text']}")
        print()
    return 0


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Run one command; a reader that stops early (``python -m legpain quiz | head``) ends it quietly."""
    try:
        code = _run(argv)
        sys.stdout.flush()
        return code
    except BrokenPipeError:
        # Nobody is reading any more. Point stdout at nothing, so that Python's own flush on the
        # way out does not fail a second time with a traceback.
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        return 1


def _run(argv: Optional[Sequence[str]] = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "vte-risk":
        return _vte_risk(args)
    if args.command == "quiz":
        return _quiz(args)
    if args.command == "export-quiz":
        return run_export_quiz_cli(args)
    return report(
        lambda: assess(args.symptoms, weeks=args.weeks, days_after_birth=args.days_after_birth), args.json, _assessment_lines
    )


def _assessment_lines(result: Any) -> list[str]:
    lines = [
        f"Level: {result.level.label}",
        f"Likely causes: {', '.join(result.causes) or 'none'}",
        f"Red flags: {', '.join(result.red_flags) or 'none'}",
    ]
    lines += [f"- [{item.kind}, {item.level.value}] {item.text} ({'; '.join(item.source_ids)})" for item in result.advice]
    return lines


if __name__ == "__main__":
    sys.exit(main())
