"""The impact/ease chart: an accessible inline SVG with the four quadrants named and every
candidate labelled; candidates it cannot place are listed under it."""

import re

from django.urls import reverse

from partnerkit.selection import charts
from tests.conftest import login
from tests.selection.conftest import add_candidate

URL = reverse("selection:ranking", kwargs={"workspace_slug": "north"})


def chart_of(html):
    return re.search(r"<svg\b.*?</svg>", html, re.DOTALL).group()


def test_the_chart_names_the_quadrants_and_labels_every_candidate(client, alice, candidates):
    svg = chart_of(login(client, alice).get(URL).content.decode())
    for name in ("Quick wins", "Big bets", "Fill-ins", "Thankless tasks"):
        assert name in svg
    for title in ("Photo donation", "Archive scans", "Library talks", "University course"):
        assert title in svg
    assert 'role="img"' in svg
    assert re.search(r'aria-labelledby="impact-ease-chart-title[^"]*"', svg)
    assert '<title id="impact-ease-chart-title">' in svg


def test_candidates_at_the_same_spot_are_moved_apart(candidates):
    twins = [
        charts.Point(1, "Archive scans", ease=2, impact=3),
        charts.Point(2, "Library talks", ease=2, impact=3),
    ]
    placed = charts._spread(twins)
    assert placed[1][:2] != placed[2][:2]
    assert all(abs(x - 2) < 0.5 and abs(y - 3) < 0.5 for x, y, _angle in placed.values())


def test_candidates_without_impact_or_ease_are_listed_under_the_chart(client, alice, north, candidates):
    add_candidate(north, "Unknown ease", impact=4, likelihood=3)
    html = login(client, alice).get(URL).content.decode()
    assert "Not on the chart:" in html
    assert "Unknown ease — missing ease" in html
    assert "Unknown ease" not in chart_of(html)


def test_the_quadrant_follows_the_middle_of_the_scales():
    assert charts.quadrant_of(charts.Point(1, "a", ease=5, impact=5)) == "Quick wins"
    assert charts.quadrant_of(charts.Point(1, "a", ease=1, impact=5)) == "Big bets"
    assert charts.quadrant_of(charts.Point(1, "a", ease=5, impact=1)) == "Fill-ins"
    assert charts.quadrant_of(charts.Point(1, "a", ease=1, impact=1)) == "Thankless tasks"


def test_the_same_drawing_gives_png_and_pdf_for_reports():
    figure = charts.impact_ease_figure([charts.Point(1, "Photo donation", ease=4, impact=5)])
    assert charts.render(figure, "png").startswith(b"\x89PNG")
    assert charts.render(figure, "pdf").startswith(b"%PDF")


def test_the_svg_is_the_same_for_the_same_data():
    points = [charts.Point(1, "Photo donation", ease=4, impact=5, front=True)]
    assert charts.impact_ease_svg(points) == charts.impact_ease_svg(points)
