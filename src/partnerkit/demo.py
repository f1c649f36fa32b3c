"""A demo workspace to try Partnerkit with: `partnerkit serve --demo` or `partnerkit demo`.

The partner organisations are real (their facts and Wikidata items are in demo_partners.json,
with where they come from); the chapter, its members, the contacts and every note are made up.
Everything is written through the services, so the history timeline shows who did what.
"""

from __future__ import annotations

import json
from importlib import resources

from django.contrib.auth import get_user_model
from django.db import transaction

from partnerkit.accounts.services import user_create
from partnerkit.partners import services as partner_services
from partnerkit.workspaces.models import Role, Workspace
from partnerkit.workspaces.services import membership_add, workspace_create

WORKSPACE_NAME = "Wikimedia Demo Chapter"
WORKSPACE_SLUG = "demo"
USERNAME = "demo"
PASSWORD = "demo-partnerkit"

# The other members have no password, as people who were added but never signed in.
MEMBERS = (("ada", Role.COORDINATOR), ("noah", Role.MEMBER))

# What the chapter knows and thinks about each partner, by the partner's name.
STORIES: dict[str, dict] = {
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
    "Staatsbibliothek zu Berlin": {
        "tags": ["GLAM", "Berlin", "digitisation"],
        "contacts": [
            {
                "name": "Lieschen Müller",
                "role_title": "Digital collections",
                "email": "lieschen.mueller@example.org",
                "languages": "de, en",
                "is_contact_point": True,
                "introduced_by": "ada, at a GLAM meet-up",
            }
        ],
    },
    "Bayerische Staatsbibliothek": {"tags": ["GLAM", "digitisation"]},
    "Österreichische Nationalbibliothek": {
        "tags": ["GLAM", "national institution"],
        "contacts": [
            {
                "name": "Maria Musterfrau",
                "role_title": "Digitisation projects",
                "email": "maria.musterfrau@example.org",
                "languages": "de, en",
                "is_contact_point": True,
            }
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
    "Landesarchiv Baden-Württemberg": {"tags": ["GLAM"]},
    "Nationaal Archief": {
        "tags": ["GLAM", "national institution"],
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
    "Deutsches Museum": {
        "tags": ["GLAM", "science and technology", "photographs"],
        "contacts": [
            {
                "name": "Jana Beispiel",
                "role_title": "Education department",
                "email": "jana.beispiel@example.org",
                "languages": "de, en",
                "is_contact_point": True,
            }
        ],
    },
    "Museum für Naturkunde Berlin": {"tags": ["GLAM", "Berlin", "science and technology"]},
    "Germanisches Nationalmuseum": {"tags": ["GLAM"]},
    "Hamburger Kunsthalle": {
        "tags": ["GLAM", "art"],
        "private_notes": (
            "Image rights for modern works are a sensitive topic; start with old masters."
        ),
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
    "Klassik Stiftung Weimar": {"tags": ["GLAM", "art"]},
    "Humboldt-Universität zu Berlin": {
        "tags": ["education", "Berlin"],
        "contacts": [
            {
                "name": "Jane Doe",
                "role_title": "Lecturer, history department",
                "email": "jane.doe@example.org",
                "languages": "en, de",
                "is_contact_point": True,
                "notes": "Wants students to write articles as coursework.",
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
    "WikiProject Women in Red": {"tags": ["movement", "gender gap"]},
}


class DemoRefused(Exception):
    """The database is not empty; the demo would mix with real records."""


def demo_partners() -> list[dict]:
    """The real organisations of the demo, as kept in demo_partners.json."""
    text = resources.files("partnerkit").joinpath("demo_partners.json").read_text("utf-8")
    return json.loads(text)["partners"]


def load_demo() -> Workspace:
    """Create the demo workspace, its members, partners, contacts and a little history.

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
            get_user_model().objects.filter(username__in=usernames)
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

        partners = {}
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
            for contact in story.get("contacts", []):
                partner_services.contact_create(partner=partner, by=admin, **contact)
            partners[partner.name] = partner

        _add_history(partners, members)
    return workspace


def _add_history(partners: dict, members: dict) -> None:
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

    contact = partners["Staatsbibliothek zu Berlin"].contacts.get()
    partner_services.contact_update(
        contact=contact, by=ada, version=contact.version, role_title="Head of digital collections"
    )
