"""Activities through the services: planned from a recipe, moved, given outputs, cancelled;
bad input names its field and stores nothing."""

import pytest
from django.core.exceptions import ValidationError

from partnerkit.core import events
from partnerkit.core.errors import ConflictError
from partnerkit.running import services
from partnerkit.running.models import Activity, ChecklistItem
from tests.running.conftest import in_days


def stored():
    return (Activity.objects.count(), ChecklistItem.objects.count(), Activity.history.count(),
            ChecklistItem.history.count())


@pytest.fixture
def announced():
    """The activity_outputs_changed announcements, as (activity id, who)."""
    heard = []

    def listener(*, activity, by):
        heard.append((activity.pk, by.username))

    events.listen("activity_outputs_changed", listener)
    yield heard
    events._listeners["activity_outputs_changed"].remove(listener)


def test_planning_from_a_recipe_dates_the_checklist_and_names_the_activity(editathon, project):
    assert editathon.title == "Edit-a-thon with Nordic Museum"
    assert (editathon.starts_on, editathon.ends_on) == (in_days(30), in_days(30))
    assert editathon.status == "planned" and editathon.version == 1
    items = list(editathon.checklist.order_by("position"))
    assert [(item.due_on, item.area) for item in items][:2] == [
        (in_days(30 - 42), "coordination"), (in_days(30 - 28), "venue"),
    ]
    assert items[-1].title == "Count the outputs and report them on the event page"
    assert items[-1].due_on == in_days(37)
    assert editathon.history.count() == 1 and items[0].history.count() == 1


def test_a_long_recipe_lasts_its_usual_length_unless_told(alice, project):
    competition = services.activity_create(
        partnership=project, by=alice, recipe="writing_competition", starts_on=in_days(60),
        title="Costume history month",
    )
    assert competition.ends_on == in_days(89) and competition.title == "Costume history month"
    short = services.activity_create(
        partnership=project, by=alice, recipe="writing_competition", starts_on=in_days(60),
        ends_on=in_days(74),
    )
    assert short.length_days == 15


def test_the_checklist_goes_to_whoever_holds_the_role_for_its_area(alice, carol, project):
    services.role_add(partnership=project, by=alice, side="ours", area="communication",
                      raci="R", member=carol)
    services.role_add(partnership=project, by=alice, side="ours", area="venue", raci="A",
                      member=alice)
    activity = services.activity_create(
        partnership=project, by=alice, recipe="editathon", starts_on=in_days(50)
    )
    owners = {item.area: item.owner for item in activity.checklist.all()}
    assert owners["communication"] == carol
    assert owners["venue"] == alice  # nobody responsible: the accountable one
    assert owners["reporting"] is None


def test_an_unknown_recipe_is_a_recipe_error_and_stores_nothing(alice, project):
    before = stored()
    with pytest.raises(ValidationError) as error:
        services.activity_create(partnership=project, by=alice, recipe="hackathon",
                                 starts_on=in_days(5))
    assert list(error.value.message_dict) == ["recipe"]
    assert "editathon" in error.value.message_dict["recipe"][0]
    assert stored() == before


def test_an_end_before_the_start_names_both_days(alice, project):
    before = stored()
    with pytest.raises(ValidationError) as error:
        services.activity_create(partnership=project, by=alice, recipe="training",
                                 starts_on=in_days(10), ends_on=in_days(9))
    assert list(error.value.message_dict) == ["ends_on"]
    assert "is before the start" in error.value.message_dict["ends_on"][0]
    assert stored() == before


def test_a_missing_start_is_one_error_under_the_start(alice, project):
    with pytest.raises(ValidationError) as error:
        services.activity_create(partnership=project, by=alice, recipe="training",
                                 starts_on=None)
    assert list(error.value.message_dict) == ["starts_on"]


def test_all_problems_are_reported_together(alice, project):
    with pytest.raises(ValidationError) as error:
        services.activity_create(
            partnership=project, by=alice, recipe="photo_drive", starts_on=in_days(3),
            ends_on=in_days(1), expected_participants=-4, wikidata_items=["Q1", "Qx"],
        )
    assert set(error.value.message_dict) == {"ends_on", "expected_participants",
                                             "wikidata_items"}


def test_moving_the_start_moves_the_open_items_and_the_end_not_the_done_ones(
    alice, carol, editathon
):
    done = editathon.checklist.order_by("position").first()
    services.checklist_item_update(item=done, by=carol, done=True)
    open_before = {item.pk: item.due_on for item in editathon.checklist.filter(done_at=None)}
    moved = services.activity_update(activity=editathon, by=alice, version=1,
                                     starts_on=in_days(37))
    assert (moved.starts_on, moved.ends_on, moved.version) == (in_days(37), in_days(37), 2)
    for item in editathon.checklist.all():
        if item.pk == done.pk:
            assert item.due_on == done.due_on
        else:
            assert (item.due_on - open_before[item.pk]).days == 7
            assert item.history.first().history_change_reason.startswith("Moved with the start")


def test_a_new_start_with_its_own_end_keeps_that_end(alice, editathon):
    moved = services.activity_update(activity=editathon, by=alice, version=None,
                                     starts_on=in_days(40), ends_on=in_days(41))
    assert (moved.starts_on, moved.ends_on) == (in_days(40), in_days(41))


def test_a_stale_edit_is_a_conflict_and_changes_nothing(alice, carol, editathon):
    services.activity_update(activity=editathon, by=carol, version=1, location="Room 2")
    with pytest.raises(ConflictError) as conflict:
        services.activity_update(activity=editathon, by=alice, version=1, starts_on=in_days(3))
    assert conflict.value.current_version == 2
    assert conflict.value.changes == {"location": ("Museum library", "Room 2")}
    editathon.refresh_from_db()
    assert editathon.starts_on == in_days(30)


def test_an_edit_that_changes_nothing_saves_no_version(alice, editathon):
    services.activity_update(activity=editathon, by=alice, version=1, location="Museum library")
    editathon.refresh_from_db()
    assert editathon.version == 1 and editathon.history.count() == 1


def test_an_activity_can_only_be_held_once_it_has_started(alice, editathon):
    with pytest.raises(ValidationError) as error:
        services.activity_update(activity=editathon, by=alice, version=1, status="held")
    assert list(error.value.message_dict) == ["status"]
    held = services.activity_update(activity=editathon, by=alice, version=1,
                                    starts_on=in_days(-1), status="held",
                                    actual_participants=9, new_accounts=4)
    assert held.status == "held"


def test_more_new_accounts_than_participants_is_refused(alice, editathon):
    with pytest.raises(ValidationError) as error:
        services.activity_update(activity=editathon, by=alice, version=1,
                                 actual_participants=3, new_accounts=5)
    assert error.value.message_dict == {
        "new_accounts": ["More new accounts (5) than participants (3)."]
    }


def test_cancelling_goes_through_its_own_service(alice, editathon):
    with pytest.raises(ValidationError) as error:
        services.activity_update(activity=editathon, by=alice, version=1, status="cancelled")
    assert list(error.value.message_dict) == ["status"]


# Outputs ---------------------------------------------------------------------------------------


def test_outputs_are_normalised_and_announced_once(alice, editathon, announced):
    saved = services.activity_update(
        activity=editathon, by=alice, version=1,
        commons_category="Category:Costume_photographs from the Nordic Museum",
        uploads_count=120, wikidata_items=["q42", "https://www.wikidata.org/wiki/Q1040", "Q42"],
        articles=["https://sv.wikipedia.org/wiki/Nordiska_museet",
                  {"wiki": "en.wikipedia.org", "title": "Folk costume"}],
    )
    assert saved.commons_category == "Costume photographs from the Nordic Museum"
    assert saved.wikidata_items == ["Q42", "Q1040"]
    assert saved.articles == [
        {"wiki": "sv.wikipedia.org", "title": "Nordiska museet"},
        {"wiki": "en.wikipedia.org", "title": "Folk costume"},
    ]
    assert announced == [(editathon.pk, "alice")]
    # The same outputs again: nothing new to count, nothing announced.
    services.activity_update(activity=editathon, by=alice, version=2, uploads_count=120,
                             wikidata_items=["Q42", "Q1040"])
    services.activity_update(activity=editathon, by=alice, version=2, location="Room 3")
    assert announced == [(editathon.pk, "alice")]


def test_a_malformed_wikidata_id_is_named(alice, editathon, announced):
    before = stored()
    with pytest.raises(ValidationError) as error:
        services.activity_update(activity=editathon, by=alice, version=1,
                                 wikidata_items=["Q42", "Q12x", "P31"])
    assert error.value.message_dict == {"wikidata_items": [
        "“Q12x” is not a Wikidata item id such as Q42.",
        "“P31” is not a Wikidata item id such as Q42.",
    ]}
    assert stored() == before and announced == []


def test_an_article_without_a_wiki_is_named(alice, editathon):
    with pytest.raises(ValidationError) as error:
        services.activity_update(activity=editathon, by=alice, version=1,
                                 articles=["Folk costume", "example.org|Folk costume"])
    messages = error.value.message_dict["articles"]
    assert len(messages) == 2 and messages[0].startswith("“Folk costume” is not an article")


def test_a_category_with_forbidden_characters_is_refused(alice, editathon):
    with pytest.raises(ValidationError) as error:
        services.activity_update(activity=editathon, by=alice, version=1,
                                 commons_category="Photos [2026]")
    assert list(error.value.message_dict) == ["commons_category"]


def test_an_activity_planned_with_outputs_announces_them(alice, project, announced):
    activity = services.activity_create(
        partnership=project, by=alice, recipe="data_donation", starts_on=in_days(-20),
        wikidata_items=["Q1439564"],
    )
    assert announced == [(activity.pk, "alice")]


# Cancelling and deleting -----------------------------------------------------------------------


def test_cancelling_needs_a_reason_and_happens_once(alice, editathon):
    with pytest.raises(ValidationError) as error:
        services.activity_cancel(activity=editathon, by=alice, version=1, reason="  ")
    assert list(error.value.message_dict) == ["reason"]
    cancelled = services.activity_cancel(activity=editathon, by=alice, version=1,
                                         reason="The library is being renovated.")
    assert (cancelled.status, cancelled.cancel_reason) == (
        "cancelled", "The library is being renovated."
    )
    assert cancelled.history.first().history_change_reason.startswith("Cancelled: ")
    with pytest.raises(ValidationError):
        services.activity_cancel(activity=editathon, by=alice, version=None, reason="Again")
    planned = services.activity_update(activity=editathon, by=alice, version=2,
                                       status="planned")
    assert (planned.status, planned.cancel_reason) == ("planned", "")


def test_deleting_keeps_the_history_of_the_activity_and_its_checklist(alice, editathon):
    items = editathon.checklist.count()
    services.activity_delete(activity=editathon, by=alice)
    assert not Activity.objects.exists() and not ChecklistItem.objects.exists()
    assert Activity.history.filter(history_type="-", history_user=alice).count() == 1
    assert ChecklistItem.history.filter(history_type="-").count() == items


# The checklist ---------------------------------------------------------------------------------


def test_ticking_records_who_and_when_and_unticking_clears_it(carol, editathon):
    item = editathon.checklist.first()
    ticked = services.checklist_item_update(item=item, by=carol, done=True)
    assert ticked.done and ticked.done_by == carol and ticked.done_at is not None
    again = services.checklist_item_update(item=item, by=carol, done=True)
    assert again.history.count() == 2  # ticking a ticked item records nothing
    opened = services.checklist_item_update(item=item, by=carol, done=False)
    assert (opened.done_at, opened.done_by) == (None, None)
    assert opened.history.count() == 3


def test_adding_and_removing_items(alice, carol, bob, south, editathon):
    item = services.checklist_item_add(activity=editathon, by=alice, title="Order the cake",
                                       due_on=in_days(28), owner=carol)
    assert item.position == editathon.checklist.count() - 1 and item.owner == carol
    with pytest.raises(ValidationError) as error:
        services.checklist_item_add(activity=editathon, by=alice, title="X",
                                    due_on=in_days(28), owner=bob)
    assert error.value.message_dict == {"owner": ["bob is not a member of this workspace."]}
    with pytest.raises(ValidationError) as error:
        services.checklist_item_add(activity=editathon, by=alice, title=" ",
                                    due_on=in_days(3000))
    assert set(error.value.message_dict) == {"title", "due_on"}
    item_id = item.pk
    services.checklist_item_remove(item=item, by=alice)
    assert not ChecklistItem.objects.filter(pk=item_id).exists()
    assert ChecklistItem.history.filter(id=item_id, history_type="-").get().history_user == alice
