"""`partnerkit screen`: check a text for dangerous promises before it goes into an e-mail, a
proposal or the minutes — the same screening the commitments get, without a database.

Exit codes: 0 when the text was screened (whatever it found), 2 on bad input (an unreadable
file, a text too long, a language the screening does not read).
"""

from __future__ import annotations

import argparse
import json
import sys

from partnerkit.cli_common import CliError
from partnerkit.method import screening


def add_parser(subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "screen",
        help="check a text for dangerous promises",
        description="Screen FILE (or standard input with -) for dangerous promises: "
        "particular articles or content, giving the partner control over the community's "
        "work, exclusivity, locked or frozen articles, Wikipedia-only or non-free licences. "
        "Each finding names the words, why they are dangerous and a safer alternative. "
        "English only.",
    )
    parser.add_argument("file", metavar="FILE", help="a UTF-8 text file, or - for standard input")
    parser.add_argument("--json", action="store_true", help="print JSON for scripts")
    return parser


def run(args) -> int:
    text = _read(args.file)
    if text.strip() and not screening.looks_english(text):
        raise CliError(
            "FILE: the text does not look like English; the screening reads English only"
        )
    try:
        findings = screening.screen(text)
    except screening.ScreeningError as error:
        raise CliError(f"FILE: {error}") from None
    if args.json:
        print(json.dumps(screening.findings_as_json(findings), indent=2, ensure_ascii=False))
    elif not findings:
        print("No dangerous promises found.")
    else:
        for finding in findings:
            start, end = finding.span
            print(f"{finding.label}: “{finding.matched}” (characters {start}–{end})")
            print(f"  Why: {finding.explanation}")
            print(f"  Instead: {finding.alternative}")
    return 0


def _read(path: str) -> str:
    try:
        if path == "-":
            return sys.stdin.read()
        with open(path, encoding="utf-8") as file:
            return file.read()
    except OSError as error:
        raise CliError(f"FILE: cannot read {path}: {error.strerror}") from None
    except UnicodeDecodeError:
        raise CliError(f"FILE: {path} is not UTF-8 text") from None
