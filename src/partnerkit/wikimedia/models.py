"""The rate limiter's state, shared by every process of an installation through the database."""

from django.db import models


class LimiterLock(models.Model):
    """One row (pk 1) that every grant locks first, so grants are decided one at a time.

    It also holds the shared pause: after an HTTP 429 with Retry-After, no process sends a
    Wikimedia request before ``not_before``.
    """

    SINGLETON = 1

    not_before = models.FloatField(default=0.0, help_text="Epoch seconds; no request before this.")

    class Meta:
        verbose_name = "Wikimedia rate limiter lock"

    def __str__(self):
        return f"Wikimedia rate limiter (no request before {self.not_before:.0f})"


class RequestSlot(models.Model):
    """One request to a Wikimedia API: granted at ``started_at``, done at ``finished_at``.

    Rows older than the limiter's window are deleted as new requests are granted.
    """

    host = models.CharField(max_length=20)
    started_at = models.FloatField(db_index=True, help_text="Epoch seconds.")
    finished_at = models.FloatField(null=True, blank=True, help_text="Epoch seconds.")

    class Meta:
        verbose_name = "Wikimedia request slot"

    def __str__(self):
        state = "in flight" if self.finished_at is None else "done"
        return f"{self.host} request at {self.started_at:.3f} ({state})"
