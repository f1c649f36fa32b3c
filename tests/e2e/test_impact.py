"""From an activity to a report, in Chromium: the photo drive's Commons category recorded as
its output becomes a source of figures, a refresh counts the files and their readers from the
fake Wikimedia server, and the partner's report is made and downloaded as a PDF with them."""

import datetime as dt
import subprocess

import pytest
from playwright.sync_api import expect

from partnerkit.running import services as running_services
from tests.impact.conftest import running  # noqa: F401  (the partnership that runs)

pytestmark = pytest.mark.e2e


def test_from_an_activitys_outputs_to_the_partner_report(new_page, alice, running, fakewiki,  # noqa: F811
                                                         tmp_path):
    fakewiki.add_category("Photo drive at the museum", files=["Drive 1.jpg", "Drive 2.jpg"])
    fakewiki.add_usage("Drive 1.jpg", "sv.wikipedia.org", "Museet")
    fakewiki.set_monthly_views("sv.wikipedia", "Museet", {dt.date(2026, 9, 1): 4321})
    activity = running_services.activity_create(
        partnership=running, by=alice, recipe="photo_drive", starts_on=dt.date(2026, 9, 5))

    page = new_page(user=alice)
    page.goto(activity.get_absolute_url())
    page.get_by_text("Record the participants and outputs").click()
    page.locator("#outputs-form").get_by_label("Commons category").fill("Photo drive at the museum")
    page.locator("#outputs-submit").click()
    expect(page.locator("#outputs-summary")).to_contain_text("Photo drive at the museum")

    page.locator("#impact-link").click()
    sources = page.locator("#sources")
    expect(sources).to_contain_text("Category:Photo drive at the museum")
    expect(sources).to_contain_text("Not counted yet")
    page.locator("#refresh-figures").click()
    expect(page.get_by_role("status").first).to_contain_text("The refresh is queued")
    expect(page.locator("#total-media_files")).to_contain_text("2")
    expect(page.locator("#total-files_used")).to_contain_text("1")
    expect(page.locator("#total-page_views")).to_contain_text("4,321")
    expect(page.locator("#views svg")).to_be_visible()

    form = page.locator("#report-form")
    form.get_by_label("Report").select_option("partner")
    form.get_by_role("button", name="Make it").click()
    expect(page.get_by_role("status").first).to_contain_text("Made with the latest figures")
    expect(page.locator("#report-figures")).to_contain_text("4,321")
    page.get_by_label("Highlights").fill("A photograph of the museum's hall on Swedish Wikipedia.")
    page.locator("#narrative-form").get_by_role("button", name="Save").click()
    with page.expect_download() as pdf:
        page.get_by_role("link", name="Download the PDF").click()
    path = tmp_path / "report.pdf"
    pdf.value.save_as(path)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "4,321" in text and "Photographs of everyday life" in text
    assert "A photograph of the museum's hall on Swedish Wikipedia." in text
