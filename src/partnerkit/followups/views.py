"""Follow-up pages: my work, the team's board, a partnership's log and tasks, the plans, and
reminders (digest e-mail and calendar feeds). Each view: check permission, fetch, call a
service, answer."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from partnerkit.core.errors import ConflictError
from partnerkit.followups import calendar, selectors, services
from partnerkit.followups.forms import (
    CancelForm,
    DigestForm,
    FeedForm,
    InteractionForm,
    PlanForm,
    ReassignForm,
    SnoozeForm,
    StaleRulesForm,
    StepForm,
    TaskForm,
)
from partnerkit.followups.models import DigestPreference, Interaction
from partnerkit.partnerships.selectors import partnership_get
from partnerkit.web.conflicts import conflict_context
from partnerkit.web.errors import add_errors
from partnerkit.web.redirects import next_url
from partnerkit.workspaces.decorators import workspace_view
from partnerkit.workspaces.permissions import can


def _url(name: str, request, **kwargs) -> str:
    return reverse(f"followups:{name}", kwargs={"workspace_slug": request.workspace.slug, **kwargs})


def _task_context(request) -> dict:
    owners = selectors.owners_to_choose(request.workspace)
    return {
        "today": services.today(),
        "can_edit": can(request.membership, "edit"),
        "owners": owners,
    }


# My work and the team -------------------------------------------------------------------------


@workspace_view()
def my_work(request):
    today = services.today()
    context = _task_context(request)
    context.update(
        buckets=selectors.my_work(request.workspace, request.user, today=today),
        stale=selectors.stale_partnerships(request.workspace, today=today, owner=request.user),
        here=_url("my_work", request),
    )
    return render(request, "followups/my_work.html", context)


@workspace_view()
def team(request):
    today = services.today()
    context = _task_context(request)
    context.update(
        people=selectors.team_board(request.workspace, today=today),
        stale=selectors.stale_partnerships(request.workspace, today=today),
        here=_url("team", request),
    )
    return render(request, "followups/team.html", context)


# A partnership's log and tasks ----------------------------------------------------------------


def _partnership_page(request, partnership, *, form=None, task_form=None, status=200):
    today = services.today()
    context = _task_context(request)
    can_edit = context["can_edit"]
    context.update(
        partnership=partnership,
        followups=selectors.partnership_followups(partnership, today=today),
        form=form
        or (
            InteractionForm(partnership=partnership, initial={"occurred_on": today})
            if can_edit
            else None
        ),
        task_form=task_form or (TaskForm(owners=context["owners"]) if can_edit else None),
        here=_url("partnership", request, pk=partnership.pk),
    )
    return render(request, "followups/partnership.html", context, status=status)


@workspace_view()
def partnership(request, pk):
    return _partnership_page(request, partnership_get(workspace=request.workspace, pk=pk))


@workspace_view("edit")
@require_POST
def interaction_log(request, pk):
    partnership = partnership_get(workspace=request.workspace, pk=pk)
    form = InteractionForm(request.POST, partnership=partnership)
    if form.is_valid():
        try:
            interaction = services.interaction_log(
                partnership=partnership, by=request.user, **form.service_values()
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("Logged: %(what)s on %(when)s.")
                % {
                    "what": interaction.get_kind_display(),
                    "when": date_format(interaction.occurred_on),
                },
            )
            return redirect(next_url(request, _url("partnership", request, pk=pk) + "#log"))
    return _partnership_page(request, partnership, form=form, status=400)


@workspace_view("edit")
def interaction_edit(request, pk, interaction_pk):
    partnership = partnership_get(workspace=request.workspace, pk=pk)
    interaction = selectors.interaction_of(partnership, interaction_pk)
    conflict = None
    if request.method == "POST":
        form = InteractionForm(request.POST, instance=interaction, partnership=partnership)
        if form.is_valid():
            try:
                services.interaction_update(
                    interaction=interaction,
                    by=request.user,
                    version=form.cleaned_data["version"],
                    **form.service_values(),
                )
            except ConflictError as error:
                conflict = conflict_context(form, error, Interaction)
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(
                    request, _("Log entry saved; tasks counted from it moved with its date.")
                )
                return redirect(_url("partnership", request, pk=pk) + "#log")
    else:
        form = InteractionForm(instance=interaction, partnership=partnership)
    return render(
        request,
        "followups/interaction_form.html",
        {
            "partnership": partnership,
            "interaction": interaction,
            "form": form,
            "conflict": conflict,
        },
        status=400 if request.method == "POST" else 200,
    )


@workspace_view("edit")
@require_POST
def interaction_delete(request, pk, interaction_pk):
    partnership = partnership_get(workspace=request.workspace, pk=pk)
    interaction = selectors.interaction_of(partnership, interaction_pk)
    services.interaction_delete(interaction=interaction, by=request.user)
    messages.success(request, _("Log entry deleted."))
    return redirect(_url("partnership", request, pk=pk) + "#log")


@workspace_view("edit")
@require_POST
def task_create(request, pk):
    partnership = partnership_get(workspace=request.workspace, pk=pk)
    form = TaskForm(request.POST, owners=selectors.owners_to_choose(request.workspace))
    if form.is_valid():
        try:
            task = services.followup_create(
                partnership=partnership, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Task “%(title)s” added.") % {"title": task.title})
            return redirect(next_url(request, _url("partnership", request, pk=pk) + "#tasks"))
    return _partnership_page(request, partnership, task_form=form, status=400)


# Acting on a task -----------------------------------------------------------------------------


def _task_action(request, task_pk, form_class, act, done_message, **form_kwargs):
    """The shared path of done, snooze, reassign and cancel: a form, the service, then back
    to the page the button was on; a refusal is shown there as a message."""
    task = selectors.task_of(request.workspace, task_pk)
    back = next_url(request, task.get_absolute_url())
    form = form_class(request.POST, **form_kwargs) if form_class else None
    if form is not None and not form.is_valid():
        for field, problems in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for problem in problems:
                messages.error(request, f"{label}: {problem}" if label else problem)
        return redirect(back)
    values = dict(form.cleaned_data) if form is not None else {}
    version = values.pop("version", None) or request.POST.get("version") or None
    try:
        act(task=task, by=request.user, version=int(version) if version else None, **values)
    except ConflictError as error:
        messages.error(request, str(error))
    except ValidationError as error:
        for problems in error.message_dict.values():
            for problem in problems:
                messages.error(request, problem)
    else:
        messages.success(request, done_message(task))
    return redirect(back)


@workspace_view("edit")
@require_POST
def task_done(request, task_pk):
    return _task_action(
        request,
        task_pk,
        None,
        services.followup_done,
        lambda task: _("Done: %(title)s.") % {"title": task.title},
    )


@workspace_view("edit")
@require_POST
def task_snooze(request, task_pk):
    return _task_action(
        request,
        task_pk,
        SnoozeForm,
        services.followup_snooze,
        lambda task: _("Snoozed: %(title)s.") % {"title": task.title},
    )


@workspace_view("edit")
@require_POST
def task_reassign(request, task_pk):
    owners = selectors.owners_to_choose(request.workspace)
    return _task_action(
        request,
        task_pk,
        ReassignForm,
        services.followup_reassign,
        lambda task: _("Reassigned: %(title)s.") % {"title": task.title},
        owners=owners,
    )


@workspace_view("edit")
@require_POST
def task_cancel(request, task_pk):
    return _task_action(
        request,
        task_pk,
        CancelForm,
        services.followup_cancel,
        lambda task: _("Closed without doing: %(title)s.") % {"title": task.title},
    )


# Plans ----------------------------------------------------------------------------------------


@workspace_view()
def plans(request):
    services.plans_install_defaults(workspace=request.workspace, by=request.user)
    thresholds = selectors.stale_thresholds(request.workspace)
    return render(
        request,
        "followups/plans.html",
        {
            "plans": selectors.plans_of(request.workspace),
            "stale_form": StaleRulesForm(current=thresholds),
            "can_edit": can(request.membership, "edit"),
        },
    )


@workspace_view("edit")
def plan_edit(request, plan_pk):
    plan = selectors.plan_of(request.workspace, plan_pk)
    if request.method == "POST":
        form = PlanForm(request.POST)
        if form.is_valid():
            try:
                services.plan_update(plan=plan, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("Plan saved."))
                return redirect(_url("plans", request) + f"#plan-{plan.pk}")
    else:
        form = PlanForm(
            initial={"name": plan.name, "description": plan.description, "active": plan.active}
        )
    return render(
        request,
        "followups/plan_form.html",
        {"plan": plan, "form": form},
        status=400 if request.method == "POST" else 200,
    )


def _step_page(request, plan, step=None):
    owners = selectors.owners_to_choose(request.workspace)
    if request.method == "POST":
        form = StepForm(request.POST, instance=step, plan=plan, owners=owners)
        if form.is_valid():
            try:
                services.step_save(plan=plan, by=request.user, step=step, **form.service_values())
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("Step saved."))
                return redirect(_url("plans", request) + f"#plan-{plan.pk}")
    else:
        form = StepForm(instance=step, plan=plan, owners=owners)
    return render(
        request,
        "followups/step_form.html",
        {"plan": plan, "step": step, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@workspace_view("edit")
def step_create(request, plan_pk):
    return _step_page(request, selectors.plan_of(request.workspace, plan_pk))


@workspace_view("edit")
def step_edit(request, plan_pk, step_pk):
    plan = selectors.plan_of(request.workspace, plan_pk)
    step = plan.steps.filter(pk=step_pk).first()
    if step is None:
        raise Http404
    return _step_page(request, plan, step)


@workspace_view("edit")
@require_POST
def step_delete(request, plan_pk, step_pk):
    plan = selectors.plan_of(request.workspace, plan_pk)
    step = plan.steps.filter(pk=step_pk).first()
    if step is not None:
        try:
            services.step_delete(step=step, by=request.user)
        except ValidationError as error:
            for problems in error.message_dict.values():
                for problem in problems:
                    messages.error(request, problem)
        else:
            messages.success(request, _("Step deleted."))
    return redirect(_url("plans", request) + f"#plan-{plan.pk}")


@workspace_view("edit")
@require_POST
def plan_reset(request, plan_pk):
    plan = selectors.plan_of(request.workspace, plan_pk)
    try:
        services.plan_reset(plan=plan, by=request.user)
    except ValidationError as error:
        for problems in error.message_dict.values():
            for problem in problems:
                messages.error(request, problem)
    else:
        messages.success(request, _("“%(plan)s” has the method's steps again.") % {"plan": plan})
    return redirect(_url("plans", request) + f"#plan-{plan.pk}")


@workspace_view("edit")
@require_POST
def stale_rules(request):
    form = StaleRulesForm(request.POST, current=selectors.stale_thresholds(request.workspace))
    if form.is_valid():
        services.stale_rules_save(
            workspace=request.workspace, by=request.user, days=form.cleaned_data
        )
        messages.success(request, _("Quiet days saved."))
        return redirect(_url("plans", request) + "#stale")
    return render(
        request,
        "followups/plans.html",
        {
            "plans": selectors.plans_of(request.workspace),
            "stale_form": form,
            "can_edit": True,
        },
        status=400,
    )


# Reminders ------------------------------------------------------------------------------------


def _reminders_page(request, *, form=None, new_feed=None, status=200):
    preference = DigestPreference.objects.filter(user=request.user).first()
    return render(
        request,
        "followups/reminders.html",
        {
            "form": form or DigestForm(instance=preference),
            "feed_form": FeedForm(),
            "feeds": selectors.feeds_of(request.workspace, request.user),
            "new_feed": new_feed,
        },
        status=status,
    )


@workspace_view()
def reminders(request):
    """The person's own settings, so a viewer may change them too: the digest's frequency
    (``action=digest``), and calendar addresses made (``feed_create``) or revoked
    (``feed_revoke`` with ``feed``)."""
    if request.method != "POST":
        return _reminders_page(request)
    action = request.POST.get("action", "digest")
    if action == "feed_create":
        form = FeedForm(request.POST)
        if not form.is_valid():
            return _reminders_page(request, status=400)
        feed, token = calendar.feed_create(
            workspace=request.workspace, user=request.user, scope=form.cleaned_data["scope"]
        )
        address = request.build_absolute_uri(reverse("calendar_feed", kwargs={"token": token}))
        return _reminders_page(request, new_feed={"feed": feed, "address": address})
    if action == "feed_revoke":
        feeds = selectors.feeds_of(request.workspace, request.user)
        feed = feeds.filter(pk=request.POST.get("feed") or 0).first()
        if feed is not None:
            calendar.feed_revoke(feed=feed)
            messages.success(request, _("The calendar address no longer works."))
        return redirect(_url("reminders", request))
    preference = DigestPreference.objects.filter(user=request.user).first()
    form = DigestForm(request.POST, instance=preference)
    if form.is_valid():
        services.digest_preference_save(user=request.user, **form.cleaned_data)
        messages.success(request, _("Your digest setting is saved."))
        return redirect(_url("reminders", request))
    return _reminders_page(request, form=form, status=400)


@require_GET
def calendar_feed(request, token):
    """The feed itself: no sign-in, the secret in the address is the key."""
    feed = selectors.feed_by_token(token)
    body = calendar.render(feed, base_url=request.build_absolute_uri("/") or settings.PUBLIC_URL)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=300"
    response["Content-Disposition"] = 'inline; filename="partnerkit.ics"'
    return response
