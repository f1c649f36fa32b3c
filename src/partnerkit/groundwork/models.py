"""Steps 0, 1, 3 and 4 of the method: the workspace's goals, SWOT and capacity, readiness
checks, accepted goal types, ranking settings and community notices."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from partnerkit.core.history import History
from partnerkit.partnerships.models import GoalTypeCode, Partnership
from partnerkit.workspaces.models import Workspace


class Priority(models.TextChoices):
    # Mirrors partnerkit.method.suggest.Priority.
    HIGH = "high", _("High")
    MEDIUM = "medium", _("Medium")
    LOW = "low", _("Low")


class GoalSource(models.TextChoices):
    STRATEGIC = "strategic", _("Strategic plan")
    ANNUAL = "annual", _("Annual plan")
    AD_HOC = "ad_hoc", _("Ad-hoc need")


class SwotKind(models.TextChoices):
    # Mirrors partnerkit.method.suggest.SwotKind.
    STRENGTH = "strength", _("Strength")
    WEAKNESS = "weakness", _("Weakness")
    OPPORTUNITY = "opportunity", _("Opportunity")
    THREAT = "threat", _("Threat")


class Goal(models.Model):
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="goals")
    text = models.CharField(_("goal"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    priority = models.CharField(
        _("priority"), max_length=10, choices=Priority.choices, default=Priority.MEDIUM
    )
    source = models.CharField(
        _("from"), max_length=10, choices=GoalSource.choices, default=GoalSource.ANNUAL
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = History(excluded_fields=["created_at"])

    class Meta:
        ordering = ["workspace", "id"]

    def __str__(self):
        return self.text


class SwotItem(models.Model):
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="swot_items")
    kind = models.CharField(_("kind"), max_length=12, choices=SwotKind.choices)
    text = models.CharField(_("text"), max_length=300)
    goals = models.ManyToManyField(Goal, blank=True, related_name="swot_items", verbose_name=_("goals"))
    created_at = models.DateTimeField(auto_now_add=True)

    history = History(m2m_fields=[goals], excluded_fields=["created_at"])

    class Meta:
        ordering = ["workspace", "kind", "id"]

    def __str__(self):
        return self.text


class Profile(models.Model):
    """The workspace's capacity and its choices for ranking and selection."""

    workspace = models.OneToOneField(Workspace, on_delete=models.CASCADE, related_name="profile")
    people = models.PositiveIntegerField(
        _("people"), default=0, help_text=_("Volunteers and staff available for partnerships.")
    )
    hours_per_month = models.PositiveIntegerField(
        _("hours per month"), default=0, help_text=_("Time they can give to partnerships.")
    )
    skills = models.JSONField(
        _("skills"), default=list, blank=True,
        help_text=_("Codes of partnerkit.method.goal_types.SKILLS."),
    )
    ranking_weights = models.JSONField(
        _("ranking weights"), default=dict, blank=True,
        help_text=_("Weight per criterion; empty means the preset."),
    )
    ranking_preset = models.CharField(_("ranking preset"), max_length=30, default="balanced")
    overload_threshold = models.FloatField(
        _("overload warning threshold"), default=0.2,
        validators=[MinValueValidator(0.01), MaxValueValidator(0.99)],
        help_text=_("Warn when the chance of needing more hours than we have exceeds this."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    history = History(excluded_fields=["updated_at"])

    def __str__(self):
        return f"Profile of {self.workspace}"


class ReadinessCheck(models.Model):
    """One answer to "should we pursue partnerships now?", kept with its outcome."""

    workspace = models.ForeignKey(
        Workspace, on_delete=models.CASCADE, related_name="readiness_checks"
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    answers = models.JSONField(default=dict)
    outcome = models.CharField(max_length=20)  # partnerkit.method.readiness.Outcome
    gaps = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-at", "-id"]


class GoalTypeDecision(models.Model):
    """The workspace's answer to a suggested goal type."""

    class Answer(models.TextChoices):
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")

    workspace = models.ForeignKey(
        Workspace, on_delete=models.CASCADE, related_name="goal_type_decisions"
    )
    code = models.CharField(max_length=30, choices=GoalTypeCode.choices)
    answer = models.CharField(max_length=10, choices=Answer.choices)
    score = models.FloatField(null=True, blank=True, help_text="The suggestion's score then.")
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["workspace", "code"], name="one_decision_per_goal_type")
        ]


class CommunityNotice(models.Model):
    """A note to the community about selected partnerships (public information only), where
    it was posted, and what the community said."""

    workspace = models.ForeignKey(
        Workspace, on_delete=models.CASCADE, related_name="community_notices"
    )
    partnerships = models.ManyToManyField(Partnership, related_name="community_notices")
    wikitext = models.TextField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    posted_url = models.URLField(_("posted at"), max_length=500, blank=True)
    posted_on = models.DateField(_("posted on"), null=True, blank=True)
    feedback = models.TextField(_("feedback received"), blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
