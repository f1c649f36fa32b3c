"""The SPARQL text of a discovery: organisations of a kind in an area, for the Wikidata Query
Service (https://query.wikidata.org/, documented at
https://www.mediawiki.org/wiki/Wikidata_Query_Service/User_Manual).

Only validated values ever reach the text: item ids matching ``Q[1-9][0-9]*``, ISO 3166-1
alpha-2 codes from the list of countries, language codes matching a strict pattern and whole
numbers. What people type is checked here and refused with a message naming the field.

Plain Python: no Django models, so the builder can be read and tested on its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from partnerkit.method.stages import N_
from partnerkit.method.wikidata_ids import normalise_qid

DEFAULT_LIMIT = 200
MAX_LIMIT = 1000
_LIMIT_MESSAGE = N_("Ask for between 1 and %(most)d results.")
_QID = re.compile(r"^Q[1-9][0-9]{0,11}$")
_COUNTRY = re.compile(r"^[A-Z]{2}$")
_LANGUAGE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{2,8})*$")
# Asked of the label service after the workspace's own languages: "mul" holds the labels
# valid in every language (names of organisations mostly), English is the widest fallback.
FALLBACK_LANGUAGES = ("mul", "en")


class QueryInputError(ValueError):
    """A value that cannot go into a query; ``field`` names the input at fault.

    ``template`` is the untranslated message with ``%(name)s`` places filled from
    ``params``, so an application can translate before filling in; ``str()`` is English."""

    def __init__(self, field: str, template: str, **params):
        super().__init__(template % params if params else template)
        self.field = field
        self.template = template
        self.params = params


@dataclass(frozen=True)
class Kind:
    """A kind of organisation to look for, as Wikidata classes, and the partner kind a result
    becomes when added."""

    code: str
    label: str
    classes: tuple[str, ...]
    partner_kind: str


KINDS: dict[str, Kind] = {
    kind.code: kind
    for kind in (
        Kind("museum", "Museums", ("Q33506",), "museum"),
        Kind("gallery", "Art galleries", ("Q1007870",), "gallery"),
        Kind("library", "Libraries", ("Q7075",), "library"),
        Kind("archive", "Archives", ("Q166118",), "archive"),
        Kind("university", "Universities and colleges", ("Q3918", "Q38723"), "higher_education"),
        Kind("learned_society", "Learned societies", ("Q955824",), "learned_society"),
        Kind("government", "Government agencies", ("Q327333",), "national_government"),
        Kind(
            "ngo",
            "Non-governmental and non-profit organisations",
            ("Q79913", "Q163740"),
            "nonprofit",
        ),
    )
}
# The partner kinds' own names are accepted too, so `--kind higher_education` works.
ALIASES = {
    "museums": "museum",
    "galleries": "gallery",
    "libraries": "library",
    "archives": "archive",
    "universities": "university",
    "higher_education": "university",
    "learned_societies": "learned_society",
    "national_government": "government",
    "nonprofit": "ngo",
}


def kind_for(code: str) -> Kind:
    key = (code or "").strip().lower().replace("-", "_")
    key = ALIASES.get(key, key)
    if key not in KINDS:
        raise QueryInputError(
            "kind",
            N_("“%(kind)s” is not a kind to discover; use one of %(valid)s."),
            kind=code,
            valid=", ".join(KINDS),
        )
    return KINDS[key]


@dataclass(frozen=True)
class Area:
    """A country by its ISO 3166-1 alpha-2 code, or a region or city by its Wikidata item."""

    country: str = ""
    qid: str = ""

    def __str__(self):
        return self.country or self.qid


def area_for(text: str, *, country_codes) -> Area:
    """``SE`` → the country; ``Q1754``, ``q1754`` or the item's address → the region or city.

    ``country_codes`` is the set of valid ISO codes (django-countries' list, given by the
    caller so that this module stays free of Django)."""
    value = (text or "").strip()
    if not value:
        raise QueryInputError(
            "area", N_("Give an area: a country code such as SE or a Wikidata item such as Q1754.")
        )
    if len(value) == 2 and value.isalpha():
        code = value.upper()
        if code not in country_codes:
            raise QueryInputError(
                "area", N_("“%(area)s” is not an ISO 3166 country code."), area=value
            )
        return Area(country=code)
    qid = normalise_qid(value)
    if qid is None:
        raise QueryInputError(
            "area",
            N_(
                "“%(area)s” is neither a country code such as SE nor a Wikidata item such as "
                "Q1754 or its address."
            ),
            area=value[:80],
        )
    return Area(qid=qid)


def languages_for(codes) -> list[str]:
    """The label service's languages: the workspace's, then the fallbacks, each once."""
    result = []
    for code in [*codes, *FALLBACK_LANGUAGES]:
        code = code.strip().lower()
        if _LANGUAGE.match(code) and code not in result:
            result.append(code)
    return result


def limit_for(value) -> int:
    if value in (None, ""):
        return DEFAULT_LIMIT
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise QueryInputError(
            "limit", N_("“%(limit)s” is not a whole number."), limit=value
        ) from None
    if not 1 <= number <= MAX_LIMIT:
        raise QueryInputError("limit", _LIMIT_MESSAGE, most=MAX_LIMIT)
    return number


def discovery_query(*, kind: Kind, area: Area, languages: list[str], limit: int) -> str:
    """The query for organisations of ``kind`` in ``area``, most sitelinks first.

    One row per item: the optional facts (an item may have several websites or places) are
    sampled, so LIMIT counts organisations, not combinations of their facts.
    """
    for qid in kind.classes + ((area.qid,) if area.qid else ()):
        if not _QID.match(qid):
            raise QueryInputError("area", N_("“%(qid)s” is not a Wikidata item id."), qid=qid)
    if area.country and not _COUNTRY.match(area.country):
        raise QueryInputError(
            "area", N_("“%(area)s” is not an ISO 3166 country code."), area=area.country
        )
    if not 1 <= int(limit) <= MAX_LIMIT:
        raise QueryInputError("limit", _LIMIT_MESSAGE, most=MAX_LIMIT)
    languages = languages_for(languages)
    classes = " ".join(f"wd:{qid}" for qid in kind.classes)
    if area.country:
        where = f'  ?area wdt:P297 "{area.country}" .\n  ?item wdt:P17 ?area .\n'
        area_comment = f"# in the country with ISO code {area.country}"
    else:
        where = f"  ?item wdt:P131* wd:{area.qid} .\n"
        area_comment = f"# located in {area.qid} or anywhere inside it"
    return (
        f"# {kind.label}: instances of {', '.join(kind.classes)} or of a subclass\n"
        f"{area_comment}\n"
        "SELECT ?item ?itemLabel ?itemDescription ?sitelinks\n"
        "       (SAMPLE(?website_) AS ?website) (SAMPLE(?commons_) AS ?commons)\n"
        "       (SAMPLE(?countryCode_) AS ?countryCode) (SAMPLE(?placeLabel_) AS ?placeLabel)\n"
        "WHERE {\n"
        f"  VALUES ?class {{ {classes} }}\n"
        "  ?item wdt:P31/wdt:P279* ?class .\n"
        f"{where}"
        "  ?item wikibase:sitelinks ?sitelinks .\n"
        "  OPTIONAL { ?item wdt:P856 ?website_ . }\n"
        "  OPTIONAL { ?item wdt:P373 ?commons_ . }\n"
        "  OPTIONAL { ?item wdt:P17/wdt:P297 ?countryCode_ . }\n"
        "  OPTIONAL { ?item wdt:P131 ?place . }\n"
        "  SERVICE wikibase:label {\n"
        f'    bd:serviceParam wikibase:language "{",".join(languages)}" .\n'
        "    ?item rdfs:label ?itemLabel .\n"
        "    ?item schema:description ?itemDescription .\n"
        "    ?place rdfs:label ?placeLabel_ .\n"
        "  }\n"
        "}\n"
        "GROUP BY ?item ?itemLabel ?itemDescription ?sitelinks\n"
        "ORDER BY DESC(?sitelinks)\n"
        f"LIMIT {int(limit)}\n"
    )


_COMMENT = re.compile(r"#[^\n]*")
_PREFIX = re.compile(r"^\s*(PREFIX\s+\S*\s*<[^>]*>\s*|BASE\s+<[^>]*>\s*)*", re.IGNORECASE)
_STRINGS = re.compile(
    r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''
)
_IRI = re.compile(r"<[^<>\s]*>")


def check_handwritten(text: str) -> str:
    """The query, stripped, if it is a SELECT that binds ``?item``; otherwise QueryInputError
    on "sparql". The query service itself judges the rest of the syntax."""
    query = (text or "").strip()
    if not query:
        raise QueryInputError("sparql", N_("Write a SELECT query that binds ?item."))
    if len(query) > 20_000:
        raise QueryInputError("sparql", N_("The query is longer than 20,000 characters."))
    # Look at the words only: comments, strings and IRIs may contain anything.
    bare = _IRI.sub(" <> ", _STRINGS.sub(' "" ', query))
    bare = "\n".join(_COMMENT.sub("", line) for line in bare.splitlines())
    head = _PREFIX.sub("", bare).lstrip()
    if not re.match(r"SELECT\b", head, re.IGNORECASE):
        raise QueryInputError(
            "sparql",
            N_("Only SELECT queries can be used here (not ASK, CONSTRUCT, DESCRIBE or updates)."),
        )
    select_clause = re.split(r"\bWHERE\b|\{", head, maxsplit=1, flags=re.IGNORECASE)[0]
    if not re.search(r"[?$]item\b(?![-\w])", select_clause) and not re.search(
        r"SELECT\s+(DISTINCT\s+|REDUCED\s+)?\*", select_clause, re.IGNORECASE
    ):
        raise QueryInputError(
            "sparql",
            N_(
                "The query must select ?item, the Wikidata item of each organisation "
                "(e.g. SELECT ?item ?itemLabel WHERE { … })."
            ),
        )
    return query
