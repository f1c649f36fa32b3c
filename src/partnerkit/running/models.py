from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from partnerkit.core.history import History
from partnerkit.partners.models import Contact
from partnerkit.partnerships.models import Partnership
from partnerkit.workspaces.models import Workspace


class RecipeCode(models.TextChoices):
    # Mirrors partnerkit.method.activities.RECIPES; a system check keeps the two in step.
    EDITATHON = "editathon", _("Edit-a-thon")
    PHOTO_DRIVE = "photo_drive", _("Photo or upload drive")
    WRITING_COMPETITION = "writing_competition", _("Writing competition")
    WIKIPEDIA_TALK = "wikipedia_talk", _("“How Wikipedia works” talk")
    DATA_DONATION = "data_donation", _("Data donation")
    TRAINING = "training", _("Training")
    VISITING_SCHOLAR = "visiting_scholar", _("Visiting scholar or Wikimedian in residence")


class ActivityStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


class Side(models.TextChoices):
    # Mirrors partnerkit.method.roles.Side.
    OURS = "ours", _("Our side")
    PARTNER = "partner", _("The partner's side")


class Raci(models.TextChoices):
    # Mirrors partnerkit.method.roles.Raci.
    RESPONSIBLE = "R", _("Responsible")
    ACCOUNTABLE = "A", _("Accountable")
    CONSULTED = "C", _("Consulted")
    INFORMED = "I", _("Informed")


class Activity(models.Model):
    """Something done within a partnership, planned from a recipe: its dates, its checklist,
    who came and what it left on the wikis."""

    # Our own notes stay inside the workspace.
    PRIVATE_FIELDS = frozenset({"notes", "cancel_reason"})
    OUTPUT_FIELDS = ("commons_category", "uploads_count", "wikidata_items", "articles")

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="activities")
    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="activities"
    )
    recipe = models.CharField(_("recipe"), max_length=30, choices=RecipeCode.choices)
    title = models.CharField(_("title"), max_length=200)
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"))
    location = models.CharField(
        _("place or link"), max_length=500, blank=True,
        help_text=_("An address, a room, or the link of the video call or the wiki page."),
    )
    online = models.BooleanField(_("online"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=ActivityStatus.choices,
        default=ActivityStatus.PLANNED,
    )
    cancel_reason = models.CharField(_("why it was cancelled"), max_length=300, blank=True)
    expected_participants = models.PositiveIntegerField(
        _("participants expected"), null=True, blank=True
    )
    actual_participants = models.PositiveIntegerField(_("participants"), null=True, blank=True)
    new_accounts = models.PositiveIntegerField(
        _("new accounts"), null=True, blank=True,
        help_text=_("Participants who created their wiki account for this activity."),
    )
    commons_category = models.CharField(
        _("Commons category"), max_length=255, blank=True,
        help_text=_("The category that holds the files, without “Category:”."),
    )
    uploads_count = models.PositiveIntegerField(_("files uploaded"), null=True, blank=True)
    # Wikidata item ids ("Q42"), each once.
    wikidata_items = models.JSONField(_("Wikidata items"), default=list, blank=True)
    # Articles written or improved: [{"wiki": "en.wikipedia.org", "title": "…"}], each once.
    articles = models.JSONField(_("articles"), default=list, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    history = History(excluded_fields=["updated_at", "created_at", "created_by"])

    class Meta:
        ordering = ["starts_on", "id"]
        verbose_name_plural = "activities"
        indexes = [
            models.Index(fields=["partnership", "starts_on"]),
            models.Index(fields=["workspace", "starts_on"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(recipe__in=RecipeCode.values), name="activity_recipe_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=ActivityStatus.values),
                name="activity_status_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="activity_ends_after_start",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(
            "running:activity",
            kwargs={"workspace_slug": self.workspace.slug, "activity_pk": self.pk},
        )

    @property
    def length_days(self) -> int:
        return (self.ends_on - self.starts_on).days + 1


class ChecklistItem(models.Model):
    """One thing to do for an activity, due some days before or after it starts."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="checklist")
    title = models.CharField(_("item"), max_length=300)
    due_on = models.DateField(_("due"))
    # The area of work (see partnerkit.method.roles.AREAS) the recipe gave it; a role hint.
    area = models.CharField(_("area"), max_length=100, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("owner"),
    )
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("done by"),
    )
    position = models.PositiveSmallIntegerField(default=0)

    history = History()

    class Meta:
        ordering = ["activity", "due_on", "position", "id"]
        indexes = [models.Index(fields=["activity", "done_at", "due_on"])]

    def __str__(self):
        return self.title

    @property
    def done(self) -> bool:
        return self.done_at is not None


class Role(models.Model):
    """Who does what in a partnership, the RACI way: a member of the workspace on our side,
    one of the partner's contacts on theirs, each with an optional deputy from the same side.

    The partner's people are personal data: shown to workspace members only, never in
    partner-facing output unless the contact agreed (``Contact.details_in_documents``)."""

    PRIVATE_FIELDS = frozenset()

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="roles")
    side = models.CharField(_("side"), max_length=7, choices=Side.choices)
    area = models.CharField(
        _("area"), max_length=100,
        help_text=_("What the role is about, e.g. uploads, communication, the venue."),
    )
    raci = models.CharField(_("RACI"), max_length=1, choices=Raci.choices)
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True,
        related_name="+", verbose_name=_("member"),
    )
    contact = models.ForeignKey(
        Contact, on_delete=models.CASCADE, null=True, blank=True, related_name="roles",
        verbose_name=_("contact"),
    )
    deputy_member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("deputy"),
    )
    deputy_contact = models.ForeignKey(
        Contact, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("deputy at the partner"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    history = History(excluded_fields=["created_at"])

    class Meta:
        ordering = ["partnership", "side", "area", "raci", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(side__in=Side.values), name="role_side_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(raci__in=Raci.values), name="role_raci_valid"
            ),
            # Our side: a member (and a member as deputy); theirs: a contact.
            models.CheckConstraint(
                condition=(
                    models.Q(side=Side.OURS, member__isnull=False, contact__isnull=True,
                             deputy_contact__isnull=True)
                    | models.Q(side=Side.PARTNER, contact__isnull=False, member__isnull=True,
                               deputy_member__isnull=True)
                ),
                name="role_person_on_its_side",
            ),
            models.CheckConstraint(
                condition=~models.Q(deputy_member=models.F("member"))
                & ~models.Q(deputy_contact=models.F("contact")),
                name="role_deputy_is_someone_else",
            ),
            models.UniqueConstraint(
                fields=["partnership", "area", "raci", "member"],
                condition=models.Q(member__isnull=False), name="role_member_once",
            ),
            models.UniqueConstraint(
                fields=["partnership", "area", "raci", "contact"],
                condition=models.Q(contact__isnull=False), name="role_contact_once",
            ),
        ]

    def __str__(self):
        return f"{self.get_raci_display()}: {self.area} ({self.person_name})"

    @property
    def person_name(self) -> str:
        if self.member_id:
            return self.member.get_full_name() or self.member.username
        return self.contact.name if self.contact_id else ""

    @property
    def deputy_name(self) -> str:
        if self.deputy_member_id:
            return self.deputy_member.get_full_name() or self.deputy_member.username
        return self.deputy_contact.name if self.deputy_contact_id else ""

    @property
    def person_key(self) -> str:
        return f"member:{self.member_id}" if self.member_id else f"contact:{self.contact_id}"

    @property
    def deputy_key(self) -> str | None:
        if self.deputy_member_id:
            return f"member:{self.deputy_member_id}"
        if self.deputy_contact_id:
            return f"contact:{self.deputy_contact_id}"
        return None
