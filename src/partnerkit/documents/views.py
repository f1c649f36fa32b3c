"""Document pages: a partnership's documents and drafting a new one, the editor with its
versions and diffs, exports in every format, status (sent, signed) and the signed copy, and
the workspace's own wording and letterhead. Each view: check permission, fetch, call a
service, answer."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from partnerkit.core.errors import ConflictError
from partnerkit.documents import drafting, rendering, selectors, services
from partnerkit.documents.forms import (
    DocumentEditForm,
    LetterheadForm,
    NewDocumentForm,
    SignedCopyForm,
    StatusForm,
    TemplateForm,
)
from partnerkit.documents.models import Kind
from partnerkit.partnerships.selectors import partnership_get
from partnerkit.web.errors import add_errors, error_messages
from partnerkit.workspaces.decorators import workspace_view
from partnerkit.workspaces.permissions import can


def _url(request, name: str, **kwargs) -> str:
    return reverse(f"documents:{name}",
                   kwargs={"workspace_slug": request.workspace.slug, **kwargs})


WHERE = {"partnership": "partnerships:edit", "pitch": "pitch:detail",
         "partner": "partners:edit"}  # fmt: skip


def _missing_links(request, partnership, missing):
    links = []
    for item in missing:
        url = ""
        if item.where in WHERE:
            pk = partnership.partner_id if item.where == "partner" else partnership.pk
            url = reverse(WHERE[item.where],
                          kwargs={"workspace_slug": request.workspace.slug, "pk": pk})
        links.append({"message": item.message, "url": url})
    return links


@workspace_view()
def document_list(request):
    return render(request, "documents/list.html", {
        "documents": selectors.documents_of(request.workspace),
    })


def _partnership_page(request, partnership, *, form=None, missing=None, status=200):
    return render(request, "documents/partnership.html", {
        "partnership": partnership,
        "documents": selectors.documents_of(request.workspace, partnership=partnership),
        "form": form or NewDocumentForm(initial={"language": request.LANGUAGE_CODE[:2]}),
        "missing": missing,
        "can_edit": can(request.membership, "edit"),
    }, status=status)


@workspace_view()
def partnership(request, pk):
    return _partnership_page(request, partnership_get(workspace=request.workspace, pk=pk))


@workspace_view("edit")
@require_POST
def document_create(request, pk):
    partnership = partnership_get(workspace=request.workspace, pk=pk)
    form = NewDocumentForm(request.POST)
    if not form.is_valid():
        return _partnership_page(request, partnership, form=form, status=400)
    try:
        document = services.document_create(partnership=partnership, by=request.user,
                                            **form.cleaned_data)
    except services.DocumentIncomplete as error:
        return _partnership_page(request, partnership, form=form, status=400,
                                 missing=_missing_links(request, partnership, error.missing))
    except ValidationError as error:
        add_errors(form, error)
        return _partnership_page(request, partnership, form=form, status=400)
    messages.success(request, _("Drafted from the record. Edit it before you export it."))
    return redirect(document.get_absolute_url())


@workspace_view()
def document_detail(request, pk):
    document = selectors.document_of(request.workspace, pk)
    content = selectors.content_of(document)
    return render(request, "documents/detail.html", {
        "document": document,
        "content": content,
        "versions": document.versions.select_related("by")[:30],
        "formats": [(fmt, rendering.EXTENSIONS[fmt]) for fmt in rendering.FORMATS],
        "status_form": StatusForm(initial={"ends_on": document.partnership.ends_on}),
        "signed_form": SignedCopyForm(),
        "can_edit": can(request.membership, "edit"),
    })


@workspace_view("edit")
def document_edit(request, pk):
    document = selectors.document_of(request.workspace, pk)
    conflict = None
    if request.method == "POST":
        form = DocumentEditForm(request.POST, document=document)
        if form.is_valid():
            try:
                services.document_update(document=document, by=request.user,
                                         version=form.cleaned_data["version"],
                                         **form.service_values())
            except ConflictError as error:
                conflict = str(error)
                data = form.data.copy()
                data["version"] = error.current_version
                form.data = data
            except ValidationError as error:
                for name, problems in error.message_dict.items():
                    target = name.replace("sections.", "text_") if name.startswith("sections.") \
                        else name
                    for problem in problems:
                        form.add_error(target if target in form.fields else None, problem)
            else:
                messages.success(request, _("Saved as a new version."))
                return redirect(document.get_absolute_url())
    else:
        form = DocumentEditForm(document=document)
    return render(request, "documents/edit.html",
                  {"document": document, "form": form, "conflict": conflict},
                  status=400 if request.method == "POST" else 200)


@workspace_view()
def version_diff(request, pk, number):
    document = selectors.document_of(request.workspace, pk)
    sections, previous, current = selectors.versions_diff(document, number)
    return render(request, "documents/diff.html", {
        "document": document, "sections": sections, "previous": previous, "current": current,
        "can_edit": can(request.membership, "edit"),
    })


@workspace_view("edit")
@require_POST
def version_restore(request, pk, number):
    document = selectors.document_of(request.workspace, pk)
    try:
        services.document_restore(document=document, number=number, by=request.user)
    except ValidationError as error:
        error_messages(request, error)
    else:
        messages.success(request, _("Version %(n)d is back, as a new version.") % {"n": number})
    return redirect(document.get_absolute_url())


@workspace_view()
def document_export(request, pk, fmt):
    document = selectors.document_of(request.workspace, pk)
    if fmt not in rendering.FORMATS:
        raise Http404
    body = rendering.render(selectors.content_of(document), fmt)
    name = f"{slugify(document.title)[:80] or 'document'}.{rendering.EXTENSIONS[fmt]}"
    response = HttpResponse(body, content_type=rendering.MEDIA_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@workspace_view("edit")
@require_POST
def document_status(request, pk):
    document = selectors.document_of(request.workspace, pk)
    form = StatusForm(request.POST)
    if not form.is_valid():
        for problems in form.errors.values():
            for problem in problems:
                messages.error(request, problem)
        return redirect(document.get_absolute_url())
    action, on = form.cleaned_data["action"], form.cleaned_data["on"]
    try:
        if action == "sent":
            services.document_mark_sent(document=document, by=request.user, on=on)
            messages.success(request, _("Marked as sent."))
        elif action == "draft":
            services.document_back_to_draft(document=document, by=request.user)
            messages.success(request, _("Back to draft: it can be edited again."))
        else:
            services.document_mark_signed(document=document, by=request.user, on=on,
                                          ends_on=form.cleaned_data["ends_on"])
            messages.success(request, _("Marked as signed."))
    except ValidationError as error:
        error_messages(request, error)
    return redirect(document.get_absolute_url())


@workspace_view("edit")
@require_POST
def signed_copy_upload(request, pk):
    document = selectors.document_of(request.workspace, pk)
    form = SignedCopyForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose the file of the signed copy."))
        return redirect(document.get_absolute_url())
    try:
        services.signed_copy_upload(document=document, by=request.user,
                                    upload=form.cleaned_data["signed_copy"])
    except ValidationError as error:
        error_messages(request, error)
    else:
        messages.success(request, _("The signed copy is kept with the document."))
    return redirect(document.get_absolute_url())


@workspace_view()
def signed_copy(request, pk):
    document = selectors.document_of(request.workspace, pk)
    if not document.signed_copy:
        raise Http404
    return FileResponse(document.signed_copy.open("rb"), as_attachment=True,
                        filename=document.signed_copy.name.rsplit("/", 1)[-1])


@workspace_view("edit")
@require_POST
def document_delete(request, pk):
    document = selectors.document_of(request.workspace, pk)
    partnership_pk = document.partnership_id
    try:
        services.document_delete(document=document, by=request.user)
    except ValidationError as error:
        error_messages(request, error)
        return redirect(document.get_absolute_url())
    messages.success(request, _("Document deleted."))
    return redirect(_url(request, "partnership", pk=partnership_pk))


# Wording and letterhead -----------------------------------------------------------------------


def _settings_page(request, *, form=None, status=200):
    letterhead = selectors.letterhead_of(request.workspace)
    form = form or LetterheadForm(initial={"lines": letterhead.lines if letterhead else "",
                                           "place": letterhead.place if letterhead else ""})
    own = {(t.kind, t.key, t.language) for t in
           services.SectionTemplate.objects.filter(workspace=request.workspace)}
    kinds = [
        {"kind": kind, "label": label,
         "sections": [{"key": key, "heading": heading,
                       "own": [lang for lang in services.LANGUAGES if (kind, key, lang) in own]}
                      for key, heading, _text in drafting.DEFAULT_SECTIONS[kind]]}
        for kind, label in Kind.choices
    ]
    return render(request, "documents/settings.html", {
        "form": form, "letterhead": letterhead, "kinds": kinds,
        "languages": services.LANGUAGES, "can_edit": can(request.membership, "edit"),
    }, status=status)


@workspace_view()
def settings_page(request):
    return _settings_page(request)


@workspace_view("edit")
@require_POST
def letterhead_save(request):
    form = LetterheadForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.letterhead_save(workspace=request.workspace, by=request.user,
                                     **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Letterhead saved."))
            return redirect(_url(request, "settings"))
    return _settings_page(request, form=form, status=400)


@workspace_view("edit")
def template_edit(request, kind, key, language):
    if kind not in Kind.values or key not in drafting.section_keys(kind) or (
        language not in services.LANGUAGES
    ):
        raise Http404
    own = services.templates_of(request.workspace, kind, language).get(key)
    default = next((h, t) for k, h, t in drafting.DEFAULT_SECTIONS[kind] if k == key)
    with translation.override(language):
        default = (str(default[0]), str(default[1]))
    if request.method == "POST":
        if request.POST.get("reset"):
            services.template_reset(workspace=request.workspace, kind=kind, key=key,
                                    language=language)
            messages.success(request, _("The built-in wording is back."))
            return redirect(_url(request, "settings") + "#wording")
        form = TemplateForm(request.POST)
        if form.is_valid():
            try:
                services.template_save(workspace=request.workspace, kind=kind, key=key,
                                       language=language, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("Wording saved; new documents use it."))
                return redirect(_url(request, "settings") + "#wording")
    else:
        heading, text = own or default
        form = TemplateForm(initial={"heading": heading, "text": text})
    return render(request, "documents/template_form.html", {
        "form": form, "kind": Kind(kind), "key": key, "language": language, "own": own,
        "placeholders": drafting.PLACEHOLDERS,
    }, status=400 if request.method == "POST" else 200)
