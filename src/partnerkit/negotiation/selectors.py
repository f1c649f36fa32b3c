"""Reads of the negotiation: commitments with their findings, warning signs, the summary on
the partnership page, and the capacity check.

The capacity check ("can we keep our promises?")
-------------------------------------------------

It compares the hours the workspace has each month (``hours_per_month`` of the groundwork
profile) with the hours it has already taken on, for this month and the next two
(``HORIZON_MONTHS``):

* every partnership being actively pursued or run (stage preparing, in contact, negotiating,
  agreed or running) takes its estimated effort in hours per month, every month;
* every open commitment on our side takes its effort (hours in total) spread evenly over the
  calendar months from this month to the month it is due, both included: due this month, all
  of it falls in this month; due in three months, a quarter in each of the four months. A
  commitment with no due date, or already overdue, counts in full in this month. Commitments
  of partnerships that are completed, declined or dropped do not count.

The load of a month is the sum of these; the workspace is over capacity in a month when the
load exceeds the hours available, and "over by" is the largest excess over the months looked
at. The check warns; it never stops anyone from recording a promise. A new commitment can be
tried before it is saved (``extra``) to see what it would add.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from partnerkit.groundwork.models import Profile
from partnerkit.method import screening
from partnerkit.method import warning_signs as sign_catalogue
from partnerkit.negotiation.models import Commitment, CommitmentStatus, Side, WarningSign
from partnerkit.partnerships.models import Partnership, Stage
from partnerkit.workspaces.models import Workspace

HORIZON_MONTHS = 3
# Partnerships whose monthly effort counts against the capacity.
ACTIVE_STAGES = (
    Stage.PREPARING, Stage.IN_CONTACT, Stage.NEGOTIATING, Stage.AGREED, Stage.RUNNING,
)  # fmt: skip
# Partnerships whose open commitments no longer count: the work will not happen.
ENDED_STAGES = (Stage.COMPLETED, Stage.DECLINED, Stage.DROPPED)
CENT = Decimal("0.01")
# The rule above in a few plain words, for the API.
CAPACITY_RULE = (
    "Partnerships being prepared, in contact, negotiating, agreed or running take their hours "
    "per month every month. Each open commitment on our side takes its hours spread evenly "
    "over the calendar months from this one to the month it is due, both included; with no "
    "due date, or when overdue, all of it this month. Commitments of completed, declined or "
    "dropped partnerships do not count. A month is over capacity when its total exceeds the "
    "workspace's hours per month."
)
ZERO = Decimal(0)


# Capacity -------------------------------------------------------------------------------------


def month_start(day: date) -> date:
    return day.replace(day=1)


def add_months(day: date, months: int) -> date:
    """The first day of the month ``months`` after the month of ``day``."""
    years, month = divmod(day.month - 1 + months, 12)
    return date(day.year + years, month + 1, 1)


def months_to(today: date, due_on: date | None) -> int:
    """Over how many calendar months a commitment's effort is spread: from this month to the
    month it is due, both included; at least one."""
    if due_on is None:
        return 1
    return max(1, (due_on.year - today.year) * 12 + due_on.month - today.month + 1)


def _hours(value) -> Decimal:
    return Decimal(value or 0).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class CommitmentLoad:
    """One commitment's share of the load: ``per_month`` in each of ``months`` months from
    this one. ``commitment`` is None for a commitment being tried before it is saved."""

    commitment: Commitment | None
    text: str
    effort: Decimal
    months: int
    per_month: Decimal
    due_on: date | None


@dataclass(frozen=True)
class PartnershipLoad:
    partnership: Partnership
    hours: Decimal


@dataclass(frozen=True)
class MonthLoad:
    start: date
    partnerships: Decimal
    commitments: Decimal
    # What a commitment being tried would add.
    extra: Decimal
    available: int

    @property
    def total(self) -> Decimal:
        return self.partnerships + self.commitments + self.extra

    @property
    def over(self) -> Decimal:
        """Hours beyond what is available; zero when it fits or no capacity is recorded."""
        if not self.available:
            return ZERO
        return max(ZERO, self.total - self.available)


@dataclass(frozen=True)
class CapacityCheck:
    # Whether the workspace has recorded the hours it has (a profile with hours > 0).
    recorded: bool
    available: int
    months: list[MonthLoad]
    partnerships: list[PartnershipLoad] = field(default_factory=list)
    commitments: list[CommitmentLoad] = field(default_factory=list)
    extra: CommitmentLoad | None = None

    @property
    def this_month(self) -> MonthLoad:
        return self.months[0]

    @property
    def next_months(self) -> list[MonthLoad]:
        return self.months[1:]

    @property
    def over_by(self) -> Decimal:
        """The largest excess over the months looked at."""
        return max((month.over for month in self.months), default=ZERO)

    @property
    def is_over(self) -> bool:
        return self.over_by > 0


def _load(commitment, effort, due_on, today: date) -> CommitmentLoad:
    effort = Decimal(effort or 0)
    months = months_to(today, due_on)
    return CommitmentLoad(
        commitment=commitment if getattr(commitment, "pk", None) else None,
        text=getattr(commitment, "text", "") or "",
        effort=_hours(effort),
        months=months,
        per_month=effort / months,
        due_on=due_on,
    )


def capacity_check(
    workspace: Workspace, extra: Commitment | None = None, *, today: date | None = None
) -> CapacityCheck:
    """The workspace's load against its capacity this month and the next ones (the rule is
    in the module's docstring). ``extra`` is a commitment being tried: anything with
    ``effort_hours`` and ``due_on`` (and ``text``); when it is a stored commitment, it
    replaces its stored self. Three queries whatever the number of records."""
    today = today or timezone.localdate()
    profile = Profile.objects.filter(workspace=workspace).only("hours_per_month").first()
    available = profile.hours_per_month if profile else 0
    partnerships = [
        PartnershipLoad(partnership, _hours(partnership.effort_hours))
        for partnership in Partnership.objects.filter(
            workspace=workspace, stage__in=ACTIVE_STAGES, effort_hours__gt=0
        )
        .only("id", "title", "stage", "effort_hours", "workspace_id")
        .order_by("-effort_hours", "id")
    ]
    stored = (
        Commitment.objects.filter(
            workspace=workspace, side=Side.OURS, status=CommitmentStatus.OPEN, effort_hours__gt=0
        )
        .exclude(partnership__stage__in=ENDED_STAGES)
        .select_related("partnership")
        .only(
            "id", "text", "effort_hours", "due_on", "partnership_id", "workspace_id",
            "partnership__id", "partnership__title", "partnership__workspace_id",
        )  # fmt: skip
    )
    extra_pk = getattr(extra, "pk", None)
    commitments = [
        _load(commitment, commitment.effort_hours, commitment.due_on, today)
        for commitment in stored
        if extra_pk is None or commitment.pk != extra_pk
    ]
    extra_load = None
    if extra is not None and Decimal(extra.effort_hours or 0) > 0 and _counts(extra):
        extra_load = _load(extra, extra.effort_hours, extra.due_on, today)
    partnership_hours = sum((load.hours for load in partnerships), ZERO)
    first = month_start(today)
    months = []
    for position in range(HORIZON_MONTHS):
        months.append(
            MonthLoad(
                start=add_months(first, position),
                partnerships=partnership_hours,
                commitments=_hours(
                    sum((c.per_month for c in commitments if position < c.months), ZERO)
                ),
                extra=_hours(
                    extra_load.per_month if extra_load and position < extra_load.months else 0
                ),
                available=available,
            )
        )
    commitments.sort(key=lambda load: (-load.per_month, load.due_on or date.max))
    return CapacityCheck(
        recorded=available > 0,
        available=available,
        months=months,
        partnerships=partnerships,
        commitments=commitments,
        extra=extra_load,
    )


def _counts(commitment) -> bool:
    """Whether a commitment being tried takes our hours: an open one on our side."""
    side = getattr(commitment, "side", Side.OURS) or Side.OURS
    status = getattr(commitment, "status", CommitmentStatus.OPEN) or CommitmentStatus.OPEN
    return side == Side.OURS and status == CommitmentStatus.OPEN


# Commitments ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class TextPart:
    """A piece of a commitment's text; ``finding`` is set for the words a finding matched."""

    text: str
    finding: screening.Finding | None = None


def findings_of(commitment: Commitment) -> list[screening.Finding]:
    return [screening.finding_from_json(item) for item in commitment.findings or []]


def text_parts(text: str, findings: list[screening.Finding]) -> list[TextPart]:
    """The text cut into plain pieces and matched ones, for highlighting; overlapping
    matches are shown once, as the first."""
    parts, position = [], 0
    for finding in sorted(findings, key=lambda item: (item.span[0], -item.span[1])):
        start, end = finding.span
        if start < position or end > len(text) or start >= end:
            continue
        if start > position:
            parts.append(TextPart(text[position:start]))
        parts.append(TextPart(text[start:end], finding))
        position = end
    if position < len(text):
        parts.append(TextPart(text[position:]))
    return parts


def _decorate(commitments) -> list[Commitment]:
    """Attach the findings and the highlighted text to each commitment (no queries)."""
    commitments = list(commitments)
    for commitment in commitments:
        commitment.finding_items = findings_of(commitment)
        commitment.parts = text_parts(commitment.text, commitment.finding_items)
    return commitments


def _with_people(queryset: QuerySet) -> QuerySet:
    return queryset.select_related("owner_user", "owner_contact", "acknowledged_by", "meeting")


def commitment_list(*, partnership: Partnership) -> list[Commitment]:
    """The partnership's commitments, open ones first, soonest due first."""
    commitments = _decorate(_with_people(Commitment.objects.filter(partnership=partnership)))
    order = {value: position for position, value in enumerate(CommitmentStatus.values)}
    return sorted(commitments, key=lambda c: order.get(c.status, len(order)))


def meeting_commitments(*, meeting) -> list[Commitment]:
    return _decorate(_with_people(Commitment.objects.filter(meeting=meeting)))


def commitment_get(*, workspace: Workspace, pk: int) -> Commitment:
    commitment = get_object_or_404(
        Commitment.objects.select_related("partnership", "partnership__partner", "meeting"),
        workspace=workspace, pk=pk,
    )
    return _decorate([commitment])[0]


def commitment_of(*, partnership: Partnership, pk: int) -> Commitment:
    """A commitment of this partnership, or 404."""
    commitment = get_object_or_404(_with_people(Commitment.objects), partnership=partnership, pk=pk)
    return _decorate([commitment])[0]


def flagged_open(*, partnership: Partnership) -> list[Commitment]:
    """Open commitments the screening flagged, kept on purpose or not."""
    return _decorate(
        _with_people(
            Commitment.objects.filter(
                partnership=partnership, status=CommitmentStatus.OPEN, flagged=True
            )
        )
    )


# Warning signs --------------------------------------------------------------------------------


def _with_sign(signs) -> list[WarningSign]:
    signs = list(signs)
    for item in signs:
        item.sign = sign_catalogue.BY_CODE.get(item.code)
    return signs


def warning_sign_list(*, partnership: Partnership) -> list[WarningSign]:
    """Open signs first, newest first."""
    return _with_sign(
        WarningSign.objects.filter(partnership=partnership).select_related(
            "recorded_by", "resolved_by", "meeting"
        )
    )


def warning_sign_get(*, workspace: Workspace, pk: int) -> WarningSign:
    sign = get_object_or_404(
        WarningSign.objects.select_related("partnership"), workspace=workspace, pk=pk
    )
    return _with_sign([sign])[0]


def warning_sign_of(*, partnership: Partnership, pk: int) -> WarningSign:
    return _with_sign([get_object_or_404(WarningSign, partnership=partnership, pk=pk)])[0]


# The partnership page -------------------------------------------------------------------------


@dataclass(frozen=True)
class Summary:
    open: int
    flagged: int
    needs_attention: int
    done: int
    warning_signs: int
    unresolved_signs: int


def summary(*, partnership: Partnership) -> Summary:
    """Counts for the partnership page: two queries."""
    open_ = Q(status=CommitmentStatus.OPEN)
    flagged = open_ & Q(flagged=True)
    counts = Commitment.objects.filter(partnership=partnership).aggregate(
        n_open=Count("id", filter=open_),
        n_flagged=Count("id", filter=flagged),
        n_attention=Count("id", filter=flagged & Q(acknowledged_reason="")),
        n_done=Count("id", filter=Q(status=CommitmentStatus.DONE)),
    )
    signs = WarningSign.objects.filter(partnership=partnership).aggregate(
        n_total=Count("id"), n_unresolved=Count("id", filter=Q(resolved=False))
    )
    return Summary(
        open=counts["n_open"],
        flagged=counts["n_flagged"],
        needs_attention=counts["n_attention"],
        done=counts["n_done"],
        warning_signs=signs["n_total"],
        unresolved_signs=signs["n_unresolved"],
    )
