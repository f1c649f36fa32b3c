"""Activity recipes: the small, tried formats a running partnership is made of, as plain data.

The talk's advice for running a partnership is to start small and safe: have a few event
formats ready, hold a first small one, and only then a big one, so that trust grows with each
success. A recipe says what the format is, how long it usually takes, what a good first size
is, which outputs it leaves on the wikis, and a planning checklist whose items are due a
number of days before or after the activity starts (``-28`` four weeks before, ``0`` on the
day, ``+7`` a week after). Each item names the area of work it belongs to, so that the
application can give it to whoever holds that role.

Everything here is plain data in English, marked with ``N_`` so the application translates it
when it shows it; messages with numbers carry ``params`` so they are translated before the
numbers are filled in. Nothing here knows about the database.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from urllib.parse import unquote, urlsplit

from partnerkit.method.roles import AREAS
from partnerkit.method.wikidata_ids import normalise_qid


def N_(text: str) -> str:
    """Marks text for translation; the application translates it when it shows it."""
    return text


class OutputKind(StrEnum):
    """What an activity leaves on the wikis, which the impact statistics count later."""

    COMMONS_CATEGORY = "commons_category"
    UPLOADS = "uploads"
    WIKIDATA_ITEMS = "wikidata_items"
    ARTICLES = "articles"


OUTPUT_LABELS: dict[OutputKind, str] = {
    OutputKind.COMMONS_CATEGORY: N_("Commons category"),
    OutputKind.UPLOADS: N_("Files uploaded"),
    OutputKind.WIKIDATA_ITEMS: N_("Wikidata items"),
    OutputKind.ARTICLES: N_("Articles"),
}


@dataclass(frozen=True)
class Step:
    """One item of a recipe's planning checklist."""

    offset_days: int  # relative to the activity's start: negative before, positive after
    title: str
    area: str  # the area of work (see roles.AREAS): a hint of whose job it is


@dataclass(frozen=True)
class Recipe:
    code: str
    title: str
    description: str
    typical_length: str
    # Days from the first to the last day, the first day included (1: a one-day event).
    typical_days: int
    # What a good first one looks like, and the largest first one the recipe advises.
    first_scale: str
    first_participants: int | None
    checklist: tuple[Step, ...]
    outputs: frozenset[OutputKind]
    # The goal types (see goal_types) this format serves best.
    goal_types: frozenset[str]
    online_possible: bool = False


RECIPES: tuple[Recipe, ...] = (
    Recipe(
        code="editathon",
        title=N_("Edit-a-thon"),
        description=N_(
            "A group writes or improves articles on one theme, in a room the partner offers, "
            "with the partner's sources at hand and experienced editors helping newcomers. "
            "Keep the first one short and the worklist small: a friendly afternoon that ends "
            "with a few good articles does more for the relationship than a marathon."
        ),
        typical_length=N_("One afternoon or one day"),
        typical_days=1,
        first_scale=N_(
            "An afternoon, 8 to 12 people, a worklist of about twenty missing or weak articles "
            "and two experienced editors."
        ),
        first_participants=12,
        checklist=(
            Step(-42, N_("Agree the theme, the date and the audience with the partner"),
                 "coordination"),
            Step(-28, N_("Book the venue: room, wi-fi, power sockets, accessibility"), "venue"),
            Step(-21, N_("Prepare a worklist of missing or weak articles, with sources"),
                 "content"),
            Step(-14, N_("Announce it on the wiki and open the event page"), "communication"),
            Step(-14, N_("Ask the partner to invite their staff and their public"), "liaison"),
            Step(-3, N_(
                "If more than six newcomers will sign up on the venue's network, ask for an "
                "account-creation exemption in time"
            ), "training"),
            Step(0, N_("Sign-in sheet and event page: participants add their usernames"),
                 "coordination"),
            Step(3, N_("Thank the participants and the partner"), "communication"),
            Step(7, N_("Count the outputs and report them on the event page"), "reporting"),
        ),
        outputs=frozenset({OutputKind.ARTICLES, OutputKind.UPLOADS}),
        goal_types=frozenset({"content_acquisition", "outreach_recruitment", "in_kind"}),
        online_possible=True,
    ),
    Recipe(
        code="photo_drive",
        title=N_("Photo or upload drive"),
        description=N_(
            "Volunteers photograph a collection, a building or a site, or upload a batch of "
            "the partner's own files to Commons, under a free licence agreed beforehand. One "
            "room or one series is enough the first time: the partner sees its files used "
            "before anyone talks about the whole archive."
        ),
        typical_length=N_("One day of photography, or a first upload batch"),
        typical_days=1,
        first_scale=N_("One room or one series: 50 to 100 files, with good descriptions."),
        first_participants=8,
        checklist=(
            Step(-35, N_(
                "Agree in writing what may be photographed or uploaded, and under which free "
                "licence"
            ), "legal"),
            Step(-28, N_("Create the Commons category and the partner's credit line"),
                 "uploads"),
            Step(-21, N_("Book the access: rooms, times, an escort, rules on lighting"),
                 "venue"),
            Step(-14, N_("Announce it on the wiki and invite photographers"), "communication"),
            Step(-7, N_("Prepare the metadata sheet: titles, descriptions, dates, object ids"),
                 "data"),
            Step(0, N_("Sign-in sheet, and a shared list of who covers what"), "coordination"),
            Step(3, N_("Upload and categorise the files; thank the participants and the "
                       "partner"), "uploads"),
            Step(7, N_("Report the number of files and where they are used"), "reporting"),
        ),
        outputs=frozenset(
            {OutputKind.COMMONS_CATEGORY, OutputKind.UPLOADS, OutputKind.WIKIDATA_ITEMS}
        ),
        goal_types=frozenset({"content_acquisition", "content_spreading"}),
    ),
    Recipe(
        code="writing_competition",
        title=N_("Writing competition"),
        description=N_(
            "For a few weeks editors write or improve articles from a topic list the partner "
            "helped make, and earn points for each; the partner may give small prizes and "
            "gains articles on its subjects in several languages. The first one: one month, "
            "one language, a short list and rules anyone can understand."
        ),
        typical_length=N_("Three to six weeks"),
        typical_days=30,
        first_scale=N_("One month, one language, a list of about fifty topics, small prizes."),
        first_participants=20,
        checklist=(
            Step(-56, N_("Agree the topic list and the prizes with the partner"),
                 "coordination"),
            Step(-42, N_("Write the rules: what counts, how points are given, who judges"),
                 "content"),
            Step(-28, N_("Set up the competition page with a sign-up list"), "communication"),
            Step(-14, N_("Announce it on the wiki, the mailing lists and the partner's "
                         "channels"), "communication"),
            Step(-7, N_("Find judges who do not compete"), "coordination"),
            Step(0, N_("Open the competition and check that sign-up works"), "coordination"),
            Step(30, N_("Close the entries and start judging"), "content"),
            Step(40, N_("Announce the winners and thank everybody who took part"),
                 "communication"),
            Step(45, N_("Report the outputs to the partner and the community"), "reporting"),
        ),
        outputs=frozenset({OutputKind.ARTICLES, OutputKind.UPLOADS}),
        goal_types=frozenset({"content_acquisition", "outreach_recruitment",
                              "outreach_awareness"}),
        online_possible=True,
    ),
    Recipe(
        code="wikipedia_talk",
        title=N_("“How Wikipedia works” talk"),
        description=N_(
            "A talk at the partner's office for any interested staff, about how the wikis "
            "work: neutrality, sources, quality and discussion, not which buttons to press. "
            "People who ask for an editing workshop often want to understand first; a good "
            "talk wins supporters inside the partner and is the safest first activity of all."
        ),
        typical_length=N_("One hour, with questions"),
        typical_days=1,
        first_scale=N_("One hour for up to twenty staff, no hands-on editing."),
        first_participants=20,
        checklist=(
            Step(-21, N_("Agree the date, the room and the audience with your contact"),
                 "liaison"),
            Step(-14, N_("Find a speaker who can explain neutrality, sources and talk pages"),
                 "training"),
            Step(-7, N_("Prepare examples from the partner's own field"), "training"),
            Step(-7, N_("Send the partner a short invitation they can forward to staff"),
                 "liaison"),
            Step(0, N_("Attendance list, and a note of the questions to answer later"),
                 "coordination"),
            Step(3, N_("Thank the partner; send the slides and the links promised"),
                 "communication"),
            Step(7, N_("Note who showed interest, for the next step"), "reporting"),
        ),
        outputs=frozenset(),
        goal_types=frozenset({"outreach_awareness", "content_acquisition", "access"}),
        online_possible=True,
    ),
    Recipe(
        code="data_donation",
        title=N_("Data donation"),
        description=N_(
            "The partner releases data about its collection, its publications or its field "
            "under CC0, and volunteers match it to Wikidata and import it with a reference to "
            "the partner. Start with one collection or a few hundred records, check the "
            "result together, then plan the rest."
        ),
        typical_length=N_("Two to four weeks for a first batch"),
        typical_days=14,
        first_scale=N_("One collection, or a few hundred records."),
        first_participants=None,
        checklist=(
            Step(-42, N_("Agree the dataset and its CC0 release in writing"), "legal"),
            Step(-35, N_("Get a sample and map its columns to Wikidata properties"), "data"),
            Step(-28, N_("Match the records to existing items; list the ones to create"),
                 "data"),
            Step(-21, N_("Ask the Wikidata community for comments on the plan"),
                 "communication"),
            Step(-14, N_("Check whether the import needs a bot flag, and ask for one in time"),
                 "data"),
            Step(-7, N_("Try the import on a handful of records"), "data"),
            Step(0, N_("Import the first batch, each statement with its reference"), "data"),
            Step(7, N_("Look for errors and duplicates in what was imported"), "data"),
            Step(14, N_("Report the items created and improved to the partner"), "reporting"),
        ),
        outputs=frozenset({OutputKind.WIKIDATA_ITEMS}),
        goal_types=frozenset({"content_acquisition", "content_spreading"}),
    ),
    Recipe(
        code="training",
        title=N_("Training"),
        description=N_(
            "Hands-on training for the partner's staff or students in one skill: editing "
            "articles, uploading to Commons or adding data to Wikidata, with exercises from "
            "their own field. A small group and one skill the first time; check on the new "
            "editors afterwards, that is when most give up."
        ),
        typical_length=N_("Half a day"),
        typical_days=1,
        first_scale=N_("Half a day, 6 to 10 people, one skill."),
        first_participants=10,
        checklist=(
            Step(-28, N_("Agree the skill to teach and who attends"), "liaison"),
            Step(-21, N_("Book a room with a computer for each person and good wi-fi"),
                 "venue"),
            Step(-14, N_("Prepare exercises on real topics from the partner's field"),
                 "training"),
            Step(-7, N_("Ask the participants to create their accounts beforehand"),
                 "training"),
            Step(0, N_("Sign-in sheet with usernames"), "coordination"),
            Step(3, N_("Thank the participants and send links to the help pages"),
                 "communication"),
            Step(7, N_("Report the outputs and the new accounts"), "reporting"),
            Step(14, N_("Check on the new editors: what they did since, who needs help"),
                 "training"),
        ),
        outputs=frozenset({OutputKind.ARTICLES, OutputKind.UPLOADS}),
        goal_types=frozenset({"outreach_recruitment", "content_acquisition"}),
        online_possible=True,
    ),
    Recipe(
        code="visiting_scholar",
        title=N_("Visiting scholar or Wikimedian in residence"),
        description=N_(
            "A Wikimedian works with the partner for some months: as a visiting scholar with "
            "access to its library and sources, or in residence, helping its staff share "
            "collections and knowledge on the wikis. Agree a short first term with one clear "
            "aim; extend it when both sides see the results."
        ),
        typical_length=N_("Three to twelve months, a few hours a week"),
        typical_days=90,
        first_scale=N_("Three months, a few hours a week, one department or collection."),
        first_participants=None,
        checklist=(
            Step(-60, N_(
                "Write the role description with the partner: aims, hours, who supervises"
            ), "coordination"),
            Step(-45, N_("Agree access: a desk, a login, the library or the collection"),
                 "liaison"),
            Step(-30, N_("Choose the Wikimedian and introduce them to the partner's staff"),
                 "coordination"),
            Step(-14, N_("Announce the residency on the wiki with a project page"),
                 "communication"),
            Step(-7, N_(
                "If the Wikimedian is paid, have them disclose it on their user page"
            ), "legal"),
            Step(0, N_("First week: meet the staff and agree the first small goal"),
                 "coordination"),
            Step(30, N_("Monthly check-in: outputs so far and obstacles"), "reporting"),
            Step(90, N_("Final report to the partner and the community"), "reporting"),
        ),
        outputs=frozenset(OutputKind),
        goal_types=frozenset({"access", "content_acquisition", "content_spreading"}),
    ),
)

BY_CODE: dict[str, Recipe] = {recipe.code: recipe for recipe in RECIPES}
CODES: tuple[str, ...] = tuple(BY_CODE)
# Checklist items are planned within these bounds of the start; beyond them it is a guess.
MAX_OFFSET_DAYS = 400
# An activity longer than this is a programme, not an activity: split it.
MAX_LENGTH_DAYS = 400


def recipe(code: str) -> Recipe:
    try:
        return BY_CODE[code]
    except KeyError:
        raise KeyError(f"no activity recipe {code!r}; valid: {', '.join(CODES)}") from None


def suggested(goal_types: Iterable[str]) -> list[Recipe]:
    """The recipes, those serving the most of ``goal_types`` first; the catalogue's order
    otherwise, so the list is stable."""
    wanted = set(goal_types)
    return sorted(RECIPES, key=lambda each: -len(each.goal_types & wanted))


@dataclass(frozen=True)
class DatedStep:
    position: int
    title: str
    due_on: date
    offset_days: int
    area: str


def checklist(recipe: Recipe, starts_on: date) -> list[DatedStep]:
    """The recipe's checklist with a date for each item, counted from ``starts_on``, in
    date order (the recipe's order for items on the same day)."""
    ordered = sorted(enumerate(recipe.checklist), key=lambda pair: (pair[1].offset_days, pair[0]))
    return [
        DatedStep(position, step.title, starts_on + timedelta(days=step.offset_days),
                  step.offset_days, step.area)
        for position, (_index, step) in enumerate(ordered)
    ]


def typical_end(recipe: Recipe, starts_on: date) -> date:
    """The last day of an activity of typical length starting on ``starts_on``."""
    return starts_on + timedelta(days=recipe.typical_days - 1)


def moved(due_on: date, *, old_start: date, new_start: date) -> date:
    """An item's due date once the start moves: the same distance from the new start."""
    return due_on + (new_start - old_start)


@dataclass(frozen=True)
class Advice:
    """A piece of advice about an activity's plan. ``message`` is the untranslated text with
    ``%(name)s`` places filled from ``params``."""

    code: str
    message: str
    params: dict

    def __str__(self) -> str:
        return self.message % self.params if self.params else self.message


def first_time_advice(
    recipe: Recipe, *, held_before: int, expected_participants: int | None, length_days: int
) -> list[Advice]:
    """What to reconsider when the partnership's first activity is planned bigger than the
    recipe's first scale: start small and safe, grow once it went well. Nothing once an
    activity has been held."""
    if held_before > 0:
        return []
    found = []
    most = recipe.first_participants
    if most is not None and expected_participants is not None and expected_participants > most:
        found.append(Advice(
            "first_too_many",
            N_("This is the first activity with this partner: the recipe suggests at most "
               "%(most)d participants the first time. A good first one: %(scale)s A small "
               "success builds the trust a big one needs."),
            {"most": most, "scale": recipe.first_scale},
        ))
    if length_days > 2 * recipe.typical_days:
        found.append(Advice(
            "first_too_long",
            N_("This is the first activity with this partner and it lasts %(days)d days, "
               "more than twice the usual length: try a shorter first round."),
            {"days": length_days},
        ))
    return found


# Outputs ---------------------------------------------------------------------------------------

# A wiki as its host name: en.wikipedia.org, commons.wikimedia.org, www.wikidata.org, …
_WIKI = re.compile(
    r"^(?:[a-z0-9-]+\.)*(?:wikipedia|wikibooks|wikinews|wikiquote|wikisource|wikiversity|"
    r"wikivoyage|wiktionary|wikimedia|wikidata|mediawiki|wikifunctions)\.org$"
)
MAX_TITLE_CHARS = 255
# Characters that MediaWiki never allows in a page title.
_BAD_TITLE = re.compile(r"[#<>\[\]{}|\x00-\x1f\x7f]")


@dataclass(frozen=True)
class Article:
    wiki: str  # host name, e.g. "en.wikipedia.org"
    title: str

    def as_dict(self) -> dict:
        return {"wiki": self.wiki, "title": self.title}


def is_wiki(host: str) -> bool:
    return bool(_WIKI.match(host))


def clean_title(title: str) -> str | None:
    """A page title as the wiki shows it (spaces, not underscores); None if not valid."""
    title = " ".join(title.replace("_", " ").split())
    if not title or len(title.encode("utf-8")) > MAX_TITLE_CHARS or _BAD_TITLE.search(title):
        return None
    return title


def parse_article(text: str) -> Article | None:
    """An article from "en.wikipedia.org|Title" or its address
    (https://en.wikipedia.org/wiki/Title); None if it is neither.

    >>> parse_article("https://sv.wikipedia.org/wiki/Nordiska_museet")
    Article(wiki='sv.wikipedia.org', title='Nordiska museet')
    """
    text = text.strip()
    if "|" in text and "://" not in text:
        wiki, _bar, title = text.partition("|")
        wiki = wiki.strip().lower()
    else:
        address = urlsplit(text if "://" in text else f"https://{text}")
        wiki = (address.hostname or "").lower().replace(".m.", ".")
        if not address.path.startswith("/wiki/"):
            return None
        title = unquote(address.path.removeprefix("/wiki/"))
    title = clean_title(title)
    if not is_wiki(wiki) or title is None:
        return None
    return Article(wiki, title)


def parse_articles(lines: Iterable[str]) -> tuple[list[Article], list[str]]:
    """The articles of ``lines`` (one a line, blank lines skipped, each article once) and the
    lines that are not articles, as given."""
    found, bad, seen = [], [], set()
    for line in lines:
        if not line.strip():
            continue
        article = parse_article(line)
        if article is None:
            bad.append(line.strip())
        elif article not in seen:
            seen.add(article)
            found.append(article)
    return found, bad


def parse_qids(values: Iterable[str]) -> tuple[list[str], list[str]]:
    """The Wikidata item ids of ``values`` ("Q42", "q42" or an item's address; each once, in
    order) and the values that are not item ids, as given."""
    found, bad = [], []
    for value in values:
        if not value.strip():
            continue
        qid = normalise_qid(value)
        if qid is None:
            bad.append(value.strip())
        elif qid not in found:
            found.append(qid)
    return found, bad


def split_list(text: str) -> list[str]:
    """Values typed one a line or separated by commas or spaces, as a list."""
    return [part for part in re.split(r"[\s,;]+", text) if part]


def check_area_codes() -> list[str]:
    """Checklist areas that the roles' catalogue does not know (for the tests and a system
    check): every item must be somebody's job."""
    return sorted({step.area for each in RECIPES for step in each.checklist} - set(AREAS))
