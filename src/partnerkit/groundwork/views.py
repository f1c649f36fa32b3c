"""Groundwork pages: steps 0 and 1 of the method. Each view: check permission, fetch, call a
service, answer."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from partnerkit.groundwork import selectors, services
from partnerkit.groundwork.forms import (
    CapacityForm,
    DecisionForm,
    GoalForm,
    ReadinessForm,
    SwotItemForm,
)
from partnerkit.groundwork.models import GoalTypeDecision, SwotKind
from partnerkit.method import partner_kinds, readiness, suggest
from partnerkit.method.goal_types import BY_CODE as GOAL_TYPES_BY_CODE
from partnerkit.method.goal_types import GOAL_TYPES, SKILLS
from partnerkit.workspaces.decorators import workspace_view
from partnerkit.workspaces.permissions import can

HISTORY_PAGE_SIZE = 50


def _url(request, name, **kwargs):
    return reverse(
        f"groundwork:{name}", kwargs={"workspace_slug": request.workspace.slug, **kwargs}
    )


def _apply_errors(form, error: ValidationError):
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _is_conflict(error: ValidationError) -> bool:
    if hasattr(error, "error_dict"):
        return False
    return any(e.code == services.CONFLICT for e in error.error_list)


# Overview


@workspace_view()
def overview(request):
    workspace = request.workspace
    profile = selectors.profile_get(workspace=workspace)
    decisions = selectors.goal_type_decisions(workspace=workspace)
    return render(
        request,
        "groundwork/overview.html",
        {
            "latest": check_summary(selectors.readiness_latest(workspace=workspace)),
            "goals": selectors.goal_list(workspace=workspace),
            "swot": swot_quadrants(selectors.swot_grid(workspace=workspace, with_goals=False)),
            "profile": profile,
            "skills": skill_labels(profile.skills),
            "accepted": accepted_types(decisions),
            "can_edit": can(request.membership, "edit"),
        },
    )


# Goals and SWOT


def _goals_page(request, *, goal_form=None, swot_forms=None, status=200):
    workspace = request.workspace
    goals = selectors.goal_list(workspace=workspace)
    can_edit = can(request.membership, "edit")
    grid = selectors.swot_grid(workspace=workspace)
    swot_forms = swot_forms or {}
    quadrants = swot_quadrants(grid)
    if can_edit:
        for quadrant in quadrants:
            quadrant["form"] = swot_forms.get(quadrant["kind"]) or _swot_add_form(
                workspace, goals, quadrant["kind"]
            )
    return render(
        request,
        "groundwork/goals.html",
        {
            "goals": goals,
            "goal_form": goal_form or (GoalForm(auto_id="new-goal-%s") if can_edit else None),
            "quadrants": quadrants,
            "can_edit": can_edit,
        },
        status=status,
    )


def _swot_add_form(workspace, goals, kind, data=None):
    return SwotItemForm(
        data,
        workspace=workspace,
        goals=goals,
        initial={"kind": kind},
        prefix=f"swot-{kind}",
    )


@workspace_view()
def goals(request):
    return _goals_page(request)


@workspace_view("edit")
def goal_create(request):
    form = GoalForm(request.POST or None, auto_id="new-goal-%s")
    if request.method == "POST" and form.is_valid():
        try:
            goal = services.goal_create(
                workspace=request.workspace, by=request.user, **form.service_values()
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Goal “%(goal)s” added.") % {"goal": goal.text})
            return redirect(_url(request, "goals") + "#goals")
    if request.method == "POST":
        return _goals_page(request, goal_form=form, status=400)
    return render(
        request, "groundwork/goal_form.html", {"form": form, "goal": None, "can_edit": True}
    )


@workspace_view("edit")
def goal_edit(request, pk):
    goal = selectors.goal_get(workspace=request.workspace, pk=pk)
    form = GoalForm(request.POST or None, instance=goal)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.goal_update(
                    goal=goal,
                    by=request.user,
                    loaded=form.cleaned_data["loaded"],
                    **form.service_values(),
                )
            except ValidationError as error:
                if _is_conflict(error):
                    form.reload()
                    status = 409
                _apply_errors(form, error)
            else:
                messages.success(request, _("Goal saved."))
                return redirect(_url(request, "goals") + "#goals")
    return render(
        request,
        "groundwork/goal_form.html",
        {"form": form, "goal": goal, "can_edit": True},
        status=status,
    )


@workspace_view("edit")
@require_POST
def goal_delete(request, pk):
    goal = selectors.goal_get(workspace=request.workspace, pk=pk)
    services.goal_delete(goal=goal, by=request.user)
    messages.success(request, _("Goal “%(goal)s” deleted.") % {"goal": goal.text})
    return redirect(_url(request, "goals") + "#goals")


def _quadrant_response(request, kind, form=None):
    """The one SWOT quadrant an htmx request replaces."""
    workspace = request.workspace
    goals = selectors.goal_list(workspace=workspace)
    grid = selectors.swot_grid(workspace=workspace)
    quadrant = next(q for q in swot_quadrants(grid) if q["kind"] == kind)
    quadrant["form"] = form or _swot_add_form(workspace, goals, kind)
    # The goals' "N SWOT items linked" changes with the quadrant: refreshed out of band.
    return render(
        request,
        "groundwork/_swot_quadrant_response.html",
        {"quadrant": quadrant, "goals": goals, "can_edit": True, "oob": True},
    )


@workspace_view("edit")
@require_POST
def swot_create(request):
    kind = request.POST.get("kind", "")
    if kind not in SwotKind.values:
        kind = next((k for k in SwotKind.values if f"swot-{k}-text" in request.POST), "")
    workspace = request.workspace
    if kind:
        form = _swot_add_form(workspace, None, kind, request.POST)
    else:
        form = SwotItemForm(request.POST, workspace=workspace)
    if form.is_valid():
        try:
            item = services.swot_item_create(
                workspace=workspace, by=request.user, **form.service_values()
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            if request.htmx:
                return _quadrant_response(request, item.kind)
            messages.success(request, _("Added to the SWOT: “%(text)s”.") % {"text": item.text})
            return redirect(_url(request, "goals") + f"#swot-{item.kind}")
    if request.htmx and kind:
        return _quadrant_response(request, kind, form)
    if kind:
        return _goals_page(request, swot_forms={kind: form}, status=400)
    return render(
        request,
        "groundwork/swot_form.html",
        {"form": form, "item": None, "can_edit": True},
        status=400,
    )


@workspace_view("edit")
def swot_edit(request, pk):
    item = selectors.swot_item_get(workspace=request.workspace, pk=pk)
    form = SwotItemForm(request.POST or None, instance=item, workspace=request.workspace)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.swot_item_update(
                    item=item,
                    by=request.user,
                    loaded=form.cleaned_data["loaded"],
                    **form.service_values(),
                )
            except ValidationError as error:
                if _is_conflict(error):
                    form.reload()
                    status = 409
                _apply_errors(form, error)
            else:
                messages.success(request, _("SWOT item saved."))
                return redirect(_url(request, "goals") + f"#swot-{form.cleaned_data['kind']}")
    return render(
        request,
        "groundwork/swot_form.html",
        {"form": form, "item": item, "can_edit": True},
        status=status,
    )


@workspace_view("edit")
@require_POST
def swot_delete(request, pk):
    item = selectors.swot_item_get(workspace=request.workspace, pk=pk)
    services.swot_item_delete(item=item, by=request.user)
    if request.htmx:
        return _quadrant_response(request, item.kind)
    messages.success(request, _("Removed from the SWOT: “%(text)s”.") % {"text": item.text})
    return redirect(_url(request, "goals") + f"#swot-{item.kind}")


# Capacity


@workspace_view("edit")
def capacity(request):
    profile = selectors.profile_get(workspace=request.workspace)
    form = CapacityForm(
        request.POST or None,
        initial={
            "people": profile.people,
            "hours_per_month": profile.hours_per_month,
            "skills": profile.skills,
        },
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.profile_update(
                    workspace=request.workspace, by=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                _apply_errors(form, error)
            else:
                messages.success(request, _("Capacity saved."))
                return redirect(_url(request, "overview"))
    return render(
        request,
        "groundwork/capacity.html",
        {"form": form, "profile": profile, "saved": profile.pk is not None, "can_edit": True},
        status=status,
    )


# Readiness


@workspace_view()
def readiness_list(request):
    checks = selectors.readiness_checks(workspace=request.workspace)
    page = Paginator(checks, HISTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "groundwork/readiness_list.html",
        {
            "page": page,
            "checks": [check_summary(check) for check in page.object_list],
            "can_edit": can(request.membership, "edit"),
        },
    )


@workspace_view("edit")
def readiness_new(request):
    profile = selectors.profile_get(workspace=request.workspace)
    latest = selectors.readiness_latest(workspace=request.workspace)
    initial = readiness_initial(profile, latest)
    form = ReadinessForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                check, _assessment = services.readiness_check_record(
                    workspace=request.workspace, by=request.user, answers=form.answers()
                )
            except ValidationError as error:
                _apply_errors(form, error)
            else:
                return redirect(_url(request, "readiness_detail", pk=check.pk))
    return render(
        request,
        "groundwork/readiness_form.html",
        {
            "form": form,
            "groups": form.groups(),
            "capacity_notes": capacity_notes_for_readiness(profile),
            "can_edit": True,
        },
        status=status,
    )


@workspace_view()
def readiness_detail(request, pk):
    check = selectors.readiness_check_get(workspace=request.workspace, pk=pk)
    return render(
        request,
        "groundwork/readiness_detail.html",
        {
            "check": check_summary(check),
            "detail": check_detail(check),
            "can_edit": can(request.membership, "edit"),
        },
    )


# Goal types


def _suggestions(workspace):
    """(suggestions or None, a message when the data cannot be used, the capacity)."""
    goals, swot, capacity = selectors.method_input(workspace=workspace)
    try:
        return suggest.suggest_goal_types(goals, swot, capacity), None, goals, swot, capacity
    except suggest.SuggestionError as error:
        return None, suggestion_error(error), goals, swot, capacity


@workspace_view()
def goal_types(request):
    workspace = request.workspace
    suggestions, problem, goals, swot, capacity = _suggestions(workspace)
    decisions = selectors.goal_type_decisions(workspace=workspace)
    return render(
        request,
        "groundwork/goal_types.html",
        {
            "cards": goal_type_cards(suggestions, decisions),
            "problem": problem,
            "notes": suggestion_notes(goals, swot, capacity),
            "can_edit": can(request.membership, "edit"),
        },
    )


@workspace_view("edit")
@require_POST
def goal_type_decide(request, code):
    workspace = request.workspace
    if code not in GOAL_TYPES_BY_CODE:
        raise Http404
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(_("Choose accept, reject or undecided."))
    answer = form.cleaned_data["answer"]
    if answer == DecisionForm.UNDECIDED:
        services.goal_type_undecide(workspace=workspace, by=request.user, code=code)
    else:
        suggestions, _problem, *_rest = _suggestions(workspace)
        score = next((s.score for s in suggestions or () if s.code == code), None)
        services.goal_type_decide(
            workspace=workspace, by=request.user, code=code, answer=answer, score=score
        )
    if request.htmx:
        decisions = selectors.goal_type_decisions(workspace=workspace)
        return render(
            request,
            "groundwork/_decision.html",
            {"card": decision_card(code, decisions.get(code)), "can_edit": True},
        )
    label = _(GOAL_TYPES_BY_CODE[code].label)
    messages.success(
        request,
        {
            GoalTypeDecision.Answer.ACCEPTED: _("%(type)s accepted.") % {"type": label},
            GoalTypeDecision.Answer.REJECTED: _("%(type)s rejected.") % {"type": label},
        }.get(answer, _("%(type)s is undecided again.") % {"type": label}),
    )
    return redirect(_url(request, "goal_types") + f"#type-{code}")


# What the pages show, shaped and translated from the method's plain data.

OUTCOMES = {
    readiness.Outcome.READY: {
        "label": gettext_lazy("Ready"),
        "explanation": gettext_lazy("Every condition is met: the group can look for partners now."),
    },
    readiness.Outcome.READY_WITH_GAPS: {
        "label": gettext_lazy("Ready, with gaps"),
        "explanation": gettext_lazy(
            "The group can go ahead, and should work on the gaps below along the way."
        ),
    },
    readiness.Outcome.NOT_NOW: {
        "label": gettext_lazy("Not now"),
        "explanation": gettext_lazy(
            "Partnerships are not the group's next step yet. The reasons and what to do "
            "first are below; check again when they are dealt with."
        ),
    },
}

SEVERITIES = {
    readiness.Severity.BLOCKING: gettext_lazy("Holds you back"),
    readiness.Severity.GAP: gettext_lazy("Gap to work on"),
    readiness.Severity.UNANSWERED: gettext_lazy("Not answered"),
    readiness.Severity.ADVICE: gettext_lazy("Advice"),
}

CONDITION_STATUSES = {
    readiness.Status.MET: gettext_lazy("met"),
    readiness.Status.PARTLY: gettext_lazy("partly met"),
    readiness.Status.UNMET: gettext_lazy("not met"),
    readiness.Status.UNANSWERED: gettext_lazy("not answered"),
}

QUADRANTS = {
    SwotKind.STRENGTH: (gettext_lazy("Strengths"), gettext_lazy("Inside the group; helps.")),
    SwotKind.WEAKNESS: (gettext_lazy("Weaknesses"), gettext_lazy("Inside the group; holds back.")),
    SwotKind.OPPORTUNITY: (gettext_lazy("Opportunities"), gettext_lazy("Around us; helps.")),
    SwotKind.THREAT: (gettext_lazy("Threats"), gettext_lazy("Around us; holds back.")),
}

SUGGESTION_FIELDS = {
    "goals": gettext_lazy("goals"),
    "swot": gettext_lazy("SWOT"),
    "people": gettext_lazy("people"),
    "hours": gettext_lazy("hours per month"),
    "skills": gettext_lazy("skills"),
}


def skill_labels(codes):
    return [_(SKILLS[code]) for code in codes if code in SKILLS]


def swot_quadrants(grid):
    return [
        {
            "kind": kind,
            "label": QUADRANTS[kind][0],
            "hint": QUADRANTS[kind][1],
            "items": grid.get(kind, []),
        }
        for kind in SwotKind.values
    ]


def accepted_types(decisions):
    return [
        {"code": goal_type.code, "label": _(goal_type.label)}
        for goal_type in GOAL_TYPES
        if getattr(decisions.get(goal_type.code), "answer", None)
        == GoalTypeDecision.Answer.ACCEPTED
    ]


def check_summary(check):
    if check is None:
        return None
    counts = {severity: 0 for severity in readiness.Severity}
    for gap in check.gaps:
        if gap.get("severity") in counts:
            counts[gap["severity"]] += 1
    outcome = OUTCOMES.get(check.outcome, {"label": check.outcome, "explanation": ""})
    return {
        "pk": check.pk,
        "at": check.at,
        "by": check.by,
        "outcome": check.outcome,
        "label": outcome["label"],
        "explanation": outcome["explanation"],
        "blocking": counts[readiness.Severity.BLOCKING],
        "gaps": counts[readiness.Severity.GAP],
        "unanswered": counts[readiness.Severity.UNANSWERED],
        "advice": counts[readiness.Severity.ADVICE],
    }


def _option_label(question, code):
    if code is None:
        return None
    for option in question.options:
        if option.code == code:
            return _(option.label)
    return code  # an answer the method no longer knows: shown as stored


def check_detail(check):
    """Answers by condition, gaps by severity, and why the outcome is "not now"."""
    try:
        assessment = readiness.assess(check.answers)
    except readiness.ReadinessError:
        assessment = None  # stored under an earlier version of the questions
    status_of = {r.code: r.status for r in assessment.conditions} if assessment else {}
    conditions = []
    for condition in readiness.CONDITIONS:
        status = status_of.get(condition.code)
        conditions.append(
            {
                "label": _(condition.label),
                "description": _(condition.description),
                "status": status,
                "status_label": CONDITION_STATUSES.get(status, ""),
                "answers": [
                    {
                        "question": _(question.text),
                        "answer": _option_label(question, check.answers.get(question.code)),
                        "advisory": question.advisory,
                    }
                    for question in readiness.QUESTIONS
                    if question.condition == condition.code
                ],
            }
        )
    gaps = []
    for gap in check.gaps:
        question = readiness.BY_CODE.get(gap.get("question"))
        condition = readiness.CONDITIONS_BY_CODE.get(gap.get("condition"))
        gaps.append(
            {
                "severity": gap.get("severity"),
                "severity_label": SEVERITIES.get(gap.get("severity"), gap.get("severity")),
                "question": _(question.text) if question else gap.get("question"),
                "condition": _(condition.label) if condition else gap.get("condition"),
                "answer": _option_label(question, gap.get("answer")) if question else None,
                "next_step": _(gap.get("next_step") or ""),
            }
        )
    order = list(readiness.Severity)
    gaps.sort(key=lambda g: order.index(g["severity"]) if g["severity"] in order else len(order))
    reasons = [
        _("“%(question)s” — %(answer)s.") % {"question": g["question"], "answer": g["answer"]}
        for g in gaps
        if g["severity"] == readiness.Severity.BLOCKING
    ]
    unmet = [
        _(readiness.CONDITIONS_BY_CODE[code].label)
        for code, status in status_of.items()
        if status is readiness.Status.UNMET
    ]
    if len(unmet) >= readiness.UNMET_CONDITIONS_FOR_NOT_NOW:
        reasons.append(
            _("Several conditions are not met at all: %(conditions)s.")
            % {"conditions": "; ".join(unmet)}
        )
    return {"conditions": conditions, "gaps": gaps, "reasons": reasons}


def _hours_answer(hours):
    if hours <= 0:
        return "none"
    if hours < 5:
        return "under_5"
    return "5_to_20" if hours <= 20 else "over_20"


def _people_answer(people):
    return "none" if people <= 0 else "one" if people == 1 else "several"


def readiness_initial(profile, latest):
    """Start from the last check's answers; the two that capacity answers come from it."""
    initial = dict(latest.answers) if latest else {}
    if profile.pk:
        initial["hours"] = _hours_answer(profile.hours_per_month)
        initial["active_people"] = _people_answer(profile.people)
    return {code: answer for code, answer in initial.items() if code in readiness.BY_CODE}


def capacity_notes_for_readiness(profile):
    if not profile.pk:
        return [
            _(
                "Capacity is not recorded yet. Record people and hours on the capacity page "
                "and the two questions about them are filled in for you."
            )
        ]
    notes = [
        _(
            "The answers about active people and hours come from the recorded capacity "
            "(%(people)s people, %(hours)s hours a month); change them here if they are out "
            "of date."
        )
        % {"people": profile.people, "hours": profile.hours_per_month}
    ]
    if profile.hours_per_month == 0:
        notes.append(
            _(
                "The capacity records no hours a month for partnerships. With no time to "
                "keep a partnership's promises, the check answers “not now”."
            )
        )
    if profile.people == 0:
        notes.append(
            _(
                "The capacity records nobody available. Without an active core group the "
                "check answers “not now”."
            )
        )
    return notes


def suggestion_error(error):
    return _(
        "The suggestions cannot be worked out from the current %(field)s: %(detail)s. "
        "Correct it and come back."
    ) % {"field": SUGGESTION_FIELDS.get(error.field, error.field), "detail": str(error)}


def suggestion_notes(goals, swot, capacity):
    notes = []
    if not goals and not swot:
        notes.append(
            _(
                "There are no goals or SWOT items yet, so no goal type can match them and "
                "every score is 0. Add the goals of your strategic or annual plan first."
            )
        )
    elif not goals:
        notes.append(_("There are no goals yet: the suggestions rest on the SWOT items alone."))
    if capacity.hours <= 0:
        notes.append(
            _(
                "The capacity records no hours a month, so every type scores 0: a "
                "partnership nobody has time for would break its promises. Record the hours "
                "the group can give."
            )
        )
    if capacity.people <= 0:
        notes.append(
            _("The capacity records nobody available; types that need several people score half.")
        )
    return notes


def _percent(value):
    return None if value is None else round(value * 100)


def decision_card(code, decision):
    return {
        "code": code,
        "label": _(GOAL_TYPES_BY_CODE[code].label),
        "answer": decision.answer if decision else None,
        "answer_label": decision.get_answer_display() if decision else None,
        "by": decision.by if decision else None,
        "at": decision.at if decision else None,
        "score": _percent(decision.score) if decision else None,
    }


def goal_type_cards(suggestions, decisions):
    """Every goal type, best suggestion first; in catalogue order when there is none."""
    by_code = {s.code: s for s in suggestions or ()}
    order = [s.code for s in suggestions] if suggestions else [t.code for t in GOAL_TYPES]
    cards = []
    for code in order:
        goal_type = GOAL_TYPES_BY_CODE[code]
        suggestion = by_code.get(code)
        kinds = [
            _(partner_kinds.BY_CODE[kind].label)
            for kind in goal_type.partner_kinds
            if kind in partner_kinds.BY_CODE
        ]
        cards.append(
            {
                "code": code,
                "label": _(goal_type.label),
                "summary": _(goal_type.summary),
                "description": _(goal_type.description),
                "score": _percent(suggestion.score) if suggestion else None,
                "relevance": _percent(suggestion.relevance) if suggestion else None,
                "feasibility": _percent(suggestion.feasibility) if suggestion else None,
                "reasons": [
                    {"kind": reason.kind, "text": _(reason.message) % reason.params}
                    for reason in (suggestion.reasons if suggestion else ())
                ],
                "partner_kinds": kinds,
                "actions": [_(text) for text in goal_type.actions],
                "we_give": [_(text) for text in goal_type.we_give],
                "they_give": [_(text) for text in goal_type.they_give],
                "effort": goal_type.effort_hours,
                "arguments": [_(text) for text in goal_type.arguments],
                "success_figures": [_(text) for text in goal_type.success_figures],
                "skills": skill_labels(goal_type.skills),
                "decision": decision_card(code, decisions.get(code)),
            }
        )
    return cards
