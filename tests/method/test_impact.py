"""The impact figures' definitions and the month arithmetic behind them."""

import datetime as dt

from partnerkit.method import impact
from partnerkit.method.impact import MediaFile


def test_media_figures_count_each_file_wiki_and_article_once():
    files = [
        MediaFile(True, frozenset({("en.wikipedia.org", "Alpha"), ("de.wikipedia.org", "Alpha")})),
        MediaFile(True, frozenset({("en.wikipedia.org", "Alpha")})),
        MediaFile(False, frozenset({("fr.wikipedia.org", "Bêta")})),
        MediaFile(True, frozenset()),
        MediaFile(False, frozenset()),
    ]
    assert impact.media_figures(files) == {
        "media_files": 5, "files_used": 3, "wikis": 3, "pages": 3,
    }
    # Only the top category: the subcategory's files and their articles drop out.
    assert impact.media_figures(files, deep=False) == {
        "media_files": 3, "files_used": 2, "wikis": 2, "pages": 2,
    }
    assert impact.media_figures([]) == {"media_files": 0, "files_used": 0, "wikis": 0, "pages": 0}


def test_the_last_complete_month_waits_for_the_views_to_settle():
    assert impact.last_complete_month(dt.date(2026, 12, 3)) == dt.date(2026, 11, 1)
    # On the first of the month the month before is not final yet.
    assert impact.last_complete_month(dt.date(2026, 12, 1)) == dt.date(2026, 10, 1)
    assert impact.last_complete_month(dt.date(2026, 1, 2)) == dt.date(2025, 11, 1)


def test_months_and_their_runs():
    assert impact.months_between(dt.date(2025, 11, 20), dt.date(2026, 2, 1)) == [
        dt.date(2025, 11, 1), dt.date(2025, 12, 1), dt.date(2026, 1, 1), dt.date(2026, 2, 1),
    ]
    assert impact.months_between(dt.date(2026, 3, 1), dt.date(2026, 2, 1)) == []
    months = [dt.date(2026, m, 1) for m in (1, 2, 3, 5, 7, 8)]
    assert impact.contiguous(reversed(months)) == [
        (dt.date(2026, 1, 1), dt.date(2026, 3, 1)),
        (dt.date(2026, 5, 1), dt.date(2026, 5, 1)),
        (dt.date(2026, 7, 1), dt.date(2026, 8, 1)),
    ]


def test_figures_begin_at_the_source_then_the_partnership_then_a_year_back():
    today = dt.date(2026, 12, 3)
    assert impact.first_month(started_on=dt.date(2026, 3, 9), since=dt.date(2026, 5, 2),
                              today=today) == dt.date(2026, 5, 1)
    assert impact.first_month(started_on=dt.date(2026, 3, 9), since=None,
                              today=today) == dt.date(2026, 3, 1)
    assert impact.first_month(started_on=None, since=None, today=today) == dt.date(2025, 12, 1)
    # Page views begin in July 2015.
    assert impact.first_month(started_on=dt.date(2010, 1, 1), since=None,
                              today=today) == dt.date(2015, 7, 1)


def test_every_metric_has_a_label_and_a_definition_and_the_groups_name_known_metrics():
    for metric in impact.METRICS:
        assert metric.label and metric.definition.endswith(".")
    for group in (impact.MEDIA_METRICS, impact.ITEM_METRICS, impact.ARTICLE_METRICS):
        assert set(group) <= set(impact.BY_CODE)
    assert impact.project_of_wiki("en.wikipedia.org") == "en.wikipedia"
    assert impact.project_of_wiki("www.wikidata.org") == "wikidata"
