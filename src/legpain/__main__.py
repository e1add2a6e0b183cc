"""Command line: ``python -m legpain assess --json ID [ID ...] [--weeks N]``.

Also ``python -m legpain vte-risk --json --stage antenatal|postnatal FACTOR ...`` (see vte.py).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Optional, Sequence

from .data import DataError
from .triage import assess
from .vte import add_cli as add_vte_risk_cli, run_cli as run_vte_risk_cli


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line on stderr, exit status 2
        sys.stderr.write(f"legpain: {message}\n")
        sys.exit(2)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m legpain", description="Leg pain in pregnancy: a teaching tool, not a diagnosis.")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    run = commands.add_parser("assess", help="assess a set of symptom ids")
    run.add_argument("symptoms", nargs="*", metavar="ID", help="symptom ids from data/symptoms.csv")
    run.add_argument("--weeks", type=int, default=None, help="week of pregnancy, 1 to 42")
    run.add_argument("--json", action="store_true", help="print the assessment as one JSON object")
    add_vte_risk_cli(commands)
    return parser


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "vte-risk":
        return run_vte_risk_cli(args)
    try:
        result = assess(args.symptoms, weeks=args.weeks)
    except (ValueError, DataError) as exc:
        sys.stderr.write(f"legpain: {exc}\n")
        return 2
    if args.json:
        print(json.dumps(result.to_dict(), ensure_ascii=False))
    else:
        print(f"Level: {result.level.label}")
        print(f"Likely causes: {', '.join(result.causes) or 'none'}")
        print(f"Red flags: {', '.join(result.red_flags) or 'none'}")
        for item in result.advice:
            print(f"- [{item.level.value}] {item.text} ({'; '.join(item.source_ids)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
