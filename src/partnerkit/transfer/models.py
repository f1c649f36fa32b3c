from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from partnerkit.transfer.reading import DELIMITER_NAMES
from partnerkit.workspaces.models import Workspace


class RecordKind(models.TextChoices):
    """What a file holds: one row per partner, per contact or per partnership."""

    PARTNERS = "partners", _("Partners")
    CONTACTS = "contacts", _("Contacts")
    PARTNERSHIPS = "partnerships", _("Partnerships")


class ImportRun(models.Model):
    """One import, from upload to report.

    While it is a draft the file's rows wait here, so that nothing reaches partners, contacts
    or partnerships before the person applies the import. Applying writes the records in one
    transaction, keeps the per-row report and drops the rows.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        APPLIED = "applied", _("Applied")

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="import_runs")
    kind = models.CharField(_("kind of records"), max_length=20, choices=RecordKind.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    file_name = models.CharField(_("file"), max_length=255)
    file_format = models.CharField(max_length=10)
    encoding = models.CharField(max_length=40, blank=True)
    delimiter = models.CharField(max_length=10, blank=True)
    sheet = models.CharField(max_length=100, blank=True)
    sheet_names = models.JSONField(default=list, blank=True)
    headers = models.JSONField(default=list)
    # The data rows as read, and their numbers in the file (the header is row 1).
    rows = models.JSONField(default=list, blank=True)
    row_numbers = models.JSONField(default=list, blank=True)
    # What reading the file noticed about single rows: [[row, message], …].
    reading_notes = models.JSONField(default=list, blank=True)
    mapping = models.JSONField(default=dict, blank=True)
    # The person's choice per duplicate row: {"12": "merge", …}.
    decisions = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    applied_at = models.DateTimeField(null=True, blank=True)
    row_count = models.PositiveIntegerField(default=0)
    created_count = models.PositiveIntegerField(default=0)
    updated_count = models.PositiveIntegerField(default=0)
    unchanged_count = models.PositiveIntegerField(default=0)
    skipped_count = models.PositiveIntegerField(default=0)
    # One entry per row: {"row", "action", "id", "label", "note"}; and the warnings shown.
    report = models.JSONField(default=list, blank=True)
    warnings = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["workspace", "status", "created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=RecordKind.values), name="import_run_kind_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["draft", "applied"]),
                name="import_run_status_valid",
            ),
        ]

    def __str__(self):
        return f"{self.file_name} ({self.get_kind_display()})"

    def get_absolute_url(self):
        return reverse(
            "transfer:run", kwargs={"workspace_slug": self.workspace.slug, "pk": self.pk}
        )

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def delimiter_name(self) -> str:
        return DELIMITER_NAMES.get(self.delimiter, f"“{self.delimiter}”")


class ImportMapping(models.Model):
    """The column mapping last used for files with these column names, so the next file
    of the same shape needs no mapping by hand."""

    workspace = models.ForeignKey(
        Workspace, on_delete=models.CASCADE, related_name="import_mappings"
    )
    kind = models.CharField(max_length=20, choices=RecordKind.choices)
    # A digest of the file's normalised column names, in any order.
    header_key = models.CharField(max_length=64)
    headers = models.JSONField(default=list)
    mapping = models.JSONField(default=dict)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-updated_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["workspace", "kind", "header_key"], name="one_mapping_per_file_shape"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} mapping for {', '.join(self.headers)[:60]}"
