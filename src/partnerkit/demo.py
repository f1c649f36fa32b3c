"""A demo workspace to try Partnerkit with: `partnerkit serve --demo` or `partnerkit demo`.

The partner organisations are real (their facts and Wikidata items are in demo_partners.json,
with where they come from); the chapter, its members, the contacts, every partnership and every
note are made up. Everything is written through the services, and every stage change goes
through ``partnership_move``, so the method's conditions hold for the demo as for real work and
the timelines show who did what.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, timedelta
from importlib import resources

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from partnerkit.accounts.services import user_create
from partnerkit.documents import services as document_services
from partnerkit.followups import services as followup_services
from partnerkit.followups.models import FollowUp
from partnerkit.groundwork import services as groundwork_services
from partnerkit.method import stages
from partnerkit.meetings import services as meeting_services
from partnerkit.negotiation import services as negotiation_services
from partnerkit.partners import services as partner_services
from partnerkit.partnerships import services as partnership_services
from partnerkit.partnerships.models import Partnership
from partnerkit.pitch import services as pitch_services
from partnerkit.pitch.models import Pitch
from partnerkit.running import services as running_services
from partnerkit.running.models import Role as RunningRole
from partnerkit.workspaces.models import Role, Workspace
from partnerkit.workspaces.services import membership_add, workspace_create

WORKSPACE_NAME = "Wikimedia Demo Chapter"
WORKSPACE_SLUG = "demo"
USERNAME = "demo"
PASSWORD = "demo-partnerkit"

# The other members have no password, as people who were added but never signed in.
MEMBERS = (("ada", Role.COORDINATOR), ("noah", Role.MEMBER))

# Two partnerships the tour of the demo relies on: the first waits only for a contact point
# before first contact, the second is shortlisted and may be declined.
HERITAGE_REGISTER = "Heritage register on Wikidata"
LECTURE_SERIES = "Lecture series on the history of science"

# What the chapter knows and thinks about each partner, and whom it knows there.
STORIES: dict[str, dict] = {
    "Deutsches Museum": {
        "tags": ["GLAM", "science and technology", "photographs"],
        "contacts": [
            {
                "name": "Jana Beispiel",
                "role_title": "Photo archive",
                "email": "jana.beispiel@example.org",
                "languages": "de, en",
                "is_contact_point": True,
                "consent_note": "Agreed to be named in reports to the community.",
            },
            {
                "name": "Tobias Muster",
                "role_title": "Press office",
                "email": "tobias.muster@example.org",
                "languages": "de",
            },
        ],
    },
    "Humboldt-Universität zu Berlin": {
        "tags": ["education", "Berlin"],
        "contacts": [
            {
                "name": "Jane Doe",
                "role_title": "Lecturer, history department",
                "email": "jane.doe@example.org",
                "languages": "en, de",
                "is_contact_point": True,
                "notes": "Wants students to write articles as graded coursework.",
            }
        ],
    },
    "Deutsche Nationalbibliothek": {
        "tags": ["GLAM", "national institution"],
        "private_notes": "Decisions on outside projects are made once a year, in autumn.",
        "contacts": [
            {
                "name": "Erika Mustermann",
                "role_title": "Metadata services",
                "email": "erika.mustermann@example.org",
                "languages": "de, en",
                "is_contact_point": True,
                "introduced_by": "Wikimedia Deutschland",
                "consent_note": "Agreed to be contacted by e-mail about authority data.",
            },
            {
                "name": "Max Mustermann",
                "role_title": "Press office",
                "email": "max.mustermann@example.org",
                "languages": "de",
            },
        ],
    },
    "Bundesarchiv": {
        "tags": ["GLAM", "national institution", "photographs"],
        "private_notes": "Ask how the 2008 photo release is remembered inside the archive.",
        "contacts": [
            {
                "name": "Kai Beispiel",
                "role_title": "Picture archive",
                "email": "kai.beispiel@example.org",
                "languages": "de",
                "is_contact_point": True,
                "consent_note": "Happy to be named in the community notice.",
            }
        ],
    },
    "Nationaal Archief": {
        "tags": ["GLAM", "national institution", "maps"],
        "private_notes": (
            "Descriptions of colonial-era material are sensitive: involve historians and "
            "people from the places shown from the start, not at the end."
        ),
        "contacts": [
            {
                "name": "Jan Modaal",
                "role_title": "Public services",
                "email": "jan.modaal@example.org",
                "languages": "nl, en",
                "is_contact_point": True,
            }
        ],
    },
    "Hamburger Kunsthalle": {
        "tags": ["GLAM", "art"],
        "private_notes": (
            "Image rights for modern works are a sensitive topic; start with old masters."
        ),
        "contacts": [
            {
                "name": "Clara Beispiel",
                "role_title": "Collection digitisation",
                "email": "clara.beispiel@example.org",
                "languages": "de, en",
                "is_contact_point": True,
            }
        ],
    },
    "Deutsche Digitale Bibliothek": {
        "tags": ["network", "open data"],
        "contacts": [
            {
                "name": "Hans Muster",
                "role_title": "Partner relations",
                "email": "hans.muster@example.org",
                "languages": "de, en",
                "is_contact_point": True,
            }
        ],
    },
    "City of Gothenburg": {
        "tags": ["open data", "monuments"],
        "private_notes": "Data releases are decided by the head of the heritage unit.",
        # Known people, but nobody to approach first yet: the register waits for that.
        "contacts": [
            {
                "name": "Sofia Lindqvist",
                "role_title": "Heritage officer, city planning office",
                "email": "sofia.lindqvist@example.org",
                "languages": "sv, en",
                "introduced_by": "Open data day in Gothenburg",
                "notes": "Friendly and keen; says she cannot decide on data releases herself.",
            },
            {
                "name": "Erik Exempel",
                "role_title": "Open data coordinator",
                "email": "erik.exempel@example.org",
                "languages": "sv, en",
            },
        ],
    },
    "Royal Society": {
        "tags": ["science", "history of science"],
        "contacts": [
            {
                "name": "Eleanor Example",
                "role_title": "Public programmes",
                "email": "eleanor.example@example.org",
                "languages": "en",
                "is_contact_point": True,
                "introduced_by": "noah, after a talk at Wikimania",
            }
        ],
    },
    "Vienna Tourist Board": {
        "tags": ["tourism", "monuments"],
        "contacts": [
            {
                "name": "Lukas Beispiel",
                "role_title": "Events and partnerships",
                "email": "lukas.beispiel@example.org",
                "languages": "de, en",
                "is_contact_point": True,
            }
        ],
    },
    "Open Knowledge Foundation Deutschland": {
        "tags": ["open data", "advocacy"],
        "contacts": [
            {
                "name": "Lena Muster",
                "role_title": "Policy",
                "email": "lena.muster@example.org",
                "languages": "de, en",
                "is_contact_point": True,
            }
        ],
    },
    "Wikimedia Deutschland": {
        "tags": ["movement", "Berlin"],
        "contacts": [
            {
                "name": "John Doe",
                "role_title": "Partnerships",
                "email": "john.doe@example.org",
                "languages": "de, en",
                "is_contact_point": True,
            }
        ],
    },
    "Wikimedia Foundation": {
        "tags": ["movement"],
        "contacts": [
            {
                "name": "Alex Example",
                "role_title": "Community resources",
                "email": "alex.example@example.org",
                "languages": "en",
                "is_contact_point": True,
            }
        ],
    },
    "WikiProject Women in Red": {
        "tags": ["movement", "gender gap"],
        "contacts": [
            {
                "name": "Mary Example",
                "role_title": "Project coordinator (volunteer)",
                "email": "mary.example@example.org",
                "languages": "en",
                "is_contact_point": True,
            }
        ],
    },
}


@dataclass(frozen=True)
class Move:
    to: str
    by: str
    reason: str = ""
    override_reason: str = ""


@dataclass(frozen=True)
class Story:
    """A partnership as the chapter lived it. Fields are written when the method needs them:
    estimates before shortlisting, the weighing and the decision before preparing, the
    partner's owner and the dates with the agreement. Days are counted from the day the demo
    is loaded."""

    partner: str
    title: str
    owner: str | None
    goal_types: tuple[str, ...]
    sketch: str
    moves: tuple[Move, ...] = ()
    values: dict = field(default_factory=dict)
    # (text, due in days)
    next_step: tuple[str, int] | None = None
    # field name → days from today
    dates: dict = field(default_factory=dict)
    partner_owner: str | None = None
    # Changes made after the last move, by whom.
    later: tuple[tuple[str, dict], ...] = ()


# The stage before which each field is filled in; fields not listed come with the idea.
FIELDS_NEEDED_FOR = {
    stages.Stage.SHORTLISTED: (
        "impact", "impact_reason", "likelihood", "likelihood_reason", "ease", "ease_reason",
    ),
    stages.Stage.PREPARING: (
        "benefit", "benefit_reason", "risk", "risk_reason", "effort_hours", "effort_reason",
        "batna", "plan_b", "decision", "decision_reason",
    ),
    # Who owns the relationship on their side is a pitch readiness question, answered before
    # the first contact.
    stages.Stage.IN_CONTACT: ("partner_owner",),
    # The agreement names its dates.
    stages.Stage.AGREED: ("mou_signed_on", "started_on", "review_on", "ends_on"),
}  # fmt: skip

PARTNERSHIPS: tuple[Story, ...] = (
    Story(
        partner="City of Gothenburg",
        title=HERITAGE_REGISTER,
        owner="ada",
        # Owns the relationship on their side once we are in touch; not the contact point.
        partner_owner="Sofia Lindqvist",
        goal_types=("content_acquisition", "advocacy"),
        sketch=(
            "Publish the city's register of protected buildings as open data and link each "
            "entry to its Wikidata item, so that the Wiki Loves Monuments lists, maps and "
            "infoboxes draw on the official record. A first batch of about 300 buildings in "
            "the old town, then the rest of the city."
        ),
        values={
            "licence": "cc0",
            "impact": 4,
            "impact_reason": "Monument lists and articles in several languages would use it.",
            "likelihood": 3,
            "likelihood_reason": (
                "The city has an open data policy, but this register was never released in bulk."
            ),
            "ease": 3,
            "ease_reason": "We know two people there from the open data day, not who decides.",
            "benefit": 4,
            "benefit_reason": "An authoritative list for the competition; fixes wrong locations.",
            "risk": 2,
            "risk_reason": "The facts are public already; the risk is our volunteers' time.",
            "effort_hours": 10,
            "effort_reason": "Matching and upload by two volunteers, one meeting a month.",
            "batna": (
                "Keep matching buildings by hand from the printed heritage inventory: slower, "
                "but in our hands."
            ),
            "plan_b": (
                "If the whole register cannot be released, start with the buildings already on "
                "the city's open data portal."
            ),
            "decision": "go",
            "decision_reason": "Fits this year's open data goal; two volunteers know the register.",
        },
        next_step=("Ask the heritage unit whom we should approach first", 5),
        moves=(
            Move("researching", "ada", "Came up at the open data day."),
            Move("shortlisted", "ada", "Ranked second of the spring candidates."),
            Move("preparing", "demo", "Selected at the board meeting."),
        ),
    ),
    Story(
        partner="Royal Society",
        title=LECTURE_SERIES,
        owner="noah",
        goal_types=("outreach_awareness", "outreach_recruitment"),
        sketch=(
            "Four evening talks on how Wikipedia tells the history of science, each followed by "
            "an editing session on scientists whose articles are missing or thin, using the "
            "Society's library for sources."
        ),
        values={
            "impact": 3,
            "impact_reason": "An interested audience, but a small one.",
            "likelihood": 3,
            "likelihood_reason": "Their public programme invites outside speakers every season.",
            "ease": 2,
            "ease_reason": "One contact from a conference; London is far for our volunteers.",
        },
        next_step=("Decide whether four evenings in London are within our means", 14),
        moves=(
            Move("researching", "noah"),
            Move("shortlisted", "ada", "Good fit with the women in science goal."),
        ),
    ),
    Story(
        partner="Deutsches Museum",
        title="Aviation photographs on Commons",
        owner="demo",
        partner_owner="Jana Beispiel",
        goal_types=("content_acquisition", "outreach_awareness"),
        sketch=(
            "Release about 2,000 scanned photographs from the aviation archive under a free "
            "licence, with descriptions in German and English, and hold a photo "
            "identification day with volunteers at the museum."
        ),
        values={
            "licence": "cc_by_sa_4",
            "impact": 5,
            "impact_reason": "Aviation articles in many languages lack historical photographs.",
            "likelihood": 4,
            "likelihood_reason": "The archive has released photographs online before.",
            "ease": 4,
            "ease_reason": "Jana has worked with Wikimedians before.",
            "benefit": 4,
            "benefit_reason": "Good illustrations for hundreds of articles.",
            "risk": 2,
            "risk_reason": "Some photographers' rights are unclear; the museum checks each batch.",
            "effort_hours": 12,
            "effort_reason": "Upload batches, categories and a monthly call.",
            "batna": "Upload the archive's public domain photographs from its own website.",
            "plan_b": "If rights checks slow down, release the photographs before 1900 first.",
            "decision": "go",
            "decision_reason": "High impact, an experienced partner and a clear first batch.",
        },
        dates={"mou_signed_on": -100, "started_on": -90, "review_on": 30, "ends_on": 275},
        next_step=("Send Jana the quarterly figures on file use", 10),
        moves=(
            Move("shortlisted", "demo", "Researched with the museum's annual report."),
            Move("preparing", "ada", "Approved by the board."),
            Move("in_contact", "demo", "First call with the photo archive."),
            Move("negotiating", "demo", "They want to check rights batch by batch."),
            Move("agreed", "demo", "Memorandum signed by both sides."),
            Move("running", "demo", "First batch of 200 photographs uploaded."),
        ),
    ),
    Story(
        partner="Humboldt-Universität zu Berlin",
        title="Students write Wikipedia articles as coursework",
        owner="noah",
        partner_owner="Jane Doe",
        goal_types=("outreach_recruitment", "content_acquisition"),
        sketch=(
            "A seminar in the history department in which students write or improve articles "
            "on the history of Berlin as graded coursework, with our volunteers as mentors and "
            "an introduction to editing in the first week."
        ),
        values={
            "licence": "cc_by_sa_4",
            "impact": 3,
            "impact_reason": "About 25 students a term; a few usually keep editing.",
            "likelihood": 3,
            "likelihood_reason": "The lecturer asked us, but the department has not decided.",
            "ease": 4,
            "ease_reason": "The lecturer came to us.",
            "benefit": 4,
            "benefit_reason": "New articles on local history, and perhaps new editors.",
            "risk": 3,
            "risk_reason": "Students under deadline pressure publish rough drafts.",
            "effort_hours": 15,
            "effort_reason": "Mentoring peaks in the last weeks of term.",
            "batna": "Run our own open writing workshop for students, without credits.",
            "plan_b": "If grading is not possible, offer an optional workshop series.",
            "decision": "go",
            "decision_reason": "A motivated lecturer and a clear plan for the term.",
        },
        next_step=("Send the written proposal after Tuesday's meeting", 2),
        moves=(
            Move("researching", "noah"),
            Move("shortlisted", "noah"),
            Move("preparing", "ada", "Board agreed; mentors available in the winter term."),
            Move("in_contact", "noah", "Met Jane Doe at the university."),
            Move("negotiating", "noah", "The department wants to see a term plan."),
        ),
        later=(
            (
                "noah",
                {
                    "likelihood": 4,
                    "likelihood_reason": "The head of department supports the plan.",
                },
            ),
        ),
    ),
    Story(
        partner="Deutsche Nationalbibliothek",
        title="GND and Wikidata: a workshop for cataloguers",
        owner="ada",
        partner_owner="Erika Mustermann",
        goal_types=("outreach_awareness", "content_acquisition"),
        sketch=(
            "A one-day workshop for the library's cataloguers on Wikidata and its links to the "
            "Integrated Authority File (GND), followed by an afternoon of fixing mismatched "
            "links together."
        ),
        values={
            "licence": "cc0",
            "impact": 4,
            "impact_reason": "Better links between Wikidata and the GND help every wiki.",
            "likelihood": 5,
            "likelihood_reason": "They proposed a date themselves.",
            "ease": 4,
            "ease_reason": "Introduced by Wikimedia Deutschland.",
            "benefit": 3,
            "benefit_reason": "Fewer wrong authority links; cataloguers who know Wikidata.",
            "risk": 1,
            "risk_reason": "A one-day event with a clear scope.",
            "effort_hours": 6,
            "effort_reason": "Two trainers for preparation and the day itself.",
            "batna": "Offer the same workshop online to anyone who wants to come.",
            "plan_b": "If the room is not free, hold the workshop online.",
            "decision": "go",
            "decision_reason": "Low effort, and they asked for it.",
        },
        dates={"mou_signed_on": -7, "review_on": 60},
        next_step=("Book the trainers and announce the workshop on the community portal", 6),
        moves=(
            Move("shortlisted", "ada", "Wikimedia Deutschland told us they were interested."),
            Move("preparing", "demo"),
            Move("in_contact", "ada", "E-mail exchange with metadata services."),
            Move("agreed", "ada", "Date, room and programme confirmed in writing."),
        ),
    ),
    Story(
        partner="Vienna Tourist Board",
        title="Photo walks for Wiki Loves Monuments",
        owner="demo",
        partner_owner="Lukas Beispiel",
        goal_types=("in_kind", "outreach_awareness"),
        sketch=(
            "Guided photo walks past listed buildings in September: the tourist board provides "
            "guides, meeting points and small prizes, our volunteers show how to upload to "
            "Commons."
        ),
        values={
            "licence": "cc_by_sa_4",
            "impact": 3,
            "impact_reason": "Good photographs of monuments that are poorly covered.",
            "likelihood": 3,
            "likelihood_reason": "They liked the idea in the first call; no budget promised.",
            "ease": 3,
            "ease_reason": "A contact point, but a large organisation.",
            "benefit": 3,
            "benefit_reason": "Guides and prizes we could not pay for.",
            "risk": 2,
            "risk_reason": "They may want promotional text on file pages; say no early.",
            "effort_hours": 8,
            "effort_reason": "Planning four walks and the upload help.",
            "batna": "Run the walks ourselves with volunteer guides, as in earlier years.",
            "plan_b": "If no guides are free, keep only the prizes and meeting points.",
            "decision": "go",
            "decision_reason": "Cheap for us, visible for the competition.",
        },
        # Overdue: the follow-up after the first call has not been sent.
        next_step=("Send the written proposal promised in the first call", -2),
        moves=(
            Move("researching", "demo"),
            Move("shortlisted", "demo"),
            Move("preparing", "ada"),
            Move("in_contact", "demo", "First call with events and partnerships."),
        ),
    ),
    Story(
        partner="Bundesarchiv",
        title="Second photo release: post-war reconstruction",
        owner="ada",
        partner_owner="Kai Beispiel",
        goal_types=("content_acquisition",),
        sketch=(
            "A second, smaller release of photographs of post-war reconstruction, with "
            "volunteers matching people and places to Wikidata items."
        ),
        values={
            "licence": "cc_by_sa_4",
            "impact": 4,
            "impact_reason": "Post-war cities are poorly illustrated on the wikis.",
            "likelihood": 4,
            "likelihood_reason": "The picture archive is open to a smaller, careful release.",
            "ease": 4,
            "ease_reason": "Kai Beispiel knows the first release well.",
            "benefit": 4,
            "benefit_reason": "Illustrations and better metadata for the archive.",
            "risk": 2,
            "risk_reason": "Memories of the first release are mixed; keep the quality high.",
            "effort_hours": 10,
            "effort_reason": "Matching people and places with a small volunteer team.",
            "batna": "Improve the descriptions of the photographs already on Commons.",
            "plan_b": "Release a first hundred photographs and review before going on.",
            "decision": "go",
            "decision_reason": "A careful, bounded release both sides want.",
        },
        dates={"mou_signed_on": -400, "started_on": -380, "review_on": -120, "ends_on": -30},
        moves=(
            Move("shortlisted", "ada", "A follow-up the archive itself suggested."),
            Move("preparing", "demo"),
            Move("in_contact", "ada"),
            Move("agreed", "ada", "Letter of agreement signed."),
            Move("running", "ada"),
            Move("completed", "ada", "All 1,200 photographs uploaded; final report sent."),
        ),
    ),
    Story(
        partner="Nationaal Archief",
        title="Colonial-era maps on Commons",
        owner="noah",
        goal_types=("content_acquisition",),
        sketch=(
            "Bring the archive's digitised maps of the former Dutch colonies to Commons, "
            "described together with historians and with people from the places shown."
        ),
        values={
            "impact": 4,
            "impact_reason": "Maps are used across many language editions.",
        },
        next_step=("Check which of the digitised maps are already in the public domain", 21),
        moves=(Move("researching", "noah", "Suggested on the community village pump."),),
    ),
    Story(
        partner="Hamburger Kunsthalle",
        title="Old masters in high resolution",
        owner="ada",
        goal_types=("content_acquisition",),
        sketch=(
            "High-resolution images of public domain paintings from the collection, uploaded "
            "with full metadata and linked to their Wikidata items."
        ),
        values={
            "impact": 4,
            "impact_reason": "Famous paintings, widely used in articles.",
            "likelihood": 2,
            "likelihood_reason": "The museum is rewriting its image rights policy.",
            "ease": 3,
            "ease_reason": "One contact in collection digitisation.",
            "decision": "not_now",
            "decision_reason": "Wait for the new image policy.",
        },
        next_step=("Ask again once the new director has started", 90),
        moves=(
            Move("researching", "ada"),
            Move("shortlisted", "ada"),
            Move(
                "on_hold",
                "ada",
                "The museum is rewriting its image policy and asked us to come back after the "
                "new director starts.",
            ),
        ),
    ),
    Story(
        partner="Deutsche Digitale Bibliothek",
        title="Collection metadata to Wikidata",
        owner=None,
        goal_types=("content_acquisition",),
        sketch=(
            "Link objects of the portal's partner institutions to Wikidata items, starting "
            "with the museums of one region."
        ),
        next_step=("Ask the Wikidata community which data model fits museum objects", 30),
    ),
    Story(
        partner="WikiProject Women in Red",
        title="Women scientists: articles and portraits",
        owner="noah",
        goal_types=("outreach_recruitment", "content_acquisition"),
        sketch=(
            "A joint worklist of women scientists without articles, for the editing sessions "
            "after the history of science lectures."
        ),
        next_step=("Share a first worklist with the project's coordinator", 20),
    ),
    Story(
        partner="Open Knowledge Foundation Deutschland",
        title="Freedom of panorama campaign",
        owner="ada",
        partner_owner="Lena Muster",
        goal_types=("advocacy",),
        sketch=(
            "A joint campaign for a broad freedom of panorama in copyright law, with a "
            "petition and photographs that show what is at stake."
        ),
        values={"licence": "no_content"},
        moves=(
            Move(
                "in_contact",
                "ada",
                override_reason=(
                    "They approached us at a copyright conference and asked to team up; there "
                    "was nothing to research or select first."
                ),
            ),
            Move(
                "dropped",
                "ada",
                "The consultation the campaign aimed at was postponed indefinitely; both sides "
                "agreed to stop.",
            ),
        ),
    ),
    Story(
        partner="Wikimedia Deutschland",
        title="Shared GLAM training for volunteers",
        owner="demo",
        partner_owner="John Doe",
        goal_types=("in_kind", "outreach_recruitment"),
        sketch=(
            "Two training weekends a year for volunteers who work with museums and archives: "
            "they bring trainers and rooms, we bring participants and case studies."
        ),
        values={
            "licence": "no_content",
            "impact": 3,
            "impact_reason": "About 30 trained volunteers a year.",
            "likelihood": 5,
            "likelihood_reason": "Both sides run similar training already.",
            "ease": 5,
            "ease_reason": "A sister organisation we talk to every month.",
            "benefit": 4,
            "benefit_reason": "Better trained volunteers for our GLAM partnerships.",
            "risk": 1,
            "risk_reason": "Nothing is promised to outside partners.",
            "effort_hours": 4,
            "effort_reason": "Case studies and one organiser for each weekend.",
            "batna": "Keep our own smaller training evenings.",
            "plan_b": "If a weekend is cancelled, hold an online session instead.",
            "decision": "go",
            "decision_reason": "Cheap, useful and low risk.",
        },
        dates={"mou_signed_on": -220, "started_on": -200, "review_on": 20},
        next_step=("Collect topics for the autumn weekend", 12),
        moves=(
            Move("shortlisted", "demo"),
            Move("preparing", "demo"),
            Move("agreed", "demo", "Part of both organisations' annual plans."),
            Move("running", "demo"),
        ),
    ),
    Story(
        partner="Wikimedia Foundation",
        title="Event grant for the photo walks",
        owner="demo",
        partner_owner="Alex Example",
        goal_types=("fundraising",),
        sketch="A small grant for prizes, printed maps and travel for the photo walks.",
        values={
            "licence": "no_content",
            "impact": 2,
            "impact_reason": "Helps one event.",
            "likelihood": 3,
            "likelihood_reason": "Grant rounds are often over-subscribed.",
            "ease": 4,
            "ease_reason": "A known process with a clear form.",
            "benefit": 3,
            "benefit_reason": "Pays for what the tourist board does not.",
            "risk": 1,
            "risk_reason": "Only our time for the application.",
            "effort_hours": 3,
            "effort_reason": "The application and a report afterwards.",
            "batna": "Ask the tourist board for the prizes instead.",
            "plan_b": "Apply in the next round with a smaller budget.",
            "decision": "go",
            "decision_reason": "Worth one evening of writing.",
        },
        moves=(
            Move("shortlisted", "demo"),
            Move("preparing", "demo"),
            Move("in_contact", "demo", "Application submitted."),
            Move(
                "declined",
                "demo",
                "The round was over-subscribed; the committee suggested applying again with a "
                "smaller budget.",
            ),
        ),
    ),
)


class DemoRefused(Exception):
    """The database is not empty; the demo would mix with real records."""


def demo_partners() -> list[dict]:
    """The real organisations of the demo, as kept in demo_partners.json."""
    text = resources.files("partnerkit").joinpath("demo_partners.json").read_text("utf-8")
    return json.loads(text)["partners"]


def load_demo() -> Workspace:
    """Create the demo workspace, its members, partners, contacts and partnerships.

    Raises DemoRefused, saying why, unless the database has no workspace yet.
    """
    with transaction.atomic():
        existing = Workspace.objects.count()
        if existing:
            raise DemoRefused(
                f"the database already has {existing} workspace(s); "
                "the demo is only loaded into an empty database"
            )
        usernames = [USERNAME, *(name for name, _role in MEMBERS)]
        taken = sorted(
            get_user_model()
            .objects.filter(username__in=usernames)
            .values_list("username", flat=True)
        )
        if taken:
            raise DemoRefused(f"the user name(s) {', '.join(taken)} are already taken")

        admin = user_create(username=USERNAME, email=f"{USERNAME}@example.org", password=PASSWORD)
        workspace = workspace_create(name=WORKSPACE_NAME, slug=WORKSPACE_SLUG, by=admin)
        members = {USERNAME: admin}
        for username, role in MEMBERS:
            user = user_create(username=username, email=f"{username}@example.org")
            membership_add(workspace=workspace, user=user, role=role)
            members[username] = user

        partners, contacts = {}, {}
        for facts in demo_partners():
            story = STORIES.get(facts["name"], {})
            partner = partner_services.partner_create(
                workspace=workspace,
                by=admin,
                name=facts["name"],
                kind=facts["kind"],
                country=facts["country"],
                place=facts["place"],
                website=facts["website"],
                wikidata_qid=facts["wikidata_qid"],
                description=facts["description"],
                private_notes=story.get("private_notes", ""),
                tags=story.get("tags", []),
            )
            for values in story.get("contacts", []):
                contact = partner_services.contact_create(partner=partner, by=admin, **values)
                contacts[contact.name] = contact
            partners[partner.name] = partner

        _groundwork(workspace, members)
        _edit_partners(partners, contacts, members)
        today = timezone.localdate()
        partnerships = {
            story.title: _live(
                story,
                workspace=workspace,
                partners=partners,
                contacts=contacts,
                members=members,
                today=today,
            )
            for story in PARTNERSHIPS
        }
        _negotiation(partnerships, contacts, members, today)
        _follow_ups(partnerships, contacts, members, today)
        _documents(partnerships, contacts, members, today)
        _running(partnerships, members, today)
    return workspace


# Steps 0 and 1 of the method: the chapter checked its readiness, wrote down its goals and
# a SWOT, recorded its capacity and accepted the goal types that fit.
READINESS_ANSWERS = {
    "active_people": "several",
    "disagreements": "yes",
    "decisions": "partly",
    "written_goals": "yes",
    "mutual_benefit": "partly",
    "plan": "yes",
    "plan_b": "partly",
    "community_view": "supportive",
    "volunteer_interest": "yes",
    "spokesperson": "yes",
    "mandate": "partly",
    "hours": "5_to_20",
    "skills": "partly",
    "support_network": "yes",
}
GOALS = [
    ("More articles and portraits of women scientists", "high", "strategic"),
    ("Open heritage data on Wikidata", "high", "annual"),
    ("New contributors from universities", "medium", "annual"),
    ("A venue for monthly edit-a-thons", "low", "ad_hoc"),
]
SWOT = [
    ("strength", "Experienced Wikidata volunteers", [1]),
    ("strength", "Good relations with two national libraries", [0, 1]),
    ("weakness", "Only two people can represent the chapter at meetings", []),
    ("opportunity", "The city's new open data policy", [1]),
    ("opportunity", "Universities look for digital skills courses", [2]),
    ("threat", "Volunteer time is stretched in the autumn", []),
]


def _groundwork(workspace: Workspace, members: dict) -> None:
    admin, ada = members[USERNAME], members["ada"]
    groundwork_services.readiness_check_record(
        workspace=workspace, by=ada, answers=READINESS_ANSWERS
    )
    goals = [
        groundwork_services.goal_create(
            workspace=workspace, by=admin, text=text, priority=priority, source=source
        )
        for text, priority, source in GOALS
    ]
    for kind, text, linked in SWOT:
        groundwork_services.swot_item_create(
            workspace=workspace, by=ada, kind=kind, text=text,
            goals=[goals[index] for index in linked],
        )
    groundwork_services.profile_update(
        workspace=workspace, by=admin, people=4, hours_per_month=30,
        skills=["wikidata_technical", "training", "event_organising", "photography"],
    )
    for code in ("content_acquisition", "outreach_recruitment"):
        groundwork_services.goal_type_decide(
            workspace=workspace, by=admin, code=code, answer="accepted"
        )


def _edit_partners(partners: dict, contacts: dict, members: dict) -> None:
    """A few later edits by other members, so the timelines show more than a creation."""
    ada, noah = members["ada"], members["noah"]

    library = partners["Deutsche Nationalbibliothek"]
    partner_services.partner_update(
        partner=library,
        by=ada,
        version=library.version,
        public_notes="Interested in a Wikidata workshop for their cataloguers.",
        tags=["GLAM", "national institution", "Wikidata"],
    )

    archive = partners["Bundesarchiv"]
    partner_services.partner_update(
        partner=archive,
        by=noah,
        version=archive.version,
        private_notes=(
            "Ask how the 2008 photo release is remembered inside the archive. "
            "Their picture archive team changes in spring: wait before proposing anything big."
        ),
    )

    jana = contacts["Jana Beispiel"]
    partner_services.contact_update(
        contact=jana, by=ada, version=jana.version, role_title="Head of the photo archive"
    )


def _live(story: Story, *, workspace, partners, contacts, members, today: date) -> Partnership:
    """Create the partnership and take it through its moves, filling in each field when the
    method first asks for it, as the chapter would have."""
    pending = dict(story.values)
    pending.update({name: today + timedelta(days=days) for name, days in story.dates.items()})
    if story.partner_owner:
        pending["partner_owner"] = contacts[story.partner_owner]
    later_fields = {name for fields in FIELDS_NEEDED_FOR.values() for name in fields}
    first = {name: value for name, value in pending.items() if name not in later_fields}
    for name in first:
        del pending[name]
    if story.next_step:
        text, days = story.next_step
        first.update(next_step=text, next_step_due=today + timedelta(days=days))

    creator = members[story.owner or USERNAME]
    partnership = partnership_services.partnership_create(
        workspace=workspace,
        partner=partners[story.partner],
        by=creator,
        goal_types=story.goal_types,
        owner=members[story.owner] if story.owner else None,
        title=story.title,
        sketch=story.sketch,
        **first,
    )
    for move in story.moves:
        by = members[move.by]
        if move.to in stages.PIPELINE:
            due = _fields_due(pending, stages.Stage(move.to))
            if due:
                partnership_services.partnership_update(
                    partnership=partnership, by=by, version=None, **due
                )
            if _pitched_before(stages.Stage(move.to)) and story.title in PITCHES:
                _pitch(partnership, PITCHES[story.title], by=by)
            if _runs_from(stages.Stage(move.to)) and story.title in ROLES:
                _roles(partnership, ROLES[story.title], members=members, contacts=contacts,
                       by=by)
        partnership_services.partnership_move(
            partnership=partnership,
            to_stage=move.to,
            by=by,
            reason=move.reason,
            override_reason=move.override_reason or None,
        )
    if story.title in PITCHES:
        # Prepared, waiting for the first contact.
        _pitch(partnership, PITCHES[story.title], by=creator)
    if pending:
        # What the story knows but no move asked for yet, e.g. a "not now" before a hold.
        partnership_services.partnership_update(
            partnership=partnership, by=creator, version=None, **pending
        )
    for username, values in story.later:
        partnership_services.partnership_update(
            partnership=partnership, by=members[username], version=None, **values
        )
    return partnership


def _fields_due(pending: dict, stage: stages.Stage) -> dict:
    """Take from ``pending`` the fields needed by ``stage`` or by an earlier stage."""
    due = {}
    for needed_at, names in FIELDS_NEEDED_FOR.items():
        if stages.PIPELINE.index(needed_at) <= stages.PIPELINE.index(stage):
            for name in names:
                if name in pending:
                    due[name] = pending.pop(name)
    return due


# The pitch of each partnership that reached the first contact, answered while preparing it.
PITCHES = {
    HERITAGE_REGISTER: {
        "shared_goals": "The official record of Gothenburg's protected buildings, open and "
        "linked, so that every map and article shows the right building.",
        "benefits_partner": "Corrections to locations and names reported back, and the "
        "register used far beyond the city's own portal.",
        "benefits_wikimedia": "An authoritative list for the monuments competition and "
        "infoboxes.",
        "assets_ours": "Two volunteers who know the register and Wikidata matching tools.",
        "assets_theirs": "The register and the heritage officers who maintain it.",
        "summary": "Your register already exists and is public; released as open data and "
        "linked to Wikidata, it becomes the source every map, list and article draws on. "
        "We do the matching and send you every correction we find.",
        "competencies": "Two volunteers have matched heritage registers before.",
        "decision_making": "Batches agreed with the heritage unit; disputes about data go to "
        "the register's own process.",
        "roles": "The city releases the data; we match, upload and report.",
        "community_involvement": "Matching open to everyone through a project page.",
        "arguments": ["open_data_used", "public_money_public_good", "metadata_feedback"],
    },
    "Aviation photographs on Commons": {
        "shared_goals": "The history of aviation, told with the museum's own photographs, "
        "wherever people read about it.",
        "benefits_partner": "Its photographs seen in articles in dozens of languages, with "
        "credit and a link back; figures on their use every quarter.",
        "benefits_wikimedia": "Historical photographs for hundreds of aviation articles that "
        "have none.",
        "assets_ours": "Volunteers who know Commons categories and batch uploads.",
        "assets_theirs": "A digitised photo archive with rights research already done.",
        "summary": "Your aviation photographs are already digitised; we can make them part of "
        "the articles millions read, with your name on every file, and show you each quarter "
        "where they are used. We start with one batch and you check the rights first.",
        "competencies": "Two volunteers have uploaded archive batches before.",
        "decision_making": "Each batch is agreed by e-mail; disagreements go to a call between "
        "the two owners.",
        "roles": "The museum picks and clears batches; we upload, categorise and report.",
        "community_involvement": "Announced on the village pump; volunteers add the files to "
        "articles.",
        "arguments": ["presence", "reuse_innovation", "measurable_results"],
    },
    "Students write Wikipedia articles as coursework": {
        "shared_goals": "Students learn to write for a real public while gaps in Berlin's "
        "history are filled.",
        "benefits_partner": "A graded assignment with real readers and digital skills the "
        "department wants to teach.",
        "benefits_wikimedia": "New articles on Berlin's history and students who may keep "
        "editing.",
        "assets_ours": "Mentors for each group and an editing introduction.",
        "assets_theirs": "A seminar, a lecturer who grades the work and library access.",
        "summary": "Your students could write for readers, not only for a grade: articles on "
        "Berlin's history that are missing today. We mentor each group and introduce editing "
        "in the first week; you keep the grading.",
        "competencies": "Noah has mentored student assignments twice.",
        "decision_making": "The lecturer decides on the course; the community's rules decide "
        "on the articles.",
        "roles": "Lecturer: topics and grades. Chapter: mentoring and on-wiki help.",
        "community_involvement": "A course page on the wiki, so editors know the students.",
        "arguments": ["students_real_audience", "research_reach"],
    },
    "GND and Wikidata: a workshop for cataloguers": {
        "shared_goals": "Authority data and Wikidata that link to and improve each other.",
        "benefits_partner": "Corrections fed back to the GND and cataloguers who can use "
        "Wikidata.",
        "benefits_wikimedia": "More GND identifiers on Wikidata items and expert editors.",
        "assets_ours": "Wikidata trainers and a hands-on workshop plan.",
        "assets_theirs": "Cataloguers, a training room and the GND itself.",
        "summary": "A one-day workshop for your cataloguers on Wikidata, with their own "
        "records: they learn the tools and the GND gets corrections back.",
        "competencies": "Ada has taught Wikidata workshops for libraries.",
        "decision_making": "Programme agreed with metadata services; changes by e-mail.",
        "roles": "We teach; they host and invite.",
        "community_involvement": "WikiProject Authority control is invited to join.",
        "arguments": ["metadata_feedback", "findability"],
    },
    "Photo walks for Wiki Loves Monuments": {
        "shared_goals": "Vienna's listed buildings well photographed and shown to visitors.",
        "benefits_partner": "Free, reusable photographs of the city's monuments and an event "
        "for its calendar.",
        "benefits_wikimedia": "Guides, meeting points and prizes for the competition.",
        "assets_ours": "Upload help and the competition itself.",
        "assets_theirs": "Guides, meeting points and small prizes.",
        "summary": "Four guided walks past listed buildings in September: your guides tell "
        "the stories, our volunteers help people upload, and the city gets free photographs.",
        "competencies": "We ran photo walks in earlier years.",
        "decision_making": "Dates agreed with events and partnerships; no say over uploads.",
        "roles": "They guide and promote; we teach uploading and run the jury.",
        "community_involvement": "Open to every participant of the competition.",
        "arguments": ["local_heritage_visible", "reaching_readers"],
    },
    "Second photo release: post-war reconstruction": {
        "shared_goals": "The post-war reconstruction documented on Commons.",
        "benefits_partner": "The same visibility as the first release, with usage figures.",
        "benefits_wikimedia": "Thousands of photographs of rebuilt cities.",
        "assets_ours": "The upload tools and categories from the first release.",
        "assets_theirs": "The photographs, already cleared.",
        "summary": "The first release is still used on thousands of pages; a second one on "
        "the reconstruction would show the same effect for a subject people search for.",
        "competencies": "The same volunteers as in the first release.",
        "decision_making": "As in the first release: batches agreed by the owners.",
        "roles": "They clear and deliver; we upload and report.",
        "community_involvement": "A project page for categorising the photographs.",
        "arguments": ["peers_do_it", "measurable_results"],
    },
    "Shared GLAM training for volunteers": {
        "shared_goals": "More volunteers able to work with heritage institutions.",
        "benefits_partner": "Trained volunteers for its own GLAM programme.",
        "benefits_wikimedia": "Training material and trainers we could not pay for.",
        "assets_ours": "Experience from our partnerships and two trainers.",
        "assets_theirs": "Funding, a venue and the training programme.",
        "summary": "Train volunteers together: our partnership experience, your programme.",
        "competencies": "Two of us have given GLAM trainings.",
        "decision_making": "A shared plan reviewed every quarter.",
        "roles": "They organise; we teach half of the sessions.",
        "community_involvement": "Open to volunteers of every affiliate in the region.",
        "arguments": ["shared_mission"],
    },
    "Event grant for the photo walks": {
        "shared_goals": "Photo walks that bring new contributors to the competition.",
        "benefits_partner": "New contributors and a report with figures.",
        "benefits_wikimedia": "Money for prizes and travel.",
        "assets_ours": "The walks and the volunteers.",
        "assets_theirs": "The grant and its reporting framework.",
        "summary": "A small grant for prizes and travel for four photo walks.",
        "competencies": "We reported on grants before.",
        "decision_making": "The grant's rules; changes agreed with the programme officer.",
        "roles": "We run the walks and report; they fund.",
        "community_involvement": "Announced on the chapter's page.",
        "arguments": ["measurable_results"],
    },
}


def _pitched_before(stage: stages.Stage) -> bool:
    """Whether the pitch must be ready before ``stage``: the first contact and what follows."""
    return stages.PIPELINE.index(stage) >= stages.PIPELINE.index(stages.Stage.IN_CONTACT)


def _pitch(partnership: Partnership, values: dict, *, by) -> None:
    if Pitch.objects.filter(partnership=partnership).exists():
        return
    pitch_services.pitch_update(partnership=partnership, by=by, version=None, **values)


# Who does what in each partnership that runs, written before it starts running: the method
# asks for someone on our side accountable. (side, area, RACI letter, who, deputy)
ROLES = {
    "Aviation photographs on Commons": (
        ("ours", "partnership", "A", "demo", "ada"),
        ("ours", "reporting", "R", "demo", "noah"),
        # Noah uploads alone: the single point of failure the running page points out.
        ("ours", "uploads", "R", "noah", None),
        ("ours", "communication", "I", "ada", None),
        ("partner", "partnership", "A", "Jana Beispiel", None),
        ("partner", "legal", "R", "Jana Beispiel", None),
    ),
    "Second photo release: post-war reconstruction": (
        ("ours", "partnership", "A", "ada", "demo"),
        ("partner", "partnership", "A", "Kai Beispiel", None),
    ),
    "Shared GLAM training for volunteers": (
        ("ours", "partnership", "A", "demo", "ada"),
        ("ours", "training", "R", "ada", "noah"),
        ("partner", "venue", "R", "John Doe", None),
    ),
}


def _runs_from(stage: stages.Stage) -> bool:
    """Whether roles must be set before ``stage``: running and what follows."""
    return stages.PIPELINE.index(stage) >= stages.PIPELINE.index(stages.Stage.RUNNING)


def _roles(partnership: Partnership, roles: tuple, *, members: dict, contacts: dict, by) -> None:
    if RunningRole.objects.filter(partnership=partnership).exists():
        return
    for side, area, raci, who, deputy in roles:
        people = (
            {"member": members[who], "deputy_member": members.get(deputy)}
            if side == "ours"
            else {"contact": contacts[who], "deputy_contact": contacts.get(deputy)}
        )
        running_services.role_add(partnership=partnership, by=by, side=side, area=area,
                                  raci=raci, **people)


def _running(partnerships: dict, members: dict, today: date) -> None:
    """The photo archive's first upload batch, held, and the identification day coming up:
    start small, then grow."""
    demo, noah = members[USERNAME], members["noah"]
    aviation = partnerships["Aviation photographs on Commons"]
    batch = running_services.activity_create(
        partnership=aviation, by=demo, recipe="photo_drive", title="First batch: 200 photographs",
        starts_on=today - timedelta(days=80), location="Photo archive, reading room",
        expected_participants=4,
    )
    for item in batch.checklist.all():
        running_services.checklist_item_update(item=item, by=noah, done=True)
    running_services.activity_update(
        activity=batch, by=noah, version=batch.version, status="held", actual_participants=4,
        new_accounts=1, commons_category="Photographs from the aviation archive (demo)",
        uploads_count=200,
    )
    running_services.activity_create(
        partnership=aviation, by=demo, recipe="editathon",
        title="Photo identification day", starts_on=today + timedelta(days=24),
        location="Museum library", expected_participants=12,
        notes="Ask Jana whether the archive's volunteers can come too.",
    )


def _negotiation(partnerships: dict, contacts: dict, members: dict, today: date) -> None:
    """The first meeting at the university, with its notes, next steps and promises — one of
    them a dangerous one, flagged — and an upcoming meeting at the national library."""
    noah, ada = members["noah"], members["ada"]
    course = partnerships["Students write Wikipedia articles as coursework"]
    start = timezone.now().replace(hour=10, minute=0, second=0, microsecond=0)
    met = meeting_services.meeting_create(
        partnership=course, by=noah, title="First meeting with the history department",
        starts_at=start - timedelta(days=9), minutes=60, past_ok=True,
        location="Humboldt-Universität, Unter den Linden 6", wiki_primer=True,
        speaks_for="The chapter's education programme, agreed by the board.",
        may_commit="Mentors for up to four groups; no promises about articles.",
        no_partnership_ok=True,
    )
    meeting_services.attendee_add(meeting=met, by=noah, side="ours", user=noah)
    meeting_services.attendee_add(
        meeting=met, by=noah, side="theirs", contact=contacts["Jane Doe"],
        role_in_meeting="Lecturer",
    )
    met.refresh_from_db()
    meeting_services.meeting_notes_save(
        meeting=met, by=noah, version=met.version,
        liked="Real readers for students' work; the mentoring in small groups.",
        concerns="Whether articles by students get deleted; grading texts others edit.",
        triggers="A story of a deleted student article at another university.",
        decisions="A pilot with one seminar next term; topics from the list of missing "
        "articles on Berlin's history.",
        outcome="Positive: a term plan is wanted before the faculty agrees.",
    )
    meeting_services.next_step_add(
        meeting=met, by=noah, text="Send the term plan with topics and mentors",
        owner_user=noah, due_on=today + timedelta(days=5),
    )
    negotiation_services.commitment_create(
        partnership=course, by=noah, meeting=met, side="ours",
        text="Mentors for each group of students throughout the term.",
        owner_user=noah, due_on=today + timedelta(days=60), effort_hours=24,
    )
    # Said in the meeting and recorded as said: the screening flags it for the follow-up.
    negotiation_services.commitment_create(
        partnership=course, by=noah, meeting=met, side="ours",
        text="We guarantee that every student article will stay on Wikipedia.",
        owner_user=noah, due_on=today + timedelta(days=90), effort_hours=4,
    )
    negotiation_services.commitment_create(
        partnership=course, by=noah, meeting=met, side="theirs",
        text="The department shares its list of seminar topics.",
        owner_contact=contacts["Jane Doe"], due_on=today + timedelta(days=14),
    )

    # The department's own words, for the pitch's vocabulary.
    pitch_services.partner_text_create(
        partner=course.partner, by=noah, kind="web", language="en",
        title="The history department's teaching profile (excerpt)",
        text="The department teaches the history of Berlin and of Central Europe from the "
        "early modern period to the present. Students learn to work with archival sources, "
        "to write for different audiences and to present research in public history "
        "projects. Digital history and public history are part of every degree programme, "
        "and seminars often work with museums, archives and local history initiatives.",
    )

    workshop = partnerships["GND and Wikidata: a workshop for cataloguers"]
    upcoming = meeting_services.meeting_create(
        partnership=workshop, by=ada, title="Workshop programme with metadata services",
        starts_at=start + timedelta(days=12), minutes=45, location="Video call",
        technical_expected=True,
        speaks_for="The chapter's Wikidata programme.",
        may_commit="One workshop day and its material.",
    )
    meeting_services.attendee_add(meeting=upcoming, by=ada, side="ours", user=ada)
    meeting_services.attendee_add(
        meeting=upcoming, by=ada, side="theirs", contact=contacts["Erika Mustermann"],
    )

    walks = partnerships["Photo walks for Wiki Loves Monuments"]
    negotiation_services.warning_sign_create(
        partnership=walks, by=members[USERNAME], code="brand",
        evidence="Asked in the first call whether their logo could go on every uploaded photo.",
    )


def _follow_ups(partnerships: dict, contacts: dict, members: dict, today: date) -> None:
    """The contact log and its tasks: the photo archive's running agreement with its first
    report coming up, a proposal to the photo walks met by two weeks of silence (the ping is
    due, the partnership has gone quiet), a reply about the workshop, and a task by hand.
    The university meeting above is in the log already, its written proposal overdue."""
    demo, ada, noah = members[USERNAME], members["ada"], members["noah"]

    def log(title, days_ago, **values):
        followup_services.interaction_log(
            partnership=partnerships[title], occurred_on=today - timedelta(days=days_ago),
            **values,
        )

    aviation = "Aviation photographs on Commons"
    log(aviation, 45, by=demo, kind="meeting", direction="both",
        summary="Kick-off at the photo archive: the first 200 photographs chosen",
        contact=contacts["Jana Beispiel"])
    for task in FollowUp.objects.filter(partnership=partnerships[aviation], step__isnull=False):
        if task.is_open and task.step.code in ("kickoff", "proposal"):
            followup_services.followup_done(task=task, by=demo)
    log(aviation, 12, by=demo, kind="email", direction="incoming",
        summary="Jana asks when the next batch goes online", contact=contacts["Jana Beispiel"])

    walks = "Photo walks for Wiki Loves Monuments"
    log(walks, 24, by=demo, kind="call", direction="outgoing",
        summary="Talked through guides and meeting points")
    log(walks, 20, by=demo, kind="email", direction="outgoing", purpose="proposal",
        summary="Sent the written proposal for three photo walks")

    log("GND and Wikidata: a workshop for cataloguers", 6, by=ada, kind="email",
        direction="incoming", summary="Room confirmed; they ask for the programme in writing")

    followup_services.followup_create(
        partnership=partnerships[walks], by=ada, owner=ada, due_on=today + timedelta(days=3),
        title="Book a room for the guides' briefing",
    )
    followup_services.digest_preference_save(user=noah, frequency="daily")


def _documents(partnerships: dict, contacts: dict, members: dict, today: date) -> None:
    """The photo archive's memorandum, signed, with the actions each side took on, and its
    announcement to the community; the letterhead they went out under."""
    demo = members[USERNAME]
    aviation = partnerships["Aviation photographs on Commons"]
    for side, text, owner in (
        ("joint", "Choose each batch of photographs together", {}),
        ("ours", "Upload, categorise and link the photographs", {"owner_user": demo}),
        ("theirs", "Clear the rights of each batch and release it under CC BY-SA 4.0",
         {"owner_contact": contacts["Jana Beispiel"]}),
    ):
        pitch_services.action_create(partnership=aviation, by=demo, side=side, text=text,
                                     **owner)
    document_services.letterhead_save(
        workspace=aviation.workspace, by=demo, place="Berlin",
        lines="Wikimedia chapter · Example Street 1, 10117 Berlin\nhttps://example.org",
    )
    mou = document_services.document_create(partnership=aviation, kind="mou", by=demo)
    document_services.document_mark_sent(document=mou, by=demo, on=today - timedelta(days=50))
    document_services.document_mark_signed(document=mou, by=demo, on=today - timedelta(days=46),
                                           ends_on=aviation.ends_on)
    news = document_services.document_create(partnership=aviation, kind="announcement",
                                             by=demo)
    document_services.document_mark_sent(document=news, by=demo, on=today - timedelta(days=44))

