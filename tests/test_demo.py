"""The demo workspace: real organisations, made-up people, a little history; only ever
loaded into an empty database."""

import json
from importlib import resources

import pytest
from django.contrib.auth import get_user_model

from partnerkit import demo
from partnerkit.cli import main
from partnerkit.method.partner_kinds import Side
from partnerkit.method.wikidata_ids import normalise_qid
from partnerkit.partners import selectors
from partnerkit.partners.models import Contact, Partner, PartnerKind
from partnerkit.workspaces.models import Membership, Role, Workspace

User = get_user_model()


@pytest.fixture
def workspace(db):
    return demo.load_demo()


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
    assert 12 <= len(partners) <= 20
    qids = [partner.wikidata_qid for partner in partners if partner.wikidata_qid]
    assert len(qids) >= 12
    assert all(normalise_qid(qid) == qid for qid in qids)
    assert len(set(qids)) == len(qids)
    kinds = {partner.kind for partner in partners}
    assert len(kinds) >= 8
    assert {PartnerKind(kind).side for kind in kinds} == {Side.INTERNAL, Side.EXTERNAL}
    assert all(partner.website.startswith("https://") for partner in partners)


def test_contacts_are_made_up_people_at_example_org(workspace):
    contacts = Contact.objects.filter(partner__workspace=workspace)
    assert contacts.count() >= 8
    assert all(contact.email.endswith("@example.org") for contact in contacts)
    emails = User.objects.values_list("email", flat=True)
    assert all(email.endswith("@example.org") for email in emails)


def test_some_partners_have_private_notes_and_tags(workspace):
    partners = Partner.objects.filter(workspace=workspace)
    assert partners.exclude(private_notes="").count() >= 2
    assert all(partner.tags.exists() for partner in partners)


def test_the_history_shows_later_edits_by_other_members(workspace):
    library = Partner.objects.get(workspace=workspace, wikidata_qid="Q27302")
    records = list(library.history.order_by("history_id"))
    assert [record.history_type for record in records] == ["+", "~"]
    assert records[-1].history_user.username == "ada"
    timeline = selectors.partner_timeline(partner=library).entries
    changed = next(entry for entry in timeline if entry.subject == library)
    assert {change.field for change in changed.changes} >= {"public_notes", "tags"}
    edited_contacts = Contact.history.filter(
        partner__workspace=workspace, history_type="~"
    )
    assert edited_contacts.exists()


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
    assert set(demo.STORIES) == {partner["name"] for partner in data["partners"]}


def test_the_demo_command_loads_once(db, capsys):
    assert main(["demo"]) == 0
    out = capsys.readouterr().out
    assert f"password {demo.PASSWORD}" in out
    assert main(["demo"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("partnerkit: error: demo: the database already has 1 workspace")
    assert err.count("\n") == 1
