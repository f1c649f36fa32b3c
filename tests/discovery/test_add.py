"""Adding discovered organisations as partners, each with a partnership at the idea stage."""

import pytest
from django.core.exceptions import ValidationError

from partnerkit.discovery import services
from partnerkit.partners.models import Partner
from partnerkit.partnerships.models import Partnership, Stage
from partnerkit.research.models import EnrichmentRun

ROWS = [
    {
        "qid": "Q1145",
        "label": "Vasamuseet",
        "description": "maritime museum",
        "sitelinks": 61,
        "website": "https://www.vasamuseet.se/",
        "commons": "Vasa Museum",
        "country": "SE",
        "place": "Djurgården",
    },
    {
        "qid": "Q1780",
        "label": "Moderna Museet",
        "description": "",
        "sitelinks": 38,
        "website": "",
        "commons": "",
        "country": "SE",
        "place": "",
    },
]


def test_each_row_becomes_a_partner_with_an_idea_partnership_and_history(north, alice):
    result = services.discovery_add(workspace=north, by=alice, rows=ROWS, partner_kind="museum")
    assert [partner.name for partner in result.added] == ["Vasamuseet", "Moderna Museet"]
    vasa = Partner.objects.get(wikidata_qid="Q1145")
    assert (
        vasa.workspace,
        vasa.kind,
        vasa.country.code,
        vasa.place,
        vasa.website,
        vasa.description,
        vasa.created_by,
    ) == (
        north,
        "museum",
        "SE",
        "Djurgården",
        "https://www.vasamuseet.se/",
        "maritime museum",
        alice,
    )
    partnership = Partnership.objects.get(partner=vasa)
    assert partnership.stage == Stage.IDEA
    assert partnership.title == "Partnership with Vasamuseet"
    assert partnership.workspace == north and partnership.created_by == alice
    assert vasa.history.get().history_user == alice
    assert partnership.history.get().history_user == alice
    # Their Wikidata facts are fetched next.
    assert result.enrichment_queued
    run = EnrichmentRun.objects.get()
    assert sorted(run.partner_ids) == sorted(partner.pk for partner in result.added)
    assert run.workspace == north


def test_items_already_partners_are_skipped_and_reported(north, alice, museum):
    rows = [
        {"qid": "Q1439564", "label": "Nordiska museet"},
        *ROWS,
        {"qid": "Q1145", "label": "Vasamuseet again"},
    ]
    result = services.discovery_add(workspace=north, by=alice, rows=rows, partner_kind="museum")
    assert [partner.wikidata_qid for partner in result.added] == ["Q1145", "Q1780"]
    assert [(row["qid"], name) for row, name in result.skipped] == [
        ("Q1439564", "Nordic Museum"),
        ("Q1145", "Vasamuseet"),
    ]
    assert Partner.objects.filter(workspace=north).count() == 3


def test_a_partner_of_another_workspace_does_not_count_as_registered(north, south, alice, bob):
    services.discovery_add(workspace=south, by=bob, rows=ROWS[:1], partner_kind="museum")
    result = services.discovery_add(workspace=north, by=alice, rows=ROWS[:1], partner_kind="museum")
    assert len(result.added) == 1 and not result.skipped


def test_one_invalid_row_adds_nothing_and_names_the_row(north, alice):
    bad = {"qid": "Q3", "label": "Broken Museum", "website": "not a web address"}
    with pytest.raises(ValidationError) as refused:
        services.discovery_add(workspace=north, by=alice, rows=[*ROWS, bad], partner_kind="museum")
    messages = refused.value.message_dict["website"]
    assert messages and all(message.startswith("Broken Museum (Q3): ") for message in messages)
    assert not Partner.objects.exists() and not Partnership.objects.exists()
    assert Partner.history.count() == 0 and not EnrichmentRun.objects.exists()


def test_an_unknown_partner_kind_is_refused(north, alice):
    with pytest.raises(ValidationError) as refused:
        services.discovery_add(workspace=north, by=alice, rows=ROWS, partner_kind="zoo")
    assert "kind" in refused.value.message_dict
    assert not Partner.objects.exists()


def test_a_row_without_label_is_named_by_its_item(north, alice):
    result = services.discovery_add(
        workspace=north, by=alice, rows=[{"qid": "Q77", "label": ""}], partner_kind="other"
    )
    assert result.added[0].name == "Q77"
