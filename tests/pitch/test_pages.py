"""The pitch page and the contact map: sections saved in place, readiness answered where the
answer lives, the partner's vocabulary, files kept private, bounded queries."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from partnerkit.partners.models import Contact
from partnerkit.partners.services import contact_create
from partnerkit.pitch import services
from partnerkit.pitch.models import MAX_FILE_BYTES, PitchMaterial
from tests.conftest import login
from tests.pitch.helpers import answer_pitch

MISSION = (
    "The Nordic Museum collects, preserves and shares the cultural history of everyday life "
    "in the Nordic countries. We open our collections to everyone, online and in our "
    "galleries, and invite visitors to explore the stories of ordinary people."
)


def url(name, partnership, **kwargs):
    return reverse(
        f"pitch:{name}", kwargs={"workspace_slug": "north", "pk": partnership.pk, **kwargs}
    )


def test_the_pitch_page_shows_every_section(client, alice, project):
    response = login(client, alice).get(url("detail", project))
    assert response.status_code == 200
    html = response.content.decode()
    for text in ["Shared goals", "0 of 9 answered", "Actions", "Supporting materials",
                 "One-minute summary", "Arguments", "The partner's language",
                 "Be where people already look", "Add the content-gap figures"]:
        assert text in html, text


def test_a_section_is_saved_with_its_version(client, alice, project):
    login(client, alice)
    response = client.post(
        url("section", project, section="goals"),
        {"goals-version": 1, "goals-shared_goals": "More people see the collection."},
    )
    assert response.status_code == 302
    assert project.pitch.shared_goals == "More people see the collection."
    stale = client.post(
        url("section", project, section="goals"),
        {"goals-version": 1, "goals-shared_goals": "Overwrite"},
    )
    assert stale.status_code == 400
    assert "Someone else saved" in stale.content.decode()
    project.pitch.refresh_from_db()
    assert project.pitch.shared_goals == "More people see the collection."


def test_owners_and_licence_are_answered_in_place_on_the_partnership(client, alice, project):
    login(client, alice)
    contact = Contact.objects.get(partner=project.partner)
    response = client.post(
        url("answer", project, code="owners"),
        {"owners-version": project.version, "owners-owner": alice.pk,
         "owners-partner_owner": contact.pk},
    )
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.owner == alice and project.partner_owner == contact
    response = client.post(
        url("answer", project, code="licence"),
        {"licence-version": project.version, "licence-licence": "cc0"},
    )
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.licence == "cc0"
    page = client.get(url("detail", project)).content.decode()
    assert "2 of 9 answered" in page


def test_an_owner_from_another_workspace_is_refused_with_the_field_named(
    client, alice, bob, south, project
):
    login(client, alice)
    response = client.post(
        url("answer", project, code="owners"),
        {"owners-version": project.version, "owners-owner": bob.pk},
    )
    assert response.status_code == 400
    assert "owners-owner" in response.content.decode()
    project.refresh_from_db()
    assert project.owner is None


def test_the_summary_timing_warns_when_too_long(client, alice, project):
    login(client, alice)
    short = client.get(url("timing", project), {"summary-summary": "We would like to work together."})
    assert "6 words" in short.content.decode() and "Too long" not in short.content.decode()
    long = client.get(url("timing", project), {"summary-summary": "word " * 200})
    assert "Too long" in long.content.decode()


def test_arguments_are_picked_and_unpicked(client, alice, project):
    login(client, alice)
    client.post(url("argument", project, code="presence"), {"picked": "1"})
    project.refresh_from_db()
    assert project.pitch.arguments == ["presence"]
    client.post(url("argument", project, code="presence"), {"picked": "0"})
    project.pitch.refresh_from_db()
    assert project.pitch.arguments == []


def test_actions_are_added_edited_and_deleted(client, alice, carol, project):
    login(client, carol)
    contact = Contact.objects.get(partner=project.partner)
    response = client.post(
        url("action_create", project),
        {"action-side": "theirs", "action-text": "Select 100 photographs",
         "action-goal": "More people see the collection", "action-owner_contact": contact.pk},
    )
    assert response.status_code == 302
    action = project.pitch.actions.get()
    assert action.owner_contact == contact
    response = client.post(
        url("action_edit", project, action_pk=action.pk),
        {"side": "joint", "text": "Select 200 photographs", "owner_user": alice.pk},
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.side, action.text, action.owner_user) == ("joint", "Select 200 photographs", alice)
    client.post(url("action_delete", project, action_pk=action.pk))
    assert not project.pitch.actions.exists()


def test_partner_texts_feed_the_vocabulary_and_jargon_is_flagged(client, alice, project):
    login(client, alice)
    client.post(
        url("text_create", project),
        {"text-title": "Mission", "text-kind": "mission", "text-language": "en",
         "text-text": MISSION},
    )
    services.pitch_update(
        partnership=project, by=alice, version=None,
        summary="We help you share the cultural history of everyday life through an edit-a-thon "
                "and uploads to Commons.",
    )
    html = client.get(url("detail", project)).content.decode()
    assert "everyday life" in html
    assert "writing workshop" in html  # the plain word for edit-a-thon
    assert "the free media archive of Wikipedia" in html


def test_an_empty_or_huge_text_is_refused_naming_the_field(client, alice, project):
    login(client, alice)
    for text in ["   ", "x" * 100_001]:
        response = client.post(
            url("text_create", project),
            {"text-title": "Mission", "text-kind": "mission", "text-language": "en",
             "text-text": text},
        )
        assert response.status_code == 400
    assert not project.partner.texts.exists()


def test_a_file_is_downloaded_only_by_members(client, alice, victor, bob, south, project, media_root):
    login(client, alice)
    response = client.post(
        url("material_file", project),
        {"file-title": "Leaflet", "file-file": SimpleUploadedFile("leaflet.pdf", b"%PDF-1.4 leaflet")},
    )
    assert response.status_code == 302
    material = PitchMaterial.objects.get()
    assert str(media_root) in material.file.path and "/pitch/" in material.file.path
    login(client, victor)
    download = client.get(url("material_download", project, material_pk=material.pk))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"%PDF-1.4 leaflet"
    login(client, bob)
    assert client.get(url("material_download", project, material_pk=material.pk)).status_code == 404
    south_url = reverse(
        "pitch:material_download",
        kwargs={"workspace_slug": "south", "pk": project.pk, "material_pk": material.pk},
    )
    assert client.get(south_url).status_code == 404


def test_a_file_over_the_limit_is_refused(client, alice, project, media_root):
    login(client, alice)
    big = SimpleUploadedFile("big.bin", b"0" * (MAX_FILE_BYTES + 1))
    response = client.post(url("material_file", project), {"file-title": "Big", "file-file": big})
    assert response.status_code == 400
    assert "at most 20 MB" in response.content.decode()
    assert not PitchMaterial.objects.exists()


def test_the_pitch_page_needs_a_bounded_number_of_queries(
    client, alice, project, django_assert_max_num_queries
):
    answer_pitch(project, alice)
    for number in range(15):
        services.action_create(partnership=project, by=alice, side="ours", text=f"Task {number}",
                               owner_user=alice)
        services.material_add_link(partnership=project, by=alice, title=f"Link {number}",
                                   url="https://example.org/")
        services.partner_text_create(partner=project.partner, by=alice, title=f"Text {number}",
                                     text=MISSION)
    login(client, alice)
    with django_assert_max_num_queries(20):
        assert client.get(url("detail", project)).status_code == 200


def test_the_contact_map_shows_introductions_owners_and_a_suggestion(
    client, alice, museum, project
):
    ingrid = Contact.objects.get(partner=museum)
    curator = contact_create(
        partner=museum, by=alice, name="Sven Berg", role_title="Curator of photography",
        introduced_by_contact=ingrid, our_owner=alice,
    )
    contact_create(partner=museum, by=alice, name="Maja Lund", role_title="Director")
    login(client, alice)
    html = client.get(url("contacts", project)).content.decode()
    assert "Sven Berg" in html and "warm introduction" in html
    assert "alice owns this relationship" in html
    assert "Already marked as the contact point." in html  # Ingrid
    assert "Who else should be at the next meeting" in html and "Maja Lund" in html
    assert curator.pk


def test_marking_the_suggested_contact_point(client, alice, museum, project):
    ingrid = Contact.objects.get(partner=museum)
    contact_create(partner=museum, by=alice, name="Ola", role_title="Head of archives")
    ingrid.is_contact_point = False
    ingrid.save()
    ola = Contact.objects.get(name="Ola")
    login(client, alice)
    response = client.post(url("contact_point", project, contact_pk=ola.pk))
    assert response.status_code == 302
    ola.refresh_from_db()
    assert ola.is_contact_point


def test_the_partnership_page_card_shows_readiness_with_few_queries(
    client, alice, project, django_assert_max_num_queries
):
    answer_pitch(project, alice)
    login(client, alice)
    # The first visit also stores the session; the page has a card per capability (pitch,
    # negotiation, meetings, follow-ups, documents), each with a fixed number of queries.
    with django_assert_max_num_queries(28):
        response = client.get(project.get_absolute_url())
    html = response.content.decode()
    assert "9 of 9 readiness questions answered" in html
    assert url("detail", project) in html


def test_another_workspace_sees_nothing(client, bob, south, project):
    login(client, bob)
    for name in ["detail", "contacts", "timing"]:
        assert client.get(url(name, project)).status_code == 404


def test_a_viewer_reads_but_cannot_write(client, victor, project):
    login(client, victor)
    assert client.get(url("detail", project)).status_code == 200
    response = client.post(url("section", project, section="goals"),
                           {"goals-version": 1, "goals-shared_goals": "x"})
    assert response.status_code == 403


@pytest.mark.parametrize("code", ["licence", "owners"])
def test_readiness_answers_reach_the_stage_rule(alice, project, code):
    from partnerkit.pitch.selectors import unanswered_codes

    assert code in unanswered_codes(project)
    answer_pitch(project, alice)
    assert unanswered_codes(project) == []


def test_a_move_blocked_by_the_pitch_links_to_its_readiness_questions(client, alice, project):
    from partnerkit.partnerships.services import partnership_move

    for stage in ("researching", "shortlisted", "preparing"):
        partnership_move(partnership=project, to_stage=stage, by=alice)
    login(client, alice)
    response = client.post(
        reverse("partnerships:move", kwargs={"workspace_slug": "north", "pk": project.pk}),
        {"to": "in_contact", "next": project.get_absolute_url()},
        HTTP_HX_REQUEST="true", HTTP_HX_TARGET="stage-mover",
    )
    page = response.content.decode()
    assert "pitch readiness questions" in page
    assert f'href="{url("detail", project)}#readiness"' in page
    assert "Answer them on the pitch page" in page
