"""The activity recipes: their catalogue, the dated checklist, the "start small" advice and
the outputs as people type them."""

from datetime import date, timedelta
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from partnerkit.method import activities
from partnerkit.method.activities import Article, OutputKind
from partnerkit.method.goal_types import CODES as GOAL_TYPE_CODES
from partnerkit.method.roles import AREAS

DAYS = st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31))


def test_the_catalogue_has_the_talks_formats_once_each():
    assert set(activities.CODES) == {
        "editathon", "photo_drive", "writing_competition", "wikipedia_talk", "data_donation",
        "training", "visiting_scholar",
    }
    assert len(activities.CODES) == len(activities.RECIPES)


@pytest.mark.parametrize("recipe", activities.RECIPES, ids=lambda recipe: recipe.code)
def test_every_recipe_is_complete_and_each_item_is_somebodys_job(recipe):
    assert recipe.title and recipe.description and recipe.typical_length and recipe.first_scale
    assert recipe.typical_days >= 1
    assert recipe.goal_types and recipe.goal_types <= set(GOAL_TYPE_CODES)
    offsets = [step.offset_days for step in recipe.checklist]
    # Something to prepare, something on the day or after, and never a guess years away.
    assert min(offsets) < 0 and max(offsets) >= 0
    assert all(abs(offset) <= activities.MAX_OFFSET_DAYS for offset in offsets)
    assert all(step.area in AREAS for step in recipe.checklist)
    assert len({step.title for step in recipe.checklist}) == len(recipe.checklist)
    assert recipe.outputs <= set(OutputKind)


def test_the_outputs_fit_each_format():
    by_code = activities.BY_CODE
    assert OutputKind.COMMONS_CATEGORY in by_code["photo_drive"].outputs
    assert by_code["data_donation"].outputs == {OutputKind.WIKIDATA_ITEMS}
    assert OutputKind.ARTICLES in by_code["writing_competition"].outputs
    # A talk explains how the wikis work; it leaves no edits behind.
    assert by_code["wikipedia_talk"].outputs == frozenset()
    assert by_code["visiting_scholar"].outputs == set(OutputKind)
    assert activities.check_area_codes() == []


def test_the_editathon_checklist_is_dated_from_the_start():
    steps = activities.checklist(activities.recipe("editathon"), date(2026, 5, 16))
    dated = {step.title: step.due_on for step in steps}
    assert dated["Book the venue: room, wi-fi, power sockets, accessibility"] == date(2026, 4, 18)
    assert dated["Announce it on the wiki and open the event page"] == date(2026, 5, 2)
    assert dated["Sign-in sheet and event page: participants add their usernames"] == date(
        2026, 5, 16
    )
    assert dated["Thank the participants and the partner"] == date(2026, 5, 19)
    assert dated["Count the outputs and report them on the event page"] == date(2026, 5, 23)
    assert [step.position for step in steps] == list(range(len(steps)))


@given(st.sampled_from(activities.RECIPES), DAYS)
def test_each_item_keeps_its_distance_from_the_start_in_date_order(recipe, start):
    steps = activities.checklist(recipe, start)
    assert len(steps) == len(recipe.checklist)
    assert all(step.due_on - start == timedelta(days=step.offset_days) for step in steps)
    assert [step.due_on for step in steps] == sorted(step.due_on for step in steps)
    # Items due the same day keep the recipe's order.
    order = {step.title: index for index, step in enumerate(recipe.checklist)}
    for first, second in pairwise(steps):
        if first.due_on == second.due_on:
            assert order[first.title] < order[second.title]


@given(st.sampled_from(activities.RECIPES), DAYS, st.integers(-365, 365))
def test_moving_the_start_moves_a_due_date_by_as_much(recipe, start, shift):
    new_start = start + timedelta(days=shift)
    for step in activities.checklist(recipe, start):
        moved = activities.moved(step.due_on, old_start=start, new_start=new_start)
        assert moved == new_start + timedelta(days=step.offset_days)


def test_the_typical_end_counts_the_first_day():
    assert activities.typical_end(activities.recipe("editathon"), date(2026, 5, 16)) == date(
        2026, 5, 16
    )
    assert activities.typical_end(
        activities.recipe("writing_competition"), date(2026, 5, 1)
    ) == date(2026, 5, 30)


def test_an_unknown_recipe_names_the_valid_ones():
    with pytest.raises(KeyError, match="editathon"):
        activities.recipe("hackathon")


def test_suggestions_put_the_formats_for_the_goal_types_first():
    first = activities.suggested(["content_acquisition", "content_spreading"])[:2]
    assert {recipe.code for recipe in first} <= {"photo_drive", "data_donation",
                                                  "visiting_scholar"}
    assert activities.suggested([])[0].code == activities.RECIPES[0].code
    assert len(activities.suggested(["advocacy"])) == len(activities.RECIPES)


# Start small -----------------------------------------------------------------------------------


def test_a_big_first_activity_is_advised_to_start_small():
    editathon = activities.recipe("editathon")
    advice = activities.first_time_advice(
        editathon, held_before=0, expected_participants=60, length_days=1
    )
    assert [item.code for item in advice] == ["first_too_many"]
    assert "at most 12 participants" in str(advice[0])
    assert advice[0].params["scale"] == editathon.first_scale


def test_a_small_first_or_a_later_big_activity_gets_no_advice():
    editathon = activities.recipe("editathon")
    assert activities.first_time_advice(
        editathon, held_before=0, expected_participants=12, length_days=1
    ) == []
    assert activities.first_time_advice(
        editathon, held_before=0, expected_participants=None, length_days=1
    ) == []
    assert activities.first_time_advice(
        editathon, held_before=1, expected_participants=200, length_days=30
    ) == []


def test_a_long_first_activity_is_advised_to_be_shorter():
    scholar = activities.recipe("visiting_scholar")
    advice = activities.first_time_advice(
        scholar, held_before=0, expected_participants=None, length_days=365
    )
    assert [item.code for item in advice] == ["first_too_long"]
    assert "365 days" in str(advice[0])


# Outputs ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "article"),
    [
        ("en.wikipedia.org|Ada Lovelace", Article("en.wikipedia.org", "Ada Lovelace")),
        (" sv.wikipedia.org | Nordiska_museet ", Article("sv.wikipedia.org", "Nordiska museet")),
        ("https://sv.wikipedia.org/wiki/Nordiska_museet",
         Article("sv.wikipedia.org", "Nordiska museet")),
        ("https://de.m.wikipedia.org/wiki/Caf%C3%A9_Sacher",
         Article("de.wikipedia.org", "Café Sacher")),
        ("en.wikivoyage.org/wiki/Stockholm", Article("en.wikivoyage.org", "Stockholm")),
        ("https://ar.wikipedia.org/wiki/%D9%85%D8%AA%D8%AD%D9%81",
         Article("ar.wikipedia.org", "متحف")),
    ],
)
def test_articles_are_read_from_their_address_or_wiki_and_title(text, article):
    assert activities.parse_article(text) == article
    assert article.as_dict() == {"wiki": article.wiki, "title": article.title}


@pytest.mark.parametrize(
    "text",
    [
        "Ada Lovelace",
        "example.org|Ada Lovelace",
        "https://en.wikipedia.org/w/index.php?title=Ada",
        "en.wikipedia.org|",
        "en.wikipedia.org|A [bracket]",
        "en.wikipedia.org|" + "x" * 256,
        "https://evil.example/wiki/en.wikipedia.org",
    ],
)
def test_what_is_not_an_article_is_refused(text):
    assert activities.parse_article(text) is None


def test_lists_of_articles_keep_each_once_and_report_the_bad_lines():
    found, bad = activities.parse_articles(
        ["en.wikipedia.org|Ada Lovelace", "", "https://en.wikipedia.org/wiki/Ada_Lovelace",
         "  nonsense  ", "fr.wikipedia.org|Ada Lovelace"]
    )
    assert found == [Article("en.wikipedia.org", "Ada Lovelace"),
                     Article("fr.wikipedia.org", "Ada Lovelace")]
    assert bad == ["nonsense"]


def test_wikidata_items_are_normalised_and_malformed_ones_named():
    found, bad = activities.parse_qids(
        ["Q42", "q42", " https://www.wikidata.org/wiki/Q1040 ", "Q0", "P31", "Qx", ""]
    )
    assert found == ["Q42", "Q1040"]
    assert bad == ["Q0", "P31", "Qx"]
    assert activities.split_list("Q1, Q2;Q3\nQ4  Q5") == ["Q1", "Q2", "Q3", "Q4", "Q5"]
