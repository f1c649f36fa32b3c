"""Every page of a workspace, found from the URL configuration, refuses outsiders and lets a
viewer read but never write. A new page without a value for its URL arguments here fails the
suite, so no page can escape these checks."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from partnerkit.groundwork import services as groundwork_services
from partnerkit.partners.models import Contact
from partnerkit.partnerships.services import partnership_create
from partnerkit.transfer.reading import read_table
from partnerkit.transfer.services import import_apply, import_draft_create
from partnerkit.workspaces.services import invitation_create
from tests.conftest import login
from tests.web.samples import dashboard as dashboard_samples
from tests.web.samples import documents as documents_samples
from tests.web.samples import followups as followups_samples
from tests.web.samples import impact as impact_samples
from tests.web.samples import meetings as meetings_samples
from tests.web.samples import negotiation as negotiation_samples
from tests.web.samples import pitch as pitch_samples
from tests.web.samples import running as running_samples

# Pages that do not belong to a workspace, with the reason they are safe.
OUTSIDE_WORKSPACES = {
    "home",  # redirects to the user's own workspace
    "healthz",  # says only "ok"
    "login", "logout", "password_change", "password_change_done", "password_reset",
    "password_reset_done", "password_reset_confirm", "password_reset_complete",
    "tokens", "token_revoke",  # the signed-in person's own tokens
    "workspaces:list", "workspaces:invitation_accept",  # own memberships; secret token
    "calendar_feed",  # a secret token, checked in tests/followups/test_pages.py
}


def workspace_patterns():
    """(url name, pattern) for every named page, API excluded (tested in tests/api)."""
    found = []

    def walk(patterns, prefix="", namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if str(pattern.pattern).startswith(("api/", "admin/")):
                    continue
                space = pattern.namespace or namespace
                walk(pattern.url_patterns, prefix + str(pattern.pattern), space)
            elif isinstance(pattern, URLPattern) and pattern.name:
                name = f"{namespace}:{pattern.name}" if namespace else pattern.name
                found.append((name, prefix + str(pattern.pattern), pattern))

    walk(get_resolver().url_patterns)
    return found


@pytest.fixture
def north_objects(alice, north, museum):
    contact = Contact.objects.get(partner=museum)
    invitation, _ = invitation_create(
        workspace=north, email="new@example.org", role="member", by=alice,
        base_url="http://testserver/",
    )
    return {
        "workspace_slug": north.slug,
        "pk": museum.pk,
        "contact_pk": contact.pk,
        "history_id": museum.history.earliest("history_id").history_id,
        ("workspaces:member_role", "pk"): north.memberships.get(user=alice).pk,
        ("workspaces:member_remove", "pk"): north.memberships.get(user=alice).pk,
        ("workspaces:invitation_revoke", "pk"): invitation.pk,
        ("partners:contact_restore", "history_id"): contact.history.earliest("history_id").history_id,
        **partnership_arguments(alice, museum),
        **groundwork_arguments(alice, north),
        **transfer_arguments(alice, north),
        **selection_arguments(alice, museum),
        **research_arguments(alice, museum),
        **{
            key: value
            for samples in (
                pitch_samples, meetings_samples, negotiation_samples, followups_samples,
                documents_samples, impact_samples, running_samples, dashboard_samples,
            )
            for key, value in samples.arguments(alice, museum).items()
        },
    }


def research_arguments(alice, museum):
    """A dossier source of the museum and an enrichment job of its workspace."""
    from partnerkit.research.models import EnrichmentRun
    from partnerkit.research.services import source_create

    source = source_create(partner=museum, by=alice, kind="website", url="https://example.org/")
    run = EnrichmentRun.objects.create(
        workspace=museum.workspace, requested_by=alice, status="failed", partner_ids=[museum.pk]
    )
    arguments = {"source_pk": source.pk}
    arguments.update({(f"research:{name}", "pk"): run.pk for name in ("run", "run_resume")})
    return arguments


def transfer_arguments(alice, north):
    """An applied import, for the pages of its report."""
    table = read_table(b"Name,Kind\nTest Museum,museum\n")
    run = import_draft_create(
        workspace=north, by=alice, kind="partners", file_name="p.csv", table=table
    )
    return {("transfer:run", "pk"): import_apply(run=run, by=alice).pk}


def partnership_arguments(alice, museum):
    partnership = partnership_create(
        workspace=museum.workspace, partner=museum, by=alice, title="Photo drive"
    )
    arguments = {
        (f"partnerships:{name}", "pk"): partnership.pk
        for name in ("detail", "edit", "move", "history", "restore")
    }
    arguments[("partnerships:restore", "history_id")] = partnership.history.get().history_id
    return arguments


def groundwork_arguments(alice, north):
    goal = groundwork_services.goal_create(workspace=north, by=alice, text="More photos")
    item = groundwork_services.swot_item_create(
        workspace=north, by=alice, kind="strength", text="Good cameras", goals=[goal]
    )
    check, _assessment = groundwork_services.readiness_check_record(
        workspace=north, by=alice, answers={"active_people": "several"}
    )
    return {
        ("groundwork:goal_edit", "pk"): goal.pk,
        ("groundwork:goal_delete", "pk"): goal.pk,
        ("groundwork:swot_edit", "pk"): item.pk,
        ("groundwork:swot_delete", "pk"): item.pk,
        ("groundwork:readiness_detail", "pk"): check.pk,
        ("groundwork:goal_type_decide", "code"): "content_acquisition",
    }


def selection_arguments(alice, museum):
    from partnerkit.selection.services import community_notice_create

    partnership = partnership_create(
        workspace=museum.workspace, partner=museum, by=alice, title="Photo walk", decision="go",
        decision_reason="Cheap and popular",
    )
    notice = community_notice_create(
        workspace=museum.workspace, by=alice, partnerships=[partnership], wikitext="* Photo walk"
    )
    arguments = {(f"selection:{name}", "pk"): partnership.pk for name in ("select", "shortlist")}
    arguments.update({(f"selection:{name}", "pk"): notice.pk for name in ("notice", "notice_edit")})
    return arguments


def north_urls(objects):
    urls = []
    for name, route, pattern in workspace_patterns():
        if name in OUTSIDE_WORKSPACES:
            continue
        assert "workspace_slug" in route, f"{name} ({route}) is not under a workspace"
        kwargs = {}
        for argument in pattern.pattern.converters:
            key = (name, argument) if (name, argument) in objects else argument
            assert key in objects, f"no test value for {argument!r} of {name}"
            kwargs[argument] = objects[key]
        if "workspace_slug" in route and "workspace_slug" not in kwargs:
            kwargs["workspace_slug"] = objects["workspace_slug"]
        urls.append((name, reverse(name, kwargs=kwargs), pattern.callback))
    return urls


def test_every_page_is_covered(north_objects):
    names = {name for name, _url, _view in north_urls(north_objects)}
    assert {"partners:list", "partners:detail", "partners:history", "workspaces:members"} <= names
    assert {"partnerships:board", "partnerships:list", "partnerships:detail",
            "partnerships:move", "partnerships:restore"} <= names


def test_a_member_of_another_workspace_gets_404_everywhere(client, bob, south, north_objects):
    login(client, bob)
    for name, url, _view in north_urls(north_objects):
        assert client.get(url).status_code == 404, name
        assert client.post(url, {"name": "x", "role": "admin"}).status_code == 404, name


def test_signed_out_people_are_sent_to_sign_in(client, north_objects):
    for name, url, _view in north_urls(north_objects):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response.url, name


def test_a_viewer_reads_but_every_write_is_403(client, victor, north_objects):
    login(client, victor)
    for name, url, view in north_urls(north_objects):
        action = getattr(view, "workspace_action", None)
        assert action is not None, f"{name} is not a workspace view"
        if action == "view":
            if name != "workspaces:members":  # the team page is readable, not writable
                assert client.get(url).status_code in (200, 302), name
        else:
            assert client.post(url, {"name": "x", "role": "admin"}).status_code == 403, name


def test_the_team_page_refuses_invitations_from_non_admins(client, carol, north_objects):
    response = login(client, carol).post(
        reverse("workspaces:members", kwargs={"workspace_slug": "north"}),
        {"email": "friend@example.org", "role": "admin"},
    )
    assert response.status_code == 403


def test_ids_of_another_workspace_are_404_inside_ones_own(client, bob, south, museum):
    """Bob uses his own workspace's address with north's ids: still nothing."""
    login(client, bob)
    contact = Contact.objects.get(partner=museum)
    for url in [
        reverse("partners:detail", kwargs={"workspace_slug": "south", "pk": museum.pk}),
        reverse("partners:history", kwargs={"workspace_slug": "south", "pk": museum.pk}),
        reverse(
            "partners:contact_edit",
            kwargs={"workspace_slug": "south", "pk": museum.pk, "contact_pk": contact.pk},
        ),
    ]:
        assert client.get(url).status_code == 404, url
