"""Documents drafted from a partnership's record: every saved edit is a version, and the
document moves from draft to sent (and, for agreements, to signed)."""

from django.conf import settings
from django.core.validators import FileExtensionValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from partnerkit.partnerships.models import Partnership
from partnerkit.workspaces.models import Workspace

LOGO_MAX_BYTES = 1_000_000
SIGNED_COPY_MAX_BYTES = 20_000_000


class Kind(models.TextChoices):
    PROPOSAL = "proposal", _("Written proposal")
    MOU = "mou", _("Memorandum of understanding")
    DECLINE = "decline", _("Decline letter")
    ANNOUNCEMENT = "announcement", _("Announcement to the community")
    UPDATE = "update", _("Community update")


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SENT = "sent", _("Sent")
    SIGNED = "signed", _("Signed")


# Only agreements are signed; letters and announcements are sent (or published) and done.
SIGNABLE = frozenset({Kind.MOU, Kind.PROPOSAL})


def signed_copy_path(document, filename: str) -> str:
    return f"documents/{document.workspace_id}/{document.pk}/signed-{filename}"


def logo_path(letterhead, filename: str) -> str:
    return f"letterheads/{letterhead.workspace_id}/{filename}"


class Document(models.Model):
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="documents")
    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="documents"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    language = models.CharField(_("language"), max_length=10, default="en")
    title = models.CharField(_("title"), max_length=300)
    # [{"key": …, "heading": …, "text": …}, …] — the current version's sections.
    sections = models.JSONField(default=list)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    sent_on = models.DateField(_("sent"), null=True, blank=True)
    signed_on = models.DateField(_("signed"), null=True, blank=True)
    signed_copy = models.FileField(
        _("signed copy"), upload_to=signed_copy_path, blank=True,
        validators=[FileExtensionValidator(["pdf", "png", "jpg", "jpeg"])],
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-updated_at", "-id"]
        indexes = [models.Index(fields=["workspace", "partnership", "kind"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=Kind.values), name="document_kind_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=Status.values), name="document_status_valid"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(
            "documents:detail", kwargs={"workspace_slug": self.workspace.slug, "pk": self.pk}
        )

    @property
    def signable(self) -> bool:
        return self.kind in SIGNABLE


class DocumentVersion(models.Model):
    """A saved state of a document's text, with who saved it and why."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=300)
    sections = models.JSONField(default=list)
    note = models.CharField(max_length=300, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["document", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="document_version_once"),
        ]

    def __str__(self):
        return f"{self.document} v{self.number}"


class SectionTemplate(models.Model):
    """A workspace's own wording of one section of one kind of document, in one language.
    Placeholders in braces ({partner}, {workspace}, …) are filled from the record."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    key = models.SlugField(max_length=40)
    language = models.CharField(max_length=10, default="en")
    heading = models.CharField(_("heading"), max_length=200)
    text = models.TextField(_("text"))
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["workspace", "kind", "key", "language"], name="section_template_once"
            ),
        ]

    def __str__(self):
        return f"{self.kind}/{self.key} ({self.language})"


class Letterhead(models.Model):
    """What heads every document of the workspace."""

    workspace = models.OneToOneField(
        Workspace, on_delete=models.CASCADE, related_name="letterhead"
    )
    lines = models.TextField(
        _("lines under the name"), blank=True,
        help_text=_("Address, website, e-mail: one per line."),
    )
    place = models.CharField(
        _("place"), max_length=100, blank=True,
        help_text=_("Where letters are written from, before the date (“Berlin, 3 May 2026”)."),
    )
    logo = models.FileField(
        _("logo"), upload_to=logo_path, blank=True,
        validators=[FileExtensionValidator(["png", "jpg", "jpeg"])],
        help_text=_("PNG or JPEG, at most 1 MB."),
    )

    def __str__(self):
        return f"Letterhead of {self.workspace}"
