"""The capacity page, "what if they all say yes?": the simulation over the partnerships being
pursued, its chart and figures, the seed, zero capacity, and the warning threshold."""

from django.urls import reverse

from partnerkit.groundwork.models import Profile
from tests.conftest import login
from tests.selection.conftest import add_candidate, set_capacity

URL = reverse("selection:capacity", kwargs={"workspace_slug": "north"})
THRESHOLD_URL = reverse("selection:threshold", kwargs={"workspace_slug": "north"})


def pursue(north):
    add_candidate(north, "Running edit-a-thons", stage="running", effort_hours=6)
    add_candidate(north, "Photo donation", stage="shortlisted", likelihood=5, effort_hours=8)
    add_candidate(north, "Archive scans", stage="negotiating", likelihood=3, effort_hours=4)
    add_candidate(north, "Idea with a go", stage="idea", decision="go", likelihood=2,
                  effort_hours=3)
    add_candidate(north, "Not estimated", stage="preparing", likelihood=4)
    add_candidate(north, "Just an idea", stage="idea", likelihood=5, effort_hours=50)
    add_candidate(north, "On hold", stage="on_hold", decision="go", likelihood=5, effort_hours=50)


def test_zero_capacity_gives_a_clear_message(client, victor, north):
    pursue(north)
    response = login(client, victor).get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "No capacity is recorded for this workspace (0 hours per month)" in html
    assert "<svg" not in html


def test_the_simulation_counts_what_is_pursued_with_its_chances(client, alice, north):
    set_capacity(north, 12)
    pursue(north)
    html = login(client, alice).get(URL).content.decode()
    assert 'role="img"' in html and "capacity 12 h" in html
    for title in ("Running edit-a-thons", "Photo donation", "Archive scans", "Idea with a go"):
        assert title in html
    assert "Just an idea" not in html and "On hold" not in html
    assert "100 %" in html  # running: it happens for certain
    assert "Not estimated</a> — missing effort" in html
    assert "If every one says yes" in html and "21 hours per month" in html
    assert "Hours per month needed, by how often" in html


def test_the_seed_is_shown_and_can_be_set(client, alice, north):
    set_capacity(north, 12)
    pursue(north)
    login(client, alice)
    first = client.get(URL, {"seed": "99"}).content.decode()
    assert "<code>99</code>" in first
    assert "Draw again with another seed" in first
    chance = first.split("Chance of overload</dt><dd><strong>")[1].split("<")[0]
    again = client.get(URL, {"seed": "99"}).content.decode()
    assert again.split("Chance of overload</dt><dd><strong>")[1].split("<")[0] == chance


def test_an_overload_suggests_what_to_defer(client, alice, north):
    set_capacity(north, 8, threshold=0.1)
    pursue(north)
    html = login(client, alice).get(URL).content.decode()
    assert "above the warning threshold of 10 %" in html
    assert "consider deferring" in html
    warning = html.split("overload-warning")[1].split("</div>")[0]
    # Running work is never suggested for deferral.
    assert "Running edit-a-thons" not in warning


def test_nothing_pursued_says_so(client, alice, north):
    set_capacity(north, 12)
    html = login(client, alice).get(URL).content.decode()
    assert "No partnership is being pursued yet" in html


def test_the_threshold_is_saved_in_percent(client, carol, north):
    response = login(client, carol).post(THRESHOLD_URL, {"threshold": "35"})
    assert response.status_code == 302
    assert Profile.objects.get(workspace=north).overload_threshold == 0.35


def test_a_threshold_out_of_range_is_refused(client, carol, north):
    response = login(client, carol).post(THRESHOLD_URL, {"threshold": "0"})
    assert response.status_code == 200
    assert "greater than or equal to 1" in response.content.decode()
    assert not Profile.objects.filter(workspace=north).exists()


def test_viewers_cannot_change_the_threshold(client, victor, north):
    assert login(client, victor).post(THRESHOLD_URL, {"threshold": "35"}).status_code == 403
    assert 'action="/w/north/selection/capacity/threshold/"' not in client.get(URL).content.decode()
