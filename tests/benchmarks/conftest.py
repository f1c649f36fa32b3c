"""A large workspace for the benchmarks, seeded once per run, and the table of results.

The seed is what a busy national chapter might hold after some years: 10,000 partners (most
with a contact, many with tags) and 5,000 partnerships spread over the stages as a real
pipeline is (many ideas, fewer agreements), with goal types, owners, estimates and due dates.
Rows are written with bulk inserts (history rows included) so that seeding takes seconds; the
one partnership the detail page shows is written through the services, so its history and
stage changes are real.
"""

from __future__ import annotations

import json
import random
import statistics
import tempfile
import time
from dataclasses import asdict, dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from partnerkit.accounts.services import token_create, user_create
from partnerkit.method import stages
from partnerkit.partners import services as partner_services
from partnerkit.partners.models import Contact, Partner, Tag
from partnerkit.partnerships import services
from partnerkit.partnerships.models import (
    Decision,
    GoalType,
    GoalTypeCode,
    Partnership,
    StageChange,
)
from partnerkit.workspaces.models import Role
from partnerkit.workspaces.services import membership_add, workspace_create

PARTNERS = 10_000
PARTNERSHIPS = 5_000
MEMBERS = 12
TAGS = 40
# Requests timed per page, after a few untimed ones that warm caches and connections.
REPEAT = 30
WARM_UP = 3

# Share of partnerships in each stage, as a pipeline usually looks.
STAGE_WEIGHTS = {
    "idea": 14, "researching": 12, "shortlisted": 10, "preparing": 8, "in_contact": 9,
    "negotiating": 7, "agreed": 5, "running": 12, "completed": 8, "declined": 8,
    "dropped": 5, "on_hold": 2,
}  # fmt: skip
KIND_WEIGHTS = {
    "museum": 20, "library": 15, "archive": 12, "gallery": 5, "higher_education": 14,
    "learned_society": 5, "local_government": 8, "national_government": 3, "nonprofit": 8,
    "network": 3, "company_media": 3, "affiliate": 2, "wikimedia_community": 1, "other": 1,
}  # fmt: skip
COUNTRIES = ["DE", "AT", "CH", "SE", "NO", "NL", "FR", "IT", "ES", "PL", "GB", "US", ""]
PLACES = ["Berlin", "Vienna", "Zurich", "Gothenburg", "Bergen", "Utrecht", "Lyon", "Turin"]
WORDS = ["City", "State", "University", "Museum", "Archive", "Library", "Society", "Foundation"]


@dataclass
class Seeded:
    workspace_slug: str
    user_id: int
    token: str
    partnership_id: int  # the one with a real history, for the detail page
    workspace_id: int


@dataclass
class Result:
    name: str
    median_ms: float
    p95_ms: float
    queries: int
    rows: int | None = None


def timed(run, *, repeat: int = REPEAT, warm_up: int = WARM_UP) -> tuple[float, float]:
    """Median and 95th percentile, in milliseconds, of ``repeat`` calls of ``run``."""
    for _ in range(warm_up):
        run()
    durations = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        durations.append((time.perf_counter() - start) * 1000)
    p95 = statistics.quantiles(durations, n=100, method="inclusive")[94]
    return statistics.median(durations), p95


@pytest.fixture(scope="session")
def results():
    """Rows that the benchmarks add; printed as a table and written to files at the end."""
    collected: list[Result] = []
    yield collected
    if collected:
        _report(collected)


def database_name() -> str:
    if connection.vendor == "sqlite":
        return f"SQLite {connection.Database.sqlite_version}"
    if connection.vendor == "postgresql":
        major, minor = divmod(connection.pg_version, 10_000)
        return f"PostgreSQL {major}.{minor}"
    return connection.vendor


def _report(collected: list[Result]) -> None:
    database = database_name()
    header = (
        f"Partnerkit benchmarks on {database}: {PARTNERS:,} partners, "
        f"{PARTNERSHIPS:,} partnerships; {REPEAT} timed requests each after {WARM_UP} warm-up"
    )
    width = max(len(result.name) for result in collected)
    lines = [
        header,
        "",
        f"| {'What':<{width}} | median ms | p95 ms | queries | rows |",
        f"|{'-' * (width + 2)}|----------:|-------:|--------:|-----:|",
    ]
    for result in collected:
        rows = "" if result.rows is None else str(result.rows)
        lines.append(
            f"| {result.name:<{width}} | {result.median_ms:9.1f} | {result.p95_ms:6.1f} "
            f"| {result.queries:7} | {rows:>4} |"
        )
    table = "\n".join(lines)
    folder = Path(tempfile.gettempdir()) / "partnerkit-benchmarks"
    folder.mkdir(exist_ok=True)
    stem = f"{connection.vendor}-{time.strftime('%Y%m%d-%H%M%S')}"
    (folder / f"{stem}.md").write_text(table + "\n", encoding="utf-8")
    (folder / f"{stem}.json").write_text(
        json.dumps(
            {
                "database": database,
                "partners": PARTNERS,
                "partnerships": PARTNERSHIPS,
                "repeat": REPEAT,
                "results": [asdict(result) for result in collected],
            },
            indent=2,
        ),
        encoding="utf-8",
    )
    print("\n\n" + table + f"\n\nWritten to {folder / stem}.md and .json\n")


@pytest.fixture(scope="session")
def seeded(django_db_setup, django_db_blocker) -> Seeded:
    with django_db_blocker.unblock():
        start = time.perf_counter()
        seed = _seed(random.Random(2024))
        print(f"\nSeeded in {time.perf_counter() - start:.1f} s")
        return seed


def _seed(rng: random.Random) -> Seeded:
    today = timezone.localdate()
    admin = user_create(username="bench", email="bench@example.org", password=None)
    workspace = workspace_create(name="Benchmark Chapter", slug="bench", by=admin)
    members = [admin]
    for number in range(1, MEMBERS):
        user = user_create(username=f"member{number}", email=f"member{number}@example.org")
        membership_add(workspace=workspace, user=user, role=Role.MEMBER)
        members.append(user)
    _token, secret = token_create(user=admin, name="benchmarks")

    tags = Tag.objects.bulk_create(
        [Tag(workspace=workspace, name=f"topic {number}") for number in range(TAGS)]
    )
    kinds = rng.choices(list(KIND_WEIGHTS), weights=list(KIND_WEIGHTS.values()), k=PARTNERS)
    partners = bulk_create_with_history(
        [
            Partner(
                workspace=workspace,
                name=f"{rng.choice(PLACES)} {rng.choice(WORDS)} {number:05}",
                kind=kind,
                country=rng.choice(COUNTRIES),
                place=rng.choice(PLACES),
                website=f"https://partner{number}.example.org/",
                wikidata_qid=f"Q{100_000 + number}",
                description="An organisation we may work with, one day.",
                created_by=admin,
            )
            for number, kind in enumerate(kinds)
        ],
        Partner,
        batch_size=1000,
        default_user=admin,
    )
    Partner.tags.through.objects.bulk_create(
        [
            Partner.tags.through(partner_id=partner.pk, tag_id=tag.pk)
            for partner in partners
            for tag in rng.sample(tags, rng.randint(0, 3))
        ],
        batch_size=5000,
    )
    contacts = bulk_create_with_history(
        [
            Contact(
                partner=partner,
                name=f"Contact {number:05}",
                email=f"contact{number}@example.org",
                is_contact_point=number % 2 == 0,
            )
            for number, partner in enumerate(partners)
        ],
        Contact,
        batch_size=1000,
        default_user=admin,
    )
    contact_of = {contact.partner_id: contact for contact in contacts}

    goal_codes = list(GoalTypeCode.values)
    for code in goal_codes:
        GoalType.objects.get_or_create(code=code)
    chosen_stages = rng.choices(
        list(STAGE_WEIGHTS), weights=list(STAGE_WEIGHTS.values()), k=PARTNERSHIPS
    )
    partnerships = []
    for number, stage in enumerate(chosen_stages):
        partner = rng.choice(partners)
        position = stages.ALL.index(stages.Stage(stage))
        selected = position >= stages.ALL.index(stages.Stage.SHORTLISTED)
        agreed = stage in {"agreed", "running", "completed"}
        still_open = stage not in {"completed", "declined", "dropped"}
        partnerships.append(
            Partnership(
                workspace=workspace,
                partner=partner,
                title=f"{rng.choice(WORDS)} project {number:05}",
                stage=stage,
                stage_changed_at=timezone.now() - timedelta(days=rng.randint(0, 400)),
                owner=rng.choice(members) if rng.random() > 0.1 else None,
                partner_owner=contact_of[partner.pk] if agreed else None,
                sketch="What we would do together, in a few lines.",
                impact=rng.randint(1, 5) if selected else None,
                likelihood=rng.randint(1, 5) if selected else None,
                ease=rng.randint(1, 5) if selected else None,
                benefit=rng.randint(1, 5) if selected else None,
                risk=rng.randint(1, 5) if selected else None,
                effort_hours=rng.randint(1, 20) if rng.random() > 0.3 else None,
                licence=rng.choice(["cc0", "cc_by_4", "cc_by_sa_4", "undecided"]),
                decision=Decision.GO if selected else "",
                next_step="Write to them" if still_open else "",
                next_step_due=(
                    today + timedelta(days=rng.randint(-30, 90))
                    if still_open and rng.random() > 0.2
                    else None
                ),
                created_by=admin,
            )
        )
    partnerships = bulk_create_with_history(
        partnerships, Partnership, batch_size=1000, default_user=admin
    )
    Partnership.goal_types.through.objects.bulk_create(
        [
            Partnership.goal_types.through(partnership_id=partnership.pk, goaltype_id=code)
            for partnership in partnerships
            for code in rng.sample(goal_codes, rng.randint(1, 3))
        ],
        batch_size=5000,
    )
    StageChange.objects.bulk_create(
        [
            StageChange(
                partnership=partnership,
                from_stage="idea",
                to_stage=partnership.stage,
                by=partnership.owner or admin,
                reason="Moved on.",
            )
            for partnership in partnerships
            if partnership.stage != "idea"
        ],
        batch_size=5000,
    )
    featured = _partnership_with_history(workspace, partners[0], members, today)
    return Seeded(workspace.slug, admin.pk, secret, featured.pk, workspace.pk)


def _partnership_with_history(workspace, partner, members, today) -> Partnership:
    """A running partnership with the history that years of work leave: edits by several
    people and every stage change."""
    admin = members[0]
    contact = partner_services.contact_create(
        partner=partner, by=admin, name="Featured Contact", is_contact_point=True
    )
    partnership = services.partnership_create(
        workspace=workspace, partner=partner, by=admin, title="Aardvark featured partnership",
        goal_types=["content_acquisition", "outreach_awareness"], owner=admin,
        impact=4, likelihood=4, ease=3, benefit=4, risk=2, effort_hours=12,
        licence="cc_by_sa_4", decision="go", decision_reason="Benchmark.",
    )  # fmt: skip
    for number in range(20):
        services.partnership_update(
            partnership=partnership, by=members[number % len(members)], version=None,
            sketch=f"Sketch, revision {number}", next_step=f"Step {number}",
            next_step_due=today + timedelta(days=number),
        )  # fmt: skip
    services.partnership_update(
        partnership=partnership, by=admin, version=None, partner_owner=contact
    )
    for stage in ["researching", "shortlisted", "preparing", "in_contact", "negotiating",
                  "agreed", "running"]:  # fmt: skip
        # The seed has no pitch: the recorded override stands in for its readiness answers.
        services.partnership_move(partnership=partnership, to_stage=stage, by=admin,
                                  override_reason="Benchmark seed without a pitch.")
    return partnership
