"""Moving partnerships between stages from the board and the partnership page: the method's
conditions are checked, a blocked move says in place what is missing, and only coordinators
and admins may set the conditions aside."""

import pytest
from django.urls import reverse

from partnerkit.accounts.services import user_create
from partnerkit.partners import services as partner_services
from partnerkit.partnerships import services
from partnerkit.partnerships.models import Partnership, StageChange
from partnerkit.workspaces.models import Role
from partnerkit.workspaces.services import membership_add
from tests.conftest import PASSWORD, login
from tests.pitch.helpers import answer_pitch

BOARD = "/w/north/partnerships/"
HTMX_CARD = {"HTTP_HX_REQUEST": "true"}


def move_url(partnership):
    return reverse("partnerships:move", kwargs={"workspace_slug": "north", "pk": partnership.pk})


def htmx_card(partnership):
    return {**HTMX_CARD, "HTTP_HX_TARGET": f"card-{partnership.pk}"}


@pytest.fixture
def town_hall(north, alice):
    """A partner whose only contact is not (yet) the contact point."""
    partner = partner_services.partner_create(
        workspace=north, by=alice, name="Town Hall", kind="local_government", country="SE"
    )
    partner_services.contact_create(partner=partner, by=alice, name="Olof Berg")
    return partner


@pytest.fixture
def heritage(town_hall, alice):
    """Selected and prepared: ready for a first contact, except for the contact point."""
    partnership = services.partnership_create(
        workspace=town_hall.workspace, partner=town_hall, by=alice,
        title="Heritage register on Wikidata", goal_types=["content_acquisition"],
        impact=4, likelihood=3, ease=3, benefit=4, risk=2, effort_hours=10, decision="go",
        decision_reason="Fits our Wikidata plan.",
    )
    services.partnership_move(partnership=partnership, to_stage="preparing", by=alice)
    return partnership


@pytest.fixture
def dora(north):
    """A coordinator of "north"."""
    user = user_create(username="dora", email="dora@example.org", password=PASSWORD)
    membership_add(workspace=north, user=user, role=Role.COORDINATOR)
    return user


def test_an_allowed_move_from_a_card_answers_with_the_updated_board(
    client, carol, heritage, town_hall
):
    contact = town_hall.contacts.get()
    partner_services.contact_update(
        contact=contact, by=carol, version=contact.version, is_contact_point=True
    )
    answer_pitch(heritage, carol)
    response = login(client, carol).post(
        move_url(heritage),
        {"to": "in_contact", "next": f"{BOARD}?q=heritage"},
        **htmx_card(heritage),
    )
    assert response.status_code == 200
    assert response["HX-Retarget"] == "#board-columns" and response["HX-Reswap"] == "outerHTML"
    html = response.content.decode()
    column = html[html.index('data-stage="in_contact"'):]
    column = column[: column.index("</section>")]
    assert "Heritage register on Wikidata" in column and "data-autofocus" in column
    assert "“Heritage register on Wikidata” moved to In contact." in html
    # The filters of the board the move came from are kept.
    assert f'value="{BOARD}?q=heritage"' in html
    heritage.refresh_from_db()
    assert heritage.stage == "in_contact"
    change = StageChange.objects.get(partnership=heritage, to_stage="in_contact")
    assert change.by == carol and change.from_stage == "preparing" and not change.was_override


def test_a_blocked_move_explains_in_place_with_links_to_put_it_right(
    client, carol, heritage, town_hall
):
    response = login(client, carol).post(
        move_url(heritage), {"to": "in_contact", "next": BOARD}, **htmx_card(heritage)
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith(
        f'<article class="board-card board-card--blocked" id="card-{heritage.pk}"'
    )
    assert 'role="alert"' in html
    assert "Cannot move to “In contact” yet." in html
    assert "A contact point at the partner: mark one of its contacts as the contact point." in html
    assert f'href="/w/north/partners/{town_hall.pk}/#contacts-heading"' in html
    assert '<option value="in_contact" selected>' in html  # the attempt is kept
    assert "Override and move" not in html  # carol is a member: no override
    heritage.refresh_from_db()
    assert heritage.stage == "preparing"
    assert not StageChange.objects.filter(partnership=heritage, to_stage="in_contact").exists()


def test_without_htmx_a_blocked_move_goes_back_to_the_board_with_the_reasons(
    client, carol, heritage
):
    login(client, carol)
    response = client.post(move_url(heritage), {"to": "in_contact", "next": f"{BOARD}?q=x"})
    assert response.status_code == 302 and response.url == f"{BOARD}?q=x"
    html = client.get(response.url).content.decode()
    assert "Cannot move to “In contact” yet." in html
    assert "A contact point at the partner" in html


def test_without_htmx_an_allowed_move_goes_back_with_a_message(client, carol, heritage):
    login(client, carol)
    response = client.post(
        move_url(heritage), {"to": "researching", "next": "https://evil.example/"}
    )
    assert response.status_code == 302 and response.url == BOARD  # only our own pages
    assert "moved to Researching" in client.get(BOARD).content.decode()


@pytest.mark.parametrize("who", ["alice", "dora"])
def test_admins_and_coordinators_may_override_and_the_override_is_recorded(
    client, request, who, heritage
):
    user = request.getfixturevalue(who)
    answer_pitch(heritage, user)
    login(client, user)
    blocked = client.post(
        move_url(heritage), {"to": "in_contact", "next": BOARD}, **htmx_card(heritage)
    ).content.decode()
    assert "Override and move" in blocked and 'name="override_reason"' in blocked
    response = client.post(
        move_url(heritage),
        {"to": "in_contact", "next": BOARD, "override_reason": "We met them at a conference."},
        **htmx_card(heritage),
    )
    assert response["HX-Retarget"] == "#board-columns"
    change = StageChange.objects.get(partnership=heritage, to_stage="in_contact")
    assert change.by == user and change.override_reason == "We met them at a conference."
    assert change.overridden == [
        "A contact point at the partner: mark one of its contacts as the contact point."
    ]


def test_a_member_may_not_override(client, carol, heritage):
    response = login(client, carol).post(
        move_url(heritage),
        {"to": "in_contact", "next": BOARD, "override_reason": "I say so."},
        **htmx_card(heritage),
    )
    assert response.status_code == 403
    heritage.refresh_from_db()
    assert heritage.stage == "preparing"


def test_declining_needs_a_reason(client, carol, heritage):
    login(client, carol)
    html = client.post(
        move_url(heritage), {"to": "declined", "next": BOARD}, **htmx_card(heritage)
    ).content.decode()
    assert "A reason: why the answer is no, or why it waits." in html
    assert f'href="#move-reason-{heritage.pk}"' in html
    client.post(
        move_url(heritage),
        {"to": "declined", "reason": "They chose another provider.", "next": BOARD},
        **htmx_card(heritage),
    )
    heritage.refresh_from_db()
    assert heritage.stage == "declined"
    assert heritage.stage_changes.first().reason == "They chose another provider."


def test_an_unknown_stage_is_refused_in_place(client, carol, heritage):
    html = login(client, carol).post(
        move_url(heritage), {"to": "heaven", "next": BOARD}, **htmx_card(heritage)
    ).content.decode()
    assert 'role="alert"' in html and "heaven" in html


def test_a_viewer_can_neither_move_nor_edit(client, victor, heritage):
    login(client, victor)
    assert client.post(move_url(heritage), {"to": "researching"}).status_code == 403
    edit = reverse("partnerships:edit", kwargs={"workspace_slug": "north", "pk": heritage.pk})
    assert client.get(edit).status_code == 403
    assert client.post(edit, {"title": "Mine now"}).status_code == 403
    heritage.refresh_from_db()
    assert heritage.stage == "preparing" and heritage.title == "Heritage register on Wikidata"


def test_another_workspace_cannot_move_it(client, bob, south, heritage):
    response = login(client, bob).post(move_url(heritage), {"to": "researching"})
    assert response.status_code == 404
    south_url = reverse("partnerships:move", kwargs={"workspace_slug": "south", "pk": heritage.pk})
    assert client.post(south_url, {"to": "researching"}).status_code == 404


def test_the_partnership_page_mover_explains_in_place_and_reloads_after_a_move(
    client, alice, heritage
):
    login(client, alice)
    detail = heritage.get_absolute_url()
    page = client.get(detail).content.decode()
    # Coordinators can override from the page even without scripts.
    assert 'id="stage-mover"' in page and "Override the method's conditions" in page
    page_target = {**HTMX_CARD, "HTTP_HX_TARGET": "stage-mover"}
    html = client.post(
        move_url(heritage), {"to": "in_contact", "next": detail}, **page_target
    ).content.decode()
    assert html.lstrip().startswith('<section class="card" id="stage-mover"')
    assert "A contact point at the partner" in html and "Override and move" in html
    response = client.post(
        move_url(heritage), {"to": "on_hold", "reason": "Elections first."}, **page_target
    )
    assert response.status_code == 200 and response["HX-Redirect"] == detail
    assert "moved to On hold" in client.get(detail).content.decode()
    assert Partnership.objects.get(pk=heritage.pk).stage == "on_hold"


def test_a_member_does_not_see_the_override_on_the_partnership_page(client, carol, heritage):
    page = login(client, carol).get(heritage.get_absolute_url()).content.decode()
    assert "Move to" in page and "Override the method's conditions" not in page
