from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from partnerkit.core.history import History
from partnerkit.method import stages
from partnerkit.partners.models import Contact, Partner
from partnerkit.workspaces.models import Workspace


class Stage(models.TextChoices):
    # Mirrors partnerkit.method.stages.Stage; a system check keeps the two in step.
    IDEA = "idea", _("Idea")
    RESEARCHING = "researching", _("Researching")
    SHORTLISTED = "shortlisted", _("Shortlisted")
    PREPARING = "preparing", _("Preparing")
    IN_CONTACT = "in_contact", _("In contact")
    NEGOTIATING = "negotiating", _("Negotiating")
    AGREED = "agreed", _("Agreed")
    RUNNING = "running", _("Running")
    COMPLETED = "completed", _("Completed")
    DECLINED = "declined", _("Declined")
    DROPPED = "dropped", _("Dropped")
    ON_HOLD = "on_hold", _("On hold")


class GoalTypeCode(models.TextChoices):
    # Mirrors partnerkit.method.goal_types.GOAL_TYPES.
    CONTENT_ACQUISITION = "content_acquisition", _("Content acquisition")
    CONTENT_SPREADING = "content_spreading", _("Spreading our content")
    ACCESS = "access", _("Access")
    OUTREACH_AWARENESS = "outreach_awareness", _("Outreach for awareness")
    OUTREACH_RECRUITMENT = "outreach_recruitment", _("Outreach for recruitment")
    IN_KIND = "in_kind", _("In-kind support")
    FUNDRAISING = "fundraising", _("Fundraising")
    ADVOCACY = "advocacy", _("Advocacy")


class Licence(models.TextChoices):
    # Mirrors partnerkit.method.licences.LICENCES.
    CC0 = "cc0", _("CC0 1.0 (public domain dedication)")
    PUBLIC_DOMAIN = "public_domain", _("Public domain (no rights apply)")
    CC_BY_4 = "cc_by_4", _("CC BY 4.0")
    CC_BY_SA_4 = "cc_by_sa_4", _("CC BY-SA 4.0")
    OTHER_FREE = "other_free", _("Another free licence (say which in the sketch)")
    NO_CONTENT = "no_content", _("No content is released")
    UNDECIDED = "undecided", _("Not decided yet")


class Decision(models.TextChoices):
    GO = "go", _("Go")
    NO_GO = "no_go", _("No-go")
    NOT_NOW = "not_now", _("Not now")


class GoalType(models.Model):
    """One of the eight goal types, as a row so partnerships can be filtered by them.

    The rows are created by a migration from the method's catalogue."""

    code = models.CharField(max_length=30, primary_key=True, choices=GoalTypeCode.choices)

    class Meta:
        ordering = ["code"]

    def __str__(self):
        return self.get_code_display()

    @property
    def label(self):
        return self.get_code_display()


ESTIMATE_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]


def estimate_field(label):
    return models.PositiveSmallIntegerField(
        label, null=True, blank=True, validators=ESTIMATE_VALIDATORS,
        help_text=_("1 (low) to 5 (high)"),
    )


class PartnershipQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(stage__in=[Stage.COMPLETED, Stage.DECLINED, Stage.DROPPED])


class Partnership(models.Model):
    """One opportunity or relationship between the workspace and a partner."""

    # Internal positions that never reach partner-facing or public output.
    PRIVATE_FIELDS = frozenset(
        {
            "batna",
            "impact", "impact_reason", "likelihood", "likelihood_reason", "ease", "ease_reason",
            "benefit", "benefit_reason", "risk", "risk_reason", "effort_hours",
            "effort_reason", "decision_reason",
        }
    )
    ESTIMATES = ("impact", "likelihood", "ease", "benefit", "risk")

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="partnerships")
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="partnerships")
    title = models.CharField(_("title"), max_length=300)
    goal_types = models.ManyToManyField(
        GoalType, blank=True, related_name="partnerships", verbose_name=_("goal types")
    )
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices, default=Stage.IDEA)
    stage_changed_at = models.DateTimeField(_("in this stage since"), null=True, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="owned_partnerships", verbose_name=_("owner on our side"),
    )
    partner_owner = models.ForeignKey(
        Contact, on_delete=models.SET_NULL, null=True, blank=True, related_name="owned_partnerships",
        verbose_name=_("owner on the partner's side"),
    )
    sketch = models.TextField(
        _("sketch"), blank=True, help_text=_("What the partnership would look like, in a few lines.")
    )

    impact = estimate_field(_("impact"))
    impact_reason = models.TextField(_("why this impact"), blank=True)
    likelihood = estimate_field(_("likelihood of success"))
    likelihood_reason = models.TextField(_("why this likelihood"), blank=True)
    ease = estimate_field(_("ease of approach"))
    ease_reason = models.TextField(_("why this ease"), blank=True)
    benefit = estimate_field(_("benefit"))
    benefit_reason = models.TextField(_("why this benefit"), blank=True)
    risk = estimate_field(_("risk"))
    risk_reason = models.TextField(_("why this risk"), blank=True)
    effort_hours = models.PositiveIntegerField(
        _("effort (hours per month)"), null=True, blank=True,
        validators=[MaxValueValidator(10_000)],
    )
    effort_reason = models.TextField(_("why this effort"), blank=True)

    licence = models.CharField(
        _("licence of released content"), max_length=20, choices=Licence.choices,
        default=Licence.UNDECIDED,
    )
    batna = models.TextField(
        _("BATNA"), blank=True,
        help_text=_("Our best alternative if no agreement is reached. Private."),
    )
    plan_b = models.TextField(_("plan B"), blank=True)
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices, blank=True)
    decision_reason = models.TextField(_("reason for the decision"), blank=True)

    next_step = models.CharField(_("next step"), max_length=300, blank=True)
    next_step_due = models.DateField(_("next step due"), null=True, blank=True)
    started_on = models.DateField(_("started"), null=True, blank=True)
    mou_signed_on = models.DateField(_("agreement signed"), null=True, blank=True)
    review_on = models.DateField(_("review"), null=True, blank=True)
    ends_on = models.DateField(_("ends"), null=True, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    objects = PartnershipQuerySet.as_manager()
    history = History(
        m2m_fields=[goal_types], excluded_fields=["updated_at", "created_at", "created_by"]
    )

    class Meta:
        ordering = [Lower("title"), "id"]
        indexes = [
            models.Index(fields=["workspace", "stage"]),
            models.Index(fields=["workspace", "partner"]),
            models.Index(fields=["workspace", "next_step_due"]),
            # The list's default order, so a page of 50 needs no sort of every row.
            models.Index("workspace", Lower("title"), name="partnership_title_order"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(stage__in=Stage.values), name="partnership_stage_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(licence__in=Licence.values), name="partnership_licence_valid"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(
            "partnerships:detail", kwargs={"workspace_slug": self.workspace.slug, "pk": self.pk}
        )

    @property
    def stage_enum(self) -> stages.Stage:
        return stages.Stage(self.stage)


class StageChange(models.Model):
    """A move between stages, kept with who moved it, why, and which conditions were
    overridden (if any)."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="stage_changes"
    )
    from_stage = models.CharField(max_length=20, choices=Stage.choices, blank=True)
    to_stage = models.CharField(max_length=20, choices=Stage.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    reason = models.TextField(blank=True)
    override_reason = models.TextField(blank=True)
    overridden = models.JSONField(
        default=list, blank=True, help_text="The unmet conditions an override set aside."
    )

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"{self.partnership}: {self.from_stage} → {self.to_stage}"

    @property
    def was_override(self) -> bool:
        return bool(self.override_reason)
