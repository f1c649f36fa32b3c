"""Negotiation: the commitments each side makes, screened for dangerous promises, and the
warning signs a partner shows, recorded with what they said or did."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from partnerkit.core.history import History
from partnerkit.partners.models import Contact
from partnerkit.partnerships.models import Partnership
from partnerkit.workspaces.models import Workspace

# A commitment is a promise of a sentence or a paragraph; the screening reads up to this.
TEXT_MAX_CHARS = 5_000
# Hours of work in total; more than this is a project of its own, not one commitment.
EFFORT_MAX_HOURS = 2_000


class Side(models.TextChoices):
    OURS = "ours", _("Ours")
    THEIRS = "theirs", _("Theirs")


class CommitmentStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


class Screening(models.TextChoices):
    SCREENED = "screened", _("Screened")
    NOT_ENGLISH = "not_screened_language", _("Not screened: the text is not in English")


class SignCode(models.TextChoices):
    # Mirrors partnerkit.method.warning_signs.WARNING_SIGNS; a test keeps the two in step.
    CONTROL = "control", _("They want control we cannot give")
    NO_FREE_LICENCE = "no_free_licence", _("They will not release under a free licence")
    TIGHT_DEADLINE = "tight_deadline", _("They press for a tight deadline")
    BRAND = "brand", _("They want to use our name at once")
    NO_BENEFIT = "no_benefit", _("There is nothing in it for us")
    MISSION_CONFLICT = "mission_conflict", _("It conflicts with our mission")


class Commitment(models.Model):
    """A promise made by one side, with who keeps it, by when, and at what cost in hours.

    Its text is screened for dangerous promises; ``findings`` keeps what the screening found
    (``partnerkit.method.screening.findings_as_json``). Someone may keep a flagged promise on
    purpose: ``acknowledged_by`` and ``acknowledged_reason`` record who and why.
    """

    # Our internal estimate and reasoning: never in partner-facing output.
    PRIVATE_FIELDS = frozenset({"effort_hours", "acknowledged_reason"})

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="commitments")
    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="commitments"
    )
    meeting = models.ForeignKey(
        "meetings.Meeting", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="commitments", verbose_name=_("meeting"),
    )
    side = models.CharField(_("side"), max_length=10, choices=Side.choices, default=Side.OURS)
    text = models.TextField(
        _("commitment"), max_length=TEXT_MAX_CHARS,
        help_text=_("What is promised, in a sentence or two."),
    )
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("owner on our side"),
    )
    owner_contact = models.ForeignKey(
        Contact, on_delete=models.SET_NULL, null=True, blank=True, related_name="commitments",
        verbose_name=_("owner on the partner's side"),
    )
    due_on = models.DateField(_("due"), null=True, blank=True)
    effort_hours = models.DecimalField(
        _("effort (hours in total)"), max_digits=6, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(EFFORT_MAX_HOURS)],
        help_text=_("Our estimate of the work it takes, in hours altogether."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=CommitmentStatus.choices,
        default=CommitmentStatus.OPEN,
    )
    findings = models.JSONField(_("dangerous promises found"), default=list, blank=True)
    # Whether the screening found anything: kept with the findings, so lists can count
    # flagged commitments in the database.
    flagged = models.BooleanField(_("flagged"), default=False)
    screening = models.CharField(
        _("screening"), max_length=30, choices=Screening.choices, default=Screening.SCREENED
    )
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("kept on purpose by"),
    )
    acknowledged_reason = models.TextField(_("why it is kept"), blank=True)
    acknowledged_at = models.DateTimeField(_("kept on purpose since"), null=True, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    history = History(excluded_fields=["created_at", "updated_at", "created_by"])

    class Meta:
        ordering = [models.F("due_on").asc(nulls_last=True), "id"]
        indexes = [
            models.Index(fields=["workspace", "side", "status"]),
            models.Index(fields=["partnership", "status"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(side__in=Side.values), name="commitment_side_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=CommitmentStatus.values),
                name="commitment_status_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(effort_hours__isnull=True)
                | models.Q(effort_hours__gte=0, effort_hours__lte=EFFORT_MAX_HOURS),
                name="commitment_effort_range",
            ),
        ]

    def __str__(self):
        return self.text[:80]

    @property
    def acknowledged(self) -> bool:
        # The reason is the decision; the person may have left since (their link is cleared).
        return bool(self.acknowledged_reason)

    @property
    def needs_attention(self) -> bool:
        """Flagged, still open, and nobody has decided to keep it."""
        return self.flagged and self.status == CommitmentStatus.OPEN and not self.acknowledged


class WarningSign(models.Model):
    """A warning sign of the method seen in this partner, with the evidence: what they said
    or did. Resolving it keeps the record, with a note on how it was settled. Internal to
    the workspace as a whole."""

    PRIVATE_FIELDS = frozenset({"code", "evidence", "resolved_note"})

    workspace = models.ForeignKey(
        Workspace, on_delete=models.CASCADE, related_name="warning_signs"
    )
    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="warning_signs"
    )
    meeting = models.ForeignKey(
        "meetings.Meeting", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="warning_signs", verbose_name=_("meeting"),
    )
    code = models.CharField(_("warning sign"), max_length=30, choices=SignCode.choices)
    evidence = models.TextField(
        _("evidence"), max_length=TEXT_MAX_CHARS,
        help_text=_("What did they say or do?"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    resolved = models.BooleanField(_("resolved"), default=False)
    resolved_note = models.TextField(_("how it was resolved"), blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("resolved by"),
    )
    resolved_at = models.DateTimeField(_("resolved on"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    history = History(excluded_fields=["recorded_at"])

    class Meta:
        ordering = ["resolved", "-recorded_at", "-id"]
        indexes = [models.Index(fields=["partnership", "resolved"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(code__in=SignCode.values), name="warning_sign_code_valid"
            ),
        ]

    def __str__(self):
        return f"{self.get_code_display()}: {self.evidence[:60]}"
