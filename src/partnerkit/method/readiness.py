"""Should we pursue partnerships now? (step 0 of the method: a healthy-enough community).

The talk's answer is "yes, provided": the group has clear shared goals and knows the mutual
benefit, has a plan (ideally a plan B), has the community's support (silent support counts),
is prepared to represent the projects, and has the resources to keep its promises. Before
all that comes a community healthy enough to carry the work. If these are missing,
partnerships may simply not be the group's next step.

Partnerkit asks about each condition in a few questions of its own, each with a fixed scale
of answers scored 0 (not there), 0.5 (partly) or 1 (there). ``assess`` turns the answers
into one of three outcomes:

``not_now``
    Any *decisive* answer: nobody active in the group, the community opposed, nobody able to
    represent the projects, or no hours at all. Or three or more conditions entirely unmet
    (every answered question of the condition at 0).
``ready``
    Every question answered and every one that is not merely advice fully met.
``ready_with_gaps``
    Everything else: go ahead, and work on the gaps listed.

Each gap comes with a suggested next step. Questions marked *advice* (plan B, knowing whom to
ask for help) never hold a group back; the talk calls them ideal rather than required. An
unanswered question is a gap of its own ("not answered yet"), never a silent zero.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from partnerkit.method.stages import N_


class ReadinessError(ValueError):
    """An answer the check cannot use; ``field`` is the question code."""

    def __init__(self, message: str, *, field: str):
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class Option:
    code: str
    label: str
    score: float  # 0, 0.5 or 1
    # This answer alone means "not now".
    decisive: bool = False
    # A next step for this answer, instead of the question's own.
    next_step: str | None = None


@dataclass(frozen=True)
class Condition:
    code: str
    label: str
    description: str


@dataclass(frozen=True)
class Question:
    code: str
    condition: str
    text: str
    options: tuple[Option, ...]
    next_step: str
    # Good to have, not required: a low answer is advice, never a gap that holds back.
    advisory: bool = False

    def option(self, code: str) -> Option:
        for option in self.options:
            if option.code == code:
                return option
        raise ReadinessError(
            f"{self.code}: unknown answer {code!r}; answers: "
            + ", ".join(option.code for option in self.options),
            field=self.code,
        )


def _scale(no: str, partly: str, yes: str) -> tuple[Option, ...]:
    return (Option("no", no, 0.0), Option("partly", partly, 0.5), Option("yes", yes, 1.0))


CONDITIONS: tuple[Condition, ...] = (
    Condition(
        "community_health",
        N_("A healthy enough group"),
        N_("Enough active people who work together well to carry a partnership."),
    ),
    Condition(
        "shared_goals",
        N_("Clear goals and mutual benefit"),
        N_("The group knows what it wants, and what a partner would gain too."),
    ),
    Condition(
        "plan",
        N_("A plan, and ideally a plan B"),
        N_("How a partnership would run, and what happens if it stalls."),
    ),
    Condition(
        "community_support",
        N_("Community support"),
        N_("The wider community backs the idea, even if only by not objecting."),
    ),
    Condition(
        "representation",
        N_("Able to represent the projects"),
        N_("Someone can speak for the group and explain how the projects work."),
    ),
    Condition(
        "resources",
        N_("Resources to deliver"),
        N_("Time and skills to keep the promises a partnership brings."),
    ),
)

QUESTIONS: tuple[Question, ...] = (
    Question(
        "active_people",
        "community_health",
        N_("How many people in the group are active and could share the work of a partnership?"),
        (
            Option(
                "none",
                N_("Nobody at the moment"),
                0.0,
                decisive=True,
                next_step=N_(
                    "Build an active core group first; partnerships are not the next step yet."
                ),
            ),
            Option("one", N_("One person"), 0.5),
            Option("several", N_("Two or more"), 1.0),
        ),
        N_(
            "Find two or three people willing to share the work before approaching a partner: "
            "one person alone is a single point of failure."
        ),
    ),
    Question(
        "disagreements",
        "community_health",
        N_("When members disagree, are the disagreements settled in a way most of them accept?"),
        _scale(N_("Rarely"), N_("Sometimes"), N_("Usually")),
        N_(
            "Settle open conflicts first, or agree how you will handle them: partners notice "
            "a divided group."
        ),
    ),
    Question(
        "decisions",
        "community_health",
        N_("Does everyone know how the group takes decisions, and can they take part?"),
        _scale(N_("No"), N_("Partly"), N_("Yes")),
        N_("Write down how the group decides and share it with the members."),
    ),
    Question(
        "written_goals",
        "shared_goals",
        N_(
            "Has the group written down what it wants to achieve, in a strategic or annual "
            "plan or a short list of goals?"
        ),
        _scale(N_("No"), N_("Being written"), N_("Yes")),
        N_(
            "Write a short list of goals for the year with their priorities; the suggestions "
            "of partnership types start from it."
        ),
    ),
    Question(
        "mutual_benefit",
        "shared_goals",
        N_(
            "For the partnerships you have in mind, can you say what the partner would gain, "
            "not only what the group would gain?"
        ),
        _scale(N_("No"), N_("Roughly"), N_("Clearly")),
        N_(
            "For each idea, write one sentence on what the partner gains and one on what the "
            "projects gain; without both it is a service, not a partnership."
        ),
    ),
    Question(
        "plan",
        "plan",
        N_(
            "Is there a plan for how a partnership would run: who does what, by when, and how "
            "you would see that it worked?"
        ),
        _scale(N_("No"), N_("Partly"), N_("Yes")),
        N_(
            "Sketch the partnership: the actions, an owner on each side, dates, and the "
            "figures that will show success."
        ),
    ),
    Question(
        "plan_b",
        "plan",
        N_(
            "If a partnership stalls or a key person leaves, do you know how you would carry "
            "on, or step back gracefully?"
        ),
        _scale(N_("No"), N_("Partly"), N_("Yes")),
        N_(
            "Agree who would take over, and how you would close a partnership politely if it "
            "has to end."
        ),
        advisory=True,
    ),
    Question(
        "community_view",
        "community_support",
        N_(
            "How does the wider community (the wikis and volunteers you work with) see the "
            "group seeking partnerships?"
        ),
        (
            Option(
                "opposed",
                N_("Against it"),
                0.0,
                decisive=True,
                next_step=N_(
                    "Talk with the community first: explain the idea on the wiki, listen to the "
                    "objections and change the plan where they are right."
                ),
            ),
            Option(
                "unknown",
                N_("We have not asked"),
                0.5,
                next_step=N_(
                    "Announce the idea on the wiki and invite comments; no objection after a "
                    "fair notice counts as support."
                ),
            ),
            Option("quiet", N_("No objections when told"), 1.0),
            Option("supportive", N_("Openly supportive"), 1.0),
        ),
        N_("Tell the community about the idea and listen to its feedback."),
    ),
    Question(
        "volunteer_interest",
        "community_support",
        N_(
            "Are volunteers interested in the work partnerships would bring, such as "
            "uploading, writing, teaching or organising?"
        ),
        _scale(N_("No"), N_("Some"), N_("Yes")),
        N_(
            "Ask volunteers which tasks they would take on: a partnership nobody wants to "
            "work on should wait."
        ),
    ),
    Question(
        "spokesperson",
        "representation",
        N_(
            "Is there someone who can speak for the group to a partner and explain how the "
            "projects work: free licences, neutral articles nobody owns, a community that "
            "decides for itself?"
        ),
        (
            Option("nobody", N_("Nobody yet"), 0.0, decisive=True),
            Option("learning", N_("Someone is learning"), 0.5),
            Option("yes", N_("Yes"), 1.0),
        ),
        N_(
            "Prepare one or two members to present the projects: how they work, what free "
            "licences mean, and what can never be promised (particular articles, control)."
        ),
    ),
    Question(
        "mandate",
        "representation",
        N_(
            "Does the group know whom it speaks for, and what it may promise without asking "
            "its members first?"
        ),
        _scale(N_("No"), N_("Partly"), N_("Yes")),
        N_("Agree whom you speak for and which commitments need the group's approval."),
    ),
    Question(
        "hours",
        "resources",
        N_("How many volunteer or staff hours a month could the group give to partnerships?"),
        (
            Option(
                "none",
                N_("None"),
                0.0,
                decisive=True,
                next_step=N_(
                    "Without time for it, a partnership would break its promises; grow the group "
                    "first."
                ),
            ),
            Option("under_5", N_("Fewer than 5"), 0.5),
            Option("5_to_20", N_("5 to 20"), 1.0),
            Option("over_20", N_("More than 20"), 1.0),
        ),
        N_("Free a few more hours a month, or start with one small partnership."),
    ),
    Question(
        "skills",
        "resources",
        N_(
            "Does the group have the skills the partnerships in mind would need, such as "
            "photography, training, Wikidata, legal questions, languages or organising "
            "events?"
        ),
        _scale(N_("No"), N_("Some of them"), N_("Yes")),
        N_(
            "List the skills each partnership needs and find members, affiliates or "
            "volunteers who have them."
        ),
    ),
    Question(
        "support_network",
        "resources",
        N_(
            "Do you know whom to ask for help: other affiliates, the Foundation, volunteers "
            "who have done this before?"
        ),
        _scale(N_("No"), N_("Partly"), N_("Yes")),
        N_(
            "Get in touch with a nearby affiliate, the Foundation's partnerships team or "
            "volunteers who have run partnerships."
        ),
        advisory=True,
    ),
)

BY_CODE: dict[str, Question] = {question.code: question for question in QUESTIONS}
CONDITIONS_BY_CODE: dict[str, Condition] = {condition.code: condition for condition in CONDITIONS}

# This many conditions entirely unmet also means "not now".
UNMET_CONDITIONS_FOR_NOT_NOW = 3


class Outcome(StrEnum):
    READY = "ready"
    READY_WITH_GAPS = "ready_with_gaps"
    NOT_NOW = "not_now"


class Severity(StrEnum):
    BLOCKING = "blocking"  # a decisive answer
    GAP = "gap"
    UNANSWERED = "unanswered"
    ADVICE = "advice"  # a low answer to an advisory question


class Status(StrEnum):
    MET = "met"
    PARTLY = "partly"
    UNMET = "unmet"
    UNANSWERED = "unanswered"


@dataclass(frozen=True)
class Gap:
    question: str
    condition: str
    # The option code given; None when unanswered.
    answer: str | None
    severity: Severity
    next_step: str


@dataclass(frozen=True)
class ConditionResult:
    code: str
    status: Status
    # Mean score of its answered required questions; None when none is answered.
    score: float | None


@dataclass(frozen=True)
class Reason:
    """Why the outcome is "not now". ``message`` is untranslated, with ``%(name)s`` places
    filled from ``params``; an application translates the message (and the texts in the
    params) before filling in."""

    message: str
    params: Mapping[str, str] = field(default_factory=dict)

    def __str__(self) -> str:
        return self.message % self.params if self.params else self.message


@dataclass(frozen=True)
class Assessment:
    outcome: Outcome
    conditions: tuple[ConditionResult, ...]
    # In question order.
    gaps: tuple[Gap, ...]
    # Why the outcome is "not now"; empty otherwise.
    reasons: tuple[Reason, ...]
    answered: int

    @property
    def blocking(self) -> tuple[Gap, ...]:
        return tuple(gap for gap in self.gaps if gap.severity is Severity.BLOCKING)

    @property
    def next_steps(self) -> tuple[str, ...]:
        """The next steps, blocking ones first, then gaps, unanswered questions and advice."""
        order = list(Severity)
        return tuple(
            gap.next_step for gap in sorted(self.gaps, key=lambda g: order.index(g.severity))
        )


def assess(answers: Mapping[str, str]) -> Assessment:
    """Assess the answers (question code → option code). Unknown questions or answers raise
    ``ReadinessError`` naming the question; questions left out are unanswered."""
    unknown = [code for code in answers if code not in BY_CODE]
    if unknown:
        raise ReadinessError(
            f"unknown question {unknown[0]!r}; questions: {', '.join(BY_CODE)}",
            field=str(unknown[0]),
        )
    chosen = {
        code: BY_CODE[code].option(answer)
        for code, answer in answers.items()
        if answer is not None and answer != ""
    }
    gaps = []
    for question in QUESTIONS:
        option = chosen.get(question.code)
        if option is None:
            gaps.append(
                Gap(
                    question.code,
                    question.condition,
                    None,
                    Severity.UNANSWERED,
                    N_("Answer this question."),
                )
            )
            continue
        if option.score >= 1:
            continue
        if option.decisive:
            severity = Severity.BLOCKING
        elif question.advisory:
            severity = Severity.ADVICE
        else:
            severity = Severity.GAP
        gaps.append(
            Gap(
                question.code,
                question.condition,
                option.code,
                severity,
                option.next_step or question.next_step,
            )
        )

    conditions = tuple(_condition(condition, chosen) for condition in CONDITIONS)
    unmet = [result for result in conditions if result.status is Status.UNMET]
    reasons = []
    for gap in gaps:
        if gap.severity is Severity.BLOCKING:
            question = BY_CODE[gap.question]
            reasons.append(
                Reason(
                    N_("“%(question)s” — %(answer)s."),
                    {"question": question.text, "answer": question.option(gap.answer).label},
                )
            )
    if len(unmet) >= UNMET_CONDITIONS_FOR_NOT_NOW:
        reasons.append(
            Reason(
                N_("Several conditions are not met at all: %(conditions)s."),
                {"conditions": "; ".join(CONDITIONS_BY_CODE[r.code].label for r in unmet)},
            )
        )
    if reasons:
        outcome = Outcome.NOT_NOW
    elif any(gap.severity in (Severity.GAP, Severity.UNANSWERED) for gap in gaps):
        outcome = Outcome.READY_WITH_GAPS
    else:
        outcome = Outcome.READY
    return Assessment(outcome, conditions, tuple(gaps), tuple(reasons), len(chosen))


def _condition(condition: Condition, chosen: Mapping[str, Option]) -> ConditionResult:
    required = [q for q in QUESTIONS if q.condition == condition.code and not q.advisory]
    scores = [chosen[q.code].score for q in required if q.code in chosen]
    if not scores:
        return ConditionResult(condition.code, Status.UNANSWERED, None)
    score = sum(scores) / len(scores)
    if len(scores) == len(required) and score >= 1:
        status = Status.MET
    elif max(scores) <= 0:
        status = Status.UNMET
    else:
        status = Status.PARTLY
    return ConditionResult(condition.code, status, score)
