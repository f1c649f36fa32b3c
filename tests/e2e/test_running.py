"""Running a partnership in Chromium: from the partnership's page plan a photo drive from its
recipe, tick a checklist item in place, then name roles and see the single-point-of-failure
warning go once the role has a deputy."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.test_layout import PHONE, overflow

pytestmark = pytest.mark.e2e


@pytest.fixture
def project(north, alice, museum):
    from partnerkit.partnerships.services import partnership_create

    return partnership_create(
        workspace=north, partner=museum, by=alice, title="Costume photographs", owner=alice,
        goal_types=["content_acquisition"],
    )


def add_role(page, *, area, letter, member, deputy=None):
    roles = page.locator("#roles")
    roles.get_by_text("Add a role").click()
    form = page.locator("#role-form")
    form.locator("select[name=side]").select_option(label="Our side")
    form.get_by_label("Area").fill(area)
    form.get_by_label("RACI").select_option(label=letter)
    form.get_by_label("Member (our side)").select_option(label=member)
    if deputy:
        form.get_by_label("Deputy (our side)").select_option(label=deputy)
    form.get_by_role("button", name="Add the role").click()


def test_activity_from_a_recipe_checklist_and_roles(new_page, alice, carol, project):
    page = new_page(user=alice)
    page.goto(project.get_absolute_url())
    page.locator("#running-link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Running the partnership")
    expect(page.locator("#running-conditions")).to_contain_text("a plan B, written below;")

    # Plan a photo drive from its recipe, three weeks ahead.
    page.get_by_role("link", name="Plan an activity").click()
    page.locator("[data-recipe='photo_drive']").click()
    expect(page.locator("#checklist-preview")).to_contain_text(
        "Create the Commons category and the partner's credit line"
    )
    start = timezone.localdate() + timedelta(days=21)
    form = page.locator("#activity-form")
    form.get_by_label("Starts").fill(start.isoformat())
    form.get_by_label("Place or link").fill("Textile depot")
    form.get_by_role("button", name="Plan the activity").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Photo or upload drive with Nordic Museum"
    )
    expect(page.locator("#checklist-progress")).to_have_text("0 of 8 done")

    # Tick the first item: htmx swaps it in place, the count follows.
    first = page.locator("#checklist-items li").first
    expect(first).to_have_attribute("data-done", "false")
    first.get_by_role("button", name="Mark as done: Agree in writing").click()
    expect(page.locator("#checklist-progress")).to_have_text("1 of 8 done")
    first = page.locator("#checklist-items li").first
    expect(first).to_have_attribute("data-done", "true")
    expect(first).to_contain_text("done by alice")
    page.reload()
    expect(page.locator("#checklist-progress")).to_have_text("1 of 8 done")

    # Roles: Carol uploads alone — a single point of failure.
    page.get_by_role("link", name="Running", exact=True).click()
    expect(page.locator("#coming")).to_contain_text("Photo or upload drive with Nordic Museum")
    add_role(page, area="Uploads and Commons categories", letter="Responsible", member="carol")
    warnings = page.locator("#spof-warnings li")
    expect(warnings).to_have_count(1)
    expect(warnings.first).to_contain_text(
        "carol is the only one responsible for “Uploads and Commons categories”"
    )

    # Alice answers for the partnership, with Carol as her deputy: no new warning.
    add_role(page, area="The partnership as a whole", letter="Accountable", member="alice",
             deputy="carol")
    expect(page.locator("#roles-ours tbody tr")).to_have_count(2)
    expect(warnings).to_have_count(1)
    expect(page.locator("#running-conditions")).not_to_contain_text("accountable (A)")

    # Alice becomes Carol's deputy for the uploads: the warning disappears.
    page.locator("#roles-ours tr", has_text="Uploads").get_by_role("link", name="Edit").click()
    page.locator("#role-form").get_by_label("Deputy (our side)").select_option(label="alice")
    page.get_by_role("button", name="Save the role").click()
    expect(page.locator("#spof-none")).to_be_visible()
    expect(page.locator("#spof-warnings")).to_have_count(0)


@pytest.mark.parametrize("locale", ["en", "ar"])
@pytest.mark.parametrize("name", ["partnership", "activity", "activity_create"])
def test_running_pages_fit_a_360_px_phone(new_page, alice, carol, project, name, locale):
    from partnerkit.running import services

    activity = services.activity_create(
        partnership=project, by=alice, recipe="visiting_scholar",
        starts_on=timezone.localdate() + timedelta(days=10), location="The museum's library " * 3,
    )
    services.role_add(partnership=project, by=alice, side="ours", area="uploads", raci="R",
                      member=carol)
    kwargs = {"workspace_slug": "north"}
    kwargs.update({"activity_pk": activity.pk} if name == "activity" else {"pk": project.pk})
    page = new_page(user=alice, viewport=PHONE, locale=locale)
    address = reverse(f"running:{name}", kwargs=kwargs)
    page.goto(address + ("?recipe=editathon" if name == "activity_create" else ""))
    expect(page.locator("h1")).to_be_visible()
    assert overflow(page) <= 1, name
