"""The demo workspace: real organisations, made-up people, partnerships in every stage whose
stories agree with the method; only ever loaded into an empty database."""

import json
from importlib import resources

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from partnerkit import demo
from partnerkit.cli import main
from partnerkit.groundwork.models import Goal, GoalTypeDecision, Profile, ReadinessCheck
from partnerkit.method import stages
from partnerkit.method.licences import DECIDED
from partnerkit.method.partner_kinds import Side
from partnerkit.method.wikidata_ids import normalise_qid
from partnerkit.partners import selectors
from partnerkit.partners import services as partner_services
from partnerkit.partners.models import Contact, Partner, PartnerKind
from partnerkit.partnerships import services
from partnerkit.partnerships.models import Partnership, StageChange
from partnerkit.workspaces.models import Membership, Role, Workspace

User = get_user_model()


@pytest.fixture
def workspace(db):
    return demo.load_demo()


@pytest.fixture
def partnerships(workspace):
    return list(
        Partnership.objects.filter(workspace=workspace)
        .select_related("partner", "owner", "partner_owner")
        .prefetch_related("goal_types", "stage_changes")
    )


def titled(title: str) -> Partnership:
    return Partnership.objects.select_related("partner").get(title=title)


def test_the_demo_admin_can_sign_in_with_the_printed_password(workspace, client):
    assert workspace.slug == demo.WORKSPACE_SLUG
    admin = User.objects.get(username=demo.USERNAME)
    assert admin.check_password(demo.PASSWORD)
    memberships = Membership.objects.filter(workspace=workspace)
    roles = dict(memberships.values_list("user__username", "role"))
    assert roles == {"demo": Role.ADMIN, "ada": Role.COORDINATOR, "noah": Role.MEMBER}
    assert client.login(username=demo.USERNAME, password=demo.PASSWORD)


def test_partners_are_varied_real_organisations_with_valid_items(workspace):
    partners = list(Partner.objects.filter(workspace=workspace))
    assert 12 <= len(partners) <= 16
    qids = [partner.wikidata_qid for partner in partners if partner.wikidata_qid]
    assert len(qids) >= 10
    assert all(normalise_qid(qid) == qid for qid in qids)
    assert len(set(qids)) == len(qids)
    kinds = {partner.kind for partner in partners}
    assert len(kinds) >= 10
    assert {
        "museum", "higher_education", "library", "archive", "learned_society",
        "local_government", "affiliate", "nonprofit", "network",
    } <= kinds  # fmt: skip
    assert {PartnerKind(kind).side for kind in kinds} == {Side.INTERNAL, Side.EXTERNAL}
    assert len({partner.country.code for partner in partners if partner.country}) >= 5
    assert all(partner.website.startswith("https://") for partner in partners)


def test_contacts_and_members_are_made_up_people_at_example_org(workspace):
    contacts = Contact.objects.filter(partner__workspace=workspace)
    assert contacts.count() >= 12
    assert all(contact.email.endswith("@example.org") for contact in contacts)
    emails = User.objects.values_list("email", flat=True)
    assert all(email.endswith("@example.org") for email in emails)


def test_some_partners_have_private_notes_and_all_have_tags(workspace):
    partners = Partner.objects.filter(workspace=workspace)
    assert partners.exclude(private_notes="").count() >= 3
    assert all(partner.tags.exists() for partner in partners)


def test_the_partner_history_shows_later_edits_by_other_members(workspace):
    library = Partner.objects.get(workspace=workspace, wikidata_qid="Q27302")
    records = list(library.history.order_by("history_id"))
    assert [record.history_type for record in records] == ["+", "~"]
    assert records[-1].history_user.username == "ada"
    timeline = selectors.partner_timeline(partner=library).entries
    changed = next(entry for entry in timeline if entry.subject == library)
    assert {change.field for change in changed.changes} >= {"public_notes", "tags"}
    edited_contacts = Contact.history.filter(partner__workspace=workspace, history_type="~")
    assert edited_contacts.exists()


# The two partnerships the tour relies on ------------------------------------------------------


def test_the_heritage_register_is_prepared_and_waits_only_for_a_contact_point(workspace):
    register = titled(demo.HERITAGE_REGISTER)
    assert register.stage == "preparing"
    assert (register.decision, bool(register.decision_reason)) == ("go", True)
    estimates = [getattr(register, name) for name in Partnership.ESTIMATES]
    assert None not in estimates and register.effort_hours
    partner = register.partner
    assert partner.kind == "local_government"
    assert partner.contacts.exists()
    assert not partner.contacts.filter(is_contact_point=True).exists()

    with pytest.raises(services.StageBlocked) as blocked:
        services.partnership_move(
            partnership=register, to_stage="in_contact", by=User.objects.get(username="ada")
        )
    assert [item.rule for item in blocked.value.unmet] == ["contact_point_before_contact"]

    sofia = partner.contacts.first()
    partner_services.contact_update(
        contact=sofia, by=register.owner, version=None, is_contact_point=True
    )
    services.partnership_move(partnership=register, to_stage="in_contact", by=register.owner)
    assert register.stage == "in_contact"


def test_the_lecture_series_is_shortlisted_and_can_be_declined_with_a_reason(workspace):
    lectures = titled(demo.LECTURE_SERIES)
    assert lectures.stage == "shortlisted"
    assert lectures.partner.kind == "learned_society"
    noah = User.objects.get(username="noah")
    with pytest.raises(services.StageBlocked) as blocked:
        services.partnership_move(partnership=lectures, to_stage="declined", by=noah)
    assert [item.rule for item in blocked.value.unmet] == ["reason_to_stop"]

    services.partnership_move(
        partnership=lectures, to_stage="declined", by=noah, reason="Too far for our volunteers."
    )
    assert (lectures.stage, lectures.decision_reason) == (
        "declined",
        "Too far for our volunteers.",
    )


# Every story agrees with the method -----------------------------------------------------------


def test_there_is_a_partnership_in_every_stage(partnerships):
    assert 12 <= len(partnerships) <= 15
    assert {p.stage for p in partnerships} == {stage.value for stage in stages.ALL}
    assert len({p.title for p in partnerships}) == len(partnerships)


def test_every_stage_was_reached_through_recorded_moves(partnerships):
    for partnership in partnerships:
        changes = sorted(partnership.stage_changes.all(), key=lambda change: change.pk)
        reached = "idea"
        for change in changes:
            assert change.from_stage == reached, partnership
            reached = change.to_stage
        assert reached == partnership.stage, partnership
        if changes:
            assert partnership.stage_changed_at == changes[-1].at


def test_every_partnership_meets_the_conditions_of_its_stage(partnerships):
    for partnership in partnerships:
        last = max(partnership.stage_changes.all(), key=lambda change: change.pk, default=None)
        facts = services.facts_of(partnership, reason=last.reason if last else "")
        assert stages.unmet(facts, partnership.stage) == [], partnership


def test_the_only_override_is_recorded_with_its_reason_and_what_it_set_aside(workspace):
    overrides = StageChange.objects.filter(partnership__workspace=workspace).exclude(
        override_reason=""
    )
    assert overrides.count() == 1
    override = overrides.get()
    assert override.by.username == "ada"
    assert override.to_stage == "in_contact"
    assert "conference" in override.override_reason
    # Estimates, the "go" decision and the weighing skipped, and the pitch never written.
    assert len(override.overridden) == 4
    assert "pitch page" in override.overridden[-1]


def test_the_stories_fit_their_stages(partnerships):
    today = timezone.localdate()
    after = {
        stage: set(stages.PIPELINE[stages.PIPELINE.index(stage) :])
        for stage in (stages.Stage.PREPARING, stages.Stage.AGREED)
    }
    for p in partnerships:
        if p.stage in after[stages.Stage.PREPARING]:
            assert (p.decision, p.licence in DECIDED, bool(p.batna), bool(p.plan_b)) == (
                "go",
                True,
                True,
                True,
            ), p
            assert all(
                getattr(p, f"{name}_reason") for name in Partnership.ESTIMATES + ("effort",)
            ), p
        if p.stage in after[stages.Stage.AGREED]:
            assert p.partner_owner and p.mou_signed_on <= today, p
        if p.stage == "running":
            assert p.started_on <= today < p.ends_on if p.ends_on else p.started_on <= today
        if p.stage == "completed":
            assert p.ends_on < today
        if p.stage in {"declined", "dropped", "on_hold"}:
            assert p.decision_reason, p
        if p.stage not in {"completed", "declined", "dropped"}:
            assert p.next_step and p.next_step_due, p
            assert p.sketch and p.goal_types.all(), p


def test_owners_goal_types_and_due_dates_vary(partnerships):
    today = timezone.localdate()
    assert {p.owner.username for p in partnerships if p.owner} == {"demo", "ada", "noah"}
    assert any(p.owner is None for p in partnerships)
    codes = {goal.code for p in partnerships for goal in p.goal_types.all()}
    assert len(codes) >= 6
    due = [p.next_step_due for p in partnerships if p.next_step_due]
    assert any(day < today for day in due), "one follow-up is overdue"
    assert any(day > today for day in due)
    for p in partnerships:
        if p.partner_owner:
            assert p.partner_owner.partner_id == p.partner_id


def test_partnership_histories_show_fields_filled_in_by_several_people(partnerships):
    museum = next(p for p in partnerships if p.title == "Aviation photographs on Commons")
    records = list(museum.history.order_by("history_id"))
    assert records[0].impact is None  # estimated after the idea, not with it
    assert len({record.history_user_id for record in records}) >= 2


# Loading --------------------------------------------------------------------------------------


def test_loading_runs_a_bounded_number_of_queries(db):
    # A guard against a slow demo: each service call costs a dozen queries or so.
    with CaptureQueriesContext(connection) as context:
        demo.load_demo()
    assert len(context.captured_queries) < 2500


def test_a_second_load_is_refused_and_changes_nothing(workspace):
    partner_count = Partner.objects.count()
    with pytest.raises(demo.DemoRefused, match="already has 1 workspace"):
        demo.load_demo()
    assert Partner.objects.count() == partner_count
    assert Workspace.objects.count() == 1


def test_taken_usernames_are_refused_before_anything_is_written(alice):
    User.objects.filter(pk=alice.pk).update(username="noah")
    with pytest.raises(demo.DemoRefused, match="noah"):
        demo.load_demo()
    assert not Workspace.objects.exists()
    assert not User.objects.filter(username="demo").exists()


def test_the_data_file_says_where_the_facts_come_from():
    text = resources.files("partnerkit").joinpath("demo_partners.json").read_text("utf-8")
    data = json.loads(text)
    assert "Wikidata" in data["provenance"] and "CC0" in data["provenance"]
    assert data["partners"] == demo.demo_partners()
    names = {partner["name"] for partner in data["partners"]}
    assert set(demo.STORIES) == names
    assert {story.partner for story in demo.PARTNERSHIPS} <= names


def test_the_demo_command_loads_once(db, capsys):
    assert main(["demo"]) == 0
    out = capsys.readouterr().out
    assert f"password {demo.PASSWORD}" in out
    assert main(["demo"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("partnerkit: error: demo: the database already has 1 workspace")
    assert err.count("\n") == 1


def test_the_demo_has_its_groundwork_done(db):
    workspace = demo.load_demo()
    assert ReadinessCheck.objects.get(workspace=workspace).outcome in {"ready", "ready_with_gaps"}
    assert Goal.objects.filter(workspace=workspace, priority="high").count() == 2
    assert workspace.swot_items.filter(goals__isnull=False).exists()
    assert Profile.objects.get(workspace=workspace).hours_per_month == 30
    assert set(GoalTypeDecision.objects.values_list("code", flat=True)) == {
        "content_acquisition", "outreach_recruitment"
    }


def test_the_first_meeting_flagged_a_dangerous_promise(workspace):
    from partnerkit.meetings.models import Meeting
    from partnerkit.negotiation.models import Commitment

    meeting = Meeting.objects.get(workspace=workspace, title__startswith="First meeting")
    assert meeting.starts_at < timezone.now() and meeting.liked
    flagged = [c for c in Commitment.objects.filter(meeting=meeting) if c.findings]
    assert [c.findings[0]["category"] for c in flagged] == ["specific_content"]
    assert Meeting.objects.filter(workspace=workspace, starts_at__gt=timezone.now()).count() == 1
