"""The import wizard and the export links in the browser's view: upload, columns, check,
apply, report; and who may see or do what."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import get_resolver, reverse

from partnerkit.partners.models import Partner
from partnerkit.transfer.models import ImportRun
from tests.conftest import login
from tests.transfer.conftest import csv_bytes, fixture_bytes, import_bytes

GOOD = csv_bytes([
    ["Organisation", "Type", "Country", "Website"],
    ["Royal Library", "library", "Sweden", "https://www.kb.se/"],
    ["Nordiska museet", "museum", "SE", "https://www.nordiskamuseet.se/"],
])


def url(name, **kwargs):
    return reverse(f"transfer:{name}", kwargs={"workspace_slug": "north", **kwargs})


def upload(client, data, name="partners.csv", kind="partners", **extra):
    return client.post(url("upload"), {"kind": kind, "file": SimpleUploadedFile(name, data), **extra})


def test_the_wizard_takes_a_file_from_upload_to_report(client, alice, museum):
    login(client, alice)
    assert client.get(url("index")).status_code == 200
    response = upload(client, GOOD)
    run = ImportRun.objects.get()
    assert response.url == url("mapping", pk=run.pk)
    page = client.get(response.url).content.decode()
    assert "UTF-8, separated by commas" in page
    assert '<option value="Organisation" selected>' in page  # suggested for Name

    response = client.post(url("mapping", pk=run.pk), {
        "column_name": "Organisation", "column_kind": "Type", "column_country": "Country",
        "column_website": "Website",
    })
    assert response.url == url("preview", pk=run.pk)
    page = client.get(response.url).content.decode()
    assert "1 possible duplicate" in page
    assert "the same website (nordiskamuseet.se)" in page
    assert 'name="choice-3" value="merge" checked' in page
    assert not Partner.objects.filter(name="Royal Library").exists()  # nothing before applying

    response = client.post(url("apply", pk=run.pk), {"choice-3": "skip"})
    assert response.url == url("run", pk=run.pk)
    page = client.get(response.url).content.decode()
    assert "Imported partners.csv: 1 created, 0 updated, 0 unchanged, 1 skipped." in page
    assert "Royal Library" in page
    run.refresh_from_db()
    assert (run.status, run.rows) == ("applied", [])
    assert Partner.objects.count() == 2
    # It is listed with past imports, and cannot be applied twice.
    assert "partners.csv" in client.get(url("index")).content.decode()
    assert client.post(url("apply", pk=run.pk)).status_code == 404


def test_a_broken_file_is_refused_on_the_upload_page(client, alice, north):
    login(client, alice)
    response = upload(client, b"%PDF-1.4 not a table", name="report.pdf")
    assert response.status_code == 200
    assert "This is a PDF document, not a table" in response.content.decode()
    assert not ImportRun.objects.exists()


def test_errors_are_listed_by_row_and_column_and_block_the_import(client, alice, north):
    login(client, alice)
    data = csv_bytes([["Name", "Kind"], ["A", "museum"], ["B", "castle"]])
    run_url = upload(client, data).url
    run = ImportRun.objects.get()
    client.post(run_url, {"column_name": "Name", "column_kind": "Kind"})
    page = client.get(url("preview", pk=run.pk)).content.decode()
    assert "1 error" in page and "“castle” is not a known partner kind" in page
    assert ">Import</button>" not in page
    response = client.post(url("apply", pk=run.pk), follow=True)
    assert "Nothing was imported: Row 3, column “Kind”" in response.content.decode()
    assert not Partner.objects.exists()


def test_choices_can_be_set_for_every_duplicate_at_once(client, alice, museum):
    login(client, alice)
    upload(client, GOOD)
    run = ImportRun.objects.get()
    client.post(url("mapping", pk=run.pk), {"column_name": "Organisation", "column_kind": "Type", "column_website": "Website"})
    client.post(url("preview", pk=run.pk), {"set_all": "create"})
    run.refresh_from_db()
    assert run.decisions == {"3": "create"}
    client.post(url("apply", pk=run.pk))
    assert Partner.objects.filter(name="Nordiska museet").exists()


def test_an_xlsx_upload_names_its_sheet(client, alice, museum):
    login(client, alice)
    upload(client, fixture_bytes("partnerships_libreoffice.xlsx"), name="p.xlsx", kind="partnerships")
    run = ImportRun.objects.get()
    assert "sheet “partnerships_libreoffice”" in client.get(url("mapping", pk=run.pk)).content.decode()


def test_exports_download_with_their_format(client, victor, museum):
    login(client, victor)  # a viewer may export
    for format, content_type in (
        ("csv", "text/csv; charset=utf-8"), ("json", "application/json"),
        ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ):
        response = client.get(url(f"export_partners_{format}"))
        assert response.status_code == 200
        assert response["Content-Type"] == content_type
        assert response["Content-Disposition"].startswith('attachment; filename="north-partners-')
        assert response["Cache-Control"] == "private, no-store"
    assert "Nordic Museum" in client.get(url("export_partners_csv")).content.decode("utf-8-sig")
    assert reverse("transfer:export_contacts_json", kwargs={"workspace_slug": "north"}) == (
        "/w/north/transfer/export/contacts.json"
    )


def test_a_viewer_reads_past_imports_but_cannot_import(client, alice, victor, north):
    run = import_bytes(north, alice, "partners", GOOD)
    login(client, victor)
    page = client.get(url("index")).content.decode()
    assert "Import a file" not in page and "export/partners.csv" in page
    assert client.get(url("run", pk=run.pk)).status_code == 200
    assert client.get(url("upload")).status_code == 403
    assert upload(client, GOOD).status_code == 403
    assert not ImportRun.objects.filter(status="draft").exists()


def test_a_draft_belongs_to_its_uploader(client, alice, carol, north):
    login(client, alice)
    upload(client, GOOD)
    draft = ImportRun.objects.get()
    login(client, carol)
    for name in ("mapping", "preview", "run"):
        assert client.get(url(name, pk=draft.pk)).status_code == 404, name
    assert client.post(url("apply", pk=draft.pk)).status_code == 404
    assert client.post(url("discard", pk=draft.pk)).status_code == 404
    login(client, alice)
    assert client.post(url("discard", pk=draft.pk)).url == url("index")
    assert not ImportRun.objects.exists()


def transfer_urls(pk):
    """Every page of the transfer app, with a real import's id."""
    urls = []
    for pattern in get_resolver("partnerkit.transfer.urls").url_patterns:
        kwargs = {"pk": pk} if "pk" in pattern.pattern.converters else {}
        assert set(pattern.pattern.converters) <= {"pk"}, pattern.name
        urls.append((pattern.name, url(pattern.name, **kwargs)))
    return urls


def test_outsiders_get_404_on_every_transfer_page(client, alice, bob, south, north):
    applied = import_bytes(north, alice, "partners", GOOD)
    login(client, alice)
    upload(client, GOOD)
    draft = ImportRun.objects.get(status="draft")
    login(client, bob)
    for pk in (applied.pk, draft.pk):
        for name, address in transfer_urls(pk):
            assert client.get(address).status_code == 404, name
            assert client.post(address, {"kind": "partners"}).status_code == 404, name
    # North's import is not reachable through south's address either.
    assert client.get(reverse("transfer:run", kwargs={"workspace_slug": "south", "pk": applied.pk})).status_code == 404


def test_signed_out_people_are_sent_to_sign_in(client, alice, north):
    for name, address in transfer_urls(1):
        response = client.get(address)
        assert response.status_code == 302 and "/accounts/login/" in response.url, name


@pytest.mark.parametrize("name", ["upload", "mapping", "preview", "apply", "discard"])
def test_writing_pages_need_the_edit_role(name):
    from partnerkit.transfer import views

    view = {"mapping": views.mapping, "preview": views.preview}.get(name) or getattr(views, name)
    assert view.workspace_action == "edit"
