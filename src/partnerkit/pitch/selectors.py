"""Reads for the pitch: readiness derived from where each answer lives, the partner's
vocabulary, jargon and the contact map."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from partnerkit.method import contacts as contact_method
from partnerkit.method import pitch as method
from partnerkit.method.licences import DECIDED
from partnerkit.partners.models import Contact, Partner
from partnerkit.partnerships import selectors as partnership_selectors
from partnerkit.partnerships.models import GoalTypeCode, Partnership
from partnerkit.pitch.models import PartnerText, Pitch, PitchAction, PitchMaterial
from partnerkit.workspaces.models import Workspace

# Where the answer to each readiness question lives: fields of the pitch, or of the
# partnership for the owners and the licence.
ANSWER_FIELDS: dict[str, tuple[str, ...]] = {
    "benefits_partner": ("benefits_partner",),
    "benefits_wikimedia": ("benefits_wikimedia",),
    "assets": ("assets_ours", "assets_theirs"),
    "owners": ("owner", "partner_owner"),
    "competencies": ("competencies",),
    "decisions": ("decision_making",),
    "roles": ("roles",),
    "community": ("community_involvement",),
    "licence": ("licence",),
}
PARTNERSHIP_ANSWERS = frozenset({"owners", "licence"})


def pitch_of(partnership: Partnership) -> Pitch | None:
    try:
        return partnership.pitch
    except Pitch.DoesNotExist:
        return None


def answered(partnership: Partnership, pitch: Pitch | None) -> dict[str, bool]:
    """For each readiness question, whether it has an answer (no query: the pitch is given)."""
    def filled(*names):
        return pitch is not None and all(str(getattr(pitch, name)).strip() for name in names)

    result = {
        code: filled(*names)
        for code, names in ANSWER_FIELDS.items()
        if code not in PARTNERSHIP_ANSWERS
    }
    result["owners"] = (
        partnership.owner_id is not None and partnership.partner_owner_id is not None
    )
    result["licence"] = partnership.licence in DECIDED
    return result


def unanswered_codes(partnership: Partnership) -> list[str]:
    """Codes of the unanswered questions; one query (the pitch)."""
    pitch = Pitch.objects.filter(partnership_id=partnership.pk).first()
    marks = answered(partnership, pitch)
    return [question.code for question in method.unanswered(marks)]


def stage_facts(partnership: Partnership) -> dict:
    """The stage facts of the pitch, for ``partnerships.services.facts_of``."""
    return {"pitch_unanswered": unanswered_codes(partnership)}


@dataclass
class ReadinessRow:
    question: method.Question
    answered: bool
    where_url: str
    fields: tuple[str, ...] = ()

    @property
    def code(self) -> str:
        return self.question.code


def readiness(partnership: Partnership, pitch: Pitch | None = None) -> list[ReadinessRow]:
    """Each question, whether it is answered, and where to answer it (its place in the
    readiness panel of the pitch page)."""
    if pitch is None:
        pitch = pitch_of(partnership)
    marks = answered(partnership, pitch)
    base = reverse(
        "pitch:detail",
        kwargs={"workspace_slug": partnership.workspace.slug, "pk": partnership.pk},
    )
    return [
        ReadinessRow(
            question, marks[question.code], f"{base}#answer-{question.code}",
            ANSWER_FIELDS[question.code],
        )
        for question in method.READINESS_QUESTIONS
    ]


def partnership_get(*, workspace: Workspace, pk: int) -> Partnership:
    """The partnership of this workspace with its pitch, or 404."""
    return partnership_selectors.partnership_get(workspace=workspace, pk=pk, also=("pitch",))


def actions_of(pitch: Pitch | None) -> list[PitchAction]:
    if pitch is None:
        return []
    return list(pitch.actions.select_related("owner_user", "owner_contact"))


def materials_of(pitch: Pitch | None) -> list[PitchMaterial]:
    if pitch is None:
        return []
    return list(pitch.materials.all())


def action_get(*, workspace: Workspace, partnership_pk: int, pk: int) -> PitchAction:
    return get_object_or_404(
        PitchAction.objects.select_related("pitch__partnership"),
        pitch__partnership__workspace=workspace,
        pitch__partnership_id=partnership_pk,
        pk=pk,
    )


def material_get(*, workspace: Workspace, partnership_pk: int, pk: int) -> PitchMaterial:
    return get_object_or_404(
        PitchMaterial.objects.select_related("pitch__partnership"),
        pitch__partnership__workspace=workspace,
        pitch__partnership_id=partnership_pk,
        pk=pk,
    )


def partner_texts(partner: Partner) -> list[PartnerText]:
    return list(PartnerText.objects.filter(partner=partner))


def partner_text_get(*, workspace: Workspace, partner_pk: int, pk: int) -> PartnerText:
    return get_object_or_404(
        PartnerText, partner__workspace=workspace, partner_id=partner_pk, pk=pk
    )


# Vocabulary -------------------------------------------------------------------------------------


@dataclass
class VocabularyGroup:
    language: str
    phrases: list[str]
    used: list[str]
    unused: list[str]
    generic: bool
    error: str = ""


@dataclass
class VocabularyReport:
    groups: list[VocabularyGroup] = field(default_factory=list)
    message: str = ""


def pitch_text(pitch: Pitch | None) -> str:
    """All the pitch's words the partner would hear or read."""
    if pitch is None:
        return ""
    return "\n".join(
        getattr(pitch, name)
        for name in ("summary", "shared_goals", "benefits_partner", "assets_ours")
        if getattr(pitch, name)
    )


@lru_cache(maxsize=64)
def _vocabulary(texts: tuple[str, ...], language: str) -> method.Vocabulary:
    """Key phrases of the texts; remembered, since the pitch page asks on every visit and a
    long annual report takes YAKE about a second."""
    return method.vocabulary(texts, language)


def vocabulary(partner: Partner, texts: list[PartnerText], pitch: Pitch | None) -> VocabularyReport:
    """Key phrases of the partner's own texts (its mission and the pasted texts), by language,
    with those the pitch uses and those it could."""
    by_language: dict[str, list[str]] = {}
    if partner.mission.strip():
        by_language.setdefault(partner.workspace.language_codes[0], []).append(partner.mission)
    for item in texts:
        by_language.setdefault(item.language or "en", []).append(item.text)
    if not by_language:
        return VocabularyReport(
            message=_("No texts of the partner yet: add its mission or paste a text of theirs.")
        )
    spoken = pitch_text(pitch)
    report = VocabularyReport()
    for language, group in by_language.items():
        try:
            found = _vocabulary(tuple(group), language)
        except method.PitchTextError as error:
            report.groups.append(VocabularyGroup(language, [], [], [], False, _(str(error))))
            continue
        used, unused = method.alignment(found.phrases, spoken)
        report.groups.append(VocabularyGroup(language, found.phrases, used, unused, found.generic))
    return report


# The contact map --------------------------------------------------------------------------------


def contact_facts(contacts: list[Contact]) -> list[contact_method.ContactFacts]:
    return [
        contact_method.ContactFacts(
            id=contact.pk,
            name=contact.name,
            role_title=contact.role_title,
            is_contact_point=contact.is_contact_point,
            introduced_by_id=contact.introduced_by_contact_id,
            owner_id=contact.our_owner_id,
            languages=tuple(contact.language_list),
            introduced_by_text=contact.introduced_by,
        )
        for contact in contacts
    ]


@dataclass
class MapNode:
    contact: Contact
    children: list[MapNode] = field(default_factory=list)

    @property
    def warm(self) -> bool:
        return bool(self.contact.introduced_by_contact_id or self.contact.introduced_by.strip())


def introduction_tree(contacts: list[Contact]) -> list[MapNode]:
    """Contacts as a forest: each under the colleague who introduced them. A chain that goes
    round in a circle (possible through old data) starts at its first member."""
    nodes = {contact.pk: MapNode(contact) for contact in contacts}
    roots, placed = [], set()

    def attach(node, seen):
        placed.add(node.contact.pk)
        for child in nodes.values():
            if child.contact.introduced_by_contact_id == node.contact.pk and (
                child.contact.pk not in seen
            ):
                node.children.append(child)
                attach(child, seen | {child.contact.pk})

    for node in nodes.values():
        parent = node.contact.introduced_by_contact_id
        if parent is None or parent not in nodes:
            roots.append(node)
            attach(node, {node.contact.pk})
    for node in nodes.values():
        if node.contact.pk not in placed:
            roots.append(node)
            attach(node, {node.contact.pk})
    return roots


@dataclass
class ContactMap:
    contacts: list[Contact]
    tree: list[MapNode]
    suggestion: contact_method.Suggestion | None
    suggested: Contact | None
    reasons: list[str]
    who_else: list[tuple[contact_method.Invitee, Contact | None]]


def contact_map(partnership: Partnership, *, technical_expected: bool = False) -> ContactMap:
    contacts = list(
        Contact.objects.filter(partner_id=partnership.partner_id).select_related("our_owner")
    )
    by_id = {contact.pk: contact for contact in contacts}
    goals = [goal.code for goal in partnership.goal_types.all()]
    facts = contact_facts(contacts)
    suggestion = contact_method.suggest_contact_point(facts, goals)
    reasons = []
    labels = dict(GoalTypeCode.choices)
    if suggestion is not None:
        for message, params in suggestion.reasons:
            if "goals" in params:
                params = {**params, "goals": ", ".join(
                    str(labels.get(code, code)) for code in params["goals"].split(", ")
                )}
            reasons.append(_(message) % params if params else _(message))
    invitees = contact_method.who_else(facts, goals, technical_expected=technical_expected)
    return ContactMap(
        contacts=contacts,
        tree=introduction_tree(contacts),
        suggestion=suggestion,
        suggested=by_id.get(suggestion.contact_id) if suggestion else None,
        reasons=reasons,
        who_else=[(invitee, by_id.get(invitee.contact_id)) for invitee in invitees],
    )
