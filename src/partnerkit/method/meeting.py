"""The first meeting with a partner: agenda, wiki primer, materials, preparation, attendees.

A first meeting has a loose but recognisable shape in six parts: introductions (with a short
wiki primer when the partner is new to our world), why working together makes sense, what we
ourselves hope to get, a sketch of a possible collaboration, the risks and worries, and what
happens next. ``plan_agenda`` gives each part a time box fitted to the meeting's length;
``rebalance`` and ``refit`` keep the boxes adding up when someone changes one of them or the
length. The other functions give the wiki primer's topics for a kind of partner, the things to
bring, the questions to settle before going, and warnings about who attends.

Everything here is plain data in English, marked with ``N_`` so the application translates it
when it shows it. Messages with numbers carry ``params`` so they are translated before the
numbers are filled in.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from partnerkit.method.partner_kinds import BY_CODE as KIND_CODES


def N_(text: str) -> str:
    """Marks text for translation; the application translates it when it shows it."""
    return text


MIN_MINUTES = 15
MAX_MINUTES = 480


class MeetingLengthError(ValueError):
    """A length the agenda cannot be fitted to. ``message`` is the untranslated text with
    ``%(name)s`` places filled from ``params``."""

    def __init__(self, message: str, **params):
        self.message = message
        self.params = params
        super().__init__(message % params)


# The agenda -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Part:
    code: str
    title: str
    # Share of the time beyond the minimums; relative, not per cent.
    weight: int
    minimum: int
    prompts: tuple[str, ...]


AGENDA_PARTS: tuple[Part, ...] = (
    Part(
        "introductions",
        N_("Introductions"),
        10,
        2,
        (
            N_("Thank them for their time; say who each of us is and why we came."),
            N_("Ask each of them about their role and what they hope to take from the hour."),
            N_("Call it an exploratory conversation, so nobody expects a deal today."),
        ),
    ),
    Part(
        "arguments",
        N_("Why work together"),
        15,
        2,
        (
            N_("Give two or three reasons that matter to them, in their own vocabulary."),
            N_("Show a figure: how visible they are on the wikis today, and where they are not."),
            N_("Name a comparable institution that already works with Wikimedia."),
        ),
    ),
    Part(
        "our_interests",
        N_("What we hope for"),
        10,
        2,
        (
            N_("Say plainly what we would gain: content, new volunteers, a venue, expertise."),
            N_("Being open about our own interest builds trust; do not dress it up."),
        ),
    ),
    Part(
        "collaboration",
        N_("A possible collaboration"),
        20,
        3,
        (
            N_("Start with the one-minute summary: the main actions and the main result."),
            N_("If there are no questions yet, walk through the sketch and its options."),
            N_("Stress that it is a draft to shape together, not an offer to accept."),
        ),
    ),
    Part(
        "risks",
        N_("Risks and concerns"),
        15,
        2,
        (
            N_("Ask what worries them, and listen more than you talk."),
            N_("Note what they liked, what concerned them, and what set off a reaction."),
            N_("Invite the questions they have not asked yet; revise the sketch in the open."),
        ),
    ),
    Part(
        "agreement",
        N_("Agreement and next steps"),
        12,
        2,
        (
            N_("Sum up what was agreed, if anything, and who does what by when."),
            N_("Promise only what we can deliver; check before committing to anything."),
            N_("Offer a written proposal within two days, a week at most."),
            N_("Agree who arranges the next meeting and who else should attend it."),
        ),
    ),
)
CODES: tuple[str, ...] = tuple(part.code for part in AGENDA_PARTS)
BY_CODE: dict[str, Part] = {part.code: part for part in AGENDA_PARTS}

# The wiki primer lives inside the introductions: its own minimum and share of the time.
PRIMER_WEIGHT = 8
PRIMER_MINIMUM = 2
PRIMER_TITLE = N_("Introductions, with a short wiki primer")
PRIMER_PROMPTS = (
    N_("Explain how the wikis work and what is not possible, without wiki syntax or jargon."),
    N_("Keep it short and answer their questions; the meeting has a clock."),
)


@dataclass(frozen=True)
class Slot:
    code: str
    title: str
    minutes: int
    prompts: tuple[str, ...]
    # Of ``minutes``, the part given to the wiki primer (introductions only).
    primer_minutes: int = 0


def minimums(*, wiki_primer: bool) -> list[int]:
    """The smallest time box of each part, in agenda order."""
    return [
        part.minimum + (PRIMER_MINIMUM if wiki_primer and part.code == "introductions" else 0)
        for part in AGENDA_PARTS
    ]


def check_length(minutes: int) -> None:
    """MeetingLengthError naming the length when no agenda fits it."""
    if isinstance(minutes, bool) or not isinstance(minutes, int):
        raise TypeError(f"minutes must be a whole number, not {minutes!r}")
    if minutes < MIN_MINUTES:
        raise MeetingLengthError(
            N_(
                "A meeting of %(minutes)d minutes is too short for the six parts of the "
                "agenda; plan at least %(least)d minutes."
            ),
            minutes=minutes,
            least=MIN_MINUTES,
        )
    if minutes > MAX_MINUTES:
        raise MeetingLengthError(
            N_(
                "A meeting of %(minutes)d minutes is longer than a working day; plan at most "
                "%(most)d minutes."
            ),
            minutes=minutes,
            most=MAX_MINUTES,
        )


def _share(amount: int, weights: Sequence[float], caps: Sequence[int] | None = None) -> list[int]:
    """Split ``amount`` whole minutes in proportion to ``weights`` (largest remainder), never
    giving a part more than its cap. The parts add up to ``amount`` exactly."""
    count = len(weights)
    caps = list(caps) if caps is not None else [amount] * count
    total = sum(weights)
    if amount <= 0 or total <= 0:
        if amount > 0:
            # No weight to go by: spread evenly.
            weights, total = [1] * count, count
        else:
            return [0] * count
    exact = [amount * weight / total for weight in weights]
    shares = [min(int(value), cap) for value, cap in zip(exact, caps, strict=True)]
    left = amount - sum(shares)
    # Biggest remainders first, then agenda order; only parts with room below their cap.
    order = sorted(range(count), key=lambda i: (-(exact[i] - int(exact[i])), i))
    while left > 0:
        moved = False
        for i in order:
            if left and shares[i] < caps[i]:
                shares[i] += 1
                left -= 1
                moved = True
        if not moved:
            raise ValueError("the caps leave no room for the minutes to share")
    return shares


def plan_agenda(minutes: int, *, wiki_primer: bool = True) -> list[Slot]:
    """The six parts with time boxes that add up to ``minutes`` exactly.

    Every part first gets its minimum; the rest of the time is shared by weight. The wiki
    primer, when on, is a bucket of its own inside the introductions."""
    check_length(minutes)
    floors = [part.minimum for part in AGENDA_PARTS]
    weights = [part.weight for part in AGENDA_PARTS]
    if wiki_primer:
        floors.append(PRIMER_MINIMUM)
        weights.append(PRIMER_WEIGHT)
    extra = _share(minutes - sum(floors), weights)
    boxes = [floor + more for floor, more in zip(floors, extra, strict=True)]
    primer = boxes.pop() if wiki_primer else 0
    slots = []
    for part, box in zip(AGENDA_PARTS, boxes, strict=True):
        if part.code == "introductions" and wiki_primer:
            slots.append(
                Slot(part.code, PRIMER_TITLE, box + primer, part.prompts + PRIMER_PROMPTS, primer)
            )
        else:
            slots.append(Slot(part.code, part.title, box, part.prompts))
    return slots


def refit(boxes: Sequence[int], minutes: int, *, floors: Sequence[int]) -> list[int]:
    """New time boxes for a new length, keeping the proportions of the current ones (which
    may have been adjusted by hand) and every box at or above its floor."""
    check_length(minutes)
    if sum(floors) > minutes:
        raise MeetingLengthError(
            N_("The parts need at least %(least)d minutes together; %(minutes)d is too short."),
            minutes=minutes,
            least=sum(floors),
        )
    weights = [max(box, 1) for box in boxes]
    extra = _share(minutes - sum(floors), weights)
    return [floor + more for floor, more in zip(floors, extra, strict=True)]


class BoxError(ValueError):
    """A time box that cannot be set; ``message`` and ``params`` as MeetingLengthError."""

    def __init__(self, message: str, **params):
        self.message = message
        self.params = params
        super().__init__(message % params)


def rebalance(boxes: Sequence[int], index: int, new: int, *, floors: Sequence[int]) -> list[int]:
    """Set box ``index`` to ``new`` minutes and give or take the difference from the other
    boxes, in proportion to their size (growing) or to their room above their floor
    (shrinking), so the total stays the same."""
    boxes = list(boxes)
    total = sum(boxes)
    if new < floors[index]:
        raise BoxError(
            N_("This part needs at least %(least)d minutes."), least=floors[index]
        )
    others = [i for i in range(len(boxes)) if i != index]
    room = sum(floors[i] for i in others)
    if new > total - room:
        raise BoxError(
            N_(
                "At most %(most)d minutes: the other parts need %(room)d of the meeting's "
                "%(total)d minutes."
            ),
            most=total - room,
            room=room,
            total=total,
        )
    delta = (total - new) - sum(boxes[i] for i in others)
    if delta > 0:
        gains = _share(delta, [boxes[i] for i in others])
        for i, gain in zip(others, gains, strict=True):
            boxes[i] += gain
    elif delta < 0:
        slack = [boxes[i] - floors[i] for i in others]
        cuts = _share(-delta, slack, caps=slack)
        for i, cut in zip(others, cuts, strict=True):
            boxes[i] -= cut
    boxes[index] = new
    return boxes


def offsets(boxes: Iterable[int]) -> list[tuple[int, int]]:
    """(start, end) minute of each box from the start of the meeting."""
    spans, start = [], 0
    for box in boxes:
        spans.append((start, start + box))
        start += box
    return spans


def clock(minute: int) -> str:
    """A minute offset as h:mm, e.g. 75 → "1:15"."""
    return f"{minute // 60}:{minute % 60:02d}"


# The wiki primer ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Topic:
    code: str
    title: str
    text: str
    # Figures the application fills in (the content-gap topic).
    figures: str = ""


PRIMER_TOPICS: tuple[Topic, ...] = (
    Topic(
        "transparency",
        N_("Everything happens in the open"),
        N_(
            "Every edit, discussion and decision on the wikis is public and stays visible. "
            "Disagreements are settled on talk pages that anyone can read, so it helps to "
            "expect questions in public rather than in private e-mail."
        ),
    ),
    Topic(
        "no_ownership",
        N_("Nobody owns an article"),
        N_(
            "Once text is on a wiki, anyone may change it, including the people it is about. "
            "A partner can improve articles like anyone else, but cannot approve, lock or keep "
            "the final say over them."
        ),
    ),
    Topic(
        "free_licences",
        N_("Commons takes freely licensed files only"),
        N_(
            "Wikimedia Commons accepts only works in the public domain or under a free "
            "licence such as CC BY-SA or CC0, which allow anyone to reuse them, also "
            "commercially. A permission limited to Wikipedia, or a non-commercial licence, is "
            "not enough."
        ),
    ),
    Topic(
        "conflict_of_interest",
        N_("Conflict of interest and paid editing"),
        N_(
            "People editing about their own employer, or paid to edit, must say so openly and "
            "should suggest changes on the talk page rather than make them directly. Staff "
            "are welcome to share sources and expertise this way."
        ),
    ),
    Topic(
        "living_people",
        N_("Biographies of living people"),
        N_(
            "Articles about living people are held to strict sourcing and neutrality rules. "
            "Unsourced praise or criticism is removed quickly, whoever adds it."
        ),
    ),
    Topic(
        "content_gaps",
        N_("Where the gaps are"),
        N_(
            "Show, with figures, what the wikis already hold about their field and what is "
            "missing: languages without an article, collections without images. Gaps are "
            "where a partnership makes the clearest difference."
        ),
    ),
    Topic(
        "not_wikipedia",
        N_("We are not Wikipedia, and we do not run the community"),
        N_(
            "We are volunteers of an independent organisation of the movement. We cannot "
            "speak for Wikipedia, promise what its editors will do, or overrule community "
            "decisions; we can explain the rules and help them work within them."
        ),
    ),
    Topic(
        "timing",
        N_("Realistic timing"),
        N_(
            "Volunteer work follows volunteers' time: uploads, articles and reviews take "
            "weeks or months, and community discussions have no deadline. Plan for that from "
            "the start."
        ),
    ),
)
TOPIC_CODES: tuple[str, ...] = tuple(topic.code for topic in PRIMER_TOPICS)

# Which topics come first for each group of partner kinds, and what the group needs to hear.
KIND_GROUPS: dict[str, tuple[str, ...]] = {
    "glam": ("gallery", "library", "archive", "museum"),
    "education": ("higher_education", "learned_society"),
    "government": ("national_government", "local_government"),
    "company": ("company_media",),
    "civil": ("nonprofit", "network", "other"),
    "movement": ("wikimedia_community", "affiliate", "wmf"),
}
GROUP_OF: dict[str, str] = {kind: group for group, kinds in KIND_GROUPS.items() for kind in kinds}

FIRST_BY_GROUP: dict[str, tuple[str, ...]] = {
    "glam": ("free_licences", "content_gaps", "no_ownership", "transparency"),
    "education": ("conflict_of_interest", "no_ownership", "living_people", "timing"),
    "government": ("conflict_of_interest", "living_people", "transparency", "not_wikipedia"),
    "company": ("conflict_of_interest", "not_wikipedia", "no_ownership", "transparency"),
    "civil": ("conflict_of_interest", "transparency", "no_ownership", "not_wikipedia"),
    "movement": ("timing", "content_gaps"),
}

# Wording of a topic for a group, where the general text would miss what matters to them.
TAILORED: dict[tuple[str, str], str] = {
    ("free_licences", "glam"): N_(
        "Images and scans of your collection can go to Wikimedia Commons only under a free "
        "licence (CC BY-SA, CC BY or CC0) or when already in the public domain. Reuse "
        "anywhere, also commercial, is what makes the files travel; a permission for "
        "Wikipedia alone cannot be accepted."
    ),
    ("content_gaps", "glam"): N_(
        "Show what the wikis hold about your institution and its collection today, and "
        "which languages and subjects have nothing yet. Those gaps are where your files "
        "and knowledge would be seen most."
    ),
    ("conflict_of_interest", "education"): N_(
        "Staff and students writing about their own university, research or colleagues "
        "have a conflict of interest and must declare it. Course assignments work best "
        "when students improve topics of their subject, not their institution, with a "
        "teacher who knows the rules for student editing."
    ),
    ("timing", "education"): N_(
        "Plan course work around the semester: articles need time for review by the "
        "community, and a first assignment is best small."
    ),
    ("conflict_of_interest", "government"): N_(
        "Officials editing about their own agency, policies or ministers have a conflict of "
        "interest. Articles must stay neutral: a government can offer sources and open data, "
        "never messaging."
    ),
    ("living_people", "government"): N_(
        "Articles on politicians and officials are biographies of living people: every "
        "claim needs a reliable source, and edits from official accounts are watched "
        "closely."
    ),
    ("conflict_of_interest", "company"): N_(
        "Anyone paid by the company who edits about it, its products or its people must "
        "disclose that they are paid, and should propose changes on the talk page instead "
        "of making them. Undisclosed paid editing breaks the terms of use."
    ),
    ("not_wikipedia", "company"): N_(
        "Working with us is not an endorsement by Wikipedia, and the Wikipedia name and "
        "logos cannot be used for marketing without permission from the trademark holder. "
        "We do not control what volunteers write."
    ),
}


def kind_group(partner_kind: str) -> str:
    """The group of a partner kind; KeyError names an unknown kind."""
    if partner_kind not in KIND_CODES:
        raise KeyError(f"unknown partner kind {partner_kind!r}")
    return GROUP_OF[partner_kind]


def primer_topics(
    partner_kind: str, *, goal_types: Iterable[str] = (), gap_figures: str = ""
) -> list[Topic]:
    """The primer's topics, most important first for this kind of partner and these goal
    types, worded for the kind; ``gap_figures`` (a sentence of figures the application
    knows) fills in the content-gap topic."""
    group = kind_group(partner_kind)
    goal_types = set(goal_types)
    first = list(FIRST_BY_GROUP[group])
    # Content coming in puts licences and gaps up front; recruiting people puts the rules
    # for editing about oneself up front.
    if "content_acquisition" in goal_types:
        first = ["free_licences", "content_gaps", *first]
    if "outreach_recruitment" in goal_types and group != "movement":
        first = ["conflict_of_interest", *first]
    order = list(dict.fromkeys([*first, *TOPIC_CODES]))
    by_code = {topic.code: topic for topic in PRIMER_TOPICS}
    topics = []
    for code in order:
        topic = by_code[code]
        text = TAILORED.get((code, group), topic.text)
        figures = gap_figures.strip() if code == "content_gaps" else ""
        topics.append(replace(topic, text=text, figures=figures))
    return topics


# Materials ------------------------------------------------------------------------------------

MATERIALS_ALWAYS: tuple[str, ...] = (
    N_("The printed brief with the agenda, one copy for each of us"),
    N_("The one-minute summary of the partnership, rehearsed aloud"),
    N_("The sketch of the possible collaboration, with its options"),
    N_("Examples of similar partnerships by comparable organisations"),
    N_("A laptop or tablet to show figures and pages, with the pages open offline"),
    N_("Our contact details to leave behind"),
)
MATERIALS_PRIMER: tuple[str, ...] = (
    N_("A one-page handout explaining how the wikis work"),
    N_("An article's history and talk page ready to show"),
)
MATERIALS_BY_GOAL: dict[str, tuple[str, ...]] = {
    "content_acquisition": (
        N_("Content-gap figures for the partner: articles by language, Commons files"),
        N_("A plain explanation of free licences (CC BY-SA, CC BY, CC0)"),
        N_("A Commons category of a comparable donation to show"),
    ),
    "content_spreading": (N_("A selection of our content that fits the partner's audience"),),
    "access": (N_("A short description of a visiting scholar or library access arrangement"),),
    "outreach_awareness": (N_("An outline of a “How Wikipedia works” talk we could give"),),
    "outreach_recruitment": (
        N_("A one-page outline of an edit-a-thon or course with realistic numbers"),
    ),
    "in_kind": (N_("A list of what we need: venue, equipment, wi-fi, prizes, advice"),),
    "fundraising": (N_("A rough budget and what the money would pay for"),),
    "advocacy": (N_("A short statement of the position we hope to share"),),
}


def materials_checklist(goal_types: Iterable[str], *, wiki_primer: bool) -> list[str]:
    """What to bring, without repeats, in a sensible order."""
    items = list(MATERIALS_ALWAYS)
    if wiki_primer:
        items.extend(MATERIALS_PRIMER)
    for code in goal_types:
        items.extend(MATERIALS_BY_GOAL.get(code, ()))
    return list(dict.fromkeys(items))


# Preparation ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Prompt:
    code: str
    question: str
    help: str


PREPARATION_PROMPTS: tuple[Prompt, ...] = (
    Prompt(
        "speaks_for",
        N_("Whom do we speak for?"),
        N_("Our organisation, a project, ourselves as volunteers? Say it the same way there."),
    ),
    Prompt(
        "may_commit",
        N_("What may we commit to, and what must we take back to others first?"),
        N_("Decide beforehand where our mandate ends, so nothing is promised on the spot."),
    ),
    Prompt(
        "batna",
        N_("What is our best alternative if there is no agreement?"),
        N_("Knowing it keeps us calm under pressure to say yes. Never share it."),
    ),
    Prompt(
        "no_partnership_ok",
        N_("Are we ready to leave without a partnership?"),
        N_("Walking away is a good result when the terms are wrong; the urge to succeed is not."),
    ),
    Prompt(
        "expected_questions",
        N_("Which questions do we expect, and who answers them?"),
        N_("Licences, effort, timing, control over articles, technical details."),
    ),
)


# Attendees ------------------------------------------------------------------------------------

# More of us than this in a first meeting tends to feel like a delegation, not a conversation.
MAX_OURS = 4


@dataclass(frozen=True)
class AttendeeFacts:
    name: str
    technical: bool = False
    role: str = ""


def attendee_warnings(
    *, technical_expected: bool, ours: Sequence[AttendeeFacts], theirs: int | None = None
) -> list[str]:
    """What to put right about who attends from our side; ``theirs`` is how many of the
    partner's people attend, when known."""
    warnings = []
    if not ours:
        warnings.append(N_("Nobody from our side attends yet: add at least one of us."))
    elif technical_expected and not any(person.technical for person in ours):
        warnings.append(
            N_(
                "Technical questions are expected but none of our attendees is technical: "
                "bring someone who can answer them."
            )
        )
    if len(ours) > MAX_OURS:
        warnings.append(
            N_(
                "More than four of us attend: a large group can feel like a delegation; "
                "consider who is really needed."
            )
        )
    elif theirs is not None and ours and len(ours) > theirs + 2:
        warnings.append(
            N_("We would clearly outnumber the partner's people; consider bringing fewer.")
        )
    return warnings
