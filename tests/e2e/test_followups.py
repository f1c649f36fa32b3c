"""Follow-ups in Chromium: log a meeting from the partnership's page, see the written
proposal appear with its due date, mark it done, and — after two weeks of simulated silence
on the server's clock — see the polite ping appear in "My work"; a reply closes it."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.e2e.test_layout import PHONE, overflow
from tests.followups.conftest import Clock

pytestmark = pytest.mark.e2e


@pytest.fixture
def clock(settings):
    # Two weeks and more on the server's clock must not end the browser's session.
    settings.SESSION_COOKIE_AGE = 60 * 60 * 24 * 90
    clock = Clock()
    clock.go(0)
    yield clock
    clock.stop()


@pytest.fixture
def project(clock, north, alice, museum):
    from partnerkit.partnerships.services import partnership_create

    return partnership_create(
        workspace=north, partner=museum, by=alice, title="Everyday life photographs", owner=alice
    )


def test_meeting_proposal_silence_ping(new_page, alice, project, clock):
    page = new_page(user=alice)
    page.goto(project.get_absolute_url())
    expect(page.locator("#followups-open")).to_have_text("0")
    page.locator("#followups-link").click()

    # Log the first meeting: a few fields, one click.
    form = page.locator("#interaction-form")
    form.get_by_label("Kind").select_option(label="Meeting")
    form.get_by_label("Who reached out").select_option(label="Together")
    form.get_by_label("Summary").fill("First meeting at the museum: they liked the photo plan")
    form.get_by_role("button", name="Log it").click()
    expect(page.get_by_role("status")).to_contain_text("Logged: Meeting on March 2, 2026")
    expect(page.locator("#log")).to_contain_text("they liked the photo plan")

    proposal = page.locator("li.task[data-step='proposal']")
    expect(proposal).to_contain_text("Send the written proposal")
    expect(proposal.locator(".task__due")).to_have_text("March 4, 2026")
    expect(proposal).to_contain_text("Hard limit")
    expect(proposal).to_contain_text("March 9, 2026")

    # Two days later the proposal goes out: mark it done from "My work".
    clock.go(2)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="My work").click()
    mine = page.locator("#my-tasks")
    expect(mine.locator("li.task[data-step='proposal']")).to_contain_text("today")
    mine.locator("li.task[data-step='proposal']").get_by_role("button", name="Done").click()
    expect(page.get_by_role("status")).to_contain_text("Done: Send the written proposal.")
    expect(mine.locator("li.task")).to_have_count(0)

    # The ping waits, unseen in "My work", until two weeks of silence have passed.
    page.goto(
        reverse("followups:partnership", kwargs={"workspace_slug": "north", "pk": project.pk})
    )
    expect(page.locator("#waiting")).to_contain_text("appears on March 18, 2026")
    clock.go(10)
    page.goto(reverse("followups:my_work", kwargs={"workspace_slug": "north"}))
    expect(page.locator("#my-tasks li.task")).to_have_count(0)

    clock.go(17)
    page.reload()
    ping = page.locator("#my-tasks li.task[data-step='ping']")
    expect(ping).to_contain_text("No reply yet: ping them politely")
    expect(ping).to_contain_text("1 day late")
    expect(page.locator("#my-tasks [data-bucket='overdue']")).to_be_visible()

    # Their reply, logged on the partnership's page, closes the ping on its own.
    ping.get_by_role("link", name="Everyday life photographs").click()
    form = page.locator("#interaction-form")
    form.get_by_label("Kind").select_option(label="E-mail")
    form.get_by_label("Who reached out").select_option(label="From them")
    form.get_by_role("button", name="Log it").click()
    expect(page.locator("#closed")).to_contain_text("Closed on its own: the partner replies")
    expect(page.locator("li.task[data-step='next_meeting']")).to_contain_text(
        "Agree who schedules the next meeting"
    )


@pytest.mark.parametrize("locale", ["en", "ar"])
@pytest.mark.parametrize("name", ["my_work", "team", "partnership", "plans", "reminders"])
def test_follow_up_pages_fit_a_360_px_phone(new_page, alice, project, name, locale):
    from partnerkit.followups import services

    services.interaction_log(
        partnership=project,
        by=alice,
        kind="meeting",
        direction="both",
        summary="A long summary of the meeting " * 8,
    )
    kwargs = {"workspace_slug": "north"}
    if name == "partnership":
        kwargs["pk"] = project.pk
    page = new_page(user=alice, viewport=PHONE, locale=locale)
    page.goto(reverse(f"followups:{name}", kwargs=kwargs))
    expect(page.locator("h1")).to_be_visible()
    assert overflow(page) <= 1, name
