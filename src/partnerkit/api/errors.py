"""Every failure answers `{"detail": "...", "errors": {field: [messages]}}`.

Request validation (pydantic, before the view runs) and record validation (Django, raised by
services) give the same shape, so a client has one way to show a message next to a field.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import partial

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.core.exceptions import ValidationError as RecordInvalid
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as RequestInvalid

from partnerkit.core.errors import ConflictError

# How pydantic's messages read to someone filling in a request, by error type.
PYDANTIC_MESSAGES = {
    "missing": gettext_lazy("This field is required."),
    "extra_forbidden": gettext_lazy("Unknown field; see the API schema for the fields it accepts."),
}
# Where ninja found a value: the first element of an error location.
SOURCES = frozenset({"body", "query", "path", "header", "cookie", "form", "file"})


def install(api) -> None:
    handlers = {
        RequestInvalid: request_invalid,
        RecordInvalid: record_invalid,
        ConflictError: conflict,
        AuthenticationError: unauthenticated,
        PermissionDenied: forbidden,
        Http404: not_found,
        HttpError: http_error,
    }
    for exception, handler in handlers.items():
        api.add_exception_handler(exception, partial(handler, api=api))


def error_response(api, request, status: int, detail: str, errors=None, **extra):
    body = {"detail": detail, "errors": errors or {}, **extra}
    return api.create_response(request, body, status=status)


def request_invalid(request, exc: RequestInvalid, *, api):
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        name = field_name(error["loc"])
        if name == NON_FIELD_ERRORS and error["loc"][0] == "body":
            message = _("Send a JSON object as the request body.")
        else:
            message = str(PYDANTIC_MESSAGES.get(error["type"], error["msg"]))
        if message not in errors.get(name, []):
            errors.setdefault(name, []).append(message)
    return error_response(api, request, 400, _invalid_detail(errors), errors)


def field_name(location) -> str:
    """The field an error location points at: ("body", "payload", "kind", 0) → "kind".

    The first element says where the value came from; for a body, the second is the name of
    the view's parameter that holds it, which means nothing to the client.
    """
    parts = list(location)
    if parts and parts[0] in SOURCES:
        source = parts.pop(0)
        if source == "body" and parts:
            parts.pop(0)
    names = [str(part) for part in parts if isinstance(part, str)]
    return names[0] if names else NON_FIELD_ERRORS


def record_invalid(request, exc: RecordInvalid, *, api):
    if hasattr(exc, "error_dict"):
        errors = exc.message_dict
    else:
        errors = {NON_FIELD_ERRORS: exc.messages}
    return error_response(api, request, 400, _invalid_detail(errors), errors)


def _invalid_detail(errors: dict) -> str:
    fields = [name for name in errors if name != NON_FIELD_ERRORS]
    if not fields:
        return " ".join(errors.get(NON_FIELD_ERRORS, [])) or _("The request is not valid.")
    return _("Check these fields: %(fields)s.") % {"fields": ", ".join(fields)}


def conflict(request, exc: ConflictError, *, api):
    changes = {
        name: {"before": _plain(before), "now": _plain(now)}
        for name, (before, now) in exc.changes.items()
    }
    return error_response(
        api, request, 409, str(exc), current_version=exc.current_version, changes=changes
    )


def _plain(value):
    """A value JSON can carry: model field values such as countries become their text."""
    if value is None or isinstance(value, (str, int, float, bool, date, datetime)):
        return value
    return str(value)


def unauthenticated(request, exc: AuthenticationError, *, api):
    response = error_response(
        api,
        request,
        401,
        _("Send a valid API token in the header “Authorization: Bearer <token>”."),
    )
    response["WWW-Authenticate"] = 'Bearer realm="partnerkit"'
    return response


def forbidden(request, exc: PermissionDenied, *, api):
    return error_response(api, request, 403, str(exc) or _("You are not allowed to do this."))


def not_found(request, exc: Http404, *, api):
    # Never say why: another workspace's records must look exactly like missing ones.
    return error_response(api, request, 404, _("Not found."))


def http_error(request, exc: HttpError, *, api):
    return error_response(api, request, exc.status_code, str(exc))


def wikimedia_failed(error) -> HttpError:
    """The answer when a Wikimedia service let us down: 504 when a query took too long, 503
    when the service is busy or unreachable (worth trying again later), 502 when it answered
    something unusable. The detail is the error's own sentence."""
    from partnerkit.wikimedia.errors import QueryTimeout

    if isinstance(error, QueryTimeout):
        return HttpError(504, str(error))
    return HttpError(503 if error.retryable else 502, str(error))
