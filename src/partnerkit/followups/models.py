"""Follow-ups: plans of dated tasks that events in a partnership start and close, the log of
interactions with the partner, and the reminders (digest e-mails, calendar feeds) that keep
people on time."""

import hashlib

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from partnerkit.core.history import History
from partnerkit.method import followups as method
from partnerkit.partners.models import Contact
from partnerkit.partnerships.models import Partnership, Stage
from partnerkit.workspaces.models import Workspace


class Anchor(models.TextChoices):
    # Mirrors partnerkit.method.followups.Anchor; a test keeps the two in step.
    MEETING_HELD = "meeting_held", _("a meeting is held")
    PROPOSAL_SENT = "proposal_sent", _("the written proposal is sent")
    PARTNER_REPLIED = "partner_replied", _("the partner replies")
    REPORT_SENT = "report_sent", _("a report is sent")
    AGREED = "agreed", _("an agreement is reached")
    RUNNING = "running", _("the partnership starts running")
    MOU_SIGNED = "mou_signed", _("the agreement's signature date")
    MOU_ENDS = "mou_ends", _("the agreement's end date")
    REVIEW_DUE = "review_due", _("the agreement's review date")
    STEP_DONE = "step_done", _("another step is done")


class Direction(models.TextChoices):
    AFTER = "after", _("after")
    BEFORE = "before", _("before")


class OwnerRule(models.TextChoices):
    PARTNERSHIP_OWNER = "partnership_owner", _("The partnership's owner")
    ACTOR = "actor", _("Whoever logged the event")
    PERSON = "person", _("A named member")


class Plan(models.Model):
    """A workspace's plan of follow-up steps; the method's plans are copied in on first use
    and stay editable."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="plans")
    code = models.SlugField(_("short name"), max_length=40)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    active = models.BooleanField(
        _("in use"), default=True, help_text=_("A plan not in use starts no new tasks.")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    history = History(excluded_fields=["created_at"])

    class Meta:
        ordering = ["workspace", "id"]
        constraints = [
            models.UniqueConstraint(fields=["workspace", "code"], name="plan_code_once"),
        ]

    def __str__(self):
        return self.name


class PlanStep(models.Model):
    """One task of a plan: due a number of days after (or before) its anchor."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="steps")
    code = models.SlugField(_("short name"), max_length=40)
    title = models.CharField(_("task"), max_length=200)
    description = models.TextField(_("what to do"), blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    anchor = models.CharField(_("counted from"), max_length=20, choices=Anchor.choices)
    after_step = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="followers",
        verbose_name=_("the step it follows"),
    )
    offset_days = models.IntegerField(_("days"))
    direction = models.CharField(
        _("after or before"), max_length=6, choices=Direction.choices, default=Direction.AFTER
    )
    limit_days = models.IntegerField(
        _("hard limit (days)"),
        null=True,
        blank=True,
        help_text=_("Counted like the days; past it, the task is shown as late beyond the limit."),
    )
    skip_weekends = models.BooleanField(
        _("count working days only"),
        default=False,
        help_text=_("Monday to Friday; a date on a weekend moves to the next working day."),
    )
    owner_rule = models.CharField(
        _("owner"),
        max_length=20,
        choices=OwnerRule.choices,
        default=OwnerRule.PARTNERSHIP_OWNER,
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("named member"),
    )
    wait_for_due = models.BooleanField(
        _("only show when due"),
        default=False,
        help_text=_("For “no reply for two weeks”: the task appears only if nothing closed it."),
    )
    closed_by = models.JSONField(
        _("closed when"),
        default=list,
        blank=True,
        help_text=_("Events that close an open task of this step on their own."),
    )
    completes = models.CharField(
        _("done means"),
        max_length=20,
        choices=Anchor.choices,
        blank=True,
        help_text=_("Marking the task done records this event (e.g. the proposal is sent)."),
    )
    repeat_days = models.PositiveIntegerField(
        _("repeat every (days)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(method.MIN_REPEAT_DAYS)],
    )

    history = History()

    class Meta:
        ordering = ["plan", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="plan_step_code_once"),
            models.CheckConstraint(
                condition=models.Q(anchor__in=Anchor.values), name="plan_step_anchor_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(offset_days__gte=0), name="plan_step_offset_not_negative"
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def closed_by_labels(self) -> list[str]:
        return [str(Anchor(code).label) for code in self.closed_by if code in Anchor.values]

    def as_spec(self) -> method.StepSpec:
        return method.StepSpec(
            code=self.code,
            title=self.title,
            anchor=method.Anchor(self.anchor),
            offset_days=self.offset_days,
            direction=method.Direction(self.direction),
            after_step=self.after_step.code if self.after_step_id else "",
            limit_days=self.limit_days,
            skip_weekends=self.skip_weekends,
            owner=method.OwnerRule(self.owner_rule),
            person=str(self.owner_id or ""),
            wait_for_due=self.wait_for_due,
            closed_by=tuple(method.Anchor(code) for code in self.closed_by),
            completes=method.Anchor(self.completes) if self.completes else None,
            repeat_days=self.repeat_days,
            description=self.description,
        )


class Event(models.Model):
    """Something that happened in a partnership (or a date in its record) that plans count
    from. ``source`` names what it came from, so the same happening is one event however
    often it is saved (an interaction, a stage change, the agreement's end date)."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="followup_events"
    )
    kind = models.CharField(max_length=20, choices=Anchor.choices)
    on = models.DateField()
    source = models.CharField(max_length=80)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "kind", "source"], name="followup_event_once"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} on {self.on}"


class TaskStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Closed without doing")


class FollowUpQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=TaskStatus.OPEN)

    def with_assignee(self):
        """``assignee_id``: the task's own owner or, without one, the partnership's."""
        return self.annotate(
            assignee_id=models.functions.Coalesce("owner_id", "partnership__owner_id")
        )

    def assigned_to(self, user):
        return self.filter(
            models.Q(owner=user) | models.Q(owner__isnull=True, partnership__owner=user)
        )

    def visible(self, today):
        return self.filter(visible_from__lte=today)

    def with_when(self):
        """``when``: the day the task asks for attention — its due date, or the end of a
        snooze."""
        return self.annotate(when=models.functions.Coalesce("snoozed_until", "due_on"))


class FollowUp(models.Model):
    """A dated task in a partnership, started by a plan or written by hand.

    Without an ``owner`` the task belongs to the partnership's owner, whoever that is now:
    a person who leaves or is deleted hands their tasks on, and nothing is lost.
    """

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="followups")
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="followups")
    step = models.ForeignKey(
        PlanStep, on_delete=models.SET_NULL, null=True, blank=True, related_name="tasks"
    )
    event = models.ForeignKey(
        Event,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tasks",
        help_text="The event it is counted from, when it moves with that event's date.",
    )
    after_task = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The task whose completion started this one.",
    )
    title = models.CharField(_("task"), max_length=200)
    notes = models.TextField(_("notes"), blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("owner"),
    )
    due_on = models.DateField(_("due"))
    limit_on = models.DateField(_("hard limit"), null=True, blank=True)
    visible_from = models.DateField()
    status = models.CharField(
        _("status"), max_length=10, choices=TaskStatus.choices, default=TaskStatus.OPEN
    )
    snoozed_until = models.DateField(_("snoozed until"), null=True, blank=True)
    snooze_reason = models.CharField(_("why snoozed"), max_length=300, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    closed_reason = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    objects = FollowUpQuerySet.as_manager()
    history = History(excluded_fields=["created_at", "created_by"])

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [
            models.Index(fields=["workspace", "status", "due_on"]),
            models.Index(fields=["partnership", "status"]),
            models.Index(fields=["owner", "status"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=TaskStatus.values), name="followup_status_valid"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return (
            reverse(
                "followups:partnership",
                kwargs={"workspace_slug": self.workspace.slug, "pk": self.partnership_id},
            )
            + f"#task-{self.pk}"
        )

    @property
    def is_open(self) -> bool:
        return self.status == TaskStatus.OPEN

    @property
    def attention_on(self):
        return self.snoozed_until or self.due_on


class InteractionKind(models.TextChoices):
    EMAIL = "email", _("E-mail")
    CALL = "call", _("Call")
    MEETING = "meeting", _("Meeting")
    MESSAGE = "message", _("Message or chat")
    LETTER = "letter", _("Letter")
    OTHER = "other", _("Other")


class InteractionDirection(models.TextChoices):
    OUTGOING = "outgoing", _("From us")
    INCOMING = "incoming", _("From them")
    BOTH = "both", _("Together")


class Purpose(models.TextChoices):
    NONE = "", _("—")
    PROPOSAL = "proposal", _("It was the written proposal")
    REPORT = "report", _("It was a report")


class Interaction(models.Model):
    """An e-mail, call, meeting or message with the partner, logged in a few seconds. The
    last one tells whether a relationship has gone quiet."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="interactions")
    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="interactions"
    )
    kind = models.CharField(
        _("kind"), max_length=10, choices=InteractionKind.choices, default=InteractionKind.EMAIL
    )
    direction = models.CharField(
        _("who reached out"),
        max_length=10,
        choices=InteractionDirection.choices,
        default=InteractionDirection.OUTGOING,
    )
    purpose = models.CharField(_("it was"), max_length=10, choices=Purpose.choices, blank=True)
    occurred_on = models.DateField(_("date"))
    summary = models.CharField(_("summary"), max_length=500, blank=True)
    contact = models.ForeignKey(
        Contact,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="interactions",
        verbose_name=_("with"),
    )
    meeting = models.OneToOneField(
        "meetings.Meeting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="interaction",
    )
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    history = History(excluded_fields=["created_at"])

    class Meta:
        ordering = ["-occurred_on", "-id"]
        indexes = [models.Index(fields=["partnership", "occurred_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=InteractionKind.values),
                name="interaction_kind_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(direction__in=InteractionDirection.values),
                name="interaction_direction_valid",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.occurred_on}"


class StaleRule(models.Model):
    """A workspace's own number of quiet days after which a partnership in a stage counts
    as stale (the method's numbers apply where there is none)."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    stage = models.CharField(max_length=20, choices=Stage.choices)
    days = models.PositiveIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(method.MAX_STALE_DAYS)]
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["workspace", "stage"], name="stale_rule_once"),
        ]

    def __str__(self):
        return f"{self.stage}: {self.days}"


class Frequency(models.TextChoices):
    DAILY = "daily", _("Every day")
    WEEKLY = "weekly", _("Once a week")
    NEVER = "never", _("Never")


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class DigestPreference(models.Model):
    """How often a person gets the e-mail with their follow-ups (weekly on Mondays unless
    they chose otherwise)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digest_preference"
    )
    frequency = models.CharField(
        _("send me a digest"),
        max_length=10,
        choices=Frequency.choices,
        default=Frequency.WEEKLY,
    )
    weekday = models.PositiveSmallIntegerField(
        _("on"),
        choices=Weekday.choices,
        default=Weekday.MONDAY,
        help_text=_("For the weekly digest."),
    )

    def __str__(self):
        return f"{self.user}: {self.frequency}"


class ReminderClaimStatus(models.TextChoices):
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")


class ReminderClaim(models.Model):
    """One digest for one person and one period (a day or an ISO week).

    The unique constraint is what makes `partnerkit remind` idempotent: a run claims the
    period by inserting this row before sending, so a second run — even at the same moment
    in another process — finds the row and sends nothing.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    period = models.CharField(max_length=12)
    status = models.CharField(
        max_length=10, choices=ReminderClaimStatus.choices, default=ReminderClaimStatus.SENDING
    )
    claimed_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)
    task_ids = models.JSONField(default=list, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "period"], name="reminder_once_per_period"),
        ]

    def __str__(self):
        return f"{self.user} {self.period}"


class FeedScope(models.TextChoices):
    MINE = "mine", _("My follow-ups and meetings")
    WORKSPACE = "workspace", _("Everyone's in the workspace")


class CalendarFeed(models.Model):
    """A private calendar address (ICS) of a person in a workspace. Only a hash of its
    secret is kept: the address is shown once, and revoking it ends it for good."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feeds"
    )
    scope = models.CharField(_("shows"), max_length=10, choices=FeedScope.choices)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(scope__in=FeedScope.values), name="calendar_feed_scope_valid"
            ),
        ]

    def __str__(self):
        return f"{self.user} · {self.workspace} · {self.scope}"

    @staticmethod
    def hash(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()
