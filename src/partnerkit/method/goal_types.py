"""The eight partnership goal types of the method (step 1: what kind of partnership do we need?).

Each type says, in our own words, what it is for. Later parts of the method (arguments,
actions, metrics, document sections) hang further data on these same codes.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class GoalType:
    code: str
    label: str
    summary: str


GOAL_TYPES: tuple[GoalType, ...] = (
    GoalType(
        "content_acquisition",
        "Content acquisition",
        "Bring free content or data into the projects: collections, texts, images, datasets.",
    ),
    GoalType(
        "content_spreading",
        "Spreading our content",
        "Carry Wikimedia content to people who do not reach it today, e.g. offline copies.",
    ),
    GoalType(
        "access",
        "Access",
        "Give editors access to sources: library-style access, visiting scholars, archives.",
    ),
    GoalType(
        "outreach_awareness",
        "Outreach for awareness",
        "Help readers understand and trust the projects: talks, exhibitions, media.",
    ),
    GoalType(
        "outreach_recruitment",
        "Outreach for recruitment",
        "Bring in new contributors: students, experts, members of a community.",
    ),
    GoalType(
        "in_kind",
        "In-kind support",
        "Venues, prizes, equipment, connectivity or professional help such as legal advice.",
    ),
    GoalType(
        "fundraising",
        "Fundraising",
        "Money for the movement's work, e.g. donation or tax-designation programmes.",
    ),
    GoalType(
        "advocacy",
        "Advocacy",
        "Work together for free knowledge in law and policy: copyright, open data, access.",
    ),
)

BY_CODE: dict[str, GoalType] = {goal.code: goal for goal in GOAL_TYPES}
CODES: tuple[str, ...] = tuple(BY_CODE)


def unknown_codes(codes) -> list[str]:
    """The codes that are not goal types, in the order given."""
    return [code for code in codes if code not in BY_CODE]
