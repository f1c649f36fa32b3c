"""Reads of meetings for pages, the brief and the API, each with a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from partnerkit.meetings.models import AgendaItem, Attendee, Meeting, NextStep, Side
from partnerkit.method import contacts as contact_method
from partnerkit.method import meeting as method
from partnerkit.method import screening
from partnerkit.partners.models import Contact
from partnerkit.partnerships.models import Partnership
from partnerkit.pitch.selectors import contact_facts
from partnerkit.research import selectors as research
from partnerkit.workspaces.models import Workspace



def meeting_get(*, workspace: Workspace, pk: int) -> Meeting:
    """The meeting of this workspace, with its partnership and partner, or 404."""
    return get_object_or_404(
        Meeting.objects.select_related(
            "workspace", "partnership", "partnership__partner", "partnership__partner__workspace"
        ),
        workspace=workspace,
        pk=pk,
    )


def meetings_of(*, workspace: Workspace, partnership: Partnership | None = None) -> QuerySet:
    meetings = Meeting.objects.filter(workspace=workspace).select_related(
        "partnership", "partnership__partner"
    )
    if partnership is not None:
        meetings = meetings.filter(partnership=partnership)
    return meetings.annotate(attendee_count=Count("attendees"))


@dataclass
class MeetingList:
    upcoming: list[Meeting]
    past: list[Meeting]
    upcoming_count: int
    past_count: int


def meeting_list(
    *, workspace: Workspace, partnership: Partnership | None = None, limit: int = 100
) -> MeetingList:
    """Upcoming meetings soonest first, then past ones most recent first (four queries)."""
    now = timezone.now()
    meetings = meetings_of(workspace=workspace, partnership=partnership)
    upcoming = meetings.filter(starts_at__gte=now).order_by("starts_at", "id")
    past = meetings.filter(starts_at__lt=now).order_by("-starts_at", "-id")
    return MeetingList(
        list(upcoming[:limit]), list(past[:limit]), upcoming.count(), past.count()
    )


@dataclass
class Card:
    next: Meeting | None
    last: Meeting | None


def partnership_card(partnership: Partnership) -> Card:
    """The next and the last meeting of a partnership (two queries)."""
    now = timezone.now()
    meetings = Meeting.objects.filter(partnership=partnership).only(
        "id", "title", "starts_at", "minutes", "kind", "workspace_id", "partnership_id"
    )
    return Card(
        meetings.filter(starts_at__gte=now).order_by("starts_at", "id").first(),
        meetings.filter(starts_at__lt=now).order_by("-starts_at", "-id").first(),
    )


# The planner ----------------------------------------------------------------------------------


@dataclass
class AgendaRow:
    item: AgendaItem
    start: int
    end: int
    prompts: tuple[str, ...]
    minimum: int

    @property
    def span(self) -> str:
        return f"{method.clock(self.start)}–{method.clock(self.end)}"


def agenda_rows(meeting: Meeting, items: list[AgendaItem]) -> list[AgendaRow]:
    slots = {slot.code: slot for slot in method.plan_agenda(
        meeting.minutes, wiki_primer=meeting.wiki_primer
    )} if method.MIN_MINUTES <= meeting.minutes <= method.MAX_MINUTES else {}
    floors = dict(zip(method.CODES, method.minimums(wiki_primer=meeting.wiki_primer), strict=True))
    rows = []
    for item, (start, end) in zip(items, method.offsets(i.minutes for i in items), strict=True):
        slot = slots.get(item.code)
        prompts = tuple(_(text) for text in slot.prompts) if slot else ()
        rows.append(AgendaRow(item, start, end, prompts, floors[item.code]))
    return rows


@dataclass
class Invitee:
    contact: Contact | None
    role_hint: str
    reason: str


@dataclass
class Planner:
    meeting: Meeting
    agenda: list[AgendaRow]
    ours: list[Attendee]
    theirs: list[Attendee]
    warnings: list[str]
    materials: list
    topics: list[method.Topic]
    gap: research.ContentGap | None
    prompts: tuple[method.Prompt, ...]
    contacts: list[Contact]
    who_else: list[Invitee]
    next_steps: list[NextStep] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(row.item.minutes for row in self.agenda)


def _attendees(meeting: Meeting) -> list[Attendee]:
    return list(meeting.attendees.select_related("user", "contact").order_by("side", "id"))


def planner(meeting: Meeting, *, with_topics: bool = True) -> Planner:
    """Everything the planner page and the brief show, in a fixed number of queries."""
    partnership = meeting.partnership
    partner = partnership.partner
    items = list(meeting.agenda_items.order_by("position"))
    attendees = _attendees(meeting)
    ours = [a for a in attendees if a.side == Side.OURS]
    theirs = [a for a in attendees if a.side == Side.THEIRS]
    warnings = [
        _(text)
        for text in method.attendee_warnings(
            technical_expected=meeting.technical_expected,
            ours=[method.AttendeeFacts(a.display_name, a.technical) for a in ours],
            theirs=len(theirs) if theirs else None,
        )
    ]
    contacts = list(Contact.objects.filter(partner=partner))
    goal_types = [goal.code for goal in partnership.goal_types.all()]
    topics, gap = [], None
    if with_topics and meeting.wiki_primer:
        gap = research.content_gap(partner, research.facts_of(partner))
        topics = [
            method.Topic(topic.code, _(topic.title), _(topic.text), topic.figures)
            for topic in method.primer_topics(
                partner.kind, goal_types=goal_types, gap_figures=gap.sentence
            )
        ]
    return Planner(
        meeting=meeting,
        agenda=agenda_rows(meeting, items),
        ours=ours,
        theirs=theirs,
        warnings=warnings,
        materials=list(meeting.materials.all()),
        topics=topics,
        gap=gap,
        prompts=tuple(
            method.Prompt(p.code, _(p.question), _(p.help)) for p in method.PREPARATION_PROMPTS
        ),
        contacts=contacts,
        who_else=_who_else(meeting, contacts, theirs, goal_types),
    )


def _who_else(meeting, contacts, theirs, goal_types) -> list[Invitee]:
    """The contact map's suggestions of who else should attend."""
    facts = contact_facts(contacts)
    suggestions = contact_method.who_else(
        facts,
        goal_types,
        attending_ids={a.contact_id for a in theirs if a.contact_id},
        technical_expected=meeting.technical_expected,
    )
    by_id = {contact.pk: contact for contact in contacts}
    return [
        Invitee(by_id.get(item.contact_id), _(item.role_hint), _(item.reason))
        for item in suggestions
    ]


@dataclass
class NotesFindings:
    """Dangerous promises the screening finds in one field of the notes."""

    label: str
    findings: list[screening.Finding]


# The notes' fields where agreements get written down, screened like commitments.
SCREENED_NOTES = (("decisions", _lazy("Decisions")), ("outcome", _lazy("Outcome")))


def notes_findings(meeting: Meeting) -> list[NotesFindings]:
    """What the decisions and outcome seem to promise, so a promise written into the minutes
    is caught even when nobody records it as a commitment. English text only."""
    found = []
    for name, label in SCREENED_NOTES:
        text = getattr(meeting, name)
        if text.strip() and screening.looks_english(text):
            findings = screening.screen(text[: screening.MAX_CHARS])
            if findings:
                found.append(NotesFindings(str(label), findings))
    return found


def notes_context(meeting: Meeting) -> dict:
    """The attendees, next steps, owner choices and screened promises of the notes page
    (four queries)."""
    attendees = _attendees(meeting)
    return {
        "notes_findings": notes_findings(meeting),
        "next_steps": list(
            meeting.next_steps.select_related("owner_user", "owner_contact")
        ),
        "ours": [a for a in attendees if a.side == Side.OURS],
        "theirs": [a for a in attendees if a.side == Side.THEIRS],
    }


def meeting_detail(*, workspace: Workspace, pk: int) -> Meeting:
    """A meeting with its agenda, attendees, materials and next steps prefetched (for the
    API)."""
    return get_object_or_404(
        Meeting.objects.select_related("partnership").prefetch_related(
            Prefetch("agenda_items", queryset=AgendaItem.objects.order_by("position")),
            Prefetch("attendees", queryset=Attendee.objects.select_related("user", "contact")),
            "materials",
            Prefetch(
                "next_steps",
                queryset=NextStep.objects.select_related("owner_user", "owner_contact"),
            ),
        ),
        workspace=workspace,
        pk=pk,
    )
