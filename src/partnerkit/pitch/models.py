from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from partnerkit.core.history import History
from partnerkit.partners.models import Contact, Partner, validate_language_codes
from partnerkit.partnerships.models import Partnership

# Size limits of what people paste or upload.
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_PARTNER_TEXT_CHARS = 100_000


class Pitch(models.Model):
    """What we tell a partner and why they should care. The summary, benefits and arguments
    later feed the written proposal, so nothing private belongs here: BATNA and estimates stay
    on the partnership."""

    partnership = models.OneToOneField(
        Partnership, on_delete=models.CASCADE, related_name="pitch"
    )
    shared_goals = models.TextField(
        _("shared goals"), blank=True,
        help_text=_("What both sides want to achieve, in the partner's words where you can."),
    )
    benefits_partner = models.TextField(
        _("benefits for the partner"), blank=True,
        help_text=_("What the partner gains, as concretely as possible."),
    )
    benefits_wikimedia = models.TextField(
        _("benefits for Wikimedia"), blank=True,
        help_text=_("What the projects and our community gain."),
    )
    assets_ours = models.TextField(
        _("what we bring"), blank=True, help_text=_("People, skills, reach, tools.")
    )
    assets_theirs = models.TextField(
        _("what they bring"), blank=True, help_text=_("Content, expertise, rooms, money, audience.")
    )
    summary = models.TextField(
        _("one-minute summary"), blank=True,
        help_text=_("The pitch as you would say it: about a minute, at most 70 seconds."),
    )
    competencies = models.TextField(
        _("our competencies"), blank=True,
        help_text=_("Who among us can do the work this partner needs."),
    )
    decision_making = models.TextField(
        _("decisions and disagreements"), blank=True,
        help_text=_("How decisions are made and disagreements settled."),
    )
    roles = models.TextField(_("roles"), blank=True, help_text=_("Who does what on each side."))
    community_involvement = models.TextField(
        _("community involvement"), blank=True,
        help_text=_("How the wider volunteer community is told and takes part."),
    )
    arguments = models.JSONField(
        _("arguments"), default=list, blank=True,
        help_text=_("Codes of the arguments picked from the library."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    history = History(excluded_fields=["updated_at", "created_at"])

    class Meta:
        verbose_name = _("pitch")
        verbose_name_plural = _("pitches")

    def __str__(self):
        return str(_("Pitch for %(title)s") % {"title": self.partnership.title})

    def get_absolute_url(self):
        return pitch_url(self.partnership)


def pitch_url(partnership: Partnership) -> str:
    return reverse(
        "pitch:detail",
        kwargs={"workspace_slug": partnership.workspace.slug, "pk": partnership.pk},
    )


class ActionSide(models.TextChoices):
    JOINT = "joint", _("Joint")
    OURS = "ours", _("Ours")
    THEIRS = "theirs", _("Theirs")


class PitchAction(models.Model):
    """Something one side or both will do, derived from a shared goal, with an owner."""

    pitch = models.ForeignKey(Pitch, on_delete=models.CASCADE, related_name="actions")
    side = models.CharField(_("side"), max_length=10, choices=ActionSide.choices)
    text = models.CharField(_("action"), max_length=500)
    goal = models.CharField(
        _("derived from goal"), max_length=300, blank=True,
        help_text=_("The shared goal this action serves."),
    )
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("owner on our side"),
    )
    owner_contact = models.ForeignKey(
        Contact, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("owner at the partner"),
    )
    position = models.PositiveIntegerField(_("position"), default=0)

    history = History()

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(side__in=ActionSide.values), name="pitch_action_side_valid"
            ),
        ]

    def __str__(self):
        return self.text


class MaterialKind(models.TextChoices):
    LINK = "link", _("Link")
    FILE = "file", _("File")
    FIGURES = "figures", _("Figures")


class PitchMaterial(models.Model):
    """Something that supports the pitch: a link, a file (kept private, downloaded only by
    members of the workspace) or figures copied with their source and date."""

    pitch = models.ForeignKey(Pitch, on_delete=models.CASCADE, related_name="materials")
    kind = models.CharField(_("kind"), max_length=10, choices=MaterialKind.choices)
    title = models.CharField(_("title"), max_length=300)
    url = models.URLField(_("address"), max_length=1000, blank=True)
    file = models.FileField(_("file"), upload_to="pitch/%Y/%m/", blank=True, max_length=300)
    figures = models.TextField(_("figures"), blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    as_of = models.DateTimeField(_("as of"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    history = History(excluded_fields=["created_at"])

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=MaterialKind.values), name="pitch_material_kind_valid"
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def file_name(self) -> str:
        return self.file.name.rsplit("/", 1)[-1] if self.file else ""


class PartnerTextKind(models.TextChoices):
    MISSION = "mission", _("Mission")
    ANNUAL_REPORT = "annual_report", _("Annual report")
    WEB = "web", _("Web page")
    OTHER = "other", _("Other")


class PartnerText(models.Model):
    """A text in the partner's own words, to learn the vocabulary it uses."""

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="texts")
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(
        _("kind"), max_length=20, choices=PartnerTextKind.choices, default=PartnerTextKind.OTHER
    )
    language = models.CharField(
        _("language"), max_length=20, default="en", validators=[validate_language_codes],
        help_text=_("The text's language code, e.g. en, sv, pt-br."),
    )
    text = models.TextField(_("text"))
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    history = History(excluded_fields=["created_at"])

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=PartnerTextKind.values),
                name="partner_text_kind_valid",
            ),
        ]

    def __str__(self):
        return self.title
