"""Meeting pages: the list, planning a meeting, the planner with its agenda, attendees,
materials, preparation and primer, the printable brief (HTML and PDF, internal or for the
partner), and the notes with the next steps.

Each view: check permission, fetch through the workspace, call a service, answer.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from partnerkit.core.errors import ConflictError
from partnerkit.meetings import selectors, services
from partnerkit.meetings.forms import (
    AgendaItemForm,
    AttendeeForm,
    MaterialForm,
    MeetingForm,
    NextStepForm,
    NotesForm,
)
from partnerkit.meetings.models import Attendee, MaterialItem, Meeting, NextStep
from partnerkit.partnerships import selectors as partnership_selectors
from partnerkit.partnerships.models import Partnership
from partnerkit.web.conflicts import conflict_context
from partnerkit.web.errors import add_errors
from partnerkit.workspaces.decorators import workspace_view
from partnerkit.workspaces.permissions import can


def _meeting(request, pk) -> Meeting:
    return selectors.meeting_get(workspace=request.workspace, pk=pk)


@workspace_view()
def meeting_list(request):
    partnership = None
    if request.GET.get("partnership", "").isdigit():
        partnership = get_object_or_404(
            Partnership.objects.select_related("partner"),
            workspace=request.workspace,
            pk=request.GET["partnership"],
        )
    listing = selectors.meeting_list(workspace=request.workspace, partnership=partnership)
    return render(
        request,
        "meetings/list.html",
        {
            "listing": listing,
            "partnership": partnership,
            "can_edit": can(request.membership, "edit"),
        },
    )


@workspace_view("edit")
def meeting_create(request, partnership_pk):
    partnership = partnership_selectors.partnership_get(
        workspace=request.workspace, pk=partnership_pk
    )
    first = not partnership.meetings.exists()
    initial = {
        "title": _("First meeting with %(partner)s") % {"partner": partnership.partner.name}
        if first
        else _("Meeting with %(partner)s") % {"partner": partnership.partner.name},
        "minutes": 60,
        "kind": "first" if first else "follow_up",
        "wiki_primer": first,
    }
    form = MeetingForm(request.POST or None, initial=initial, planning=True)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_create(
                partnership=partnership,
                by=request.user,
                past_ok=form.cleaned_data["already_happened"],
                **form.service_values(),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The meeting is planned; its agenda is below."))
            return redirect(meeting)
    return render(
        request, "meetings/form.html", {"form": form, "partnership": partnership, "meeting": None}
    )


@workspace_view()
def meeting_detail(request, pk):
    meeting = _meeting(request, pk)
    plan = selectors.planner(meeting)
    can_edit = can(request.membership, "edit")
    return render(
        request,
        "meetings/detail.html",
        {
            "meeting": meeting,
            "partnership": meeting.partnership,
            "plan": plan,
            "can_edit": can_edit,
            "attendee_form": AttendeeForm(meeting=meeting) if can_edit else None,
            "material_form": MaterialForm() if can_edit else None,
            "is_past": meeting.starts_at < timezone.now(),
        },
    )


@workspace_view("edit")
def meeting_edit(request, pk):
    meeting = _meeting(request, pk)
    form = MeetingForm(request.POST or None, instance=meeting)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_update(
                meeting=meeting,
                by=request.user,
                version=form.cleaned_data["version"],
                past_ok=form.cleaned_data["already_happened"],
                **form.service_values(),
            )
        except ConflictError as error:
            conflict = conflict_context(form, error, Meeting)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Changes to the meeting saved."))
            return redirect(meeting)
    return render(
        request,
        "meetings/form.html",
        {"form": form, "partnership": meeting.partnership, "meeting": meeting,
         "conflict": conflict},
    )


@workspace_view("edit")
@require_POST
def meeting_delete(request, pk):
    meeting = _meeting(request, pk)
    partnership = meeting.partnership
    services.meeting_delete(meeting=meeting, by=request.user)
    messages.success(request, _("The meeting was deleted; its history keeps it."))
    return redirect(partnership)


@workspace_view("edit")
@require_POST
def agenda_item_edit(request, pk, item_pk):
    meeting = _meeting(request, pk)
    item = get_object_or_404(meeting.agenda_items, pk=item_pk)
    form = AgendaItemForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the time box as a whole number of minutes."))
    else:
        try:
            services.agenda_item_update(
                item=item,
                by=request.user,
                minutes=form.cleaned_data["minutes"],
                notes=form.cleaned_data["notes"],
            )
        except ValidationError as error:
            messages.error(
                request, "%s: %s" % (item.title, " ".join(error.messages))
            )
        else:
            messages.success(
                request,
                _("“%(part)s” saved; the other parts were adjusted to keep the meeting at "
                  "%(minutes)d minutes.") % {"part": item.title, "minutes": meeting.minutes},
            )
    return redirect(f"{meeting.get_absolute_url()}#agenda-heading")


@workspace_view("edit")
@require_POST
def attendee_add(request, pk):
    meeting = _meeting(request, pk)
    form = AttendeeForm(request.POST, meeting=meeting)
    if form.is_valid():
        try:
            attendee = services.attendee_add(meeting=meeting, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("%(name)s attends.") % {"name": attendee.display_name})
            return redirect(f"{meeting.get_absolute_url()}#attendees-heading")
    messages.error(
        request,
        " ".join(
            f"{form.fields[name].label if name in form.fields else ''}: {message}".lstrip(": ")
            for name, errors in form.errors.items()
            for message in errors
        ),
    )
    return redirect(f"{meeting.get_absolute_url()}#attendees-heading")


@workspace_view("edit")
@require_POST
def attendee_remove(request, pk, attendee_pk):
    meeting = _meeting(request, pk)
    attendee = get_object_or_404(Attendee.objects.filter(meeting=meeting), pk=attendee_pk)
    services.attendee_remove(attendee=attendee, by=request.user)
    messages.success(request, _("Removed from the attendees."))
    return redirect(f"{meeting.get_absolute_url()}#attendees-heading")


@workspace_view("edit")
@require_POST
def material_add(request, pk):
    meeting = _meeting(request, pk)
    form = MaterialForm(request.POST)
    if form.is_valid():
        services.material_add(meeting=meeting, by=request.user, text=form.cleaned_data["text"])
    else:
        messages.error(request, " ".join(form.errors.get("text", [])))
    return redirect(f"{meeting.get_absolute_url()}#materials-heading")


@workspace_view("edit")
@require_POST
def material_toggle(request, pk, item_pk):
    meeting = _meeting(request, pk)
    item = get_object_or_404(MaterialItem.objects.filter(meeting=meeting), pk=item_pk)
    services.material_toggle(item=item, by=request.user)
    return redirect(f"{meeting.get_absolute_url()}#materials-heading")


# The brief ------------------------------------------------------------------------------------


def _for_partner(request) -> bool:
    return request.GET.get("for") == "partner"


def _brief_html(request, meeting: Meeting, *, for_partner: bool, pdf: bool = False) -> str:
    plan = selectors.planner(meeting, with_topics=not for_partner)
    return render_to_string(
        "meetings/brief.html",
        {
            "meeting": meeting,
            "partnership": meeting.partnership,
            "partner": meeting.partnership.partner,
            "plan": plan,
            "for_partner": for_partner,
            "pdf": pdf,
            "workspace": request.workspace,
            "printed_at": timezone.now(),
        },
        request=request,
    )


@workspace_view()
def brief(request, pk):
    meeting = _meeting(request, pk)
    return HttpResponse(_brief_html(request, meeting, for_partner=_for_partner(request)))


def brief_filename(meeting: Meeting, *, for_partner: bool) -> str:
    day = timezone.localtime(meeting.starts_at).strftime("%Y-%m-%d")
    name = slugify(meeting.title)[:60] or "meeting"
    suffix = "agenda" if for_partner else "brief"
    return f"{day}-{name}-{suffix}.pdf"


def render_pdf(html: str, *, base_url: str) -> bytes:
    import weasyprint  # Loaded on demand: it brings Pango with it.

    return weasyprint.HTML(string=html, base_url=base_url).write_pdf()


@workspace_view()
def brief_pdf(request, pk):
    meeting = _meeting(request, pk)
    for_partner = _for_partner(request)
    html = _brief_html(request, meeting, for_partner=for_partner, pdf=True)
    response = HttpResponse(
        render_pdf(html, base_url=request.build_absolute_uri("/")),
        content_type="application/pdf",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{brief_filename(meeting, for_partner=for_partner)}"'
    )
    return response


# Notes and next steps -------------------------------------------------------------------------


@workspace_view()
def meeting_notes(request, pk):
    meeting = _meeting(request, pk)
    return _notes_page(request, meeting, can_edit=can(request.membership, "edit"))


@workspace_view("edit")
@require_POST
def notes_save(request, pk):
    meeting = _meeting(request, pk)
    form = NotesForm(request.POST, instance=meeting)
    conflict = None
    if form.is_valid():
        try:
            meeting = services.meeting_notes_save(
                meeting=meeting,
                by=request.user,
                version=form.cleaned_data["version"],
                **form.service_values(),
            )
        except ConflictError as error:
            conflict = conflict_context(form, error, Meeting)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Notes saved."))
            return redirect(_notes_url(request, meeting))
    return _notes_page(request, meeting, form=form, conflict=conflict)


def _notes_page(request, meeting, *, form=None, step_form=None, conflict=None, can_edit=True):
    return render(
        request,
        "meetings/notes.html",
        {
            "meeting": meeting,
            "partnership": meeting.partnership,
            "form": form or NotesForm(instance=meeting),
            "step_form": step_form or (NextStepForm(meeting=meeting) if can_edit else None),
            "conflict": conflict,
            "can_edit": can_edit,
            **selectors.notes_context(meeting),
        },
    )


@workspace_view("edit")
@require_POST
def next_step_add(request, pk):
    meeting = _meeting(request, pk)
    form = NextStepForm(request.POST, meeting=meeting)
    if form.is_valid():
        try:
            services.next_step_add(meeting=meeting, by=request.user, **form.service_values())
        except ValidationError as error:
            for name, errors in error.message_dict.items():
                field = {"owner_user": "owner", "owner_contact": "owner"}.get(name, name)
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("Next step added."))
            return redirect(f"{_notes_url(request, meeting)}#next-steps-heading")
    return _notes_page(request, meeting, step_form=form)


def _notes_url(request, meeting) -> str:
    return reverse(
        "meetings:notes", kwargs={"workspace_slug": request.workspace.slug, "pk": meeting.pk}
    )


@workspace_view("edit")
@require_POST
def next_step_done(request, pk, step_pk):
    meeting = _meeting(request, pk)
    step = get_object_or_404(NextStep.objects.filter(meeting=meeting), pk=step_pk)
    services.next_step_update(step=step, by=request.user, done=not step.done)
    return redirect(f"{_notes_url(request, meeting)}#next-steps-heading")
