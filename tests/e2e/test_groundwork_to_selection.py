"""From groundwork to selection in a browser: a coordinator of a new workspace checks whether
the group is ready, writes down its goals and SWOT, records a small capacity, accepts a
suggested goal type, estimates a few candidates, reads the ranking with its explanations and
chart, and selects until the capacity check warns of overload."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from partnerkit.accounts.services import user_create
from partnerkit.partners.services import partner_create
from partnerkit.partnerships.models import Partnership
from partnerkit.partnerships.services import partnership_create
from partnerkit.workspaces.services import workspace_create

pytestmark = pytest.mark.e2e

WOMEN_SCIENTISTS = "More articles about women scientists"
PORTRAITS = "Portraits of women scientists"
ARCHIVE = "Letters of the women's movement"
FESTIVAL = "Stand at the science festival"
LECTURES = "Lecture series on open knowledge"

# The readiness questions (the start of each) and the answer given. Three answers fall short
# of "yes", so the outcome is "ready, with gaps".
READINESS_ANSWERS = {
    "How many people in the group are active": "Two or more",
    "When members disagree": "Usually",
    "Does everyone know how the group takes decisions": "Yes",
    "Has the group written down what it wants to achieve": "Yes",
    "can you say what the partner would gain": "Clearly",
    "Is there a plan for how a partnership would run": "Partly",
    "If a partnership stalls or a key person leaves": "Yes",
    "How does the wider community": "We have not asked",
    "Are volunteers interested in the work": "Yes",
    "Is there someone who can speak for the group": "Yes",
    "Does the group know whom it speaks for": "Yes",
    "How many volunteer or staff hours a month": "5 to 20",
    "Does the group have the skills": "Some of them",
    "Do you know whom to ask for help": "Yes",
}

# Effort (hours per month) is large against a capacity of 12: any two of these, if both
# partners say yes, need more hours than the group has.
ESTIMATES = {
    PORTRAITS: {"Impact": "5", "Likelihood of success": "4", "Ease of approach": "4",
                "Benefit": "4", "Risk": "2", "effort": "8"},
    ARCHIVE: {"Impact": "4", "Likelihood of success": "4", "Ease of approach": "3",
              "Benefit": "4", "Risk": "2", "effort": "10"},
    FESTIVAL: {"Impact": "3", "Likelihood of success": "5", "Ease of approach": "2",
               "Benefit": "3", "Risk": "3", "effort": "15"},
}


@pytest.fixture
def lakeside(db):
    """A fresh workspace with four candidate partnerships, with goal types, not estimated."""
    coordinator = user_create(
        username="noor", email="noor@example.org", password="a long enough passphrase"
    )
    workspace = workspace_create(name="Wikimedia Lakeside", slug="lakeside", by=coordinator)
    partnerships = {}
    for title, partner, kind, goal_type in [
        (PORTRAITS, "Academy of Sciences", "learned_society", "content_acquisition"),
        (ARCHIVE, "City Archive", "archive", "content_acquisition"),
        (FESTIVAL, "Science Centre", "museum", "outreach_recruitment"),
        (LECTURES, "Lakeside University", "higher_education", "content_spreading"),
    ]:
        partner = partner_create(workspace=workspace, by=coordinator, name=partner, kind=kind)
        partnerships[title] = partnership_create(
            workspace=workspace, partner=partner, by=coordinator, title=title,
            goal_types=[goal_type],
        )
    return coordinator, workspace, partnerships


def url(name, workspace, **kwargs):
    return reverse(name, kwargs={"workspace_slug": workspace.slug, **kwargs})


def estimate(page, values):
    for label, value in values.items():
        if label == "effort":
            page.get_by_role("spinbutton", name=re.compile(r"^Effort")).fill(value)
        else:
            page.get_by_role("combobox", name=re.compile(rf"^{label}")).select_option(value)


def test_a_coordinator_goes_from_readiness_to_a_selection_that_overloads(new_page, lakeside):
    coordinator, workspace, partnerships = lakeside
    page = new_page(user=coordinator)
    main_nav = page.get_by_role("navigation", name="Main")

    # 1. Should we pursue partnerships now? Answer the readiness check.
    page.goto(url("groundwork:overview", workspace))
    page.get_by_role("link", name="Take the readiness check").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Readiness check")
    for question, answer in READINESS_ANSWERS.items():
        page.get_by_role("group", name=question).get_by_label(answer, exact=True).check()
    page.get_by_role("button", name="See the outcome").click()

    outcome = page.get_by_role("region", name=re.compile("^Outcome"))
    expect(outcome).to_contain_text("Ready, with gaps")
    gaps = page.get_by_role("region", name="Gaps and next steps")
    expect(gaps.get_by_role("listitem")).to_have_count(3)
    expect(gaps).to_contain_text("Is there a plan for how a partnership would run")
    expect(gaps).to_contain_text("Next step: Sketch the partnership")
    expect(gaps).to_contain_text("Next step: Announce the idea on the wiki")
    expect(gaps).to_contain_text("Next step: List the skills each partnership needs")

    # 2. Goals and SWOT: two goals, then a strength and an opportunity linked to the first.
    page.get_by_role("navigation", name="Groundwork").get_by_role(
        "link", name="Goals and SWOT"
    ).click()
    goals = page.get_by_role("region", name="Goals", exact=True)
    goals.get_by_role("textbox", name="Goal", exact=True).fill(WOMEN_SCIENTISTS)
    goals.get_by_label("Priority").select_option(label="High")
    goals.get_by_role("button", name="Add goal").click()
    expect(page.get_by_role("status")).to_contain_text(f"Goal “{WOMEN_SCIENTISTS}” added.")
    goals.get_by_text("Add a goal").click()
    goals.get_by_role("textbox", name="Goal", exact=True).fill(
        "Train teachers to use Wikipedia in class"
    )
    goals.get_by_label("Priority").select_option(label="Low")
    goals.get_by_role("button", name="Add goal").click()
    expect(goals.get_by_role("listitem")).to_have_count(2)
    expect(goals.get_by_role("listitem").first).to_contain_text("High priority")

    for quadrant, text in [
        ("Strengths", "Members who photograph and write about science"),
        ("Opportunities", "The academy is digitising its portrait collection"),
    ]:
        region = page.get_by_role("region", name=re.compile(rf"^{quadrant}"))
        region.get_by_label(f"Add to {quadrant}").fill(text)
        region.get_by_text("Link to goals").click()
        region.get_by_label(WOMEN_SCIENTISTS).check()
        region.get_by_role("button", name="Add", exact=True).click()
        region = page.get_by_role("region", name=re.compile(rf"^{quadrant} \(1\)"))
        expect(region).to_contain_text(text)
        expect(region.get_by_role("link", name=WOMEN_SCIENTISTS)).to_be_visible()

    # 3. Capacity: two people with twelve hours a month between them.
    page.get_by_role("navigation", name="Groundwork").get_by_role("link", name="Capacity").click()
    page.get_by_label("People").fill("2")
    page.get_by_label("Hours per month").fill("12")
    page.get_by_label("Photography").check()
    page.get_by_label("Writing and improving articles").check()
    page.get_by_role("button", name="Save capacity").click()
    expect(page.get_by_role("status")).to_contain_text("Capacity saved.")
    capacity = page.get_by_role("region", name="Capacity")
    expect(capacity).to_contain_text("12")
    expect(capacity).to_contain_text("Photography, Writing and improving articles")

    # 4. Goal types: the suggestions say why; content acquisition comes from the goal.
    page.get_by_role("link", name="See the suggested goal types").click()
    acquisition = page.get_by_role("article", name="Content acquisition")
    expect(acquisition).to_contain_text(
        f"Your goal “{WOMEN_SCIENTISTS}” (high priority) matches content acquisition"
    )
    expect(acquisition).to_contain_text("you have 12")
    expect(page.get_by_role("article").first).to_have_accessible_name("Content acquisition")
    acquisition.get_by_role("button", name="Accept Content acquisition").click()
    expect(acquisition.get_by_role("status")).to_contain_text("Accepted")

    # 5. Estimates on three of the four candidates; the lecture series stays unestimated.
    for title, values in ESTIMATES.items():
        page.goto(url("partnerships:edit", workspace, pk=partnerships[title].pk))
        estimate(page, values)
        page.get_by_role("button", name="Save changes").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(title)

    # 6. The ranking: both methods, an explanation per criterion, the chart, what is missing.
    main_nav.get_by_role("link", name="Selection").click()
    table = page.get_by_role("table", name="Candidates ranked by both methods")
    expect(table.get_by_role("columnheader", name="Weighted sum")).to_be_visible()
    expect(table.get_by_role("columnheader", name="TOPSIS")).to_be_visible()
    rows = table.locator("tbody tr")
    expect(rows).to_have_count(3)
    leader = rows.first
    expect(leader).to_contain_text(PORTRAITS)
    leader.get_by_text("Why this rank?").click()
    for line in ["impact: 5 (3–5, higher is better)", "effort: 8 (8–15, lower is better)",
                 "score", "rank 1"]:
        expect(leader.get_by_role("listitem").filter(has_text=line).first).to_be_visible()
    # The lecture series has no estimate yet: it is listed as not ranked, with what it lacks,
    # not ranked on its fit with the goals alone.
    expect(rows.filter(has_text=LECTURES)).to_have_count(0)
    expect(page.locator(".unranked-list")).to_contain_text(
        f"{LECTURES} missing: impact, likelihood, ease, benefit, risk, effort, fit"
    )

    chart = page.get_by_role("region", name="Impact and ease of approach")
    svg = chart.get_by_role("img", name=re.compile("^Impact and ease of approach"))
    expect(svg).to_have_accessible_name(re.compile(r"3 candidates: .*2 in quick wins"))
    # Long titles are shortened on the chart; the table has them in full.
    for name in ["Quick wins", "Big bets", "Fill-ins", "Thankless tasks", "Portraits of women"]:
        expect(svg).to_contain_text(name)
    expect(chart).to_contain_text(f"{LECTURES} — missing impact and ease")

    # 7. Select the leader: within capacity, it goes through at once.
    leader.get_by_role("link", name="Select").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Select “{PORTRAITS}”")
    expect(page.get_by_role("alert")).to_have_count(0)
    page.get_by_label("Why select this partnership?").fill(
        "The academy is digitising its portraits, and our first goal needs them."
    )
    page.get_by_role("button", name="Select", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text(f"“{PORTRAITS}” is selected.")

    # Then the archive: both saying yes would need 18 of the 12 hours.
    rows.filter(has_text=ARCHIVE).get_by_role("link", name="Select").click()
    warning = page.get_by_role("alert")
    expect(warning).to_contain_text("Overload warning")
    expect(warning).to_contain_text(
        re.compile(r"rises from 0 % to (\d+) %, above the warning threshold of 20 %")
    )
    after = int(re.search(r"to (\d+) %", warning.inner_text()).group(1))
    assert after > 20
    expect(warning).to_contain_text("To stay under the threshold, consider deferring:")
    expect(warning.get_by_role("listitem")).to_have_text([re.compile(PORTRAITS)])
    expect(page.get_by_text("If every one says yes").locator("+ dd")).to_have_text(
        "18 hours per month"
    )

    # Going ahead without saying so is refused; nothing changes.
    page.get_by_label("Why select this partnership?").fill("Their letters fill the same gap.")
    page.get_by_role("button", name="Select anyway").click()
    expect(page.get_by_text("Tick this box to select it anyway")).to_be_visible()
    assert Partnership.objects.get(pk=partnerships[ARCHIVE].pk).decision == ""

    # Select anyway, knowing the risk: the simulation now shows what the warning foretold.
    page.get_by_label("Select anyway, knowing the risk of overload").check()
    page.get_by_role("button", name="Select anyway").click()
    expect(page.get_by_role("status")).to_contain_text(f"“{ARCHIVE}” is selected.")
    for title in (PORTRAITS, ARCHIVE):
        expect(rows.filter(has_text=title)).to_contain_text("selected")
    expect(rows.filter(has_text=FESTIVAL)).not_to_contain_text("selected")
    assert set(Partnership.objects.filter(decision="go").values_list("title", flat=True)) == {
        PORTRAITS, ARCHIVE
    }

    page.get_by_role("navigation", name="Selection").get_by_role(
        "link", name="What if they all say yes?"
    ).click()
    overload = page.get_by_role("alert")
    expect(overload).to_contain_text(
        f"In {after} % of the simulated months the group would need more hours than it has"
    )
    pursued = page.get_by_role("region", name="Partnerships being pursued")
    expect(pursued.get_by_role("rowheader")).to_have_text([PORTRAITS, ARCHIVE])


def test_a_readiness_check_with_nobody_to_speak_for_the_group_says_not_now(new_page, lakeside):
    coordinator, workspace, _partnerships = lakeside
    page = new_page(user=coordinator)
    page.goto(url("groundwork:readiness_new", workspace))
    answers = {**READINESS_ANSWERS, "Is there someone who can speak for the group": "Nobody yet"}
    for question, answer in answers.items():
        page.get_by_role("group", name=question).get_by_label(answer, exact=True).check()
    page.get_by_role("button", name="See the outcome").click()

    outcome = page.get_by_role("region", name=re.compile("^Outcome"))
    expect(outcome).to_contain_text("Not now")
    expect(outcome.get_by_role("heading", name="Why not now")).to_be_visible()
    expect(outcome).to_contain_text("Is there someone who can speak for the group")
    first_gap = page.get_by_role("region", name="Gaps and next steps").get_by_role("listitem")
    expect(first_gap.first).to_contain_text("Holds you back")
    expect(first_gap.first).to_contain_text("Next step: Prepare one or two members")

    # The check is kept in the history, with its open points.
    page.get_by_role("navigation", name="Groundwork").get_by_role("link", name="Readiness").click()
    history = page.get_by_role("region", name="Past checks").locator("tbody tr")
    expect(history).to_have_count(1)
    expect(history).to_contain_text("noor")
    expect(history).to_contain_text("Not now")
    expect(history).to_contain_text("1 holding back; 3 gaps")
