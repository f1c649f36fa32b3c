"""The API's endpoints as its OpenAPI schema lists them, for tests that must cover them all."""

import re

from partnerkit.api.urls import api
from partnerkit.partners.models import Contact, Partner, Tag
from partnerkit.partnerships.models import Partnership, StageChange

from tests.api.samples import (
    documents,
    followups,
    impact,
    meetings,
    negotiation,
    pitch,
    running,
)

PREFIX = "/api/v1"
# Each later app names the sample records its endpoints need in its own module.
APP_SAMPLES = (pitch, meetings, negotiation, followups, documents, impact, running)
READ_METHODS = {"GET"}


def schema_operations() -> list[tuple[str, str]]:
    """(method, path) of every operation, paths relative to /api/v1."""
    paths = api.get_openapi_schema()["paths"]
    return sorted(
        (method.upper(), path.removeprefix(PREFIX))
        for path, operations in paths.items()
        for method in operations
    )


OPERATIONS = schema_operations()
IN_WORKSPACE = [(method, path) for method, path in OPERATIONS if "{slug}" in path]
WITH_OBJECT_ID = [(method, path) for method, path in IN_WORKSPACE if re.search(r"{\w+_id}", path)]
WRITES = [(method, path) for method, path in IN_WORKSPACE if method not in READ_METHODS]
READS = [(method, path) for method, path in IN_WORKSPACE if method in READ_METHODS]


def operation_id(operation) -> str:
    return " ".join(operation)


def address(path: str, **values) -> str:
    names = set(re.findall(r"{(\w+)}", path))
    values = {**research_ids(names, values.get("partner_id")), **values}
    for samples in APP_SAMPLES:
        values = {**samples.ids(names - set(values), values), **values}
    unknown = names - set(values)
    assert not unknown, f"{path}: teach the tests which value to use for {sorted(unknown)}"
    return path.format(**values)


def stored_state():
    """Everything a request could change, to show that it changed nothing."""
    return (
        list(Partner.objects.values_list("id", "version", "archived_at")),
        list(Contact.objects.values_list("id", "version")),
        Tag.objects.count(),
        Partner.history.count(),
        Contact.history.count(),
        list(Partnership.objects.values_list("id", "version", "stage")),
        Partnership.history.count(),
        StageChange.objects.count(),
    )


def research_ids(names: set[str], partner_id: int | None) -> dict:
    """A dossier source of the partner and an enrichment job of its workspace, made when a
    path needs their ids: they belong to the same workspace as the partner the test uses."""
    from partnerkit.research.models import DossierSource, EnrichmentRun

    if partner_id is None or not names & {"source_id", "run_id"}:
        return {}
    partner = Partner.objects.get(pk=partner_id)
    source = DossierSource.objects.create(partner=partner, kind="website", url="https://example.org/")
    run = EnrichmentRun.objects.create(
        workspace=partner.workspace, status="failed", partner_ids=[partner.pk]
    )
    return {"source_id": source.pk, "run_id": run.pk}


def research_write_bodies(partner) -> dict:
    """For each research write endpoint, a body with which a member's request succeeds
    without asking Wikimedia: the museum is already linked to the item sent."""
    base = "/workspaces/{slug}"
    return {
        ("POST", base + "/partners/{partner_id}/wikidata"): {"qid": partner.wikidata_qid or "Q1"},
        ("DELETE", base + "/partners/{partner_id}/wikidata"): None,
        ("POST", base + "/wikidata/refresh"): {"scope": "stale"},
        ("POST", base + "/wikidata/runs/{run_id}/resume"): None,
        ("PATCH", base + "/partners/{partner_id}/dossier"): {"answers": {"size": "Probe"}},
        ("POST", base + "/partners/{partner_id}/sources"): {"kind": "other", "title": "Probe"},
        ("PATCH", base + "/partners/{partner_id}/sources/{source_id}"): {"notes": "Probe"},
        ("DELETE", base + "/partners/{partner_id}/sources/{source_id}"): None,
    }


# Query parameters a read endpoint needs to answer 200 (the others need none).
READ_PARAMS = {
    ("GET", "/workspaces/{slug}/discovery"): {"kind": "museum", "area": "SE"},
}


def discovery_write_bodies() -> dict:
    """For each discovery write endpoint, a body with which a member's request succeeds
    (the query goes to the fake Wikimedia server the permission tests start)."""
    base = "/workspaces/{slug}/discovery"
    return {
        ("POST", base + "/sparql"): {"sparql": "SELECT ?item WHERE { ?item wdt:P31 wd:Q33506 }"},
        ("POST", base + "/add"): {"kind": "museum", "items": [{"qid": "Q9", "name": "Probe"}]},
    }
