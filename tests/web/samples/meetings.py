"""Sample records for the meetings pages, for the generated permission tests."""

import datetime as dt

from django.utils import timezone


def arguments(alice, museum) -> dict:
    """URL arguments for this app's pages: {"name": value} or {("app:view", "name"): value}."""
    from partnerkit.meetings import services
    from partnerkit.partnerships.services import partnership_create

    partnership = partnership_create(
        workspace=museum.workspace, partner=museum, by=alice, title="Meeting the museum"
    )
    meeting = services.meeting_create(
        partnership=partnership, by=alice, title="First meeting", minutes=60,
        starts_at=timezone.now() + dt.timedelta(days=7),
    )
    contact = museum.contacts.first()
    attendee = services.attendee_add(meeting=meeting, by=alice, side="theirs", contact=contact)
    step = services.next_step_add(meeting=meeting, by=alice, text="Send the proposal")
    pages = ("detail", "edit", "delete", "agenda_item", "attendee_add", "attendee_remove",
             "material_add", "material_toggle", "brief", "brief_pdf", "notes", "notes_save",
             "next_step_add", "next_step_done")
    found = {(f"meetings:{name}", "pk"): meeting.pk for name in pages}
    found[("meetings:create", "partnership_pk")] = partnership.pk
    found[("meetings:agenda_item", "item_pk")] = meeting.agenda_items.first().pk
    found[("meetings:material_toggle", "item_pk")] = meeting.materials.first().pk
    found[("meetings:attendee_remove", "attendee_pk")] = attendee.pk
    found[("meetings:next_step_done", "step_pk")] = step.pk
    return found
