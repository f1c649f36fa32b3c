"""The ranking page: both methods side by side, weights and presets, missing estimates, ties,
the non-dominated set, disagreements and sensitivity."""

import re

from django.urls import reverse

from partnerkit.groundwork.models import Profile
from partnerkit.method.weights import PRESETS
from tests.conftest import login
from tests.selection.conftest import add_candidate

URL = reverse("selection:ranking", kwargs={"workspace_slug": "north"})
WEIGHTS_URL = reverse("selection:weights", kwargs={"workspace_slug": "north"})


def weights_data(preset="balanced", **weights):
    data = {"preset": preset, **{code: 1 for code in PRESETS["balanced"].weights}}
    data.update(weights)
    return data


def row_of(html, title):
    """The table row of a candidate, as HTML."""
    match = re.search(r"<tr id=\"candidate-\d+\"[^>]*>(?:(?!</tr>).)*>" + re.escape(title) + "</a>" +
                      r"(?:(?!</tr>).)*</tr>", html, re.DOTALL)
    assert match, f"no row for {title}"
    return match.group()


def rank_range(html, title):
    return re.search(r'<td data-label="Rank range">.*?</td>', row_of(html, title), re.DOTALL).group()


def test_the_page_ranks_candidates_by_both_methods_with_explanations(client, alice, candidates):
    html = login(client, alice).get(URL).content.decode()
    assert "Weighted sum" in html and "TOPSIS" in html
    leader = row_of(html, "Photo donation")
    assert '<strong class="rank">1</strong>' in leader
    assert "Why this rank?" in leader
    assert "score " in leader and "closeness " in leader


def test_missing_estimates_show_as_missing_never_as_zero(client, alice, candidates):
    html = login(client, alice).get(URL).content.decode()
    sparse = row_of(html, "University course")
    # benefit, risk, effort and fit (no goals) are missing.
    assert sparse.count('<span class="missing">missing</span>') == 4
    assert "incomplete: ranked on" in sparse
    assert "“Fit with our goals” needs the workspace's goals" in html


def test_ties_share_a_rank_and_say_so(client, alice, candidates):
    html = login(client, alice).get(URL).content.decode()
    for title, other in [("Archive scans", "Library talks"), ("Library talks", "Archive scans")]:
        row = row_of(html, title)
        assert 'badge--tie' in row
        assert f"tied with {other}" in row
        assert '<strong class="rank">=' in row


def test_the_non_dominated_candidates_are_marked(client, alice, candidates):
    html = login(client, alice).get(URL).content.decode()
    # Photo donation has the most impact and the most ease: it dominates every other.
    assert 'title="not dominated"' in row_of(html, "Photo donation")
    for title in ("University course", "Archive scans", "Library talks"):
        assert 'title="not dominated"' not in row_of(html, title)


def test_sensitivity_shows_rank_ranges_and_the_seed(client, alice, candidates):
    html = login(client, alice).get(URL, {"seed": "42"}).content.decode()
    assert "How sure is this order?" in html
    assert "<code>42</code>" in html
    assert "top 3:" in row_of(html, "Photo donation")
    again = client.get(URL, {"seed": "42"}).content.decode()
    assert rank_range(again, "Archive scans") == rank_range(html, "Archive scans")


def test_disagreements_between_the_methods_are_listed(client, alice, north):
    # Good all round against excellent on two criteria and poor on the third: the weighted
    # sum prefers the first, TOPSIS (closeness to the best on each) the second.
    add_candidate(north, "All round", impact=4, ease=4, risk=4)
    add_candidate(north, "Best", impact=5, ease=4, risk=2)
    add_candidate(north, "Uneven", impact=3, ease=1, risk=1)
    html = login(client, alice).get(URL).content.decode()
    panel = re.search(r'<section class="card" id="disagreements".*?</section>', html, re.DOTALL).group()
    assert "All round</a>:\n      rank 2 by weighted sum, 3 by TOPSIS" in panel
    assert "Uneven</a>:\n      rank 3 by weighted sum, 2 by TOPSIS" in panel
    assert "Best</a>" not in panel
    assert "is-disagreement" in row_of(html, "Uneven")


def test_sorting_by_a_criterion_puts_missing_estimates_last(client, alice, candidates):
    html = login(client, alice).get(URL, {"sort": "effort"}).content.decode()
    order = [html.index(title) for title in ("Photo donation", "University course")]
    assert order[0] < order[1]
    assert "Sorted by: Effort (hours per month)." in html


def test_a_preset_is_applied_and_saved_for_the_workspace(client, alice, north, candidates):
    response = login(client, alice).post(
        WEIGHTS_URL, {**weights_data("quick_wins"), "use_preset": "1"}
    )
    assert response.status_code == 302
    profile = Profile.objects.get(workspace=north)
    assert profile.ranking_preset == "quick_wins"
    assert profile.ranking_weights == {}
    html = client.get(URL).content.decode()
    assert "Preset: <strong>Quick wins</strong>" in html


def test_own_weights_are_saved_as_customised(client, carol, north, candidates):
    response = login(client, carol).post(WEIGHTS_URL, weights_data(impact=4, fit=0))
    assert response.status_code == 302
    profile = Profile.objects.get(workspace=north)
    assert profile.ranking_weights["impact"] == 4
    assert profile.ranking_weights["fit"] == 0
    assert "(customised)" in client.get(URL).content.decode()


def test_a_negative_weight_is_refused_under_its_field(client, alice, north, candidates):
    response = login(client, alice).post(WEIGHTS_URL, weights_data(risk=-2))
    assert response.status_code == 200
    html = response.content.decode()
    assert "the weight of &#x27;risk&#x27; is negative" in html
    field = re.search(r'<div class="field">\s*<label for="id_risk".*?</div>', html, re.DOTALL).group()
    assert "errorlist" in field
    assert not Profile.objects.filter(workspace=north).exists()


def test_all_zero_weights_are_refused_with_a_clear_message(client, alice, north, candidates):
    zeros = {code: 0 for code in PRESETS["balanced"].weights}
    response = login(client, alice).post(WEIGHTS_URL, weights_data(**zeros))
    assert response.status_code == 200
    assert "all weights are zero" in response.content.decode()
    assert not Profile.objects.filter(workspace=north).exists()


def test_viewers_see_the_ranking_but_neither_weights_form_nor_actions(client, victor, candidates):
    html = login(client, victor).get(URL).content.decode()
    assert "Photo donation" in html
    assert 'action="/w/north/selection/weights/"' not in html
    assert ">Select</a>" not in html
    assert login(client, victor).post(WEIGHTS_URL, weights_data()).status_code == 403


def test_no_candidates_gives_a_clear_message(client, alice, north):
    html = login(client, alice).get(URL).content.decode()
    assert "there are no candidates to rank" in html


def test_candidates_without_any_estimate_are_listed_as_not_ranked(client, alice, north, candidates):
    add_candidate(north, "Blank idea", stage="idea")
    html = login(client, alice).get(URL).content.decode()
    assert "Not ranked" in html
    assert re.search(r"Blank idea</a> <span class=\"muted small\">missing: impact, ", html)


def test_decided_against_and_later_stages_are_not_candidates(client, alice, north, candidates):
    add_candidate(north, "Said no", impact=5, ease=5, decision="no_go")
    add_candidate(north, "Being prepared", stage="preparing", impact=5, ease=5)
    html = login(client, alice).get(URL).content.decode()
    assert "Said no" not in html and "Being prepared" not in html
    html = client.get(URL, {"preparing": "1"}).content.decode()
    assert "Being prepared" in html and "Said no" not in html
