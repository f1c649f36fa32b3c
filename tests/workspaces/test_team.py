"""Workspaces, roles, invitations by e-mail link, and switching between workspaces."""

import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from partnerkit.accounts.models import User
from partnerkit.workspaces import services
from partnerkit.workspaces.models import Membership, Role, Workspace
from tests.conftest import login


def members_url(slug="north"):
    return reverse("workspaces:members", kwargs={"workspace_slug": slug})


@pytest.fixture
def invite(client, django_capture_on_commit_callbacks):
    """Send an invitation from the team page; returns the link in the e-mail."""

    def send(email="dana@example.org", role="coordinator"):
        with django_capture_on_commit_callbacks(execute=True):
            client.post(members_url(), {"email": email, "role": role})
        return re.search(r"https?://[^/]+(/invitations/\S+/)", mail.outbox[-1].body).group(1)

    return send


def test_creating_a_workspace_makes_the_creator_admin(client, alice):
    login(client, alice).post(reverse("workspaces:list"), {"name": "Wiki Loves Libraries", "slug": "wll"})
    workspace = Workspace.objects.get(slug="wll")
    assert Membership.objects.get(workspace=workspace, user=alice).role == Role.ADMIN


def test_workspace_slug_must_be_unique_and_valid(client, alice, north):
    response = login(client, alice).post(reverse("workspaces:list"), {"name": "X", "slug": "north"})
    assert "slug" in response.context["form"].errors
    response = client.post(reverse("workspaces:list"), {"name": "X", "slug": "no spaces"})
    assert "slug" in response.context["form"].errors


def test_an_invited_newcomer_creates_an_account_and_joins(client, alice, north, invite):
    login(client, alice)
    link = invite()
    assert mail.outbox[-1].to == ["dana@example.org"]
    client.logout()
    response = client.post(
        link,
        {
            "username": "dana",
            "email": "dana@example.org",
            "password1": "dana's long passphrase",
            "password2": "dana's long passphrase",
        },
    )
    assert response.status_code == 302
    dana = User.objects.get(username="dana")
    assert Membership.objects.get(workspace=north, user=dana).role == Role.COORDINATOR
    # the link works once
    client.logout()
    assert client.get(link).status_code == 404


def test_an_existing_user_accepts_while_signed_in(client, alice, bob, north, invite):
    login(client, alice)
    link = invite(email="bob@example.org", role="viewer")
    client.force_login(bob)
    client.post(link)
    assert Membership.objects.get(workspace=north, user=bob).role == Role.VIEWER


def test_a_withdrawn_invitation_no_longer_works(client, alice, north, invite):
    login(client, alice)
    link = invite()
    invitation = north.invitations.get()
    client.post(
        reverse("workspaces:invitation_revoke", kwargs={"workspace_slug": "north", "pk": invitation.pk})
    )
    client.logout()
    assert client.get(link).status_code == 404


def test_admin_changes_roles_but_never_removes_the_last_admin(client, alice, carol, north):
    login(client, alice)
    carol_membership = north.memberships.get(user=carol)
    client.post(
        reverse("workspaces:member_role", kwargs={"workspace_slug": "north", "pk": carol_membership.pk}),
        {"role": "coordinator"},
    )
    carol_membership.refresh_from_db()
    assert carol_membership.role == Role.COORDINATOR
    alice_membership = north.memberships.get(user=alice)
    response = client.post(
        reverse("workspaces:member_role", kwargs={"workspace_slug": "north", "pk": alice_membership.pk}),
        {"role": "member"},
        follow=True,
    )
    assert "at least one admin" in response.content.decode()
    alice_membership.refresh_from_db()
    assert alice_membership.role == Role.ADMIN


def test_services_name_the_role_field(north, alice):
    with pytest.raises(ValidationError) as error:
        services.invitation_create(
            workspace=north, email="x@example.org", role="boss", by=alice, base_url="http://x/"
        )
    assert "role" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.invitation_create(
            workspace=north, email="not-an-address", role="member", by=alice, base_url="http://x/"
        )
    assert "email" in error.value.message_dict


def test_a_person_in_two_workspaces_switches_between_them(client, alice, north):
    second = services.workspace_create(name="Wikimedia East", slug="east", by=alice)
    login(client, alice)
    client.get(reverse("partners:list", kwargs={"workspace_slug": "east"}))
    assert client.get(reverse("home")).url == second.get_absolute_url()
    page = client.get(reverse("partners:list", kwargs={"workspace_slug": "north"}))
    html = page.content.decode()
    assert "Wikimedia East" in html and "Wikimedia North" in html  # the switcher
    assert client.get(reverse("home")).url == north.get_absolute_url()
    # the switcher's no-JavaScript fallback goes to the chosen workspace, never elsewhere
    go = client.get(reverse("workspaces:list"), {"go": second.get_absolute_url()})
    assert go.url == second.get_absolute_url()
    assert client.get(reverse("workspaces:list"), {"go": "https://evil.example/"}).status_code == 200


def settings_url(slug="north"):
    return reverse("workspaces:settings", kwargs={"workspace_slug": slug})


def test_an_admin_sets_the_content_languages_used_for_wikidata(client, alice, north):
    response = login(client, alice).post(
        settings_url(), {"name": "Wikimedia North", "description": "", "content_languages": "SV, se,en, sv"}
    )
    assert response.status_code == 302
    north.refresh_from_db()
    assert north.content_languages == "sv, se, en"
    assert north.language_codes == ["sv", "se", "en"]


def test_a_bad_language_code_is_named_and_nothing_changes(client, alice, north):
    response = login(client, alice).post(
        settings_url(), {"name": "Renamed", "description": "", "content_languages": "en, english!"}
    )
    assert response.status_code == 200
    assert "english!: not a language code" in response.context["form"].errors["content_languages"][0]
    # The header still shows the stored name, not the one that was refused.
    assert "<title>" in response.content.decode() and "Renamed" not in response.content.decode().split("<main")[0]
    north.refresh_from_db()
    assert (north.name, north.content_languages) == ("Wikimedia North", "en")


def test_only_admins_change_workspace_settings(client, carol, bob, north):
    assert login(client, carol).get(settings_url()).status_code == 403
    assert login(client, bob).get(settings_url()).status_code == 404
