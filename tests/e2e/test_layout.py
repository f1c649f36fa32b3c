"""Pages fit a small phone, work from the keyboard and mirror for right-to-left languages."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

PHONE = {"width": 360, "height": 740}

PAGES = [
    pytest.param(lambda partner: partner.workspace.get_absolute_url(), id="partner list"),
    pytest.param(lambda partner: partner.get_absolute_url(), id="partner page"),
]


def overflow(page) -> int:
    """How many pixels the page is wider than the window; more than 1 means sideways scrolling."""
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


@pytest.mark.parametrize("url_of", PAGES)
def test_page_fits_a_360_px_phone(new_page, alice, museum, url_of):
    page = new_page(user=alice, viewport=PHONE)
    page.goto(url_of(museum))
    expect(page.get_by_role("main")).to_contain_text("Nordic Museum")
    assert overflow(page) <= 1


@pytest.mark.parametrize("url_of", PAGES)
def test_arabic_page_is_right_to_left_without_sideways_scrolling(new_page, alice, museum, url_of):
    page = new_page(user=alice, locale="ar", viewport=PHONE)
    page.goto(url_of(museum))
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    assert overflow(page) <= 1


def test_tab_reaches_a_visible_skip_link_first_then_add_a_partner(new_page, alice, museum):
    page = new_page(user=alice)
    page.goto("/w/north/partners/")

    page.keyboard.press("Tab")
    focused = page.locator(":focus")
    expect(focused).to_have_text("Skip to content")
    expect(focused).to_be_in_viewport()
    assert focused.evaluate("element => getComputedStyle(element).outlineStyle") != "none"

    add_partner = page.get_by_role("main").get_by_role("link", name="Add a partner")
    for _ in range(20):
        page.keyboard.press("Tab")
        if add_partner.evaluate("element => element === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached “Add a partner”")
