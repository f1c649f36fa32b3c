"""Partner and contact pages. Each view: check permission, fetch, call a service, answer."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from partnerkit.core.errors import ConflictError
from partnerkit.partners import selectors, services
from partnerkit.partners.forms import ContactForm, PartnerFilterForm, PartnerForm
from partnerkit.partners.models import Contact, Partner
from partnerkit.partnerships.selectors import partner_partnerships
from partnerkit.web.conflicts import conflict_context
from partnerkit.workspaces.decorators import workspace_view
from partnerkit.workspaces.permissions import can

PAGE_SIZE = 50


@workspace_view()
def partner_list(request):
    filter_form = PartnerFilterForm(
        request.GET or None,
        countries=selectors.workspace_countries(workspace=request.workspace),
    )
    filters = selectors.PartnerFilters()
    if filter_form.is_valid():
        filters = selectors.PartnerFilters(
            **{name: value for name, value in filter_form.cleaned_data.items() if value}
        )
    partners = selectors.partner_list(workspace=request.workspace, filters=filters)
    page = Paginator(partners, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "filter_form": filter_form,
        "page": page,
        "filters": filters,
        "query_string": _query_without_page(request),
        "can_edit": can(request.membership, "edit"),
    }
    if request.htmx and request.htmx.target == "partner-results":
        return render(request, "partners/_results.html", context)
    return render(request, "partners/list.html", context)


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@workspace_view("edit")
def partner_create(request):
    form = PartnerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            partner = services.partner_create(
                workspace=request.workspace, by=request.user, **form.service_values()
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("%(name)s was added.") % {"name": partner.name})
            return redirect(partner)
    return render(request, "partners/form.html", {"form": form, "partner": None})


@workspace_view()
def partner_detail(request, pk):
    partner = selectors.partner_get(workspace=request.workspace, pk=pk)
    timeline = selectors.partner_timeline(partner=partner, limit=5)
    return render(
        request,
        "partners/detail.html",
        {
            "partner": partner,
            "contacts": list(partner.contacts.all()),
            "partnerships": list(partner_partnerships(partner=partner)),
            "timeline": timeline,
            "can_edit": can(request.membership, "edit"),
        },
    )


@workspace_view("edit")
def partner_edit(request, pk):
    partner = selectors.partner_get(workspace=request.workspace, pk=pk)
    form = PartnerForm(request.POST or None, instance=partner)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            partner = services.partner_update(
                partner=partner,
                by=request.user,
                version=form.cleaned_data["version"],
                **form.service_values(),
            )
        except ConflictError as error:
            conflict = conflict_context(form, error, Partner)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Changes to %(name)s saved.") % {"name": partner.name})
            return redirect(partner)
    return render(
        request, "partners/form.html", {"form": form, "partner": partner, "conflict": conflict}
    )


@workspace_view("edit")
@require_POST
def partner_archive(request, pk):
    partner = selectors.partner_get(workspace=request.workspace, pk=pk)
    services.partner_archive(partner=partner, by=request.user)
    messages.success(
        request, _("%(name)s is archived; it stays searchable under “Archived”.") % {"name": partner.name}
    )
    return redirect(partner)


@workspace_view("edit")
@require_POST
def partner_unarchive(request, pk):
    partner = selectors.partner_get(workspace=request.workspace, pk=pk)
    services.partner_unarchive(partner=partner, by=request.user)
    messages.success(request, _("%(name)s is active again.") % {"name": partner.name})
    return redirect(partner)


@workspace_view()
def partner_history(request, pk):
    partner = selectors.partner_get(workspace=request.workspace, pk=pk)
    return render(
        request,
        "partners/history.html",
        {
            "partner": partner,
            "timeline": selectors.partner_timeline(partner=partner),
            "can_edit": can(request.membership, "edit"),
        },
    )


@workspace_view("edit")
@require_POST
def partner_restore(request, pk, history_id):
    partner = selectors.partner_get(workspace=request.workspace, pk=pk)
    try:
        services.partner_restore(partner=partner, history_id=history_id, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("partners:history", workspace_slug=request.workspace.slug, pk=pk)
    messages.success(request, _("The earlier version is back; the history keeps both."))
    return redirect(partner)


@workspace_view("edit")
@require_POST
def contact_restore(request, pk, history_id):
    partner = selectors.partner_get(workspace=request.workspace, pk=pk)
    try:
        contact = services.contact_restore(partner=partner, history_id=history_id, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("partners:history", workspace_slug=request.workspace.slug, pk=pk)
    messages.success(request, _("%(name)s is restored.") % {"name": contact.name})
    return redirect(partner)


@workspace_view("edit")
def contact_create(request, pk):
    partner = selectors.partner_get(workspace=request.workspace, pk=pk)
    form = ContactForm(request.POST or None, partner=partner)
    if request.method == "POST" and form.is_valid():
        try:
            contact = services.contact_create(
                partner=partner, by=request.user, **form.service_values()
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("%(name)s was added.") % {"name": contact.name})
            return redirect(partner)
    return render(
        request, "partners/contact_form.html", {"form": form, "partner": partner, "contact": None}
    )


@workspace_view("edit")
def contact_edit(request, pk, contact_pk):
    contact = selectors.contact_get(workspace=request.workspace, pk=contact_pk, partner_pk=pk)
    partner = contact.partner
    form = ContactForm(request.POST or None, instance=contact)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.contact_update(
                contact=contact,
                by=request.user,
                version=form.cleaned_data["version"],
                **form.service_values(),
            )
        except ConflictError as error:
            conflict = conflict_context(form, error, Contact)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Changes to %(name)s saved.") % {"name": contact.name})
            return redirect(partner)
    return render(
        request,
        "partners/contact_form.html",
        {"form": form, "partner": partner, "contact": contact, "conflict": conflict},
    )


@workspace_view("edit")
@require_POST
def contact_delete(request, pk, contact_pk):
    contact = selectors.contact_get(workspace=request.workspace, pk=contact_pk, partner_pk=pk)
    services.contact_delete(contact=contact, by=request.user)
    messages.success(
        request, _("%(name)s was removed; the history can bring them back.") % {"name": contact.name}
    )
    return redirect(contact.partner)
