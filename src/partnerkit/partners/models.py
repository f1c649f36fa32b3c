import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from partnerkit.core.history import History
from partnerkit.method import partner_kinds
from partnerkit.method.wikidata_ids import normalise_qid
from partnerkit.workspaces.models import Workspace


def validate_qid(value: str) -> None:
    if value and normalise_qid(value) != value:
        raise ValidationError(
            _("Enter a Wikidata item id such as Q190804, or paste the item's Wikidata address."),
            code="invalid_qid",
        )


class PartnerKind(models.TextChoices):
    # Mirrors partnerkit.method.partner_kinds.KINDS; a system check keeps the two in step.
    WIKIMEDIA_COMMUNITY = "wikimedia_community", _("Wikimedia community")
    AFFILIATE = "affiliate", _("Wikimedia affiliate")
    WMF = "wmf", _("Wikimedia Foundation")
    GALLERY = "gallery", _("Gallery")
    LIBRARY = "library", _("Library")
    ARCHIVE = "archive", _("Archive")
    MUSEUM = "museum", _("Museum")
    HIGHER_EDUCATION = "higher_education", _("Higher education")
    LEARNED_SOCIETY = "learned_society", _("Learned society")
    NATIONAL_GOVERNMENT = "national_government", _("National government")
    LOCAL_GOVERNMENT = "local_government", _("Local government")
    NONPROFIT = "nonprofit", _("Non-profit or activist group")
    NETWORK = "network", _("Network of organisations")
    COMPANY_MEDIA = "company_media", _("Company or media")
    OTHER = "other", _("Other")

    @property
    def side(self) -> partner_kinds.Side:
        return partner_kinds.kind(self.value).side


class Tag(models.Model):
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="tags")
    name = models.CharField(_("name"), max_length=50)

    class Meta:
        ordering = [Lower("name")]
        constraints = [
            models.UniqueConstraint("workspace", Lower("name"), name="tag_name_unique_in_workspace")
        ]

    def __str__(self):
        return self.name


class PartnerQuerySet(models.QuerySet):
    def active(self):
        return self.filter(archived_at__isnull=True)

    def archived(self):
        return self.filter(archived_at__isnull=False)


class Partner(models.Model):
    """An organisation we may work with. Public facts and private notes are separate fields."""

    # Fields that never leave the workspace: not in partner-facing or public output.
    PRIVATE_FIELDS = frozenset({"private_notes"})

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="partners")
    name = models.CharField(_("name"), max_length=300)
    kind = models.CharField(_("kind"), max_length=30, choices=PartnerKind.choices)
    country = CountryField(_("country"), blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    website = models.URLField(_("website"), max_length=500, blank=True)
    wikidata_qid = models.CharField(
        _("Wikidata item"), max_length=16, blank=True, validators=[validate_qid]
    )
    description = models.TextField(_("description"), blank=True)
    mission = models.TextField(_("mission statement"), blank=True)
    tags = models.ManyToManyField(Tag, blank=True, related_name="partners", verbose_name=_("tags"))
    public_notes = models.TextField(_("public notes"), blank=True)
    private_notes = models.TextField(
        _("private notes"),
        blank=True,
        help_text=_("Only for members of this workspace; never in partner-facing documents."),
    )
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # Optimistic concurrency: an edit names the version it started from.
    version = models.PositiveIntegerField(default=1)

    objects = PartnerQuerySet.as_manager()
    history = History(
        m2m_fields=[tags], excluded_fields=["updated_at", "created_at", "created_by"]
    )

    class Meta:
        ordering = [Lower("name"), "id"]
        indexes = [
            models.Index(fields=["workspace", "archived_at"]),
            models.Index(fields=["workspace", "kind"]),
            models.Index(fields=["workspace", "wikidata_qid"]),
            models.Index("workspace", Lower("name"), name="partner_name_order"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=PartnerKind.values), name="partner_kind_valid"
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse(
            "partners:detail", kwargs={"workspace_slug": self.workspace.slug, "pk": self.pk}
        )

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    @property
    def wikidata_url(self) -> str:
        return f"https://www.wikidata.org/wiki/{self.wikidata_qid}" if self.wikidata_qid else ""

    @property
    def side(self):
        return PartnerKind(self.kind).side


_LANGUAGE_CODE = re.compile(r"^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$")


def validate_language_codes(value: str) -> None:
    for code in (part.strip() for part in value.split(",")):
        if code and not _LANGUAGE_CODE.match(code):
            raise ValidationError(
                _("%(code)s is not a language code; use codes such as en, de, pt-br."),
                params={"code": code},
                code="invalid_language",
            )


class Contact(models.Model):
    """A person at a partner. Personal data: visible to workspace members only."""

    PRIVATE_FIELDS = frozenset(
        {"email", "phone", "notes", "consent_note", "introduced_by", "languages"}
    )

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("name"), max_length=200)
    role_title = models.CharField(_("role or title"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    languages = models.CharField(
        _("languages"),
        max_length=100,
        blank=True,
        validators=[validate_language_codes],
        help_text=_("Language codes separated by commas, e.g. en, sv."),
    )
    introduced_by = models.CharField(
        _("introduced by"), max_length=200, blank=True,
        help_text=_("Someone outside the partner who introduced this person."),
    )
    introduced_by_contact = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="introduced",
        verbose_name=_("introduced by a colleague"),
        help_text=_("Another contact at this partner who introduced this person."),
    )
    our_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("relationship owner on our side"),
        help_text=_("The member of our workspace who keeps in touch with this person."),
    )
    notes = models.TextField(_("notes"), blank=True)
    is_contact_point = models.BooleanField(
        _("contact point"),
        default=False,
        help_text=_("The person we approach first at this partner."),
    )
    consent_note = models.TextField(
        _("consent"),
        blank=True,
        help_text=_("What this person agreed to: being contacted, named in documents, …"),
    )
    details_in_documents = models.BooleanField(
        _("documents may show their details"),
        default=False,
        help_text=_(
            "Only then do proposals, agreements and letters show this person's e-mail and "
            "phone; without it they show the name and role alone."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    history = History(excluded_fields=["updated_at", "created_at"])

    class Meta:
        ordering = ["-is_contact_point", Lower("name"), "id"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse(
            "partners:contact_edit",
            kwargs={
                "workspace_slug": self.partner.workspace.slug,
                "pk": self.partner_id,
                "contact_pk": self.pk,
            },
        )

    @property
    def language_list(self) -> list[str]:
        return [code.strip() for code in self.languages.split(",") if code.strip()]
