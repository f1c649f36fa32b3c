"""Helpers for the import and export tests: files in memory, and importing them through the
same services the pages and the command use."""

import csv
import io
from pathlib import Path

import pytest

from partnerkit.transfer import services
from partnerkit.transfer.planning import build_preview
from partnerkit.transfer.reading import read_table

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "transfer"


def fixture_bytes(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def csv_bytes(rows: list[list], *, delimiter: str = ",", encoding: str = "utf-8") -> bytes:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode(encoding)


def preview_of(workspace, by, kind, data: bytes, *, file_name="file.csv", mapping=None,
               decisions=None, on_duplicate=None):
    table = read_table(data, file_name=file_name)
    if mapping is None:
        mapping = services.mapping_for(workspace=workspace, kind=kind, headers=table.headers)
    return build_preview(
        workspace=workspace, kind=kind, table=table, mapping=mapping, by=by,
        file_name=file_name, decisions=decisions, on_duplicate=on_duplicate,
    )


def import_bytes(workspace, by, kind, data: bytes, *, file_name="file.csv", mapping=None,
                 decisions=None, on_duplicate=None):
    """Upload and apply in one go, as the command does; ImportRefused when it has errors."""
    table = read_table(data, file_name=file_name)
    run = services.import_draft_create(
        workspace=workspace, by=by, kind=kind, file_name=file_name, table=table, mapping=mapping
    )
    return services.import_apply(run=run, by=by, decisions=decisions, on_duplicate=on_duplicate)


def problems(items) -> list[str]:
    return [str(item) for item in items]


@pytest.fixture
def dora(north):
    """A coordinator of "north": may override the method's stage conditions."""
    from partnerkit.workspaces.models import Role
    from partnerkit.workspaces.services import membership_add
    from tests.conftest import make_user

    user = make_user("dora")
    membership_add(workspace=north, user=user, role=Role.COORDINATOR)
    return user
