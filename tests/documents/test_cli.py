"""`partnerkit document render`: a document drafted straight from the record (nothing saved)
or a saved one, as a file or on standard output; one line saying what is missing."""

import pytest

from partnerkit.cli import main
from partnerkit.documents import cli as document_cli
from partnerkit.documents import rendering, services
from partnerkit.documents.models import Document, Kind
from partnerkit.partnerships.services import partnership_create, partnership_update
from tests.conftest import error_line


def render(*args):
    return main(["document", "render", *args])


def from_record(partnership, *args):
    return render("--workspace", "north", "--partnership", str(partnership.pk), *args)


def test_a_proposal_from_the_record_goes_to_standard_output_and_nothing_is_saved(
    ready, alice, capsys
):
    partnership_update(partnership=ready, by=alice, version=None, batna="Ask the archive.")
    assert from_record(ready, "--type", "proposal", "--format", "markdown") == 0
    out = capsys.readouterr().out
    assert "# Proposal: Photographs of Swedish life" in out
    assert "seen by Wikipedia's readers" in out
    assert "Draft" in out
    assert "Ask the archive" not in out
    assert not Document.objects.exists()


def test_wikitext_in_german_uses_the_workspace_s_german_wording(ready, alice, north, capsys):
    services.template_save(workspace=north, kind="decline", key="thanks", language="de",
                           heading="Vielen Dank", text="Danke, {partner}.", by=alice)
    assert from_record(ready, "--type", "decline", "--reason", "Keine Zeit.", "--language",
                       "de", "--format", "wikitext") == 0
    out = capsys.readouterr().out
    assert "== Vielen Dank ==" in out and "Danke, Nordic Museum." in out
    assert "Keine Zeit." in out


def test_a_pdf_is_written_to_the_file_named(ready, tmp_path, capsys):
    target = tmp_path / "mou.pdf"
    assert from_record(ready, "--type", "mou", "--format", "pdf", "--output", str(target)) == 0
    assert target.read_bytes().startswith(b"%PDF")
    assert capsys.readouterr().out == (
        "Wrote “Memorandum of understanding between Wikimedia North and Nordic Museum” "
        f"to {target}.\n"
    )


@pytest.mark.parametrize("fmt", ["docx", "odt", "pdf"])
def test_a_binary_format_needs_an_output_file(ready, capsys, fmt):
    assert from_record(ready, "--type", "mou", "--format", fmt) == 2
    assert error_line(capsys).startswith(f"partnerkit: error: --output: a {fmt} file needs")


def test_a_bare_partnership_says_what_to_fill_in_first(north, alice, museum, capsys):
    bare = partnership_create(workspace=north, partner=museum, by=alice, title="Bare")
    assert from_record(bare, "--type", "mou", "--format", "markdown") == 2
    line = error_line(capsys)
    assert line.startswith("partnerkit: error: --partnership: fill these in first: ")
    assert "An owner on the partner's side." in line
    assert "An end date for the agreement." in line


def test_a_decline_letter_without_a_reason_asks_for_one(ready, capsys):
    assert from_record(ready, "--type", "decline", "--format", "markdown") == 2
    assert error_line(capsys) == (
        "partnerkit: error: --reason: fill these in first: A brief reason to give the partner."
    )


def test_a_saved_document_renders_as_edited(ready, alice, tmp_path, capsys):
    import docx

    mou = services.document_create(partnership=ready, kind="mou", by=alice)
    services.document_update(document=mou, by=alice, version=1,
                             texts={"joint": "We choose the photographs together."})
    target = tmp_path / "mou.docx"
    assert render("--document", str(mou.pk), "--format", "docx", "--output", str(target)) == 0
    text = "\n".join(p.text for p in docx.Document(str(target)).paragraphs)
    assert "We choose the photographs together." in text
    assert render("--document", str(mou.pk), "--workspace", "north",
                  "--format", "markdown") == 0
    assert "We choose the photographs together." in capsys.readouterr().out


def test_a_partnership_of_another_workspace_is_not_found(
    southern_library, bob, south, north, capsys
):
    theirs = partnership_create(workspace=south, partner=southern_library, by=bob, title="X")
    assert from_record(theirs, "--type", "decline", "--reason", "No.",
                       "--format", "markdown") == 2
    assert error_line(capsys).startswith(
        f"partnerkit: error: --partnership: there is no partnership {theirs.pk} in north"
    )


def test_a_document_of_another_workspace_is_not_found_under_ones_own(ready, alice, south,
                                                                     capsys):
    letter = services.document_create(partnership=ready, kind="decline", by=alice, reason="No.")
    assert render("--document", str(letter.pk), "--workspace", "south",
                  "--format", "markdown") == 2
    assert error_line(capsys) == (
        f"partnerkit: error: --document: there is no document {letter.pk} in south"
    )


def test_the_user_must_be_a_member(ready, bob, victor, capsys):
    args = ("--type", "decline", "--reason", "No.", "--format", "markdown")
    assert from_record(ready, *args, "--user", "bob") == 2
    assert error_line(capsys) == "partnerkit: error: --user: bob is not a member of north"
    assert from_record(ready, *args, "--user", "victor") == 0


@pytest.mark.parametrize("args, message", [
    (["--type", "brochure", "--format", "markdown"],
     "--type: 'brochure' is not one of proposal, mou, decline, announcement, update"),
    (["--type", "mou", "--format", "rtf"],
     "--format: 'rtf' is not one of markdown, wikitext, docx, odt, pdf"),
    (["--type", "mou", "--format", "markdown", "--language", "xx"],
     "--language: 'xx' is not one of en, de, fr, es, ar, he"),
    (["--format", "markdown"],
     "--type: say which kind of document: " + ", ".join(document_cli.KINDS)),
])
def test_bad_options_get_one_line_naming_them(ready, capsys, args, message):
    assert from_record(ready, *args) == 2
    assert error_line(capsys) == f"partnerkit: error: {message}"


def test_a_saved_document_refuses_the_options_of_drafting(ready, alice, capsys):
    letter = services.document_create(partnership=ready, kind="decline", by=alice, reason="No.")
    assert render("--document", str(letter.pk), "--type", "mou", "--format", "markdown") == 2
    assert error_line(capsys).startswith("partnerkit: error: --type: only with --partnership")


def test_the_cli_knows_the_kinds_and_formats_of_the_models():
    assert document_cli.KINDS == tuple(Kind.values)
    assert document_cli.FORMATS == rendering.FORMATS
