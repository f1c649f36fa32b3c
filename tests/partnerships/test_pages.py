"""The board, the list, the partnership page and its forms, as members use them."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from partnerkit.partners import services as partner_services
from partnerkit.partnerships import services
from partnerkit.partnerships.models import Partnership
from tests.conftest import login


def url(name, **kwargs):
    return reverse(f"partnerships:{name}", kwargs={"workspace_slug": "north", **kwargs})


@pytest.fixture
def partnership(museum, alice):
    return services.partnership_create(
        workspace=museum.workspace,
        partner=museum,
        by=alice,
        title="Photo drive in the storage rooms",
        goal_types=["content_acquisition", "outreach_recruitment"],
        owner=alice,
        impact=4,
        impact_reason="Thousands of unseen objects.",
        effort_hours=12,
        batna="Photograph the public galleries on our own.",
        next_step="Ask about the storage rooms",
        next_step_due=timezone.localdate() - datetime.timedelta(days=3),
    )


@pytest.fixture
def archive(north, alice):
    """A second partner, of another kind and without tags, with a partnership nobody owns."""
    partner = partner_services.partner_create(
        workspace=north, by=alice, name="City Archive", kind="archive", country="SE"
    )
    services.partnership_create(
        workspace=north, partner=partner, by=alice, title="Scanning old maps",
        goal_types=["access"], effort_hours=5,
    )
    return partner


def test_board_has_a_column_for_every_stage_with_count_and_effort(
    client, alice, partnership, archive
):
    html = login(client, alice).get(url("board")).content.decode()
    for label in ["Idea", "Researching", "Shortlisted", "Preparing", "In contact", "Negotiating",
                  "Agreed", "Running", "Completed", "Declined", "Dropped", "On hold"]:
        assert f">{label}</span>" in html, label
    assert "17 h/month estimated" in html  # both ideas: 12 + 5
    assert "2 partnerships" in html


def test_a_card_shows_partner_goal_types_owner_and_an_overdue_next_step(client, alice, partnership):
    html = login(client, alice).get(url("board")).content.decode()
    card = html[html.index(f'id="card-{partnership.pk}"'):]
    card = card[: card.index("</article>")]
    assert "Nordic Museum" in card and "Photo drive in the storage rooms" in card
    assert "Content acquisition" in card and "Outreach for recruitment" in card
    assert "Owner: alice" in card
    assert "due--overdue" in card and "overdue" in card
    assert 'draggable="true"' in card and "Move to" in card


@pytest.mark.parametrize(
    "query, photo, maps",
    [
        ({}, True, True),
        ({"q": "storage"}, True, False),
        ({"q": "city"}, False, True),
        ({"goal_type": "access"}, False, True),
        ({"goal_type": "content_acquisition"}, True, False),
        ({"partner_kind": "museum"}, True, False),
        ({"owner": "none"}, False, True),
        ({"tag": "GLAM"}, True, False),
    ],
)
def test_board_and_list_filters(client, alice, partnership, archive, query, photo, maps):
    login(client, alice)
    for name in ("board", "list"):
        html = client.get(url(name), query).content.decode()
        assert ("Photo drive" in html) is photo, (name, query)
        assert ("Scanning old maps" in html) is maps, (name, query)


def test_filter_by_owner_id(client, alice, partnership, archive):
    html = login(client, alice).get(url("board"), {"owner": alice.pk}).content.decode()
    assert "Photo drive" in html and "Scanning old maps" not in html


def test_an_unknown_filter_value_is_ignored_not_fatal(client, alice, partnership):
    response = login(client, alice).get(url("board"), {"goal_type": "world_domination"})
    assert response.status_code == 200 and "Photo drive" in response.content.decode()


def test_htmx_filtering_answers_with_the_columns_only(client, alice, partnership, archive):
    response = login(client, alice).get(
        url("board"), {"q": "maps"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="board-columns"
    )
    html = response.content.decode()
    assert "<html" not in html and 'id="board-columns"' in html
    assert "Scanning old maps" in html and "Photo drive" not in html
    # The move forms come back with the filtered board as the place to return to.
    assert 'name="next" value="/w/north/partnerships/?q=maps"' in html


def test_a_full_column_points_to_the_list_for_the_rest(client, alice, museum):
    Partnership.objects.bulk_create(
        Partnership(workspace=museum.workspace, partner=museum, title=f"Idea {n:02}")
        for n in range(28)
    )
    html = login(client, alice).get(url("board")).content.decode()
    assert "3 more — see the list" in html
    assert "stage=idea" in html


def test_a_viewer_sees_the_board_without_move_controls(client, victor, partnership):
    html = login(client, victor).get(url("board")).content.decode()
    assert "Photo drive" in html
    assert "Move to" not in html and 'draggable="true"' not in html
    assert "Start a partnership" not in html


def test_navigation_links_to_the_board(client, alice, north):
    html = login(client, alice).get(url("board")).content.decode()
    assert f'href="{url("board")}" aria-current="page"' in html


def test_list_sorts_and_filters_by_stage(client, alice, partnership, archive):
    login(client, alice)
    html = client.get(url("list"), {"sort": "-effort"}).content.decode()
    assert html.index("Photo drive") < html.index("Scanning old maps")
    html = client.get(url("list"), {"sort": "partner"}).content.decode()
    assert html.index("Scanning old maps") < html.index("Photo drive")
    html = client.get(url("list"), {"stage": "researching"}).content.decode()
    assert "No partnership matches these filters." in html


def test_list_is_paginated_and_htmx_gets_the_results_only(client, alice, museum):
    Partnership.objects.bulk_create(
        Partnership(workspace=museum.workspace, partner=museum, title=f"Idea {n:02}")
        for n in range(60)
    )
    login(client, alice)
    html = client.get(url("list"), {"page": 2, "q": "idea"}).content.decode()
    assert "Page 2 of 2" in html and "Idea 59" in html and "Idea 00" not in html
    assert "q=idea&amp;page=1" in html
    response = client.get(
        url("list"), {"q": "Idea 07"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="partnership-results"
    )
    html = response.content.decode()
    assert "<html" not in html and "Idea 07" in html and 'hx-swap-oob="true"' in html


def test_partnership_page_has_its_sections_and_marks_private_parts(client, alice, partnership):
    html = login(client, alice).get(url("detail", pk=partnership.pk)).content.decode()
    for section in ["summary", "stage-mover", "sketch", "estimates", "agreement", "decision",
                    "dates", "stage-changes", "recent-changes"]:
        assert f'id="{section}"' in html, section
    assert "Thousands of unseen objects." in html
    assert "internal — never shown to the partner" in html
    assert "Photograph the public galleries on our own." in html
    assert "private — workspace members only" in html
    assert "in this stage since" in html
    assert f'href="{url("history", pk=partnership.pk)}"' in html


def test_stage_changes_show_who_why_and_the_conditions_an_override_set_aside(
    client, alice, partnership
):
    services.partnership_move(
        partnership=partnership, to_stage="shortlisted", by=alice,
        override_reason="The board asked us to look at it now.",
    )
    html = login(client, alice).get(url("detail", pk=partnership.pk)).content.decode()
    section = html[html.index('id="stage-changes"'):]
    assert "Idea → Shortlisted" in section
    assert "The board asked us to look at it now." in section
    assert "Estimates from research: likelihood, ease" in section


def test_create_from_the_partner_page_offers_its_contacts_and_members(client, carol, museum):
    login(client, carol)
    partner_page = client.get(
        reverse("partners:detail", kwargs={"workspace_slug": "north", "pk": museum.pk})
    ).content.decode()
    create_url = f"{url('create')}?partner={museum.pk}"
    assert create_url in partner_page
    html = client.get(create_url).content.decode()
    assert "Start a partnership with Nordic Museum" in html
    assert "Ingrid Larsson" in html  # the museum's contact, as owner on its side
    assert "victor" in html  # members are offered as owners on our side
    assert "Bring free content or data into the projects" in html  # goal type summaries
    contact = museum.contacts.get()
    response = client.post(
        create_url,
        {
            "partner": museum.pk,
            "title": "Wiki Loves the Storage Rooms",
            "goal_types": ["content_acquisition", "access"],
            "owner": carol.pk,
            "partner_owner": contact.pk,
            "licence": "cc_by_sa_4",
            "impact": "4",
            "impact_reason": "Unseen objects",
        },
    )
    partnership = Partnership.objects.get(title="Wiki Loves the Storage Rooms")
    assert response.status_code == 302 and response.url == partnership.get_absolute_url()
    assert partnership.stage == "idea" and partnership.owner == carol
    assert partnership.partner_owner == contact and partnership.impact == 4
    assert {goal.code for goal in partnership.goal_types.all()} == {"content_acquisition", "access"}
    partner_page = client.get(museum.get_absolute_url()).content.decode()
    assert "Wiki Loves the Storage Rooms" in partner_page and "Idea" in partner_page


def test_create_refuses_outsiders_as_owners_and_other_partners_contacts(
    client, carol, bob, museum, archive, southern_library
):
    login(client, carol)
    response = client.post(
        url("create"),
        {"partner": archive.pk, "title": "X", "owner": bob.pk, "licence": "undecided",
         "partner_owner": museum.contacts.get().pk},
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "owner" in errors and "partner_owner" in errors
    response = client.post(
        url("create"), {"partner": southern_library.pk, "title": "X", "licence": "undecided"}
    )
    assert "partner" in response.context["form"].errors
    assert not Partnership.objects.filter(title="X").exists()
    other = reverse("partnerships:create", kwargs={"workspace_slug": "north"})
    assert client.get(f"{other}?partner={southern_library.pk}").status_code == 404


def test_choosing_the_partner_reloads_its_contacts(client, carol, museum, archive):
    response = login(client, carol).get(
        url("create"), {"partner": museum.pk}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert 'id="partner-owner-field"' in html and "Ingrid Larsson" in html


def test_edit_saves_and_a_stale_edit_shows_the_conflict(client, alice, carol, partnership):
    login(client, carol)
    form = client.get(url("edit", pk=partnership.pk)).content.decode()
    assert 'name="version" value="1"' in form and "checked" in form
    data = {
        "version": 1, "title": "Photo drive, storage and galleries",
        "goal_types": ["content_acquisition"], "licence": "cc0", "effort_hours": "8",
    }
    response = client.post(url("edit", pk=partnership.pk), data)
    assert response.status_code == 302
    partnership.refresh_from_db()
    assert partnership.title == "Photo drive, storage and galleries"
    assert partnership.version == 2 and partnership.effort_hours == 8
    assert [goal.code for goal in partnership.goal_types.all()] == ["content_acquisition"]

    response = client.post(url("edit", pk=partnership.pk), {**data, "title": "Stale title"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Someone else saved this record" in html and "Stale title" in html
    assert 'name="version" value="2"' in html
    partnership.refresh_from_db()
    assert partnership.title == "Photo drive, storage and galleries"


def test_history_shows_changes_and_restores_an_earlier_version(client, alice, partnership):
    services.partnership_update(
        partnership=partnership, by=alice, version=1, title="Renamed", goal_types=["advocacy"]
    )
    login(client, alice)
    html = client.get(url("history", pk=partnership.pk)).content.decode()
    assert "Renamed" in html and "Goal types" in html and "Advocacy" in html
    first = partnership.history.earliest("history_id").history_id
    response = client.post(url("restore", pk=partnership.pk, history_id=first))
    assert response.status_code == 302
    partnership.refresh_from_db()
    assert partnership.title == "Photo drive in the storage rooms"
    assert {goal.code for goal in partnership.goal_types.all()} == {
        "content_acquisition", "outreach_recruitment"
    }


def test_restoring_a_version_of_another_partnership_is_refused(client, alice, partnership, archive):
    other = Partnership.objects.get(title="Scanning old maps")
    foreign = other.history.earliest("history_id").history_id
    response = login(client, alice).post(url("restore", pk=partnership.pk, history_id=foreign))
    assert response.status_code == 302 and response.url == url("history", pk=partnership.pk)
    partnership.refresh_from_db()
    assert partnership.title == "Photo drive in the storage rooms"
