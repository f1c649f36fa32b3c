"""The pitch, as plain Python: arguments to pick from, the readiness questions, how long the
one-minute summary takes to say, the partner's own vocabulary, and Wikimedia jargon the
partner may not know.

Importing this module registers the stage rule ``pitch_ready_before_contact``: a partnership
enters "in contact" only when every readiness question has an answer. The application puts
the codes of the unanswered questions in ``Facts.extra["pitch_unanswered"]``; when the key is
absent, nothing is known and every question counts as unanswered.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from partnerkit.method import stages
from partnerkit.method.stages import N_, Stage

# Arguments -------------------------------------------------------------------------------------

GLAM = frozenset({"gallery", "library", "archive", "museum"})
EDUCATION = frozenset({"higher_education", "learned_society"})
GOVERNMENT = frozenset({"national_government", "local_government"})
COMMUNITIES = frozenset({"nonprofit", "network", "wikimedia_community", "affiliate"})
CONTENT = frozenset({"content_acquisition", "content_spreading"})


@dataclass(frozen=True)
class Argument:
    """A reason for the partner to work with us. Empty ``partner_kinds`` or ``goal_types``
    means the argument fits any."""

    code: str
    title: str
    text: str
    partner_kinds: frozenset[str] = frozenset()
    goal_types: frozenset[str] = frozenset()

    @property
    def specificity(self) -> int:
        return (2 if self.partner_kinds else 0) + (1 if self.goal_types else 0)


ARGUMENTS: tuple[Argument, ...] = (
    # Memory institutions.
    Argument(
        "presence",
        N_("Be where people already look"),
        N_(
            "Most people who want to know something start with a search engine and land on "
            "Wikipedia. Images and facts from the collection placed there meet those people "
            "instead of waiting for them to visit the institution's own website."
        ),
        GLAM,
        CONTENT,
    ),
    Argument(
        "findability",
        N_("Easier to find, in many languages"),
        N_(
            "Structured descriptions on Wikidata and Commons are read by search engines, "
            "voice assistants and other catalogues, and volunteers translate them, so the "
            "collection can be found by people who do not speak the institution's language."
        ),
        GLAM,
        CONTENT,
    ),
    Argument(
        "peers_do_it",
        N_("Comparable institutions already do it"),
        N_(
            "Many museums, libraries and archives have released collections through the "
            "Wikimedia projects and report more use of their material. Joining them is a "
            "tested path, not an experiment."
        ),
        GLAM,
    ),
    Argument(
        "information_landscape",
        N_("Part of how people find information today"),
        N_(
            "The encyclopedia and its sister projects are now a basic layer of the public's "
            "knowledge, much as reference books once were. An institution that wants to stay "
            "relevant is present in that layer with accurate, sourced content."
        ),
        GLAM,
    ),
    Argument(
        "reuse_innovation",
        N_("Reuse leads to new uses"),
        N_(
            "Material under a free licence can be used by teachers, researchers, developers "
            "and artists without asking first. Projects nobody planned grow out of it, and "
            "each one credits the source."
        ),
        GLAM | GOVERNMENT,
        CONTENT,
    ),
    Argument(
        "public_mandate",
        N_("Fulfils the public mission"),
        N_(
            "Collections kept with public money exist for the public. Sharing them openly is "
            "a direct way to show funders and visitors that the mission of access is met."
        ),
        GLAM,
    ),
    Argument(
        "metadata_feedback",
        N_("Better metadata in return"),
        N_(
            "Volunteers spot wrong dates, identify people and places in photographs and link "
            "records to other databases. The institution can take those corrections back into "
            "its own catalogue."
        ),
        GLAM,
        CONTENT,
    ),
    # Universities and learned societies.
    Argument(
        "students_real_audience",
        N_("Students write for real readers"),
        N_(
            "Writing or improving an article teaches research, summarising and citing with an "
            "audience far larger than one teacher, and the work stays useful after the course."
        ),
        EDUCATION,
        frozenset({"outreach_recruitment", "content_acquisition"}),
    ),
    Argument(
        "research_reach",
        N_("Research reaches the public"),
        N_(
            "Expert knowledge added with sources to Wikipedia and Wikidata is read by far more "
            "people than most publications, which supports the outreach that funders ask of "
            "researchers."
        ),
        EDUCATION,
    ),
    Argument(
        "open_science",
        N_("Open science in practice"),
        N_(
            "Open data and openly licensed material are what many research policies already "
            "ask for; the Wikimedia projects give them a place where they are actually used."
        ),
        EDUCATION | GOVERNMENT,
        frozenset({"content_acquisition", "advocacy"}),
    ),
    # Libraries.
    Argument(
        "citations_send_readers",
        N_("References bring readers to the sources"),
        N_(
            "Every article that cites a book, journal or archive is a signpost to it. Giving "
            "editors access puts the library's sources in front of readers who would not "
            "otherwise find them."
        ),
        frozenset({"library", "archive", "higher_education", "company_media"}),
        frozenset({"access"}),
    ),
    Argument(
        "access_mission",
        N_("Access to knowledge is the shared mission"),
        N_(
            "Libraries exist to give everyone access to knowledge; the Wikimedia projects "
            "exist for the same reason. Working together extends the library beyond its "
            "walls and opening hours."
        ),
        frozenset({"library"}),
    ),
    # Governments.
    Argument(
        "open_data_used",
        N_("Open data that is actually used"),
        N_(
            "Data published on a portal is often hard to find. Linked into Wikidata and shown "
            "in articles, it reaches citizens, journalists and developers in their own "
            "language."
        ),
        GOVERNMENT,
        frozenset({"content_acquisition", "content_spreading", "advocacy"}),
    ),
    Argument(
        "public_money_public_good",
        N_("Public money, public knowledge"),
        N_(
            "What was produced with taxes can be given back to the public in the most widely "
            "read reference there is, under conditions that let anyone reuse it."
        ),
        GOVERNMENT,
    ),
    Argument(
        "local_heritage_visible",
        N_("The place and its heritage on the map"),
        N_(
            "Articles, photographs and data about local monuments, history and institutions "
            "make the area visible to residents, students and visitors alike."
        ),
        frozenset({"local_government"}),
    ),
    # Non-profits and communities.
    Argument(
        "shared_mission",
        N_("We pursue the same mission"),
        N_(
            "Free access to knowledge supports education, participation and equal "
            "opportunities, the goals many organisations in civil society work for. Pooling "
            "efforts helps both."
        ),
        COMMUNITIES,
    ),
    Argument(
        "reaching_readers",
        N_("Reaching readers through well-sourced facts"),
        N_(
            "Millions of people read about the partner's topic on Wikipedia. Improving that "
            "coverage with reliable sources, written neutrally, informs them better than any "
            "campaign page could — without turning articles into promotion."
        ),
        COMMUNITIES | frozenset({"company_media"}),
        frozenset({"outreach_awareness", "content_acquisition"}),
    ),
    Argument(
        "media_literacy",
        N_("Understanding how knowledge is made"),
        N_(
            "Showing how articles are written, sourced and checked helps the partner's "
            "audience judge what they read online, a goal shared by educators and journalists."
        ),
        goal_types=frozenset({"outreach_awareness"}),
    ),
    # Money and things.
    Argument(
        "movement_visibility",
        N_("Visible support for a worldwide volunteer movement"),
        N_(
            "Supporters are thanked in our reports, at events and in announcements, in line "
            "with the movement's rules. The projects themselves carry no advertising, and we "
            "never promise that they will."
        ),
        goal_types=frozenset({"fundraising", "in_kind"}),
    ),
    Argument(
        "tax_and_responsibility",
        N_("Part of social responsibility, with possible tax benefits"),
        N_(
            "Support for free knowledge fits a company's social responsibility report. Where "
            "the law allows and our organisation qualifies, a donation may be tax-deductible; "
            "the partner should confirm this with its own adviser."
        ),
        frozenset({"company_media"}),
        frozenset({"fundraising", "in_kind"}),
    ),
    # Any partner.
    Argument(
        "small_first_step",
        N_("Start small, decide later"),
        N_(
            "A pilot of a few weeks shows what the cooperation brings before anyone commits "
            "more. Either side can stop after it without loss."
        ),
    ),
    Argument(
        "measurable_results",
        N_("Results you can measure"),
        N_(
            "We report how often the material is viewed and where it is used, with the same "
            "public figures anyone can check, so the partner can show the effect to its board."
        ),
    ),
)

BY_CODE: dict[str, Argument] = {item.code: item for item in ARGUMENTS}


def argument(code: str) -> Argument:
    """The argument with this code; KeyError names an unknown code."""
    try:
        return BY_CODE[code]
    except KeyError:
        raise KeyError(f"unknown argument {code!r}") from None


def arguments_for(kind: str, goal_types: Iterable[str] = ()) -> list[Argument]:
    """The arguments that fit a partner of ``kind`` and a partnership of ``goal_types``, the
    most specific first (made for this kind and these goals, then this kind, then these goals,
    then any partner). Without goal types, arguments for any goal of the kind are offered."""
    goals = frozenset(goal_types)
    fitting = [
        item
        for item in ARGUMENTS
        if (not item.partner_kinds or kind in item.partner_kinds)
        and (not item.goal_types or not goals or item.goal_types & goals)
    ]
    order = {item.code: position for position, item in enumerate(ARGUMENTS)}
    return sorted(fitting, key=lambda item: (-item.specificity, order[item.code]))


# Readiness questions ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Question:
    code: str
    text: str
    help: str
    title: str = ""


READINESS_QUESTIONS: tuple[Question, ...] = (
    Question(
        "benefits_partner",
        N_("What, specifically, does the partner gain?"),
        N_(
            "A partner says yes for its own reasons. If we cannot name a concrete gain for "
            "them, the first meeting will not find one either."
        ),
        N_("Benefits for the partner"),
    ),
    Question(
        "benefits_wikimedia",
        N_("What, specifically, do the projects and our community gain?"),
        N_(
            "A partnership that gives us nothing measurable costs volunteer time for nothing; "
            "naming the gain also tells us what to measure later."
        ),
        N_("Benefits for Wikimedia"),
    ),
    Question(
        "assets",
        N_("What does each side bring: people, content, skills, rooms, money?"),
        N_(
            "Knowing the assets on both sides shows whether the plan is realistic and what we "
            "can offer in exchange."
        ),
        N_("Assets of each side"),
    ),
    Question(
        "owners",
        N_("Who owns the relationship, on our side and on theirs?"),
        N_(
            "Relationships without an owner fade. One named person on each side keeps the "
            "conversation going and answers when something goes wrong."
        ),
        N_("Owners on both sides"),
    ),
    Question(
        "competencies",
        N_("Do we have the skills to work with this partner?"),
        N_(
            "Uploads, data work, training or legal questions each need someone who can do "
            "them; promise only what our people can deliver."
        ),
        N_("Our competencies"),
    ),
    Question(
        "decisions",
        N_("How are decisions made, and how are disagreements settled?"),
        N_(
            "Agreeing on this before it is needed avoids a stalemate when the first conflict "
            "arrives, and shows the partner what we can decide on our own."
        ),
        N_("Decisions and disagreements"),
    ),
    Question(
        "roles",
        N_("Who does what, on each side?"),
        N_(
            "Clear roles prevent two people doing the same task or nobody doing it, and make "
            "it visible when one person carries too much."
        ),
        N_("Roles"),
    ),
    Question(
        "community",
        N_("How is the wider volunteer community involved?"),
        N_(
            "We speak for a community, not over it. Telling it early and giving it a part "
            "avoids surprises on the wikis and brings helping hands."
        ),
        N_("Community involvement"),
    ),
    Question(
        "licence",
        N_("Will the content come under a free licence?"),
        N_(
            "The projects can only use freely licensed content. If the licence is not settled, "
            "the partnership may not be possible at all; better to know before the meeting."
        ),
        N_("Free licence"),
    ),
)
QUESTION_CODES: tuple[str, ...] = tuple(question.code for question in READINESS_QUESTIONS)
QUESTIONS_BY_CODE: dict[str, Question] = {q.code: q for q in READINESS_QUESTIONS}


def unanswered(answered: Mapping[str, bool]) -> list[Question]:
    """The questions not answered, in their order; a code missing from ``answered`` counts as
    unanswered."""
    return [question for question in READINESS_QUESTIONS if not answered.get(question.code)]


# The stage rule -------------------------------------------------------------------------------

RULE_CODE = "pitch_ready_before_contact"


def _pitch_ready(facts: stages.Facts) -> list[tuple[str, dict]]:
    codes = facts.extra.get("pitch_unanswered")
    if codes is None:
        missing = list(READINESS_QUESTIONS)
    else:
        missing = [question for question in READINESS_QUESTIONS if question.code in set(codes)]
    if not missing:
        return []
    return [
        (
            N_(
                "Answers to the pitch readiness questions: %(questions)s (answer them on the "
                "partnership's pitch page)."
            ),
            {"questions": ", ".join(question.title for question in missing)},
        )
    ]


RULE = stages.Rule(RULE_CODE, stages.from_stage_on(Stage.IN_CONTACT), _pitch_ready)

# The module body runs once per process; the check keeps a reload from raising.
if not any(existing.code == RULE_CODE for existing in stages.RULES):
    stages.register(RULE)


# Timing of the summary ---------------------------------------------------------------------------

WORDS_PER_MINUTE = 140
# "About a minute": a summary that takes more than 70 seconds to say is too long.
TOO_LONG_SECONDS = 70

_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
# Scripts written without spaces between words: count about two characters as one word.
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\u0e00-\u0e7f]")


@dataclass(frozen=True)
class SummaryTiming:
    words: int
    seconds: int
    too_long: bool

    def __iter__(self):
        return iter((self.words, self.seconds, self.too_long))


def word_count(text: str) -> int:
    text = text or ""
    unspaced = len(_UNSPACED.findall(text))
    spaced = len(_WORD.findall(_UNSPACED.sub(" ", text)))
    return spaced + (unspaced + 1) // 2


def summary_timing(text: str) -> SummaryTiming:
    """Words, seconds to say them at ``WORDS_PER_MINUTE``, and whether that is over
    ``TOO_LONG_SECONDS``."""
    words = word_count(text)
    seconds = round(words * 60 / WORDS_PER_MINUTE)
    return SummaryTiming(words, seconds, seconds > TOO_LONG_SECONDS)


# Jargon ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Jargon:
    term: str
    pattern: str
    plain: str
    explanation: str


@dataclass(frozen=True)
class JargonHit:
    term: str
    span: tuple[int, int]
    matched: str
    plain: str
    explanation: str


JARGON: tuple[Jargon, ...] = (
    Jargon(
        "edit-a-thon", r"edit[\s-]?a[\s-]?thons?|editathons?",
        N_("writing workshop"),
        N_("An event where people learn to write and improve articles together."),
    ),
    Jargon(
        "GLAM-Wiki", r"glam[\s-]wiki",
        N_("cooperation with cultural institutions"),
        N_("The movement's name for its work with galleries, libraries, archives and museums."),
    ),
    Jargon(
        "GLAM", r"glams?",
        N_("galleries, libraries, archives and museums"),
        N_("An acronym used mostly inside the movement."),
    ),
    Jargon(
        "Commons", r"(?:wikimedia\s+)?commons",
        N_("the free media archive of Wikipedia"),
        N_("Wikimedia Commons holds the images and other files that Wikipedia shows."),
    ),
    Jargon(
        "Wikidata item", r"wikidata\s+items?",
        N_("an entry in the free knowledge database"),
        N_("One record in Wikidata, describing a single thing such as a painting or a person."),
    ),
    Jargon(
        "QID", r"q-?ids?",
        N_("the entry's number in Wikidata"),
        N_("The identifier of a Wikidata entry, such as Q42."),
    ),
    Jargon(
        "sitelink", r"site\s?links?",
        N_("link to the article in another language"),
        N_("A link from a Wikidata entry to the matching article in a Wikipedia."),
    ),
    Jargon(
        "notability", r"notab(?:ility|le)",
        N_("whether a topic deserves its own article"),
        N_("The community's rules on which subjects get an article."),
    ),
    Jargon(
        "talk page", r"talk\s?pages?",
        N_("the discussion page of an article"),
        N_("Every article has a page where editors discuss changes."),
    ),
    Jargon(
        "CC BY-SA", r"cc[\s-]by[\s-]sa(?:[\s-]\d(?:\.\d)?)?",
        N_("a free licence: reuse allowed with credit, under the same terms"),
        N_("The Creative Commons Attribution-ShareAlike licence that Wikipedia text uses."),
    ),
    Jargon(
        "CC0", r"cc[\s-]?0|cc[\s-]zero",
        N_("a public domain dedication: reuse without conditions"),
        N_("A Creative Commons tool that gives up all rights."),
    ),
    Jargon(
        "Upload Wizard", r"upload\s?wizard",
        N_("the upload form of the media archive"),
        N_("The step-by-step form for adding files to Wikimedia Commons."),
    ),
    Jargon(
        "bot", r"bots?",
        N_("automated editing program"),
        N_("A script that makes many similar edits, run by a volunteer with permission."),
    ),
    Jargon(
        "sysop", r"sysops?|admins?",
        N_("volunteer with extra rights"),
        N_("Administrators are volunteers trusted with tools such as deleting pages; they "
           "do not control content."),
    ),
    Jargon(
        "WikiProject", r"wikiprojects?",
        N_("group of volunteers working on one topic"),
        N_("An informal group of editors who look after articles on a subject."),
    ),
    Jargon(
        "affiliate", r"affiliates?",
        N_("recognised Wikimedia organisation"),
        N_("A chapter, thematic organisation or user group recognised by the movement."),
    ),
    Jargon(
        "chapter", r"chapters?",
        N_("national Wikimedia association"),
        N_("An independent non-profit that supports the projects in one country or region."),
    ),
    Jargon(
        "user group", r"user\s?groups?",
        N_("volunteer group recognised by Wikimedia"),
        N_("A lighter form of Wikimedia organisation, often without staff."),
    ),
    Jargon(
        "VRT", r"otrs|vrts?|volunteer\s+response\s+team",
        N_("the volunteer team that handles permission e-mails"),
        N_("Volunteers who check and archive the permissions rights holders send by e-mail."),
    ),
    Jargon(
        "Wikimedian in residence", r"wikimedians?[\s-]in[\s-]residence|wir",
        N_("a Wikipedia expert working inside the institution"),
        N_("A person placed at a partner for a time to help staff share their knowledge."),
    ),
    Jargon(
        "namespace", r"name\s?spaces?",
        N_("section of the wiki"),
        N_("Wikis keep articles, discussions, files and help pages in separate sections."),
    ),
    Jargon(
        "wiki (as a verb)", r"to\s+wiki|wikif(?:y|ies|ied|ying)|wiki(?:ed|ing)",
        N_("put on Wikipedia, format for Wikipedia"),
        N_("Insider slang for adding or formatting something on a wiki."),
    ),
    Jargon(
        "SPARQL", r"sparql",
        N_("database query"),
        N_("The query language used to ask Wikidata questions."),
    ),
    Jargon(
        "structured data", r"structured\s+data(?:\s+on\s+commons)?|sdc",
        N_("machine-readable descriptions of the files"),
        N_("Facts about each file stored in a form computers can search and translate."),
    ),
    Jargon(
        "mainspace", r"main\s?space|article\s+space",
        N_("the articles themselves"),
        N_("The part of the wiki where the published articles live."),
    ),
    Jargon(
        "WMF", r"wmf",
        N_("Wikimedia Foundation"),
        N_("The non-profit that hosts Wikipedia; it does not write or control the content."),
    ),
)

_JARGON_RE = [
    (item, re.compile(r"(?<![\w-])(?:" + item.pattern + r")(?![\w-])", re.IGNORECASE))
    for item in JARGON
]


def jargon_in(text: str) -> list[JargonHit]:
    """Wikimedia jargon in ``text``, by position; where terms overlap (``GLAM-Wiki`` and
    ``GLAM``) the longer match wins. Spans point into ``text`` as given."""
    found = []
    for item, pattern in _JARGON_RE:
        for match in pattern.finditer(text or ""):
            found.append(
                JargonHit(item.term, match.span(), match.group(0), item.plain, item.explanation)
            )
    found.sort(key=lambda hit: (hit.span[0], -(hit.span[1] - hit.span[0])))
    kept: list[JargonHit] = []
    for hit in found:
        if kept and hit.span[0] < kept[-1].span[1]:
            continue
        kept.append(hit)
    return kept


# The partner's vocabulary ------------------------------------------------------------------------

MAX_TEXT_CHARS = 200_000
# Longer "phrases" are whole sentences of a script written without spaces; not useful.
MAX_PHRASE_CHARS = 60


# yake names some stop word lists by other codes than ISO 639-1.
_YAKE_ALIASES = {"cs": "cz"}


class PitchTextError(ValueError):
    """The texts cannot be read for key phrases; the message says why."""


def yake_languages() -> frozenset[str]:
    """Language codes for which yake has a stop word list."""
    import yake

    folder = os.path.join(os.path.dirname(yake.__file__), "core", "StopwordsList")
    try:
        names = os.listdir(folder)
    except OSError:
        return frozenset({"en"})
    return frozenset(
        name[len("stopwords_") : -len(".txt")]
        for name in names
        if name.startswith("stopwords_") and name.endswith(".txt") and "noLang" not in name
    )


@dataclass(frozen=True)
class Vocabulary:
    phrases: list[str]
    language: str
    # True when yake had no stop words for the language and read the text without them.
    generic: bool


def _norm_word(word: str) -> str:
    word = unicodedata.normalize("NFKC", word).casefold()
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    return word


_PLAIN_WORD = re.compile(r"[^\W_]+")


def _words(text: str) -> list[str]:
    """Words for comparing phrases: hyphens and apostrophes split, case and plural "s" go."""
    return [_norm_word(word) for word in _PLAIN_WORD.findall(text)]


def vocabulary(texts: Iterable[str], lang: str = "en", top: int = 15) -> Vocabulary:
    """Key phrases of the partner's own texts with yake, best first, without near duplicates:
    of phrases that share a word only the better one stays, except that a longer phrase
    replaces a single word it contains."""
    import yake

    texts = [text for text in texts if text is not None]
    total = sum(len(text) for text in texts)
    if total > MAX_TEXT_CHARS:
        raise PitchTextError(
            N_("The texts are too long to read: %(chars)s characters, at most %(max)s.")
            % {"chars": total, "max": MAX_TEXT_CHARS}
        )
    joined = "\n\n".join(text.strip() for text in texts if text.strip())
    if not joined:
        raise PitchTextError(
            N_("There is no text to read: add the partner's mission or one of its own texts.")
        )
    code = (lang or "").strip().lower().split("-")[0]
    yake_code = _YAKE_ALIASES.get(code, code)
    generic = yake_code not in yake_languages()
    # yake falls back to its empty, language-neutral list for a code it has no file for.
    extractor = yake.KeywordExtractor(
        lan="xx" if generic else yake_code, n=3, top=max(top, 1) * 4, dedup_lim=0.8
    )
    try:
        candidates = extractor.extract_keywords(joined)
    except (ValueError, ZeroDivisionError, IndexError):
        candidates = []
    stop = {word.casefold() for word in extractor.stopword_set if word}
    ranked = sorted(
        (
            (float(score), _inner_stop_words(phrase, stop), -len(phrase.split()), position, phrase)
            for position, (phrase, score) in enumerate(candidates)
        )
    )
    kept: list[tuple[str, frozenset[str]]] = []
    for *_rank, phrase in ranked:
        phrase = " ".join(phrase.split())
        if not phrase or len(phrase) > MAX_PHRASE_CHARS or _joins_two_things(phrase):
            continue
        words = frozenset(
            {word for word in _words(phrase) if word not in stop} or set(_words(phrase))
        )
        if not words:
            continue
        # A longer phrase takes the place of a single word it contains ("public history"
        # for "history"), so the partner's own expression is shown, ranked where the word was.
        absorbed = [i for i, (_text, seen) in enumerate(kept) if len(seen) == 1 and seen < words]
        if absorbed and not _inner_stop_words(phrase, stop) and not any(
            seen & words for i, (_text, seen) in enumerate(kept) if i not in absorbed
        ):
            kept[absorbed[0]] = (phrase, words)
            for i in reversed(absorbed[1:]):
                del kept[i]
            continue
        if any(seen & words for _text, seen in kept):
            continue
        kept.append((phrase, words))
        if len(kept) >= top:
            break
    kept = [phrase for phrase, _words_of in kept]
    return Vocabulary(kept, code or "en", generic)


# Conjunctions join two separate things and an article starts a new noun phrase: a phrase
# across one ("archives and local", "shares the cultural") is a fragment, not a phrase of the
# partner's.
_FRAGMENT_INSIDE = frozenset(
    {"and", "or", "nor", "but", "und", "oder", "och", "eller", "et", "ou", "y", "o", "e", "ja",
     "the", "a", "an", "der", "die", "das", "ein", "eine", "le", "la", "les", "un", "une",
     "el", "los", "las"}
)


def _joins_two_things(phrase: str) -> bool:
    inner = phrase.casefold().split()[1:-1]
    return any(word in _FRAGMENT_INSIDE for word in inner)


def _inner_stop_words(phrase: str, stop: set[str]) -> int:
    return sum(1 for word in phrase.split() if word.casefold() in stop)


def key_phrases(texts: Iterable[str], lang: str = "en", top: int = 15) -> list[str]:
    """The phrases of ``vocabulary``; PitchTextError for no text at all or too much text."""
    return vocabulary(texts, lang, top).phrases


def _normalised(text: str) -> str:
    return " " + " ".join(_words(text)) + " "


def alignment(phrases: Iterable[str], pitch_text: str) -> tuple[list[str], list[str]]:
    """Which phrases the pitch already uses and which it could: compared without case,
    punctuation or a plural "s"."""
    haystack = _normalised(pitch_text or "")
    used, unused = [], []
    for phrase in phrases:
        needle = _normalised(phrase)
        (used if needle.strip() and needle in haystack else unused).append(phrase)
    return used, unused
