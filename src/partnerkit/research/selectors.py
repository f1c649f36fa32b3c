"""Reads of partner research, shaped for pages, the API and the CLI with a fixed number of
queries whatever the amount of data."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Count, IntegerField, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from partnerkit.partners.models import Partner
from partnerkit.research.models import (
    ITEM_FACTS,
    DossierSource,
    EnrichmentRun,
    FactsStatus,
    PartnerFacts,
    Question,
    SourceKind,
    StudyAnswer,
)
from partnerkit.wikimedia.wikidata import MAIN_WIKIPEDIAS
from partnerkit.workspaces.models import Workspace

# Source kinds a complete dossier has at least one of.
EXPECTED_SOURCES = (
    SourceKind.MISSION,
    SourceKind.ANNUAL_REPORT,
    SourceKind.WEBSITE,
    SourceKind.SPEECH,
)


def fact_label(name: str) -> str:
    return {
        "instance_of": _("Kind of organisation"),
        "country": _("Country"),
        "place": _("Place"),
        "coordinates": _("Coordinates"),
        "website": _("Official website"),
        "inception": _("Founded"),
        "employees": _("Employees"),
        "parent": _("Parent organisation"),
        "director": _("Director or manager"),
        "chairperson": _("Chairperson"),
        "commons_category": _("Commons category"),
        "image": _("Image"),
    }[name]


FACT_ORDER = (
    "instance_of",
    "country",
    "place",
    "coordinates",
    "website",
    "inception",
    "employees",
    "parent",
    "director",
    "chairperson",
    "commons_category",
    "image",
)


# Wikipedia language codes that Django's language list does not know by that code.
OTHER_LANGUAGE_NAMES = {
    "zh": _lazy("Chinese"),
    "be-tarask": _lazy("Belarusian (Taraškievica)"),
    "simple": _lazy("Simple English"),
    "sh": _lazy("Serbo-Croatian"),
    "nds": _lazy("Low German"),
    "ceb": _lazy("Cebuano"),
    "war": _lazy("Waray"),
    "arz": _lazy("Egyptian Arabic"),
    "min": _lazy("Minangkabau"),
    "se": _lazy("Northern Sami"),
}


def language_name(code: str) -> str:
    if code in OTHER_LANGUAGE_NAMES:
        return str(OTHER_LANGUAGE_NAMES[code])
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return code


# Partners and their facts -----------------------------------------------------------------


def partner_get(*, workspace: Workspace, pk: int) -> Partner:
    """The partner of this workspace with its facts, or 404."""
    return get_object_or_404(
        Partner.objects.select_related("workspace", "facts"), workspace=workspace, pk=pk
    )


def facts_of(partner: Partner) -> PartnerFacts | None:
    try:
        return partner.facts
    except PartnerFacts.DoesNotExist:
        return None


@dataclass
class FactRow:
    name: str
    label: str
    value: object
    property: str
    links: list[tuple[str, str]] = field(default_factory=list)  # (text, url)

    @property
    def text(self) -> str:
        if self.links:
            return ", ".join(text for text, _url in self.links)
        return "" if self.value is None else str(self.value)


def fact_rows(facts: PartnerFacts | None) -> list[FactRow]:
    """The facts in a fixed order, each with the property it came from; items by label,
    linked to Wikidata."""
    if facts is None:
        return []
    rows = []
    for name in FACT_ORDER:
        fact = facts.facts.get(name)
        if not fact:
            continue
        value = fact["value"]
        links = []
        if name in ITEM_FACTS:
            refs = value if isinstance(value, list) else [value]
            links = [
                (ref["label"] or ref["qid"], f"https://www.wikidata.org/wiki/{ref['qid']}")
                for ref in refs
            ]
        elif name == "website":
            links = [(value, value)]
        elif name == "commons_category":
            links = [
                (value, f"https://commons.wikimedia.org/wiki/Category:{value.replace(' ', '_')}")
            ]
        elif name == "image":
            links = [(value, f"https://commons.wikimedia.org/wiki/File:{value.replace(' ', '_')}")]
        elif name == "coordinates":
            value = f"{value[0]:.4f}, {value[1]:.4f}"
        elif name == "employees":
            value = f"{value:,}"
        rows.append(FactRow(name, fact_label(name), value, fact["property"], links))
    return rows


def social_accounts(facts: PartnerFacts | None) -> list[dict]:
    if facts is None:
        return []
    social = (facts.facts.get("social") or {}).get("value") or {}
    return [{"network": network, **details} for network, details in sorted(social.items())]


# Content gap ----------------------------------------------------------------------------------


@dataclass
class WikipediaArticle:
    language: str
    name: str
    title: str

    @property
    def url(self) -> str:
        return f"https://{self.language}.wikipedia.org/wiki/{self.title.replace(' ', '_')}"


@dataclass
class ContentGap:
    known: bool
    articles: list[WikipediaArticle]
    missing: list[tuple[str, str]]  # (language code, name)
    commons_category: str
    commons_files: int | None
    commons_counted: bool
    retrieved_at: datetime | None

    @property
    def sentence(self) -> str:
        """A plain sentence for a pitch."""
        if not self.known:
            return ""
        count = len(self.articles)
        if count == 0:
            first = _("Has no article in any Wikipedia")
        elif count == 1:
            first = _("Has an article in 1 Wikipedia")
        else:
            first = _("Has articles in %(count)d Wikipedias") % {"count": count}
        if self.missing:
            names = ", ".join(name for _code, name in self.missing[:6])
            if len(self.missing) > 6:
                text = _("%(first)s; none in %(names)s and %(more)d more.") % {
                    "first": first,
                    "names": names,
                    "more": len(self.missing) - 6,
                }
            else:
                text = _("%(first)s; none in %(names)s.") % {"first": first, "names": names}
        else:
            text = first + "."
        if self.commons_category and self.commons_files is not None:
            text += " " + _("Its Commons category holds %(files)s files.") % {
                "files": f"{self.commons_files:,}"
            }
        return text


def content_gap(partner: Partner, facts: PartnerFacts | None) -> ContentGap:
    if facts is None or facts.status == FactsStatus.DELETED:
        return ContentGap(False, [], [], "", None, False, None)
    articles = sorted(
        (
            WikipediaArticle(code, language_name(code), title)
            for code, title in facts.wikipedias.items()
        ),
        key=lambda article: article.language,
    )
    wanted = list(dict.fromkeys([*partner.workspace.language_codes, *MAIN_WIKIPEDIAS]))
    missing = [(code, language_name(code)) for code in wanted if code not in facts.wikipedias]
    size = facts.commons_size or {}
    return ContentGap(
        True,
        articles,
        missing,
        facts.commons_category,
        size.get("files") if size.get("exists") else None,
        facts.commons_size_at is not None,
        facts.retrieved_at,
    )


# The dossier ----------------------------------------------------------------------------------


@dataclass
class AnswerRow:
    question: str
    label: str
    text: str
    prefilled_at: datetime | None

    @property
    def answered(self) -> bool:
        return bool(self.text.strip())


@dataclass
class Completeness:
    percent: int
    missing: list[str]


@dataclass
class Dossier:
    answers: list[AnswerRow]
    sources: list[DossierSource]
    completeness: Completeness


def dossier_get(partner: Partner) -> Dossier:
    """Answers in question order (unanswered ones empty), sources, completeness: 2 queries."""
    stored = {a.question: a for a in StudyAnswer.objects.filter(partner=partner)}
    answers = []
    for question in Question:
        answer = stored.get(question.value)
        answers.append(
            AnswerRow(
                question.value,
                str(question.label),
                answer.text if answer else "",
                answer.prefilled_at if answer else None,
            )
        )
    sources = list(DossierSource.objects.filter(partner=partner))
    return Dossier(answers, sources, completeness(answers, {s.kind for s in sources}))


def completeness(answers: list[AnswerRow], source_kinds: set[str]) -> Completeness:
    missing = [row.label for row in answers if not row.answered]
    for kind in EXPECTED_SOURCES:
        if kind.value not in source_kinds:
            missing.append(_("a source: %(kind)s") % {"kind": str(kind.label).lower()})
    total = len(answers) + len(EXPECTED_SOURCES)
    return Completeness(round(100 * (total - len(missing)) / total), missing)


def completeness_of(partner: Partner) -> Completeness:
    """For one partner's summary (2 queries)."""
    answered = set(
        StudyAnswer.objects.filter(partner=partner)
        .exclude(text="")
        .values_list("question", flat=True)
    )
    kinds = set(DossierSource.objects.filter(partner=partner).values_list("kind", flat=True))
    rows = [
        AnswerRow(q.value, str(q.label), "x" if q.value in answered else "", None) for q in Question
    ]
    return completeness(rows, kinds)


def research_list(*, workspace: Workspace) -> QuerySet:
    """Active partners with their facts, answered questions and source kinds, for the
    overview page (3 queries for any number of partners)."""
    return (
        Partner.objects.active()
        .filter(workspace=workspace)
        .select_related("facts")
        .annotate(answered=_answered_count())
        .prefetch_related(
            Prefetch("dossier_sources", queryset=DossierSource.objects.only("partner_id", "kind"))
        )
    )


def _answered_count() -> Coalesce:
    # A correlated subquery, not a join: the list keeps its order and needs no GROUP BY.
    counts = (
        StudyAnswer.objects.filter(partner=OuterRef("pk"))
        .exclude(text="")
        .order_by()
        .values("partner")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), 0)


def list_completeness(partner: Partner) -> int:
    kinds = {source.kind for source in partner.dossier_sources.all()}
    present = min(partner.answered, len(Question)) + sum(
        1 for k in EXPECTED_SOURCES if k.value in kinds
    )
    return round(100 * present / (len(Question) + len(EXPECTED_SOURCES)))


def source_get(*, partner: Partner, pk: int) -> DossierSource:
    return get_object_or_404(DossierSource, partner=partner, pk=pk)


# Jobs -----------------------------------------------------------------------------------------


def run_list(*, workspace: Workspace) -> QuerySet:
    return EnrichmentRun.objects.filter(workspace=workspace).select_related(
        "requested_by", "workspace"
    )


def run_get(*, workspace: Workspace, pk: int) -> EnrichmentRun:
    return get_object_or_404(run_list(workspace=workspace), pk=pk)


def last_run_for(partner: Partner) -> EnrichmentRun | None:
    """The newest job that included the partner (one query; jobs are few per workspace)."""
    for run in EnrichmentRun.objects.filter(workspace_id=partner.workspace_id).only(
        "id", "status", "partner_ids", "error", "created_at", "workspace_id"
    )[:20]:
        if partner.pk in run.partner_ids:
            return run
    return None
