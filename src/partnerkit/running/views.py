"""Running pages: a partnership's activities, roles and plan B; planning an activity from a
recipe; an activity's checklist, outputs and plan.

Each view: check permission, fetch through the workspace, call a service, answer. The
checklist's tick boxes are forms that work without JavaScript; with htmx they swap the item
in place.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from partnerkit.core.errors import ConflictError
from partnerkit.method import activities as method
from partnerkit.partnerships.forms import member_users
from partnerkit.partnerships.models import Partnership
from partnerkit.partnerships.selectors import partnership_get
from partnerkit.running import selectors, services
from partnerkit.running.forms import (
    ActivityForm,
    CancelForm,
    ChecklistItemForm,
    ItemOwnerForm,
    OutputsForm,
    PlanBForm,
    RoleForm,
)
from partnerkit.running.models import Activity, ChecklistItem, Role
from partnerkit.web.conflicts import conflict_context
from partnerkit.web.errors import add_errors
from partnerkit.workspaces.decorators import workspace_view
from partnerkit.workspaces.permissions import can


def _url(request, name: str, **kwargs) -> str:
    return reverse(f"running:{name}", kwargs={"workspace_slug": request.workspace.slug, **kwargs})


def _messages(request, form) -> None:
    for name, problems in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        for problem in problems:
            messages.error(request, f"{label}: {problem}" if label else problem)


# The partnership's running page ---------------------------------------------------------------


def _partnership_page(request, partnership, *, role_form=None, plan_b_form=None,
                      plan_b_conflict=None, status=200):
    can_edit = can(request.membership, "edit")
    return render(
        request,
        "running/partnership.html",
        {
            "partnership": partnership,
            "page": selectors.running_page(partnership),
            "can_edit": can_edit,
            "role_form": role_form or (RoleForm(partnership=partnership) if can_edit else None),
            "plan_b_form": plan_b_form or PlanBForm(
                initial={"plan_b": partnership.plan_b, "version": partnership.version}
            ),
            "plan_b_conflict": plan_b_conflict,
        },
        status=status,
    )


@workspace_view()
def partnership(request, pk):
    return _partnership_page(request, partnership_get(workspace=request.workspace, pk=pk))


@workspace_view("edit")
@require_POST
def plan_b(request, pk):
    partnership = partnership_get(workspace=request.workspace, pk=pk)
    form = PlanBForm(request.POST)
    conflict = None
    if form.is_valid():
        try:
            services.plan_b_save(
                partnership=partnership, by=request.user, version=form.cleaned_data["version"],
                plan_b=form.cleaned_data["plan_b"],
            )
        except ConflictError as error:
            conflict = conflict_context(form, error, Partnership)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Plan B saved."))
            return redirect(_url(request, "partnership", pk=pk) + "#plan-b")
    return _partnership_page(
        request, partnership, plan_b_form=form, plan_b_conflict=conflict,
        status=409 if conflict else 400,
    )


@workspace_view("edit")
@require_POST
def role_add(request, pk):
    partnership = partnership_get(workspace=request.workspace, pk=pk)
    form = RoleForm(request.POST, partnership=partnership)
    if form.is_valid():
        try:
            role = services.role_add(
                partnership=partnership, by=request.user, **form.service_values()
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("%(name)s is %(letter)s for “%(area)s”.") % {
                    "name": role.person_name, "letter": role.get_raci_display().lower(),
                    "area": selectors.area_label(role.area),
                },
            )
            return redirect(_url(request, "partnership", pk=pk) + "#roles")
    return _partnership_page(request, partnership, role_form=form, status=400)


def _role(request, pk, role_pk) -> tuple[Partnership, Role]:
    partnership = partnership_get(workspace=request.workspace, pk=pk)
    role = get_object_or_404(
        Role.objects.select_related("member", "contact"), partnership=partnership, pk=role_pk
    )
    return partnership, role


@workspace_view("edit")
def role_edit(request, pk, role_pk):
    partnership, role = _role(request, pk, role_pk)
    form = RoleForm(request.POST or None, instance=role, partnership=partnership)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.role_update(
                role=role, by=request.user, version=form.cleaned_data["version"],
                **form.service_values(),
            )
        except ConflictError as error:
            conflict = conflict_context(form, error, Role)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Role saved."))
            return redirect(_url(request, "partnership", pk=pk) + "#roles")
    status = 200 if request.method == "GET" else (409 if conflict else 400)
    return render(
        request,
        "running/role_form.html",
        {"partnership": partnership, "role": role, "form": form, "conflict": conflict},
        status=status,
    )


@workspace_view("edit")
@require_POST
def role_delete(request, pk, role_pk):
    _partnership, role = _role(request, pk, role_pk)
    services.role_delete(role=role, by=request.user)
    messages.success(request, _("Role removed."))
    return redirect(_url(request, "partnership", pk=pk) + "#roles")


# Planning an activity -------------------------------------------------------------------------


@workspace_view("edit")
def activity_create(request, pk):
    partnership = partnership_get(workspace=request.workspace, pk=pk)
    code = request.POST.get("recipe") or request.GET.get("recipe") or ""
    chosen = method.BY_CODE.get(code)
    form = None
    if chosen is not None:
        form = ActivityForm(
            request.POST or None, planning=True,
            initial={"online": False, "expected_participants": chosen.first_participants},
        )
        if request.method == "POST" and form.is_valid():
            try:
                activity = services.activity_create(
                    partnership=partnership, by=request.user, recipe=chosen.code,
                    **form.service_values(),
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(
                    request, _("“%(title)s” is planned; its checklist is below.")
                    % {"title": activity.title},
                )
                return redirect(activity)
    recipes = method.suggested(goal.code for goal in partnership.goal_types.all())
    return render(
        request,
        "running/activity_create.html",
        {
            "partnership": partnership,
            "recipes": recipes,
            "chosen": chosen,
            "form": form,
            "held": selectors.held_count(partnership),
        },
        status=400 if request.method == "POST" else 200,
    )


# An activity ----------------------------------------------------------------------------------


def _activity(request, activity_pk) -> Activity:
    return selectors.activity_get(workspace=request.workspace, pk=activity_pk)


def _activity_page(request, activity, *, outputs_form=None, conflict=None, item_form=None,
                   status=200):
    can_edit = can(request.membership, "edit")
    return render(
        request,
        "running/activity.html",
        {
            "activity": activity,
            "partnership": activity.partnership,
            "page": selectors.activity_page(activity),
            "can_edit": can_edit,
            "outputs_form": outputs_form or OutputsForm(instance=activity),
            "conflict": conflict,
            "item_form": item_form or (
                ChecklistItemForm(workspace=request.workspace,
                                  initial={"due_on": activity.starts_on})
                if can_edit else None
            ),
            "cancel_form": CancelForm(initial={"version": activity.version}) if can_edit else None,
            "today": services.today(),
            "members": list(member_users(request.workspace)) if can_edit else [],
        },
        status=status,
    )


@workspace_view()
def activity_detail(request, activity_pk):
    return _activity_page(request, _activity(request, activity_pk))


@workspace_view("edit")
def activity_edit(request, activity_pk):
    activity = _activity(request, activity_pk)
    form = ActivityForm(request.POST or None, instance=activity)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            activity = services.activity_update(
                activity=activity, by=request.user, version=form.cleaned_data["version"],
                **form.service_values(),
            )
        except ConflictError as error:
            conflict = conflict_context(form, error, Activity)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Changes to the activity saved."))
            return redirect(activity)
    status = 200 if request.method == "GET" else (409 if conflict else 400)
    return render(
        request,
        "running/activity_form.html",
        {"activity": activity, "partnership": activity.partnership, "form": form,
         "conflict": conflict},
        status=status,
    )


@workspace_view("edit")
@require_POST
def activity_outputs(request, activity_pk):
    activity = _activity(request, activity_pk)
    form = OutputsForm(request.POST, instance=activity)
    conflict = None
    if form.is_valid():
        try:
            services.activity_update(
                activity=activity, by=request.user, version=form.cleaned_data["version"],
                **form.service_values(),
            )
        except ConflictError as error:
            conflict = conflict_context(form, error, Activity)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Outputs saved."))
            return redirect(activity.get_absolute_url() + "#outputs")
    return _activity_page(request, activity, outputs_form=form, conflict=conflict,
                          status=409 if conflict else 400)


@workspace_view("edit")
@require_POST
def activity_cancel(request, activity_pk):
    activity = _activity(request, activity_pk)
    form = CancelForm(request.POST)
    if not form.is_valid():
        _messages(request, form)
        return redirect(activity)
    try:
        services.activity_cancel(
            activity=activity, by=request.user, version=form.cleaned_data["version"],
            reason=form.cleaned_data["reason"],
        )
    except ConflictError as error:
        messages.error(request, str(error))
    except ValidationError as error:
        for problem in error.messages:
            messages.error(request, problem)
    else:
        messages.success(request, _("“%(title)s” is cancelled.") % {"title": activity.title})
    return redirect(activity)


@workspace_view("edit")
@require_POST
def activity_delete(request, activity_pk):
    activity = _activity(request, activity_pk)
    partnership = activity.partnership
    services.activity_delete(activity=activity, by=request.user)
    messages.success(request, _("The activity was deleted; its history keeps it."))
    return redirect(_url(request, "partnership", pk=partnership.pk))


# The checklist --------------------------------------------------------------------------------


def _item(activity, item_pk) -> ChecklistItem:
    return get_object_or_404(
        ChecklistItem.objects.select_related("owner", "done_by"), activity=activity, pk=item_pk
    )


@workspace_view("edit")
@require_POST
def item_toggle(request, activity_pk, item_pk):
    activity = _activity(request, activity_pk)
    item = _item(activity, item_pk)
    item = services.checklist_item_update(item=item, by=request.user, done=not item.done)
    if request.htmx:
        item.activity = activity
        page = selectors.activity_page(activity)
        return render(
            request, "running/_item_response.html",
            {"item": item, "activity": activity, "page": page, "can_edit": True,
             "today": services.today(), "members": list(member_users(request.workspace))},
        )
    return redirect(f"{activity.get_absolute_url()}#item-{item.pk}")


@workspace_view("edit")
@require_POST
def item_add(request, activity_pk):
    activity = _activity(request, activity_pk)
    form = ChecklistItemForm(request.POST, workspace=request.workspace)
    if form.is_valid():
        try:
            services.checklist_item_add(activity=activity, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Added to the checklist."))
            return redirect(activity.get_absolute_url() + "#checklist")
    return _activity_page(request, activity, item_form=form, status=400)


@workspace_view("edit")
@require_POST
def item_owner(request, activity_pk, item_pk):
    activity = _activity(request, activity_pk)
    item = _item(activity, item_pk)
    form = ItemOwnerForm(request.POST, workspace=request.workspace)
    if not form.is_valid():
        _messages(request, form)
    else:
        try:
            item = services.checklist_item_update(
                item=item, by=request.user, owner=form.cleaned_data["owner"]
            )
        except ValidationError as error:
            for problem in error.messages:
                messages.error(request, problem)
        else:
            owner = item.owner
            messages.success(
                request,
                _("“%(item)s” is for %(owner)s.") % {
                    "item": item.title,
                    "owner": (owner.get_full_name() or owner.username) if owner else _("nobody"),
                },
            )
    return redirect(f"{activity.get_absolute_url()}#item-{item.pk}")


@workspace_view("edit")
@require_POST
def item_remove(request, activity_pk, item_pk):
    activity = _activity(request, activity_pk)
    services.checklist_item_remove(item=_item(activity, item_pk), by=request.user)
    messages.success(request, _("Removed from the checklist."))
    return redirect(activity.get_absolute_url() + "#checklist")
