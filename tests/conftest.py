"""Named test people and their workspaces.

- alice: admin of workspace "north"
- carol: member of "north"
- victor: viewer of "north"
- bob: admin of workspace "south" (an outsider to "north")
"""

import pytest

from partnerkit.accounts.services import user_create
from partnerkit.partners import services as partner_services
from partnerkit.workspaces.models import Role
from partnerkit.workspaces.services import membership_add, workspace_create

pytest_plugins = ["tests.fakewiki", "tests.api_clients"]

PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def _tasks_run_at_once(settings):
    """Tasks run inside the request in tests, so their effects (e-mails) can be asserted."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(scope="session")
def _media_folder(tmp_path_factory):
    return tmp_path_factory.mktemp("media")


@pytest.fixture(autouse=True)
def _uploads_in_a_temporary_folder(settings, _media_folder):
    """Uploaded files (logos, signed copies…) never land in the data folder."""
    settings.MEDIA_ROOT = _media_folder


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # The production hasher is slow on purpose; tests create many accounts.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _no_internet(settings):
    """Wikimedia calls go to a closed local port unless a test starts the fake server."""
    settings.WIKIMEDIA_BASE_URL = "http://127.0.0.1:9"


def make_user(username: str):
    return user_create(username=username, email=f"{username}@example.org", password=PASSWORD)


@pytest.fixture
def alice(db):
    return make_user("alice")


@pytest.fixture
def bob(db):
    return make_user("bob")


@pytest.fixture
def carol(db):
    return make_user("carol")


@pytest.fixture
def victor(db):
    return make_user("victor")


@pytest.fixture
def north(alice, carol, victor):
    workspace = workspace_create(name="Wikimedia North", slug="north", by=alice)
    membership_add(workspace=workspace, user=carol, role=Role.MEMBER)
    membership_add(workspace=workspace, user=victor, role=Role.VIEWER)
    return workspace


@pytest.fixture
def south(bob):
    return workspace_create(name="Wikimedia South", slug="south", by=bob)


@pytest.fixture
def museum(north, alice):
    """A partner of "north" with one contact."""
    partner = partner_services.partner_create(
        workspace=north,
        by=alice,
        name="Nordic Museum",
        kind="museum",
        country="SE",
        place="Stockholm",
        website="https://www.nordiskamuseet.se/",
        wikidata_qid="Q1439564",
        description="Museum of Swedish cultural history.",
        private_notes="They may have budget cuts next year.",
        tags=["GLAM", "photography"],
    )
    partner_services.contact_create(
        partner=partner,
        by=alice,
        name="Ingrid Larsson",
        role_title="Head of digital collections",
        email="ingrid@example.org",
        is_contact_point=True,
    )
    return partner


@pytest.fixture
def southern_library(south, bob):
    """A partner of "south", which north's people must never see."""
    partner = partner_services.partner_create(
        workspace=south, by=bob, name="Southern Library", kind="library", country="ES"
    )
    partner_services.contact_create(partner=partner, by=bob, name="Lucía Gómez")
    return partner


def login(client, user):
    client.force_login(user)
    return client


def error_line(capsys, *, stdout_empty: bool = True) -> str:
    """The only line a `partnerkit` command wrote on stderr (and, unless told otherwise,
    nothing on stdout)."""
    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    assert len(lines) == 1, captured.err
    if stdout_empty:
        assert captured.out == ""
    return lines[0]
