"""Impact pages: a partnership's figures with their sources and refresh jobs, and its reports
(edit the narrative, take in the latest figures, download the PDF or the wikitext, mark sent).
Each view: check permission, fetch, call a service, answer."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from partnerkit.core.errors import ConflictError
from partnerkit.impact import selectors, services
from partnerkit.impact.downloads import report_response
from partnerkit.impact.forms import NarrativeForm, ReportForm, SentForm, SourceForm
from partnerkit.impact.models import ReportStatus
from partnerkit.partnerships.selectors import partnership_get
from partnerkit.web.errors import add_errors, error_messages
from partnerkit.workspaces.decorators import workspace_view
from partnerkit.workspaces.permissions import can, require


def _views_chart(found):
    from partnerkit.impact import charts  # Loaded on demand: it brings matplotlib.

    return charts.views_chart_for_page(found.views)


def _page(request, partnership, *, source_form=None, report_form=None, status=200):
    found = selectors.overview(partnership)
    return render(request, "impact/partnership.html", {
        "partnership": partnership,
        "overview": found,
        "views_chart": _views_chart(found),
        "runs": selectors.partnership_runs(partnership),
        "reports": selectors.reports_of(partnership),
        "source_form": source_form or SourceForm(prefix="source"),
        "report_form": report_form or ReportForm(prefix="report"),
        "can_edit": can(request.membership, "edit"),
    }, status=status)


@workspace_view()
def partnership(request, pk):
    return _page(request, partnership_get(workspace=request.workspace, pk=pk))


@workspace_view("edit")
@require_POST
def source_create(request, pk):
    partnership = partnership_get(workspace=request.workspace, pk=pk)
    form = SourceForm(request.POST, prefix="source")
    if form.is_valid():
        try:
            services.source_create(partnership=partnership, by=request.user,
                                   **form.service_values())
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Added. Refresh the figures to count it."))
            return redirect(reverse("impact:partnership", kwargs={
                "workspace_slug": request.workspace.slug, "pk": partnership.pk}) + "#sources")
    return _page(request, partnership, source_form=form, status=400)


@workspace_view("edit")
def source_edit(request, pk):
    source = selectors.source_of(request.workspace, pk)
    conflict = None
    if request.method == "POST":
        form = SourceForm(request.POST)
        if form.is_valid():
            values = form.service_values()
            values.pop("kind")
            try:
                services.source_update(source=source, by=request.user,
                                       version=form.cleaned_data["version"], **values)
            except ConflictError as error:
                conflict = str(error)
                data = form.data.copy()
                data["version"] = error.current_version
                form.data = data
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("Saved. Refresh the figures to count the change."))
                return redirect(source.get_absolute_url())
    else:
        form = SourceForm(initial={
            "kind": source.kind, "name": source.name, "deep": source.deep,
            "entries": "\n".join(source.entries), "since": source.since,
            "version": source.version,
        })
    form.fields["kind"].disabled = True
    return render(request, "impact/source_edit.html",
                  {"source": source, "form": form, "conflict": conflict},
                  status=400 if request.method == "POST" else 200)


@workspace_view("edit")
@require_POST
def source_delete(request, pk):
    source = selectors.source_of(request.workspace, pk)
    services.source_delete(source=source, by=request.user)
    messages.success(request, _("%(source)s no longer counts.") % {"source": source})
    return redirect("impact:partnership", workspace_slug=request.workspace.slug,
                    pk=source.partnership_id)


@workspace_view("edit")
@require_POST
def refresh(request, pk):
    partnership = partnership_get(workspace=request.workspace, pk=pk)
    try:
        services.refresh_start(workspace=request.workspace, by=request.user,
                               sources=list(partnership.impact_sources.all()))
    except ValidationError as error:
        error_messages(request, error)
    else:
        messages.success(request, _(
            "The refresh is queued. Only what changed is fetched; the figures appear here "
            "when it is done."))
    return redirect(reverse("impact:partnership", kwargs={
        "workspace_slug": request.workspace.slug, "pk": partnership.pk}) + "#runs")


@workspace_view("edit")
@require_POST
def report_create(request, pk):
    partnership = partnership_get(workspace=request.workspace, pk=pk)
    form = ReportForm(request.POST, prefix="report")
    if form.is_valid():
        values = dict(form.cleaned_data)
        start, end = services.default_period(partnership, values["kind"])
        values["period_start"] = values["period_start"] or start
        values["period_end"] = values["period_end"] or end
        values["title"] = values["title"] or services.default_title(
            partnership, values["kind"], values["period_start"], values["period_end"])
        try:
            report = services.report_create(partnership=partnership, by=request.user, **values)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Made with the latest figures. Write the story around "
                                        "them, then download it."))
            return redirect(report.get_absolute_url())
    return _page(request, partnership, report_form=form, status=400)


@workspace_view()
def report_detail(request, pk):
    report = selectors.report_of(request.workspace, pk)
    conflict = None
    status = 200
    if request.method == "POST":
        require(request.membership, "edit")
        form = NarrativeForm(request.POST)
        if form.is_valid():
            values = dict(form.cleaned_data)
            version = values.pop("version")
            try:
                services.report_update(report=report, by=request.user, version=version, **values)
            except ConflictError as error:
                conflict = str(error)
                data = form.data.copy()
                data["version"] = error.current_version
                form.data = data
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("Saved."))
                return redirect(report.get_absolute_url())
        status = 400
    else:
        form = NarrativeForm(initial={
            "title": report.title, "period_start": report.period_start,
            "period_end": report.period_end, "summary": report.summary,
            "highlights": report.highlights, "next_steps": report.next_steps,
            "thanks": report.thanks, "version": report.version,
        })
    return render(request, "impact/report.html", {
        "report": report,
        "partnership": report.partnership,
        "figures": report.figures,
        "form": form,
        "sent_form": SentForm(),
        "conflict": conflict,
        "is_draft": report.status == ReportStatus.DRAFT,
        "can_edit": can(request.membership, "edit"),
    }, status=status)


@workspace_view("edit")
@require_POST
def report_refresh(request, pk):
    report = selectors.report_of(request.workspace, pk)
    try:
        services.report_refresh_figures(report=report, by=request.user)
    except ValidationError as error:
        error_messages(request, error)
    else:
        messages.success(request, _("The report now shows the latest figures."))
    return redirect(report.get_absolute_url())


@workspace_view("edit")
@require_POST
def report_sent(request, pk):
    report = selectors.report_of(request.workspace, pk)
    form = SentForm(request.POST)
    if form.is_valid():
        try:
            services.report_mark_sent(report=report, by=request.user, on=form.cleaned_data["on"])
        except ValidationError as error:
            error_messages(request, error)
        else:
            messages.success(request, _("Marked as sent; the follow-up waiting for it is done."))
    else:
        messages.error(request, _("Give the day it was sent as a date."))
    return redirect(report.get_absolute_url())


@workspace_view("edit")
@require_POST
def report_delete(request, pk):
    report = selectors.report_of(request.workspace, pk)
    services.report_delete(report=report, by=request.user)
    messages.success(request, _("The report is deleted."))
    return redirect("impact:partnership", workspace_slug=request.workspace.slug,
                    pk=report.partnership_id)


@workspace_view()
def report_download(request, pk, fmt):
    return report_response(selectors.report_of(request.workspace, pk), fmt)
