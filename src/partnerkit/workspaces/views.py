from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from partnerkit.accounts.forms import SignUpForm
from partnerkit.workspaces import services
from partnerkit.workspaces.decorators import workspace_view
from partnerkit.workspaces.forms import (
    InvitationForm,
    RoleForm,
    WorkspaceForm,
    WorkspaceSettingsForm,
)
from partnerkit.workspaces.models import Invitation, Membership, Workspace
from partnerkit.workspaces.permissions import can, require
from partnerkit.workspaces.selectors import membership_list


@login_required
def workspace_list(request):
    # The workspace switcher's fallback without JavaScript submits the chosen address here.
    go = request.GET.get("go", "")
    if go and url_has_allowed_host_and_scheme(go, allowed_hosts={request.get_host()}):
        return redirect(go)
    form = WorkspaceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        workspace = services.workspace_create(
            name=form.cleaned_data["name"], slug=form.cleaned_data["slug"], by=request.user
        )
        messages.success(request, _("Workspace %(name)s created.") % {"name": workspace.name})
        return redirect(workspace)
    memberships = membership_list(user=request.user)
    return render(
        request, "workspaces/list.html", {"memberships": memberships, "form": form}
    )


@workspace_view()
def workspace_home(request):
    return redirect(request.workspace)


@workspace_view("manage_members")
def workspace_settings(request):
    # A copy: a form that does not validate must not rename the workspace in the header.
    editing = Workspace.objects.get(pk=request.workspace.pk)
    form = WorkspaceSettingsForm(request.POST or None, instance=editing)
    if request.method == "POST" and form.is_valid():
        services.workspace_update(workspace=request.workspace, **form.cleaned_data)
        messages.success(request, _("Workspace settings saved."))
        return redirect("workspaces:settings", workspace_slug=request.workspace.slug)
    return render(request, "workspaces/settings.html", {"form": form})


@workspace_view()
def members(request):
    can_manage = can(request.membership, "manage_members")
    form = InvitationForm(request.POST or None)
    if request.method == "POST":
        require(request.membership, "manage_members")
        if form.is_valid():
            try:
                services.invitation_create(
                    workspace=request.workspace,
                    email=form.cleaned_data["email"],
                    role=form.cleaned_data["role"],
                    by=request.user,
                    base_url=request.build_absolute_uri("/"),
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("Invitation sent to %(email)s.") % {"email": form.cleaned_data["email"]},
                )
                return redirect("workspaces:members", workspace_slug=request.workspace.slug)
    memberships = request.workspace.memberships.select_related("user").order_by("user__username")
    invitations = (
        request.workspace.invitations.filter(accepted_at__isnull=True, revoked_at__isnull=True)
        .select_related("invited_by")
        if can_manage
        else []
    )
    return render(
        request,
        "workspaces/members.html",
        {
            "memberships": memberships,
            "invitations": invitations,
            "form": form,
            "role_form": RoleForm(),
            "can_manage": can_manage,
        },
    )


@workspace_view("manage_members")
@require_POST
def member_change_role(request, pk):
    membership = get_object_or_404(Membership, pk=pk, workspace=request.workspace)
    form = RoleForm(request.POST)
    if form.is_valid():
        try:
            services.membership_change_role(
                membership=membership, role=form.cleaned_data["role"], by=request.user
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("%(user)s is now %(role)s.")
                % {"user": membership.user, "role": membership.get_role_display()},
            )
    else:
        messages.error(request, _("Choose a role from the list."))
    return redirect("workspaces:members", workspace_slug=request.workspace.slug)


@workspace_view("manage_members")
@require_POST
def member_remove(request, pk):
    membership = get_object_or_404(Membership, pk=pk, workspace=request.workspace)
    try:
        services.membership_remove(membership=membership, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(user)s was removed.") % {"user": membership.user})
    return redirect("workspaces:members", workspace_slug=request.workspace.slug)


@workspace_view("manage_members")
@require_POST
def invitation_revoke(request, pk):
    invitation = get_object_or_404(Invitation, pk=pk, workspace=request.workspace)
    services.invitation_revoke(invitation=invitation, by=request.user)
    messages.success(request, _("The invitation to %(email)s was withdrawn.") % {"email": invitation.email})
    return redirect("workspaces:members", workspace_slug=request.workspace.slug)


def invitation_accept(request, token):
    """Join a workspace from an e-mailed link: signed in, or by creating an account here."""
    invitation = services.invitation_find(token)
    if invitation is None:
        return render(request, "workspaces/invitation_invalid.html", status=404)
    form = None
    if request.user.is_authenticated:
        if request.method == "POST":
            services.invitation_accept(invitation=invitation, user=request.user)
            messages.success(
                request, _("Welcome to %(workspace)s.") % {"workspace": invitation.workspace.name}
            )
            return redirect(invitation.workspace)
    else:
        form = SignUpForm(request.POST or None, initial={"email": invitation.email})
        if request.method == "POST" and form.is_valid():
            with transaction.atomic():
                user = form.save()
                services.invitation_accept(invitation=invitation, user=user)
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(
                request, _("Welcome to %(workspace)s.") % {"workspace": invitation.workspace.name}
            )
            return redirect(invitation.workspace)
    return render(
        request, "workspaces/invitation_accept.html", {"invitation": invitation, "form": form}
    )
