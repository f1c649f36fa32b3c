"""The e-mail digest that `partnerkit remind` sends, at most once per person and period.

Run it from cron as often as you like (every hour is good): a daily digest goes out on the
first run of each day, a weekly one on the first run on or after the chosen weekday of each
ISO week. Before sending, a run claims the person's period by inserting a ReminderClaim; the
database's unique constraint lets only one insert succeed, so two runs — one after the other
or at the same moment in two processes — never send the same digest twice. A send that fails
gives its claim back, so the next run tries again; a claim left behind by a run that died
while sending is taken over after CLAIM_TIMEOUT.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from partnerkit.followups import selectors
from partnerkit.followups.models import (
    DigestPreference,
    Frequency,
    ReminderClaim,
    ReminderClaimStatus,
)

CLAIM_TIMEOUT = timedelta(hours=1)
DAYS_AHEAD = {Frequency.DAILY: 1, Frequency.WEEKLY: 7}


@dataclass
class Outcome:
    sent: list[str] = field(default_factory=list)  # usernames
    already_sent: int = 0
    nothing_to_send: int = 0
    not_due: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (username, reason)

    def as_json(self) -> dict:
        return {
            "sent": self.sent,
            "already_sent": self.already_sent,
            "nothing_to_send": self.nothing_to_send,
            "not_due": self.not_due,
            "failed": [{"user": user, "reason": reason} for user, reason in self.failed],
        }


def period_of(preference: DigestPreference, today: date) -> str | None:
    """The period a digest due today belongs to, or None when none is due today."""
    if preference.frequency == Frequency.DAILY:
        return f"D{today.isoformat()}"
    if preference.frequency == Frequency.WEEKLY and today.weekday() >= preference.weekday:
        year, week, _ = today.isocalendar()
        return f"W{year}-{week:02d}"
    return None


def remind(*, now: datetime | None = None, base_url: str = "", dry_run: bool = False) -> Outcome:
    """Send every digest that is due and not yet sent. ``dry_run`` sends and claims
    nothing, and reports who would get one."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    outcome = Outcome()
    users = (
        get_user_model()
        .objects.filter(is_active=True, memberships__isnull=False)
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )
    preferences = {p.user_id: p for p in DigestPreference.objects.all()}
    for user in users:
        preference = preferences.get(user.pk) or DigestPreference(user=user)
        period = period_of(preference, today)
        if period is None:
            outcome.not_due += 1
            continue
        if ReminderClaim.objects.filter(
            user=user, period=period, status=ReminderClaimStatus.SENT
        ).exists():
            outcome.already_sent += 1
            continue
        sections = selectors.digest_for(
            user, today=today, days_ahead=DAYS_AHEAD[Frequency(preference.frequency)]
        )
        if not sections:
            outcome.nothing_to_send += 1
            continue
        if dry_run:
            outcome.sent.append(user.username)
            continue
        claim = _claim(user, period, now)
        if claim is None:
            outcome.already_sent += 1
            continue
        try:
            _message(
                user, sections, today=today, base_url=base_url, frequency=preference.frequency
            ).send()
        except Exception as error:  # noqa: BLE001 — any failure gives the claim back
            claim.delete()
            outcome.failed.append((user.username, str(error) or type(error).__name__))
            continue
        claim.status, claim.sent_at = ReminderClaimStatus.SENT, timezone.now()
        claim.task_ids = [
            task.pk for section in sections for task in section.overdue + section.upcoming
        ]
        claim.save(update_fields=["status", "sent_at", "task_ids"])
        outcome.sent.append(user.username)
    return outcome


def _claim(user, period: str, now: datetime) -> ReminderClaim | None:
    """This run's claim on the period, or None when another run has it."""
    try:
        with transaction.atomic():
            return ReminderClaim.objects.create(user=user, period=period, claimed_at=now)
    except IntegrityError:
        pass
    # Another run holds it; take it over only if that run died while sending long ago.
    taken = ReminderClaim.objects.filter(
        user=user,
        period=period,
        status=ReminderClaimStatus.SENDING,
        claimed_at__lt=now - CLAIM_TIMEOUT,
    ).update(claimed_at=now)
    if taken:
        return ReminderClaim.objects.get(user=user, period=period)
    return None


def _message(user, sections, *, today: date, base_url: str, frequency: str):
    context = {
        "user": user,
        "sections": sections,
        "today": today,
        "base_url": base_url.rstrip("/"),
        "weekly": frequency == Frequency.WEEKLY,
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("followups/email/digest_subject.txt", context).strip()
        text = render_to_string("followups/email/digest.txt", context)
        html = render_to_string("followups/email/digest.html", context)
    message = EmailMultiAlternatives(subject, text, None, [user.email])
    message.attach_alternative(html, "text/html")
    return message
