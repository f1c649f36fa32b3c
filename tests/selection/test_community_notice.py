"""The community notice: a wikitext draft of the selected partnerships with public information
only, edited before saving, then a record of where it was posted and what people said."""

import datetime

from django.urls import reverse

from partnerkit.groundwork.models import CommunityNotice
from partnerkit.partners.services import contact_create
from partnerkit.partnerships.models import Partnership
from partnerkit.selection import services
from partnerkit.selection.notices import notice_draft, wiki_text
from tests.conftest import login
from tests.selection.conftest import add_candidate

NEW_URL = reverse("selection:notice_create", kwargs={"workspace_slug": "north"})

PRIVATE = {
    "batna": "Walk away and scan the postcards ourselves",
    "impact_reason": "Their director owes us a favour",
    "likelihood_reason": "Budget freeze rumoured",
    "ease_reason": "Ingrid answers within a day",
    "benefit_reason": "Secret sponsorship deal",
    "risk_reason": "Their lawyer is difficult",
    "effort_reason": "Two volunteers at most",
    "decision_reason": "Cheapest option on the table",
}


def selected_partnership(north, museum):
    partnership = add_candidate(
        north, "Photo donation", partner=museum, stage="shortlisted", goal_types=["content_acquisition"],
        impact=5, likelihood=4, ease=3, benefit=4, risk=2, effort_hours=17, licence="cc_by_sa_4",
        decision="go", sketch="Internal sketch: we would push hard on the licence.", **PRIVATE,
    )
    contact_create(partner=museum, by=None, name="Sven Secretson", email="sven@example.org")
    return partnership


def test_the_draft_lists_public_information_only(north, museum):
    partnership = selected_partnership(north, museum)
    text = notice_draft(workspace=north, partnerships=[partnership])
    assert "'''Photo donation'''" in text
    assert "[[d:Q1439564|Nordic Museum]]" in text
    assert "Museum, Stockholm" in text
    assert "Content acquisition" in text
    assert "CC BY-SA 4.0" in text
    assert "Museum of Swedish cultural history." in text  # the partner's public description
    private_values = [
        *PRIVATE.values(),
        museum.private_notes,
        "Ingrid Larsson", "ingrid@example.org", "Sven Secretson", "sven@example.org",
        partnership.sketch,
    ]
    for value in private_values:
        assert value not in text, value
    for name in Partnership.PRIVATE_FIELDS:
        value = getattr(partnership, name)
        if isinstance(value, str) and value:
            assert value not in text, name
    assert "17" not in text  # the effort estimate


def test_wiki_markup_in_names_is_escaped():
    assert wiki_text("[[Evil]] {{delete}} | ~~~~ ''bold'' __NOTOC__") == (
        "&#91;&#91;Evil&#93;&#93; &#123;&#123;delete&#125;&#125; &#124; "
        "&#126;&#126;&#126;&#126; &#39;&#39;bold&#39;&#39; &#95;&#95;NOTOC&#95;&#95;"
    )


def test_the_new_notice_page_prefills_the_draft_and_saves_the_edited_text(client, carol, north, museum):
    partnership = selected_partnership(north, museum)
    add_candidate(north, "Not selected yet", impact=3)
    html = login(client, carol).get(NEW_URL).content.decode()
    assert "Photo donation" in html and "Not selected yet" not in html
    assert PRIVATE["batna"] not in html
    response = client.post(
        NEW_URL, {"partnerships": [partnership.pk], "wikitext": "== Our plans ==\nEdited."}
    )
    assert response.status_code == 302
    notice = CommunityNotice.objects.get()
    assert notice.wikitext == "== Our plans ==\nEdited."
    assert list(notice.partnerships.all()) == [partnership]
    assert notice.created_by == carol


def test_the_draft_can_be_rewritten_for_the_ticked_partnerships(client, carol, north, museum):
    partnership = selected_partnership(north, museum)
    response = login(client, carol).post(
        NEW_URL, {"partnerships": [partnership.pk], "wikitext": "old", "draft": "1"}
    )
    assert response.status_code == 200
    assert "[[d:Q1439564|Nordic Museum]]" in response.content.decode()
    assert not CommunityNotice.objects.exists()


def test_only_selected_partnerships_of_the_workspace_can_be_listed(client, carol, north, museum,
                                                                  southern_library):
    selected_partnership(north, museum)
    other = add_candidate(north, "Not selected", impact=3)
    response = login(client, carol).post(NEW_URL, {"partnerships": [other.pk], "wikitext": "x"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not CommunityNotice.objects.exists()


def test_where_it_was_posted_and_the_feedback_are_recorded(client, alice, north, museum):
    partnership = selected_partnership(north, museum)
    notice = services.community_notice_create(
        workspace=north, by=alice, partnerships=[partnership], wikitext="* Photo donation"
    )
    url = reverse("selection:notice_edit", kwargs={"workspace_slug": "north", "pk": notice.pk})
    response = login(client, alice).post(url, {
        "wikitext": "* Photo donation",
        "posted_url": "https://sv.wikipedia.org/wiki/Wikipedia:Bybrunnen#Photo_donation",
        "posted_on": "2026-03-02",
        "feedback": "Three offers of help; one concern about image quality.",
    })
    assert response.status_code == 302
    notice.refresh_from_db()
    assert notice.posted_on == datetime.date(2026, 3, 2)
    assert notice.posted_url.startswith("https://sv.wikipedia.org/")
    assert "offers of help" in notice.feedback
    detail = client.get(response.url).content.decode()
    assert "Three offers of help" in detail


def test_the_service_refuses_a_partnership_that_is_not_selected(alice, north):
    idea = add_candidate(north, "Idea", impact=2)
    try:
        services.community_notice_create(workspace=north, by=alice, partnerships=[idea],
                                         wikitext="x")
    except Exception as error:  # noqa: BLE001 — the exact type is what is checked
        assert type(error).__name__ == "ValidationError"
        assert "partnerships" in error.message_dict
    else:
        raise AssertionError("accepted")
    assert not CommunityNotice.objects.exists()


def test_viewers_read_notices_but_cannot_write(client, alice, victor, north, museum):
    partnership = selected_partnership(north, museum)
    notice = services.community_notice_create(
        workspace=north, by=alice, partnerships=[partnership], wikitext="* Photo donation"
    )
    login(client, victor)
    detail = reverse("selection:notice", kwargs={"workspace_slug": "north", "pk": notice.pk})
    assert client.get(detail).status_code == 200
    edit = reverse("selection:notice_edit", kwargs={"workspace_slug": "north", "pk": notice.pk})
    assert client.post(edit, {"wikitext": "hacked"}).status_code == 403
    assert client.post(NEW_URL, {"partnerships": [partnership.pk], "wikitext": "x"}).status_code == 403


def test_another_workspaces_notice_is_not_found(client, bob, south, alice, north, museum):
    partnership = selected_partnership(north, museum)
    notice = services.community_notice_create(
        workspace=north, by=alice, partnerships=[partnership], wikitext="* Photo donation"
    )
    login(client, bob)
    url = reverse("selection:notice", kwargs={"workspace_slug": "south", "pk": notice.pk})
    assert client.get(url).status_code == 404
