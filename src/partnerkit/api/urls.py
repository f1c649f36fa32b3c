"""The REST API, version 1, mounted at /api/v1/ by the root URLconf."""

from django.http import Http404
from ninja import NinjaAPI, Router

from partnerkit.api import contacts, errors, partners, partnerships, workspaces

DESCRIPTION = """
Partnerkit's records, for scripts and other tools. The web pages and this API call the same
service functions and follow the same permissions.

**Authentication.** Send an API token in every request:
`Authorization: Bearer <token>`. Create one with `partnerkit token create --user U` or on your
account page. The browser session is not accepted here.

**Workspaces.** Records live under their workspace: `/workspaces/{slug}/…`. A workspace you
are not a member of, and any record of it, answers 404. Viewers may read; members,
coordinators and admins may also write; a write beyond your role answers 403.

**Lists** take `limit` (at most 200, default 50) and `offset`, and answer
`{"count": N, "items": [...]}`.

**Errors** answer `{"detail": "...", "errors": {"field": ["message", ...]}}`: 400 for invalid
input (each message under the field it is about; unknown fields are refused), 401 without a
valid token, 403, 404, and 409 when someone else saved a record after you read it. Send the
`version` you read with each change; a 409 also carries `current_version` and the other
person's `changes`. A stage move that the method's conditions do not allow yet also answers
409, with each unmet condition in `unmet`. Drafting a document that the record cannot fill
yet answers 400, with each missing piece and where to fill it in under `missing`.
"""

api = NinjaAPI(
    title="Partnerkit API",
    version="1",
    description=DESCRIPTION.strip(),
    urls_namespace="api",
)
errors.install(api)

api.add_router("", workspaces.router)
api.add_router("", partners.router)
api.add_router("", contacts.router)
api.add_router("", partnerships.router)
api.add_router("", "partnerkit.api.ranking.router")
api.add_router("", "partnerkit.api.research.router")
api.add_router("", "partnerkit.api.discovery.router")
api.add_router("", "partnerkit.api.pitch.router")
api.add_router("", "partnerkit.api.meetings.router")
api.add_router("", "partnerkit.api.negotiation.router")
api.add_router("", "partnerkit.api.followups.router")
api.add_router("", "partnerkit.api.documents.router")
api.add_router("", "partnerkit.api.running.router")
api.add_router("", "partnerkit.api.impact.router")

# Last, so that it only answers what nothing above matched: a JSON 404, not the HTML page.
unknown = Router()


@unknown.api_operation(
    ["GET", "POST", "PUT", "PATCH", "DELETE"], "/{path:rest}", include_in_schema=False
)
def unknown_address(request, rest: str):
    raise Http404


api.add_router("", unknown)
