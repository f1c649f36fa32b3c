"""No document, in any format, shows what the workspace keeps to itself.

Every private field of the partnership and of what surrounds it holds a marker containing
"privmark": BATNA and the reasons of the estimates, the partner's private notes, the
personal data of a contact who did not agree to be named with it, the meeting preparation
and notes, the reasons for keeping a flagged promise, warning signs, the pitch's internal
competencies, the contact log and the follow-up tasks. Numbers that cannot hold a marker
(efforts, capacity) are set to values no document has otherwise. Each kind of document is
drafted, rendered in each format, its text extracted as a reader would see it, and no
marker may be found — also when it is downloaded from the page or through the API.
"""

import html
import io
import re
import subprocess
import tempfile
import zipfile
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from partnerkit.documents import rendering, selectors, services
from partnerkit.documents.models import Kind
from partnerkit.followups import services as followup_services
from partnerkit.groundwork import services as groundwork_services
from partnerkit.meetings import services as meeting_services
from partnerkit.negotiation import services as negotiation_services
from partnerkit.negotiation.models import SignCode
from partnerkit.partners import services as partner_services
from partnerkit.partnerships import services as partnership_services
from partnerkit.partnerships.models import Partnership
from partnerkit.pitch import services as pitch_services

MARK = "privmark"
# Distinctive numbers for fields that hold no text: efforts (ours, and a commitment's) and
# the workspace's capacity. The estimates themselves are 1 to 5 and would match any "3".
NUMBERS = {
    "effort_hours": 1877,
    "commitment_effort": Decimal("1613.25"),
    "people": 4513,
    "hours_per_month": 7919,
}
PUBLIC_LETTERHEAD = "Box 4711, 100 44 Stockholm"
CONSENTED_EMAIL = "ingrid.consents@example.org"
CONSENTED_PHONE = "+46 8 519 546 00"
REASON = "Our volunteers are busy with another project this year."


def marker(model: str, field: str) -> str:
    return f"PRIVMARK-{model}-{field}"


def fill_every_private_field(partnership, by):
    """Every private field around ``partnership`` holds a marker (or a distinctive number)."""
    workspace, partner = partnership.workspace, partnership.partner
    reasons = ["batna", "impact_reason", "likelihood_reason", "ease_reason", "benefit_reason",
               "risk_reason", "effort_reason", "decision_reason"]
    partnership_services.partnership_update(
        partnership=partnership, by=by, version=None,
        effort_hours=NUMBERS["effort_hours"],
        # Not listed as private, but as internal as BATNA.
        plan_b=marker("partnership", "plan_b"),
        **{name: marker("partnership", name) for name in reasons},
    )
    partner_services.partner_update(partner=partner, by=by, version=None,
                                    private_notes=marker("partner", "private_notes"))
    # The partner's owner has not agreed to be named with their e-mail and phone. Their
    # `languages` are checked language codes and cannot hold a marker.
    owner = partnership.partner_owner
    partner_services.contact_update(
        contact=owner, by=by, version=None, details_in_documents=False,
        email="privmark-email@example.org", phone="+46 PRIVMARK",
        notes=marker("contact", "notes"), consent_note=marker("contact", "consent_note"),
        introduced_by=marker("contact", "introduced_by"),
    )
    # Another contact owns one of the partner's actions: named, never with their details.
    sven = partner_services.contact_create(
        partner=partner, by=by, name="Sven Berg", email="privmark-sven@example.org",
        phone="+46 PRIVMARK 2", notes=marker("contact", "sven_notes"),
    )
    pitch_services.action_create(partnership=partnership, by=by, side="theirs",
                                 text="Scan the glass negatives", owner_contact=sven)
    pitch_services.pitch_update(partnership=partnership, by=by, version=None,
                                competencies=marker("pitch", "competencies"))

    meeting = meeting_services.meeting_create(
        partnership=partnership, by=by, title="First meeting",
        starts_at=timezone.now() + timedelta(days=7), minutes=60,
        **{name: marker("meeting", name) for name in (
            "speaks_for", "may_commit", "batna_note", "expected_questions", "liked",
            "concerns", "triggers", "decisions", "outcome",
        )},
    )
    meeting_services.agenda_item_update(item=meeting.agenda_items.first(), by=by,
                                        notes=marker("agenda", "notes"))
    meeting_services.next_step_add(meeting=meeting, by=by, text=marker("meeting", "next_step"))

    promise = negotiation_services.commitment_create(
        partnership=partnership, by=by, meeting=meeting,
        text="We will write an article about the museum on Wikipedia.",
        effort_hours=NUMBERS["commitment_effort"],
    )
    negotiation_services.commitment_acknowledge(
        commitment=promise, by=by, reason=marker("commitment", "acknowledged_reason")
    )
    negotiation_services.warning_sign_create(
        partnership=partnership, by=by, code=SignCode.TIGHT_DEADLINE,
        evidence=marker("warning_sign", "evidence"),
    )
    settled = negotiation_services.warning_sign_create(
        partnership=partnership, by=by, code=SignCode.BRAND,
        evidence=marker("warning_sign", "evidence_2"),
    )
    negotiation_services.warning_sign_resolve(warning_sign=settled, by=by,
                                              note=marker("warning_sign", "resolved_note"))

    followup_services.interaction_log(partnership=partnership, by=by, contact=owner,
                                      summary=marker("interaction", "summary"))
    followup_services.followup_create(
        partnership=partnership, by=by, title=marker("followup", "title"),
        due_on=timezone.localdate() + timedelta(days=7), notes=marker("followup", "notes"),
    )
    groundwork_services.profile_update(workspace=workspace, by=by,
                                       people=NUMBERS["people"],
                                       hours_per_month=NUMBERS["hours_per_month"])
    # A public letterhead, so that the extraction is seen to read page headers.
    services.letterhead_save(workspace=workspace, by=by,
                             lines=f"{PUBLIC_LETTERHEAD}\nnorth.wikimedia.example")
    # Running, so that a community update can be drafted too.
    Partnership.objects.filter(pk=partnership.pk).update(stage="running")
    partnership.refresh_from_db()


@pytest.fixture
def secretive(ready, alice):
    fill_every_private_field(ready, alice)
    return ready


# What a reader sees in each format ------------------------------------------------------------


def _zip_text(body: bytes) -> str:
    """Every part of a DOCX or ODT package (body, headers, styles, metadata), without tags."""
    with zipfile.ZipFile(io.BytesIO(body)) as package:
        parts = [package.read(name).decode("utf-8", "replace") for name in package.namelist()
                 if name.endswith((".xml", ".rels"))]
    return html.unescape(re.sub(r"<[^>]+>", " ", "\n".join(parts)))


def _docx_text(body: bytes) -> str:
    import docx

    document = docx.Document(io.BytesIO(body))
    texts = [paragraph.text for paragraph in document.paragraphs]
    texts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    for section in document.sections:
        for part in (section.header, section.first_page_header, section.even_page_header,
                     section.footer, section.first_page_footer, section.even_page_footer):
            texts += [paragraph.text for paragraph in part.paragraphs]
    properties = document.core_properties
    texts += [properties.title or "", properties.author or "", properties.subject or "",
              properties.comments or "", properties.keywords or "", properties.category or ""]
    return "\n".join(texts)


def _odt_text(body: bytes) -> str:
    from odf import teletype, text
    from odf.opendocument import load

    document = load(io.BytesIO(body))
    # The element index covers styles.xml too, where the page header lives.
    elements = document.getElementsByType(text.P) + document.getElementsByType(text.H)
    return "\n".join(teletype.extractText(element) for element in elements)


def _pdf_text(body: bytes) -> str:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "document.pdf"
        path.write_bytes(body)
        shown = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"],
                               capture_output=True, check=True, text=True).stdout
        info = subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True,
                              text=True).stdout
    return f"{shown}\n{info}"


def text_of(body: bytes, fmt: str) -> str:
    """The document's text as a reader gets it, plus whatever else the file carries."""
    if fmt in ("markdown", "wikitext"):
        text = re.sub(r"</?nowiki>", "", body.decode("utf-8"))
        return html.unescape(re.sub(r"\\(.)", r"\1", text))  # Markdown's escapes
    if fmt == "docx":
        return _docx_text(body) + "\n" + _zip_text(body)
    if fmt == "odt":
        return _odt_text(body) + "\n" + _zip_text(body)
    return _pdf_text(body)


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def assert_nothing_private(text: str, where: str):
    lowered = text.lower()
    assert MARK not in lowered and MARK not in re.sub(r"\s+", "", lowered), (
        where, re.findall(r".{0,40}privmark.{0,40}", lowered, re.DOTALL)[:3]
    )
    for name, number in NUMBERS.items():
        variants = {f"{number}", f"{number:,}", f"{number:,}".replace(",", "."),
                    f"{number}".replace(".", ",")}
        for variant in variants:
            assert not re.search(rf"(?<![\d.,]){re.escape(variant)}(?![\d])", text), (
                where, name, variant
            )
    # The warning signs' own words are internal too.
    for sign in (SignCode.TIGHT_DEADLINE, SignCode.BRAND):
        assert str(sign.label).lower() not in lowered, (where, sign)


def draft(partnership, kind, by):
    return services.document_create(partnership=partnership, kind=kind, by=by, reason=REASON)


# The guarantee --------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", rendering.FORMATS)
@pytest.mark.parametrize("kind", Kind.values)
def test_no_private_field_reaches_any_document_in_any_format(secretive, alice, kind, fmt):
    document = draft(secretive, kind, alice)
    text = text_of(rendering.render(selectors.content_of(document), fmt), fmt)
    assert PUBLIC_LETTERHEAD in flat(text)
    assert_nothing_private(text, f"{kind} as {fmt}")


@pytest.mark.parametrize("fmt", rendering.FORMATS)
def test_the_extraction_finds_what_may_be_shown(secretive, alice, fmt):
    """The same extraction finds a consenting contact's e-mail, the partner's mission and
    our letterhead, so the absence of the markers above is not an accident of reading."""
    owner = secretive.partner_owner
    partner_services.contact_update(contact=owner, by=alice, version=None,
                                    details_in_documents=True, email=CONSENTED_EMAIL,
                                    phone=CONSENTED_PHONE)
    document = draft(Partnership.objects.get(pk=secretive.pk), "mou", alice)
    text = flat(text_of(rendering.render(selectors.content_of(document), fmt), fmt))
    assert CONSENTED_EMAIL in text and CONSENTED_PHONE in text
    assert "We collect and share the cultural history of everyday life." in text
    assert PUBLIC_LETTERHEAD in text
    assert "Sven Berg" in text
    # The contact agreed for themselves only; the other contact's details stay out.
    assert MARK not in text.lower()


@pytest.mark.parametrize("fmt", rendering.FORMATS)
def test_a_saved_document_downloaded_from_the_page_or_the_api_shows_nothing_private(
    secretive, alice, alice_api, fmt
):
    client = Client()
    client.force_login(alice)
    for kind in Kind.values:
        document = draft(secretive, kind, alice)
        page = client.get(reverse("documents:export", kwargs={
            "workspace_slug": "north", "pk": document.pk, "fmt": fmt,
        }))
        assert page.status_code == 200
        assert_nothing_private(text_of(page.content, fmt), f"page: {kind} as {fmt}")
        api = alice_api.get(f"/workspaces/north/documents/{document.pk}/render", format=fmt)
        assert api.status_code == 200
        assert_nothing_private(text_of(api.content, fmt), f"API: {kind} as {fmt}")


def test_a_draft_rendered_from_the_record_on_the_command_line_shows_nothing_private(
    secretive, capsys
):
    from partnerkit.cli import main

    for kind in Kind.values:
        for fmt in ("markdown", "wikitext"):
            assert main(["document", "render", "--workspace", "north", "--partnership",
                         str(secretive.pk), "--type", kind, "--format", fmt,
                         "--reason", REASON]) == 0
            text = capsys.readouterr().out
            assert "Nordic Museum" in text
            assert_nothing_private(text_of(text.encode(), fmt), f"command line: {kind} {fmt}")
