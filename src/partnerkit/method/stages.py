"""The stages of a partnership and the method's conditions for entering them.

A partnership moves idea → researching → shortlisted → preparing → in contact → negotiating →
agreed → running → completed, or ends as declined or dropped, or waits on hold. Moving forward
checks the conditions the talk sets (research and rank before selecting, select before
preparing, a contact point before first contact, the essentials before agreeing, a reason
before saying no). Going back a step is always allowed. Each unmet condition says what is
missing; a coordinator may override with a recorded reason.

Later parts of the method add their own rules with ``register``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from partnerkit.method.licences import DECIDED as DECIDED_LICENCES


def N_(text: str) -> str:
    """Marks text for translation; the application translates it when it shows it."""
    return text


class Stage(StrEnum):
    IDEA = "idea"
    RESEARCHING = "researching"
    SHORTLISTED = "shortlisted"
    PREPARING = "preparing"
    IN_CONTACT = "in_contact"
    NEGOTIATING = "negotiating"
    AGREED = "agreed"
    RUNNING = "running"
    COMPLETED = "completed"
    DECLINED = "declined"
    DROPPED = "dropped"
    ON_HOLD = "on_hold"


LABELS: dict[Stage, str] = {
    Stage.IDEA: N_("Idea"),
    Stage.RESEARCHING: N_("Researching"),
    Stage.SHORTLISTED: N_("Shortlisted"),
    Stage.PREPARING: N_("Preparing"),
    Stage.IN_CONTACT: N_("In contact"),
    Stage.NEGOTIATING: N_("Negotiating"),
    Stage.AGREED: N_("Agreed"),
    Stage.RUNNING: N_("Running"),
    Stage.COMPLETED: N_("Completed"),
    Stage.DECLINED: N_("Declined"),
    Stage.DROPPED: N_("Dropped"),
    Stage.ON_HOLD: N_("On hold"),
}

PIPELINE: tuple[Stage, ...] = (
    Stage.IDEA,
    Stage.RESEARCHING,
    Stage.SHORTLISTED,
    Stage.PREPARING,
    Stage.IN_CONTACT,
    Stage.NEGOTIATING,
    Stage.AGREED,
    Stage.RUNNING,
    Stage.COMPLETED,
)
# Stages that end a partnership with a "no"; they need a reason.
CLOSED: tuple[Stage, ...] = (Stage.DECLINED, Stage.DROPPED)
ALL: tuple[Stage, ...] = PIPELINE + CLOSED + (Stage.ON_HOLD,)
ESTIMATES = ("impact", "likelihood", "ease", "benefit", "risk", "effort")


@dataclass(frozen=True)
class Facts:
    """What the rules look at, gathered from a partnership by the application."""

    goal_types: frozenset[str] = frozenset()
    has_contact_point: bool = False
    has_owner: bool = False
    has_partner_owner: bool = False
    licence: str = ""
    decision: str = ""
    estimates: Mapping[str, Any] = field(default_factory=dict)
    reason: str = ""
    # Room for later capabilities' facts (pitch readiness, plan B, …), by rule code.
    extra: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Unmet:
    """One unmet condition. ``message`` is the untranslated text with ``%(name)s`` places
    filled from ``params``, so an application can translate before filling in."""

    rule: str
    message: str
    params: Mapping[str, str] = field(default_factory=dict)

    def __str__(self) -> str:
        return self.message % self.params if self.params else self.message


@dataclass(frozen=True)
class Rule:
    code: str
    stages: frozenset[Stage]
    # Returns what is missing, as messages or (message, params) pairs; an empty list means
    # the condition holds.
    missing: Callable[[Facts], list[str | tuple[str, dict]]]
    # Whether the rule also applies when coming back to a stage from a later one.
    also_backwards: bool = False


def from_stage_on(stage: Stage) -> frozenset[Stage]:
    """The stage and every later stage of the pipeline."""
    return frozenset(PIPELINE[PIPELINE.index(stage) :])


def _missing_estimates(names: tuple[str, ...], why: str) -> Callable[[Facts], list[str]]:
    def missing(facts: Facts) -> list[str]:
        absent = [name for name in names if facts.estimates.get(name) in (None, "")]
        if not absent:
            return []
        return [(why, {"names": ", ".join(absent)})]

    return missing


def _go_decision(facts: Facts) -> list[str]:
    if facts.decision == "go":
        return []
    return [N_("A “go” decision with its reason: select the partnership before preparing it.")]


def _contact_point(facts: Facts) -> list[str]:
    if facts.has_contact_point:
        return []
    return [N_("A contact point at the partner: mark one of its contacts as the contact point.")]


def _agreement_basics(facts: Facts) -> list[str]:
    missing = []
    if not facts.goal_types:
        missing.append(N_("Goal types: what the partnership is for."))
    if not facts.has_owner:
        missing.append(N_("An owner on our side."))
    if not facts.has_partner_owner:
        missing.append(N_("An owner on the partner's side (one of its contacts)."))
    if facts.licence not in DECIDED_LICENCES:
        missing.append(N_("The licence of the content to be released."))
    return missing


def _reason(facts: Facts) -> list[str]:
    if facts.reason.strip():
        return []
    return [N_("A reason: why the answer is no, or why it waits.")]


RULES: list[Rule] = [
    Rule(
        "estimates_before_shortlist",
        from_stage_on(Stage.SHORTLISTED),
        _missing_estimates(
            ("impact", "likelihood", "ease"),
            N_("Estimates from research: %(names)s (rank before you shortlist)."),
        ),
    ),
    Rule("go_before_preparing", from_stage_on(Stage.PREPARING), _go_decision),
    Rule(
        "weighed_before_preparing",
        from_stage_on(Stage.PREPARING),
        _missing_estimates(
            ("benefit", "risk", "effort"),
            N_("Benefit, risk and effort weighed: %(names)s."),
        ),
    ),
    Rule("contact_point_before_contact", from_stage_on(Stage.IN_CONTACT), _contact_point),
    Rule("basics_before_agreement", from_stage_on(Stage.AGREED), _agreement_basics),
    Rule(
        "reason_to_stop",
        frozenset(CLOSED + (Stage.ON_HOLD,)),
        _reason,
        also_backwards=True,
    ),
]


def register(rule: Rule) -> None:
    """Add a rule of a later capability; a code may be registered once."""
    if any(existing.code == rule.code for existing in RULES):
        raise ValueError(f"a stage rule {rule.code!r} is already registered")
    RULES.append(rule)


def is_backwards(from_stage: Stage | None, to_stage: Stage) -> bool:
    return (
        from_stage in PIPELINE
        and to_stage in PIPELINE
        and PIPELINE.index(to_stage) < PIPELINE.index(from_stage)
    )


def unmet(facts: Facts, to_stage: Stage, from_stage: Stage | None = None) -> list[Unmet]:
    """The conditions for entering ``to_stage`` that ``facts`` do not meet, in rule order."""
    to_stage = Stage(to_stage)
    if from_stage is not None and Stage(from_stage) == to_stage:
        return []
    backwards = is_backwards(from_stage and Stage(from_stage), to_stage)
    found = []
    for rule in RULES:
        if to_stage not in rule.stages or (backwards and not rule.also_backwards):
            continue
        for item in rule.missing(facts):
            message, params = item if isinstance(item, tuple) else (item, {})
            found.append(Unmet(rule.code, message, params))
    return found
