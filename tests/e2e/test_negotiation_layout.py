"""The pitch, contact map, meeting and negotiation pages fit a 360 px phone, left to right
and right to left."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from partnerkit.meetings import services as meeting_services
from partnerkit.negotiation import services as negotiation_services
from partnerkit.partnerships import services as partnership_services
from partnerkit.pitch import services as pitch_services
from tests.e2e.test_layout import PHONE, overflow

pytestmark = pytest.mark.e2e

PAGES = [
    ("pitch:detail", "partnership"),
    ("pitch:contacts", "partnership"),
    ("negotiation:commitments", "partnership"),
    ("negotiation:say_no", "partnership"),
    ("meetings:list", None),
    ("meetings:detail", "meeting"),
    ("meetings:notes", "meeting"),
    ("meetings:brief", "meeting"),
]


@pytest.fixture
def records(alice, museum):
    partnership = partnership_services.partnership_create(
        workspace=museum.workspace, partner=museum, by=alice, title="Everyday life photographs",
        goal_types=["content_acquisition"],
    )
    pitch_services.pitch_update(
        partnership=partnership, by=alice, version=None,
        summary="A long one-minute summary with a Wikidata item, an edit-a-thon and CC BY-SA "
        "mentioned, so the jargon list has something to show on a narrow screen.",
    )
    pitch_services.partner_text_create(
        partner=museum, by=alice, title="Mission", kind="mission",
        text="The museum collects the cultural history of everyday life in the Nordic countries.",
    )
    meeting = meeting_services.meeting_create(
        partnership=partnership, by=alice, title="First meeting with the photo archive",
        starts_at=timezone.now() + dt.timedelta(days=3), minutes=60,
    )
    negotiation_services.commitment_create(
        partnership=partnership, by=alice, meeting=meeting,
        text="We promise that no other museum in Sweden will get our help.",
    )
    return {"partnership": partnership, "meeting": meeting}


def address(name, target, records):
    kwargs = {"workspace_slug": records["partnership"].workspace.slug}
    if target:
        kwargs["pk"] = records[target].pk
    return reverse(name, kwargs=kwargs)


@pytest.mark.parametrize("locale", ["en", "ar"])
@pytest.mark.parametrize(("name", "target"), PAGES)
def test_page_fits_a_360_px_phone(new_page, alice, records, name, target, locale):
    page = new_page(user=alice, viewport=PHONE, locale=locale)
    page.goto(address(name, target, records))
    expect(page.locator("html")).to_have_attribute("dir", "rtl" if locale == "ar" else "ltr")
    expect(page.locator("h1")).to_be_visible()
    assert overflow(page) <= 1, name
