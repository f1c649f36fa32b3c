"""Import and export pages. The import is a wizard over a draft kept on the server: upload,
choose columns, check (errors, warnings, duplicates and what to do with them), apply, report."""

from itertools import islice

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from partnerkit.transfer import exports, selectors, services
from partnerkit.transfer.columns import KINDS
from partnerkit.transfer.forms import MappingForm, UploadForm
from partnerkit.transfer.planning import CHOICE_LABELS, CHOICES
from partnerkit.workspaces.decorators import workspace_view
from partnerkit.workspaces.permissions import can

# What the check page lists at most; a file with more problems needs fixing first anyway.
SHOWN_PROBLEMS = 500
SHOWN_DUPLICATES = 1000
REPORT_PAGE = 200


@workspace_view()
def index(request):
    runs = Paginator(selectors.import_run_list(workspace=request.workspace), 50)
    can_edit = can(request.membership, "edit")
    return render(
        request,
        "transfer/index.html",
        {
            "page": runs.get_page(request.GET.get("page")),
            "drafts": selectors.import_draft_list(workspace=request.workspace, user=request.user)
            if can_edit else [],
            "exports": _export_links(request.workspace),
            "can_edit": can_edit,
        },
    )


def _export_links(workspace):
    return [
        {
            "label": spec.label,
            "links": [
                (
                    format.upper(),
                    reverse(
                        f"transfer:export_{kind}_{format}",
                        kwargs={"workspace_slug": workspace.slug},
                    ),
                )
                for format in exports.FORMATS
            ],
        }
        for kind, spec in KINDS.items()
    ]


@workspace_view("edit")
def upload(request):
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        run = services.import_draft_create(
            workspace=request.workspace,
            by=request.user,
            kind=form.cleaned_data["kind"],
            file_name=form.cleaned_data["file"].name,
            table=form.table,
        )
        return redirect("transfer:mapping", workspace_slug=request.workspace.slug, pk=run.pk)
    return render(request, "transfer/upload.html", {"form": form, "step": 1})


@workspace_view("edit")
def mapping(request, pk):
    run = selectors.import_draft_get(workspace=request.workspace, user=request.user, pk=pk)
    spec = KINDS[run.kind]
    form = MappingForm(request.POST or None, spec=spec, headers=run.headers, mapping=run.mapping)
    if request.method == "POST" and form.is_valid():
        try:
            services.import_draft_update(run=run, mapping=form.mapping())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("transfer:preview", workspace_slug=request.workspace.slug, pk=run.pk)
    return render(
        request,
        "transfer/mapping.html",
        {"run": run, "spec": spec, "form": form, "samples": _samples(run), "step": 2},
    )


def _samples(run, per_column: int = 3) -> list[dict]:
    """The file's columns with their first few values, to recognise them by."""
    samples = []
    for index, header in enumerate(run.headers):
        values = (row[index] for row in run.rows[:500] if row[index])
        first = list(islice(dict.fromkeys(values), per_column))
        samples.append({"header": header, "values": first})
    return samples


@workspace_view("edit")
def preview(request, pk):
    run = selectors.import_draft_get(workspace=request.workspace, user=request.user, pk=pk)
    if request.method == "POST":
        services.import_draft_update(run=run, decisions=_decisions(request, run))
        return redirect("transfer:preview", workspace_slug=request.workspace.slug, pk=run.pk)
    checked = services.import_preview(run=run, by=request.user)
    duplicates = checked.duplicates
    return render(
        request,
        "transfer/preview.html",
        {
            "run": run,
            "spec": KINDS[run.kind],
            "preview": checked,
            "counts": checked.counts,
            "errors": checked.errors[:SHOWN_PROBLEMS],
            "more_errors": max(0, len(checked.errors) - SHOWN_PROBLEMS),
            "warnings": checked.warnings[:SHOWN_PROBLEMS],
            "more_warnings": max(0, len(checked.warnings) - SHOWN_PROBLEMS),
            "duplicates": duplicates[:SHOWN_DUPLICATES],
            "more_duplicates": max(0, len(duplicates) - SHOWN_DUPLICATES),
            "choices": [(choice, CHOICE_LABELS[choice]) for choice in CHOICES],
            "first_rows": [plan for plan in checked.rows[:20]],
            "step": 3,
        },
    )


def _decisions(request, run) -> dict:
    """Choices per duplicate row from the check page; "set all" overrides them."""
    everything = request.POST.get("set_all")
    decisions = dict(run.decisions)
    for key, value in request.POST.items():
        if key.startswith("choice-") and value in CHOICES:
            decisions[key.removeprefix("choice-")] = value
    if everything in CHOICES:
        checked = services.import_preview(run=run, by=request.user, decisions={})
        decisions = {str(plan.row): everything for plan in checked.duplicates}
    return decisions


@workspace_view("edit")
@require_POST
def apply(request, pk):
    run = selectors.import_draft_get(workspace=request.workspace, user=request.user, pk=pk)
    services.import_draft_update(run=run, decisions=_decisions(request, run))
    try:
        run = services.import_apply(run=run, by=request.user)
    except services.ImportRefused as refusal:
        messages.error(request, _("Nothing was imported: %(reason)s") % {"reason": refusal})
        return redirect("transfer:preview", workspace_slug=request.workspace.slug, pk=run.pk)
    messages.success(
        request,
        _("Imported %(file)s: %(created)d created, %(updated)d updated, %(unchanged)d unchanged, "
          "%(skipped)d skipped.")
        % {
            "file": run.file_name, "created": run.created_count, "updated": run.updated_count,
            "unchanged": run.unchanged_count, "skipped": run.skipped_count,
        },
    )
    return redirect(run)


@workspace_view("edit")
@require_POST
def discard(request, pk):
    run = selectors.import_draft_get(workspace=request.workspace, user=request.user, pk=pk)
    services.import_draft_delete(run=run)
    messages.info(request, _("The upload of %(file)s was discarded.") % {"file": run.file_name})
    return redirect("transfer:index", workspace_slug=request.workspace.slug)


@workspace_view()
def run_detail(request, pk):
    run = selectors.import_run_get(workspace=request.workspace, pk=pk)
    if run.is_draft:
        if run.created_by_id != request.user.pk:
            raise Http404
        return redirect("transfer:preview", workspace_slug=request.workspace.slug, pk=run.pk)
    report = Paginator(run.report, REPORT_PAGE).get_page(request.GET.get("page"))
    entries = [
        {**entry, "url": _record_url(run, entry["id"]) if entry["id"] else ""}
        for entry in report.object_list
    ]
    return render(
        request,
        "transfer/run.html",
        {"run": run, "report": report, "entries": entries, "step": 4},
    )


def _record_url(run, pk) -> str:
    name = {"partners": "partners:detail", "partnerships": "partnerships:detail"}.get(run.kind)
    if name is None:
        return ""
    try:
        return reverse(name, kwargs={"workspace_slug": run.workspace.slug, "pk": pk})
    except NoReverseMatch:
        return ""


@workspace_view()
def export(request, kind, format):
    columns, rows = exports.export_rows(workspace=request.workspace, kind=kind)
    body = exports.render(columns, rows, format=format, kind=kind, workspace=request.workspace)
    response = HttpResponse(body, content_type=exports.CONTENT_TYPES[format])
    name = exports.file_name(workspace=request.workspace, kind=kind, format=format)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    # Private notes and personal data: not for shared caches, nor kept by the browser.
    response["Cache-Control"] = "private, no-store"
    return response
