"""Writes of partner research: linking partners to Wikidata items, fetching their facts in
resumable jobs, and the study dossier. Web, API and CLI all call these.

Wikimedia is asked only through ``partnerkit.wikimedia``; its errors (``WikimediaError``)
reach the caller unchanged when a person is waiting (linking), and are recorded on the job
when the work runs in the background.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from partnerkit.core.records import apply_and_save, clean_values, lock_for_edit
from partnerkit.method.wikidata_ids import normalise_qid
from partnerkit.partners.models import Partner
from partnerkit.partners.services import PARTNER_FIELDS, PARTNER_NOT_VALIDATED
from partnerkit.research.models import (
    ITEM_FACTS,
    DossierSource,
    EnrichmentRun,
    FactsStatus,
    PartnerFacts,
    Question,
    RunScope,
    RunStatus,
    ScheduledRefresh,
    SourceKind,
    StudyAnswer,
)
from partnerkit.wikimedia import commons, http, wikidata
from partnerkit.wikimedia.errors import WikimediaError
from partnerkit.wikimedia.wikidata import SOCIAL_PROPERTIES
from partnerkit.workspaces.models import Workspace

# Which Wikidata property each fact comes from, to show its source.
PROPERTIES = {
    "instance_of": "P31",
    "country": "P17",
    "place": "P131",
    "coordinates": "P625",
    "website": "P856",
    "inception": "P571",
    "employees": "P1128",
    "parent": "P749",
    "director": "P1037",
    "chairperson": "P488",
    "commons_category": "P373",
    "image": "P18",
}
# Who leads the organisation, as the dossier's answer names them once their labels are known.
LEADERS = (("director", _lazy("Director or manager")), ("chairperson", _lazy("Chairperson")))
# Counting a Commons category costs one request per partner, so a job only counts them when
# it is about a few partners (a partner's own refresh); large jobs leave the size unknown.
COMMONS_SIZE_MAX_PARTNERS = 20


# Linking ----------------------------------------------------------------------------------


@dataclass
class LinkResult:
    partner: Partner
    qid: str
    redirected_from: str = ""
    run: EnrichmentRun | None = None
    unchanged: bool = False


def partner_link(*, partner: Partner, qid: str, by, client=None) -> LinkResult:
    """Link the partner to a Wikidata item after checking the item exists.

    ``qid`` may be an id or a pasted address. A merged item is linked under the id it was
    merged into. Refused, with the reason under ``qid``: a malformed id, a missing item, an
    item another partner of the workspace is linked to. Wikimedia errors propagate and
    nothing is changed.
    """
    wanted = normalise_qid(qid or "")
    if wanted is None:
        raise ValidationError(
            {
                "qid": _(
                    "“%(value)s” is not a Wikidata item; use an id such as Q190804 or the "
                    "item's Wikidata address."
                )
                % {"value": (qid or "").strip()[:60]}
            }
        )
    if wanted == partner.wikidata_qid:
        return LinkResult(partner=partner, qid=wanted, unchanged=True)
    _refuse_duplicate(partner, wanted)
    items = wikidata.get_items([wanted], languages=partner.workspace.language_codes, client=client)
    item = items[wanted]
    if item.missing:
        raise ValidationError(
            {
                "qid": _(
                    "Wikidata has no item %(qid)s: it was deleted or never existed. "
                    "Nothing was changed."
                )
                % {"qid": wanted}
            }
        )
    target = item.qid
    redirected_from = wanted if item.redirected else ""
    if redirected_from:
        _refuse_duplicate(partner, target)
        reason = _("Linked to Wikidata item %(qid)s (%(old)s was merged into it)") % {
            "qid": target,
            "old": wanted,
        }
    else:
        reason = _("Linked to Wikidata item %(qid)s") % {"qid": target}
    with transaction.atomic():
        partner = _set_qid(partner, target, by=by, reason=reason)
        if PartnerFacts.objects.filter(partner=partner).exclude(qid=target).exists():
            _forget_wikidata(partner)
    run = enrichment_start(workspace=partner.workspace, by=by, partners=[partner])
    return LinkResult(partner=partner, qid=target, redirected_from=redirected_from, run=run)


def partner_unlink(*, partner: Partner, by) -> Partner:
    """Remove the link to Wikidata and the facts fetched for it; the history keeps the id."""
    if not partner.wikidata_qid:
        return partner
    with transaction.atomic():
        partner = _set_qid(
            partner,
            "",
            by=by,
            reason=_("Unlinked from Wikidata item %(qid)s") % {"qid": partner.wikidata_qid},
        )
        _forget_wikidata(partner)
    return partner


def _forget_wikidata(partner: Partner) -> None:
    """Drop what the old item gave: its facts, and the suggestions nobody has made their own."""
    PartnerFacts.objects.filter(partner=partner).delete()
    StudyAnswer.objects.filter(partner=partner, prefilled_at__isnull=False).delete()
    DossierSource.objects.filter(partner=partner, from_wikidata=True).delete()


def _refuse_duplicate(partner: Partner, qid: str) -> None:
    other = (
        Partner.objects.filter(workspace_id=partner.workspace_id, wikidata_qid=qid)
        .exclude(pk=partner.pk)
        .first()
    )
    if other is not None:
        raise ValidationError(
            {
                "qid": _(
                    "%(name)s (#%(pk)d) is already linked to %(qid)s; a Wikidata item "
                    "describes one partner."
                )
                % {"name": other.name, "pk": other.pk, "qid": qid}
            }
        )


def _set_qid(partner: Partner, qid: str, *, by, reason: str) -> Partner:
    locked = lock_for_edit(partner, expected_version=None, fields=PARTNER_FIELDS)
    values = clean_values(Partner, PARTNER_FIELDS, {"wikidata_qid": qid})
    return apply_and_save(
        locked, values, by=by, reason=reason, exclude_from_validation=PARTNER_NOT_VALIDATED
    )


# Enrichment jobs ----------------------------------------------------------------------------


def linked_partners(workspace: Workspace):
    return Partner.objects.active().filter(workspace=workspace).exclude(wikidata_qid="")


def stale_partners(workspace: Workspace, *, now: datetime.datetime | None = None):
    """Linked partners whose facts were never fetched or are older than the refresh period."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.WIKIDATA_REFRESH_DAYS)
    return linked_partners(workspace).filter(
        Q(facts__isnull=True) | Q(facts__retrieved_at__lt=cutoff) | ~Q(facts__qid=F("wikidata_qid"))
    )


def enrichment_start(
    *,
    workspace: Workspace,
    by,
    partners: Iterable[Partner] | None = None,
    scope: str = RunScope.PARTNERS,
    now: datetime.datetime | None = None,
    enqueue: bool = True,
) -> EnrichmentRun:
    """Make a job for the partners given, or for the scope's partners, and queue it.

    Only partners of the workspace that are linked to an item take part; naming one that is
    not linked is refused under ``partner_ids``.
    """
    if partners is not None:
        partners = list(partners)
        foreign = [p for p in partners if p.workspace_id != workspace.pk]
        if foreign:
            raise ValidationError(
                {
                    "partner_ids": _("Partner #%(pk)d is not in this workspace.")
                    % {"pk": foreign[0].pk}
                }
            )
        unlinked = [p for p in partners if not p.wikidata_qid]
        if unlinked:
            raise ValidationError(
                {
                    "partner_ids": _(
                        "%(name)s is not linked to a Wikidata item yet; link it first."
                    )
                    % {"name": unlinked[0].name}
                }
            )
        ids = sorted({p.pk for p in partners})
        scope = RunScope.PARTNERS
    elif scope in (RunScope.STALE, RunScope.SCHEDULED):
        ids = list(stale_partners(workspace, now=now).order_by("pk").values_list("pk", flat=True))
    elif scope == RunScope.ALL:
        ids = list(linked_partners(workspace).order_by("pk").values_list("pk", flat=True))
    else:
        raise ValueError(f"unknown scope {scope!r}")
    run = EnrichmentRun.objects.create(
        workspace=workspace, requested_by=by, scope=scope, partner_ids=ids
    )
    if enqueue:
        _enqueue(run)
    return run


def _enqueue(run: EnrichmentRun) -> None:
    from partnerkit.research.tasks import enrich

    enrich.enqueue(run_id=run.pk)


def enrichment_resumable(run: EnrichmentRun, *, now: datetime.datetime | None = None) -> bool:
    """Failed and interrupted jobs can go on, and so can a running one that stopped saving
    progress (its worker was killed)."""
    if run.status in (RunStatus.FAILED, RunStatus.INTERRUPTED):
        return True
    if run.status == RunStatus.RUNNING:
        now = now or timezone.now()
        return run.updated_at < now - datetime.timedelta(minutes=run.STALLED_AFTER_MINUTES)
    return False


def enrichment_resume(*, run: EnrichmentRun, by=None, enqueue: bool = True) -> EnrichmentRun:
    """Queue a job again; it fetches only the partners it has not done yet."""
    with transaction.atomic():
        locked = EnrichmentRun.objects.select_for_update().get(pk=run.pk)
        if not enrichment_resumable(locked):
            raise ValidationError(
                {
                    "run": _(
                        "Job #%(pk)d is %(status)s; only a failed or interrupted job can be "
                        "resumed."
                    )
                    % {"pk": locked.pk, "status": locked.get_status_display().lower()}
                }
            )
        locked.status = RunStatus.QUEUED
        locked.error = ""
        locked.save(update_fields=["status", "error", "updated_at"])
    if enqueue:
        _enqueue(locked)
    return locked


def enrichment_process(
    *,
    run: EnrichmentRun,
    client=None,
    progress: Callable[[EnrichmentRun], None] | None = None,
    now: Callable[[], datetime.datetime] = timezone.now,
) -> EnrichmentRun:
    """Fetch the facts of the job's remaining partners in batches of 50, saving after each.

    A Wikimedia error stops the job as failed with the error's sentence; facts saved by
    earlier batches stay, and the rest of the partners keep what they had. Any other
    exception marks the job interrupted and is raised again for the worker's log.
    """
    run = EnrichmentRun.objects.select_related("workspace").get(pk=run.pk)
    if run.status == RunStatus.DONE:
        return run
    languages = run.workspace.language_codes
    remaining = run.remaining_ids
    partners = {
        p.pk: p
        for p in Partner.objects.filter(workspace=run.workspace, pk__in=remaining)
        .exclude(wikidata_qid="")
        .select_related("workspace")
    }
    # Partners unlinked or deleted since the job was made have nothing to fetch.
    gone = [pk for pk in remaining if pk not in partners]
    by_qid: dict[str, list[Partner]] = {}
    for pk in remaining:
        if pk in partners:
            by_qid.setdefault(partners[pk].wikidata_qid, []).append(partners[pk])
    if client is None:
        client = http.default_client()
    sent_before = client.requests_sent
    base_requests = run.requests
    run.status = RunStatus.RUNNING
    run.attempts += 1
    run.error = ""
    run.started_at = run.started_at or now()
    if gone:
        run.done_ids = run.done_ids + gone
    run.save()
    if progress:
        progress(run)

    def on_batch(items: dict) -> None:
        retrieved = now()
        done = []
        with transaction.atomic():
            for requested, item in items.items():
                for partner in by_qid.get(requested, []):
                    outcome = _store_item(
                        partner, item, retrieved_at=retrieved, by=run.requested_by
                    )
                    if outcome == FactsStatus.REDIRECTED:
                        run.redirected_count += 1
                    elif outcome == FactsStatus.DELETED:
                        run.deleted_count += 1
                    else:
                        run.ok_count += 1
                    done.append(partner.pk)
            run.done_ids = run.done_ids + done
            run.requests = base_requests + client.requests_sent - sent_before
            run.save()
        if progress:
            progress(run)

    try:
        if by_qid:
            wikidata.get_items(list(by_qid), languages=languages, client=client, on_batch=on_batch)
        _finish_labels(run, languages=languages, client=client)
        if run.total <= COMMONS_SIZE_MAX_PARTNERS:
            _count_commons(run, client=client, now=now)
    except WikimediaError as error:
        run.status = RunStatus.FAILED
        run.error = str(error)
    except BaseException as error:
        run.status = RunStatus.INTERRUPTED
        run.error = _("The job stopped unexpectedly (%(error)s); resume it to go on.") % {
            "error": type(error).__name__
        }
        _close(run, base_requests + client.requests_sent - sent_before, now)
        raise
    else:
        run.status = RunStatus.DONE
    _close(run, base_requests + client.requests_sent - sent_before, now)
    if progress:
        progress(run)
    return run


def _close(run, requests: int, now) -> None:
    run.requests = requests
    run.finished_at = now()
    run.save()


def _store_item(partner: Partner, item, *, retrieved_at, by) -> str:
    """Save what the item says about the partner; the status saved."""
    if item.missing:
        # Keep the facts we had: the partner may still be what they described.
        facts, _created = PartnerFacts.objects.get_or_create(
            partner=partner,
            defaults={"qid": item.requested, "retrieved_at": retrieved_at},
        )
        facts.status = FactsStatus.DELETED
        facts.qid = item.requested
        facts.retrieved_at = retrieved_at
        facts.save()
        return FactsStatus.DELETED
    status = FactsStatus.OK
    redirected_from = ""
    if item.redirected:
        status = FactsStatus.REDIRECTED
        redirected_from = item.requested
        taken = (
            Partner.objects.filter(workspace_id=partner.workspace_id, wikidata_qid=item.qid)
            .exclude(pk=partner.pk)
            .exists()
        )
        if not taken:
            partner = _set_qid(
                partner,
                item.qid,
                by=by,
                reason=_("Wikidata merged item %(old)s into %(new)s; the link follows it.")
                % {"old": item.requested, "new": item.qid},
            )
    PartnerFacts.objects.update_or_create(
        partner=partner,
        defaults={
            "qid": item.qid,
            "status": status,
            "redirected_from": redirected_from,
            "labels": dict(item.labels),
            "descriptions": dict(item.descriptions),
            "facts": _facts_of(item),
            "sitelinks": dict(item.sitelinks),
            "wikipedias": dict(item.wikipedias),
            "retrieved_at": retrieved_at,
        },
    )
    facts = PartnerFacts.objects.get(partner=partner)
    dossier_prefill(partner=partner, facts=facts)
    return status


def _facts_of(item) -> dict:
    def fact(name, value):
        return {"value": value, "property": PROPERTIES[name]}

    def ref(qid):
        return {"qid": qid, "label": ""}

    facts = {}
    if item.instance_of:
        facts["instance_of"] = fact("instance_of", [ref(q) for q in item.instance_of])
    for name in ("country", "place", "parent", "director", "chairperson"):
        value = getattr(item, name)
        if value:
            facts[name] = fact(name, ref(value))
    if item.coordinates:
        facts["coordinates"] = fact("coordinates", list(item.coordinates))
    for name in ("website", "inception", "employees", "commons_category", "image"):
        value = getattr(item, name)
        if value not in (None, ""):
            facts[name] = fact(name, value)
    if item.social:
        facts["social"] = {
            "value": {
                network: {"account": account, "property": SOCIAL_PROPERTIES.get(network, "")}
                for network, account in item.social.items()
            },
            "property": "",
        }
    return facts


def _referenced(facts: dict) -> Iterable[dict]:
    for name in ITEM_FACTS:
        value = (facts.get(name) or {}).get("value")
        if isinstance(value, list):
            yield from value
        elif value:
            yield value


def _finish_labels(run: EnrichmentRun, *, languages, client) -> None:
    """Name the items the job's facts point to (countries, places, kinds, parents), all in
    one batched lookup after the items themselves, so a job of 2,000 partners that mostly
    share countries and kinds costs one or two extra requests."""
    rows = list(PartnerFacts.objects.filter(partner_id__in=run.done_ids).exclude(facts={}))
    wanted = {ref["qid"] for row in rows for ref in _referenced(row.facts) if not ref["label"]}
    if not wanted:
        return
    labels = wikidata.get_labels(sorted(wanted), languages=languages, client=client)
    changed = []
    for row in rows:
        touched = False
        for ref in _referenced(row.facts):
            if not ref["label"] and labels.get(ref["qid"]):
                ref["label"] = labels[ref["qid"]]
                touched = True
        if touched:
            changed.append(row)
    PartnerFacts.objects.bulk_update(changed, ["facts"], batch_size=200)
    # Leaders are named only now that their labels are known.
    for row in changed:
        if any(row.facts.get(name) for name, _role in LEADERS):
            dossier_prefill(partner=row.partner, facts=row)


def _count_commons(run: EnrichmentRun, *, client, now) -> None:
    rows = PartnerFacts.objects.filter(partner_id__in=run.done_ids).exclude(
        status=FactsStatus.DELETED
    )
    for row in rows:
        category = row.commons_category
        if not category:
            continue
        info = commons.category_size(category, client=client)
        if info is None:
            row.commons_size = {"exists": False}
        else:
            row.commons_size = {
                "files": info.files,
                "subcategories": info.subcategories,
                "pages": info.pages,
                "exists": True,
            }
        row.commons_size_at = now()
        row.save(update_fields=["commons_size", "commons_size_at"])


def enqueue_stale_refresh(
    now: datetime.datetime | None = None, *, enqueue: bool = True
) -> list[EnrichmentRun]:
    """Queue the refresh of stale facts in every workspace, at most once per day for the
    whole installation (the day's row is unique, so concurrent workers agree). The runs
    queued, or an empty list when today's refresh was already queued."""
    now = now or timezone.now()
    day = timezone.localdate(now)
    try:
        with transaction.atomic():
            marker = ScheduledRefresh.objects.create(day=day)
    except IntegrityError:
        return []
    runs = []
    for workspace in (
        Workspace.objects.filter(partners__isnull=False)
        .exclude(partners__wikidata_qid="")
        .distinct()
    ):
        if not stale_partners(workspace, now=now).exists():
            continue
        runs.append(
            enrichment_start(
                workspace=workspace, by=None, scope=RunScope.SCHEDULED, now=now, enqueue=enqueue
            )
        )
    marker.runs = len(runs)
    marker.save(update_fields=["runs"])
    return runs


# The study dossier ------------------------------------------------------------------------

SOURCE_FIELDS = ("kind", "title", "url", "date", "notes")


def source_create(*, partner: Partner, by, **values) -> DossierSource:
    values = clean_values(DossierSource, SOURCE_FIELDS, values)
    source = DossierSource(partner=partner, updated_by=by)
    return _save_source(source, values)


def source_update(*, source: DossierSource, by, **values) -> DossierSource:
    values = clean_values(DossierSource, SOURCE_FIELDS, values)
    source.updated_by = by
    source.from_wikidata = False
    return _save_source(source, values)


def source_delete(*, source: DossierSource, by) -> None:
    source.delete()


def _save_source(source: DossierSource, values: dict) -> DossierSource:
    for name, value in values.items():
        setattr(source, name, value if value is not None or name == "date" else "")
    source.full_clean(exclude=["partner", "updated_by"], validate_constraints=False)
    source.save()
    return source


def answers_update(*, partner: Partner, by, answers: dict[str, str]) -> list[StudyAnswer]:
    """Save people's answers; an answer they touch is theirs and no longer marked as
    pre-filled. Unknown questions are refused under their own name."""
    unknown = [name for name in answers if name not in Question.values]
    if unknown:
        raise ValidationError(
            {
                name: [_("There is no study question “%(name)s”.") % {"name": name}]
                for name in unknown
            }
        )
    existing = {a.question: a for a in StudyAnswer.objects.filter(partner=partner)}
    saved = []
    with transaction.atomic():
        for question, text in answers.items():
            text = (text or "").strip()
            answer = existing.get(question)
            if answer is None:
                if not text:
                    continue
                answer = StudyAnswer(partner=partner, question=question)
            elif answer.text == text:
                continue
            answer.text = text
            answer.prefilled_at = None
            answer.updated_by = by
            answer.save()
            saved.append(answer)
    return saved


def dossier_prefill(*, partner: Partner, facts: PartnerFacts) -> None:
    """Suggest answers and a website source from the facts, marked as from Wikidata, without
    touching anything a person wrote."""
    if facts.status == FactsStatus.DELETED:
        return
    suggestions = prefill_texts(facts)
    existing = {a.question: a for a in StudyAnswer.objects.filter(partner=partner)}
    for question, text in suggestions.items():
        answer = existing.get(question)
        if answer is not None and not answer.is_prefilled and answer.text:
            continue
        if answer is None:
            answer = StudyAnswer(partner=partner, question=question)
        answer.text = text
        answer.prefilled_at = facts.retrieved_at
        answer.updated_by = None
        answer.save()
    website = (facts.facts.get("website") or {}).get("value")
    if website and not partner.dossier_sources.filter(url=website).exists():
        DossierSource.objects.create(
            partner=partner,
            kind=SourceKind.WEBSITE,
            url=website,
            from_wikidata=True,
            title=_("Official website"),
            notes=_("From Wikidata %(qid)s, property P856") % {"qid": facts.qid},
        )


def prefill_texts(facts: PartnerFacts) -> dict[str, str]:
    texts = {}
    employees = (facts.facts.get("employees") or {}).get("value")
    if employees is not None:
        texts[Question.SIZE] = _("About %(count)s employees.") % {"count": f"{employees:,}"}
    leaders = [
        f"{role}: {ref['label']}"
        for name, role in LEADERS
        if (ref := (facts.facts.get(name) or {}).get("value")) and ref.get("label")
    ]
    if leaders:
        texts[Question.LEADERSHIP] = "; ".join(leaders) + "."
    wikipedias = len(facts.wikipedias)
    texts[Question.POPULARITY] = _(
        "Articles in %(wikipedias)d Wikipedias; %(sitelinks)d links from Wikimedia projects."
    ) % {"wikipedias": wikipedias, "sitelinks": len(facts.sitelinks)}
    return texts
