"""Follow-up plans: the method's rules for keeping a relationship alive, as plain data.

After a good meeting the partner wants it all in writing: send it within two days, within a
week at the latest. When they go quiet for two weeks, ping them politely. Once there is an
agreement: a kick-off, a first report after a month, then regular reports, and a review well
before the agreement ends. A plan is a list of steps; each step is due a number of days
after (or before) an anchor — an event in the partnership, or another step being done.

Nothing here knows about the database: the apps store plans as rows and call these
functions to check them and to work out dates.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from partnerkit.method.stages import Stage

# Longest offset a step may have: beyond three years a reminder is a guess, not a plan.
MAX_OFFSET_DAYS = 1_100
# Regular tasks come back at most this often: more often is a routine, not a follow-up.
MIN_REPEAT_DAYS = 7


class Anchor(enum.StrEnum):
    """What a step's due date counts from."""

    MEETING_HELD = "meeting_held"
    PROPOSAL_SENT = "proposal_sent"
    PARTNER_REPLIED = "partner_replied"
    REPORT_SENT = "report_sent"
    AGREED = "agreed"
    RUNNING = "running"
    MOU_SIGNED = "mou_signed"
    MOU_ENDS = "mou_ends"
    REVIEW_DUE = "review_due"
    STEP_DONE = "step_done"


# Events that happen (a meeting, a reply) and can only be counted from; dates in the record
# (the agreement's end) can also be counted back from.
DATE_ANCHORS = frozenset({Anchor.MOU_SIGNED, Anchor.MOU_ENDS, Anchor.REVIEW_DUE})
# What a partner or we do: these can also close a step ("a reply closes the pending ping").
CLOSING_EVENTS = (
    Anchor.MEETING_HELD, Anchor.PROPOSAL_SENT, Anchor.PARTNER_REPLIED, Anchor.REPORT_SENT,
)  # fmt: skip
# Entering these stages is an event of its own.
STAGE_EVENTS = {Stage.AGREED: Anchor.AGREED, Stage.RUNNING: Anchor.RUNNING}


class Direction(enum.StrEnum):
    AFTER = "after"
    BEFORE = "before"


class OwnerRule(enum.StrEnum):
    """Who a new task goes to."""

    PARTNERSHIP_OWNER = "partnership_owner"  # whoever owns the partnership, now or later
    ACTOR = "actor"  # whoever logged the event
    PERSON = "person"  # a named member of the workspace


@dataclass(frozen=True)
class StepSpec:
    code: str
    title: str
    anchor: Anchor
    offset_days: int
    direction: Direction = Direction.AFTER
    after_step: str = ""  # the step whose completion anchors this one (anchor STEP_DONE)
    limit_days: int | None = None  # a hard limit, counted like the offset
    skip_weekends: bool = False  # count working days, Monday to Friday
    owner: OwnerRule = OwnerRule.PARTNERSHIP_OWNER
    person: str = ""  # for OwnerRule.PERSON: who (a username or an id, as the caller stores it)
    wait_for_due: bool = False  # hidden until due: "no reply for 14 days", not a to-do now
    closed_by: tuple[Anchor, ...] = ()
    completes: Anchor | None = None  # done means this event happened ("proposal sent")
    repeat_days: int | None = None  # done, it comes back this many days later
    description: str = ""


@dataclass(frozen=True)
class PlanSpec:
    code: str
    name: str
    description: str
    steps: tuple[StepSpec, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Problem:
    """Why a plan cannot be used, naming the step and the field at fault."""

    step: str
    field: str
    message: str

    def __str__(self):
        return f"{self.step}: {self.message}" if self.step else self.message


def validate(steps: Sequence[StepSpec]) -> list[Problem]:
    """Everything wrong with a plan's steps; an empty list when it can be used."""
    problems: list[Problem] = []
    codes = [step.code for step in steps]
    by_code = {step.code: step for step in steps}
    for step in steps:
        where = step.title or step.code
        if not step.code.strip():
            problems.append(Problem(where, "code", "A step needs a short code."))
        if codes.count(step.code) > 1:
            problems.append(Problem(where, "code", "Two steps have this code."))
        if not step.title.strip():
            problems.append(Problem(step.code, "title", "A step needs a title."))
        problems.extend(_offset_problems(step, where))
        if step.anchor == Anchor.STEP_DONE:
            if not step.after_step:
                problems.append(Problem(where, "after_step", "Say which step this one follows."))
            elif step.after_step not in by_code:
                problems.append(
                    Problem(where, "after_step", f"There is no step “{step.after_step}”.")
                )
        elif step.after_step:
            problems.append(
                Problem(where, "after_step", "Only a step counted from another step follows one.")
            )
        if step.direction == Direction.BEFORE and step.anchor not in DATE_ANCHORS:
            problems.append(
                Problem(
                    where,
                    "direction",
                    "Only a date in the record (the agreement's signature, end or review) "
                    "can be counted back from; an event has not happened yet.",
                )
            )
        if step.owner == OwnerRule.PERSON and not step.person:
            problems.append(Problem(where, "person", "Say who owns the tasks of this step."))
        if step.owner not in set(OwnerRule):
            problems.append(Problem(where, "owner", "A step needs an owner."))
        if step.anchor in step.closed_by:
            problems.append(
                Problem(
                    where,
                    "closed_by",
                    "A step cannot be closed by the event it is counted from: each new "
                    "occurrence would close it at once.",
                )
            )
    problems.extend(_cycle_problems(steps, by_code))
    return problems


def _offset_problems(step: StepSpec, where: str) -> list[Problem]:
    problems = []
    for name, value in (("offset_days", step.offset_days), ("limit_days", step.limit_days)):
        if value is None:
            continue
        if value < 0:
            problems.append(
                Problem(
                    where,
                    name,
                    "Days cannot be negative; count back with “before” instead.",
                )
            )
        elif value > MAX_OFFSET_DAYS:
            problems.append(Problem(where, name, f"At most {MAX_OFFSET_DAYS} days."))
    if step.limit_days is not None and 0 <= step.limit_days < step.offset_days:
        problems.append(
            Problem(where, "limit_days", "The hard limit cannot come before the due date.")
        )
    if step.limit_days is not None and step.direction == Direction.BEFORE:
        problems.append(
            Problem(where, "limit_days", "A step counted back from a date has no hard limit.")
        )
    if step.repeat_days is not None and step.repeat_days < MIN_REPEAT_DAYS:
        problems.append(
            Problem(where, "repeat_days", f"Repeat every {MIN_REPEAT_DAYS} days or more.")
        )
    return problems


def _cycle_problems(steps: Sequence[StepSpec], by_code: dict[str, StepSpec]) -> list[Problem]:
    """Steps that follow each other round in a circle would never start."""
    problems = []
    reported: set[str] = set()
    for step in steps:
        seen = [step.code]
        current = step
        while current.anchor == Anchor.STEP_DONE and current.after_step in by_code:
            current = by_code[current.after_step]
            if current.code in seen:
                circle = seen[seen.index(current.code) :] + [current.code]
                if not reported & set(circle):
                    problems.append(
                        Problem(
                            step.title or step.code,
                            "after_step",
                            "These steps wait for each other in a circle: "
                            + " → ".join(circle)
                            + ".",
                        )
                    )
                    reported.update(circle)
                break
            seen.append(current.code)
    return problems


def shift(
    start: date, days: int, *, direction: Direction = Direction.AFTER, skip_weekends: bool = False
) -> date:
    """``days`` after (or before) ``start``; working days only when ``skip_weekends``.

    Counting working days, 2 days after a Friday is Tuesday, and a step due 0 days after a
    Saturday is due on Monday (on Friday when counting back).
    """
    sign = 1 if direction == Direction.AFTER else -1
    if not skip_weekends:
        return start + timedelta(days=sign * days)
    current = start
    remaining = days
    while remaining > 0:
        current += timedelta(days=sign)
        if current.weekday() < 5:
            remaining -= 1
    while current.weekday() >= 5:
        current += timedelta(days=sign)
    return current


@dataclass(frozen=True)
class Schedule:
    due_on: date
    limit_on: date | None
    visible_from: date


def schedule(step: StepSpec, anchor_on: date, *, created_on: date) -> Schedule:
    """When a task of ``step`` counted from ``anchor_on`` is due, its hard limit, and from
    when it shows in people's lists."""
    due = shift(
        anchor_on, step.offset_days, direction=step.direction, skip_weekends=step.skip_weekends
    )
    limit = None
    if step.limit_days is not None:
        limit = shift(
            anchor_on, step.limit_days, direction=step.direction, skip_weekends=step.skip_weekends
        )
    visible = due if step.wait_for_due else min(created_on, due)
    return Schedule(due, limit, visible)


def starters(steps: Iterable[StepSpec], anchor: Anchor) -> list[StepSpec]:
    """The steps that an event of ``anchor`` starts."""
    return [step for step in steps if step.anchor == anchor]


def followers(steps: Iterable[StepSpec], code: str) -> list[StepSpec]:
    """The steps that wait for step ``code`` to be done."""
    return [step for step in steps if step.anchor == Anchor.STEP_DONE and step.after_step == code]


# Stale relationships --------------------------------------------------------------------------

# Days without any interaction after which a partnership in a stage counts as gone quiet. The
# method's two weeks while talking; longer once the work runs; nothing before first contact.
STALE_DAYS = {
    Stage.PREPARING: 30,
    Stage.IN_CONTACT: 14,
    Stage.NEGOTIATING: 14,
    Stage.AGREED: 21,
    Stage.RUNNING: 45,
    Stage.ON_HOLD: 90,
}
MAX_STALE_DAYS = 365


def is_stale(
    *,
    stage: Stage,
    last_contact: date | None,
    since: date,
    today: date,
    thresholds: dict[Stage, int] | None = None,
) -> bool:
    """Whether nothing has happened for too long in this stage.

    ``last_contact`` is the last interaction; without one, ``since`` (when the partnership
    entered the stage) counts.
    """
    limits = STALE_DAYS if thresholds is None else thresholds
    days = limits.get(stage)
    if days is None:
        return False
    quiet_since = max(last_contact, since) if last_contact else since
    return (today - quiet_since).days >= days


# The method's plans ---------------------------------------------------------------------------

AFTER_MEETING = PlanSpec(
    code="after_meeting",
    name="After a meeting",
    description=(
        "Put what was said in writing while it is fresh, chase a silence politely, and make "
        "sure somebody arranges the next meeting."
    ),
    steps=(
        StepSpec(
            code="proposal",
            title="Send the written proposal",
            description=(
                "Partners ask for everything in writing. Two days keeps the meeting fresh; "
                "after a week the moment has passed."
            ),
            anchor=Anchor.MEETING_HELD,
            offset_days=2,
            limit_days=7,
            closed_by=(Anchor.PROPOSAL_SENT,),
            completes=Anchor.PROPOSAL_SENT,
        ),
        StepSpec(
            code="ping",
            title="No reply yet: ping them politely",
            description=(
                "Two weeks of silence after the proposal: a short, friendly message asking "
                "whether they had a chance to read it. A reply closes this on its own."
            ),
            anchor=Anchor.PROPOSAL_SENT,
            offset_days=14,
            wait_for_due=True,
            closed_by=(Anchor.PARTNER_REPLIED, Anchor.MEETING_HELD),
        ),
        StepSpec(
            code="next_meeting",
            title="Agree who schedules the next meeting",
            description=(
                "They replied: settle who invites whom, and who of ours should be there. "
                "The next meeting closes this."
            ),
            anchor=Anchor.PARTNER_REPLIED,
            offset_days=3,
            skip_weekends=True,
            closed_by=(Anchor.MEETING_HELD,),
        ),
    ),
)

RUNNING_AGREEMENT = PlanSpec(
    code="running_agreement",
    name="Running the agreement",
    description=(
        "Start small and soon after the agreement, report to the partner and the community "
        "regularly, and review well before the agreement ends."
    ),
    steps=(
        StepSpec(
            code="kickoff",
            title="Hold the kick-off",
            description="Meet both sides' people, agree the first small step and the plan B.",
            anchor=Anchor.AGREED,
            offset_days=14,
            skip_weekends=True,
        ),
        StepSpec(
            code="first_report",
            title="Send the first report",
            description="What happened in the first month, with figures, to the partner and "
            "the community.",
            anchor=Anchor.STEP_DONE,
            after_step="kickoff",
            offset_days=30,
            completes=Anchor.REPORT_SENT,
        ),
        StepSpec(
            code="regular_report",
            title="Send the regular report",
            description="Figures and stories every three months keep the partner's trust.",
            anchor=Anchor.STEP_DONE,
            after_step="first_report",
            offset_days=90,
            repeat_days=90,
            completes=Anchor.REPORT_SENT,
        ),
        StepSpec(
            code="renewal",
            title="Review the agreement for renewal",
            description="Two months before it ends: renew, change or close it on purpose.",
            anchor=Anchor.MOU_ENDS,
            offset_days=60,
            direction=Direction.BEFORE,
        ),
    ),
)

DEFAULT_PLANS = (AFTER_MEETING, RUNNING_AGREEMENT)
