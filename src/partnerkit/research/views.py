"""Research pages: a partner's Wikidata link, facts, content gap and study dossier, and the
jobs that fetch facts. Each view: check permission, fetch, call a service, answer."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from partnerkit.partnerships.selectors import partner_partnerships
from partnerkit.research import selectors, services
from partnerkit.research.forms import AnswersForm, SourceForm, WikidataLinkForm, WikidataSearchForm
from partnerkit.research.models import RunScope, RunStatus
from partnerkit.wikimedia import wikidata
from partnerkit.wikimedia.errors import WikimediaError
from partnerkit.workspaces.decorators import workspace_view
from partnerkit.workspaces.permissions import can

PAGE_SIZE = 50


def _partner_url(request, partner) -> str:
    return reverse(
        "research:partner", kwargs={"workspace_slug": request.workspace.slug, "pk": partner.pk}
    )


@workspace_view()
def research_index(request):
    partners = selectors.research_list(workspace=request.workspace)
    page = Paginator(partners, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [
        (partner, selectors.facts_of(partner), selectors.list_completeness(partner))
        for partner in page
    ]
    return render(
        request,
        "research/index.html",
        {
            "page": page,
            "rows": rows,
            "runs": list(selectors.run_list(workspace=request.workspace)[:5]),
            "stale_count": services.stale_partners(request.workspace).count(),
            "can_edit": can(request.membership, "edit"),
        },
    )


@workspace_view()
def partner_research(request, pk):
    partner = selectors.partner_get(workspace=request.workspace, pk=pk)
    facts = selectors.facts_of(partner)
    return render(
        request,
        "research/partner.html",
        {
            "partner": partner,
            "facts": facts,
            "fact_rows": selectors.fact_rows(facts),
            "social": selectors.social_accounts(facts),
            "gap": selectors.content_gap(partner, facts),
            "dossier": selectors.dossier_get(partner),
            "partnerships": list(partner_partnerships(partner=partner)),
            "last_run": selectors.last_run_for(partner),
            "can_edit": can(request.membership, "edit"),
        },
    )


@workspace_view("edit")
def partner_link(request, pk):
    partner = selectors.partner_get(workspace=request.workspace, pk=pk)
    search_form = WikidataSearchForm(request.GET or None, initial={"q": partner.name})
    link_form = WikidataLinkForm(request.POST or None)
    hits, search_error = None, ""
    if search_form.is_valid():
        try:
            hits = wikidata.search(
                search_form.cleaned_data["q"], languages=request.workspace.language_codes
            )
        except WikimediaError as error:
            search_error = str(error)
    if request.method == "POST" and link_form.is_valid():
        try:
            result = services.partner_link(
                partner=partner, qid=link_form.cleaned_data["qid"], by=request.user
            )
        except ValidationError as error:
            link_form.add_error(None, error)
        except WikimediaError as error:
            link_form.add_error(None, str(error))
        else:
            if result.unchanged:
                messages.info(
                    request,
                    _("%(name)s is already linked to %(qid)s.")
                    % {"name": partner.name, "qid": result.qid},
                )
            else:
                if result.run is not None:
                    result.run.refresh_from_db(fields=["status"])  # a worker may be done
                fetched = result.run is not None and result.run.status == RunStatus.DONE
                then = (
                    _("Its facts have been fetched.")
                    if fetched
                    else _("Its facts are being fetched.")
                )
                if result.redirected_from:
                    messages.warning(
                        request,
                        _(
                            "%(old)s was merged into %(new)s on Wikidata, so %(name)s is linked to "
                            "%(new)s."
                        )
                        % {"old": result.redirected_from, "new": result.qid, "name": partner.name}
                        + " "
                        + then,
                    )
                else:
                    messages.success(
                        request,
                        _("%(name)s is linked to %(qid)s.")
                        % {"name": partner.name, "qid": result.qid}
                        + " "
                        + then,
                    )
            return redirect(_partner_url(request, partner))
    return render(
        request,
        "research/link.html",
        {
            "partner": partner,
            "search_form": search_form,
            "link_form": link_form,
            "hits": hits,
            "search_error": search_error,
        },
    )


@workspace_view("edit")
@require_POST
def partner_unlink(request, pk):
    partner = selectors.partner_get(workspace=request.workspace, pk=pk)
    old = partner.wikidata_qid
    services.partner_unlink(partner=partner, by=request.user)
    if old:
        messages.success(
            request,
            _("%(name)s is no longer linked to %(qid)s; the history keeps the old link.")
            % {"name": partner.name, "qid": old},
        )
    return redirect(_partner_url(request, partner))


@workspace_view("edit")
@require_POST
def partner_refresh(request, pk):
    partner = selectors.partner_get(workspace=request.workspace, pk=pk)
    try:
        run = services.enrichment_start(
            workspace=request.workspace, by=request.user, partners=[partner]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        _report_run(request, run)
    return redirect(_partner_url(request, partner))


def _report_run(request, run) -> None:
    run.refresh_from_db()
    if run.error:
        messages.error(
            request, _("Job #%(pk)d stopped: %(error)s") % {"pk": run.pk, "error": run.error}
        )
    elif run.status == "done":
        messages.success(
            request,
            _("Job #%(pk)d fetched the facts of %(count)d partners.")
            % {"pk": run.pk, "count": run.done},
        )
    else:
        messages.info(
            request, _("Job #%(pk)d is queued; its page shows its progress.") % {"pk": run.pk}
        )


@workspace_view("edit")
def answers_edit(request, pk):
    partner = selectors.partner_get(workspace=request.workspace, pk=pk)
    dossier = selectors.dossier_get(partner)
    form = AnswersForm(request.POST or None, answers=dossier.answers)
    if request.method == "POST" and form.is_valid():
        try:
            services.answers_update(
                partner=partner, by=request.user, answers=form.changed_answers()
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The study answers are saved."))
            return redirect(_partner_url(request, partner) + "#dossier")
    return render(request, "research/answers_form.html", {"partner": partner, "form": form})


@workspace_view("edit")
def source_create(request, pk):
    partner = selectors.partner_get(workspace=request.workspace, pk=pk)
    form = SourceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.source_create(partner=partner, by=request.user, **form.service_values())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The source was added."))
            return redirect(_partner_url(request, partner) + "#sources")
    return render(
        request, "research/source_form.html", {"partner": partner, "form": form, "source": None}
    )


@workspace_view("edit")
def source_edit(request, pk, source_pk):
    partner = selectors.partner_get(workspace=request.workspace, pk=pk)
    source = selectors.source_get(partner=partner, pk=source_pk)
    form = SourceForm(request.POST or None, instance=source)
    if request.method == "POST" and form.is_valid():
        try:
            services.source_update(source=source, by=request.user, **form.service_values())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The source was saved."))
            return redirect(_partner_url(request, partner) + "#sources")
    return render(
        request, "research/source_form.html", {"partner": partner, "form": form, "source": source}
    )


@workspace_view("edit")
@require_POST
def source_delete(request, pk, source_pk):
    partner = selectors.partner_get(workspace=request.workspace, pk=pk)
    source = selectors.source_get(partner=partner, pk=source_pk)
    services.source_delete(source=source, by=request.user)
    messages.success(request, _("The source was removed."))
    return redirect(_partner_url(request, partner) + "#sources")


@workspace_view()
def run_list(request):
    page = Paginator(selectors.run_list(workspace=request.workspace), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "research/runs.html",
        {
            "page": page,
            "stale_count": services.stale_partners(request.workspace).count(),
            "can_edit": can(request.membership, "edit"),
        },
    )


@workspace_view("edit")
@require_POST
def run_start(request):
    scope = request.POST.get("scope", RunScope.STALE)
    if scope not in (RunScope.STALE, RunScope.ALL):
        scope = RunScope.STALE
    run = services.enrichment_start(workspace=request.workspace, by=request.user, scope=scope)
    _report_run(request, run)
    return redirect(run)


@workspace_view()
def run_detail(request, pk):
    run = selectors.run_get(workspace=request.workspace, pk=pk)
    return render(
        request,
        "research/run.html",
        {
            "run": run,
            "resumable": services.enrichment_resumable(run),
            "can_edit": can(request.membership, "edit"),
        },
    )


@workspace_view("edit")
@require_POST
def run_resume(request, pk):
    run = selectors.run_get(workspace=request.workspace, pk=pk)
    try:
        run = services.enrichment_resume(run=run, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        _report_run(request, run)
    return redirect(run)
