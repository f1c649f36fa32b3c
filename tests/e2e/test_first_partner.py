"""A new coordinator's first partner, from signing in to undoing an edit."""

import re

import pytest
from playwright.sync_api import expect

from partnerkit.accounts.services import user_create
from partnerkit.workspaces.services import workspace_create
from tests.conftest import PASSWORD

pytestmark = pytest.mark.e2e


def test_a_new_user_adds_a_partner_and_a_contact_then_restores_the_first_version(page):
    dana = user_create(username="dana", email="dana@example.org", password=PASSWORD)
    workspace_create(name="Wikimedia Ísland", slug="island", by=dana)
    page.on("dialog", lambda dialog: dialog.accept())

    page.goto("/")
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    page.get_by_label("Username").fill("dana")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    expect(page).to_have_url(re.compile(r"/w/island/partners/$"))
    expect(page.get_by_text("No partners yet.")).to_be_visible()
    page.get_by_role("main").get_by_role("link", name="Add a partner").first.click()

    page.get_by_label("Name").fill("National Museum of Iceland")
    page.get_by_label("Kind").select_option(label="Museum")
    page.get_by_label("Wikidata item").fill("https://www.wikidata.org/wiki/Q1040")
    page.get_by_label("Country").select_option(label="Iceland")
    page.get_by_label("Place").fill("Reykjavík")
    page.get_by_label("Tags").fill("GLAM, photography")
    page.get_by_label("Private notes").fill("Their director retires in spring.")
    page.get_by_role("button", name="Add partner").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("National Museum of Iceland")
    expect(page.get_by_role("link", name="Q1040")).to_be_visible()
    expect(page.get_by_role("heading", name="Private notes")).to_contain_text(
        "private — workspace members only"
    )
    expect(page.get_by_text("Their director retires in spring.")).to_be_visible()

    page.get_by_role("link", name="Add a contact").click()
    page.get_by_label("Name").fill("Anna Jónsdóttir")
    page.get_by_label("E-mail").fill("anna@example.org")
    page.get_by_label("Contact point").check()
    page.get_by_role("button", name="Add contact").click()

    contacts = page.get_by_role("region", name="Contacts")
    expect(contacts).to_contain_text("Anna Jónsdóttir")
    expect(contacts).to_contain_text("contact point")
    expect(contacts.get_by_role("link", name="anna@example.org")).to_be_visible()

    page.get_by_role("link", name="Edit", exact=True).click()
    page.get_by_label("Name").fill("Þjóðminjasafn Íslands")
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Þjóðminjasafn Íslands")

    page.get_by_role("link", name="History", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("History of Þjóðminjasafn")
    expect(page.get_by_role("main")).to_contain_text("changed by dana")
    expect(page.get_by_role("deletion")).to_have_text("National Museum of Iceland")
    # The oldest version is the one the partner was created with.
    page.get_by_role("button", name="Restore this version", exact=True).last.click()

    expect(page.get_by_role("heading", level=1)).to_have_text("National Museum of Iceland")
    expect(page.get_by_role("status")).to_contain_text("The earlier version is back")
