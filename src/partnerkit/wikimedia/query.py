"""SELECT queries on the Wikidata Query Service (https://query.wikidata.org/sparql).

The query is POSTed as a form (``query=…``) with ``Accept: application/sparql-results+json``;
POST avoids URL length limits and is never served a stale cached answer. The service allows
60 seconds per query and asks for one query at a time per client (``Client.sparql`` holds a
lock; the shared rate limiter counts the request too).

Answer: ``{"head": {"vars": [...]}, "results": {"bindings": [{var: {"type", "value",
"datatype"?, "xml:lang"?}}, ...]}}``. Quirks handled here:

- unbound variables (an OPTIONAL that matched nothing) are absent from the row, not null;
- numbers and dates are strings with an XSD ``datatype``;
- the label service gives ``?xLabel`` as the id itself ("Q123") when no label exists in the
  languages asked for, and ``?xAltLabel`` as one comma-joined string;
- a syntax error is HTTP 400 with a Java stack trace as plain text (``QuerySyntaxError``
  quotes the parser's line); a query over 60 s is HTTP 500 mentioning
  ``java.util.concurrent.TimeoutException`` (``QueryTimeout``).
"""

from __future__ import annotations

from .errors import BadResponse
from .http import Client, default_client

XSD = "http://www.w3.org/2001/XMLSchema#"
ENTITY_PREFIX = "http://www.wikidata.org/entity/"
_INTEGERS = {
    "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
    "negativeInteger", "nonPositiveInteger", "unsignedInt", "unsignedLong", "unsignedShort",
    "unsignedByte",
}  # fmt: skip
_FLOATS = {"decimal", "double", "float"}
_DATES = {"dateTime", "date"}


def select(query: str, *, client: Client | None = None) -> list[dict[str, object]]:
    """The rows of a SELECT query as dicts of Python values; unbound variables are absent.

    ``xsd:integer`` → int, ``xsd:decimal``/``double``/``float`` → float, ``xsd:dateTime`` →
    "YYYY-MM-DD", ``xsd:boolean`` → bool, other literals → str; Wikidata entity IRIs → "Q1";
    other IRIs → str.
    """
    client = client or default_client()
    answer = client.sparql(query)
    return [convert_row(binding) for binding in answer["results"]["bindings"]]


def convert_row(binding: dict) -> dict[str, object]:
    if not isinstance(binding, dict):
        raise BadResponse("The Wikidata Query Service sent a result row that is not an object.")
    return {name: convert_value(term) for name, term in binding.items()}


def convert_value(term: dict) -> object:
    """One RDF term of a SPARQL JSON result as a Python value."""
    if not isinstance(term, dict) or "value" not in term:
        raise BadResponse("The Wikidata Query Service sent a value without a value.")
    value = str(term["value"])
    kind = term.get("type")
    if kind == "uri":
        if value.startswith(ENTITY_PREFIX):
            return value[len(ENTITY_PREFIX) :]
        return value
    if kind in ("literal", "typed-literal"):
        datatype = str(term.get("datatype", ""))
        if datatype.startswith(XSD):
            name = datatype[len(XSD) :]
            try:
                if name in _INTEGERS:
                    return int(value)
                if name in _FLOATS:
                    return float(value)
            except ValueError:
                raise BadResponse(
                    f"The Wikidata Query Service sent {value!r} as a number ({name})."
                ) from None
            if name in _DATES:
                return _date(value)
            if name == "boolean":
                return value in ("true", "1")
    return value


def _date(value: str) -> str:
    """ "2013-01-01T00:00:00Z" → "2013-01-01"; BCE years keep their sign ("-0500-01-01")."""
    negative = value.startswith("-")
    body = value[1:] if negative else value
    day = body.split("T", 1)[0]
    return f"-{day}" if negative else day
