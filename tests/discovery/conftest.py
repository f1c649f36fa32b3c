"""Query-service answers in the service's own JSON format, for the fake Wikimedia server."""

import pytest

ENTITY = "http://www.wikidata.org/entity/"
XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"


def literal(value, lang=None, datatype=None) -> dict:
    term = {"type": "literal", "value": str(value)}
    if lang:
        term["xml:lang"] = lang
    if datatype:
        term["datatype"] = datatype
    return term


def binding(
    qid,
    label=None,
    *,
    description=None,
    sitelinks=None,
    website=None,
    commons=None,
    country=None,
    place=None,
) -> dict:
    """One result row as the query service sends it; None leaves the variable unbound."""
    row = {"item": {"type": "uri", "value": ENTITY + qid}}
    if label is not None:
        row["itemLabel"] = literal(label, lang="sv")
    if description is not None:
        row["itemDescription"] = literal(description, lang="en")
    if sitelinks is not None:
        row["sitelinks"] = literal(sitelinks, datatype=XSD_INTEGER)
    if website is not None:
        row["website"] = {"type": "uri", "value": website}
    if commons is not None:
        row["commons"] = literal(commons)
    if country is not None:
        row["countryCode"] = literal(country)
    if place is not None:
        row["placeLabel"] = literal(place, lang="sv")
    return row


# Museums in Stockholm, the first one already a partner of "north" (the `museum` fixture).
STOCKHOLM_MUSEUMS = [
    binding(
        "Q1439564",
        "Nordiska museet",
        description="museum in Stockholm",
        sitelinks=42,
        website="https://www.nordiskamuseet.se/",
        commons="Nordiska museet",
        country="SE",
        place="Stockholm",
    ),
    binding(
        "Q1145",
        "Vasamuseet",
        description="maritime museum",
        sitelinks=61,
        website="https://www.vasamuseet.se/",
        commons="Vasa Museum",
        country="SE",
        place="Djurgården",
    ),
    binding("Q1780", "Moderna Museet", sitelinks=38, country="SE"),
    # Another item with the partner's name, spelt differently: a fuzzy match.
    binding("Q9999001", "Museum, Nordic", sitelinks=1),
    binding("Q9999002", "Skansen", description=None, sitelinks=None, website=None),
]


def sparql_requests(fake) -> list:
    return [request for request in fake.requests if request[2].rstrip("/").endswith("/sparql")]


@pytest.fixture(autouse=True)
def _fake_wikimedia(fakewiki):
    """Every discovery test talks to the fake server: adding partners queues the fetching of
    their Wikidata facts, which runs at once in tests."""
    return fakewiki


@pytest.fixture
def wdqs(fakewiki):
    """The fake server answering every query with STOCKHOLM_MUSEUMS."""
    fakewiki.sparql_rows = list(STOCKHOLM_MUSEUMS)
    return fakewiki
