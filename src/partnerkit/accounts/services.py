"""Writes to accounts and API tokens."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from partnerkit.accounts.models import ApiToken


def user_create(
    *, username: str, email: str, password: str | None = None, superuser: bool = False
):
    """A new account. Without a password the person sets one through "forgot password".

    ``superuser`` is Django's own flag for the admin site, not a Partnerkit role.
    """
    User = get_user_model()
    user = User(
        username=username.strip(), email=email.strip(), is_staff=superuser, is_superuser=superuser
    )
    errors = {}
    try:
        user.full_clean(exclude=["password"])
    except ValidationError as error:
        errors.update(error.message_dict)
    if not user.email:
        errors.setdefault("email", []).append(_("An e-mail address is needed to reset passwords."))
    elif User.objects.filter(email__iexact=user.email).exists():
        errors.setdefault("email", []).append(_("An account with this e-mail already exists."))
    if password is not None:
        try:
            validate_password(password, user)
        except ValidationError as error:
            errors["password"] = error.messages
    if errors:
        raise ValidationError(errors)
    if password is None:
        user.set_unusable_password()
    else:
        user.set_password(password)
    with transaction.atomic():
        user.save()
    return user


def token_create(*, user, name: str = "") -> tuple[ApiToken, str]:
    """A new API token; the secret is returned once and only its hash is kept."""
    secret = ApiToken.new_secret()
    token = ApiToken.objects.create(
        user=user, name=name.strip()[:100], key_hash=ApiToken.hash(secret), hint=secret[:10]
    )
    return token, secret


def token_revoke(*, token: ApiToken) -> None:
    ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())


def token_authenticate(secret: str):
    """The user a bearer token belongs to, or None. Marks the token as used."""
    if not secret.startswith(ApiToken.PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=ApiToken.hash(secret), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    # Touch at most once a minute: a busy script should not write on every request.
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
