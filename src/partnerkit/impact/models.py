"""Impact statistics of partnerships: where the figures come from (sources), what was listed
(files and their usages, tracked pages), page views kept per month, dated snapshots, monthly
figures with their origin, refresh jobs, and the reports made from them."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from partnerkit.core.history import History
from partnerkit.method import impact as method
from partnerkit.partnerships.models import Partnership
from partnerkit.workspaces.models import Workspace


class SourceKind(models.TextChoices):
    CATEGORY = "category", _("Commons category")
    UPLOADER = "uploader", _("Uploads by a Commons user")
    ITEMS = "items", _("Wikidata items")
    ARTICLES = "articles", _("Wikipedia articles")


class Origin(models.TextChoices):
    # Mirrors partnerkit.method.impact.Origin.
    CIM = "cim", _("Commons Impact Metrics")
    COMPUTED = "computed", _("computed from the Commons API and page views")
    ACTION_API = "action_api", _("counted from the wiki's revisions")


def origin_label(code: str) -> str:
    """What a figure's origin code means, in words: "Commons Impact Metrics", …"""
    return str(Origin(code).label) if code in Origin.values else code


class Source(models.Model):
    """Something whose figures count for a partnership: a Commons category (with its
    subcategories or not), a person's uploads, a list of Wikidata items or of articles."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="impact_sources")
    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="impact_sources"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=SourceKind.choices)
    # The category without "Category:" or the user name without "User:"; empty for lists.
    name = models.CharField(_("name"), max_length=255, blank=True)
    deep = models.BooleanField(
        _("with subcategories"), default=True,
        help_text=_("Count the files of its subcategories too, seven levels down."),
    )
    # Wikidata ids ("Q42") or articles ("en.wikipedia.org|Title"), for list sources.
    entries = models.JSONField(_("entries"), default=list, blank=True)
    since = models.DateField(
        _("count from"), null=True, blank=True,
        help_text=_("Leave empty to count from the partnership's start."),
    )
    # Set when the source came from an activity's outputs.
    activity = models.ForeignKey(
        "running.Activity", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="impact_sources",
    )
    # Whether Commons Impact Metrics has the category, and when that was last asked.
    cim_available = models.BooleanField(null=True, blank=True)
    cim_checked_on = models.DateField(null=True, blank=True)
    refreshed_at = models.DateTimeField(_("last refreshed"), null=True, blank=True)
    # What the last refresh could not count, as sentences (a category that does not exist…).
    problems = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    history = History(excluded_fields=["created_at", "created_by", "refreshed_at", "problems",
                                       "cim_available", "cim_checked_on"])

    class Meta:
        ordering = ["partnership", "kind", "name", "id"]
        indexes = [models.Index(fields=["workspace", "partnership"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=SourceKind.values), name="impact_source_kind_valid"
            ),
        ]

    def __str__(self):
        if self.kind == SourceKind.CATEGORY:
            return f"Category:{self.name}"
        if self.kind == SourceKind.UPLOADER:
            return f"User:{self.name}"
        count = len(self.entries or [])
        return f"{self.get_kind_display()} ({count})"

    @property
    def is_media(self) -> bool:
        return self.kind in (SourceKind.CATEGORY, SourceKind.UPLOADER)

    @property
    def metrics(self) -> tuple[str, ...]:
        if self.is_media:
            return method.MEDIA_METRICS
        if self.kind == SourceKind.ITEMS:
            return method.ITEM_METRICS
        return method.ARTICLE_METRICS

    def get_absolute_url(self):
        return reverse(
            "impact:partnership",
            kwargs={"workspace_slug": self.workspace.slug, "pk": self.partnership_id},
        ) + f"#source-{self.pk}"


class MediaFile(models.Model):
    """A file a media source listed, kept by its page id (a renamed file stays the same)."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="files")
    pageid = models.BigIntegerField()
    title = models.CharField(max_length=255)
    # Directly in the source's category (not only in a subcategory).
    in_top = models.BooleanField(default=True)
    # The refresh that last saw it; a file not seen by a complete listing is gone.
    seen_by = models.ForeignKey("RefreshRun", on_delete=models.SET_NULL, null=True, related_name="+")
    gone_on = models.DateField(null=True, blank=True)
    first_seen_on = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "pageid"], name="impact_file_once"),
        ]
        indexes = [models.Index(fields=["source", "gone_on"])]

    def __str__(self):
        return self.title


class FileUsage(models.Model):
    """An article (namespace 0) of some wiki showing a file, as last listed."""

    file = models.ForeignKey(MediaFile, on_delete=models.CASCADE, related_name="usages")
    wiki = models.CharField(max_length=100)  # host, "en.wikipedia.org"
    title = models.CharField(max_length=255)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["file", "wiki", "title"], name="impact_usage_once"),
        ]
        indexes = [models.Index(fields=["wiki", "title"])]

    def __str__(self):
        return f"{self.wiki}: {self.title}"


class TrackedPage(models.Model):
    """A Wikidata item or an article of a list source, with what its revisions showed."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="pages")
    wiki = models.CharField(max_length=100)
    # As the list names it, and as the wiki calls it now (after a rename).
    asked = models.CharField(max_length=255)
    title = models.CharField(max_length=255)
    pageid = models.BigIntegerField(null=True, blank=True)
    missing = models.BooleanField(default=False)
    lastrevid = models.BigIntegerField(null=True, blank=True)
    created_in_period = models.BooleanField(default=False)
    edits = models.PositiveIntegerField(default=0)
    # Revisions are counted up to this moment; the next refresh asks only for later ones.
    counted_through = models.DateTimeField(null=True, blank=True)
    # Edits per month, {"2026-01": 3}.
    edits_by_month = models.JSONField(default=dict, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "wiki", "asked"], name="impact_page_once"),
        ]

    def __str__(self):
        return f"{self.wiki}: {self.title}"


class PageViews(models.Model):
    """Views by people of one page in one complete month. Public data, shared by every
    workspace: a month once fetched is never asked for again."""

    project = models.CharField(max_length=100)  # "en.wikipedia"
    title = models.CharField(max_length=255)  # with spaces
    month = models.DateField()
    views = models.BigIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["project", "title", "month"], name="impact_views_once"),
        ]

    def __str__(self):
        return f"{self.project} {self.title} {self.month:%Y-%m}: {self.views}"


class Snapshot(models.Model):
    """The figures of a source as one refresh found them: a dated record that stays."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="snapshots")
    taken_at = models.DateTimeField()
    run = models.ForeignKey("RefreshRun", on_delete=models.SET_NULL, null=True, related_name="+")
    # {metric: {"value": n, "origin": "computed"}}; deep and shallow for categories.
    figures = models.JSONField(default=dict)
    problems = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-taken_at", "-id"]
        indexes = [models.Index(fields=["source", "-taken_at"])]

    def __str__(self):
        return f"{self.source} at {self.taken_at:%Y-%m-%d %H:%M}"


class MonthlyFigure(models.Model):
    """One figure of a source for one month: a month's total (page views, edits) or the state
    at its end (files, articles). Months once complete are kept as they were counted."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="monthly")
    month = models.DateField()
    metric = models.CharField(max_length=30)
    value = models.BigIntegerField()
    origin = models.CharField(max_length=12, choices=Origin.choices)
    # False while the month is still running (its state figure moves with each refresh).
    complete = models.BooleanField(default=True)

    class Meta:
        ordering = ["month"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "month", "metric"], name="impact_monthly_once"
            ),
        ]

    def __str__(self):
        return f"{self.source} {self.month:%Y-%m} {self.metric}={self.value}"


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")
    INTERRUPTED = "interrupted", _("Interrupted")


class RefreshRun(models.Model):
    """One refresh of some sources' figures, resumable: ``done_ids`` grows as each source is
    finished, and ``checkpoint`` holds where the current source's listing stands."""

    STALLED_AFTER_MINUTES = 15

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="stats_runs")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    scheduled = models.BooleanField(default=False)
    status = models.CharField(max_length=12, choices=RunStatus.choices, default=RunStatus.QUEUED)
    source_ids = models.JSONField(default=list)
    done_ids = models.JSONField(default=list)
    # {"source": id, "queue": [[category, depth], …], "done": [category, …], "continue": {…}}
    checkpoint = models.JSONField(default=dict, blank=True)
    requests = models.PositiveIntegerField(default=0)
    attempts = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"Statistics refresh #{self.pk} ({self.status})"

    @property
    def remaining_ids(self) -> list[int]:
        done = set(self.done_ids)
        return [pk for pk in self.source_ids if pk not in done]

    @property
    def total(self) -> int:
        return len(self.source_ids)

    @property
    def done(self) -> int:
        return len(set(self.done_ids) & set(self.source_ids))


class ScheduledStatsRefresh(models.Model):
    """Marks the day the scheduled refresh was queued, once for the whole installation."""

    day = models.DateField(unique=True)
    runs = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"Statistics refresh of {self.day}"


class ReportKind(models.TextChoices):
    PARTNER = "partner", _("Report for the partner (PDF)")
    COMMUNITY = "community", _("Report for the community (wikitext)")


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SENT = "sent", _("Sent")


class Report(models.Model):
    """A report on a partnership's impact over a period: figures frozen when it is made, and
    the narrative written around them."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="impact_reports")
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="reports")
    kind = models.CharField(_("kind"), max_length=12, choices=ReportKind.choices)
    title = models.CharField(_("title"), max_length=300)
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("to"))
    summary = models.TextField(_("summary"), blank=True)
    highlights = models.TextField(_("highlights"), blank=True)
    next_steps = models.TextField(_("next steps"), blank=True)
    thanks = models.TextField(_("thanks"), blank=True)
    # What the report shows, as built when it was made or refreshed (see impact.reports).
    figures = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=8, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    sent_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    history = History(excluded_fields=["created_at", "created_by", "updated_at", "figures"])

    class Meta:
        ordering = ["-period_end", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_start__lte=models.F("period_end")),
                name="impact_report_period_order",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(
            "impact:report", kwargs={"workspace_slug": self.workspace.slug, "pk": self.pk}
        )
