"""Roles in a running partnership, and the single points of failure among them.

The talk asks for clear roles, not only between the two sides but within our own, and for
openness about the single points of failure on our side. Roles are written the RACI way: for
each area of work (uploads, communication, the venue, …) someone is Responsible (does the
work), someone is Accountable (answers for it and decides), some are Consulted before
decisions and some are Informed of them. Responsible and accountable are the critical
letters: when the only person holding one is ill or leaves, that work stops. A deputy who
can stand in removes the risk.

``single_points_of_failure`` looks at the roles of a partnership and warns about a critical
role held by one person without a deputy, and about one person holding many critical roles
without deputies. Importing this module also registers the stage rule
``plan_b_before_running``: a partnership starts running only with a plan B written and with
someone on our side accountable for it.

Plain data and functions in English, marked with ``N_`` for the application to translate;
nothing here knows about the database.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from partnerkit.method import stages
from partnerkit.method.stages import N_, Stage


class Raci(StrEnum):
    RESPONSIBLE = "R"
    ACCOUNTABLE = "A"
    CONSULTED = "C"
    INFORMED = "I"


RACI_LABELS: dict[Raci, str] = {
    Raci.RESPONSIBLE: N_("Responsible"),
    Raci.ACCOUNTABLE: N_("Accountable"),
    Raci.CONSULTED: N_("Consulted"),
    Raci.INFORMED: N_("Informed"),
}
RACI_HELP: dict[Raci, str] = {
    Raci.RESPONSIBLE: N_("Does the work."),
    Raci.ACCOUNTABLE: N_("Answers for the work and takes the decisions; one person an area."),
    Raci.CONSULTED: N_("Is asked before decisions are taken."),
    Raci.INFORMED: N_("Is told what was decided and done."),
}
# Without these people the work stops.
CRITICAL: frozenset[Raci] = frozenset({Raci.RESPONSIBLE, Raci.ACCOUNTABLE})


class Side(StrEnum):
    OURS = "ours"
    PARTNER = "partner"


SIDE_LABELS: dict[Side, str] = {Side.OURS: N_("Our side"), Side.PARTNER: N_("The partner's side")}

# Areas of work a partnership's roles are usually about, as suggestions; a role may name
# another. The recipes' checklist items name one of these, so each item is somebody's job.
AREAS: dict[str, str] = {
    "partnership": N_("The partnership as a whole"),
    "coordination": N_("Coordination and planning"),
    "liaison": N_("Keeping in touch with the other side"),
    "communication": N_("Announcements and communication"),
    "venue": N_("Venue and logistics"),
    "content": N_("Content: worklists, rules, quality"),
    "uploads": N_("Uploads and Commons categories"),
    "data": N_("Data and Wikidata"),
    "training": N_("Training and help for newcomers"),
    "legal": N_("Licences and permissions"),
    "reporting": N_("Statistics and reports"),
}
# The area the stage rule asks about: someone answers for the partnership as a whole.
WHOLE = "partnership"
# From this many critical roles without a deputy, one person is a risk of their own.
MANY_CRITICAL = 3


def area_label(area: str) -> str:
    """The catalogue's label of an area, or the area as written when it is not in it."""
    return AREAS.get(area, area)


@dataclass(frozen=True)
class RoleFacts:
    """One role as the analysis needs it. ``person`` and ``deputy`` are stable keys that say
    who it is (the application uses "member:5", "contact:9"); ``name`` is how to show them."""

    area: str
    side: Side
    raci: Raci
    person: str
    name: str
    deputy: str | None = None
    deputy_name: str = ""


@dataclass(frozen=True)
class Risk:
    """A single point of failure. ``message`` is the untranslated text with ``%(name)s``
    places filled from ``params``; ``person`` is the key of whom it is about."""

    code: str
    side: Side
    person: str
    message: str
    params: dict

    def __str__(self) -> str:
        return self.message % self.params


NO_DEPUTY = N_(
    "%(person)s is the only one %(letter)s for “%(area)s”, with no deputy: if they are away, "
    "this work stops. Name a deputy."
)
MANY_ROLES = N_(
    "%(person)s holds %(count)d critical roles without a deputy (%(areas)s): too much rests "
    "on one person."
)
TWO_ACCOUNTABLE = N_(
    "%(people)s are all accountable for “%(area)s” on the same side: agree who answers for it."
)
# The RACI letters as they read inside a sentence.
LETTER_WORDS: dict[Raci, str] = {
    Raci.RESPONSIBLE: N_("responsible"),
    Raci.ACCOUNTABLE: N_("accountable"),
}


def single_points_of_failure(
    roles: Iterable[RoleFacts], *, translate=lambda text: text
) -> list[Risk]:
    """The warnings about ``roles``, in a stable order: each critical role that one person
    holds alone without a deputy, each person holding ``MANY_CRITICAL`` or more of those,
    and each area with more than one accountable person on one side.

    ``translate`` turns the words filled into the messages (the RACI letter) into the
    reader's language; the messages themselves are translated by the caller."""
    roles = list(roles)
    holders: dict[tuple[Side, str, Raci], list[RoleFacts]] = defaultdict(list)
    for role in roles:
        if role.raci in CRITICAL:
            holders[(role.side, role.area, role.raci)].append(role)
    found: list[Risk] = []
    alone: dict[tuple[Side, str], list[RoleFacts]] = defaultdict(list)
    for (side, area, raci), held in holders.items():
        people = {role.person for role in held}
        covered = any(role.deputy for role in held)
        if len(people) == 1 and not covered:
            role = held[0]
            found.append(Risk(
                "no_deputy", side, role.person, NO_DEPUTY,
                {"person": role.name, "letter": translate(LETTER_WORDS[raci]),
                 "area": translate(area_label(area))},
            ))
            alone[(side, role.person)].append(role)
        if raci == Raci.ACCOUNTABLE and len(people) > 1:
            names = sorted({role.name for role in held})
            found.append(Risk(
                "two_accountable", side, "", TWO_ACCOUNTABLE,
                {"people": ", ".join(names), "area": translate(area_label(area))},
            ))
    for (side, person), held in alone.items():
        if len(held) >= MANY_CRITICAL:
            found.append(Risk(
                "many_roles", side, person, MANY_ROLES,
                {"person": held[0].name, "count": len(held),
                 "areas": ", ".join(translate(area_label(role.area)) for role in held)},
            ))
    order = {"no_deputy": 0, "many_roles": 1, "two_accountable": 2}
    return sorted(
        found, key=lambda w: (w.side != Side.OURS, order[w.code], str(w.params.get("person", "")),
                              str(w.params.get("area", "")))
    )


# The stage rule -------------------------------------------------------------------------------

RULE_CODE = "plan_b_before_running"
# The facts the rule reads from ``Facts.extra``, given by the running app's provider.
PLAN_B_WRITTEN = "plan_b_written"
ACCOUNTABLE_OURS = "accountable_ours"


def _plan_b_and_accountable(facts: stages.Facts) -> list[str]:
    missing = []
    if not facts.extra.get(PLAN_B_WRITTEN):
        missing.append(N_(
            "A plan B: what we do if the partnership or an activity cannot go on as planned, "
            "or a graceful way out (write it on the partnership's running page)."
        ))
    if not facts.extra.get(ACCOUNTABLE_OURS):
        missing.append(N_(
            "Someone on our side accountable (A) for the partnership or one of its areas: add "
            "the role on the partnership's running page."
        ))
    return missing


RULE = stages.Rule(RULE_CODE, stages.from_stage_on(Stage.RUNNING), _plan_b_and_accountable)

# The module body runs once per process; the check keeps a reload from raising.
if not any(existing.code == RULE_CODE for existing in stages.RULES):
    stages.register(RULE)
