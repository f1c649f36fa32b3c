"""Sources of figures: what may be counted, checked entry by entry, and an activity's outputs."""

import pytest
from django.core.exceptions import ValidationError

from partnerkit.core.errors import ConflictError
from partnerkit.impact import services
from partnerkit.impact.models import Source


def test_a_category_is_stored_by_its_name_without_the_prefix(running, alice):
    source = services.source_create(partnership=running, by=alice, kind="category",
                                    name="Category:Images_from_Nordiska_museet")
    assert source.name == "Images from Nordiska museet"
    assert source.deep and source.entries == []
    assert str(source) == "Category:Images from Nordiska museet"
    assert source.history.count() == 1


def test_a_category_counts_once_per_partnership(running, alice):
    services.source_create(partnership=running, by=alice, kind="category", name="X files")
    with pytest.raises(ValidationError) as caught:
        services.source_create(partnership=running, by=alice, kind="category", name="X_files")
    assert "already counts" in caught.value.message_dict["name"][0]
    assert Source.objects.count() == 1


def test_a_media_source_needs_its_name(running, alice):
    with pytest.raises(ValidationError) as caught:
        services.source_create(partnership=running, by=alice, kind="uploader", name="  ")
    assert caught.value.message_dict["name"] == ["Give the Commons user name."]


def test_list_entries_are_checked_line_by_line_and_nothing_is_stored_on_error(running, alice):
    with pytest.raises(ValidationError) as caught:
        services.source_create(partnership=running, by=alice, kind="items",
                               entries=["Q42", "", "not an item", "https://www.wikidata.org/wiki/Q1"])
    assert caught.value.message_dict["entries"] == [
        "Line 3: not an item is not a Wikidata item id such as Q42."
    ]
    assert not Source.objects.exists()
    source = services.source_create(partnership=running, by=alice, kind="items",
                                    entries=["Q42", "q42", "https://www.wikidata.org/wiki/Q1"])
    assert source.entries == ["Q42", "Q1"]
    assert source.name == "" and source.deep is False


def test_articles_are_taken_from_their_addresses(running, alice):
    source = services.source_create(partnership=running, by=alice, kind="articles", entries=[
        "https://de.wikipedia.org/wiki/Alte_Br%C3%BCcke_(Heidelberg)",
        "en.wikipedia.org|hIV/AIDS",
    ])
    assert source.entries == ["de.wikipedia.org|Alte Brücke (Heidelberg)", "en.wikipedia.org|HIV/AIDS"]
    with pytest.raises(ValidationError) as caught:
        services.source_create(partnership=running, by=alice, kind="articles",
                               entries=["https://example.org/wiki/Foo"])
    assert caught.value.message_dict["entries"][0].startswith("Line 1: https://example.org/wiki/Foo")


def test_an_edit_from_a_stale_version_is_refused(running, alice, bob):
    source = services.source_create(partnership=running, by=alice, kind="category", name="A")
    services.source_update(source=source, by=alice, version=1, deep=False)
    with pytest.raises(ConflictError):
        services.source_update(source=source, by=alice, version=1, name="B")
    source.refresh_from_db()
    assert (source.name, source.deep, source.version) == ("A", False, 2)


def test_refreshing_needs_a_source_of_this_workspace(north, south, running, alice, bob):
    with pytest.raises(ValidationError, match="nothing to refresh"):
        services.refresh_start(workspace=north, by=alice, enqueue=False)
    source = services.source_create(partnership=running, by=alice, kind="category", name="A")
    with pytest.raises(ValidationError, match="not in this workspace"):
        services.refresh_start(workspace=south, by=bob, sources=[source], enqueue=False)
    run = services.refresh_start(workspace=north, by=alice, enqueue=False)
    assert run.source_ids == [source.pk] and run.status == "queued"


def test_the_database_knows_the_methods_origins_each_with_its_words():
    from partnerkit.impact.models import Origin, origin_label
    from partnerkit.method import impact

    assert set(Origin.values) == {origin.value for origin in impact.Origin}
    for origin in impact.Origin:
        assert origin_label(origin.value) == impact.ORIGIN_LABELS[origin]
