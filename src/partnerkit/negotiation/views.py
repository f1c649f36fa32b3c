"""Negotiation pages: a partnership's commitments and warning signs, the capacity check and
the "when to say no" gate. Each view: check permission, fetch, call a service, answer."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from partnerkit.core.errors import ConflictError
from partnerkit.method import warning_signs as sign_catalogue
from partnerkit.negotiation import selectors, services
from partnerkit.negotiation.forms import (
    AcknowledgeForm,
    CommitmentForm,
    ResolveForm,
    SayNoForm,
    WarningSignForm,
)
from partnerkit.negotiation.models import Commitment, Screening
from partnerkit.partnerships.models import Partnership
from partnerkit.partnerships.selectors import partnership_get
from partnerkit.partnerships.services import StageBlocked
from partnerkit.web.conflicts import conflict_context
from partnerkit.web.redirects import next_url
from partnerkit.workspaces.decorators import workspace_view
from partnerkit.workspaces.permissions import can


def _partnership(request, pk) -> Partnership:
    return partnership_get(workspace=request.workspace, pk=pk)


def _commitments_url(partnership, anchor: str = "") -> str:
    url = reverse(
        "negotiation:commitments",
        kwargs={"workspace_slug": partnership.workspace.slug, "pk": partnership.pk},
    )
    return url + (f"#{anchor}" if anchor else "")


def _report(request, commitment: Commitment, check) -> None:
    """Tell what the screening and the capacity check made of a saved commitment."""
    if commitment.screening == Screening.NOT_ENGLISH:
        messages.warning(
            request,
            _(
                "Not screened: the text is not in English, so it was saved as written without "
                "a check for dangerous promises. Read it again with the list of dangerous "
                "promises in mind."
            ),
        )
    elif commitment.flagged:
        labels = sorted({finding.label for finding in selectors.findings_of(commitment)})
        messages.warning(
            request,
            _("Dangerous promise: %(labels)s. See why, and a safer alternative, below.")
            % {"labels": ", ".join(labels)},
        )
    if check.is_over:
        worst = max(check.months, key=lambda month: month.over)
        messages.warning(
            request,
            _(
                "Over capacity: %(month)s needs %(total)s hours and the workspace has "
                "%(available)s (%(over)s too many). Recorded anyway; consider moving a due "
                "date or sharing the work."
            )
            % {
                "month": date_format(worst.start, "YEAR_MONTH_FORMAT"),
                "total": worst.total.normalize(),
                "available": worst.available,
                "over": worst.over.normalize(),
            },
        )


@workspace_view()
def commitments(request, pk):
    partnership = _partnership(request, pk)
    can_edit = can(request.membership, "edit")
    return render(
        request,
        "negotiation/commitments.html",
        {
            "partnership": partnership,
            "commitments": selectors.commitment_list(partnership=partnership),
            "warning_signs": selectors.warning_sign_list(partnership=partnership),
            "capacity": selectors.capacity_check(request.workspace),
            "form": CommitmentForm(partnership=partnership) if can_edit else None,
            "sign_form": WarningSignForm(partnership=partnership) if can_edit else None,
            "catalogue": sign_catalogue.WARNING_SIGNS,
            "can_edit": can_edit,
        },
    )


@workspace_view("edit")
def commitment_create(request, pk):
    partnership = _partnership(request, pk)
    form = CommitmentForm(
        request.POST or None,
        partnership=partnership,
        initial={"meeting": request.GET.get("meeting")} if request.method == "GET" else None,
    )
    back = next_url(request, _commitments_url(partnership))
    if request.method == "POST" and form.is_valid():
        try:
            commitment = services.commitment_create(
                partnership=partnership, by=request.user, **form.service_values()
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The commitment is recorded."))
            _report(request, commitment, selectors.capacity_check(request.workspace))
            return redirect(f"{back.split('#')[0]}#commitment-{commitment.pk}")
    tried = form.instance if form.is_bound else None
    return render(
        request,
        "negotiation/commitment_form.html",
        {
            "form": form,
            "partnership": partnership,
            "commitment": None,
            "next": back,
            "capacity": selectors.capacity_check(request.workspace, extra=tried),
        },
    )


@workspace_view("edit")
def commitment_edit(request, pk, commitment_pk):
    partnership = _partnership(request, pk)
    commitment = selectors.commitment_of(partnership=partnership, pk=commitment_pk)
    form = CommitmentForm(request.POST or None, instance=commitment, partnership=partnership)
    back = next_url(request, _commitments_url(partnership))
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            commitment = services.commitment_update(
                commitment=commitment,
                by=request.user,
                version=form.cleaned_data["version"],
                **form.service_values(),
            )
        except ConflictError as error:
            conflict = conflict_context(form, error, Commitment)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Changes to the commitment saved."))
            _report(request, commitment, selectors.capacity_check(request.workspace))
            return redirect(f"{back.split('#')[0]}#commitment-{commitment.pk}")
    return render(
        request,
        "negotiation/commitment_form.html",
        {
            "form": form,
            "partnership": partnership,
            "commitment": commitment,
            "conflict": conflict,
            "next": back,
            "capacity": selectors.capacity_check(request.workspace, extra=form.instance),
        },
    )


@workspace_view("edit")
@require_POST
def commitment_delete(request, pk, commitment_pk):
    partnership = _partnership(request, pk)
    commitment = selectors.commitment_of(partnership=partnership, pk=commitment_pk)
    services.commitment_delete(commitment=commitment, by=request.user)
    messages.success(request, _("The commitment is removed; its history is kept."))
    return redirect(next_url(request, _commitments_url(partnership)))


@workspace_view("edit")
def commitment_acknowledge(request, pk, commitment_pk):
    partnership = _partnership(request, pk)
    commitment = selectors.commitment_of(partnership=partnership, pk=commitment_pk)
    form = AcknowledgeForm(request.POST or None, initial={"version": commitment.version})
    back = next_url(request, _commitments_url(partnership))
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.commitment_acknowledge(
                commitment=commitment,
                by=request.user,
                reason=form.cleaned_data["reason"],
                version=form.cleaned_data["version"],
            )
        except ConflictError as error:
            form.add_error(None, str(error))
            conflict = {"changes": []}
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("The commitment is kept on purpose; the reason is recorded.")
            )
            return redirect(f"{back.split('#')[0]}#commitment-{commitment.pk}")
    return render(
        request,
        "negotiation/acknowledge.html",
        {
            "form": form,
            "partnership": partnership,
            "commitment": commitment,
            "conflict": conflict,
            "next": back,
        },
    )


@workspace_view("edit")
def warning_sign_create(request, pk):
    partnership = _partnership(request, pk)
    form = WarningSignForm(
        request.POST or None,
        partnership=partnership,
        initial={"meeting": request.GET.get("meeting")} if request.method == "GET" else None,
    )
    back = next_url(request, _commitments_url(partnership, "warning-signs"))
    if request.method == "POST" and form.is_valid():
        try:
            services.warning_sign_create(
                partnership=partnership,
                by=request.user,
                code=form.cleaned_data["code"],
                evidence=form.cleaned_data["evidence"],
                meeting=form.cleaned_data["meeting"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The warning sign is recorded with its evidence."))
            return redirect(back)
    return render(
        request,
        "negotiation/warning_sign_form.html",
        {
            "form": form,
            "partnership": partnership,
            "catalogue": sign_catalogue.WARNING_SIGNS,
            "next": back,
        },
    )


@workspace_view("edit")
def warning_sign_resolve(request, pk, sign_pk):
    partnership = _partnership(request, pk)
    sign = selectors.warning_sign_of(partnership=partnership, pk=sign_pk)
    form = ResolveForm(request.POST or None, initial={"version": sign.version})
    back = next_url(request, _commitments_url(partnership, "warning-signs"))
    if request.method == "POST" and form.is_valid():
        try:
            services.warning_sign_resolve(
                warning_sign=sign,
                by=request.user,
                note=form.cleaned_data["note"],
                version=form.cleaned_data["version"],
            )
        except ConflictError as error:
            form.add_error(None, str(error))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The warning sign is marked as resolved."))
            return redirect(back)
    return render(
        request,
        "negotiation/resolve.html",
        {"form": form, "partnership": partnership, "sign": sign, "next": back},
    )


def _say_no_page(request, partnership, form):
    signs = selectors.warning_sign_list(partnership=partnership)
    return render(
        request,
        "negotiation/say_no.html",
        {
            "partnership": partnership,
            "form": form,
            "can_edit": can(request.membership, "edit"),
            "warning_signs": signs,
            "unresolved_signs": [item for item in signs if not item.resolved],
            "flagged": selectors.flagged_open(partnership=partnership),
            "capacity": selectors.capacity_check(request.workspace),
            "say_no_when": sign_catalogue.SAY_NO_WHEN,
            "how_to_say_no": sign_catalogue.HOW_TO_SAY_NO,
        },
    )


@workspace_view()
def say_no(request, pk):
    """The "when to say no" gate: what speaks against the partnership, the method's advice,
    and the form for the decision with its reason."""
    partnership = _partnership(request, pk)
    return _say_no_page(request, partnership, SayNoForm())


@workspace_view("edit")
@require_POST
def say_no_decide(request, pk):
    partnership = _partnership(request, pk)
    form = SayNoForm(request.POST)
    if form.is_valid():
        try:
            services.say_no(
                partnership=partnership,
                by=request.user,
                outcome=form.cleaned_data["outcome"],
                reason=form.cleaned_data["reason"],
            )
        except StageBlocked as blocked:
            form.add_error(None, " ".join([str(blocked), *blocked.messages]))
        except ValidationError as error:
            _add_move_errors(form, error)
        else:
            partnership.refresh_from_db()
            messages.success(
                request,
                _("The decision is recorded: “%(title)s” is now %(stage)s, with your reason.")
                % {"title": partnership.title, "stage": partnership.get_stage_display()},
            )
            return redirect(partnership)
    return _say_no_page(request, partnership, form)


def _add_move_errors(form, error: ValidationError) -> None:
    """Errors of the stage move ("to": already there) belong to the outcome field here."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, messages_ in error.message_dict.items():
        target = {"to": "outcome"}.get(name, name)
        form.add_error(target if target in form.fields else None, messages_)


@workspace_view()
def capacity(request):
    return render(
        request,
        "negotiation/capacity.html",
        {"capacity": selectors.capacity_check(request.workspace)},
    )
