"""Roles through the services, the single points of failure a partnership shows, and the stage
rule that asks for a plan B and someone accountable before running."""

import pytest
from django.core.exceptions import ValidationError

from partnerkit.core.errors import ConflictError
from partnerkit.method import roles as method
from partnerkit.method import stages
from partnerkit.partnerships.models import Partnership
from partnerkit.partnerships.services import facts_of, partnership_move
from partnerkit.running import selectors, services
from partnerkit.running.models import ChecklistItem, Role
from partnerkit.workspaces.services import membership_remove


def role_errors(**values):
    with pytest.raises(ValidationError) as error:
        services.role_add(**values)
    return error.value.message_dict


def test_roles_on_both_sides_with_deputies(alice, carol, project, ingrid, sven):
    ours = services.role_add(partnership=project, by=alice, side="ours", area="Uploads",
                             raci="R", member=carol, deputy_member=alice)
    theirs = services.role_add(partnership=project, by=alice, side="partner",
                               area="legal", raci="A", contact=ingrid, deputy_contact=sven)
    # An area named like the catalogue's is stored by its code.
    assert ours.area == "uploads" and ours.person_name == "carol" and ours.deputy_name == "alice"
    assert theirs.person_key == f"contact:{ingrid.pk}" and theirs.deputy_name == "Sven Berg"
    assert ours.history.count() == 1
    free = services.role_add(partnership=project, by=alice, side="ours", area=" press  contacts",
                             raci="C", member=alice)
    assert free.area == "press contacts"


def test_a_deputy_equal_to_the_person_is_refused(alice, project, ingrid):
    errors = role_errors(partnership=project, by=alice, side="ours", area="venue", raci="R",
                         member=alice, deputy_member=alice)
    assert errors == {"deputy_member": ["The deputy must be someone else than alice."]}
    errors = role_errors(partnership=project, by=alice, side="partner", area="venue", raci="R",
                         contact=ingrid, deputy_contact=ingrid)
    assert errors == {"deputy_contact": ["The deputy must be someone else than Ingrid Larsson."]}
    assert not Role.objects.exists()


def test_people_of_another_workspace_or_partner_are_refused_by_field(
    alice, bob, project, southern_library
):
    lucia = southern_library.contacts.get()
    errors = role_errors(partnership=project, by=alice, side="partner", area="venue", raci="R",
                         contact=lucia)
    assert errors == {"contact": ["Lucía Gómez is not a contact of Nordic Museum."]}
    errors = role_errors(partnership=project, by=alice, side="ours", area="venue", raci="R",
                         member=bob)
    assert errors == {"member": ["bob is not a member of this workspace."]}
    errors = role_errors(partnership=project, by=alice, side="ours", area="venue", raci="R",
                         member=alice, deputy_member=bob)
    assert errors == {"deputy_member": ["bob is not a member of this workspace."]}
    assert not Role.objects.exists()


def test_each_side_holds_its_own_people(alice, project, ingrid):
    errors = role_errors(partnership=project, by=alice, side="ours", area="venue", raci="R",
                         contact=ingrid)
    assert set(errors) == {"contact", "member"}
    errors = role_errors(partnership=project, by=alice, side="partner", area="venue", raci="R",
                         member=alice)
    assert set(errors) == {"member", "contact"}
    errors = role_errors(partnership=project, by=alice, side="theirs", area="", raci="X")
    assert set(errors) == {"side", "raci", "area"}


def test_the_same_letter_for_the_same_area_is_held_once_by_a_person(alice, project):
    services.role_add(partnership=project, by=alice, side="ours", area="venue", raci="R",
                      member=alice)
    errors = role_errors(partnership=project, by=alice, side="ours", area="Venue and logistics",
                         raci="R", member=alice)
    assert errors == {"area": ["alice already holds this letter for “Venue and logistics”."]}


def test_changing_a_role_is_versioned_and_a_side_switch_leaves_the_old_people(
    alice, carol, project, ingrid
):
    role = services.role_add(partnership=project, by=alice, side="ours", area="venue",
                             raci="R", member=carol)
    services.role_update(role=role, by=alice, version=1, deputy_member=alice)
    with pytest.raises(ConflictError) as conflict:
        services.role_update(role=role, by=carol, version=1, raci="A")
    assert conflict.value.current_version == 2
    switched = services.role_update(role=role, by=alice, version=2, side="partner",
                                    contact=ingrid)
    assert (switched.member, switched.deputy_member, switched.contact) == (None, None, ingrid)
    assert switched.history.count() == 3
    services.role_delete(role=switched, by=alice)
    assert Role.history.filter(id=role.pk, history_type="-").get().history_user == alice


# Single points of failure ----------------------------------------------------------------------


def test_the_partnership_shows_its_single_points_of_failure_translated(
    alice, carol, project, ingrid
):
    services.role_add(partnership=project, by=alice, side="ours", area="uploads", raci="R",
                      member=carol)
    services.role_add(partnership=project, by=alice, side="partner", area="legal", raci="A",
                      contact=ingrid)
    services.role_add(partnership=project, by=alice, side="ours", area="communication",
                      raci="I", member=alice)
    roles = selectors.roles_of(project)
    assert [risk.code for risk in roles.risks] == ["no_deputy", "no_deputy"]
    assert roles.warnings[0].startswith("carol is the only one responsible for “Uploads and")
    assert "Ingrid Larsson is the only one accountable for “Licences and permissions”" in (
        roles.warnings[1]
    )
    assert [row.area for row in roles.ours] == [
        "Announcements and communication", "Uploads and Commons categories"
    ]


def test_a_deputy_makes_the_warning_go(alice, carol, project):
    role = services.role_add(partnership=project, by=alice, side="ours", area="uploads",
                             raci="R", member=carol)
    assert len(selectors.roles_of(project).warnings) == 1
    services.role_update(role=role, by=alice, version=1, deputy_member=alice)
    assert selectors.roles_of(project).warnings == []


def test_someone_leaving_gives_up_their_roles_and_their_open_items(
    alice, carol, north, project, editathon
):
    held = services.role_add(partnership=project, by=alice, side="ours", area="uploads",
                             raci="R", member=carol)
    deputised = services.role_add(partnership=project, by=alice, side="ours", area="venue",
                                  raci="A", member=alice, deputy_member=carol)
    item = editathon.checklist.first()
    services.checklist_item_update(item=item, by=alice, owner=carol)
    membership_remove(membership=north.memberships.get(user=carol), by=alice)
    assert not Role.objects.filter(pk=held.pk).exists()
    deputised.refresh_from_db()
    assert deputised.deputy_member is None and deputised.version == 2
    assert ChecklistItem.objects.get(pk=item.pk).owner is None
    # Alice now holds the venue alone: the warning is back.
    assert [risk.code for risk in selectors.roles_of(project).risks] == ["no_deputy"]


# The stage rule --------------------------------------------------------------------------------


def rule_messages(partnership):
    partnership = Partnership.objects.get(pk=partnership.pk)
    found = stages.unmet(facts_of(partnership), "running", "agreed")
    return [str(item) for item in found if item.rule == method.RULE_CODE]


def test_running_waits_for_a_plan_b_and_someone_accountable_on_our_side(
    alice, carol, project, ingrid
):
    assert len(rule_messages(project)) == 2
    services.plan_b_save(partnership=project, by=alice, version=None,
                         plan_b="If the museum pulls out, photograph the open-air site.")
    assert len(rule_messages(project)) == 1
    # Accountable on the partner's side does not count for ours.
    services.role_add(partnership=project, by=alice, side="partner", area="partnership",
                      raci="A", contact=ingrid)
    assert len(rule_messages(project)) == 1
    services.role_add(partnership=project, by=alice, side="ours", area="partnership",
                      raci="A", member=carol)
    assert rule_messages(project) == []


def test_a_move_to_running_names_what_is_missing_and_an_override_records_it(alice, project):
    Partnership.objects.filter(pk=project.pk).update(stage="agreed")
    project.refresh_from_db()
    change = partnership_move(partnership=project, to_stage="running", by=alice,
                              override_reason="The board asked us to start now.")
    assert any(text.startswith("A plan B:") for text in change.overridden)
    assert any("accountable (A)" in text for text in change.overridden)


def test_the_plan_b_is_versioned_with_the_partnership(alice, carol, project):
    services.plan_b_save(partnership=project, by=carol, version=project.version, plan_b="A")
    with pytest.raises(ConflictError):
        services.plan_b_save(partnership=project, by=alice, version=project.version,
                             plan_b="B")


def test_the_stage_facts_cost_one_query(project, django_assert_num_queries):
    with django_assert_num_queries(1):
        facts = selectors.stage_facts(project)
    assert facts == {"plan_b_written": False, "accountable_ours": 0}
