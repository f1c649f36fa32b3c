"""A local fake of the Wikimedia APIs, answering in the formats the real ones use.

Served under one base URL, as ``settings.WIKIMEDIA_BASE_URL`` expects:

- ``/wikidata/w/api.php`` — ``wbsearchentities``, ``wbgetentities`` (ids or sites/titles,
  redirects, missing ids, at most 50 ids, ``errors[]`` in the plaintext error format);
- ``/commons/w/api.php`` — ``action=query`` with ``prop=categoryinfo`` and ``prop=globalusage``
  (continued with ``gucontinue`` like the real API), ``list=categorymembers``;
- ``/sparql`` — SPARQL JSON results (GET or POST form);
- ``/rest_v1/metrics/pageviews/per-article/…`` and ``/rest_v1/metrics/commons-analytics/…``.

In pytest, use the ``fakewiki`` fixture. Elsewhere (browser tests, benchmarks, a CLI in a
subprocess), ``FakeWiki().start()`` and ``stop()``, or ``with FakeWiki() as fake:``.

Failures are injected with ``fail_next``: an HTTP status (429 and 5xx carry ``Retry-After``),
``"maxlag"`` (HTTP 200 with the Action API's maxlag error and ``Retry-After``), ``"garbled"``
(HTTP 200 with broken JSON) or ``"timeout"`` (on ``/sparql`` the query service's 500 with a
``java.util.concurrent.TimeoutException``; elsewhere the connection is closed without an answer).
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import json
import re
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

import pytest

FIXTURES = Path(__file__).parent / "fixtures" / "wikimedia"

_ENTITY_ID = re.compile(r"^[QPL][1-9][0-9]{0,11}$")
_CALENDAR = "http://www.wikidata.org/entity/Q1985727"
_EARTH = "http://www.wikidata.org/entity/Q2"
_XSD = "http://www.w3.org/2001/XMLSchema#"
_ENTITY_URI = "http://www.wikidata.org/entity/"
_PAGEVIEWS_404 = (
    "The date(s) you used are valid, but we either do not have data for those date(s), or the "
    "project you asked for is not loaded yet. Please check documentation for more information"
)
_CIM_404 = (
    "The date(s) you used are valid, but we either do not have data for those date(s), or the "
    "category you asked for is not loaded yet. Please check documentation for more information"
)
_DOCREF = (
    "See https://www.wikidata.org/w/api.php for API usage. Subscribe to the mediawiki-api-announce "
    "mailing list at <https://lists.wikimedia.org/postorius/lists/mediawiki-api-announce.lists."
    "wikimedia.org/> for notice of API deprecations and breaking changes."
)
MALFORMED_QUERY = (
    "SPARQL-QUERY: queryStr={query}\n"
    "java.util.concurrent.ExecutionException: org.openrdf.query.MalformedQueryException: "
    'Encountered " <VARNAME> "?oops "" at line 1, column 10.\n'
    "Was expecting one of:\n"
    '    "{{" ...\n'
    '    "from" ...\n'
    "\tat java.util.concurrent.FutureTask.report(FutureTask.java:122)\n"
    "\tat java.util.concurrent.FutureTask.get(FutureTask.java:206)\n"
    "\tat com.bigdata.rdf.sail.webapp.BigdataServlet.submitApiTask(BigdataServlet.java:292)\n"
    "Caused by: org.openrdf.query.MalformedQueryException: "
    'Encountered " <VARNAME> "?oops "" at line 1, column 10.\n'
    "\tat com.bigdata.rdf.sail.sparql.Bigdata2ASTSPARQLParser.parseQuery2(Bigdata2ASTSPARQLParser.java:400)\n"
)
QUERY_TIMEOUT = (
    "SPARQL-QUERY: queryStr={query}\n"
    "java.util.concurrent.TimeoutException\n"
    "\tat java.util.concurrent.FutureTask.get(FutureTask.java:205)\n"
    "\tat com.bigdata.rdf.sail.webapp.BigdataServlet.submitApiTask(BigdataServlet.java:292)\n"
)


# -- Building values in the real formats ---------------------------------------------------


def item_value(qid: str) -> dict:
    return {"entity-type": "item", "numeric-id": int(qid[1:]), "id": qid}


def time_value(text: str) -> dict:
    """A Wikibase time value from "1866", "1866-05" or "1866-05-01" (precision 9, 10, 11)."""
    parts = text.split("-")
    year, month, day = (
        parts[0],
        (parts[1] if len(parts) > 1 else "00"),
        (parts[2] if len(parts) > 2 else "00"),
    )
    precision = 9 + (len(parts) > 1) + (len(parts) > 2)
    return {
        "time": f"+{int(year):04d}-{month}-{day}T00:00:00Z",
        "timezone": 0, "before": 0, "after": 0,
        "precision": precision, "calendarmodel": _CALENDAR,
    }  # fmt: skip


def statement(
    qid: str,
    prop: str,
    value,
    *,
    datatype: str | None = None,
    rank: str = "normal",
    qualifiers: dict | None = None,
) -> dict:
    """A statement as wbgetentities returns it. ``value`` is a Python value:

    "Q5" → an item; (lat, lon) → coordinates; int → a quantity; a ``time_value`` dict or
    ``datatype="time"`` with "1866-05" → a time; other str → string (or ``datatype``).
    """
    if datatype == "time" and isinstance(value, str):
        value = time_value(value)
    if (
        isinstance(value, str)
        and _ENTITY_ID.match(value)
        and value[0] == "Q"
        and datatype in (None, "wikibase-item")
    ):
        datatype, vtype, data = "wikibase-item", "wikibase-entityid", item_value(value)
    elif isinstance(value, tuple) and len(value) == 2:
        datatype, vtype = "globe-coordinate", "globecoordinate"
        data = {"latitude": value[0], "longitude": value[1], "altitude": None,
                "precision": 0.0001, "globe": _EARTH}  # fmt: skip
    elif isinstance(value, bool) or value is None:
        raise TypeError(f"no Wikibase value for {value!r}")
    elif isinstance(value, int):
        datatype, vtype, data = "quantity", "quantity", {"amount": f"{value:+d}", "unit": "1"}
    elif isinstance(value, dict) and "time" in value:
        datatype, vtype, data = "time", "time", value
    else:
        datatype, vtype, data = datatype or "string", "string", str(value)
    mainsnak = {
        "snaktype": "value",
        "property": prop,
        "hash": hashlib.sha1(f"{prop}{data}".encode()).hexdigest(),
        "datavalue": {"value": data, "type": vtype},
        "datatype": datatype,
    }
    built = {
        "mainsnak": mainsnak,
        "type": "statement",
        "id": f"{qid}${hashlib.md5(f'{qid}{prop}{data}{rank}'.encode()).hexdigest()}",
        "rank": rank,
    }
    if qualifiers:
        built["qualifiers"] = {
            qprop: [dict(statement(qid, qprop, qvalue)["mainsnak"], hash="q") for qvalue in qvalues]
            for qprop, qvalues in qualifiers.items()
        }
        built["qualifiers-order"] = list(qualifiers)
    return built


def uri(qid_or_url: str) -> dict:
    """A SPARQL binding for an entity ("Q5") or any IRI."""
    value = qid_or_url if "://" in qid_or_url else _ENTITY_URI + qid_or_url
    return {"type": "uri", "value": value}


def literal(value, *, lang: str | None = None, datatype: str | None = None) -> dict:
    """A SPARQL literal binding; ints, floats and dates get their XSD datatype."""
    binding = {"type": "literal"}
    if isinstance(value, bool):
        binding.update(datatype=_XSD + "boolean", value=str(value).lower())
    elif isinstance(value, int):
        binding.update(datatype=_XSD + "integer", value=str(value))
    elif isinstance(value, float):
        binding.update(datatype=_XSD + "decimal", value=repr(value))
    elif isinstance(value, dt.date):
        binding.update(datatype=_XSD + "dateTime", value=f"{value.isoformat()[:10]}T00:00:00Z")
    else:
        binding["value"] = str(value)
    if datatype:
        binding["datatype"] = datatype if "://" in datatype else _XSD + datatype
    if lang:
        binding["xml:lang"] = lang
    return binding


def row(**values) -> dict:
    """A SPARQL result row from Python values: "Q5" → entity IRI, other values as literals.

    Values that are already binding dicts pass through; None leaves the variable unbound.
    """
    built = {}
    for name, value in values.items():
        if value is None:
            continue
        if isinstance(value, dict):
            built[name] = value
        elif isinstance(value, str) and (_ENTITY_ID.match(value) or value.startswith("http")):
            built[name] = uri(value)
        else:
            built[name] = literal(value)
    return built


# -- The fake ------------------------------------------------------------------------------


class FakeWiki:
    """The fake server and its data. Thread-safe; every request served is recorded."""

    def __init__(self):
        self.entities: dict[str, dict] = {}
        self.redirects: dict[str, str] = {}
        self.search_results: dict[str, list[str]] = {}
        self.sparql_rows: list[dict] = []
        self.sparql_vars: list[str] | None = None
        self.sparql_handler: Callable[[str], tuple[int, object]] = self._default_sparql
        self.categories: dict[str, tuple[int, int, int]] = {}
        self.category_members: dict[str, list[str]] = {}
        self.global_usage: dict[str, list[tuple[str, str]]] = {}
        self.pageviews: dict[tuple[str, str], dict[dt.date, int]] = {}
        self.cim_snapshots: dict[str, list[dict]] = {}
        self.cim_pageviews: dict[str, list[dict]] = {}
        self.requests: list[tuple[float, str, str, dict]] = []
        # Seconds each answer takes (to make requests overlap in concurrency tests).
        self.latency = 0.0
        # The most requests ever being answered at the same time.
        self.most_concurrent = 0
        self._active = 0
        self._failures: list[dict] = []
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self.url = ""

    # -- Life cycle --

    def start(self) -> FakeWiki:
        fake = self

        class Handler(_Handler):
            wiki = fake

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.02},
            daemon=True,
            name="fakewiki",
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> FakeWiki:
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()

    # -- Data --

    def add_item(
        self,
        qid: str,
        *,
        labels: dict[str, str],
        descriptions: dict[str, str] | None = None,
        aliases: dict[str, list[str]] | None = None,
        claims: dict | None = None,
        sitelinks: dict[str, str] | None = None,
        instance_of: Iterable[str] = (),
        country: str | None = None,
        place: str | None = None,
        headquarters: str | None = None,
        coordinates: tuple[float, float] | None = None,
        website: str | None = None,
        inception: str | None = None,
        employees: int | list[tuple[int, str]] | None = None,
        parent: str | None = None,
        director: str | None = None,
        chairperson: str | None = None,
        commons_category: str | None = None,
        image: str | None = None,
        social: dict[str, str] | None = None,
    ) -> dict:
        """Store an item built in the modern wbgetentities format; returns the entity.

        ``claims`` maps a property to a list of values (see ``statement``) or of ready-made
        statements. ``employees`` is a number or a list of (number, "YYYY[-MM[-DD]]") with P585.
        """
        built: dict[str, list] = {}

        def put(prop, value, **kwargs):
            built.setdefault(prop, []).append(
                value
                if isinstance(value, dict) and "mainsnak" in value
                else statement(qid, prop, value, **kwargs)
            )

        for value in instance_of:
            put("P31", value)
        if country:
            put("P17", country)
        if place:
            put("P131", place)
        if headquarters:
            put("P159", headquarters)
        if coordinates:
            put("P625", tuple(coordinates))
        if website:
            put("P856", website, datatype="url")
        if inception:
            put("P571", inception, datatype="time")
        if isinstance(employees, int):
            put("P1128", employees)
        elif employees:
            for number, when in employees:
                put("P1128", number, qualifiers={"P585": [time_value(when)]})
        if parent:
            put("P749", parent)
        if director:
            put("P1037", director)
        if chairperson:
            put("P488", chairperson)
        if commons_category:
            put("P373", commons_category)
        if image:
            put("P18", image, datatype="commonsMedia")
        properties = {"x": "P2002", "facebook": "P2013", "instagram": "P2003",
                      "youtube": "P2397", "linkedin": "P4264", "mastodon": "P4033"}  # fmt: skip
        for network, handle in (social or {}).items():
            put(properties[network], handle, datatype="external-id")
        for prop, values in (claims or {}).items():
            for value in values:
                put(prop, value)
        entity = {
            "pageid": int(qid[1:]) + 100,
            "ns": 0,
            "title": qid,
            "lastrevid": 1000 + int(qid[1:]),
            "modified": "2026-01-01T00:00:00Z",
            "type": "item",
            "id": qid,
            "labels": {lang: {"language": lang, "value": text} for lang, text in labels.items()},
            "descriptions": {
                lang: {"language": lang, "value": text}
                for lang, text in (descriptions or {}).items()
            },
            "aliases": {
                lang: [{"language": lang, "value": text} for text in texts]
                for lang, texts in (aliases or {}).items()
            },
            "claims": built,
            "sitelinks": {
                site: {"site": site, "title": title, "badges": []}
                for site, title in (sitelinks or {}).items()
            },
        }
        self.add_entity(entity)
        return entity

    def add_entity(self, entity: dict) -> None:
        with self._lock:
            self.entities[entity["id"]] = entity
            self.redirects.pop(entity["id"], None)

    def add_real_entities(self, path: str | Path) -> list[str]:
        """Load a recorded wbgetentities answer; redirects and missing ids are kept as such."""
        path = Path(path)
        if not path.is_absolute() and not path.exists():
            path = FIXTURES / path
        data = json.loads(path.read_text(encoding="utf-8"))
        loaded = []
        for key, entity in data.get("entities", {}).items():
            if key.startswith("-") or "missing" in entity:
                if _ENTITY_ID.match(key):
                    self.delete(key)
                continue
            entity = copy.deepcopy(entity)
            redirect = entity.pop("redirects", None)
            self.add_entity(entity)
            loaded.append(entity["id"])
            if redirect:
                self.redirect(redirect["from"], redirect["to"])
        return loaded

    def add_pageviews(self, project: str, title: str, views: dict[dt.date, int]) -> None:
        """Daily views of an article; days absent or zero are left out of answers, as for real."""
        with self._lock:
            self.pageviews[(project, title.replace(" ", "_"))] = dict(views)

    def add_cim_month(
        self, category: str, month: str, *, pageviews: int | None = None, **metrics: int
    ) -> None:
        """One month ("2024-01") of Commons Impact Metrics for a category on the allow list.

        ``metrics`` use underscores (``media_file_count=12``, ``leveraging_page_count_deep=3``);
        ``pageviews`` feeds ``pageviews-per-category-monthly``.
        """
        name = category.removeprefix("Category:").replace(" ", "_")
        timestamp = f"{month}-01T00:00:00Z"
        item = {"category": name, "category-scope": "deep", "timestamp": timestamp}
        item.update({key.replace("_", "-"): value for key, value in metrics.items()})
        with self._lock:
            self.cim_snapshots.setdefault(name, []).append(item)
            if pageviews is not None:
                self.cim_pageviews.setdefault(name, []).append(
                    {"category": name, "category-scope": "deep", "wiki": "all-wikis",
                     "timestamp": timestamp, "pageview-count": pageviews}
                )  # fmt: skip

    def redirect(self, from_qid: str, to_qid: str) -> None:
        with self._lock:
            self.entities.pop(from_qid, None)
            self.redirects[from_qid] = to_qid

    def delete(self, qid: str) -> None:
        with self._lock:
            self.entities.pop(qid, None)
            self.redirects.pop(qid, None)

    def fail_next(
        self,
        status: int | str = 429,
        *,
        retry_after: float | str | None = 2,
        times: int = 1,
        api: str | None = None,
    ) -> None:
        """The next ``times`` requests (to ``api`` only, if given) fail this way."""
        kinds = {"maxlag", "garbled", "timeout"}
        if not isinstance(status, int) and status not in kinds:
            raise ValueError(f"status must be an HTTP status or one of {sorted(kinds)}")
        with self._lock:
            self._failures.extend(
                {"status": status, "retry_after": retry_after, "api": api} for _ in range(times)
            )

    # -- What was served --

    def served(self, path_part: str = "", **params: str) -> list[tuple[float, str, str, dict]]:
        """The requests whose path contains ``path_part`` and whose params include ``params``."""
        with self._lock:
            requests = list(self.requests)
        return [
            request for request in requests
            if path_part in request[2]
            and all(request[3].get(key) == str(value) for key, value in params.items())
        ]  # fmt: skip

    def per_minute(self) -> Counter:
        """Requests served per minute since the first one (minute 0, 1, …)."""
        with self._lock:
            times = [request[0] for request in self.requests]
        if not times:
            return Counter()
        return Counter(int((moment - times[0]) // 60) for moment in times)

    # -- Answering --

    def _take_failure(self, api: str) -> dict | None:
        with self._lock:
            for index, failure in enumerate(self._failures):
                if failure["api"] in (None, api):
                    return self._failures.pop(index)
        return None

    def handle(self, method: str, path: str, params: dict) -> tuple[int, dict, bytes | None]:
        """(status, headers, body) for a request; body None closes the connection unanswered."""
        with self._lock:
            self.requests.append((time.monotonic(), method, path, params))
            self._active += 1
            self.most_concurrent = max(self.most_concurrent, self._active)
        try:
            return self._handle(method, path, params)
        finally:
            with self._lock:
                self._active -= 1

    def _handle(self, method: str, path: str, params: dict) -> tuple[int, dict, bytes | None]:
        if self.latency:
            time.sleep(self.latency)
        api = _api_of(path)
        failure = self._take_failure(api)
        if failure:
            return self._failure(api, failure, params)
        if api == "wikidata":
            return _json(200, self._wikidata(params))
        if api == "commons":
            return _json(200, self._commons(params))
        if api == "sparql":
            query = params.get("query", "")
            status, body = self.sparql_handler(query)
            if isinstance(body, (dict, list)):
                return _json(
                    status, body, content_type="application/sparql-results+json; charset=utf-8"
                )
            return status, {"Content-Type": "text/plain; charset=utf-8"}, str(body).encode()
        if api == "rest":
            return self._rest(path)
        return _json(404, {"error": f"the fake Wikimedia server has nothing at {path}"})

    def _failure(self, api: str, failure: dict, params: dict):
        status, retry_after = failure["status"], failure["retry_after"]
        headers = {"Retry-After": str(retry_after)} if retry_after is not None else {}
        if status == "garbled":
            return (
                200,
                {"Content-Type": "application/json"},
                b'{"entities": {"Q1": {"id": "Q1", "lab',
            )
        if status == "timeout":
            if api == "sparql":
                body = QUERY_TIMEOUT.format(query=params.get("query", ""))
                return 500, {"Content-Type": "text/plain; charset=utf-8"}, body.encode()
            return 0, {}, None
        if status == "maxlag":
            body = {
                "errors": [
                    {
                        "code": "maxlag",
                        "text": "Waiting for all: 3.45 seconds lagged.",
                        "data": {"host": "all", "lag": 3.45, "type": "wikibase-queryservice",
                                 "queryserviceLag": 626, "max": int(params.get("maxlag", 5))},
                        "module": "main",
                    }
                ],
                "docref": _DOCREF,
                "servedby": "mw1280",
            }  # fmt: skip
            status_code, base_headers, payload = _json(200, body)
            return status_code, {**base_headers, **headers, "X-Database-Lag": "3"}, payload
        if api == "sparql" and status == 400:
            body = MALFORMED_QUERY.format(query=params.get("query", ""))
            return 400, {"Content-Type": "text/plain; charset=utf-8"}, body.encode()
        if status == 429:
            text = "Too many requests. Please respect the User-Agent policy and the rate limits."
        else:
            text = f"The fake Wikimedia server failed on purpose (HTTP {status})."
        return (
            status,
            {"Content-Type": "text/html; charset=utf-8", **headers},
            f"<html><body>{text}</body></html>".encode(),
        )

    # Wikidata

    def _wikidata(self, params: dict) -> dict:
        action = params.get("action")
        if action == "wbsearchentities":
            return self._search(params)
        if action == "wbgetentities":
            return self._getentities(params)
        return _api_error("badvalue", f'Unrecognized value for parameter "action": {action}.')

    def _search(self, params: dict) -> dict:
        text = params.get("search", "")
        language = params.get("language", "en")
        limit = int(params.get("limit", 7))
        with self._lock:
            if text.lower() in self.search_results:
                qids = list(self.search_results[text.lower()])
            else:
                needle = text.lower()
                qids = [
                    qid for qid, entity in self.entities.items()
                    if any(needle in entry["value"].lower() for entry in entity.get("labels", {}).values())
                ]  # fmt: skip
            entities = {qid: self.entities.get(qid) for qid in qids}
        hits = []
        for qid in qids[:limit]:
            entity = entities.get(qid) or {}
            label = _in_language(entity.get("labels", {}), language)
            description = _in_language(entity.get("descriptions", {}), language)
            hit = {
                "id": qid,
                "title": qid,
                "pageid": entity.get("pageid", 0),
                "display": {},
                "repository": "wikidata",
                "url": f"//www.wikidata.org/wiki/{qid}",
                "concepturi": f"http://www.wikidata.org/entity/{qid}",
            }
            if label:
                hit["display"]["label"] = {"value": label[0], "language": label[1]}
                hit["label"] = label[0]
            if description:
                hit["display"]["description"] = {
                    "value": description[0],
                    "language": description[1],
                }
                hit["description"] = description[0]
            hit["match"] = {
                "type": "label",
                "language": label[1] if label else language,
                "text": label[0] if label else text,
            }
            hits.append(hit)
        answer = {"searchinfo": {"search": text}, "search": hits, "success": 1}
        if len(qids) > limit:
            answer["search-continue"] = limit
        return answer

    def _getentities(self, params: dict) -> dict:
        props = set(
            (
                params.get("props") or "info|sitelinks|aliases|labels|descriptions|claims|datatype"
            ).split("|")
        )
        languages = set(params["languages"].split("|")) if params.get("languages") else None
        if params.get("sites") and params.get("titles"):
            return self._by_titles(params["sites"], params["titles"].split("|"), props, languages)
        ids = [part for part in params.get("ids", "").split("|") if part]
        if not ids:
            return _api_error(
                "param-missing",
                'Either provide the item "ids" or pairs of "sites" and "titles" for corresponding pages.',
            )
        if len(ids) > 50:
            return _api_error(
                "toomanyvalues", 'Too many values supplied for parameter "ids". The limit is 50.'
            )
        for qid in ids:
            if not _ENTITY_ID.match(qid):
                return _api_error(
                    "no-such-entity",
                    f'Could not find an entity with the ID "{qid}". (Invalid id: {qid})',
                )
        result = {}
        with self._lock:
            for qid in ids:
                target = self.redirects.get(qid)
                entity = self.entities.get(target or qid)
                if entity is None:
                    result[qid] = {"id": qid, "missing": ""}
                    continue
                shaped = _shape(entity, props, languages)
                if target:
                    shaped = {**{k: shaped[k] for k in ("pageid", "ns", "title", "lastrevid", "modified") if k in shaped},
                              "redirects": {"from": qid, "to": target},
                              **{k: v for k, v in shaped.items() if k not in ("pageid", "ns", "title", "lastrevid", "modified")}}  # fmt: skip
                result[qid] = shaped
        return {"entities": result, "success": 1}

    def _by_titles(self, site: str, titles: list[str], props: set, languages) -> dict:
        result = {}
        missing = 0
        with self._lock:
            for title in titles:
                found = next(
                    (entity for entity in self.entities.values()
                     if entity.get("sitelinks", {}).get(site, {}).get("title") == title.replace("_", " ")),
                    None,
                )  # fmt: skip
                if found is None:
                    missing += 1
                    result[str(-missing)] = {"site": site, "title": title, "missing": ""}
                else:
                    result[found["id"]] = _shape(found, props, languages)
        return {"entities": result, "success": 1}

    # Commons

    def _commons(self, params: dict) -> dict:
        if params.get("action") != "query":
            return _api_error(
                "badvalue", f'Unrecognized value for parameter "action": {params.get("action")}.'
            )
        if params.get("list") == "categorymembers":
            return self._category_members(params)
        titles = [title for title in params.get("titles", "").split("|") if title]
        prop = set(params.get("prop", "").split("|"))
        normalized = [
            {"fromencoded": False, "from": t, "to": t.replace("_", " ")} for t in titles if "_" in t
        ]
        titles = [t.replace("_", " ") for t in titles]
        if "globalusage" in prop:
            return self._global_usage(titles, params, normalized)
        pages = []
        for title in titles:
            name = title.split(":", 1)[1] if ":" in title else title
            with self._lock:
                info = self.categories.get(name)
            page = {"ns": 14 if title.startswith("Category:") else 6, "title": title}
            if info is None:
                page["missing"] = True
            else:
                files, subcats, count_pages = info
                page["pageid"] = 1000 + len(name)
                page["categoryinfo"] = {"size": files + subcats + count_pages, "pages": count_pages,
                                        "files": files, "subcats": subcats}  # fmt: skip
            pages.append(page)
        query = {"pages": pages}
        if normalized:
            query = {"normalized": normalized, **query}
        return {"batchcomplete": True, "query": query}

    def _global_usage(self, titles: list[str], params: dict, normalized: list) -> dict:
        limit = int(params.get("gulimit", 10)) if params.get("gulimit", "") != "max" else 500
        start = params.get("gucontinue")
        rows = []
        with self._lock:
            for title in titles:
                name = title.split(":", 1)[1] if title.startswith("File:") else title
                for index, (wiki, page) in enumerate(
                    self.global_usage.get(title, self.global_usage.get(name, []))
                ):
                    rows.append((title, index, wiki, page))
        position = 0
        if start:
            file_part, _, index_part = start.rpartition("|")
            file_title = "File:" + file_part.split("|")[0].replace("_", " ")
            position = next(
                (i for i, r in enumerate(rows) if r[0] == file_title and r[1] == int(index_part)),
                len(rows),
            )
        chosen = rows[position : position + limit]
        pages = []
        for title in titles:
            usages = [
                {"title": page.replace(" ", "_"), "wiki": wiki,
                 "url": f"https://{wiki}/wiki/{page.replace(' ', '_')}"}
                for (t, _, wiki, page) in chosen if t == title
            ]  # fmt: skip
            pages.append(
                {"pageid": 2000 + len(title), "ns": 6, "title": title, "globalusage": usages}
            )
        answer: dict = {}
        if position + limit < len(rows):
            following = rows[position + limit]
            wiki_id = following[2].split(".")[0] + "wiki"
            answer["continue"] = {
                "gucontinue": f"{following[0][5:].replace(' ', '_')}|{wiki_id}|{following[1]}",
                "continue": "||",
            }
        else:
            answer["batchcomplete"] = True
        query = {"pages": pages}
        if normalized:
            query = {"normalized": normalized, **query}
        answer["query"] = query
        return answer

    def _category_members(self, params: dict) -> dict:
        title = params.get("cmtitle", "").replace("_", " ")
        name = title.split(":", 1)[1] if ":" in title else title
        limit = 500 if params.get("cmlimit", "10") == "max" else int(params.get("cmlimit", 10))
        offset = int(params.get("cmcontinue", "0|0").split("|")[-1])
        with self._lock:
            members = list(self.category_members.get(name, []))
        types = set(params.get("cmtype", "page|subcat|file").split("|"))
        kinds = {6: "file", 14: "subcat"}
        members = [
            m for m in members
            if kinds.get(14 if m.startswith("Category:") else 6 if m.startswith("File:") else 0, "page") in types
        ]  # fmt: skip
        chosen = members[offset : offset + limit]
        answer: dict = {
            "query": {
                "categorymembers": [
                    {"pageid": 3000 + offset + i,
                     "ns": 14 if m.startswith("Category:") else 6 if m.startswith("File:") else 0,
                     "title": m}
                    for i, m in enumerate(chosen)
                ]
            }
        }  # fmt: skip
        if offset + limit < len(members):
            answer["continue"] = {"cmcontinue": f"page|{offset + limit}", "continue": "-||"}
        else:
            answer["batchcomplete"] = True
        return answer

    # Query service

    def _default_sparql(self, query: str) -> tuple[int, dict]:
        rows = self.sparql_rows
        names = self.sparql_vars or list(dict.fromkeys(name for r in rows for name in r))
        return 200, {"head": {"vars": names}, "results": {"bindings": rows}}

    # REST

    def _rest(self, path: str):
        parts = path.split("/")[2:]  # after "", "rest_v1"
        raw = [unquote(part) for part in parts]
        if raw[:3] == ["metrics", "pageviews", "per-article"] and len(raw) == 10:
            project, _access, _agent, title, granularity, start, end = raw[3:10]
            with self._lock:
                days = self.pageviews.get((project, title.replace(" ", "_")))
            if days is None:
                return _json(
                    404, _problem(path, _PAGEVIEWS_404), content_type="application/problem+json"
                )
            first = dt.datetime.strptime(start[:8], "%Y%m%d").date()
            last = dt.datetime.strptime(end[:8], "%Y%m%d").date()
            items = [
                {"project": project, "article": title, "granularity": granularity,
                 "timestamp": day.strftime("%Y%m%d00"), "access": _access, "agent": _agent,
                 "views": views}
                for day, views in sorted(days.items()) if first <= day <= last and views
            ]  # fmt: skip
            if not items:
                return _json(
                    404, _problem(path, _PAGEVIEWS_404), content_type="application/problem+json"
                )
            return _json(200, {"items": items})
        if (
            raw[:3] == ["metrics", "commons-analytics", "category-metrics-snapshot"]
            and len(raw) == 6
        ):
            category, start, end = raw[3:6]
            return self._cim(path, self.cim_snapshots, category, start, end)
        if (
            raw[:3] == ["metrics", "commons-analytics", "pageviews-per-category-monthly"]
            and len(raw) == 8
        ):
            category, _scope, _wiki, start, end = raw[3:8]
            return self._cim(path, self.cim_pageviews, category, start, end)
        return _json(404, _problem(path, "Not found."), content_type="application/problem+json")

    def _cim(self, path: str, store: dict, category: str, start: str, end: str):
        with self._lock:
            items = store.get(category.replace(" ", "_"))
        if items is None:
            return _json(404, _problem(path, _CIM_404), content_type="application/problem+json")
        first, last = start[:8], end[:8]
        chosen = [item for item in items if first <= item["timestamp"].replace("-", "")[:8] <= last]
        return _json(200, {"items": chosen})


class _Handler(BaseHTTPRequestHandler):
    wiki: FakeWiki
    protocol_version = "HTTP/1.1"
    # Headers and body go out in separate writes; without this, Nagle's algorithm and delayed
    # ACKs add 40 ms to every answer.
    disable_nagle_algorithm = True
    server_version = "FakeWikimedia/1"

    def log_message(self, format, *args):  # quiet
        pass

    def do_GET(self):
        self._answer("GET", b"")

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        self._answer("POST", self.rfile.read(length) if length else b"")

    def _answer(self, method: str, body: bytes):
        parts = urlsplit(self.path)
        params = dict(parse_qsl(parts.query, keep_blank_values=True))
        if body and "application/x-www-form-urlencoded" in self.headers.get("Content-Type", ""):
            params.update(parse_qsl(body.decode("utf-8"), keep_blank_values=True))
        status, headers, payload = self.wiki.handle(method, parts.path, params)
        if payload is None:
            self.close_connection = True
            try:
                self.connection.shutdown(2)
            except OSError:
                pass
            return
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)


def _api_of(path: str) -> str:
    if path.startswith("/wikidata/"):
        return "wikidata"
    if path.startswith("/commons/"):
        return "commons"
    if path.startswith("/sparql"):
        return "sparql"
    if path.startswith("/rest_v1/"):
        return "rest"
    return ""


def _json(status: int, body, *, content_type: str = "application/json; charset=utf-8"):
    return status, {"Content-Type": content_type}, json.dumps(body, ensure_ascii=False).encode()


def _api_error(code: str, text: str) -> dict:
    return {
        "errors": [{"code": code, "text": text, "module": "main"}],
        "docref": _DOCREF,
        "servedby": "mw-api-fake",
    }


def _problem(path: str, detail: str) -> dict:
    return {"detail": detail, "method": "get", "status": 404, "title": "Not Found",
            "type": "about:blank", "uri": path.removeprefix("/rest_v1")}  # fmt: skip


def _in_language(texts: dict, language: str) -> tuple[str, str] | None:
    for lang in (language, "mul", "en"):
        if lang in texts:
            return texts[lang]["value"], lang
    return None


def _shape(entity: dict, props: set, languages) -> dict:
    """The entity as wbgetentities returns it for these ``props`` and ``languages``."""
    shaped = {
        key: entity[key]
        for key in ("pageid", "ns", "title", "lastrevid", "modified", "type", "id")
        if key in entity
    }
    if "info" not in props:
        shaped = {key: shaped[key] for key in ("type", "id") if key in shaped}
    for prop in ("labels", "descriptions", "aliases"):
        if prop in props and prop in entity:
            values = entity[prop]
            shaped[prop] = {
                lang: v for lang, v in values.items() if languages is None or lang in languages
            }
    if "claims" in props and "claims" in entity:
        shaped["claims"] = entity["claims"]
    if "sitelinks" in props and "sitelinks" in entity:
        shaped["sitelinks"] = entity["sitelinks"]
    if "datatype" in entity and ("datatype" in props or "info" in props):
        shaped["datatype"] = entity["datatype"]
    return shaped


@pytest.fixture
def fakewiki(settings):
    """A started ``FakeWiki``; the settings point every Wikimedia call at it."""
    fake = FakeWiki().start()
    settings.WIKIMEDIA_BASE_URL = fake.url
    settings.WIKIMEDIA_REQUESTS_PER_MINUTE = 5000
    try:
        yield fake
    finally:
        fake.stop()
