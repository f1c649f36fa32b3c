"""The document pages: drafting from a partnership (or a list of what to fill in), editing
with versions and a diff, exports, sent and signed, the signed copy, the workspace's wording
and letterhead."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from partnerkit.documents import services
from partnerkit.documents.models import Document, Status
from partnerkit.partnerships.services import partnership_create
from tests.conftest import login


def url(name, **kwargs):
    return reverse(f"documents:{name}", kwargs={"workspace_slug": "north", **kwargs})


@pytest.fixture
def signed_in(client, alice):
    return login(client, alice)


def _png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), (51, 102, 204)).save(buffer, "PNG")
    return buffer.getvalue()


def test_drafting_an_mou_opens_its_preview(signed_in, ready):
    response = signed_in.post(url("create", pk=ready.pk), {"kind": "mou", "language": "en"},
                              follow=True)
    page = response.content.decode()
    assert "Drafted from the record" in page
    assert "What Nordic Museum intends to provide" in page and "Draft" in page
    assert Document.objects.get().kind == "mou"


def test_a_bare_partnership_gets_the_list_of_what_to_fill_in(signed_in, north, alice, museum):
    bare = partnership_create(workspace=north, partner=museum, by=alice, title="Bare")
    response = signed_in.post(url("create", pk=bare.pk), {"kind": "mou", "language": "en"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Fill these in first:" in page
    assert "An owner on the partner&#x27;s side." in page
    assert reverse("partnerships:edit", kwargs={"workspace_slug": "north", "pk": bare.pk}) in page
    assert not Document.objects.exists()


def test_editing_a_clause_makes_a_version_with_a_diff(signed_in, ready, alice):
    mou = services.document_create(partnership=ready, kind="mou", by=alice)
    form = signed_in.get(url("edit", pk=mou.pk))
    assert form.status_code == 200
    data = {"title": mou.title, "version": 1, "note": "Clearer end"}
    for section in mou.sections:
        data[f"heading_{section['key']}"] = section["heading"]
        data[f"text_{section['key']}"] = section["text"]
    data["text_non_binding"] = "This memorandum binds nobody."
    response = signed_in.post(url("edit", pk=mou.pk), data, follow=True)
    assert "Saved as a new version." in response.content.decode()
    diff = signed_in.get(url("diff", pk=mou.pk, number=2)).content.decode()
    assert '<ins class="diff-new">binds nobody.</ins>' in diff
    assert '<del class="diff-old">records' in diff
    assert "Clearer end" in diff


def test_a_stale_edit_is_shown_as_a_conflict(signed_in, ready, alice, carol):
    mou = services.document_create(partnership=ready, kind="mou", by=alice)
    services.document_update(document=mou, by=carol, version=1, texts={"joint": "Carol's."})
    data = {"title": mou.title, "version": 1, "text_joint": "Mine."}
    for section in mou.sections:
        data[f"heading_{section['key']}"] = section["heading"]
        data.setdefault(f"text_{section['key']}", section["text"])
    response = signed_in.post(url("edit", pk=mou.pk), data)
    assert response.status_code == 400
    assert "Someone else saved this document" in response.content.decode()
    mou.refresh_from_db()
    assert next(s for s in mou.sections if s["key"] == "joint")["text"] == "Carol's."


def test_exports_download_in_every_format(signed_in, ready, alice):
    mou = services.document_create(partnership=ready, kind="mou", by=alice)
    for fmt, start in (("markdown", b"**Draft**"), ("pdf", b"%PDF"), ("docx", b"PK"),
                       ("odt", b"PK")):
        response = signed_in.get(url("export", pk=mou.pk, fmt=fmt))
        assert response.status_code == 200 and response.content.startswith(start), fmt
        assert "attachment" in response["Content-Disposition"]
    assert signed_in.get(url("export", pk=mou.pk, fmt="exe")).status_code == 404


def test_sent_then_signed_with_a_copy_kept(signed_in, ready, alice, clock):
    mou = services.document_create(partnership=ready, kind="mou", by=alice)
    signed_in.post(url("status", pk=mou.pk), {"action": "sent"})
    mou.refresh_from_db()
    assert mou.status == Status.SENT
    signed_in.post(url("status", pk=mou.pk),
                   {"action": "signed", "on": "2026-03-01", "ends_on": "2027-02-28"})
    mou.refresh_from_db()
    assert (mou.status, str(mou.signed_on)) == (Status.SIGNED, "2026-03-01")
    ready.refresh_from_db()
    assert str(ready.ends_on) == "2027-02-28"
    bad = signed_in.post(url("signed_copy_upload", pk=mou.pk),
                         {"signed_copy": SimpleUploadedFile("copy.exe", b"MZ")}, follow=True)
    assert "A PDF, PNG or JPEG file, please." in bad.content.decode()
    signed_in.post(url("signed_copy_upload", pk=mou.pk),
                   {"signed_copy": SimpleUploadedFile("copy.pdf", b"%PDF-1.4 signed")})
    download = signed_in.get(url("signed_copy", pk=mou.pk))
    assert b"".join(download.streaming_content) == b"%PDF-1.4 signed"


def test_the_workspace_s_wording_and_letterhead(signed_in, ready, alice, north):
    response = signed_in.post(url("template_edit", kind="mou", key="non_binding", language="en"),
                              {"heading": "What this is", "text": "Not a contract, {partnr}."})
    assert response.status_code == 400 and "Unknown placeholder(s)" in response.content.decode()
    signed_in.post(url("template_edit", kind="mou", key="non_binding", language="en"),
                   {"heading": "What this is", "text": "Not a contract."})
    bad_logo = signed_in.post(url("letterhead"), {
        "lines": "Example Street 1", "logo": SimpleUploadedFile("logo.png", b"not an image"),
    })
    assert "A PNG or JPEG image, please." in bad_logo.content.decode()
    signed_in.post(url("letterhead"), {
        "lines": "Example Street 1\nhttps://north.example.org", "place": "Umeå",
        "logo": SimpleUploadedFile("logo.png", _png()),
    })
    mou = services.document_create(partnership=ready, kind="mou", by=alice)
    page = signed_in.get(mou.get_absolute_url()).content.decode()
    assert "Not a contract." in page and "Example Street 1" in page and "Umeå, " in page
    assert signed_in.get(url("export", pk=mou.pk, fmt="pdf")).status_code == 200


def test_the_partnership_page_links_its_documents(signed_in, ready, alice):
    services.document_create(partnership=ready, kind="proposal", by=alice)
    page = signed_in.get(ready.get_absolute_url()).content.decode()
    assert 'id="documents-card"' in page and "Written proposal" in page


def test_versions_by_someone_who_has_left_still_show(signed_in, ready, alice, carol):
    mou = services.document_create(partnership=ready, kind="mou", by=alice)
    services.document_update(document=mou, by=carol, version=1, texts={"joint": "Carol's."})
    carol.delete()
    assert "someone who has left" in signed_in.get(mou.get_absolute_url()).content.decode()
    diff = signed_in.get(url("diff", pk=mou.pk, number=2)).content.decode()
    assert "someone who has left" in diff
