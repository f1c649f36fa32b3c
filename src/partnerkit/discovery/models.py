from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from partnerkit.workspaces.models import Workspace


class DiscoveryQuery(models.Model):
    """One query's answer from the Wikidata Query Service, kept for reuse: the same query in
    the same workspace within ``CACHE_DAYS`` is answered from here, not asked again.

    ``rows`` hold the results as plain dicts (``qid``, ``label``, ``description``,
    ``sitelinks``, ``website``, ``commons``, ``country``, ``place``); marking which are already
    partners is done when they are shown, so it is never stale."""

    CACHE_DAYS = 7

    workspace = models.ForeignKey(
        Workspace, on_delete=models.CASCADE, related_name="discovery_queries"
    )
    # Empty for a hand-written query.
    kind = models.CharField(_("kind"), max_length=30, blank=True)
    area = models.CharField(_("area"), max_length=20, blank=True)
    # The area's name when it was fetched (the country's, or the item's label).
    area_label = models.CharField(_("area name"), max_length=200, blank=True)
    limit = models.PositiveIntegerField(_("limit"), null=True, blank=True)
    handwritten = models.BooleanField(_("hand-written"), default=False)
    sparql = models.TextField(_("SPARQL query"))
    # sha256 of the query text: the cache key within the workspace.
    query_hash = models.CharField(max_length=64)
    rows = models.JSONField(default=list)
    row_count = models.PositiveIntegerField(default=0)
    truncated = models.BooleanField(
        default=False, help_text=_("The service answered more rows than are kept.")
    )
    fetched_at = models.DateTimeField(_("fetched"))
    fetched_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-fetched_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["workspace", "query_hash"], name="discovery_query_unique_in_workspace"
            )
        ]

    def __str__(self):
        if self.handwritten:
            return str(_("Hand-written query"))
        return f"{self.kind} in {self.area_name}"

    @property
    def area_name(self) -> str:
        """ "Stockholm (Q1754)", "Sweden (SE)", or the bare id when no name is known."""
        if self.area_label and self.area_label != self.area:
            return f"{self.area_label} ({self.area})"
        return self.area
