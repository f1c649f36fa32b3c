"""Documents through the API: drafting from the record or learning what is missing, edits as
versions with diffs, downloads in every format, and the way from draft to sent to signed."""

from datetime import date

import pytest

from partnerkit.documents import rendering, services
from partnerkit.documents.models import Document
from partnerkit.partnerships.services import partnership_create

# What each file holds: the title in the text formats, the signature of the others.
MARKS = {
    "markdown": b"# Memorandum of understanding",
    "wikitext": b"Memorandum of understanding",
    "docx": b"PK",
    "odt": b"PK",
    "pdf": b"%PDF",
}


def create(api, partnership, **body):
    return api.post(f"/workspaces/north/partnerships/{partnership.pk}/documents", body)


@pytest.fixture
def mou(ready, alice):
    return services.document_create(partnership=ready, kind="mou", by=alice)


def test_a_document_is_drafted_from_the_record(carol_api, ready):
    response = create(carol_api, ready, kind="proposal")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["kind"] == "proposal" and body["status"] == "draft"
    assert body["title"] == "Proposal: Photographs of Swedish life"
    assert body["version"] == 1 and body["has_signed_copy"] is False
    assert body["partnership_id"] == ready.pk and body["language"] == "en"
    summary = body["sections"][0]
    assert summary["key"] == "summary" and summary["heading"] == "Summary"
    assert "seen by Wikipedia's readers" in summary["text"]
    listed = carol_api.get("/workspaces/north/documents", partnership_id=ready.pk).json()
    assert [item["id"] for item in listed["items"]] == [body["id"]]


def test_a_bare_partnership_gets_the_list_of_what_to_fill_in(carol_api, north, alice, museum):
    bare = partnership_create(workspace=north, partner=museum, by=alice, title="Bare")
    response = create(carol_api, bare, kind="mou")
    assert response.status_code == 400, response.content
    body = response.json()
    missing = {item["message"]: item["where"] for item in body["missing"]}
    assert missing["An owner on the partner's side."] == "partnership"
    assert missing["The shared goals (on the pitch)."] == "pitch"
    assert missing["An end date for the agreement."] == "partnership"
    assert body["errors"] == {"kind": [item["message"] for item in body["missing"]]}
    assert "An end date for the agreement." in body["detail"]
    assert not Document.objects.exists()


def test_a_decline_letter_without_a_reason_says_so(carol_api, ready):
    response = create(carol_api, ready, kind="decline")
    assert response.status_code == 400
    assert response.json()["missing"] == [
        {"message": "A brief reason to give the partner.", "where": "document"}
    ]


@pytest.mark.parametrize("body, field", [
    ({"kind": "brochure"}, "kind"),
    ({"kind": "mou", "language": "xx"}, "language"),
    ({"kind": "mou", "colour": "red"}, "colour"),
])
def test_a_bad_request_names_the_field(carol_api, ready, body, field):
    response = create(carol_api, ready, **body)
    assert response.status_code == 400
    assert list(response.json()["errors"]) == [field]


def test_an_edit_is_a_new_version_with_a_diff(carol_api, mou):
    path = f"/workspaces/north/documents/{mou.pk}"
    response = carol_api.patch(path, {
        "version": 1, "note": "Warmer", "headings": {"joint": "Working together"},
        "sections": {"joint": "We choose the photographs together."},
    })
    assert response.status_code == 200, response.content
    assert response.json()["version"] == 2
    joint = next(s for s in response.json()["sections"] if s["key"] == "joint")
    assert joint == {"key": "joint", "heading": "Working together",
                     "text": "We choose the photographs together."}
    versions = carol_api.get(path + "/versions").json()["items"]
    assert [(v["number"], v["by"], v["note"]) for v in versions] == [
        (2, "carol", "Warmer"), (1, "alice", "Drafted from the record"),
    ]
    diff = carol_api.get(path + "/versions/2/diff").json()
    assert (diff["number"], diff["previous"]) == (2, 1)
    changed = [s for s in diff["sections"] if s["changed"]]
    assert [(s["heading"], s["old_heading"]) for s in changed] == [
        ("Working together", "Joint activities")
    ]
    pieces = {p["op"]: p["text"] for p in changed[0]["pieces"]}
    assert pieces["added"] == "We choose the photographs together."
    assert pieces["removed"].startswith("- Choose the first batch together")
    assert carol_api.get(path + "/versions/9/diff").status_code == 404


def test_a_stale_edit_answers_409_and_saves_nothing(carol_api, alice_api, mou):
    path = f"/workspaces/north/documents/{mou.pk}"
    saved = alice_api.patch(path, {"version": 1, "sections": {"joint": "Alice's."}})
    assert saved.status_code == 200
    response = carol_api.patch(path, {"version": 1, "sections": {"joint": "Carol's."}})
    assert response.status_code == 409
    body = response.json()
    assert body["current_version"] == 2
    assert body["changes"]["Joint activities"]["now"] == "Alice's."
    mou.refresh_from_db()
    assert next(s["text"] for s in mou.sections if s["key"] == "joint") == "Alice's."


def test_an_unknown_section_is_refused_by_name(carol_api, mou):
    response = carol_api.patch(f"/workspaces/north/documents/{mou.pk}",
                               {"sections": {"nope": "x"}})
    assert response.status_code == 400
    assert response.json()["errors"] == {"sections": ["No such section: nope."]}


@pytest.mark.parametrize("fmt", rendering.FORMATS)
def test_every_format_downloads_with_its_media_type(victor_api, mou, fmt):
    response = victor_api.get(f"/workspaces/north/documents/{mou.pk}/render", format=fmt)
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == rendering.MEDIA_TYPES[fmt]
    extension = rendering.EXTENSIONS[fmt]
    assert response["Content-Disposition"] == (
        "attachment; filename=\"memorandum-of-understanding-between-wikimedia-north-and-"
        f'nordic-museum.{extension}"'
    )
    assert len(response.content) > 100
    if fmt in ("markdown", "wikitext"):
        assert MARKS[fmt] in response.content
    else:
        assert response.content.startswith(MARKS[fmt])


def test_an_unknown_format_is_refused_by_name(victor_api, mou):
    response = victor_api.get(f"/workspaces/north/documents/{mou.pk}/render", format="rtf")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["format"]


def test_the_way_from_draft_to_sent_to_signed(carol_api, mou, clock, ready):
    path = f"/workspaces/north/documents/{mou.pk}"
    sent = carol_api.post(path + "/status", {"to": "sent", "on": "2026-02-20"})
    assert sent.status_code == 200, sent.content
    assert (sent.json()["status"], sent.json()["sent_on"]) == ("sent", "2026-02-20")
    assert carol_api.patch(path, {"title": "Changed"}).status_code == 400
    assert carol_api.post(path + "/status", {"to": "draft"}).json()["status"] == "draft"
    assert carol_api.post(path + "/status", {"to": "sent"}).json()["sent_on"] == "2026-03-02"
    signed = carol_api.post(path + "/status",
                            {"to": "signed", "on": "2026-03-01", "ends_on": "2027-03-01"})
    assert signed.status_code == 200, signed.content
    assert (signed.json()["status"], signed.json()["signed_on"]) == ("signed", "2026-03-01")
    ready.refresh_from_db()
    assert (ready.mou_signed_on, ready.ends_on) == (date(2026, 3, 1), date(2027, 3, 1))
    refused = carol_api.post(path + "/status", {"to": "draft"})
    assert refused.status_code == 400 and list(refused.json()["errors"]) == ["status"]
    refused = carol_api.delete(path)
    assert refused.status_code == 400 and list(refused.json()["errors"]) == ["status"]
    assert Document.objects.filter(pk=mou.pk).exists()


def test_a_day_in_the_future_is_refused_naming_it(carol_api, mou, clock):
    response = carol_api.post(f"/workspaces/north/documents/{mou.pk}/status",
                              {"to": "sent", "on": "2026-04-01"})
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["on"]


def test_a_letter_is_sent_but_not_signed(carol_api, ready, alice):
    letter = services.document_create(partnership=ready, kind="decline", by=alice, reason="No.")
    response = carol_api.post(f"/workspaces/north/documents/{letter.pk}/status", {"to": "signed"})
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["status"]


def test_a_draft_can_be_deleted(carol_api, mou):
    assert carol_api.delete(f"/workspaces/north/documents/{mou.pk}").status_code == 204
    assert not Document.objects.filter(pk=mou.pk).exists()


def test_another_workspace_s_document_is_not_found(bob_api, alice_api, mou, south):
    for api, slug in ((bob_api, "south"), (alice_api, "south"), (bob_api, "north")):
        for suffix in ("", "/versions", "/versions/1/diff", "/render"):
            response = api.get(f"/workspaces/{slug}/documents/{mou.pk}{suffix}")
            assert response.status_code == 404, (slug, suffix)
    assert bob_api.patch(f"/workspaces/south/documents/{mou.pk}",
                         {"title": "Mine"}).status_code == 404
    mou.refresh_from_db()
    assert mou.title.startswith("Memorandum")


def test_a_filter_by_another_workspace_s_partnership_reveals_nothing(
    alice_api, mou, southern_library, bob, south
):
    theirs = partnership_create(workspace=south, partner=southern_library, by=bob, title="X")
    response = alice_api.get("/workspaces/north/documents", partnership_id=theirs.pk)
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["partnership_id"]


def test_the_list_filters_by_kind_and_status(alice_api, mou, ready, alice):
    letter = services.document_create(partnership=ready, kind="decline", by=alice, reason="No.")
    services.document_mark_sent(document=letter, by=alice)

    def ids(**filters):
        return [d["id"] for d in alice_api.get("/workspaces/north/documents", **filters)
                .json()["items"]]

    assert ids(kind="mou") == [mou.pk]
    assert ids(status="sent") == [letter.pk]
    assert ids(kind="mou", status="sent") == []


def test_a_viewer_reads_but_does_not_write(victor_api, mou, ready):
    path = f"/workspaces/north/documents/{mou.pk}"
    assert victor_api.get(path).status_code == 200
    for method, suffix, body in (
        ("PATCH", "", {"title": "Mine"}),
        ("DELETE", "", None),
        ("POST", "/status", {"to": "sent"}),
    ):
        response = victor_api.request(method, path + suffix, body)
        assert response.status_code == 403, (method, suffix)
    response = create(victor_api, ready, kind="mou")
    assert response.status_code == 403
    mou.refresh_from_db()
    assert (mou.version, mou.status) == (1, "draft")
    assert Document.objects.count() == 1
