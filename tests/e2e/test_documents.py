"""Documents in Chromium: draft an MoU from the record, edit a clause, see the change in
the version's diff, download it as DOCX and PDF, and mark it signed — which puts its end
date on the partnership."""

import zipfile

import pytest
from playwright.sync_api import expect

from tests.documents.conftest import ready  # noqa: F401  (the partnership with a full record)
from tests.e2e.test_layout import PHONE, overflow

pytestmark = pytest.mark.e2e


def test_mou_draft_edit_diff_export_sign(new_page, alice, ready):  # noqa: F811
    page = new_page(user=alice)
    page.goto(ready.get_absolute_url())
    page.locator("#documents-link").click()
    form = page.locator("#new-document-form")
    form.get_by_label("Document").select_option(label="Memorandum of understanding")
    form.get_by_role("button", name="Draft it").click()
    expect(page.get_by_role("status")).to_contain_text("Drafted from the record")
    preview = page.locator("#preview")
    expect(preview).to_contain_text("What Nordic Museum intends to provide")
    expect(page.locator("#document-status")).to_have_text("Draft")

    # Edit one clause.
    page.locator("#edit-link").click()
    clause = page.locator("fieldset[data-key='non_binding'] textarea")
    clause.fill("This memorandum records intentions only and binds neither party.")
    page.get_by_label("What changed (optional)").fill("Plainer wording")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_contain_text("Saved as a new version.")
    expect(preview.locator("section[data-key='non_binding']")).to_contain_text(
        "binds neither party"
    )

    # The diff of version 2 shows what went and what came.
    page.locator("#version-2 a").click()
    changed = page.locator(".diff-section--changed")
    expect(changed).to_have_count(1)
    expect(changed.locator("ins").first).to_be_visible()
    expect(changed.locator("del").first).to_be_visible()
    expect(changed).to_contain_text("binds neither party")
    page.go_back()

    # Export as DOCX and PDF.
    with page.expect_download() as docx:
        page.locator("#export a[data-format='docx']").click()
    path = docx.value.path()
    assert docx.value.suggested_filename.endswith(".docx")
    with zipfile.ZipFile(path) as archive:
        assert "binds neither party" in archive.read("word/document.xml").decode()
    with page.expect_download() as pdf:
        page.locator("#export a[data-format='pdf']").click()
    assert open(pdf.value.path(), "rb").read(4) == b"%PDF"

    # Signed: the status changes and the agreement's end goes onto the partnership.
    sign = page.locator("#sign-form")
    sign.get_by_label("Signed on").fill("2026-02-01")
    sign.get_by_label("Agreement ends").fill("2027-01-31")
    sign.get_by_role("button", name="Mark as signed").click()
    expect(page.locator("#document-status")).to_have_text("Signed")
    expect(page.locator("#edit-link")).to_have_count(0)
    ready.refresh_from_db()
    assert str(ready.ends_on) == "2027-01-31" and str(ready.mou_signed_on) == "2026-02-01"


@pytest.mark.parametrize("locale", ["en", "ar"])
def test_document_pages_fit_a_360_px_phone(new_page, alice, ready, locale):  # noqa: F811
    from partnerkit.documents import services

    mou = services.document_create(partnership=ready, kind="mou", by=alice)
    services.document_update(document=mou, by=alice, version=None, texts={"joint": "Changed."})
    page = new_page(user=alice, viewport=PHONE, locale=locale)
    for path in (mou.get_absolute_url(), mou.get_absolute_url() + "edit/",
                 mou.get_absolute_url() + "versions/2/", "/w/north/documents/",
                 f"/w/north/documents/partnerships/{ready.pk}/", "/w/north/documents/settings/"):
        page.goto(path)
        expect(page.locator("h1")).to_be_visible()
        assert overflow(page) <= 1, path
