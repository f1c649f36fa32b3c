"""The pipeline in a browser: a blocked move explained and put right, a decline with its
reason, a drag-and-drop move, and the board on a small phone."""

import re

import pytest
from playwright.sync_api import expect

from partnerkit import demo
from partnerkit.partnerships import services
from partnerkit.partnerships.models import Partnership, StageChange

pytestmark = pytest.mark.e2e

PHONE = {"width": 360, "height": 740}


def move_with_the_keyboard(page, card, stage, reason=""):
    """Open the card's move control, choose the stage and submit, all from the keyboard."""
    card.locator("summary").focus()
    page.keyboard.press("Enter")
    card.get_by_label("Move to").focus()
    card.get_by_label("Move to").select_option(label=stage)
    if reason:
        card.get_by_label("Reason").fill(reason)
    card.get_by_role("button", name="Move", exact=True).focus()
    page.keyboard.press("Enter")


def test_a_coordinator_puts_a_blocked_move_right_then_declines_another(page):
    demo.load_demo()

    page.goto("/")
    page.get_by_label("Username").fill(demo.USERNAME)
    page.get_by_label("Password").fill(demo.PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Partnerships").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Partnerships")

    # Filter the board: only content acquisition.
    page.get_by_label("Goal type", exact=True).select_option(label="Content acquisition")
    expect(page).to_have_url(re.compile(r"goal_type=content_acquisition"))
    heritage = page.get_by_role("article", name=demo.HERITAGE_REGISTER)
    expect(heritage).to_be_visible()
    expect(page.get_by_role("article", name=demo.LECTURE_SERIES)).to_have_count(0)

    # First contact without a contact point: refused, with the reason in place.
    move_with_the_keyboard(page, heritage, "In contact")
    alert = heritage.get_by_role("alert")
    expect(alert).to_contain_text("Cannot move to “In contact” yet.")
    expect(alert).to_contain_text("A contact point at the partner")
    expect(alert).to_be_focused()
    expect(page.get_by_role("region", name="Preparing")).to_contain_text(demo.HERITAGE_REGISTER)

    # Put it right on the partner's page: mark a contact as the contact point.
    alert.get_by_role("link", name=re.compile("Mark a contact point")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("City of Gothenburg")
    page.get_by_role("link", name="Edit Sofia Lindqvist").click()
    page.get_by_label("Contact point").check()
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_role("region", name="Contacts")).to_contain_text("contact point")

    # Back on the board, the same move goes through.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Partnerships").click()
    heritage = page.get_by_role("article", name=demo.HERITAGE_REGISTER)
    move_with_the_keyboard(page, heritage, "In contact")
    expect(page.get_by_role("status")).to_contain_text(
        f"“{demo.HERITAGE_REGISTER}” moved to In contact."
    )
    in_contact = page.get_by_role("region", name="In contact")
    expect(in_contact).to_contain_text(demo.HERITAGE_REGISTER)
    expect(in_contact.get_by_role("link", name=demo.HERITAGE_REGISTER)).to_be_focused()

    # Decline the lecture series: first without a reason, then with one.
    lectures = page.get_by_role("article", name=demo.LECTURE_SERIES)
    move_with_the_keyboard(page, lectures, "Declined")
    expect(lectures.get_by_role("alert")).to_contain_text("A reason")
    reason = "London is too far for our volunteers this year."
    lectures.get_by_label("Reason", exact=True).fill(reason)
    lectures.get_by_role("button", name="Move", exact=True).click()
    declined = page.get_by_role("region", name="Declined")
    expect(declined).to_contain_text(demo.LECTURE_SERIES)

    declined.get_by_role("link", name=demo.LECTURE_SERIES).click()
    changes = page.get_by_role("region", name="Stage changes")
    expect(changes).to_contain_text("Shortlisted → Declined")
    expect(changes).to_contain_text(reason)


@pytest.fixture
def photo_drive(museum, alice):
    return services.partnership_create(
        workspace=museum.workspace, partner=museum, by=alice, title="Photo drive",
        goal_types=["content_acquisition"], effort_hours=6,
    )


def test_a_card_dragged_to_another_column_moves_there(new_page, alice, photo_drive):
    page = new_page(user=alice)
    page.goto("/w/north/partnerships/")
    card = page.get_by_role("article", name="Photo drive")
    researching = page.get_by_role("region", name="Researching")
    card.drag_to(researching)

    expect(researching).to_contain_text("Photo drive")
    expect(researching).to_contain_text("6 h/month estimated")
    expect(page.get_by_role("region", name="Idea")).not_to_contain_text("Photo drive")
    assert Partnership.objects.get(pk=photo_drive.pk).stage == "researching"
    assert StageChange.objects.get(partnership=photo_drive).by == alice


def test_a_card_dragged_to_declined_asks_for_the_reason_first(new_page, alice, photo_drive):
    # Wide enough for every column, so the drag does not have to scroll the board.
    page = new_page(user=alice, viewport={"width": 3600, "height": 900})
    page.goto("/w/north/partnerships/")
    card = page.get_by_role("article", name="Photo drive")
    card.drag_to(page.get_by_role("region", name="Declined"))

    reason = card.get_by_label("Reason", exact=True)
    expect(reason).to_be_focused()
    expect(card.get_by_label("Move to")).to_have_value("declined")
    reason.fill("They closed the photo studio.")
    page.keyboard.press("Enter")
    expect(page.get_by_role("region", name="Declined")).to_contain_text("Photo drive")


def overflow(page) -> int:
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


@pytest.mark.parametrize("locale", ["en", "ar"])
@pytest.mark.parametrize("path", ["", "list/", "{pk}/", "{pk}/edit/"])
def test_pipeline_pages_fit_a_360_px_phone_in_both_directions(
    new_page, alice, photo_drive, locale, path
):
    page = new_page(user=alice, viewport=PHONE, locale=locale)
    page.goto("/w/north/partnerships/" + path.format(pk=photo_drive.pk))
    expect(page.get_by_role("main")).to_contain_text("Photo drive")
    assert overflow(page) <= 1
