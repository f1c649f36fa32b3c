"""What Partnerkit learns about a partner: facts fetched from Wikidata, the jobs that fetch
them, and the study dossier people write (sources and answers to the study questions).

The dossier is internal: it helps the workspace prepare and never appears in partner-facing
output.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from partnerkit.partners.models import Partner
from partnerkit.workspaces.models import Workspace


class FactsStatus(models.TextChoices):
    OK = "ok", _("Up to date")
    REDIRECTED = "redirected", _("Item was merged")
    DELETED = "deleted", _("Item was deleted")
    ERROR = "error", _("Could not be fetched")


# Facts whose values are other Wikidata items, stored as {"qid", "label"} and shown by label.
ITEM_FACTS = ("instance_of", "country", "place", "parent", "director", "chairperson")


class PartnerFacts(models.Model):
    """The facts Wikidata gave about a partner's item at ``retrieved_at``.

    ``facts`` maps a fact name to ``{"value": …, "property": "P…"}``; values that name other
    items are ``{"qid": …, "label": …}``. Every fact shares the item and retrieval time, so a
    page can say where each one came from and when.
    """

    partner = models.OneToOneField(Partner, on_delete=models.CASCADE, related_name="facts")
    qid = models.CharField(_("Wikidata item"), max_length=16)
    status = models.CharField(
        _("status"), max_length=12, choices=FactsStatus.choices, default=FactsStatus.OK
    )
    # When the item was merged: the id the partner was linked to before.
    redirected_from = models.CharField(max_length=16, blank=True)
    labels = models.JSONField(default=dict, blank=True)
    descriptions = models.JSONField(default=dict, blank=True)
    facts = models.JSONField(default=dict, blank=True)
    sitelinks = models.JSONField(default=dict, blank=True)
    wikipedias = models.JSONField(default=dict, blank=True)
    # Files, subcategories and pages of the Commons category; null when not counted.
    commons_size = models.JSONField(null=True, blank=True)
    commons_size_at = models.DateTimeField(null=True, blank=True)
    retrieved_at = models.DateTimeField(_("retrieved"))

    class Meta:
        verbose_name_plural = "partner facts"
        indexes = [models.Index(fields=["retrieved_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=FactsStatus.values), name="facts_status_valid"
            )
        ]

    def __str__(self):
        return f"{self.partner} ({self.qid})"

    @property
    def is_deleted(self) -> bool:
        return self.status == FactsStatus.DELETED

    @property
    def commons_category(self) -> str:
        return (self.facts.get("commons_category") or {}).get("value") or ""

    @property
    def sitelink_count(self) -> int:
        return len(self.sitelinks)


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")
    INTERRUPTED = "interrupted", _("Interrupted")


class RunScope(models.TextChoices):
    PARTNERS = "partners", _("Chosen partners")
    STALE = "stale", _("Stale facts")
    ALL = "all", _("All linked partners")
    SCHEDULED = "scheduled", _("Daily refresh of stale facts")


class EnrichmentRun(models.Model):
    """One job that fetches the facts of many partners, resumable after any interruption.

    ``partner_ids`` is fixed when the job is made; ``done_ids`` grows after each batch of 50
    items, so that a resumed job fetches only what is not done yet.
    """

    # A running job that has not saved progress for this long is taken as killed.
    STALLED_AFTER_MINUTES = 15

    workspace = models.ForeignKey(
        Workspace, on_delete=models.CASCADE, related_name="enrichment_runs"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    scope = models.CharField(max_length=12, choices=RunScope.choices, default=RunScope.PARTNERS)
    status = models.CharField(
        _("status"), max_length=12, choices=RunStatus.choices, default=RunStatus.QUEUED
    )
    partner_ids = models.JSONField(default=list)
    done_ids = models.JSONField(default=list)
    ok_count = models.PositiveIntegerField(default=0)
    redirected_count = models.PositiveIntegerField(default=0)
    deleted_count = models.PositiveIntegerField(default=0)
    requests = models.PositiveIntegerField(
        default=0, help_text="Requests sent to Wikimedia by this job, over all its attempts."
    )
    attempts = models.PositiveIntegerField(default=0)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["workspace", "-created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=RunStatus.values), name="run_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(scope__in=RunScope.values), name="run_scope_valid"
            ),
        ]

    def __str__(self):
        return f"Enrichment #{self.pk} ({self.status})"

    def get_absolute_url(self):
        return reverse(
            "research:run", kwargs={"workspace_slug": self.workspace.slug, "pk": self.pk}
        )

    @property
    def total(self) -> int:
        return len(self.partner_ids)

    @property
    def done(self) -> int:
        return len(self.done_ids)

    @property
    def remaining_ids(self) -> list[int]:
        done = set(self.done_ids)
        return [pk for pk in self.partner_ids if pk not in done]

    @property
    def percent(self) -> int:
        return 100 * self.done // self.total if self.total else 100


class ScheduledRefresh(models.Model):
    """One row per day on which the worker queued the refresh of stale facts; the unique day
    makes every worker of an installation agree that it happens once."""

    day = models.DateField(unique=True)
    queued_at = models.DateTimeField(auto_now_add=True)
    runs = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-day"]

    def __str__(self):
        return str(self.day)


class SourceKind(models.TextChoices):
    MISSION = "mission", _("Mission statement")
    ANNUAL_REPORT = "annual_report", _("Annual report")
    WEBSITE = "website", _("Website")
    SPEECH = "speech", _("Recent speech or interview")
    OTHER = "other", _("Other")


class DossierSource(models.Model):
    """Something we read to study the partner."""

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="dossier_sources")
    kind = models.CharField(_("kind"), max_length=20, choices=SourceKind.choices)
    title = models.CharField(_("title"), max_length=300, blank=True)
    url = models.URLField(_("address"), max_length=500, blank=True)
    date = models.DateField(_("date"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    # Taken from the item's official website (P856) and not touched by a person since.
    from_wikidata = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["kind", "-date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=SourceKind.values), name="source_kind_valid"
            )
        ]

    def __str__(self):
        return self.title or self.url or self.get_kind_display()


class Question(models.TextChoices):
    CARE_ABOUT = "care_about", _("What do they care about?")
    SAY_THEY_DO = "say_they_do", _("What do they say they do?")
    PROUD_OF = "proud_of", _("What are they proud of?")
    SIZE = "size", _("How big are they?")
    POPULARITY = "popularity", _("How popular or visible are they?")
    LEADERSHIP = "leadership", _("Who leads them?")
    SHARED_GOALS = "shared_goals", _("Which goals might we share?")
    MUTUAL_BENEFITS = "mutual_benefits", _("What would each side gain?")


class StudyAnswer(models.Model):
    """The answer to one study question about a partner.

    ``prefilled_at`` is set while the text is what Wikidata suggested; a person's edit clears
    it, and from then on a refresh leaves the answer alone.
    """

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="study_answers")
    question = models.CharField(max_length=20, choices=Question.choices)
    text = models.TextField(blank=True)
    prefilled_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["partner", "question"]
        constraints = [
            models.UniqueConstraint(fields=["partner", "question"], name="one_answer_per_question"),
            models.CheckConstraint(
                condition=models.Q(question__in=Question.values), name="answer_question_valid"
            ),
        ]

    def __str__(self):
        return f"{self.partner}: {self.question}"

    @property
    def is_prefilled(self) -> bool:
        return self.prefilled_at is not None
