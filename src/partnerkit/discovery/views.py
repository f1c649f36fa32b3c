"""The discovery page: candidates from the Wikidata Query Service, marked when already partners,
added in bulk. Each view: check permission, fetch, call a service, answer."""

from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from partnerkit.discovery import selectors, services, sparql
from partnerkit.discovery.forms import KIND_LABELS, AddForm, DiscoveryForm, SparqlForm
from partnerkit.discovery.models import DiscoveryQuery
from partnerkit.wikimedia.errors import QueryTimeout, WikimediaError
from partnerkit.workspaces.decorators import workspace_view
from partnerkit.workspaces.permissions import can, require

QUERY_SERVICE = "https://query.wikidata.org/"
# Rows per page: a thousand rows with a box each are slow to render and to scan.
PAGE_SIZE = 100


def _page_url(workspace, discovery: DiscoveryQuery, page: str = "") -> str:
    url = reverse("discovery:discover", kwargs={"workspace_slug": workspace.slug})
    url = f"{url}?discovery={discovery.pk}"
    return f"{url}&page={page}" if page.isdigit() and page != "1" else url


def _run(request, discovery_request, *, refresh=False):
    """(discovery, None), or (None, the reason) when the query service could not answer."""
    try:
        discovery = services.discovery_run(
            workspace=request.workspace,
            by=request.user,
            request=discovery_request,
            refresh=refresh,
        )
    except QueryTimeout:
        return None, services.timeout_message()
    except WikimediaError as error:  # a syntax error quotes the service's parser
        return None, str(error)
    except ValidationError as error:
        return None, " ".join(error.messages)
    return discovery, None


@workspace_view()
def discover(request):
    """Run (or reuse) a discovery by kind and area; ``?discovery=<id>`` shows a stored one;
    a POST with ``discovery`` fetches that one again."""
    form = DiscoveryForm(request.GET if "kind" in request.GET else None)
    sparql_form = SparqlForm()
    discovery = None
    stored_id = request.POST.get("discovery") or request.GET.get("discovery")
    if stored_id and str(stored_id).isdigit():
        discovery = selectors.discovery_get(workspace=request.workspace, pk=stored_id)
        if discovery.handwritten:
            sparql_form = SparqlForm(initial={"sparql": discovery.sparql})
        else:
            form = DiscoveryForm(
                initial={"kind": discovery.kind, "area": discovery.area, "limit": discovery.limit}
            )
        if request.method == "POST":
            if discovery.handwritten:
                require(request.membership, "edit")
            again = services.DiscoveryRequest(
                text=discovery.sparql,
                kind=discovery.kind,
                area=discovery.area,
                limit=discovery.limit,
                handwritten=discovery.handwritten,
            )
            fresh, problem = _run(request, again, refresh=True)
            if fresh is not None:
                messages.success(request, _("Fetched again from the Wikidata Query Service."))
                return redirect(_page_url(request.workspace, fresh))
            messages.error(request, problem)
    elif form.is_bound and form.is_valid():
        try:
            wanted = services.discovery_request(
                workspace=request.workspace,
                kind=form.cleaned_data["kind"],
                area=form.cleaned_data["area"],
                limit=form.cleaned_data["limit"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            discovery, problem = _run(request, wanted)
            if problem:
                form.add_error(None, problem)
    return _render(request, form=form, sparql_form=sparql_form, discovery=discovery)


@workspace_view("edit")
def discover_sparql(request):
    """The advanced box: a hand-written SELECT query (members and above)."""
    sparql_form = SparqlForm(request.POST or None)
    if request.method == "POST" and sparql_form.is_valid():
        try:
            wanted = services.discovery_request(
                workspace=request.workspace, text=sparql_form.cleaned_data["sparql"]
            )
        except ValidationError as error:
            sparql_form.add_error(None, error)
        else:
            discovery, problem = _run(request, wanted)
            if discovery is not None:
                return redirect(_page_url(request.workspace, discovery))
            sparql_form.add_error("sparql", problem)
    return _render(
        request, form=DiscoveryForm(), sparql_form=sparql_form, discovery=None, advanced_open=True
    )


@workspace_view("edit")
@require_POST
def discover_add(request):
    stored_id = request.POST.get("discovery", "")
    if not stored_id.isdigit():
        messages.error(request, _("Run a discovery first, then tick the results to add."))
        return redirect("discovery:discover", workspace_slug=request.workspace.slug)
    discovery = selectors.discovery_get(workspace=request.workspace, pk=stored_id)
    rows = {row["qid"]: row for row in discovery.rows}
    form = AddForm(request.POST, qids=rows)
    back = _page_url(request.workspace, discovery, request.POST.get("page", ""))
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(back)
    chosen = [rows[qid] for qid in form.cleaned_data["qids"]]
    try:
        result = services.discovery_add(
            workspace=request.workspace,
            by=request.user,
            rows=chosen,
            partner_kind=form.cleaned_data["kind"],
        )
    except ValidationError as error:
        messages.error(
            request, _("Nothing was added: %(reason)s") % {"reason": " ".join(error.messages)}
        )
        return redirect(back)
    if result.added:
        links = format_html_join(
            ", ",
            '<a href="{}">{}</a>',
            ((partner.get_absolute_url(), partner.name) for partner in result.added),
        )
        messages.success(
            request,
            format_html(
                "{} {}",
                ngettext(
                    "Added %(count)d partner with a partnership at the idea stage; its "
                    "Wikidata facts are being fetched:",
                    "Added %(count)d partners, each with a partnership at the idea stage; "
                    "their Wikidata facts are being fetched:",
                    len(result.added),
                )
                % {"count": len(result.added)},
                links,
            ),
        )
    if result.skipped:
        messages.warning(
            request,
            _("Skipped, already partners: %(names)s.")
            % {
                "names": ", ".join(
                    f"{row.get('label') or row['qid']} ({name})" for row, name in result.skipped
                )
            },
        )
    return redirect(back)


def _render(request, *, form, sparql_form, discovery, advanced_open=False):
    can_edit = can(request.membership, "edit")
    marked = []
    if discovery is not None:
        marked = selectors.mark_existing(workspace=request.workspace, rows=discovery.rows)
    default_kind = (
        sparql.KINDS[discovery.kind].partner_kind
        if discovery is not None and discovery.kind in sparql.KINDS
        else "other"
    )
    page = Paginator(marked, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "sparql_form": sparql_form,
        "discovery": discovery,
        "page": page,
        "rows": page.object_list,
        "query_string": f"discovery={discovery.pk}" if discovery else "",
        "new_count": sum(1 for row in marked if row.match is None),
        "registered_count": sum(1 for row in marked if row.is_registered),
        "add_form": AddForm(initial={"kind": default_kind}, auto_id="add-%s") if can_edit else None,
        "can_edit": can_edit,
        "advanced_open": advanced_open
        or bool(sparql_form.errors)
        or bool(discovery and discovery.handwritten),
        "query_service_url": (
            QUERY_SERVICE + "#" + quote(discovery.sparql, safe="") if discovery else ""
        ),
        "recent": [
            (past, KIND_LABELS.get(past.kind, past.kind))
            for past in selectors.recent_discoveries(workspace=request.workspace)
        ],
        "kind_label": KIND_LABELS.get(discovery.kind, "") if discovery else "",
    }
    return render(request, "discovery/discover.html", context)
