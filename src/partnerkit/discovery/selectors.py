"""Reads for discovery: cached answers, and which results are already partners.

Marking costs one query for the whole workspace whatever the number of results: the names and
Wikidata ids of its partners are loaded once and matched in memory (rapidfuzz).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from django.shortcuts import get_object_or_404
from django.urls import reverse
from rapidfuzz import fuzz, process

from partnerkit.discovery.models import DiscoveryQuery
from partnerkit.partners.models import Partner
from partnerkit.workspaces.models import Workspace

# token_sort_ratio on normalised names: "Nordiska museet" and "Museet, Nordiska" score 100,
# "Nordiska museet" and "Nordiska museets arkiv" about 81.
NAME_MATCH_SCORE = 90


def normalise_name(name: str) -> str:
    """Lower case, without accents and punctuation, one space between words."""
    text = unicodedata.normalize("NFKD", name or "").casefold()
    text = "".join(char for char in text if not unicodedata.combining(char))
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


@dataclass(frozen=True)
class Match:
    partner_id: int
    name: str
    url: str
    score: int  # 100 for the same Wikidata item
    same_item: bool


@dataclass(frozen=True)
class MarkedRow:
    row: dict
    match: Match | None

    @property
    def qid(self) -> str:
        return self.row["qid"]

    @property
    def is_registered(self) -> bool:
        """The same Wikidata item is already a partner: adding it again is refused."""
        return self.match is not None and self.match.same_item


class RegistryIndex:
    """The workspace's partners (archived ones too), by Wikidata id and by normalised name."""

    def __init__(self, workspace: Workspace, partners: list[tuple[int, str, str]]):
        self.workspace = workspace
        self.by_qid: dict[str, tuple[int, str]] = {}
        self.names: list[str] = []
        self.partners: list[tuple[int, str]] = []
        for pk, name, qid in partners:
            if qid:
                self.by_qid.setdefault(qid, (pk, name))
            self.names.append(normalise_name(name))
            self.partners.append((pk, name))

    def _url(self, pk: int) -> str:
        return reverse("partners:detail", kwargs={"workspace_slug": self.workspace.slug, "pk": pk})

    def match(self, *, qid: str, label: str) -> Match | None:
        if qid in self.by_qid:
            pk, name = self.by_qid[qid]
            return Match(pk, name, self._url(pk), 100, True)
        wanted = normalise_name(label)
        if not wanted or not self.names:
            return None
        found = process.extractOne(
            wanted, self.names, scorer=fuzz.token_sort_ratio, score_cutoff=NAME_MATCH_SCORE
        )
        if found is None:
            return None
        _name, score, position = found
        pk, name = self.partners[position]
        return Match(pk, name, self._url(pk), round(score), False)


def registry_index(*, workspace: Workspace) -> RegistryIndex:
    partners = Partner.objects.filter(workspace=workspace).values_list("pk", "name", "wikidata_qid")
    return RegistryIndex(workspace, list(partners))


def mark_existing(*, workspace: Workspace, rows: list[dict]) -> list[MarkedRow]:
    index = registry_index(workspace=workspace)
    return [MarkedRow(row, index.match(qid=row["qid"], label=row.get("label", ""))) for row in rows]


def discovery_get(*, workspace: Workspace, pk) -> DiscoveryQuery:
    """A cached discovery of this workspace; 404 for another workspace's."""
    return get_object_or_404(DiscoveryQuery, workspace=workspace, pk=pk)


def recent_discoveries(*, workspace: Workspace, limit: int = 10):
    return (
        DiscoveryQuery.objects.filter(workspace=workspace)
        .select_related("fetched_by")
        .defer("rows")[:limit]
    )
