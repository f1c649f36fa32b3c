"""How long the board, the list and a partnership page take with 5,000 partnerships, next to
the time the database needs for the same rows.

For each page three figures: the whole request through Django's test client (routing,
middleware, session, queries, templates); the page's own SQL statements replayed on a bare
cursor (what the database spends on that page); and a hand-written SELECT of the rows the page
shows (the floor any implementation pays). The API's list and board are timed the same way.
"""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partnerkit.partners.models import Contact, Partner
from partnerkit.partnerships.models import Partnership, StageChange
from partnerkit.partnerships.selectors import BOARD_CARDS_PER_STAGE
from tests.benchmarks.conftest import Result, timed

pytestmark = [pytest.mark.benchmark, pytest.mark.django_db]

PAGE_SIZE = 50

P = Partnership._meta.db_table
PARTNER = Partner._meta.db_table
USER = get_user_model()._meta.db_table
CONTACT = Contact._meta.db_table
GOALS = Partnership.goal_types.through._meta.db_table
CHANGES = StageChange._meta.db_table
HISTORY = Partnership.history.model._meta.db_table


def fetch(sql: str, params=()) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def goal_types_of(ids) -> list[tuple]:
    if not ids:
        return []
    marks = ", ".join(["%s"] * len(ids))
    return fetch(
        f"SELECT partnership_id, goaltype_id FROM {GOALS} "
        f"WHERE partnership_id IN ({marks}) ORDER BY goaltype_id",
        list(ids),
    )


# The rows each page shows, in hand-written SQL -------------------------------------------------


def board_rows(workspace_id: int) -> int:
    totals = fetch(
        f"SELECT stage, COUNT(*), SUM(effort_hours) FROM {P} WHERE workspace_id = %s "
        "GROUP BY stage",
        [workspace_id],
    )
    cards = fetch(
        f"""
        SELECT * FROM (
            SELECT p.id, p.title, p.stage, p.next_step, p.next_step_due, p.effort_hours,
                   p.version, p.partner_id, pa.name AS partner_name, pa.kind AS partner_kind,
                   u.username AS owner,
                   ROW_NUMBER() OVER (
                       PARTITION BY p.stage
                       ORDER BY p.next_step_due IS NULL, p.next_step_due, p.title, p.id
                   ) AS position
            FROM {P} p
            JOIN {PARTNER} pa ON pa.id = p.partner_id
            LEFT JOIN {USER} u ON u.id = p.owner_id
            WHERE p.workspace_id = %s
        ) numbered
        WHERE position <= %s
        ORDER BY stage, position
        """,
        [workspace_id, BOARD_CARDS_PER_STAGE],
    )
    goals = goal_types_of([card[0] for card in cards])
    return len(totals) + len(cards) + len(goals)


def list_rows(workspace_id: int) -> int:
    count = fetch(f"SELECT COUNT(*) FROM {P} WHERE workspace_id = %s", [workspace_id])
    page = fetch(
        f"""
        SELECT p.*, pa.name, pa.kind, u.username, c.name
        FROM {P} p
        JOIN {PARTNER} pa ON pa.id = p.partner_id
        LEFT JOIN {USER} u ON u.id = p.owner_id
        LEFT JOIN {CONTACT} c ON c.id = p.partner_owner_id
        WHERE p.workspace_id = %s
        ORDER BY LOWER(p.title), p.id
        LIMIT %s
        """,
        [workspace_id, PAGE_SIZE],
    )
    goals = goal_types_of([row[0] for row in page])
    return len(count) + len(page) + len(goals)


def detail_rows(workspace_id: int, pk: int) -> int:
    partnership = fetch(
        f"""
        SELECT p.*, pa.*, u.username, c.name
        FROM {P} p
        JOIN {PARTNER} pa ON pa.id = p.partner_id
        LEFT JOIN {USER} u ON u.id = p.owner_id
        LEFT JOIN {CONTACT} c ON c.id = p.partner_owner_id
        WHERE p.id = %s AND p.workspace_id = %s
        """,
        [pk, workspace_id],
    )
    goals = goal_types_of([pk])
    changes = fetch(
        f"SELECT sc.*, u.username FROM {CHANGES} sc LEFT JOIN {USER} u ON u.id = sc.by_id "
        "WHERE sc.partnership_id = %s ORDER BY sc.at DESC, sc.id DESC",
        [pk],
    )
    history = fetch(
        f"SELECT h.*, u.username FROM {HISTORY} h LEFT JOIN {USER} u ON u.id = h.history_user_id "
        "WHERE h.id = %s ORDER BY h.history_date DESC, h.history_id DESC",
        [pk],
    )
    return len(partnership) + len(goals) + len(changes) + len(history)


# Measuring ----------------------------------------------------------------------------------


def measure(results, name: str, request, rows_sql) -> None:
    """Time the request, the replay of its SELECTs, and the hand-written SQL."""
    with CaptureQueriesContext(connection) as captured:
        response = request()
    assert response.status_code == 200, response.content[:500]
    # Read now: every request clears the connection's log of queries.
    queries = [query["sql"] for query in captured.captured_queries]
    statements = [sql for sql in queries if sql.lstrip().upper().startswith(("SELECT", "WITH"))]
    median, p95 = timed(request)
    results.append(Result(f"{name}: page", median, p95, len(queries)))

    def replay():
        for sql in statements:
            fetch(sql, None)

    median, p95 = timed(replay)
    results.append(Result(f"{name}: its SQL replayed", median, p95, len(statements)))
    rows = rows_sql()
    median, p95 = timed(rows_sql)
    results.append(Result(f"{name}: bare SQL of its rows", median, p95, 0, rows))


@pytest.fixture
def browser(seeded):
    client = Client()
    client.force_login(get_user_model().objects.get(pk=seeded.user_id))
    return client


@pytest.fixture
def api(seeded):
    return Client(HTTP_AUTHORIZATION=f"Bearer {seeded.token}")


def test_board(browser, seeded, results):
    url = reverse("partnerships:board", kwargs={"workspace_slug": seeded.workspace_slug})
    measure(results, "Board", lambda: browser.get(url), lambda: board_rows(seeded.workspace_id))


def test_list(browser, seeded, results):
    url = reverse("partnerships:list", kwargs={"workspace_slug": seeded.workspace_slug})
    measure(results, "List", lambda: browser.get(url), lambda: list_rows(seeded.workspace_id))


def test_partnership_page(browser, seeded, results):
    url = reverse(
        "partnerships:detail",
        kwargs={"workspace_slug": seeded.workspace_slug, "pk": seeded.partnership_id},
    )
    measure(
        results,
        "Partnership page",
        lambda: browser.get(url),
        lambda: detail_rows(seeded.workspace_id, seeded.partnership_id),
    )


def test_api_list(api, seeded, results):
    url = f"/api/v1/workspaces/{seeded.workspace_slug}/partnerships?limit={PAGE_SIZE}"
    measure(results, "API list", lambda: api.get(url), lambda: list_rows(seeded.workspace_id))


def test_api_board(api, seeded, results):
    url = f"/api/v1/workspaces/{seeded.workspace_slug}/board"
    measure(results, "API board", lambda: api.get(url), lambda: board_rows(seeded.workspace_id))
