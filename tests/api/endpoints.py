"""The API's endpoints as its OpenAPI schema lists them, for tests that must cover them all."""

import re

from partnerkit.api.urls import api
from partnerkit.partners.models import Contact, Partner, Tag
from partnerkit.partnerships.models import Partnership, StageChange

PREFIX = "/api/v1"
READ_METHODS = {"GET"}


def schema_operations() -> list[tuple[str, str]]:
    """(method, path) of every operation, paths relative to /api/v1."""
    paths = api.get_openapi_schema()["paths"]
    return sorted(
        (method.upper(), path.removeprefix(PREFIX))
        for path, operations in paths.items()
        for method in operations
    )


OPERATIONS = schema_operations()
IN_WORKSPACE = [(method, path) for method, path in OPERATIONS if "{slug}" in path]
WITH_OBJECT_ID = [(method, path) for method, path in IN_WORKSPACE if re.search(r"{\w+_id}", path)]
WRITES = [(method, path) for method, path in IN_WORKSPACE if method not in READ_METHODS]
READS = [(method, path) for method, path in IN_WORKSPACE if method in READ_METHODS]


def operation_id(operation) -> str:
    return " ".join(operation)


def address(path: str, **values) -> str:
    names = set(re.findall(r"{(\w+)}", path))
    unknown = names - set(values)
    assert not unknown, f"{path}: teach the tests which value to use for {sorted(unknown)}"
    return path.format(**values)


def stored_state():
    """Everything a request could change, to show that it changed nothing."""
    return (
        list(Partner.objects.values_list("id", "version", "archived_at")),
        list(Contact.objects.values_list("id", "version")),
        Tag.objects.count(),
        Partner.history.count(),
        Contact.history.count(),
        list(Partnership.objects.values_list("id", "version", "stage")),
        Partnership.history.count(),
        StageChange.objects.count(),
    )
