"""`partnerkit wikidata discover`: candidates by kind and area from the Wikidata Query Service.

``add_parser`` adds the action to `partnerkit wikidata`; ``run`` does the work and returns the
exit code: 0 on success, 1 when the query service cannot be reached, 2 on bad input with one
line on stderr naming the option (an unknown kind, a bad area, a syntax error in the query
file, a query the service stopped after 60 seconds).
"""

from __future__ import annotations

import itertools
import json
import sys
import threading

from partnerkit.cli_common import CliError, require_role, user_named, workspace_named


def add_parser(actions):
    parser = actions.add_parser(
        "discover",
        help="find candidate partners on Wikidata",
        description="Organisations of a kind in an area from the Wikidata Query Service, most "
        "Wikipedia articles first, each marked when the workspace already has it as a partner "
        "(= same item, ~ similar name). Answers are kept for 7 days; --refresh asks again. "
        "With --add or --add-all-new the results become partners, each with a partnership at "
        "the idea stage.",
    )
    parser.add_argument("--workspace", metavar="SLUG", required=True)
    parser.add_argument(
        "--kind", metavar="KIND",
        help="museum, gallery, library, archive, university, learned_society, government or ngo",
    )
    parser.add_argument(
        "--area", metavar="AREA",
        help="a country code (SE) or a region or city as a Wikidata item (Q1754) or its address",
    )
    parser.add_argument(
        "--limit", metavar="N", help="at most N results (default 200, at most 1000)"
    )
    parser.add_argument(
        "--sparql", metavar="FILE",
        help="run the SELECT query in FILE instead (it must bind ?item; - reads stdin)",
    )
    parser.add_argument("--refresh", action="store_true", help="ask the query service again")
    adding = parser.add_mutually_exclusive_group()
    adding.add_argument(
        "--add", metavar="QID", nargs="+", help="add these results as partners (needs --user)"
    )
    adding.add_argument(
        "--add-all-new", action="store_true",
        help="add every result that is not yet a partner and has no similar name (needs --user)",
    )
    parser.add_argument(
        "--as-kind", metavar="PARTNER_KIND",
        help="partner kind of the added results (default: the kind searched for, or other)",
    )
    parser.add_argument("--user", metavar="USERNAME", help="who adds the partners")
    parser.add_argument("--json", action="store_true", help="print JSON for scripts")
    return parser


def run(args) -> int:
    data = _discover(args)
    if args.json:
        print(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        print(_table(data))
    return 0


def _option(field: str) -> str:
    return {"kind": "--kind", "area": "--area", "limit": "--limit", "sparql": "--sparql"}.get(
        field, f"--{field.replace('_', '-')}"
    )


def _describe(error) -> str:
    if hasattr(error, "error_dict"):
        return "; ".join(
            f"{_option(name)}: {' '.join(dict.fromkeys(messages))}"
            for name, messages in error.message_dict.items()
        )
    return " ".join(error.messages)


def _read_query(path: str) -> str:
    try:
        if path == "-":
            return sys.stdin.read()
        with open(path, encoding="utf-8") as file:
            return file.read()
    except (OSError, UnicodeDecodeError) as error:
        raise CliError(f"--sparql: {path}: {getattr(error, 'strerror', None) or error}") from None


def _discover(args) -> dict:
    from django.core.exceptions import ValidationError

    from partnerkit.discovery import selectors, services, sparql
    from partnerkit.wikimedia.errors import QuerySyntaxError, QueryTimeout, WikimediaError

    workspace = workspace_named(args.workspace)
    user = _acting_user(args, workspace)
    text = None
    if args.sparql:
        if args.kind or args.area:
            raise CliError("--sparql: give either --sparql or --kind and --area, not both")
        text = _read_query(args.sparql)
        if not text.strip():
            raise CliError(f"--sparql: {args.sparql} is empty")
    elif not args.kind or not args.area:
        missing = "--kind" if not args.kind else "--area"
        raise CliError(
            f"{missing}: say what to look for with --kind and --area, or give --sparql FILE"
        )
    try:
        wanted = services.discovery_request(
            workspace=workspace, kind=args.kind, area=args.area, limit=args.limit, text=text
        )
    except ValidationError as error:
        raise CliError(_describe(error)) from None
    blamed = "--sparql" if text is not None else "--area"
    try:
        with _Spinner(sys.stderr, "Asking the Wikidata Query Service"):
            discovery = services.discovery_run(
                workspace=workspace, by=user, request=wanted, refresh=args.refresh
            )
    except QuerySyntaxError as error:
        raise CliError(f"--sparql: {error}") from None
    except QueryTimeout:
        raise CliError(f"{blamed}: {services.timeout_message()}") from None
    except WikimediaError as error:
        raise CliError(f"query service: {error}", code=1) from None

    marked = selectors.mark_existing(workspace=workspace, rows=discovery.rows)
    kind = sparql.KINDS.get(discovery.kind)
    data = {
        "id": discovery.pk,
        "kind": discovery.kind,
        "area": discovery.area,
        "fetched_at": discovery.fetched_at.isoformat(),
        "from_cache": discovery.from_cache,
        "row_count": discovery.row_count,
        "truncated": discovery.truncated,
        "rows": [_row_out(item) for item in marked],
    }
    if args.add or args.add_all_new:
        data.update(_add(args, workspace, user, marked, kind))
    return data


def _acting_user(args, workspace):
    """Who adds the partners; reading needs nobody, but a name given must be a member."""
    adding = bool(args.add or args.add_all_new)
    if not args.user:
        if adding:
            raise CliError("--user: say who adds the partners (a member of the workspace)")
        return None
    user = user_named(args.user)
    require_role(workspace, user, "edit" if adding else "view", "adding partners")
    return user


def _row_out(item) -> dict:
    match = item.match
    return {
        **item.row,
        "existing": None if match is None else {
            "partner_id": match.partner_id,
            "name": match.name,
            "score": match.score,
            "same_item": match.same_item,
        },
    }


def _add(args, workspace, user, marked, kind) -> dict:
    from django.core.exceptions import ValidationError

    from partnerkit.discovery import services
    from partnerkit.method.wikidata_ids import normalise_qid
    from partnerkit.partners.models import PartnerKind

    partner_kind = args.as_kind or (kind.partner_kind if kind else PartnerKind.OTHER.value)
    if partner_kind not in PartnerKind.values:
        raise CliError(
            f"--as-kind: {partner_kind!r} is not one of {', '.join(PartnerKind.values)}"
        )
    by_qid = {item.qid: item for item in marked}
    left_out = []
    if args.add_all_new:
        chosen = [item.row for item in marked if item.match is None]
        left_out = [item.qid for item in marked if item.match and not item.is_registered]
    else:
        chosen = []
        for text in args.add:
            qid = normalise_qid(text)
            if qid is None:
                raise CliError(f"--add: {text!r} is not a Wikidata item id")
            if qid not in by_qid:
                raise CliError(f"--add: {qid} is not among the results of this discovery")
            chosen.append(by_qid[qid].row)
    try:
        result = services.discovery_add(
            workspace=workspace, by=user, rows=chosen, partner_kind=partner_kind
        )
    except ValidationError as error:
        raise CliError(f"--add: nothing was added: {' '.join(error.messages)}") from None
    return {
        "added": [
            {"partner_id": p.pk, "name": p.name, "qid": p.wikidata_qid} for p in result.added
        ],
        "skipped": [
            {"qid": row["qid"], "name": row.get("label", ""), "existing_partner": name}
            for row, name in result.skipped
        ],
        "similar_names_left_out": left_out,
        "enrichment_queued": result.enrichment_queued,
    }


def _table(data: dict) -> str:
    lines = []
    source = "kept answer" if data["from_cache"] else "fetched now"
    lines.append(
        f"{data['row_count']} results ({source}, {data['fetched_at'][:16].replace('T', ' ')} UTC)"
    )
    if data["truncated"]:
        lines.append("The query answered more rows; only the first 1,000 are kept.")
    width = max((len(row["qid"]) for row in data["rows"]), default=3)
    for row in data["rows"]:
        existing = row["existing"]
        if existing is None:
            mark = " "
            note = ""
        elif existing["same_item"]:
            mark = "="
            note = f"  = partner {existing['name']}"
        else:
            mark = "~"
            note = f"  ~ {existing['name']} ({existing['score']}%)"
        sitelinks = "" if row["sitelinks"] is None else str(row["sitelinks"])
        place = ", ".join(part for part in (row["country"], row["place"]) if part)
        lines.append(
            f"{mark} {row['qid']:<{width}} {sitelinks:>4}  {row['label'] or row['qid']}"
            + (f" — {place}" if place else "") + note
        )
    if "added" in data:
        count = len(data["added"])
        lines.append(
            "Added 1 partner with a partnership at the idea stage." if count == 1
            else f"Added {count} partners, each with a partnership at the idea stage."
        )
        for added in data["added"]:
            lines.append(f"  + {added['qid']} {added['name']} (partner {added['partner_id']})")
        for skipped in data["skipped"]:
            lines.append(
                f"  skipped {skipped['qid']}: already the partner {skipped['existing_partner']}"
            )
        if data.get("similar_names_left_out"):
            lines.append(
                "  left out, similar to a partner's name (add them with --add): "
                + " ".join(data["similar_names_left_out"])
            )
        if data.get("enrichment_queued"):
            lines.append("  Fetching their Wikidata facts has been queued.")
    return "\n".join(lines)


class _Spinner:
    """A spinner on a terminal while waiting for the query service; silent otherwise."""

    FRAMES = "|/-\\"

    def __init__(self, stream, text: str):
        self.stream = stream
        self.text = text
        self.active = hasattr(stream, "isatty") and stream.isatty()
        self._stop = threading.Event()
        self._thread = None

    def __enter__(self):
        if self.active:
            self._thread = threading.Thread(target=self._spin, daemon=True)
            self._thread.start()
        return self

    def _spin(self):
        for frame in itertools.cycle(self.FRAMES):
            self.stream.write(f"\r{self.text} {frame}")
            self.stream.flush()
            if self._stop.wait(0.1):
                break

    def __exit__(self, *exc):
        if self._thread is not None:
            self._stop.set()
            self._thread.join()
            self.stream.write("\r" + " " * (len(self.text) + 2) + "\r")
            self.stream.flush()
        return False
