"""`partnerkit document render`: a proposal, a memorandum of understanding, a decline letter,
an announcement or a community update as a file, drafted straight from a partnership's
record (nothing is saved) or from a document saved in the workspace.

The draft comes from the same privacy guard as the pages (``drafting.facts_for``), so what
the record keeps private never reaches the file. Exit codes: 0 written, 2 bad input (with
one line on stderr naming the option, such as what to fill in on the record first).
"""

from __future__ import annotations

import argparse
import sys

from partnerkit.cli_common import PROG, CliError, require_role, user_named, workspace_named

# Kept here so that `--help` and argument errors need no database; a test keeps them in step
# with partnerkit.documents.models.Kind and the renderers.
KINDS = ("proposal", "mou", "decline", "announcement", "update")
FORMATS = ("markdown", "wikitext", "docx", "odt", "pdf")
TEXT_FORMATS = ("markdown", "wikitext")

DESCRIPTION = """\
Write a document as a file. With --partnership, draft it from the record as the
pages would, in the workspace's own wording, without saving anything; with
--document, render a document saved in the workspace as it stands.

Markdown and wikitext go to standard output unless --output names a file; DOCX,
ODT and PDF need --output. Contacts' e-mail and phone appear only when they
agreed to be named with them; BATNA, estimates, private notes and meeting
preparation never appear.

Exit codes: 0 written, 2 bad input (for a record that lacks what the kind of
document needs, the line says what to fill in first).
"""


def add_parser(subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "document", help="render a proposal, agreement, letter or announcement as a file"
    )
    parser.set_defaults(actions=("render",))
    actions = parser.add_subparsers(dest="action", metavar="ACTION")
    render = actions.add_parser(
        "render",
        help="draft a document from a partnership, or render a saved one",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    source = render.add_mutually_exclusive_group(required=True)
    source.add_argument(
        "--partnership", type=_record_id, metavar="ID",
        help="draft from this partnership's record, as `partnership list` shows it",
    )
    source.add_argument("--document", type=_record_id, metavar="ID", help="a saved document")
    render.add_argument(
        "--workspace", metavar="SLUG",
        help="the partnership's workspace (with --document, checks that it is there)",
    )
    render.add_argument(
        "--type", type=_one_of(KINDS), metavar="|".join(KINDS),
        help="with --partnership: the kind of document",
    )
    render.add_argument(
        "--format", type=_one_of(FORMATS), required=True, metavar="|".join(FORMATS)
    )
    render.add_argument("--language", help="with --partnership: en (default), de, fr, es, ar, he")
    render.add_argument(
        "--reason", default="", help="with --partnership: a decline letter's reason"
    )
    render.add_argument("--output", metavar="FILE", help="the file to write")
    render.add_argument(
        "--user", metavar="USERNAME", help="render as this member (checks that they may read)"
    )
    return parser


def _one_of(values: tuple[str, ...]):
    def parse(value: str) -> str:
        if value not in values:
            raise argparse.ArgumentTypeError(f"{value!r} is not one of {', '.join(values)}")
        return value

    return parse


def _record_id(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not an id (a whole number from 1)")
    return int(value)


def run(args) -> int:
    if args.format not in TEXT_FORMATS and not args.output:
        raise CliError(
            f"--output: a {args.format} file needs --output FILE; only "
            f"{' and '.join(TEXT_FORMATS)} go to standard output"
        )
    if args.partnership is not None:
        content, title = _from_record(args)
    else:
        content, title = _from_document(args)
    from partnerkit.documents import rendering

    body = rendering.render(content, args.format)
    if not args.output:
        text = body.decode("utf-8")
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return 0
    try:
        with open(args.output, "wb") as file:
            file.write(body)
    except OSError as error:
        raise CliError(f"--output: cannot write {args.output}: {error.strerror}") from None
    print(f"Wrote “{title}” to {args.output}.")
    return 0


def _from_record(args):
    from django.utils import timezone

    from partnerkit.documents import drafting, selectors, services
    from partnerkit.partnerships.models import Partnership

    if not args.workspace:
        raise CliError("--workspace: say which workspace the partnership is in")
    if not args.type:
        raise CliError(f"--type: say which kind of document: {', '.join(KINDS)}")
    workspace = workspace_named(args.workspace, "--workspace")
    if args.user:
        require_role(workspace, user_named(args.user, "--user"), "view", "rendering documents")
    language = args.language or "en"
    if language not in services.LANGUAGES:
        raise CliError(f"--language: {language!r} is not one of {', '.join(services.LANGUAGES)}")
    partnership = (
        Partnership.objects.select_related("partner", "workspace", "owner", "partner_owner")
        .filter(workspace=workspace, pk=args.partnership).first()
    )
    if partnership is None:
        raise CliError(
            f"--partnership: there is no partnership {args.partnership} in {workspace.slug}; "
            f"see `{PROG} partnership list --workspace {workspace.slug}`"
        )
    facts = drafting.facts_for(partnership, reason=args.reason)
    if missing := drafting.missing(args.type, facts):
        # A decline letter's reason is given here, not on the record.
        option = "--reason" if all(item.where == "document" for item in missing) else (
            "--partnership"
        )
        raise CliError(
            f"{option}: fill these in first: {' '.join(item.message for item in missing)}"
        )
    title, sections = drafting.draft(
        args.type, facts, language=language,
        templates=services.templates_of(workspace, args.type, language),
    )
    title = title[:services.TITLE_MAX]
    content = selectors.content_for(
        workspace=workspace, partner_name=partnership.partner.name, title=title,
        language=language, sections=sections, draft=True, day=timezone.localdate(),
    )
    return content, title


def _from_document(args):
    from partnerkit.documents import selectors
    from partnerkit.documents.models import Document

    for option, value in (("--type", args.type), ("--language", args.language),
                          ("--reason", args.reason)):
        if value:
            raise CliError(f"{option}: only with --partnership; a saved document has its own")
    documents = Document.objects.select_related("partnership__partner", "workspace")
    if args.workspace:
        documents = documents.filter(workspace=workspace_named(args.workspace, "--workspace"))
    document = documents.filter(pk=args.document).first()
    if document is None:
        where = f" in {args.workspace}" if args.workspace else ""
        raise CliError(f"--document: there is no document {args.document}{where}")
    if args.user:
        require_role(document.workspace, user_named(args.user, "--user"), "view",
                     "rendering documents")
    return selectors.content_of(document), document.title
