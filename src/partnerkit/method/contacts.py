"""The contact map, as plain Python: whom to approach first at a partner, and whom else to
invite to the next meeting.

A good first contact is someone already marked as the contact point, someone introduced
warmly (by one of the partner's people or by a third party we both know), someone whose role
fits what the partnership is for, and someone one of us already knows. Roles are read from
free-text titles, in English, by the beginnings of words ("curat" finds curator and
curatorial).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from partnerkit.method.stages import N_


@dataclass(frozen=True)
class ContactFacts:
    id: int
    name: str
    role_title: str = ""
    is_contact_point: bool = False
    introduced_by_id: int | None = None
    owner_id: int | None = None
    languages: tuple[str, ...] = ()
    # A third party outside the partner who introduced this person (free text).
    introduced_by_text: str = ""


@dataclass(frozen=True)
class Suggestion:
    contact_id: int
    # Each reason is (message, params) with %(name)s places, translated by the application.
    reasons: list[tuple[str, dict]] = field(default_factory=list)


@dataclass(frozen=True)
class Invitee:
    contact_id: int | None
    role_hint: str
    reason: str


# Word beginnings of role titles that suit each goal type as a first contact.
GOAL_ROLES: dict[str, tuple[str, ...]] = {
    "content_acquisition": (
        "collection", "curat", "digit", "archiv", "registrar", "librar", "catalog", "data",
        "heritage", "photo", "conservat", "research",
    ),
    "content_spreading": ("digit", "distribut", "technolog", "it ", "web", "outreach", "educat"),
    "access": ("librar", "collection", "research", "acquisition", "archiv", "reading", "subscri"),
    "outreach_awareness": (
        "communicat", "press", "media", "outreach", "public", "educat", "marketing", "event",
        "engagement",
    ),
    "outreach_recruitment": (
        "educat", "teach", "professor", "lectur", "learning", "outreach", "volunteer", "member",
        "community", "engagement", "student",
    ),
    "in_kind": ("facilit", "director", "operation", "event", "venue", "partnership", "manager"),
    "fundraising": (
        "director", "executive", "chief", "head", "communicat", "partnership", "sponsor", "csr",
        "development", "marketing", "foundation",
    ),
    "advocacy": ("director", "policy", "public affair", "communicat", "legal", "executive", "chief"),
}

DECISION_ROLES = (
    "director", "head", "chief", "executive", "manager", "dean", "president", "chair",
    "secretary general",
)
TECHNICAL_ROLES = (
    "digit", "it ", "technic", "technolog", "data", "system", "developer", "web", "engineer",
)
COMMUNICATION_ROLES = ("communicat", "press", "media", "marketing", "outreach", "public relation")
EDUCATION_ROLES = ("educat", "teach", "learning", "lectur", "professor", "pedagog")
RIGHTS_ROLES = ("legal", "rights", "copyright", "licens", "lawyer", "counsel", "registrar")

# Goal types whose agreement settles a licence or money: a decision maker should be there.
DECIDING_GOALS = frozenset(
    {"content_acquisition", "content_spreading", "fundraising", "in_kind", "advocacy"}
)
LICENSING_GOALS = frozenset({"content_acquisition", "content_spreading"})
OUTREACH_GOALS = frozenset({"outreach_awareness", "outreach_recruitment"})


def role_matches(role_title: str, beginnings: Iterable[str]) -> bool:
    """Whether a word of ``role_title`` starts with one of ``beginnings`` (a beginning of
    several words matches them in a row)."""
    words = re.findall(r"[^\W_]+", (role_title or "").casefold())
    if not words:
        return False
    # A trailing space lets a beginning such as "it " match only the whole word.
    title = " ".join(words) + " "
    return any(re.search(r"(?<!\w)" + re.escape(start), title) for start in beginnings)


def _fitting_goals(contact: ContactFacts, goal_types: Iterable[str]) -> list[str]:
    return [
        goal for goal in goal_types if role_matches(contact.role_title, GOAL_ROLES.get(goal, ()))
    ]


def _reasons(
    contact: ContactFacts, goal_types: Sequence[str], names: dict[int, str]
) -> tuple[int, list[tuple[str, dict]]]:
    score, reasons = 0, []
    if contact.is_contact_point:
        score += 100
        reasons.append((N_("Already marked as the contact point."), {}))
    if contact.introduced_by_id is not None and contact.introduced_by_id in names:
        score += 3
        reasons.append(
            (N_("A warm introduction: %(name)s introduced them."),
             {"name": names[contact.introduced_by_id]})
        )
    elif contact.introduced_by_text.strip():
        score += 3
        reasons.append(
            (N_("A warm introduction through %(name)s, whom we both know."),
             {"name": contact.introduced_by_text.strip()})
        )
    fitting = _fitting_goals(contact, goal_types)
    if fitting:
        score += 4
        reasons.append(
            (N_("Their role (%(role)s) fits the partnership's goals: %(goals)s."),
             {"role": contact.role_title, "goals": ", ".join(fitting)})
        )
    if contact.owner_id is not None:
        score += 2
        reasons.append((N_("Someone on our side already owns this relationship."), {}))
    return score, reasons


def suggest_contact_point(
    contacts: Sequence[ContactFacts], goal_types: Iterable[str]
) -> Suggestion | None:
    """The person to approach first, with the reasons; None when nothing speaks for anyone."""
    goal_types = list(goal_types)
    names = {contact.id: contact.name for contact in contacts}
    best, best_score, best_reasons = None, 0, []
    for contact in contacts:
        score, reasons = _reasons(contact, goal_types, names)
        if score > best_score:
            best, best_score, best_reasons = contact, score, reasons
    if best is None:
        return None
    return Suggestion(best.id, best_reasons)


@dataclass(frozen=True)
class _Need:
    roles: tuple[str, ...]
    hint: str
    why: str


def _needs(goal_types: frozenset[str], technical_expected: bool) -> list[_Need]:
    needs = []
    if goal_types & DECIDING_GOALS:
        needs.append(
            _Need(
                DECISION_ROLES,
                N_("Someone who can decide"),
                N_("A licence, money or rooms are at stake: someone must be able to say yes."),
            )
        )
    if goal_types & LICENSING_GOALS:
        needs.append(
            _Need(
                RIGHTS_ROLES,
                N_("Rights and licensing"),
                N_("Whoever knows who holds the rights avoids promises the partner cannot keep."),
            )
        )
    if technical_expected:
        needs.append(
            _Need(
                TECHNICAL_ROLES,
                N_("Digital collections or IT"),
                N_("Technical questions are expected: exports, metadata, formats, uploads."),
            )
        )
    if goal_types & OUTREACH_GOALS:
        needs.append(
            _Need(
                COMMUNICATION_ROLES,
                N_("Communications"),
                N_("Outreach needs the people who speak to the partner's public."),
            )
        )
    if "outreach_recruitment" in goal_types:
        needs.append(
            _Need(
                EDUCATION_ROLES,
                N_("Education"),
                N_("Courses and workshops are planned by the partner's educators."),
            )
        )
    return needs


def who_else(
    contacts: Sequence[ContactFacts],
    goal_types: Iterable[str],
    *,
    attending_ids: Iterable[int] = (),
    technical_expected: bool = False,
) -> list[Invitee]:
    """Roles that should be at the next meeting and are not yet: the partner's contacts who
    fill them, or a hint to ask for someone when none of the known contacts does."""
    attending = set(attending_ids)
    invitees: list[Invitee] = []
    invited: set[int] = set()
    for need in _needs(frozenset(goal_types), technical_expected):
        matching = [c for c in contacts if role_matches(c.role_title, need.roles)]
        if any(contact.id in attending for contact in matching):
            continue
        if matching:
            for contact in matching:
                if contact.id not in invited:
                    invitees.append(Invitee(contact.id, need.hint, need.why))
                    invited.add(contact.id)
        else:
            invitees.append(
                Invitee(
                    None,
                    need.hint,
                    N_("%(why)s None of the contacts we know has this role: ask for someone.")
                    % {"why": need.why},
                )
            )
    return invitees
