from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from partnerkit.core.history import History
from partnerkit.method import meeting as method
from partnerkit.partners.models import Contact
from partnerkit.partnerships.models import Partnership
from partnerkit.workspaces.models import Workspace


class MeetingKind(models.TextChoices):
    FIRST = "first", _("First meeting")
    FOLLOW_UP = "follow_up", _("Follow-up meeting")
    OTHER = "other", _("Other meeting")


class Side(models.TextChoices):
    OURS = "ours", _("Our side")
    THEIRS = "theirs", _("The partner's side")


class AgendaCode(models.TextChoices):
    # Mirrors partnerkit.method.meeting.AGENDA_PARTS.
    INTRODUCTIONS = "introductions", _("Introductions")
    ARGUMENTS = "arguments", _("Why work together")
    OUR_INTERESTS = "our_interests", _("What we hope for")
    COLLABORATION = "collaboration", _("A possible collaboration")
    RISKS = "risks", _("Risks and concerns")
    AGREEMENT = "agreement", _("Agreement and next steps")


class Meeting(models.Model):
    """A meeting with a partner: its plan (agenda, attendees, materials, preparation) and,
    afterwards, its notes and next steps."""

    # The preparation sheet and the notes stay inside the workspace: never in the
    # partner-facing brief.
    PRIVATE_FIELDS = frozenset(
        {
            "speaks_for", "may_commit", "batna_note", "no_partnership_ok",
            "expected_questions", "liked", "concerns", "triggers", "decisions", "outcome",
        }
    )

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="meetings")
    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="meetings"
    )
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(
        _("kind of meeting"), max_length=12, choices=MeetingKind.choices,
        default=MeetingKind.FIRST,
    )
    starts_at = models.DateTimeField(_("start"))
    minutes = models.PositiveSmallIntegerField(
        _("length (minutes)"),
        help_text=_("From %(least)d to %(most)d minutes.")
        % {"least": method.MIN_MINUTES, "most": method.MAX_MINUTES},
    )
    location = models.CharField(
        _("place or link"), max_length=500, blank=True,
        help_text=_("An address, a room, or the link of a video call."),
    )
    wiki_primer = models.BooleanField(
        _("include a wiki primer"), default=True,
        help_text=_("A short explanation of how the wikis work, inside the introductions."),
    )
    technical_expected = models.BooleanField(
        _("technical questions expected"), default=False,
        help_text=_("Then one of us who can answer them should attend."),
    )

    speaks_for = models.TextField(_("whom we speak for"), blank=True)
    may_commit = models.TextField(_("what we may commit to"), blank=True)
    batna_note = models.TextField(
        _("our best alternative (BATNA)"), blank=True,
        help_text=_("Copied from the partnership when the meeting is planned. Private."),
    )
    no_partnership_ok = models.BooleanField(
        _("“no partnership” is an acceptable outcome"), default=False
    )
    expected_questions = models.TextField(_("questions we expect"), blank=True)

    liked = models.TextField(_("what they liked"), blank=True)
    concerns = models.TextField(_("their concerns"), blank=True)
    triggers = models.TextField(_("what triggered the concerns"), blank=True)
    decisions = models.TextField(_("decisions"), blank=True)
    outcome = models.TextField(_("outcome"), blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    history = History(excluded_fields=["updated_at", "created_at", "created_by"])

    class Meta:
        ordering = ["-starts_at", "-id"]
        indexes = [
            models.Index(fields=["workspace", "starts_at"]),
            models.Index(fields=["partnership", "starts_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=MeetingKind.values), name="meeting_kind_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(minutes__gte=method.MIN_MINUTES)
                & models.Q(minutes__lte=method.MAX_MINUTES),
                name="meeting_minutes_in_range",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(
            "meetings:detail", kwargs={"workspace_slug": self.workspace.slug, "pk": self.pk}
        )


class AgendaItem(models.Model):
    """One of the six parts of a meeting's agenda, with its time box and our notes."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    code = models.CharField(max_length=20, choices=AgendaCode.choices)
    title = models.CharField(_("title"), max_length=200)
    minutes = models.PositiveSmallIntegerField(_("minutes"))
    position = models.PositiveSmallIntegerField()
    notes = models.TextField(_("notes"), blank=True)

    history = History()

    class Meta:
        ordering = ["meeting", "position"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "code"], name="agenda_code_once"),
            models.CheckConstraint(
                condition=models.Q(code__in=AgendaCode.values), name="agenda_code_valid"
            ),
        ]

    def __str__(self):
        return self.title


class Attendee(models.Model):
    """Someone at the meeting: one of us (a member of the workspace, or named) or one of the
    partner's people (one of its contacts, or named)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendees")
    side = models.CharField(_("side"), max_length=6, choices=Side.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("member"),
    )
    contact = models.ForeignKey(
        Contact, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("contact"),
    )
    name = models.CharField(
        _("name"), max_length=200, blank=True,
        help_text=_("For someone who is neither a member nor a contact."),
    )
    role_in_meeting = models.CharField(_("role in the meeting"), max_length=200, blank=True)
    technical = models.BooleanField(_("can answer technical questions"), default=False)

    history = History()

    class Meta:
        ordering = ["meeting", "side", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(side__in=Side.values), name="attendee_side_valid"
            ),
        ]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.user_id:
            return self.user.get_full_name() or self.user.username
        if self.contact_id:
            return self.contact.name
        return self.name


class MaterialItem(models.Model):
    """Something to bring to the meeting, ticked off when ready."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="materials")
    text = models.CharField(_("item"), max_length=300)
    done = models.BooleanField(_("ready"), default=False)
    position = models.PositiveSmallIntegerField(default=0)

    history = History()

    class Meta:
        ordering = ["meeting", "position", "id"]

    def __str__(self):
        return self.text


class NextStep(models.Model):
    """Something agreed at the meeting, with who does it and by when."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="next_steps")
    text = models.CharField(_("next step"), max_length=500)
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("owner on our side"),
    )
    owner_contact = models.ForeignKey(
        Contact, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("owner on the partner's side"),
    )
    due_on = models.DateField(_("due"), null=True, blank=True)
    done = models.BooleanField(_("done"), default=False)
    done_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = History(excluded_fields=["created_at"])

    class Meta:
        ordering = ["meeting", "done", "due_on", "id"]

    def __str__(self):
        return self.text

    @property
    def owner_name(self) -> str:
        if self.owner_user_id:
            return self.owner_user.get_full_name() or self.owner_user.username
        if self.owner_contact_id:
            return self.owner_contact.name
        return ""
