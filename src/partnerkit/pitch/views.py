"""Pitch pages: the pitch builder with its readiness panel and the partner's vocabulary, and the
contact map. Each view: check permission, fetch, call a service, answer."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from partnerkit.core.errors import ConflictError
from partnerkit.method import pitch as method
from partnerkit.partners.models import Contact
from partnerkit.pitch import selectors, services
from partnerkit.pitch.forms import (
    SECTIONS,
    ActionForm,
    LicenceForm,
    MaterialFileForm,
    MaterialLinkForm,
    OwnersForm,
    PartnerTextForm,
    pitch_form,
)
from partnerkit.pitch.models import Pitch
from partnerkit.workspaces.decorators import workspace_view
from partnerkit.workspaces.permissions import can


def _back(partnership, anchor: str = ""):
    response = redirect(
        "pitch:detail", workspace_slug=partnership.workspace.slug, pk=partnership.pk
    )
    if anchor:
        response["Location"] += f"#{anchor}"
    return response


def _conflict_message(request, error: ConflictError) -> None:
    messages.error(
        request,
        _("%(message)s Your text is below; reload the page to see theirs, then save again.")
        % {"message": str(error)},
    )


def _page(request, partnership, *, bound: dict | None = None, status: int = 200):
    """The pitch page; ``bound`` replaces forms by the ones that failed to save."""
    bound = bound or {}
    pitch = selectors.pitch_of(partnership) or Pitch(partnership=partnership)
    saved = pitch.pk is not None
    goals = [goal.code for goal in partnership.goal_types.all()]
    texts = selectors.partner_texts(partnership.partner)
    section_forms = {
        name: bound.get(name) or pitch_form(fields, pitch, prefix=name)
        for name, fields in SECTIONS.items()
    }
    rows = selectors.readiness(partnership, pitch if saved else None)
    answer_forms = {
        "owners": bound.get("owners") or OwnersForm(instance=partnership, prefix="owners"),
        "licence": bound.get("licence") or LicenceForm(instance=partnership, prefix="licence"),
    }
    for row in rows:
        row.form = answer_forms.get(row.code) or section_forms[row.code]
        row.action = "answer" if row.code in answer_forms else "section"
    picked = list(pitch.arguments) if saved else []
    library = method.arguments_for(partnership.partner.kind, goals)
    spoken = selectors.pitch_text(pitch if saved else None)
    context = {
        "partnership": partnership,
        "partner": partnership.partner,
        "pitch": pitch,
        "forms": section_forms,
        "readiness": rows,
        "answered_count": sum(1 for row in rows if row.answered),
        "timing": method.summary_timing(pitch.summary),
        "too_long_seconds": method.TOO_LONG_SECONDS,
        "words_per_minute": method.WORDS_PER_MINUTE,
        "library": [(item, item.code in picked) for item in library],
        "picked_elsewhere": [
            method.BY_CODE[code] for code in picked
            if code in method.BY_CODE and code not in {item.code for item in library}
        ],
        "actions": selectors.actions_of(pitch if saved else None),
        "action_form": bound.get("action") or ActionForm(partnership=partnership, prefix="action"),
        "materials": selectors.materials_of(pitch if saved else None),
        "link_form": bound.get("link") or MaterialLinkForm(prefix="link"),
        "file_form": bound.get("file") or MaterialFileForm(prefix="file"),
        "texts": texts,
        "text_form": bound.get("text") or PartnerTextForm(prefix="text"),
        "vocabulary": selectors.vocabulary(partnership.partner, texts, pitch if saved else None),
        "jargon": method.jargon_in(spoken),
        "can_edit": can(request.membership, "edit"),
    }
    return render(request, "pitch/detail.html", context, status=status)


@workspace_view()
def pitch_detail(request, pk):
    partnership = selectors.partnership_get(workspace=request.workspace, pk=pk)
    return _page(request, partnership)


@workspace_view("edit")
@require_POST
def section_save(request, pk, section):
    partnership = selectors.partnership_get(workspace=request.workspace, pk=pk)
    if section not in SECTIONS:
        raise Http404
    pitch = selectors.pitch_of(partnership) or Pitch(partnership=partnership)
    form = pitch_form(SECTIONS[section], pitch, request.POST, prefix=section)
    return _save_in_place(
        request, partnership, form, key=section, anchor=f"section-{section}",
        save=lambda values: services.pitch_update(
            partnership=partnership, by=request.user, version=form.cleaned_data["version"],
            **values,
        ),
        fields=SECTIONS[section],
    )


def _save_in_place(request, partnership, form, *, key, anchor, save, fields):
    """Save a section of the pitch page and go back to it, or show the page again with the
    section's form and what went wrong."""
    if form.is_valid():
        try:
            save({name: form.cleaned_data[name] for name in fields})
        except ConflictError as error:
            _conflict_message(request, error)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Saved."))
            return _back(partnership, anchor)
    return _page(request, partnership, bound={key: form}, status=400)


@workspace_view("edit")
@require_POST
def answer_save(request, pk, code):
    """Answer the owners or licence question in place, on the partnership."""
    partnership = selectors.partnership_get(workspace=request.workspace, pk=pk)
    forms_by_code = {"owners": OwnersForm, "licence": LicenceForm}
    if code not in forms_by_code:
        raise Http404
    form = forms_by_code[code](request.POST, instance=partnership, prefix=code)
    # The model form changes the instance while validating; the service starts from the row.
    partnership = selectors.partnership_get(workspace=request.workspace, pk=pk)
    return _save_in_place(
        request, partnership, form, key=code, anchor=f"answer-{code}",
        save=lambda values: services.readiness_answer(
            partnership=partnership, by=request.user, code=code,
            version=form.cleaned_data["version"], **values,
        ),
        fields=form.Meta.fields,
    )


@workspace_view("edit")
@require_POST
def argument_set(request, pk, code):
    partnership = selectors.partnership_get(workspace=request.workspace, pk=pk)
    try:
        services.pitch_argument_set(
            partnership=partnership, by=request.user, code=code,
            picked=request.POST.get("picked") == "1",
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return _back(partnership, "arguments")


@workspace_view()
def summary_timing(request, pk):
    """The word count and speaking time of a summary being typed (htmx)."""
    selectors.partnership_get(workspace=request.workspace, pk=pk)
    text = request.GET.get("summary-summary", request.GET.get("summary", ""))
    return render(
        request,
        "pitch/_timing.html",
        {"timing": method.summary_timing(text), "too_long_seconds": method.TOO_LONG_SECONDS},
    )


# Actions ----------------------------------------------------------------------------------------


@workspace_view("edit")
@require_POST
def action_create(request, pk):
    partnership = selectors.partnership_get(workspace=request.workspace, pk=pk)
    form = ActionForm(request.POST, partnership=partnership, prefix="action")
    if form.is_valid():
        try:
            services.action_create(
                partnership=partnership, by=request.user, **form.service_values()
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Action added."))
            return _back(partnership, "actions")
    return _page(request, partnership, bound={"action": form}, status=400)


@workspace_view("edit")
def action_edit(request, pk, action_pk):
    action = selectors.action_get(workspace=request.workspace, partnership_pk=pk, pk=action_pk)
    partnership = selectors.partnership_get(workspace=request.workspace, pk=pk)
    form = ActionForm(request.POST or None, instance=action, partnership=partnership)
    if request.method == "POST" and form.is_valid():
        try:
            services.action_update(action=action, by=request.user, **form.service_values())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Action saved."))
            return _back(partnership, "actions")
    return render(
        request, "pitch/action_form.html",
        {"form": form, "action": action, "partnership": partnership},
        status=400 if form.errors else 200,
    )


@workspace_view("edit")
@require_POST
def action_delete(request, pk, action_pk):
    action = selectors.action_get(workspace=request.workspace, partnership_pk=pk, pk=action_pk)
    services.action_delete(action=action, by=request.user)
    messages.success(request, _("Action removed."))
    return _back(action.pitch.partnership, "actions")


# Materials ------------------------------------------------------------------------------------


@workspace_view("edit")
@require_POST
def material_link(request, pk):
    partnership = selectors.partnership_get(workspace=request.workspace, pk=pk)
    form = MaterialLinkForm(request.POST, prefix="link")
    if form.is_valid():
        try:
            services.material_add_link(
                partnership=partnership, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Link added."))
            return _back(partnership, "materials")
    return _page(request, partnership, bound={"link": form}, status=400)


@workspace_view("edit")
@require_POST
def material_file(request, pk):
    partnership = selectors.partnership_get(workspace=request.workspace, pk=pk)
    form = MaterialFileForm(request.POST, request.FILES, prefix="file")
    if form.is_valid():
        try:
            services.material_add_file(
                partnership=partnership, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("File added."))
            return _back(partnership, "materials")
    return _page(request, partnership, bound={"file": form}, status=400)


@workspace_view("edit")
@require_POST
def material_gap(request, pk):
    partnership = selectors.partnership_get(workspace=request.workspace, pk=pk)
    try:
        services.material_add_content_gap(partnership=partnership, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The content-gap figures were added."))
    return _back(partnership, "materials")


@workspace_view("edit")
@require_POST
def material_delete(request, pk, material_pk):
    material = selectors.material_get(
        workspace=request.workspace, partnership_pk=pk, pk=material_pk
    )
    services.material_delete(material=material, by=request.user)
    messages.success(request, _("Material removed."))
    return _back(material.pitch.partnership, "materials")


@workspace_view()
def material_download(request, pk, material_pk):
    """A file of the pitch, for members of the workspace only; never a public address."""
    material = selectors.material_get(
        workspace=request.workspace, partnership_pk=pk, pk=material_pk
    )
    if not material.file:
        raise Http404
    try:
        handle = material.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(handle, as_attachment=True, filename=material.file_name)


# The partner's texts -----------------------------------------------------------------------------


@workspace_view("edit")
@require_POST
def text_create(request, pk):
    partnership = selectors.partnership_get(workspace=request.workspace, pk=pk)
    form = PartnerTextForm(request.POST, prefix="text")
    if form.is_valid():
        try:
            services.partner_text_create(
                partner=partnership.partner, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Text added."))
            return _back(partnership, "vocabulary")
    return _page(request, partnership, bound={"text": form}, status=400)


@workspace_view("edit")
@require_POST
def text_delete(request, pk, text_pk):
    partnership = selectors.partnership_get(workspace=request.workspace, pk=pk)
    text = selectors.partner_text_get(
        workspace=request.workspace, partner_pk=partnership.partner_id, pk=text_pk
    )
    services.partner_text_delete(text=text, by=request.user)
    messages.success(request, _("Text removed."))
    return _back(partnership, "vocabulary")


# The contact map -----------------------------------------------------------------------------


@workspace_view()
def contact_map(request, pk):
    partnership = selectors.partnership_get(workspace=request.workspace, pk=pk)
    technical = request.GET.get("technical") == "1"
    return render(
        request,
        "pitch/contacts.html",
        {
            "partnership": partnership,
            "partner": partnership.partner,
            "map": selectors.contact_map(partnership, technical_expected=technical),
            "technical": technical,
            "can_edit": can(request.membership, "edit"),
        },
    )


@workspace_view("edit")
@require_POST
def contact_point_mark(request, pk, contact_pk):
    partnership = selectors.partnership_get(workspace=request.workspace, pk=pk)
    contact = get_object_or_404(Contact, partner_id=partnership.partner_id, pk=contact_pk)
    services.contact_mark_point(contact=contact, by=request.user)
    messages.success(
        request, _("%(name)s is now the contact point.") % {"name": contact.name}
    )
    return redirect("pitch:contacts", workspace_slug=request.workspace.slug, pk=partnership.pk)
