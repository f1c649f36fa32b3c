"""The eight partnership goal types of the method (step 1: what kind of partnership do we need?).

Each type says, in our own words, what it is for, and carries the catalogue the rest of the
method draws on: the kinds of partner that usually fit (codes of ``partner_kinds``), typical
actions, what each side usually gives, the usual volunteer effort, the arguments that tend to
work with partners, the figures that show success, the skills it draws on (codes of
``SKILLS``) and the words by which a group's goals reveal a need for it (``keywords``, used by
``partnerkit.method.suggest``).

The effort ranges are rough orders of magnitude for a small volunteer group running one
partnership of the kind, in hours per month; they are a starting point for the estimates, not
a measurement.
"""

from __future__ import annotations

from dataclasses import dataclass

from partnerkit.method.stages import N_

# Skills a group may have, as recorded in its capacity.
SKILLS: dict[str, str] = {
    "photography": N_("Photography"),
    "training": N_("Training and teaching"),
    "wikidata_technical": N_("Wikidata and technical work"),
    "legal": N_("Legal and licensing questions"),
    "languages": N_("Languages and translation"),
    "event_organising": N_("Organising events"),
    "writing": N_("Writing and improving articles"),
    "communication": N_("Public speaking and media"),
    "fundraising": N_("Fundraising and grant writing"),
}


@dataclass(frozen=True)
class GoalType:
    code: str
    label: str
    summary: str
    description: str = ""
    # Codes of ``partnerkit.method.partner_kinds``.
    partner_kinds: tuple[str, ...] = ()
    actions: tuple[str, ...] = ()
    we_give: tuple[str, ...] = ()
    they_give: tuple[str, ...] = ()
    # Usual volunteer effort in hours per month, (low, high).
    effort_hours: tuple[int, int] | None = None
    arguments: tuple[str, ...] = ()
    success_figures: tuple[str, ...] = ()
    # Codes of ``SKILLS`` this kind of partnership draws on.
    skills: tuple[str, ...] = ()
    # Fewer people than this makes the usual form of the partnership hard to run.
    min_people: int = 1
    # Each keyword is a tuple of the forms it takes (singular, plural, spellings); a form of
    # several words matches those words in a row. The first form names the keyword.
    keywords: tuple[tuple[str, ...], ...] = ()


GOAL_TYPES: tuple[GoalType, ...] = (
    GoalType(
        "content_acquisition",
        "Content acquisition",
        "Bring free content or data into the projects: collections, texts, images, datasets.",
        description=N_(
            "The partner holds something the projects lack (images, documents, data, "
            "expertise) and releases it under a free licence, or lets volunteers photograph, "
            "digitise or write about it. The classic GLAM and education partnership."
        ),
        partner_kinds=(
            "museum",
            "gallery",
            "library",
            "archive",
            "higher_education",
            "learned_society",
            "national_government",
            "local_government",
        ),
        actions=(
            N_(
                "Release a selection of digitised images under a free licence and upload them "
                "to Commons with good descriptions."
            ),
            N_("Donate a dataset or catalogue to Wikidata."),
            N_("Organise a photo session in the collection or on site."),
            N_("Run a writing competition or edit-a-thon around the released material."),
            N_("Host a Wikimedian in residence at the institution."),
        ),
        we_give=(
            N_("Upload, description and categorisation work"),
            N_("Training for the partner's staff"),
            N_("Regular figures on how the material is used"),
            N_("Articles and data that put the material in context"),
        ),
        they_give=(
            N_("Files or data under a free licence"),
            N_("Metadata and expert knowledge"),
            N_("Access to the collection for photographers and writers"),
        ),
        effort_hours=(10, 40),
        arguments=(
            N_(
                "The collection is seen where people already look for knowledge, with links "
                "back to the institution."
            ),
            N_(
                "Descriptions in many languages make it findable far beyond the institution's "
                "own audience."
            ),
            N_("Leading institutions around the world already do it."),
            N_("Free reuse leads to uses nobody planned, in research, teaching and the arts."),
            N_("It serves the institution's public and educational mission."),
            N_("Volunteers correct and enrich the metadata and report back."),
        ),
        success_figures=(
            N_("Files uploaded to Commons"),
            N_("Share of those files used in articles"),
            N_("Wikis and pages using them"),
            N_("Page views of the pages using them"),
            N_("Wikidata items created or improved"),
            N_("Articles created or improved"),
        ),
        skills=("photography", "wikidata_technical", "legal"),
        keywords=(
            ("content",),
            ("article", "articles"),
            (
                "photo",
                "photos",
                "photograph",
                "photographs",
                "photography",
                "photographer",
                "photographers",
            ),
            ("image", "images", "picture", "pictures"),
            ("media file", "media files"),
            ("collection", "collections"),
            (
                "digitise",
                "digitize",
                "digitised",
                "digitized",
                "digitisation",
                "digitization",
                "digitising",
                "digitizing",
            ),
            ("upload", "uploads", "uploading"),
            ("data", "dataset", "datasets", "database", "databases", "data donation"),
            ("metadata",),
            ("wikidata",),
            ("commons",),
            ("coverage",),
            ("gap", "gaps", "content gap", "content gaps"),
            ("glam", "glams"),
            ("museum", "museums"),
            ("heritage",),
            ("scan", "scans", "scanning"),
        ),
    ),
    GoalType(
        "content_spreading",
        "Spreading our content",
        "Carry Wikimedia content to people who do not reach it today, e.g. offline copies.",
        description=N_(
            "The partner helps Wikimedia content reach people who cannot or do not use the "
            "wikis: offline copies for schools, prisons or remote places, curated selections, "
            "reuse on the partner's own platforms."
        ),
        partner_kinds=(
            "nonprofit",
            "library",
            "national_government",
            "local_government",
            "company_media",
            "network",
            "higher_education",
        ),
        actions=(
            N_(
                "Install offline copies of Wikipedia (for example with Kiwix) where the "
                "internet is scarce."
            ),
            N_("Put together a selection of articles for a school, library or programme."),
            N_("Help the partner reuse and attribute content on its own site or devices."),
        ),
        we_give=(
            N_("Curated, up-to-date content and help with attribution"),
            N_("Technical help to set up and update offline copies"),
        ),
        they_give=(
            N_("Distribution channels: schools, libraries, devices, broadcasts"),
            N_("Reach to audiences we do not have"),
        ),
        effort_hours=(5, 20),
        arguments=(
            N_("Free, reliable reference material at no licence cost."),
            N_("Content in the local languages their audience speaks."),
            N_("Updates and attribution are simple and documented."),
        ),
        success_figures=(
            N_("People or devices reached"),
            N_("Copies distributed and places served"),
            N_("Languages offered"),
        ),
        skills=("wikidata_technical", "languages"),
        keywords=(
            ("offline",),
            ("kiwix",),
            ("distribute", "distributes", "distributing", "distribution"),
            ("spread", "spreading"),
            ("reuse", "reusing", "reused"),
            ("without internet", "no internet", "low connectivity"),
            ("rural",),
            ("remote",),
            ("prison", "prisons"),
            ("device", "devices"),
            ("reach more", "reach new"),
        ),
    ),
    GoalType(
        "access",
        "Access",
        "Give editors access to sources: library-style access, visiting scholars, archives.",
        description=N_(
            "The partner opens sources that editors need to write good articles: databases, "
            "journals, books, archives, or a desk for a visiting scholar."
        ),
        partner_kinds=(
            "library",
            "archive",
            "higher_education",
            "company_media",
            "learned_society",
        ),
        actions=(
            N_("Arrange free accounts to a database or journal collection for active editors."),
            N_("Host a visiting scholar who writes with the institution's resources."),
            N_("Open an archive or reading room to a group of editors."),
        ),
        we_give=(
            N_("Experienced editors who cite the partner's sources"),
            N_("Visibility of those sources in references"),
            N_("Reports on use and on the articles improved"),
        ),
        they_give=(
            N_("Accounts or access to paid or restricted sources"),
            N_("A desk, a library card, guidance from staff"),
        ),
        effort_hours=(3, 15),
        arguments=(
            N_("References on Wikipedia send readers to the partner's sources."),
            N_("Editors raise the quality and reliability of articles in the partner's field."),
            N_("It supports the partner's mission of public access to knowledge."),
        ),
        success_figures=(
            N_("Accounts given and used"),
            N_("References added that cite the sources"),
            N_("Articles improved by the editors or the visiting scholar"),
        ),
        skills=("writing",),
        keywords=(
            ("access",),
            ("source", "sources", "sourcing"),
            ("reference", "references", "citation", "citations"),
            ("library", "libraries"),
            ("journal", "journals"),
            ("subscription", "subscriptions", "paywall", "paywalled"),
            ("visiting scholar", "visiting scholars"),
            ("research", "researcher", "researchers"),
            ("reliable",),
            ("book", "books"),
            ("archive", "archives"),
        ),
    ),
    GoalType(
        "outreach_awareness",
        "Outreach for awareness",
        "Help readers understand and trust the projects: talks, exhibitions, media.",
        description=N_(
            "The partner helps the public understand what the projects are, how they work and "
            "how far to trust them: talks, exhibitions, media pieces, campaigns."
        ),
        partner_kinds=(
            "library",
            "museum",
            "higher_education",
            "company_media",
            "nonprofit",
            "local_government",
            "network",
        ),
        actions=(
            N_("Give a talk on how Wikipedia works to the partner's staff or public."),
            N_("Set up an exhibition or a stand at the partner's event."),
            N_("Prepare a media piece or a campaign together."),
        ),
        we_give=(
            N_("Speakers and material on how the projects work"),
            N_("Figures and stories about the projects"),
        ),
        they_give=(
            N_("An audience and a stage"),
            N_("Media coverage or communication channels"),
        ),
        effort_hours=(5, 20),
        arguments=(
            N_("Their audience uses Wikipedia every day and wants to know how it is made."),
            N_("Media literacy and fighting misinformation are shared goals."),
            N_("A talk is a small, low-risk first step together."),
        ),
        success_figures=(
            N_("People reached (attendees, readers, viewers)"),
            N_("Media pieces published"),
            N_("Feedback or survey results on understanding"),
        ),
        skills=("communication", "event_organising", "languages"),
        keywords=(
            ("awareness", "aware"),
            ("public",),
            ("reader", "readers"),
            ("understand", "understanding"),
            ("trust",),
            ("media", "press", "journalist", "journalists"),
            ("exhibition", "exhibitions"),
            ("talk", "talks", "lecture", "lectures", "presentation", "presentations"),
            ("visibility", "visible"),
            ("misinformation", "disinformation"),
            ("campaign", "campaigns"),
            ("promote", "promotion", "promoting"),
            ("media literacy",),
        ),
    ),
    GoalType(
        "outreach_recruitment",
        "Outreach for recruitment",
        "Bring in new contributors: students, experts, members of a community.",
        description=N_(
            "The partner brings people who could become contributors (students, experts, "
            "members, staff) and a setting in which to welcome and train them."
        ),
        partner_kinds=(
            "higher_education",
            "learned_society",
            "library",
            "nonprofit",
            "museum",
            "affiliate",
            "wikimedia_community",
        ),
        actions=(
            N_("Run an edit-a-thon with the partner's members or staff."),
            N_("Include Wikipedia assignments in a university course."),
            N_("Hold a series of workshops with mentoring afterwards."),
        ),
        we_give=(
            N_("Trainers, event formats and mentoring"),
            N_("A welcoming community and follow-up for newcomers"),
        ),
        they_give=(
            N_("Participants: students, members, experts"),
            N_("Rooms, course credit, communication to their members"),
        ),
        effort_hours=(10, 40),
        min_people=2,
        arguments=(
            N_("Students learn research, writing and digital skills with a real audience."),
            N_("Experts share their knowledge with millions of readers."),
            N_("Members get a meaningful, visible way to take part."),
        ),
        success_figures=(
            N_("Participants and new accounts"),
            N_("Newcomers still editing after one, three and six months"),
            N_("Edits, articles and files by newcomers"),
        ),
        skills=("training", "event_organising"),
        keywords=(
            ("editor", "editors", "new editors"),
            ("contributor", "contributors"),
            ("volunteer", "volunteers"),
            ("recruit", "recruiting", "recruitment"),
            ("newcomer", "newcomers", "new users"),
            ("student", "students"),
            ("editathon", "editathons"),
            ("workshop", "workshops"),
            ("training", "train", "trainings"),
            ("course", "courses", "class", "classes"),
            ("diversity", "gender gap"),
            ("retention", "retain"),
            ("teacher", "teachers"),
            ("participant", "participants"),
            ("community growth", "grow the community", "grow our community"),
        ),
    ),
    GoalType(
        "in_kind",
        "In-kind support",
        "Venues, prizes, equipment, connectivity or professional help such as legal advice.",
        description=N_(
            "The partner provides things or services instead of money: rooms for events, "
            "prizes, equipment, internet access, professional advice such as legal help."
        ),
        partner_kinds=(
            "library",
            "museum",
            "higher_education",
            "local_government",
            "company_media",
            "nonprofit",
        ),
        actions=(
            N_("Hold events in the partner's rooms."),
            N_("Award prizes the partner donates for a competition."),
            N_("Borrow equipment or get professional advice pro bono."),
        ),
        we_give=(
            N_("Acknowledgement in line with the movement's rules"),
            N_("Reports on what the support made possible"),
        ),
        they_give=(
            N_("Venues, prizes, equipment, connectivity"),
            N_("Professional services such as legal advice"),
        ),
        effort_hours=(2, 8),
        arguments=(
            N_("A visible contribution to free knowledge at little cost."),
            N_("Their rooms and services are used by an engaged public."),
        ),
        success_figures=(
            N_("Estimated value of the support"),
            N_("Events or activities it made possible"),
            N_("Costs saved"),
        ),
        skills=("event_organising", "communication"),
        keywords=(
            ("venue", "venues"),
            ("space", "spaces", "room", "rooms"),
            ("prize", "prizes"),
            ("wifi", "internet access", "connectivity"),
            ("equipment", "camera", "cameras", "laptop", "laptops"),
            ("legal advice", "lawyer", "lawyers", "pro bono"),
            ("catering",),
            ("printing",),
            ("hosting",),
            ("office",),
            ("in kind", "inkind"),
        ),
    ),
    GoalType(
        "fundraising",
        "Fundraising",
        "Money for the movement's work, e.g. donation or tax-designation programmes.",
        description=N_(
            "The partner gives or helps raise money for the group's work: grants, "
            "sponsorship, matched donations, tax-designation or payroll giving programmes."
        ),
        partner_kinds=(
            "company_media",
            "national_government",
            "local_government",
            "nonprofit",
            "network",
            "wmf",
        ),
        actions=(
            N_("Apply for a grant or a sponsorship for a defined project."),
            N_("Join a tax-designation or payroll giving programme."),
            N_("Run a matched donation campaign."),
        ),
        we_give=(
            N_("Acknowledgement within the movement's rules"),
            N_("Clear reports on how the money was used"),
        ),
        they_give=(N_("Money, matching or a giving channel"),),
        effort_hours=(5, 30),
        arguments=(
            N_("A measurable contribution to free knowledge used by millions."),
            N_("Transparent reporting of what the money achieved."),
        ),
        success_figures=(
            N_("Amount raised"),
            N_("Donors or programmes joined"),
            N_("Cost of raising each unit of money"),
        ),
        skills=("fundraising", "legal", "communication"),
        keywords=(
            ("fund", "funds", "funding", "fundraising"),
            ("money",),
            ("donation", "donations", "donor", "donors", "donate"),
            ("grant", "grants"),
            ("budget", "budgets"),
            ("income", "revenue"),
            ("sponsor", "sponsors", "sponsorship"),
            ("financial", "finance", "finances"),
            ("tax",),
        ),
    ),
    GoalType(
        "advocacy",
        "Advocacy",
        "Work together for free knowledge in law and policy: copyright, open data, access.",
        description=N_(
            "The partner works with the group to change law or policy in favour of free "
            "knowledge: copyright reform, freedom of panorama, open data, open access."
        ),
        partner_kinds=(
            "nonprofit",
            "network",
            "library",
            "archive",
            "higher_education",
            "national_government",
            "local_government",
            "affiliate",
        ),
        actions=(
            N_("Answer a public consultation together."),
            N_("Join a coalition for copyright reform or open data."),
            N_("Brief decision makers with examples from the projects."),
        ),
        we_give=(
            N_("The community's voice, examples and evidence"),
            N_("Knowledge of free licences and how the projects use content"),
        ),
        they_give=(
            N_("Weight of a coalition and policy expertise"),
            N_("Contacts with decision makers"),
        ),
        effort_hours=(5, 30),
        arguments=(
            N_("Free knowledge and open access serve the public interest they defend."),
            N_("The projects give concrete examples of what a rule change would allow."),
        ),
        success_figures=(
            N_("Consultations answered, positions published"),
            N_("Rules changed or defended"),
            N_("Works or data freed as a result"),
        ),
        skills=("legal", "communication"),
        keywords=(
            ("advocacy", "advocate"),
            ("copyright",),
            ("law", "laws", "legislation"),
            ("policy", "policies"),
            ("freedom of panorama",),
            ("public domain",),
            ("open access",),
            ("open data",),
            ("licence", "licences", "license", "licenses", "licensing"),
            ("regulation", "regulations"),
            ("government", "ministry", "parliament"),
            ("rights",),
            ("censorship",),
            ("lobby", "lobbying"),
        ),
    ),
)

BY_CODE: dict[str, GoalType] = {goal.code: goal for goal in GOAL_TYPES}
CODES: tuple[str, ...] = tuple(BY_CODE)


def unknown_codes(codes) -> list[str]:
    """The codes that are not goal types, in the order given."""
    return [code for code in codes if code not in BY_CODE]
