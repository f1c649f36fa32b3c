"""`partnerkit wikidata link|refresh|discover`: Wikidata research from the command line.

``add_parser`` adds the subcommand to the main command's parser; ``run`` does the work and
returns the exit code: 0 on success, 2 on bad input with one line on stderr naming the option.
``discover`` lives with the discovery app and is only wired in here.
"""

from __future__ import annotations

from partnerkit.discovery import cli as discovery_cli


def add_parser(subparsers):
    parser = subparsers.add_parser(
        "wikidata",
        help="link partners to Wikidata, refresh their facts, discover candidates",
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    discovery_cli.add_parser(actions)
    return parser


def run(args) -> int:
    if args.action == "discover":
        return discovery_cli.run(args)
    raise AssertionError(f"unknown action {args.action!r}")
