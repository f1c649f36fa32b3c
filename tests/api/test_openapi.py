"""The OpenAPI description and the docs page, which is how people learn the API."""

import json

import pytest
from django.test import Client

from partnerkit.api.urls import api

# Through JSON, as clients read it (status codes become strings).
SCHEMA = json.loads(json.dumps(api.get_openapi_schema()))
OPERATIONS = [
    (method.upper(), path, operation)
    for path, operations in SCHEMA["paths"].items()
    for method, operation in operations.items()
]


def test_the_schema_is_served_without_a_token(db):
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    body = response.json()
    assert body["info"]["title"] == "Partnerkit API"
    assert body["info"]["version"] == "1"
    assert "Authorization: Bearer" in body["info"]["description"]
    assert body["components"]["securitySchemes"]["TokenAuth"]["scheme"] == "bearer"


def test_the_docs_page_loads_the_schema(db):
    response = Client().get("/api/v1/docs")
    assert response.status_code == 200
    assert b"/api/v1/openapi.json" in response.content


@pytest.mark.parametrize(
    "method, path, operation", OPERATIONS, ids=[f"{m} {p}" for m, p, _ in OPERATIONS]
)
def test_every_operation_is_described_secured_and_documents_its_errors(method, path, operation):
    assert operation.get("summary"), "give the operation a summary"
    assert operation.get("tags") and operation["tags"] != ["default"]
    assert operation["security"] == [{"TokenAuth": []}]
    assert "401" in operation["responses"]
    if "{slug}" in path:
        assert "404" in operation["responses"]
    if method != "GET":
        assert {"400", "403"} <= set(operation["responses"])
    for parameter in operation.get("parameters", []):
        if parameter["in"] == "path":
            assert parameter.get("description"), f"describe the path parameter {parameter['name']}"


def test_delete_of_a_partner_says_that_it_archives():
    operation = SCHEMA["paths"]["/api/v1/workspaces/{slug}/partners/{partner_id}"]["delete"]
    assert "Archive" in operation["summary"]
    assert "nothing is deleted" in operation["description"]
    assert "unarchive" in operation["description"]


def test_changes_document_the_conflict_answer():
    for path, method in [
        ("/api/v1/workspaces/{slug}/partners/{partner_id}", "patch"),
        ("/api/v1/workspaces/{slug}/contacts/{contact_id}", "patch"),
    ]:
        response = SCHEMA["paths"][path][method]["responses"]["409"]
        schema = response["content"]["application/json"]["schema"]
        assert schema["$ref"].endswith("/ConflictOut")


def test_input_schemas_refuse_unknown_fields():
    schemas = SCHEMA["components"]["schemas"]
    for name in ["PartnerCreate", "PartnerPatch", "ContactCreate", "ContactPatch", "RestoreIn"]:
        assert schemas[name]["additionalProperties"] is False, name
