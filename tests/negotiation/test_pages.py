"""The commitments page, adding a commitment from the meeting notes, keeping a flagged one,
warning signs, the "when to say no" gate and the card on the partnership page."""

import re

from django.urls import reverse

from partnerkit.negotiation import services
from partnerkit.negotiation.models import Commitment, WarningSign
from partnerkit.partnerships.models import StageChange
from tests.conftest import login
from tests.negotiation.conftest import DANGEROUS, SAFE, set_capacity


def url(name, partnership, **kwargs):
    return reverse(
        f"negotiation:{name}",
        kwargs={"workspace_slug": partnership.workspace.slug, "pk": partnership.pk, **kwargs},
    )


def notes_url(meeting):
    return reverse("meetings:notes", kwargs={"workspace_slug": "north", "pk": meeting.pk})


def test_the_commitments_page_shows_a_flag_with_its_words_and_alternative(
    client, alice, flagged
):
    page = login(client, alice).get(url("commitments", flagged.partnership)).content.decode()
    item = page[page.index(f'id="commitment-{flagged.pk}"'):]
    assert 'data-flagged="true"' in page
    assert "Dangerous promise" in item
    assert 'class="finding" data-category="exclusivity"' in item
    assert '<mark class="finding-match" data-category="exclusivity">exclusive rights</mark>' in item
    assert flagged.findings[0]["alternative"].replace("'", "&#x27;") in item
    assert "Keep on purpose" in item


def test_adding_a_commitment_on_the_meeting_notes_page(client, alice, meeting, ingrid):
    login(client, alice)
    notes = client.get(notes_url(meeting)).content.decode()
    assert 'id="meeting-commitment-form"' in notes
    assert f'name="meeting" value="{meeting.pk}"' in notes
    response = client.post(
        url("commitment_create", meeting.partnership),
        {"meeting": meeting.pk, "side": "ours", "text": DANGEROUS, "status": "open",
         "owner_contact": ingrid.pk, "effort_hours": "3.5", "next": notes_url(meeting)},
        follow=True,
    )  # fmt: skip
    commitment = Commitment.objects.get()
    assert response.redirect_chain[-1][0] == f"{notes_url(meeting)}#commitment-{commitment.pk}"
    assert commitment.meeting == meeting and commitment.flagged
    page = response.content.decode()
    assert "Dangerous promise: Exclusive commitment" in page  # the message
    assert 'data-category="exclusivity"' in page  # the finding, on the notes page
    assert "Ingrid Larsson" in page


def test_text_in_another_language_is_saved_and_the_page_says_it_was_not_screened(
    client, alice, photo_project
):
    text = "Wir geben dem Museum die exklusiven Rechte an allen Fotos."
    response = login(client, alice).post(
        url("commitment_create", photo_project),
        {"side": "ours", "text": text, "status": "open"},
        follow=True,
    )
    assert Commitment.objects.get().text == text
    assert "Not screened: the text is not in English" in response.content.decode()


def test_too_long_a_text_is_refused_on_the_form_with_the_input_kept(client, alice, photo_project):
    text = "We help. " * 700
    response = login(client, alice).post(
        url("commitment_create", photo_project),
        {"side": "ours", "text": text, "status": "open", "effort_hours": "2"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="commitment_text"' in page and "at most 5000 characters" in page
    assert "We help. We help." in page
    assert not Commitment.objects.exists()


def test_an_owner_of_another_workspace_cannot_be_posted(client, alice, photo_project, lucia, bob):
    response = login(client, alice).post(
        url("commitment_create", photo_project),
        {"side": "ours", "text": SAFE, "status": "open", "owner_contact": lucia.pk,
         "owner_user": bob.pk},
    )  # fmt: skip
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Commitment.objects.exists()


def test_over_capacity_warns_but_records(client, alice, photo_project, north):
    set_capacity(north, 10)
    response = login(client, alice).post(
        url("commitment_create", photo_project),
        {"side": "ours", "text": SAFE, "status": "open", "effort_hours": "25"},
        follow=True,
    )
    assert Commitment.objects.count() == 1
    assert "Over capacity" in response.content.decode()


def test_without_capacity_the_page_says_where_to_record_it(client, alice, photo_project):
    page = login(client, alice).get(url("commitments", photo_project)).content.decode()
    assert "No capacity recorded" in page
    assert reverse("groundwork:capacity", kwargs={"workspace_slug": "north"}) in page


def test_editing_rescreens(client, alice, flagged):
    response = login(client, alice).post(
        url("commitment_edit", flagged.partnership, commitment_pk=flagged.pk),
        {"side": "ours", "text": SAFE, "status": "open", "version": 1},
    )
    assert response.status_code == 302
    flagged.refresh_from_db()
    assert flagged.text == SAFE and not flagged.flagged


def test_a_stale_edit_shows_the_conflict(client, alice, carol, flagged):
    services.commitment_update(commitment=flagged, by=carol, version=1, status="done")
    response = login(client, alice).post(
        url("commitment_edit", flagged.partnership, commitment_pk=flagged.pk),
        {"side": "ours", "text": SAFE, "status": "open", "version": 1},
    )
    assert "Someone else saved this record" in response.content.decode()
    flagged.refresh_from_db()
    assert flagged.text == DANGEROUS


def test_keeping_a_flagged_commitment_on_purpose(client, carol, flagged):
    login(client, carol)
    keep = url("commitment_acknowledge", flagged.partnership, commitment_pk=flagged.pk)
    assert client.post(keep, {"reason": "", "version": 1}).status_code == 200
    response = client.post(keep, {"reason": "The community agreed.", "version": 1}, follow=True)
    flagged.refresh_from_db()
    assert flagged.acknowledged_reason == "The community agreed."
    assert "Kept on purpose" in response.content.decode()


def test_removing_a_commitment(client, alice, flagged):
    delete = url("commitment_delete", flagged.partnership, commitment_pk=flagged.pk)
    login(client, alice).post(delete)
    assert not Commitment.objects.exists()


def test_warning_signs_are_recorded_and_resolved(client, alice, photo_project):
    login(client, alice)
    response = client.post(
        url("warning_sign_create", photo_project), {"code": "control", "evidence": ""}
    )
    assert response.status_code == 200 and not WarningSign.objects.exists()
    client.post(
        url("warning_sign_create", photo_project),
        {"code": "control", "evidence": "They asked to approve every edit."},
    )
    sign = WarningSign.objects.get()
    page = client.get(url("commitments", photo_project)).content.decode()
    assert "They asked to approve every edit." in page and 'data-code="control"' in page
    client.post(
        url("warning_sign_resolve", photo_project, sign_pk=sign.pk),
        {"note": "They accepted the talk page route.", "version": 1},
    )
    sign.refresh_from_db()
    assert sign.resolved and sign.resolved_note == "They accepted the talk page route."


def test_the_say_no_gate_shows_what_speaks_against_and_records_the_decision(
    client, alice, flagged
):
    partnership = flagged.partnership
    services.warning_sign_create(
        partnership=partnership, by=alice, code="no_free_licence",
        evidence="Only for Wikipedia, they said.",
    )
    login(client, alice)
    page = client.get(url("say_no", partnership)).content.decode()
    assert "Only for Wikipedia, they said." in page
    assert 'data-category="exclusivity"' in page
    assert 'id="say-no-form"' in page and 'value="declined"' in page and 'value="on_hold"' in page
    response = client.post(
        url("say_no_decide", partnership),
        {"outcome": "declined", "reason": "No free licence."},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == partnership.get_absolute_url()
    assert "The decision is recorded" in response.content.decode()
    partnership.refresh_from_db()
    assert (partnership.stage, partnership.decision, partnership.decision_reason) == (
        "declined", "no_go", "No free licence."
    )


def test_the_say_no_gate_needs_a_reason(client, alice, photo_project):
    response = login(client, alice).post(
        url("say_no_decide", photo_project), {"outcome": "on_hold", "reason": ""}
    )
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    photo_project.refresh_from_db()
    assert photo_project.stage == "idea" and not StageChange.objects.exists()


def test_saying_no_again_explains_on_the_outcome(client, alice, photo_project):
    services.say_no(partnership=photo_project, by=alice, outcome="on_hold", reason="Budget.")
    response = login(client, alice).post(
        url("say_no_decide", photo_project), {"outcome": "on_hold", "reason": "Again"}
    )
    assert "already in this stage" in response.content.decode()


def test_a_viewer_reads_without_forms_and_cannot_write(client, victor, flagged):
    login(client, victor)
    partnership = flagged.partnership
    page = client.get(url("commitments", partnership)).content.decode()
    assert "Dangerous promise" in page and 'id="commitment-form"' not in page
    assert 'id="say-no-form"' not in client.get(url("say_no", partnership)).content.decode()
    for name, extra in [
        ("commitment_create", {}), ("say_no_decide", {}),
        ("commitment_edit", {"commitment_pk": flagged.pk}),
        ("commitment_acknowledge", {"commitment_pk": flagged.pk}),
    ]:  # fmt: skip
        response = client.post(url(name, partnership, **extra), {"text": SAFE, "reason": "x"})
        assert response.status_code == 403, name
    assert Commitment.objects.get().text == DANGEROUS


def test_another_workspace_gets_404_even_with_its_own_slug(client, bob, south, flagged):
    login(client, bob)
    partnership = flagged.partnership
    assert client.get(url("commitments", partnership)).status_code == 404
    south_url = reverse(
        "negotiation:commitment_edit",
        kwargs={"workspace_slug": "south", "pk": partnership.pk, "commitment_pk": flagged.pk},
    )
    assert client.post(south_url, {"text": SAFE}).status_code == 404
    assert Commitment.objects.get().text == DANGEROUS


def test_a_commitment_is_not_found_under_another_partnership(client, alice, flagged, museum):
    from partnerkit.partnerships.services import partnership_create

    other = partnership_create(workspace=museum.workspace, partner=museum, by=alice, title="Other")
    response = login(client, alice).get(url("commitment_edit", other, commitment_pk=flagged.pk))
    assert response.status_code == 404


def test_the_card_on_the_partnership_page(client, alice, flagged, photo_project):
    services.commitment_create(partnership=photo_project, by=alice, text=SAFE)
    services.warning_sign_create(
        partnership=photo_project, by=alice, code="brand", evidence="Logo."
    )
    page = login(client, alice).get(photo_project.get_absolute_url()).content.decode()
    card = page[page.index('id="negotiation"'):]
    assert re.search(r'id="negotiation-open">2<', card)
    assert re.search(
        r'id="negotiation-flagged">1 <span class="badge badge--danger">1 needs a decision', card
    )
    assert re.search(r'id="negotiation-signs">1 ', card)
    assert url("say_no", photo_project) in card and url("commitments", photo_project) in card


def test_the_capacity_page(client, alice, north, photo_project):
    set_capacity(north, 12)
    services.commitment_create(partnership=photo_project, by=alice, text=SAFE, effort_hours=30)
    page = login(client, alice).get(
        reverse("negotiation:capacity", kwargs={"workspace_slug": "north"})
    ).content.decode()
    assert "Over capacity" in page and "How this is worked out" in page
