"""Wikidata items through the Action API (https://www.wikidata.org/w/api.php).

Modules used:

- ``action=wbsearchentities&search=…&language=…&uselang=…&type=item&limit=…`` finds items by
  label or alias. Answer: ``{"searchinfo": {"search": …}, "search": [{"id", "label",
  "description", "display": {"label": {"value", "language"}, …}, "match": {…}, …}],
  "success": 1}``. ``label``/``description`` may be absent.
- ``action=wbgetentities&ids=Q1|Q2…&props=labels|descriptions|claims|sitelinks&languages=…``
  with at most 50 ids per request (500 for bots) and ``maxlag=5`` on batch work. Answer:
  ``{"entities": {<requested id>: {…}}, "success": 1}``. Quirks handled here:

  * a redirected entity stays keyed by the id asked for, with ``"id"`` the target and
    ``"redirects": {"from": …, "to": …}``;
  * a deleted or never-created id comes back as ``{"id": "Q6", "missing": ""}``; a title looked
    up with ``sites``/``titles`` that has no item is keyed ``"-1"``;
  * a malformed id fails the whole request with the error ``no-such-entity`` ("Invalid id: …"),
    so ids are checked here before anything is sent;
  * entity-id values are ``{"entity-type": "item", "numeric-id": 5, "id": "Q5"}`` today, but
    only ``numeric-id`` in the 2015 format, which both parse;
  * statements have ranks: preferred first, then normal; deprecated ones are ignored.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from .errors import BadResponse, NoSuchEntity
from .http import BATCH_SIZE, Client, batches, default_client

# The 20 largest Wikipedias by articles, the ones a partner's presence is usually checked on.
MAIN_WIKIPEDIAS: tuple[str, ...] = (
    "en", "de", "fr", "es", "ja", "ru", "it", "zh", "pt", "ar",
    "fa", "pl", "nl", "uk", "he", "id", "tr", "cs", "sv", "ko",
)  # fmt: skip

# Site ids ending in "wiki" that are not Wikipedias.
NOT_WIKIPEDIAS = frozenset(
    {
        "commonswiki", "wikidatawiki", "specieswiki", "metawiki", "mediawikiwiki", "sourceswiki",
        "outreachwiki", "wikimaniawiki", "foundationwiki", "incubatorwiki", "wikifunctionswiki",
        "testwiki", "test2wiki", "testwikidatawiki", "testcommonswiki", "strategywiki",
        "nostalgiawiki", "tenwiki", "labswiki", "beta_wiki",
    }
)  # fmt: skip
# Site ids whose language code is not the site id minus "wiki" with "_" as "-".
_SITE_LANGUAGES = {"be_x_oldwiki": "be-tarask"}

SOCIAL_PROPERTIES = {
    "x": "P2002",
    "facebook": "P2013",
    "instagram": "P2003",
    "youtube": "P2397",
    "linkedin": "P4264",
    "mastodon": "P4033",
}

_ENTITY_ID = re.compile(r"^[QPL][1-9][0-9]{0,11}$")
_ENTITY_PREFIX = {"item": "Q", "property": "P", "lexeme": "L", "form": "L", "sense": "L"}


@dataclass(frozen=True)
class SearchHit:
    qid: str
    label: str
    description: str
    country: str  # label of P17 in the first language, "" if none
    website: str  # first P856, "" if none


@dataclass(frozen=True)
class Item:
    requested: str
    qid: str
    missing: bool
    labels: dict[str, str] = field(default_factory=dict)
    descriptions: dict[str, str] = field(default_factory=dict)
    instance_of: list[str] = field(default_factory=list)
    country: str | None = None
    place: str | None = None
    coordinates: tuple[float, float] | None = None
    website: str | None = None
    inception: str | None = None
    employees: int | None = None
    parent: str | None = None
    director: str | None = None  # P1037 director / manager
    chairperson: str | None = None  # P488 chairperson
    commons_category: str | None = None
    image: str | None = None
    social: dict[str, str] = field(default_factory=dict)
    sitelinks: dict[str, str] = field(default_factory=dict)

    @property
    def wikipedias(self) -> dict[str, str]:
        """Language code → article title, for the Wikipedia sitelinks only."""
        found = {}
        for site, title in self.sitelinks.items():
            language = wikipedia_language(site)
            if language:
                found[language] = title
        return found

    @property
    def redirected(self) -> bool:
        return self.qid != self.requested


def wikipedia_language(site: str) -> str | None:
    """``"de"`` for ``"dewiki"``, ``"be-tarask"`` for ``"be_x_oldwiki"``; None if not a Wikipedia."""
    if not site.endswith("wiki") or site in NOT_WIKIPEDIAS or len(site) <= 4:
        return None
    return _SITE_LANGUAGES.get(site, site[:-4].replace("_", "-"))


def entity_id(text: str) -> str:
    """``"Q42"`` for "Q42", "q42 " or "P31"; NoSuchEntity naming the text otherwise."""
    value = str(text).strip().upper()
    if not _ENTITY_ID.match(value):
        raise NoSuchEntity(
            f"{str(text).strip()!r} is not a Wikidata id (an id looks like Q42).",
            qid=str(text).strip(),
            code="invalid-id",
        )
    return value


def get_items(
    qids: Iterable[str],
    *,
    languages: list[str],
    client: Client | None = None,
    on_batch: Callable[[dict[str, Item]], None] | None = None,
) -> dict[str, Item]:
    """The items, keyed by the id asked for, fetched 50 per request.

    Missing ids give ``Item(missing=True)``; a malformed id raises NoSuchEntity naming it before
    any request is sent. ``on_batch`` is called with each batch's items as soon as it arrives,
    so a long job can save its progress.
    """
    wanted = _unique_ids(qids)
    client = client or default_client()
    items: dict[str, Item] = {}
    for batch in batches(wanted, BATCH_SIZE):
        params = {
            "action": "wbgetentities",
            "ids": batch,
            "props": "labels|descriptions|claims|sitelinks",
            "maxlag": 5,
        }
        if languages:
            params["languages"] = list(languages)
        entities = _entities(client.action("wikidata", params), batch)
        found = {
            requested: parse_item(requested, entities[requested], languages=languages)
            for requested in batch
        }
        items.update(found)
        if on_batch is not None:
            on_batch(found)
    return items


def items_for_titles(
    site: str, titles: Iterable[str], *, languages: list[str], client: Client | None = None
) -> dict[str, Item | None]:
    """The items whose sitelink on ``site`` ("enwiki") is each title; None where there is none.

    Uses wbgetentities with ``sites``/``titles`` (50 titles per request); a title without an
    item comes back keyed "-1", "-2", … with ``"missing": ""``.
    """
    client = client or default_client()
    asked = list(dict.fromkeys(title.strip() for title in titles if title.strip()))
    found: dict[str, Item | None] = {title: None for title in asked}
    for batch in batches(asked, BATCH_SIZE):
        answer = client.action(
            "wikidata",
            {"action": "wbgetentities", "sites": site, "titles": batch,
             "props": "labels|descriptions|claims|sitelinks", "languages": list(languages) or None,
             "maxlag": 5},
        )  # fmt: skip
        entities = answer.get("entities")
        if not isinstance(entities, dict):
            raise BadResponse("Wikidata sent an answer without entities.")
        by_title = {title.replace("_", " "): title for title in batch}
        for key, entity in entities.items():
            if not isinstance(entity, dict) or "missing" in entity:
                continue
            linked = (entity.get("sitelinks") or {}).get(site) or {}
            title = by_title.get(str(linked.get("title", "")).replace("_", " "))
            if title is not None:
                found[title] = parse_item(str(entity.get("id") or key), entity, languages=languages)
    return found


def get_labels(
    qids: Iterable[str], *, languages: list[str], client: Client | None = None
) -> dict[str, str]:
    """Id asked for → its label in the first of ``languages`` that has one.

    When none of them has a label, the multilingual ("mul") label or the English one is used.
    Ids without any of those labels, and missing ids, are left out.
    """
    wanted = _unique_ids(qids)
    client = client or default_client()
    asked = list(dict.fromkeys([*languages, "mul", "en"]))
    labels: dict[str, str] = {}
    for batch in batches(wanted, BATCH_SIZE):
        answer = client.action(
            "wikidata",
            {"action": "wbgetentities", "ids": batch, "props": "labels",
             "languages": asked, "maxlag": 5},
        )  # fmt: skip
        entities = _entities(answer, batch)
        for requested in batch:
            texts = _texts(entities[requested].get("labels"), asked)
            for language in asked:
                if texts.get(language):
                    labels[requested] = texts[language]
                    break
    return labels


def search(
    name: str, *, languages: list[str], limit: int = 10, client: Client | None = None
) -> list[SearchHit]:
    """Items whose label or alias matches ``name``, best first, with country and website.

    At most three requests: wbsearchentities, then one wbgetentities for the hits' country
    (P17) and website (P856), then one for the countries' labels.
    """
    name = name.strip()
    if not name:
        return []
    client = client or default_client()
    language = languages[0] if languages else "en"
    answer = client.action(
        "wikidata",
        {"action": "wbsearchentities", "search": name, "language": language,
         "uselang": language, "type": "item", "limit": max(1, min(limit, 50))},
    )  # fmt: skip
    results = answer.get("search")
    if not isinstance(results, list):
        raise BadResponse("Wikidata sent search results without a list of hits.")
    hits = [hit for hit in results if isinstance(hit, dict) and hit.get("id")][:limit]
    if not hits:
        return []
    qids = [str(hit["id"]) for hit in hits]
    details = _entities(
        client.action(
            "wikidata",
            {"action": "wbgetentities", "ids": qids, "props": "claims", "maxlag": 5},
        ),
        qids,
    )
    facts = {qid: parse_item(qid, details[qid], languages=[]) for qid in qids}
    countries = sorted({item.country for item in facts.values() if item.country})
    country_labels = get_labels(countries, languages=[language], client=client) if countries else {}
    found = []
    for hit in hits:
        qid = str(hit["id"])
        item = facts[qid]
        display = hit.get("display") if isinstance(hit.get("display"), dict) else {}
        found.append(
            SearchHit(
                qid=qid,
                label=str(hit.get("label") or _display(display, "label") or qid),
                description=str(hit.get("description") or _display(display, "description") or ""),
                country=country_labels.get(item.country or "", ""),
                website=item.website or "",
            )
        )
    return found


# -- Parsing ------------------------------------------------------------------------------


def parse_item(requested: str, entity: dict, *, languages: list[str]) -> Item:
    """An ``Item`` from one wbgetentities entity (modern or 2015 format)."""
    if not isinstance(entity, dict):
        raise BadResponse(f"Wikidata sent an entity for {requested} that is not an object.")
    if "missing" in entity:
        return Item(requested=requested, qid=requested, missing=True)
    qid = str(entity.get("id") or requested)
    claims = entity.get("claims") or entity.get("statements") or {}
    if not isinstance(claims, dict):
        claims = {}
    coordinates = None
    for value in _values(claims, "P625"):
        if isinstance(value, dict) and "latitude" in value and "longitude" in value:
            coordinates = (float(value["latitude"]), float(value["longitude"]))
            break
    return Item(
        requested=requested,
        qid=qid,
        missing=False,
        labels=_texts(entity.get("labels"), languages),
        descriptions=_texts(entity.get("descriptions"), languages),
        instance_of=_entity_values(claims, "P31"),
        country=_first(_entity_values(claims, "P17")),
        place=_first(_entity_values(claims, "P131")) or _first(_entity_values(claims, "P159")),
        coordinates=coordinates,
        website=_first(_strings(claims, "P856")),
        inception=_first([_time(value) for value in _values(claims, "P571") if _time(value)]),
        employees=_employees(claims),
        parent=_first(_entity_values(claims, "P749")),
        director=_first(_entity_values(claims, "P1037")),
        chairperson=_first(_entity_values(claims, "P488")),
        commons_category=_commons_category(claims),
        image=_first(_strings(claims, "P18")),
        social={
            network: values[0]
            for network, prop in SOCIAL_PROPERTIES.items()
            if (values := _strings(claims, prop))
        },
        sitelinks=_sitelinks(entity.get("sitelinks")),
    )


def _unique_ids(qids: Iterable[str]) -> list[str]:
    if isinstance(qids, str):
        qids = [qids]
    return list(dict.fromkeys(entity_id(qid) for qid in qids))


def _entities(answer: dict, asked: list[str]) -> dict[str, dict]:
    """The ``entities`` object, checked to hold every id asked for (keyed as asked)."""
    entities = answer.get("entities")
    if not isinstance(entities, dict):
        raise BadResponse("Wikidata sent an answer without entities.")
    for requested in asked:
        if requested in entities:
            continue
        # Defensive: find an entity that answers for it under another key.
        for entity in entities.values():
            if isinstance(entity, dict) and (
                entity.get("id") == requested
                or (entity.get("redirects") or {}).get("from") == requested
            ):
                entities[requested] = entity
                break
        else:
            raise BadResponse(f"Wikidata's answer left out {requested}, which was asked for.")
    return entities


def _texts(field_value, languages: list[str]) -> dict[str, str]:
    """language → text from labels/descriptions, only ``languages`` (all when empty)."""
    texts = {}
    if isinstance(field_value, dict):
        for language, entry in field_value.items():
            if languages and language not in languages:
                continue
            if isinstance(entry, dict) and entry.get("value"):
                texts[language] = str(entry["value"])
            elif isinstance(entry, str) and entry:
                texts[language] = entry
    return texts


def _sitelinks(field_value) -> dict[str, str]:
    links = {}
    if isinstance(field_value, dict):
        for site, entry in field_value.items():
            if isinstance(entry, dict) and entry.get("title"):
                links[str(entry.get("site") or site)] = str(entry["title"])
    return links


def _statements(claims: dict, prop: str) -> list[dict]:
    """Usable statements of ``prop``: preferred rank first, then normal; deprecated dropped."""
    statements = [s for s in claims.get(prop) or [] if isinstance(s, dict)]
    preferred = [s for s in statements if s.get("rank") == "preferred"]
    normal = [s for s in statements if s.get("rank", "normal") == "normal"]
    return preferred + normal


def _snak_value(snak) -> object | None:
    if not isinstance(snak, dict) or snak.get("snaktype", "value") != "value":
        return None
    datavalue = snak.get("datavalue")
    return datavalue.get("value") if isinstance(datavalue, dict) else None


def _values(claims: dict, prop: str) -> list:
    values = []
    for statement in _statements(claims, prop):
        value = _snak_value(statement.get("mainsnak"))
        if value is not None:
            values.append(value)
    return values


def _entity_ref(value) -> str | None:
    """``"Q5"`` from an entity-id value, modern (``id``) or 2015 (``numeric-id`` only)."""
    if not isinstance(value, dict):
        return None
    if value.get("id"):
        return str(value["id"])
    if "numeric-id" in value:
        prefix = _ENTITY_PREFIX.get(str(value.get("entity-type", "item")), "Q")
        return f"{prefix}{int(value['numeric-id'])}"
    return None


def _entity_values(claims: dict, prop: str) -> list[str]:
    refs = [_entity_ref(value) for value in _values(claims, prop)]
    return list(dict.fromkeys(ref for ref in refs if ref))


def _strings(claims: dict, prop: str) -> list[str]:
    return [
        value.strip() for value in _values(claims, prop) if isinstance(value, str) and value.strip()
    ]


def _first(values: list[str]):
    return values[0] if values else None


def _commons_category(claims: dict) -> str | None:
    name = _first(_strings(claims, "P373"))
    if name and name.lower().startswith("category:"):
        name = name.split(":", 1)[1].strip()
    return name or None


_TIME = re.compile(r"^([+-])0*(\d+)-(\d\d)-(\d\d)T")


def _time(value) -> str | None:
    """An ISO date as precise as Wikidata says: "1866", "1866-05" or "1866-05-01"."""
    if not isinstance(value, dict) or not isinstance(value.get("time"), str):
        return None
    match = _TIME.match(value["time"])
    if not match:
        return None
    sign, year, month, day = match.groups()
    year_text = f"{'-' if sign == '-' else ''}{int(year):04d}" if int(year) < 10000 else year
    precision = int(value.get("precision", 11))
    if precision >= 11 and day != "00":
        return f"{year_text}-{month}-{day}"
    if precision >= 10 and month != "00":
        return f"{year_text}-{month}"
    return year_text


def _employees(claims: dict) -> int | None:
    """P1128: the figure with the latest P585 point in time, else the best-ranked one."""
    best: tuple[str, int] | None = None
    first: int | None = None
    for statement in _statements(claims, "P1128"):
        value = _snak_value(statement.get("mainsnak"))
        if not isinstance(value, dict) or "amount" not in value:
            continue
        try:
            amount = int(Decimal(str(value["amount"])))
        except (InvalidOperation, ValueError):
            continue
        if first is None:
            first = amount
        qualifiers = statement.get("qualifiers") or {}
        for snak in qualifiers.get("P585") or []:
            when = _snak_value(snak)
            stamp = when.get("time") if isinstance(when, dict) else None
            if isinstance(stamp, str):
                key = _sortable_time(stamp)
                if best is None or key > best[0]:
                    best = (key, amount)
    return best[1] if best else first


def _sortable_time(stamp: str) -> str:
    match = _TIME.match(stamp)
    if not match:
        return ""
    sign, year, month, day = match.groups()
    if sign == "-":
        return f"-{int(year):012d}"  # rare (BCE); ordering among them does not matter here
    return f"{int(year):012d}-{month}-{day}"


def _display(display: dict, key: str) -> str:
    entry = display.get(key)
    return str(entry.get("value") or "") if isinstance(entry, dict) else ""
