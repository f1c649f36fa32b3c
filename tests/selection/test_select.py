"""Selecting a candidate with a reason: the capacity check first, a warning with what to defer
when the chance of overload would pass the threshold, and an explicit "select anyway".
Shortlisting goes through the method's stage rules."""

from django.urls import reverse

from partnerkit.partnerships.models import Partnership
from partnerkit.selection import services
from tests.conftest import login
from tests.selection.conftest import add_candidate, set_capacity


def select_url(partnership):
    return reverse("selection:select", kwargs={"workspace_slug": "north", "pk": partnership.pk})


def shortlist_url(partnership):
    return reverse("selection:shortlist", kwargs={"workspace_slug": "north", "pk": partnership.pk})


def busy_north(north):
    """12 hours a month, 6 of them taken by running work, another likely partnership pursued
    (3 hours), and a candidate (5 hours) that would tip the balance."""
    set_capacity(north, 12, threshold=0.2)
    add_candidate(north, "Running edit-a-thons", stage="running", effort_hours=6)
    add_candidate(north, "Quiz night", stage="shortlisted", likelihood=5, effort_hours=3)
    return add_candidate(north, "Big digitisation", stage="researching", impact=5, ease=3,
                         likelihood=4, effort_hours=5)


def post_select(client, partnership, **extra):
    data = {"version": partnership.version, "seed": 1, "reason": "Fits our plan", **extra}
    return client.post(select_url(partnership), data)


def test_the_select_page_warns_before_anything_is_saved(client, alice, north):
    candidate = busy_north(north)
    html = login(client, alice).get(select_url(candidate)).content.decode()
    assert "Overload warning" in html
    assert "above the warning threshold of 20 %" in html
    assert "consider deferring" in html and "Quiz night" in html
    assert "Select anyway" in html
    assert 'name="confirm_overload"' in html


def test_selecting_over_the_threshold_needs_confirmation(client, alice, north):
    candidate = busy_north(north)
    response = post_select(login(client, alice), candidate)
    assert response.status_code == 200
    assert "Tick this box to select it anyway" in response.content.decode()
    candidate.refresh_from_db()
    assert candidate.decision == "" and candidate.decision_reason == ""


def test_selecting_anyway_records_go_and_the_reason(client, alice, north):
    candidate = busy_north(north)
    response = post_select(login(client, alice), candidate, confirm_overload="on")
    assert response.status_code == 302
    candidate.refresh_from_db()
    assert candidate.decision == "go"
    assert candidate.decision_reason == "Fits our plan"
    assert candidate.stage == "researching"
    assert candidate.history.count() == 2  # created, then selected


def test_selecting_within_capacity_needs_no_confirmation(client, carol, north):
    candidate = busy_north(north)
    set_capacity(north, 100)
    html = login(client, carol).get(select_url(candidate)).content.decode()
    assert "within the warning threshold" in html
    assert 'name="confirm_overload"' not in html
    assert post_select(client, candidate).status_code == 302
    assert Partnership.objects.get(pk=candidate.pk).decision == "go"


def test_the_service_raises_the_warning_with_the_deferrals(alice, north):
    candidate = busy_north(north)
    try:
        services.partnership_select(
            partnership=candidate, by=alice, reason="Why not", version=candidate.version,
            seed=1, samples=500,
        )
    except services.OverloadWarning as warning:
        check, message = warning.check, str(warning)
    else:
        raise AssertionError("no warning")
    assert check.what_if.after.p_overload > 0.2
    assert [p.title for p in check.defer] == ["Quiz night"]
    assert check.what_if.deferral.reached
    assert "Big digitisation" in message and "20 %" in message


def test_a_reason_is_required(client, alice, north):
    candidate = busy_north(north)
    response = post_select(login(client, alice), candidate, reason=" ", confirm_overload="on")
    assert response.status_code == 200
    assert Partnership.objects.get(pk=candidate.pk).decision == ""


def test_without_an_effort_estimate_the_check_is_skipped_and_says_so(client, alice, north):
    set_capacity(north, 10)
    candidate = add_candidate(north, "Vague", impact=3, ease=3, likelihood=3)
    html = login(client, alice).get(select_url(candidate)).content.decode()
    assert "needs this partnership&#x27;s effort estimate" in html
    assert post_select(client, candidate).status_code == 302


def test_a_stale_form_does_not_overwrite_someone_elses_change(client, alice, carol, north):
    candidate = busy_north(north)
    set_capacity(north, 100)
    stale = candidate.version
    from partnerkit.partnerships.services import partnership_update

    partnership_update(partnership=candidate, by=carol, version=stale, sketch="Changed")
    response = post_select(login(client, alice), candidate, version=stale)
    assert response.status_code == 200
    assert "Someone else saved this record" in response.content.decode()
    assert Partnership.objects.get(pk=candidate.pk).decision == ""


def test_shortlisting_moves_a_researched_candidate(client, carol, north):
    candidate = add_candidate(north, "Ready", impact=4, likelihood=3, ease=4)
    response = login(client, carol).post(shortlist_url(candidate))
    assert response.status_code == 302
    assert Partnership.objects.get(pk=candidate.pk).stage == "shortlisted"


def test_shortlisting_without_estimates_explains_what_is_missing(client, carol, north):
    candidate = add_candidate(north, "Unresearched", impact=4)
    response = login(client, carol).post(shortlist_url(candidate), follow=True)
    html = response.content.decode()
    assert "cannot be shortlisted yet" in html
    assert "likelihood" in html and "ease" in html
    assert Partnership.objects.get(pk=candidate.pk).stage == "researching"


def test_viewers_cannot_select_or_shortlist(client, victor, north):
    candidate = busy_north(north)
    login(client, victor)
    assert post_select(client, candidate, confirm_overload="on").status_code == 403
    assert client.post(shortlist_url(candidate)).status_code == 403
    assert Partnership.objects.get(pk=candidate.pk).decision == ""


def test_a_partnership_of_another_workspace_cannot_be_selected(client, bob, south, north):
    candidate = busy_north(north)
    login(client, bob)
    url = reverse("selection:select", kwargs={"workspace_slug": "south", "pk": candidate.pk})
    assert client.get(url).status_code == 404
