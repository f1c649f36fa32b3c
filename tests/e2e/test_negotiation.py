"""From a researched partner to negotiation, in Chromium: build the pitch and answer its
readiness questions, get in touch, plan a 60-minute first meeting with its agenda and brief,
record the notes with a commitment that the screening flags as a dangerous promise, and move
the partnership to "negotiating"."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from partnerkit.partnerships import services as partnership_services
from partnerkit.partnerships.models import Partnership
from partnerkit.research import services as research_services
from partnerkit.research.models import PartnerFacts
from tests.research.conftest import nordic_items  # noqa: F401  (the fake server's items)

pytestmark = pytest.mark.e2e

MISSION = (
    "The Nordic Museum collects and shares the cultural history of everyday life in the "
    "Nordic countries. Our collections of clothing, furniture and photographs help people "
    "understand how ordinary life has changed, and our digital collections open the archive "
    "to everyone."
)
ANSWERS = {
    "#id_benefits_partner-benefits_partner": "Its photographs seen in articles read every day.",
    "#id_benefits_wikimedia-benefits_wikimedia": "Pictures of everyday life for articles.",
    "#id_assets-assets_ours": "Volunteers who upload and categorise.",
    "#id_assets-assets_theirs": "A digitised photo archive.",
    "#id_competencies-competencies": "Two volunteers did archive uploads before.",
    "#id_decisions-decision_making": "Batches agreed by e-mail; disputes in a call.",
    "#id_roles-roles": "They choose photographs; we upload and report.",
    "#id_community-community_involvement": "A project page open to every volunteer.",
}
DANGEROUS = "We promised that no other museum in Sweden will get our help with photographs."


@pytest.fixture
def researched(museum, alice, north, nordic_items):  # noqa: F811
    """The museum's facts fetched from (the fake) Wikidata, and a partnership selected and
    being prepared, with its BATNA written."""
    research_services.enrichment_start(workspace=north, by=alice, partners=[museum])
    assert PartnerFacts.objects.filter(partner=museum).exists()
    museum.mission = MISSION
    museum.save(update_fields=["mission"])
    partnership = partnership_services.partnership_create(
        workspace=north, partner=museum, by=alice, title="Everyday life photographs",
        goal_types=["content_acquisition"], impact=4, likelihood=4, ease=3, benefit=4, risk=2,
        effort_hours=6, decision="go", decision_reason="A clear first batch.",
        batna="Upload their public domain photographs ourselves.",
    )
    for stage in ("researching", "shortlisted", "preparing"):
        partnership_services.partnership_move(partnership=partnership, to_stage=stage, by=alice)
    return partnership


def move(page, stage):
    mover = page.locator("#stage-mover")
    mover.get_by_label("Move to").select_option(label=stage)
    mover.get_by_role("button", name="Move", exact=True).click()


def test_from_research_to_negotiating(new_page, alice, researched, live_server):
    page = new_page(user=alice)
    page.goto(f"/w/north/partners/{researched.partner_id}/")
    page.get_by_role("link", name="Everyday life photographs").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Everyday life photographs")

    # Not ready for a first contact: the pitch's questions are open.
    move(page, "In contact")
    expect(page.locator("#stage-mover").get_by_role("alert")).to_contain_text(
        "pitch readiness questions"
    )

    # Build the pitch.
    page.locator("#pitch").get_by_role("link", name="Open the pitch").click()
    page.fill("#id_goals-shared_goals", "Everyday life in the Nordic countries, illustrated.")
    page.get_by_role("button", name="Save shared goals").click()
    for selector, text in ANSWERS.items():
        page.fill(selector, text)
        page.locator(selector).locator("xpath=ancestor::form").get_by_role(
            "button", name="Save answer"
        ).click()
        expect(page.locator(selector)).to_have_value(text)
    page.select_option("#id_owners-owner", label="alice")
    ingrid = page.locator("#id_owners-partner_owner option", has_text="Ingrid Larsson")
    page.select_option("#id_owners-partner_owner", value=ingrid.get_attribute("value"))
    page.locator("#answer-owners").get_by_role("button", name="Save answer").click()
    page.select_option("#id_licence-licence", value="cc_by_sa_4")
    page.locator("#answer-licence").get_by_role("button", name="Save answer").click()
    expect(page.locator("#readiness-count")).to_contain_text("9 of 9 answered")

    # A summary too long to say in a minute is flagged as it is typed, then shortened.
    page.fill("#id_summary-summary", "Your photographs of everyday life belong in the "
              "articles people read. " * 20)
    expect(page.locator("#summary-timing")).to_contain_text("Too long")
    short = ("Your photographs of everyday life belong in the articles people read; we "
             "upload them with your name on every file and show you where they are used.")
    page.fill("#id_summary-summary", short)
    expect(page.locator("#summary-timing")).not_to_contain_text("Too long")
    page.get_by_role("button", name="Save summary").click()

    page.locator("#argument-presence").get_by_role("button", name="Pick").click()
    expect(page.locator("#argument-presence").get_by_role("button", name="Unpick")).to_be_visible()
    page.get_by_role("button", name="Add the content-gap figures").click()
    expect(page.locator("#materials")).to_contain_text("Wikipedia")

    # The partner's own words, from its mission statement.
    expect(page.locator("#vocabulary")).to_contain_text("everyday life")

    # Now the first contact goes through.
    page.get_by_role("link", name="Everyday life photographs").first.click()
    move(page, "In contact")
    expect(page.get_by_role("status")).to_contain_text("moved to In contact")

    # Plan a 60-minute first meeting.
    page.locator("#plan-meeting").click()
    start = (timezone.localtime() + timedelta(days=7)).replace(hour=10, minute=0)
    page.fill("#id_starts_at", start.strftime("%Y-%m-%dT%H:%M"))
    page.fill("#id_minutes", "60")
    page.locator("#meeting-submit").click()
    agenda = page.locator("#agenda-table")
    expect(agenda.locator("tbody tr")).to_have_count(6)
    expect(agenda).to_contain_text("Introductions")
    expect(agenda).to_contain_text("1:00")
    expect(page.locator("#primer")).to_contain_text("Commons")

    # The brief, as a page and as a one-page PDF.
    brief_url = page.locator("#brief-link").get_attribute("href")
    pdf = page.request.get(page.locator("#brief-pdf-link").get_attribute("href"))
    assert pdf.status == 200 and pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")
    page.goto(brief_url)
    expect(page.get_by_role("heading", level=1)).to_contain_text("First meeting")
    expect(page.locator("body")).to_contain_text("Upload their public domain photographs")
    page.go_back()

    # The meeting's notes, with a commitment that is a dangerous promise.
    page.locator("#notes-link").click()
    page.fill("#id_liked", "The idea of seeing their photographs in articles.")
    page.fill("#id_concerns", "Whether photographs can be used commercially.")
    page.locator("#notes-submit").click()
    expect(page.locator("#id_liked")).to_have_value(
        "The idea of seeing their photographs in articles."
    )
    page.fill("#commitment_text", DANGEROUS)
    page.locator("#add-commitment").click()
    flagged = page.locator('li[data-flagged="true"]')
    expect(flagged).to_have_count(1)
    finding = flagged.locator('.finding[data-category="exclusivity"]')
    expect(finding).to_contain_text("Dangerous promise")
    expect(finding.locator("mark")).to_contain_text("no other museum")
    expect(finding.locator(".finding__alternative")).to_contain_text("Safer alternative")

    # And on to negotiating.
    page.goto(researched.get_absolute_url())
    move(page, "Negotiating")
    expect(page.get_by_role("status")).to_contain_text("moved to Negotiating")
    expect(page.locator("#negotiation-flagged")).to_contain_text("1")
    assert Partnership.objects.get(pk=researched.pk).stage == "negotiating"
