"""`partnerkit rank`: the workspace's candidate partnerships ranked, as a table or JSON.

``add_parser`` adds the subcommand to the main command's parser; ``run`` does the work and
returns the exit code: 0 on success, 2 on bad input with one line on stderr naming the option.
"""

from __future__ import annotations

import argparse
import json
import os

from partnerkit.cli_common import CliError, workspace_named

METHODS = ("weighted", "topsis", "both")


def add_parser(subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "rank",
        help="rank a workspace's candidate partnerships",
        description="Rank the open partnerships in the idea, researching and shortlisted "
        "stages by the workspace's weights (or a preset) with the weighted sum, TOPSIS, or "
        "both side by side. Missing estimates are shown as missing, never as 0. The output "
        "carries internal estimates: keep it within the workspace.",
    )
    parser.add_argument("--workspace", metavar="SLUG", required=True)
    parser.add_argument("--method", choices=METHODS, default="both")
    parser.add_argument(
        "--preset", metavar="PRESET",
        help="balanced, impact_first, quick_wins or low_risk (default: the workspace's weights)",
    )
    parser.add_argument(
        "--include-preparing", action="store_true",
        help="also rank partnerships in the preparing stage",
    )
    parser.add_argument("--seed", type=_seed, help="seed of the sensitivity analysis")
    parser.add_argument("--json", action="store_true", help="print JSON for scripts")
    return parser


def _seed(value: str) -> int:
    if not value.isdigit():
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number of 0 or more")
    return int(value)


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "partnerkit.settings")
    import django
    from django.apps import apps

    if not apps.ready:
        django.setup()


def run(args) -> int:
    _setup_django()
    data = _ranking(args)
    if args.json:
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return 0
    print(_table(data))
    return 0


def _ranking(args) -> dict:
    from partnerkit.method.weights import RankingError, preset
    from partnerkit.selection import selectors

    workspace = workspace_named(args.workspace)
    method = getattr(args, "method", None) or "both"
    if method not in METHODS:
        raise CliError(f"--method: {method!r} is not one of {', '.join(METHODS)}")
    try:
        weights = preset(args.preset).code if args.preset else None
        board = selectors.ranking_board(
            workspace=workspace,
            weights=weights,
            include_preparing=getattr(args, "include_preparing", False),
            seed=args.seed if getattr(args, "seed", None) is not None else selectors.DEFAULT_SEED,
        )
    except RankingError as error:
        option = "--preset" if args.preset else "weights"
        raise CliError(f"{option}: {error}") from None
    return selectors.ranking_data(board, method)


def _table(data: dict) -> str:
    if not data["entries"]:
        lines = [data["message"] or "No candidate can be ranked yet."]
    else:
        method = data["method"]
        columns = [name for name in ("weighted", "topsis") if method in (name, "both")]
        header = [*[name.upper() if name == "topsis" else "W.SUM" for name in columns], "SCORE",
                  "CANDIDATE", "MISSING"]
        rows = []
        for entry in data["entries"]:
            ranks = []
            for name in columns:
                part = entry[name]
                ranks.append(("=" if part["tied_with"] else "") + str(part["rank"]))
            score = entry[columns[0]]["score"]
            marker = " ◆" if entry["non_dominated"] else ""
            rows.append(
                [*ranks, f"{score:.3f}", f"{entry['title']} — {entry['partner']}{marker}",
                 ", ".join(entry["missing"]) or "-"]
            )
        widths = [max(len(str(row[k])) for row in [header, *rows]) for k in range(len(header))]
        lines = ["  ".join(str(cell).ljust(width) for cell, width in zip(row, widths)).rstrip()
                 for row in [header, *rows]]
        lines.append("")
        lines.append("= a tie; ◆ not dominated on impact and ease.")
        if data["disagreements"]:
            lines.append(
                "The methods disagree on: "
                + "; ".join(
                    f"{item['title']} ({item['weighted_rank']} vs {item['topsis_rank']})"
                    for item in data["disagreements"]
                )
            )
    for item in data["unranked"]:
        lines.append(f"Not ranked: {item['title']} (missing {', '.join(item['missing'])})")
    weights = ", ".join(f"{code} {value:.0%}" for code, value in data["weights"].items())
    lines.append(f"Weights: {weights}")
    return "\n".join(lines)
