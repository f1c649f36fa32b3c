"""Suggesting partnership goal types from a workspace's goals, SWOT and capacity (step 1).

The method says to match the type of partnership to the group's goals *and* its capacity.
``suggest_goal_types`` does both, openly:

Relevance (0–1): what the group wants.
    Goals and SWOT items are matched against each goal type's keywords (whole words, in the
    forms the catalogue lists; "edit-a-thon" and "editathon" are the same word).
    ``goal share`` is the matched goals' share of all goals, each goal counting by its
    priority (high 1, medium 0.6, low 0.3). ``SWOT share`` is the matched items' share of
    all SWOT items, each item counting 1, plus the priority of the most important goal it is
    linked to. Relevance is 3/4 goal share + 1/4 SWOT share (or the one there is).
    A weakness or a threat matching a type counts as much as a strength or an opportunity:
    a partnership can make up for the first and build on the second.

Feasibility (0–1): what the group can do.
    The product of three factors.
    Effort: capacity hours against the type's usual range (low–high hours per month): 1 from
    the top of the range up; from 0.75 to 1 inside it; below the range, half the share of the
    low end that the hours cover; 0 with no hours.
    Skills: 0.5 + 0.5 × the share of the type's skills the group has.
    People: 1, or 0.5 when the group has fewer people than the type usually needs.

Score = relevance × feasibility. Every number comes with a reason a person can read, and the
result is the same for the same input.
"""

from __future__ import annotations

import math
import numbers
import re
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from partnerkit.method.goal_types import BY_CODE as GOAL_TYPES_BY_CODE
from partnerkit.method.goal_types import GOAL_TYPES, SKILLS, GoalType
from partnerkit.method.stages import N_


class SuggestionError(ValueError):
    """Input the suggestion cannot use; ``field`` names it for a form or the API."""

    def __init__(self, message: str, *, field: str):
        super().__init__(message)
        self.field = field


class Priority(StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


PRIORITY_WEIGHTS: dict[Priority, float] = {
    Priority.HIGH: 1.0,
    Priority.MEDIUM: 0.6,
    Priority.LOW: 0.3,
}


class SwotKind(StrEnum):
    STRENGTH = "strength"
    WEAKNESS = "weakness"
    OPPORTUNITY = "opportunity"
    THREAT = "threat"


@dataclass(frozen=True)
class Goal:
    """A goal from the strategic or annual plan. ``id`` is what SWOT items link to."""

    id: Hashable
    text: str
    priority: Priority | str = Priority.MEDIUM


@dataclass(frozen=True)
class SwotItem:
    kind: SwotKind | str
    text: str
    # Ids of the goals the item bears on.
    goals: tuple[Hashable, ...] = ()


@dataclass(frozen=True)
class Capacity:
    """What the group can put into partnerships: people, hours per month, skills (codes of
    ``partnerkit.method.goal_types.SKILLS``)."""

    people: int
    hours: float
    skills: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Reason:
    """One reason behind a suggestion. ``message`` is untranslated, with ``%(name)s`` places
    filled from ``params``, so that the application can translate it before filling in."""

    kind: str  # "goal", "swot", "no_match", "effort", "skills", "people"
    message: str
    params: Mapping[str, str] = field(default_factory=dict)

    def __str__(self) -> str:
        return self.message % self.params if self.params else self.message


@dataclass(frozen=True)
class Suggestion:
    code: str
    score: float
    reasons: tuple[Reason, ...]
    relevance: float
    feasibility: float
    # Ids of the goals and positions of the SWOT items that matched.
    goals: tuple[Hashable, ...] = ()
    swot: tuple[int, ...] = ()

    @property
    def goal_type(self) -> GoalType:
        return GOAL_TYPES_BY_CODE[self.code]


GOAL_SHARE = 0.75  # of relevance, when there are both goals and SWOT items
UNLINKED_SWOT_WEIGHT = 1.0  # a SWOT item counts this much, plus its goal's priority weight


def suggest_goal_types(
    goals: Iterable[Goal],
    swot: Iterable[SwotItem],
    capacity: Capacity,
) -> list[Suggestion]:
    """All eight goal types, best suggestion first (equal scores in catalogue order)."""
    goals = _check_goals(goals)
    swot = _check_swot(swot, goals)
    _check_capacity(capacity)
    goal_words = [_words(goal.text) for goal in goals]
    swot_words = [_words(item.text) for item in swot]
    priority_of = {goal.id: PRIORITY_WEIGHTS[Priority(goal.priority)] for goal in goals}
    # fsum: exactly rounded, so the order of the goals cannot change a score's last bit.
    goal_total = math.fsum(priority_of.values())
    item_weights = [
        UNLINKED_SWOT_WEIGHT + max((priority_of[g] for g in item.goals), default=0.0)
        for item in swot
    ]
    swot_total = math.fsum(item_weights)

    suggestions = []
    for goal_type in GOAL_TYPES:
        reasons: list[Reason] = []
        matched_goals, matched_items = [], []
        for goal, words in zip(goals, goal_words):
            found = _matches(goal_type, words)
            if found:
                matched_goals.append(goal.id)
                reasons.append(
                    Reason(
                        "goal",
                        N_(
                            "Your goal “%(goal)s” (%(priority)s priority) matches %(type)s "
                            "(keywords: %(keywords)s)."
                        ),
                        {
                            "goal": goal.text,
                            "priority": str(Priority(goal.priority)),
                            "type": goal_type.label.lower(),
                            "keywords": ", ".join(found),
                        },
                    )
                )
        for position, (item, words) in enumerate(zip(swot, swot_words)):
            found = _matches(goal_type, words)
            if found:
                matched_items.append(position)
                reasons.append(
                    Reason(
                        "swot",
                        _SWOT_MESSAGES[SwotKind(item.kind)],
                        {
                            "text": item.text,
                            "type": goal_type.label.lower(),
                            "keywords": ", ".join(found),
                        },
                    )
                )
        goal_points = math.fsum(priority_of[goal_id] for goal_id in matched_goals)
        swot_points = math.fsum(item_weights[position] for position in matched_items)
        relevance = _relevance(goal_points, goal_total, swot_points, swot_total)
        if not matched_goals and not matched_items:
            reasons.append(
                Reason(
                    "no_match",
                    N_(
                        "None of your goals or SWOT items mention what %(type)s is about "
                        "(words such as %(examples)s)."
                    ),
                    {
                        "type": goal_type.label.lower(),
                        "examples": ", ".join(forms[0] for forms in goal_type.keywords[:4]),
                    },
                )
            )
        effort, effort_reason = _effort(goal_type, capacity)
        skills, skills_reason = _skills(goal_type, capacity)
        people, people_reason = _people(goal_type, capacity)
        reasons += [r for r in (effort_reason, skills_reason, people_reason) if r]
        feasibility = effort * skills * people
        suggestions.append(
            Suggestion(
                code=goal_type.code,
                score=relevance * feasibility,
                reasons=tuple(reasons),
                relevance=relevance,
                feasibility=feasibility,
                goals=tuple(matched_goals),
                swot=tuple(matched_items),
            )
        )
    # sorted() is stable: equal scores keep the catalogue order.
    return sorted(suggestions, key=lambda s: -round(s.score, 12))


def goal_fit(goal_type_codes: Iterable[str], goals: Iterable[Goal]) -> float | None:
    """How well a partnership with these goal types serves the goals: the share of the goals
    (counted by priority) that match at least one of the types. Usable as the ``fit``
    estimate of the ranking; None when there are no goals to fit."""
    codes = list(goal_type_codes)
    unknown = [code for code in codes if code not in GOAL_TYPES_BY_CODE]
    if unknown:
        raise SuggestionError(f"unknown goal type {unknown[0]!r}", field="goal_types")
    goals = _check_goals(goals)
    if not goals:
        return None
    types = [GOAL_TYPES_BY_CODE[code] for code in codes]
    weights = [PRIORITY_WEIGHTS[Priority(goal.priority)] for goal in goals]
    served = [
        weight
        for goal, weight in zip(goals, weights)
        if any(_matches(goal_type, _words(goal.text)) for goal_type in types)
    ]
    return math.fsum(served) / math.fsum(weights)


_SWOT_MESSAGES: dict[SwotKind, str] = {
    SwotKind.STRENGTH: N_(
        "Your strength “%(text)s” is something %(type)s can build on (keywords: %(keywords)s)."
    ),
    SwotKind.WEAKNESS: N_(
        "Your weakness “%(text)s” is something %(type)s could make up for (keywords: %(keywords)s)."
    ),
    SwotKind.OPPORTUNITY: N_(
        "The opportunity “%(text)s” points to %(type)s (keywords: %(keywords)s)."
    ),
    SwotKind.THREAT: N_(
        "The threat “%(text)s” is something %(type)s could help counter (keywords: %(keywords)s)."
    ),
}

# A hyphen or apostrophe inside a word joins it: "edit-a-thon" reads as "editathon".
_JOINERS = re.compile(r"(?<=\w)[-‐‑'’](?=\w)")
_WORD = re.compile(r"\w+")


def _words(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(_JOINERS.sub("", text.casefold())))


def _matches(goal_type: GoalType, words: tuple[str, ...]) -> list[str]:
    """The keyword forms of ``goal_type`` found in ``words``, each keyword once, in
    catalogue order."""
    found = []
    for forms in goal_type.keywords:
        for form in forms:
            if _contains(words, _words(form)):
                found.append(form)
                break
    return found


def _contains(words: tuple[str, ...], phrase: tuple[str, ...]) -> bool:
    if len(phrase) == 1:
        return phrase[0] in words
    size = len(phrase)
    return any(words[i : i + size] == phrase for i in range(len(words) - size + 1))


def _relevance(
    goal_points: float, goal_total: float, swot_points: float, swot_total: float
) -> float:
    goal_share = goal_points / goal_total if goal_total else None
    swot_share = swot_points / swot_total if swot_total else None
    if goal_share is None and swot_share is None:
        return 0.0
    if swot_share is None:
        return goal_share
    if goal_share is None:
        return swot_share
    return GOAL_SHARE * goal_share + (1 - GOAL_SHARE) * swot_share


def _effort(goal_type: GoalType, capacity: Capacity) -> tuple[float, Reason | None]:
    if goal_type.effort_hours is None:
        return 1.0, None
    low, high = goal_type.effort_hours
    hours = float(capacity.hours)
    params = {"low": f"{low:g}", "high": f"{high:g}", "hours": f"{hours:g}"}
    if hours <= 0:
        return 0.0, Reason(
            "effort", N_("Needs about %(low)s–%(high)s h/month; you have no hours for it."), params
        )
    if hours >= high:
        return 1.0, Reason(
            "effort", N_("Needs about %(low)s–%(high)s h/month; you have %(hours)s."), params
        )
    if hours >= low:
        factor = 0.75 + 0.25 * (hours - low) / (high - low)
        return factor, Reason(
            "effort",
            N_("Needs about %(low)s–%(high)s h/month; you have %(hours)s, enough to start small."),
            params,
        )
    return 0.5 * hours / low, Reason(
        "effort",
        N_(
            "Needs about %(low)s–%(high)s h/month; you have %(hours)s, less than even a small "
            "start usually takes."
        ),
        params,
    )


def _skills(goal_type: GoalType, capacity: Capacity) -> tuple[float, Reason | None]:
    if not goal_type.skills:
        return 1.0, None
    have = [code for code in goal_type.skills if code in capacity.skills]
    params = {
        "skills": "; ".join(SKILLS[code] for code in goal_type.skills),
        "have": "; ".join(SKILLS[code] for code in have),
    }
    factor = 0.5 + 0.5 * len(have) / len(goal_type.skills)
    if len(have) == len(goal_type.skills):
        message = N_("Draws on: %(skills)s. You have all of these.")
    elif have:
        message = N_("Draws on: %(skills)s. You have: %(have)s.")
    else:
        message = N_("Draws on: %(skills)s. You have none of these yet.")
    return factor, Reason("skills", message, params)


def _people(goal_type: GoalType, capacity: Capacity) -> tuple[float, Reason | None]:
    if capacity.people >= goal_type.min_people:
        return 1.0, None
    return 0.5, Reason(
        "people",
        N_("Usually needs at least %(needed)s people; you have %(people)s."),
        {"needed": str(goal_type.min_people), "people": str(capacity.people)},
    )


def _check_goals(goals: Iterable[Goal]) -> list[Goal]:
    goals = list(goals)
    seen = set()
    for goal in goals:
        if goal.id in seen:
            raise SuggestionError(f"two goals have the id {goal.id!r}", field="goals")
        seen.add(goal.id)
        if not isinstance(goal.text, str) or not goal.text.strip():
            raise SuggestionError(f"goal {goal.id!r} has no text", field="goals")
        if goal.priority not in set(Priority):
            raise SuggestionError(
                f"goal {goal.text!r}: unknown priority {goal.priority!r}; use "
                + ", ".join(Priority),
                field="goals",
            )
    return goals


def _check_swot(swot: Iterable[SwotItem], goals: list[Goal]) -> list[SwotItem]:
    items = list(swot)
    ids = {goal.id for goal in goals}
    for item in items:
        if item.kind not in set(SwotKind):
            raise SuggestionError(
                f"SWOT item {item.text!r}: unknown kind {item.kind!r}; use " + ", ".join(SwotKind),
                field="swot",
            )
        if not isinstance(item.text, str) or not item.text.strip():
            raise SuggestionError("a SWOT item has no text", field="swot")
        for goal_id in item.goals:
            if goal_id not in ids:
                raise SuggestionError(
                    f"SWOT item {item.text!r} is linked to goal {goal_id!r}, which is not "
                    f"among the goals",
                    field="swot",
                )
    return items


def _check_capacity(capacity: Capacity) -> None:
    people, hours = capacity.people, capacity.hours
    if isinstance(people, bool) or not isinstance(people, numbers.Integral) or people < 0:
        raise SuggestionError(
            f"people must be a whole number, 0 or more, not {people!r}", field="people"
        )
    if (
        isinstance(hours, bool)
        or not isinstance(hours, numbers.Real)
        or not math.isfinite(hours)
        or hours < 0
    ):
        raise SuggestionError(f"hours per month must be 0 or more, not {hours!r}", field="hours")
    unknown = sorted(set(capacity.skills) - SKILLS.keys())
    if unknown:
        raise SuggestionError(
            f"unknown skill {unknown[0]!r}; skills: {', '.join(SKILLS)}", field="skills"
        )
