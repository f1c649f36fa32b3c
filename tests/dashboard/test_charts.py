"""The hand-built bar charts: accessible, escaped, in proportion, and mirrored for a
right-to-left language."""

import re

import pytest

from partnerkit.dashboard.charts import WIDTH, BarChart, Marker, Row, Series, bars_svg


def chart(**changes):
    values = {
        "chart_id": "test-chart",
        "title": "Things <counted>",
        "description": "Two rows & a line.",
        "series": (Series("First", "#36c"), Series("Second", "#177860")),
        "rows": (
            Row("A <b>row</b>", (3, 1), "4", href="/list/?x=1&y=2", link_label="A: 4"),
            Row("Empty", (0, 0), "0", note="none", note_alert=True),
        ),
    }
    values.update(changes)
    return BarChart(**values)


def rects(svg):
    return [
        (float(x), float(width), fill)
        for x, width, fill in re.findall(
            r'<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)" height="16" fill="([^"]+)"/>', svg
        )
    ]


def test_a_chart_with_links_is_a_labelled_group_of_them():
    svg = bars_svg(chart(), rtl=False)
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"')
    assert 'role="group" aria-labelledby="test-chart-title test-chart-desc"' in svg
    assert '<title id="test-chart-title">Things &lt;counted&gt;</title>' in svg
    assert '<desc id="test-chart-desc">Two rows &amp; a line.</desc>' in svg
    assert '<a href="/list/?x=1&amp;y=2" class="chart-row" aria-label="A: 4">' in svg
    assert "A &lt;b&gt;row&lt;/b&gt;" in svg and "<b>" not in svg
    assert re.search(r'fill="#bf3c2c"[^>]*>none</text>', svg)


def test_without_links_it_is_one_image():
    rows = (Row("Only", (1, 1), "2"),)
    assert 'role="img"' in bars_svg(chart(rows=rows), rtl=False)


def test_segments_are_in_proportion_and_empty_ones_are_not_drawn():
    drawn = rects(bars_svg(chart(), rtl=False))
    assert [fill for _x, _width, fill in drawn] == ["#36c", "#177860"]
    (x1, first, _), (x2, second, _) = drawn
    assert x1 == 0 and first == 3 * (second + 1)  # a 1-unit white gap parts the two
    assert x2 == first + 1


def test_a_marker_sets_the_scale_when_it_is_the_largest():
    svg = bars_svg(chart(marker=Marker(8, "Available: 8 h")), rtl=False)
    (_x, first, _), _second = rects(svg)
    line = float(re.search(r'<line x1="([\d.]+)"', svg).group(1))
    assert line == pytest.approx(first / 3 * 8, abs=0.5)
    assert "Available: 8 h" in svg


def test_right_to_left_mirrors_the_bars_not_the_text():
    ltr, rtl = bars_svg(chart(), rtl=False), bars_svg(chart(), rtl=True)
    assert 'direction="rtl"' in rtl and 'direction="rtl"' not in ltr
    for (x, width, _), (mirrored_x, mirrored_width, _) in zip(rects(ltr), rects(rtl)):
        assert mirrored_width == width and mirrored_x == WIDTH - x - width
    assert re.search(r'<text x="598" y="[\d.]+" text-anchor="start"[^>]*>A &lt;b', rtl)
