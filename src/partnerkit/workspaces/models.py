import hashlib
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    # Ordered from most to least powerful; see Role.rank.
    ADMIN = "admin", _("Admin")
    COORDINATOR = "coordinator", _("Coordinator")
    MEMBER = "member", _("Member")
    VIEWER = "viewer", _("Viewer")

    @property
    def rank(self) -> int:
        return {"viewer": 0, "member": 1, "coordinator": 2, "admin": 3}[self.value]

    def at_least(self, other: "Role") -> bool:
        return self.rank >= Role(other).rank


LANGUAGE_CODE_PATTERN = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{2,8})*$")


def parse_language_list(value: str) -> list[str]:
    codes = []
    for part in value.replace(" ", ",").split(","):
        code = part.strip().lower()
        if code and code not in codes:
            codes.append(code)
    return codes


def validate_language_list(value: str) -> None:
    bad = [code for code in parse_language_list(value) if not LANGUAGE_CODE_PATTERN.match(code)]
    if bad:
        raise ValidationError(
            _("%(codes)s: not a language code like “en” or “zh-hant”."),
            params={"codes": ", ".join(bad)},
        )


class Workspace(models.Model):
    """Our organisation: an affiliate, a user group or a Foundation team."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(
        _("short name"),
        max_length=60,
        unique=True,
        validators=[validate_slug],
        help_text=_("Used in addresses: letters, numbers, hyphens and underscores."),
    )
    description = models.TextField(_("description"), blank=True)
    content_languages = models.CharField(
        _("content languages"),
        max_length=200,
        default="en",
        validators=[validate_language_list],
        help_text=_(
            "Language codes, separated by commas, in which Wikidata labels and descriptions "
            "are fetched and Wikipedia coverage is checked first, e.g. “en, sv, se”."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    @property
    def language_codes(self) -> list[str]:
        """The content languages as a list, first the main one; never empty."""
        return parse_language_list(self.content_languages) or ["en"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("partners:list", kwargs={"workspace_slug": self.slug})


class Membership(models.Model):
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["workspace", "user"], name="one_membership_per_user"),
            models.CheckConstraint(
                condition=models.Q(role__in=Role.values), name="membership_role_valid"
            ),
        ]
        ordering = ["workspace__name"]

    def __str__(self):
        return f"{self.user} in {self.workspace} ({self.get_role_display()})"

    @property
    def role_enum(self) -> Role:
        return Role(self.role)

    def can(self, role: Role) -> bool:
        return self.role_enum.at_least(role)


class Invitation(models.Model):
    """An e-mailed link that makes whoever follows it a member with the given role."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("e-mail"))
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                "workspace",
                Lower("email"),
                condition=models.Q(accepted_at__isnull=True, revoked_at__isnull=True),
                name="one_open_invitation_per_email",
            ),
        ]

    def __str__(self):
        return f"{self.email} → {self.workspace}"

    @staticmethod
    def hash(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    @property
    def is_open(self) -> bool:
        return (
            self.accepted_at is None
            and self.revoked_at is None
            and self.expires_at > timezone.now()
        )
