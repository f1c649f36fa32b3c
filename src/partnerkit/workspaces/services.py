"""Writes to workspaces, memberships and invitations."""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from partnerkit.core import events
from partnerkit.core.tasks import send_email
from partnerkit.workspaces.models import (
    Invitation,
    Membership,
    Role,
    Workspace,
    parse_language_list,
)

INVITATION_LIFETIME = timedelta(days=7)


def workspace_create(*, name: str, slug: str = "", by=None) -> Workspace:
    """A new workspace; whoever creates it becomes its first admin."""
    workspace = Workspace(name=name.strip(), slug=(slug or slugify(name)).strip())
    workspace.full_clean()
    with transaction.atomic():
        workspace.save()
        if by is not None:
            Membership.objects.create(workspace=workspace, user=by, role=Role.ADMIN)
    return workspace


def workspace_update(*, workspace: Workspace, name: str, description: str,
                     content_languages: str) -> Workspace:
    """Rename the workspace or change its content languages; the address stays the same."""
    workspace.name = name.strip()
    workspace.description = description.strip()
    workspace.content_languages = ", ".join(parse_language_list(content_languages)) or "en"
    workspace.full_clean()
    workspace.save(update_fields=["name", "description", "content_languages"])
    return workspace


def membership_add(*, workspace: Workspace, user, role: str = Role.MEMBER) -> Membership:
    role = _valid_role(role)
    membership, created = Membership.objects.get_or_create(
        workspace=workspace, user=user, defaults={"role": role}
    )
    if not created and membership.role != role:
        membership.role = role
        membership.save(update_fields=["role"])
    return membership


def membership_change_role(*, membership: Membership, role: str, by) -> Membership:
    role = _valid_role(role)
    with transaction.atomic():
        if membership.role == Role.ADMIN and role != Role.ADMIN:
            _keep_an_admin(membership)
        membership.role = role
        membership.save(update_fields=["role"])
    return membership


def membership_remove(*, membership: Membership, by) -> None:
    with transaction.atomic():
        if membership.role == Role.ADMIN:
            _keep_an_admin(membership)
        membership.delete()
        events.announce(
            "member_removed", workspace=membership.workspace, user=membership.user, by=by
        )


def _keep_an_admin(membership: Membership) -> None:
    others = (
        Membership.objects.select_for_update()
        .filter(workspace_id=membership.workspace_id, role=Role.ADMIN)
        .exclude(pk=membership.pk)
    )
    if not others.exists():
        raise ValidationError(
            {"role": _("A workspace needs at least one admin; make someone else admin first.")}
        )


def _valid_role(role: str) -> Role:
    if role not in Role.values:
        raise ValidationError(
            {"role": _("%(role)s is not a role; choose one of %(roles)s.")
             % {"role": role, "roles": ", ".join(Role.values)}}
        )
    return Role(role)


def invitation_create(
    *, workspace: Workspace, email: str, role: str, by, base_url: str
) -> tuple[Invitation, str]:
    """Invite someone by e-mail. Returns the invitation and its secret link token.

    An earlier open invitation to the same address is replaced, so the newest link works.
    """
    role = _valid_role(role)
    token = secrets.token_urlsafe(32)
    invitation = Invitation(
        workspace=workspace,
        email=email.strip(),
        role=role,
        token_hash=Invitation.hash(token),
        invited_by=by,
        expires_at=timezone.now() + INVITATION_LIFETIME,
    )
    invitation.full_clean(exclude=["token_hash"])
    if Membership.objects.filter(workspace=workspace, user__email__iexact=invitation.email).exists():
        raise ValidationError({"email": _("Someone with this e-mail is already a member.")})
    with transaction.atomic():
        Invitation.objects.filter(
            workspace=workspace,
            email__iexact=invitation.email,
            accepted_at__isnull=True,
            revoked_at__isnull=True,
        ).update(revoked_at=timezone.now())
        invitation.save()
        link = base_url.rstrip("/") + reverse("workspaces:invitation_accept", kwargs={"token": token})
        body = render_to_string(
            "workspaces/email/invitation.txt",
            {"invitation": invitation, "link": link, "by": by, "days": INVITATION_LIFETIME.days},
        )
        subject = _("You are invited to %(workspace)s on Partnerkit") % {
            "workspace": workspace.name
        }
        transaction.on_commit(
            lambda: send_email.enqueue(subject=subject, body=body, to=[invitation.email])
        )
    return invitation, token


def invitation_find(token: str) -> Invitation | None:
    """The open invitation for this token, or None if it is unknown, used, revoked or old."""
    invitation = (
        Invitation.objects.select_related("workspace", "invited_by")
        .filter(token_hash=Invitation.hash(token))
        .first()
    )
    return invitation if invitation and invitation.is_open else None


def invitation_accept(*, invitation: Invitation, user) -> Membership:
    with transaction.atomic():
        locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if not locked.is_open:
            raise ValidationError(_("This invitation has already been used or has expired."))
        existing = Membership.objects.filter(workspace=locked.workspace, user=user).first()
        if existing is None:
            try:
                with transaction.atomic():
                    membership = Membership.objects.create(
                        workspace=locked.workspace, user=user, role=locked.role
                    )
            except IntegrityError:
                membership = Membership.objects.get(workspace=locked.workspace, user=user)
        else:
            # Accepting never lowers a role someone already has.
            membership = existing
            if Role(locked.role).at_least(existing.role_enum):
                membership.role = locked.role
                membership.save(update_fields=["role"])
        locked.accepted_at = timezone.now()
        locked.accepted_by = user
        locked.save(update_fields=["accepted_at", "accepted_by"])
    return membership


def invitation_revoke(*, invitation: Invitation, by) -> None:
    Invitation.objects.filter(pk=invitation.pk, accepted_at__isnull=True).update(
        revoked_at=timezone.now()
    )
