"""A local fake of the Wikimedia APIs, answering in the formats the real ones use.

Served under one base URL, as ``settings.WIKIMEDIA_BASE_URL`` expects (``Endpoints`` in
``partnerkit.wikimedia.http``):

- ``/wikidata/w/api.php`` — ``wbsearchentities``, ``wbgetentities`` (ids or sites/titles,
  redirects, missing ids, at most 50 ids, ``errors[]`` in the plaintext error format), and
  ``action=query`` with ``prop=info``/``prop=revisions`` for Wikidata's pages (below);
- ``/commons/w/api.php`` — ``action=query`` with ``prop=categoryinfo`` and ``prop=globalusage``
  (continued with ``gucontinue`` like the real API), ``list=categorymembers``, the generators
  ``categorymembers`` and ``allimages`` with ``prop=globalusage``, ``prop=info|revisions``;
- ``/site/<host>/w/api.php`` — any other wiki ("en.wikipedia.org"): ``prop=info|revisions``
  (``/site/www.wikidata.org/…`` and ``/site/commons.wikimedia.org/…`` are the two above);
- ``/sparql`` — SPARQL JSON results (GET or POST form);
- ``/rest_v1/metrics/pageviews/per-article/…`` (daily and monthly) and
  ``/rest_v1/metrics/commons-analytics/…`` (stored, or computed from the fake's own data).

In pytest, use the ``fakewiki`` fixture. Elsewhere (browser tests, benchmarks, a CLI in a
subprocess), ``FakeWiki().start()`` and ``stop()``, or ``with FakeWiki() as fake:``.

Failures are injected with ``fail_next``: an HTTP status (429 and 5xx carry ``Retry-After``),
``"maxlag"`` (HTTP 200 with the Action API's maxlag error and ``Retry-After``), ``"garbled"``
(HTTP 200 with broken JSON) or ``"timeout"`` (on ``/sparql`` the query service's 500 with a
``java.util.concurrent.TimeoutException``; elsewhere the connection is closed without an answer).
``api`` names "wikidata", "commons", "sparql", "rest" or a wiki's host ("en.wikipedia.org").

Commons data
------------
Files are added with ``add_file("Foo bar.jpg", categories=[…], usages=[(host, title), …],
user=…, timestamp=…)`` and categories with ``add_category``. Every page the fake knows (files,
categories, pages using files, pages added with ``add_page``) has a page id that stays with it
when it is renamed. The plain stores stay public and may be filled directly, as older tests do:
``category_members`` (category name with spaces → member titles), ``global_usage`` (file title →
``[(host, page title)]`` or ``[(host, page title, namespace)]``) and ``categories`` (name →
(files, subcats, pages) for ``prop=categoryinfo``).

Generators with ``prop=globalusage`` (Commons)
----------------------------------------------
``generator=categorymembers&gcmtitle=Category:X&gcmtype=file|subcat&gcmlimit=max`` lists a
category's members by type in the order asked, each type sorted by sort key (the title without
its namespace: the "identity" collation) and page id; it continues with
``gcmcontinue=<type>|<sort key in hex>|<page id>``. ``generator=allimages&gaiuser=NAME&gaisort=
timestamp`` lists a person's uploads by (timestamp, name), continued with
``gaicontinue=<YYYYMMDDHHMMSS>|<File_name>`` (``gaisort=name``: ``gaicontinue=<File_name>``).
As in MediaWiki (``ApiContinuationManager``):

- The usages of the batch's files come out ordered like the ``globalimagelinks`` table, by
  (file name with underscores, wiki id such as "enwiki", page id on that wiki) — not in page
  order — at most ``gulimit`` (500 for "max") per answer; ``gunamespace`` filters the namespace
  of the using pages (default all), ``guprop`` takes ``url``, ``pageid`` and ``namespace``
  (the last two as strings, as the real database fields come out).
- While usages remain: no ``batchcomplete``; ``continue`` = ``{"gucontinue": "<File_name>|<wiki
  id>|<page id>", <the generator keys named in the request's own continue parameter, with their
  values from the request>, "continue": "<those keys joined by |>||<finished props>"}``. A first
  request (no ``continue`` parameter) therefore gets ``"continue": "||"``, and one that carried
  ``continue=gcmcontinue||&gcmcontinue=G`` gets ``gcmcontinue=G`` back with ``"gcmcontinue||"``.
- When the batch's usages are done: ``"batchcomplete": true`` and, if the generator has more,
  ``continue = {"gcmcontinue": "<next>", "continue": "gcmcontinue||"}`` (or ``gaicontinue``).
- Every page of the batch is listed in every answer, in the generator's order: ``pageid``,
  ``ns``, ``title``, and for files ``globalusage`` (``[]`` when none of its rows is in this
  answer); subcategories have no ``globalusage`` key. An empty or missing category answers
  ``{"batchcomplete": true}`` without ``query``.

Any wiki's pages: ``prop=info`` and ``prop=revisions``
-----------------------------------------------------
``add_page(host, title, revisions=[(timestamp, size, user), …])`` stores a page; Wikidata's
entities are pages too ("Q42", "Property:P31") with one revision (``lastrevid``, ``modified``),
and entity redirects are page redirects.

- ``prop=info&titles=A|B`` (at most 50, else ``toomanyvalues``) or ``pageids=…``;
  ``query.normalized`` (``{"fromencoded": false, "from", "to"}``: underscores, first letter,
  ``Image:`` → ``File:``), with ``redirects=1`` ``query.redirects`` (``{"from", "to"}``) and the
  target page instead of the redirect. Pages: ``{"pageid", "ns", "title", "contentmodel",
  "pagelanguage", "pagelanguagehtmlcode", "pagelanguagedir", "touched", "lastrevid", "length"}``
  (plus ``"redirect": true`` for a redirect not followed) or ``{"ns", "title", "missing": true}``,
  missing ones first.
- ``prop=revisions&titles=A&rvprop=ids|timestamp|size|user&rvdir=newer&rvstart=…&rvlimit=max``:
  revisions ``{"revid", "parentid", "user", "timestamp", "size"}`` (only the rvprop asked),
  oldest first from ``rvstart`` (``rvdir=older``, the default: newest first, ``rvstart`` the
  upper end; ``rvend`` the other end); 500 per answer for "max", 10 by default; continued with
  ``continue = {"rvcontinue": "<YYYYMMDDHHMMSS>|<revid>", "continue": "||"}`` and no
  ``batchcomplete``. With several pages, ``rvlimit``/``rvstart``/``rvend``/``rvdir=newer``/
  ``rvuser``… are refused as today's MediaWiki does: code ``invalidparammix`` (older versions
  said ``multpages``). Without them, several pages each get their latest revision.

Monthly page views
------------------
``…/per-article/{project}/{access}/{agent}/{title}/monthly/{start}/{end}`` sums the daily data per
month: one item per month whose ``YYYYMM0100`` lies within [start, end] and has views, with
``"granularity": "monthly"`` and ``"timestamp": "YYYYMM0100"``; 404 problem+json when none has.
``set_monthly_views(project, title, {date(2026, 1, 1): 1200})`` stores whole months; the daily
answer spreads such a month over its days (evenly, the remainder on the first days), so daily and
monthly answers always agree.

Commons Impact Metrics computed from the fake's data
----------------------------------------------------
Categories named in ``cim_allow`` (underscores, no "Category:") answer from the current data, for
every month whose first day lies within [start, end], ``timestamp`` "YYYY-MM-01T00:00:00Z":
``media-file-count`` = distinct files directly in the category, ``-deep`` = also in its
subcategories up to 7 levels below (cycles are safe); ``used-media-file-count(-deep)`` = those used
on at least one namespace-0 page of any wiki; ``leveraging-wiki-count(-deep)`` = distinct wikis
with such a page; ``leveraging-page-count(-deep)`` = distinct (wiki, page) namespace-0 pages using
one of the files. ``pageviews-per-category-monthly/{cat}/{deep|shallow}/{wiki|all-wikis}/…`` gives
per month ``pageview-count`` = the views that month of those leveraging pages (of one project,
such as "en.wikipedia", or all). Stored ``cim_snapshots``/``cim_pageviews`` (``add_cim_month``)
take precedence; other categories answer 404.

Changing the data between two refreshes
---------------------------------------
``delete_file``, ``rename_file`` (same page id; the old title becomes a redirect), ``rename_page``
(same page id, a null revision, the old title a redirect with a page id of its own; usages list the
new title; page views stay with the titles they were counted for), ``add_usage``,
``remove_usage``, ``edit_page``.

Large data: ``build_category``
------------------------------
``build_category(fake, name, files=10_000, used_files=2_000, pages=3_000, …)`` fills a category
(and optional subcategories) and returns the figures a correct client must find.

What was served
---------------
``requests`` holds (monotonic time, method, path, params) of every request.
``requests_per_api()``, ``requests_per_endpoint()``, ``count_requests(api=, endpoint=)``,
``busiest_minute()`` (most requests started in any 60-second window), ``per_minute()``,
``served()``, ``most_concurrent``. ``latency`` (seconds, or a dict per api) delays every answer,
each in its own thread.
"""

from __future__ import annotations

import bisect
import calendar
import copy
import datetime as dt
import hashlib
import json
import random
import re
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, quote, unquote, urlsplit

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


# -- Wikis, titles and times ----------------------------------------------------------------

COMMONS = "commons.wikimedia.org"
WIKIDATA = "www.wikidata.org"
# The most values one multi-value parameter takes from a client without the bot right.
MAX_VALUES = 50
# "max" for list limits (gcmlimit, gulimit, rvlimit without content…).
MAX_LIMIT = 500
# How far below a category Commons Impact Metrics looks for "-deep" figures.
CIM_DEPTH = 7
# What pages get as history when no one says otherwise.
DEFAULT_REVISION = ("2020-01-01T00:00:00Z", 1000, "Example")

_WIKI_HOST = re.compile(
    r"^[a-z0-9-]+(\.[a-z0-9-]+)*\.(wikipedia|wikimedia|wikidata|wikisource|wikibooks|wikivoyage"
    r"|wiktionary|wikiquote|wikinews|wikiversity|mediawiki|wikifunctions)\.org$"
)
# Namespace names (lower case) → (number, canonical name), on every wiki and on some.
_NAMESPACES = {
    "talk": (1, "Talk"), "user": (2, "User"), "user talk": (3, "User talk"),
    "project": (4, "Project"), "file": (6, "File"), "image": (6, "File"),
    "mediawiki": (8, "MediaWiki"), "template": (10, "Template"), "help": (12, "Help"),
    "category": (14, "Category"), "module": (828, "Module"),
}  # fmt: skip
_SITE_NAMESPACES = {
    "wikipedia": {"wikipedia": (4, "Wikipedia"), "portal": (100, "Portal"),
                  "draft": (118, "Draft")},
    COMMONS: {"commons": (4, "Commons"), "creator": (100, "Creator")},
    WIKIDATA: {"wikidata": (4, "Wikidata"), "property": (120, "Property"),
               "lexeme": (146, "Lexeme")},
}  # fmt: skip
_ENTITY_PAGE = {
    "Q": ("", 0, "wikibase-item"),
    "P": ("Property:", 120, "wikibase-property"),
    "L": ("Lexeme:", 146, "wikibase-lexeme"),
}
_URL_SAFE = ";@$!*(),/~:"


def wiki_id(host: str) -> str:
    """The database name of the wiki at ``host``: "enwiki", "dewikisource", "wikidatawiki"."""
    parts = host.split(".")
    if parts[0] == "www":  # www.wikidata.org, www.mediawiki.org, www.wikifunctions.org
        return parts[1] + "wiki"
    family = parts[1] if len(parts) > 2 else "wikipedia"
    suffix = "wiki" if family in ("wikipedia", "wikimedia") else family
    return parts[0].replace("-", "_") + suffix


def project_of(host: str) -> str:
    """The page views API's project for a wiki: "en.wikipedia", "wikidata", "commons.wikimedia"."""
    return host.removeprefix("www.").removesuffix(".org")


def _namespaces(host: str) -> dict:
    extra = _SITE_NAMESPACES.get(host) or _SITE_NAMESPACES.get(host.split(".")[-2], {})
    return {**_NAMESPACES, **extra}


def normalize_title(host: str, raw: str) -> tuple[str, int] | None:
    """(title as the wiki writes it, namespace) — or None when it cannot be a title.

    Underscores become spaces, namespace names their canonical form (``Image:`` → ``File:``),
    and the first letter a capital (except on Wiktionaries).
    """
    text = re.sub(r"[ _]+", " ", raw).strip()
    if "#" in text:
        text = text.split("#", 1)[0].strip()
    if not text or any(char in text for char in "<>[]{}|"):
        return None
    namespace, rest, prefix = 0, text, ""
    if ":" in text:
        head, tail = text.split(":", 1)
        known = _namespaces(host).get(head.strip().lower())
        if known:
            namespace, prefix = known
            rest = tail.strip()
            if not rest:
                return None
    if not host.endswith(".wiktionary.org"):
        rest = rest[:1].upper() + rest[1:]
    return (f"{prefix}:{rest}" if prefix else rest), namespace


def _title_key(title: str) -> str:
    """A title as the database writes it: underscores for spaces."""
    return title.replace(" ", "_")


def _file_title(name: str) -> str:
    """``"File:Foo bar.jpg"`` for "Foo_bar.jpg", "File:Foo bar.jpg" or "Image:Foo bar.jpg"."""
    normalized = normalize_title(COMMONS, name if ":" in name else f"File:{name}")
    if normalized is None or normalized[1] != 6:
        normalized = normalize_title(COMMONS, f"File:{name}")
    if normalized is None:
        raise ValueError(f"{name!r} cannot be a file name.")
    return normalized[0]


def _category_name(name: str) -> str:
    """A category's name with spaces, without "Category:" ("Category:Foo_bar" → "Foo bar")."""
    name = name.strip().replace("_", " ")
    if name.lower().startswith("category:"):
        name = name.split(":", 1)[1].strip()
    return name[:1].upper() + name[1:]


def _iso(value: str | dt.datetime | dt.date) -> str:
    """ "2024-01-05T10:00:00Z" for an ISO string, "20240105100000", a datetime or a date."""
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(dt.UTC).replace(tzinfo=None)
        return value.strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, dt.date):
        return f"{value.isoformat()}T00:00:00Z"
    text = str(value).strip()
    if re.fullmatch(r"\d{14}", text):
        return f"{text[:4]}-{text[4:6]}-{text[6:8]}T{text[8:10]}:{text[10:12]}:{text[12:14]}Z"
    parsed = dt.datetime.fromisoformat(text)
    return _iso(parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC))


def _mw_timestamp(iso: str) -> str:
    """MediaWiki's database form of a timestamp: "20240105100000"."""
    return re.sub(r"\D", "", iso)[:14]


def _month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def _next_month(month: dt.date) -> dt.date:
    return (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def months_between(first: dt.date, last: dt.date) -> list[dt.date]:
    """First days of the months from ``first``'s to ``last``'s, both included."""
    months, month = [], _month_start(first)
    while month <= last:
        months.append(month)
        month = _next_month(month)
    return months


def _spread(month: dt.date, views: int) -> dict[dt.date, int]:
    """A month's views over its days: evenly, the remainder on the first days; zeros left out."""
    days = calendar.monthrange(month.year, month.month)[1]
    base, remainder = divmod(views, days)
    spread = {month.replace(day=n + 1): base + (n < remainder) for n in range(days)}
    return {day: count for day, count in spread.items() if count}


def _user_name(user: str) -> str:
    name = re.sub(r"[ _]+", " ", user).strip()
    return name[:1].upper() + name[1:]


def _usage(use: tuple) -> tuple[str, str, int]:
    """A ``global_usage`` entry as (host, title with spaces, namespace); older ones have no
    namespace, which means 0."""
    host, title = use[0], str(use[1]).replace("_", " ")
    return host, title, int(use[2]) if len(use) > 2 else 0


def _views_key(project: str, title: str) -> tuple[str, str]:
    return project_of(project.strip().lower()), _title_key(title.strip())


def _member_type(title: str) -> str:
    return (
        "file"
        if title.startswith("File:")
        else "subcat"
        if title.startswith("Category:")
        else "page"
    )


def _member_ns(title: str) -> int:
    found = normalize_title(COMMONS, title)
    return found[1] if found else 0


def _sort_key(title: str) -> str:
    """A category member's sort key: its title without the namespace ("identity" collation)."""
    return title.split(":", 1)[1] if _member_type(title) != "page" else title


def _namespace_filter(value: str | None) -> set[int] | None:
    """The namespaces of a ``…namespace`` parameter; None for all ("*" or absent)."""
    if not value or value == "*":
        return None
    try:
        return {int(part) for part in _multi(value)}
    except ValueError:
        raise _Refusal(
            "badvalue", f'Unrecognized value for parameter "gunamespace": {value}.'
        ) from None


def _language_of(host: str) -> str:
    first = host.split(".")[0]
    return "en" if first in ("www", "commons", "meta", "species", "simple") else first


def _revision_shape(revision: dict, rvprop: set) -> dict:
    shaped: dict = {}
    if "ids" in rvprop:
        shaped["revid"], shaped["parentid"] = revision["revid"], revision["parentid"]
    if "flags" in rvprop:
        shaped["minor"] = False
    if "user" in rvprop:
        shaped["user"] = revision["user"]
    if "userid" in rvprop:
        shaped["userid"] = int(hashlib.md5(revision["user"].encode()).hexdigest()[:6], 16)
    if "timestamp" in rvprop:
        shaped["timestamp"] = revision["timestamp"]
    if "size" in rvprop:
        shaped["size"] = revision["size"]
    if "comment" in rvprop:
        shaped["comment"] = revision["comment"]
    return shaped


class _Refusal(Exception):
    """An Action API error answer (``errors[]``), raised from deep inside a module."""

    def __init__(self, code: str, text: str, *, module: str = "main", data: dict | None = None):
        super().__init__(text)
        self.code, self.text, self.module, self.data = code, text, module, data


_BADCONTINUE = (
    "Invalid continue param. You should pass the original value returned by the previous query."
)


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
        # Commons: category name (spaces, no "Category:") → (files, subcats, pages), for
        # prop=categoryinfo; without an entry, the counts come from category_members.
        self.categories: dict[str, tuple[int, int, int]] = {}
        # Category name → member titles ("File:…", "Category:…", other pages), in the order stored.
        self.category_members: dict[str, list[str]] = {}
        # File title → [(host, page title)] or [(host, page title, namespace)].
        self.global_usage: dict[str, list[tuple]] = {}
        # Uploaded files: "File:…" → {"user", "timestamp"} (for generator=allimages).
        self.files: dict[str, dict] = {}
        # Pages of every wiki: (host, title) → {"pageid", "ns", "title", "revisions": [{"revid",
        # "parentid", "timestamp", "size", "user", "comment"}], "redirect": target title or None}.
        self.pages: dict[tuple[str, str], dict] = {}
        # (project, title with underscores) → daily views; and whole months stored as such.
        self.pageviews: dict[tuple[str, str], dict[dt.date, int]] = {}
        self.monthly_views: dict[tuple[str, str], dict[dt.date, int]] = {}
        self.cim_snapshots: dict[str, list[dict]] = {}
        self.cim_pageviews: dict[str, list[dict]] = {}
        # Categories (underscores, no "Category:") whose CIM figures are computed from the data.
        self.cim_allow: set[str] = set()
        self.requests: list[tuple[float, str, str, dict]] = []
        # What ``requests`` times are read from (tests of rate checks may replace it).
        self.clock: Callable[[], float] = time.monotonic
        # Seconds each answer takes (to make requests overlap in concurrency tests): a number,
        # or a dict from api ("wikidata", "commons", "sparql", "rest", a host) to seconds.
        self.latency: float | dict[str, float] = 0.0
        # The most requests ever being answered at the same time.
        self.most_concurrent = 0
        self._active = 0
        self._failures: list[dict] = []
        self._lock = threading.RLock()
        # Page ids ever given, so that a page keeps its id: (host, title) → id.
        self._ids: dict[tuple[str, str], int] = {}
        self._next_pageid = 100_000
        self._next_revid = 50_000_000
        self._deleted_files: set[str] = set()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self.url = ""

    # -- Life cycle --

    def start(self) -> FakeWiki:
        fake = self

        class Handler(_Handler):
            wiki = fake

        self._server = _Server(("127.0.0.1", 0), Handler)
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
        """Daily views of an article; days absent or zero are left out of answers, as for real.

        Replaces the article's daily data; months stored whole (``set_monthly_views``) that these
        days fall in are replaced by the days.
        """
        key = _views_key(project, title)
        with self._lock:
            self.pageviews[key] = dict(views)
            months = self.monthly_views.get(key, {})
            for day in views:
                months.pop(_month_start(day), None)

    def set_monthly_views(self, project: str, title: str, months: dict[dt.date, int]) -> None:
        """Whole months of views of an article ({date(2026, 1, 1): 1200, …}; any day of the month).

        The monthly answer gives these totals, the daily one spreads them over the month's days;
        daily data stored for those months is dropped. ``project`` as the page views API names it
        ("en.wikipedia") or a host ("en.wikipedia.org").
        """
        key = _views_key(project, title)
        with self._lock:
            stored = self.monthly_views.setdefault(key, {})
            days = self.pageviews.get(key, {})
            for month, views in months.items():
                month = _month_start(month)
                stored[month] = int(views)
                for day in [day for day in days if _month_start(day) == month]:
                    del days[day]

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

    # -- Data: Commons files and categories --

    def add_file(
        self,
        name: str,
        *,
        categories: Iterable[str] = (),
        usages: Iterable[tuple] = (),
        user: str = "Example uploader",
        timestamp: str | dt.datetime = "2024-01-01T00:00:00Z",
        size: int = 100_000,
        pageid: int | None = None,
    ) -> int:
        """Upload a file ("Foo bar.jpg" or "File:Foo_bar.jpg"); returns its page id.

        ``categories`` are names ("Foo" or "Category:Foo"); ``usages`` are (host, title) or
        (host, title, namespace) of the pages that show it, which become pages of their wiki.
        ``user`` and ``timestamp`` are the upload's, for ``generator=allimages``.
        """
        title = _file_title(name)
        when = _iso(timestamp)
        with self._lock:
            page = self._new_page(COMMONS, title, 6, pageid=pageid, revisions=[(when, size, user)])
            self.files[title] = {"user": _user_name(user), "timestamp": when}
            self._deleted_files.discard(title)
            for category in categories:
                self._add_member(_category_name(category), title)
            for usage in usages:
                self.add_usage(title, *usage)
        return page["pageid"]

    def add_category(
        self,
        name: str,
        *,
        files: Iterable[str] = (),
        subcategories: Iterable[str] = (),
        parents: Iterable[str] = (),
    ) -> int:
        """A category page with these files (uploaded when new), subcategories and parent
        categories; returns its page id. Names with or without "Category:"."""
        name = _category_name(name)
        title = f"Category:{name}"
        with self._lock:
            page = self._ensure_page(COMMONS, title)
            self.category_members.setdefault(name, [])
            for subcategory in subcategories:
                self._add_member(name, f"Category:{_category_name(subcategory)}")
            for parent in parents:
                self._add_member(_category_name(parent), title)
            for file in files:
                file = _file_title(file)
                if file not in self.files:
                    self.add_file(file)
                self._add_member(name, file)
        return page["pageid"]

    def add_usage(self, file: str, host: str, title: str, ns: int | None = None) -> None:
        """The page ``title`` of the wiki at ``host`` shows ``file`` (namespace from the title's
        prefix unless given: "User:X" is 2). The page is created when the wiki has none."""
        file = _file_title(file)
        with self._lock:
            page = self._ensure_page(host, title, ns)
            uses = self.global_usage.setdefault(self._usage_key(file), [])
            if not any(_usage(use)[:2] == (host, page["title"]) for use in uses):
                uses.append((host, page["title"], page["ns"]))

    def remove_usage(self, file: str, host: str, title: str) -> None:
        """The page no longer shows the file."""
        file = _file_title(file)
        found = normalize_title(host, title)
        title = found[0] if found else title
        with self._lock:
            key = self._usage_key(file)
            self.global_usage[key] = [
                use for use in self.global_usage.get(key, []) if _usage(use)[:2] != (host, title)
            ]

    def delete_file(self, name: str) -> None:
        """The file is deleted: it leaves its categories, its usages and the uploads."""
        title = _file_title(name)
        with self._lock:
            self.pages.pop((COMMONS, title), None)
            self.files.pop(title, None)
            self.global_usage.pop(self._usage_key(title), None)
            for members in self.category_members.values():
                if title in members:
                    members.remove(title)
            self._deleted_files.add(title)

    def rename_file(
        self, old: str, new: str, *, timestamp: str | None = None, user: str = "Mover"
    ) -> None:
        """The file is moved to a new name: same page id, same categories and usages (listed under
        the new name), a null revision; the old name becomes a redirect."""
        old_title, new_title = _file_title(old), _file_title(new)
        with self._lock:
            self._move_page(COMMONS, old_title, new_title, timestamp=timestamp, user=user)
            if old_title in self.files:
                self.files[new_title] = self.files.pop(old_title)
            key = self._usage_key(old_title)
            if key in self.global_usage:
                self.global_usage[new_title] = self.global_usage.pop(key)
            for members in self.category_members.values():
                for index, member in enumerate(members):
                    if member == old_title:
                        members[index] = new_title
            self._deleted_files.discard(new_title)

    # -- Data: pages of any wiki --

    def add_page(
        self,
        host: str,
        title: str,
        *,
        revisions: Iterable[tuple | dict] | None = None,
        pageid: int | None = None,
        ns: int | None = None,
    ) -> int:
        """A page of the wiki at ``host``; returns its page id (kept if the page was known).

        ``revisions``, oldest first: (timestamp, size, user) or dicts with those keys and
        optionally ``revid``, ``parentid``, ``comment``; revision ids are given in order and each
        ``parentid`` is the one before (0 for the first). Default: one revision of 2020-01-01.
        """
        found = normalize_title(host, title) if ns is None else (title.replace("_", " "), ns)
        if found is None:
            raise ValueError(f"{title!r} cannot be a title.")
        with self._lock:
            page = self._new_page(
                host, found[0], found[1], pageid=pageid,
                revisions=list(revisions) if revisions is not None else [DEFAULT_REVISION],
            )  # fmt: skip
        return page["pageid"]

    def edit_page(
        self,
        host: str,
        title: str,
        *,
        timestamp: str | dt.datetime,
        size: int | None = None,
        user: str = "Editor",
        comment: str = "",
    ) -> int:
        """A new revision of the page (created first if unknown); returns the revision id."""
        with self._lock:
            page = self._ensure_page(host, title)
            last = page["revisions"][-1] if page["revisions"] else None
            size = size if size is not None else (last["size"] + 10 if last else 100)
            revision = {"timestamp": timestamp, "size": size, "user": user, "comment": comment}
            return self._append_revision(page, revision)["revid"]

    def rename_page(
        self, host: str, old: str, new: str, *, timestamp: str | None = None, user: str = "Mover"
    ) -> None:
        """The page is moved: same page id and a null revision (as MediaWiki makes); the old title
        becomes a redirect page with an id of its own; usages of files list the new title. Page
        views stay with the titles they were counted for."""
        old_found, new_found = normalize_title(host, old), normalize_title(host, new)
        if old_found is None or new_found is None:
            raise ValueError(f"{old!r} → {new!r}: not titles.")
        with self._lock:
            self._move_page(host, old_found[0], new_found[0], timestamp=timestamp, user=user)
            moved = (host, new_found[0], new_found[1])
            for file, uses in self.global_usage.items():
                self.global_usage[file] = [
                    moved if _usage(use)[:2] == (host, old_found[0]) else use for use in uses
                ]

    def page_id(self, host: str, title: str) -> int:
        """The page id the fake gives this page (stable; given now if the page is new to it)."""
        found = normalize_title(host, title)
        with self._lock:
            return self._page_id(host, found[0] if found else title)

    # Internal: every helper below runs with the lock held.

    def _page_id(self, host: str, title: str) -> int:
        page = self.pages.get((host, title))
        if page is not None:
            return page["pageid"]
        if (host, title) not in self._ids:
            self._next_pageid += 1
            self._ids[(host, title)] = self._next_pageid
        return self._ids[(host, title)]

    def _new_page(
        self, host: str, title: str, ns: int, *, pageid=None, revisions=(), redirect=None
    ) -> dict:
        if pageid is None:
            pageid = self._page_id(host, title)
        self._next_pageid = max(self._next_pageid, pageid)
        self._ids[(host, title)] = pageid
        page = {"pageid": pageid, "ns": ns, "title": title, "revisions": [], "redirect": redirect}
        for revision in revisions:
            self._append_revision(page, revision)
        self.pages[(host, title)] = page
        return page

    def _ensure_page(self, host: str, title: str, ns: int | None = None) -> dict:
        if ns is None:
            found = normalize_title(host, title)
            if found is None:
                raise ValueError(f"{title!r} cannot be a title.")
            title, ns = found
        else:
            title = re.sub(r"[ _]+", " ", title).strip()
        page = self.pages.get((host, title))
        if page is None:
            page = self._new_page(host, title, ns, revisions=[DEFAULT_REVISION])
        return page

    def _append_revision(self, page: dict, revision: tuple | dict) -> dict:
        if isinstance(revision, dict):
            timestamp, size = revision["timestamp"], revision.get("size", 0)
            user, comment = revision.get("user", "Example"), revision.get("comment", "")
            revid, parentid = revision.get("revid"), revision.get("parentid")
        else:
            (timestamp, size, user), comment, revid, parentid = revision, "", None, None
        if revid is None:
            self._next_revid += 1
            revid = self._next_revid
        self._next_revid = max(self._next_revid, revid)
        if parentid is None:
            parentid = page["revisions"][-1]["revid"] if page["revisions"] else 0
        built = {
            "revid": revid,
            "parentid": parentid,
            "timestamp": _iso(timestamp),
            "size": int(size),
            "user": _user_name(user),
            "comment": comment,
        }
        page["revisions"].append(built)
        page["revisions"].sort(key=lambda known: (known["timestamp"], known["revid"]))
        return built

    def _move_page(self, host: str, old: str, new: str, *, timestamp, user: str) -> None:
        page = self.pages.pop((host, old), None)
        if page is None:
            found = normalize_title(host, old)
            page = self._new_page(host, old, found[1] if found else 0, revisions=[DEFAULT_REVISION])
            self.pages.pop((host, old))
        when = _iso(timestamp or dt.datetime.now(dt.UTC))
        new_found = normalize_title(host, new)
        page["title"], page["ns"] = new, new_found[1] if new_found else page["ns"]
        self.pages[(host, new)] = page
        self._ids[(host, new)] = page["pageid"]
        size = page["revisions"][-1]["size"] if page["revisions"] else 0
        self._append_revision(
            page,
            {
                "timestamp": when,
                "size": size,
                "user": user,
                "comment": f"{user} moved page [[{old}]] to [[{new}]]",
            },
        )
        del self._ids[(host, old)]
        text = f"#REDIRECT [[{new}]]"
        self._new_page(
            host, old, page["ns"], revisions=[(when, len(text.encode()), user)], redirect=new
        )

    def _add_member(self, category: str, title: str) -> None:
        self._ensure_page(COMMONS, f"Category:{category}")
        members = self.category_members.setdefault(category, [])
        if title not in members:
            members.append(title)

    def _usage_key(self, file_title: str) -> str:
        """The key of ``global_usage`` that holds this file's usages ("File:…" or, as older tests
        stored them, the bare name)."""
        if file_title in self.global_usage:
            return file_title
        bare = file_title.removeprefix("File:")
        return bare if bare in self.global_usage else file_title

    def _usages_of(self, file_title: str) -> list[tuple[str, str, int]]:
        return [_usage(use) for use in self.global_usage.get(self._usage_key(file_title), [])]

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

    def requests_per_api(self) -> Counter:
        """Requests per api: "wikidata", "commons", "sparql", "rest" or a wiki's host."""
        with self._lock:
            requests = list(self.requests)
        return Counter(_api_of(path) for _, _, path, _ in requests)

    def requests_per_endpoint(self) -> Counter:
        """Requests per (api, endpoint); see ``endpoint_of`` for the endpoint names."""
        with self._lock:
            requests = list(self.requests)
        return Counter(
            (_api_of(path), endpoint_of(path, params)) for _, _, path, params in requests
        )

    def count_requests(self, api: str | None = None, endpoint: str | None = None) -> int:
        """How many requests went to ``api`` (all if None) and ``endpoint`` (all if None)."""
        return sum(
            count for (which, kind), count in self.requests_per_endpoint().items()
            if api in (None, which) and endpoint in (None, kind)
        )  # fmt: skip

    def busiest_minute(self, *, api: str | None = None, window: float = 60.0) -> int:
        """The most requests (to ``api``, or all) started within any ``window`` seconds."""
        with self._lock:
            times = sorted(
                moment for moment, _, path, _ in self.requests if api in (None, _api_of(path))
            )
        most, first = 0, 0
        for last, moment in enumerate(times):
            while moment - times[first] >= window:
                first += 1
            most = max(most, last - first + 1)
        return most

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
            self.requests.append((self.clock(), method, path, params))
            self._active += 1
            self.most_concurrent = max(self.most_concurrent, self._active)
        try:
            return self._handle(method, path, params)
        finally:
            with self._lock:
                self._active -= 1

    def _handle(self, method: str, path: str, params: dict) -> tuple[int, dict, bytes | None]:
        api = _api_of(path)
        delay = self.latency.get(api, 0.0) if isinstance(self.latency, dict) else self.latency
        if delay:
            time.sleep(delay)
        failure = self._take_failure(api)
        if failure:
            return self._failure(api, failure, params)
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
        host = _host_of(path)
        if host:
            return _json(200, self._action(host, params))
        return _json(404, {"error": f"the fake Wikimedia server has nothing at {path}"})

    def _action(self, host: str, params: dict) -> dict:
        """An Action API answer of the wiki at ``host``."""
        try:
            if host == WIKIDATA:
                return self._wikidata(params)
            if host == COMMONS:
                return self._commons(params)
            if params.get("action") != "query":
                raise _Refusal(
                    "badvalue",
                    f'Unrecognized value for parameter "action": {params.get("action")}.',
                )
            return self._site_query(host, params)
        except _Refusal as refusal:
            return _api_error(
                refusal.code, refusal.text, module=refusal.module, data=refusal.data, host=host
            )

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
        if action == "query":
            return self._site_query(WIKIDATA, params)
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
        if params.get("generator"):
            return self._generated(params)
        if params.get("list") == "categorymembers":
            return self._category_members(params)
        prop = set(_multi(params.get("prop")))
        if prop and prop <= {"info", "revisions"}:
            return self._site_query(COMMONS, params)
        titles = _multi(params.get("titles"))
        normalized = [
            {"fromencoded": False, "from": t, "to": t.replace("_", " ")} for t in titles if "_" in t
        ]
        titles = [t.replace("_", " ") for t in titles]
        if "globalusage" in prop:
            return self._global_usage(titles, params, normalized)
        pages = []
        for title in titles:
            name = title.split(":", 1)[1] if ":" in title else title
            page = {"ns": 14 if title.startswith("Category:") else 6, "title": title}
            with self._lock:
                info = self.categories.get(name)
                members = self.category_members.get(name) or []
                if info is None and members:
                    files = sum(m.startswith("File:") for m in members)
                    subcats = sum(m.startswith("Category:") for m in members)
                    info = (files, subcats, len(members) - files - subcats)
                known = (COMMONS, title) in self.pages
                pageid = self._page_id(COMMONS, title) if info is not None or known else None
            if pageid is None:
                page["missing"] = True
            else:
                page = {"pageid": pageid, **page}
            if info is not None:
                files, subcats, count_pages = info
                page["categoryinfo"] = {"size": files + subcats + count_pages, "pages": count_pages,
                                        "files": files, "subcats": subcats}  # fmt: skip
            pages.append(page)
        query = {"pages": pages}
        if normalized:
            query = {"normalized": normalized, **query}
        return {"batchcomplete": True, "query": query}

    def _global_usage(self, titles: list[str], params: dict, normalized: list) -> dict:
        """``prop=globalusage&titles=…``: usages in the order they were stored, file by file."""
        limit = int(params.get("gulimit", 10)) if params.get("gulimit", "") != "max" else 500
        namespaces = _namespace_filter(params.get("gunamespace"))
        start = params.get("gucontinue")
        rows = []
        with self._lock:
            for title in titles:
                uses = [
                    use
                    for use in self._usages_of(title)
                    if namespaces is None or use[2] in namespaces
                ]
                for index, (wiki, page, _ns) in enumerate(uses):
                    rows.append((title, index, wiki, page))
            ids = {title: self._page_id(COMMONS, title) for title in titles}
            deleted = {title for title in titles if title in self._deleted_files}
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
                {"title": _title_key(page), "wiki": wiki,
                 "url": f"https://{wiki}/wiki/{quote(_title_key(page), safe=_URL_SAFE)}"}
                for (t, _, wiki, page) in chosen if t == title
            ]  # fmt: skip
            if title in deleted:
                pages.append({"ns": 6, "title": title, "missing": True, "globalusage": usages})
            else:
                pages.append({"pageid": ids[title], "ns": 6, "title": title, "globalusage": usages})
        answer: dict = {}
        if position + limit < len(rows):
            following = rows[position + limit]
            file_key = _title_key(following[0][5:])
            answer["continue"] = {
                "gucontinue": f"{file_key}|{wiki_id(following[2])}|{following[1]}",
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
        """``list=categorymembers``: members in the order stored, continued by position."""
        title = params.get("cmtitle", "").replace("_", " ")
        name = title.split(":", 1)[1] if ":" in title else title
        limit = 500 if params.get("cmlimit", "10") == "max" else int(params.get("cmlimit", 10))
        offset = int(params.get("cmcontinue", "0|0").split("|")[-1])
        with self._lock:
            members = list(self.category_members.get(name, []))
        types = set(params.get("cmtype", "page|subcat|file").split("|"))
        members = [m for m in members if _member_type(m) in types]
        chosen = members[offset : offset + limit]
        with self._lock:
            listed = [
                {"pageid": self._page_id(COMMONS, m), "ns": _member_ns(m), "title": m}
                for m in chosen
            ]
        answer: dict = {"query": {"categorymembers": listed}}
        if offset + limit < len(members):
            answer["continue"] = {"cmcontinue": f"page|{offset + limit}", "continue": "-||"}
        else:
            answer["batchcomplete"] = True
        return answer

    # Commons: generators with prop=globalusage

    def _generated(self, params: dict) -> dict:
        """A generator's batch of pages with their global usage, continued as MediaWiki does."""
        generator = params["generator"]
        if generator not in ("categorymembers", "allimages"):
            raise _Refusal(
                "badvalue", f'Unrecognized value for parameter "generator": {generator}.'
            )
        echoed_keys: list[str] = []
        skipped: set[str] = set()
        if "continue" in params and params["continue"] != "":
            parts = params["continue"].split("||")
            if len(parts) != 2:
                raise _Refusal("badcontinue", _BADCONTINUE)
            if parts[0] == "-":
                return {"batchcomplete": True}
            echoed_keys = [key for key in parts[0].split("|") if key]
            skipped = set(parts[1].split("|"))
        # Modules the request names as finished are not run, but stay finished in the answer.
        asked = _multi(params.get("prop"))
        props = [prop for prop in asked if prop not in skipped]
        with self._lock:
            if generator == "categorymembers":
                batch, following = self._gen_category_members(params)
            else:
                batch, following = self._gen_all_images(params)
            if not batch:
                return {"batchcomplete": True}
            pages = [dict(page) for page in batch]
            usages_following = None
            if "globalusage" in props:
                usages_following = self._fill_global_usage(pages, params)
            if "info" in props:
                for page in pages:
                    known = self.pages.get((COMMONS, page["title"]))
                    if known is not None:
                        usages = page.pop("globalusage", None)
                        page.update(self._page_shape(COMMONS, known, {"info"}))
                        if usages is not None:
                            page["globalusage"] = usages
        answer: dict = {}
        if usages_following is not None:
            echoed = {key: params[key] for key in echoed_keys if key in params}
            finished = [prop for prop in asked if prop != "globalusage"]
            answer["continue"] = {
                "gucontinue": usages_following,
                **echoed,
                "continue": "|".join(echoed) + "||" + "|".join(finished),
            }
        else:
            answer["batchcomplete"] = True
            if following:
                answer["continue"] = {**following, "continue": "|".join(following) + "||"}
        answer["query"] = {"pages": pages}
        return answer

    def _gen_category_members(self, params: dict) -> tuple[list[dict], dict | None]:
        found = normalize_title(COMMONS, params.get("gcmtitle", ""))
        if found is None or found[1] != 14:
            raise _Refusal("invalidcategory", "The category name you entered is not valid.")
        name = found[0].split(":", 1)[1]
        types = _multi(params.get("gcmtype")) or ["page", "subcat", "file"]
        limit = _limit(params.get("gcmlimit"), 10)
        members = self.category_members.get(name, [])
        rows = []  # (type index, sort key, page id, title)
        for index, kind in enumerate(types):
            of_kind = [
                (index, _sort_key(m), self._page_id(COMMONS, m), m)
                for m in members if _member_type(m) == kind
            ]  # fmt: skip
            rows.extend(sorted(of_kind))
        start = 0
        if params.get("gcmcontinue"):
            parts = params["gcmcontinue"].split("|", 2)
            try:
                kind, key, pageid = parts[0], bytes.fromhex(parts[1]).decode(), int(parts[2])
                position = (types.index(kind), key, pageid)
            except (IndexError, ValueError):
                raise _Refusal("badcontinue", _BADCONTINUE) from None
            start = bisect.bisect_left([row[:3] for row in rows], position)
        chosen = rows[start : start + limit]
        batch = [
            {"pageid": pageid, "ns": _member_ns(title), "title": title}
            for _, _, pageid, title in chosen
        ]
        following = None
        if start + limit < len(rows):
            index, key, pageid, _ = rows[start + limit]
            following = {"gcmcontinue": f"{types[index]}|{key.encode().hex()}|{pageid}"}
        return batch, following

    def _gen_all_images(self, params: dict) -> tuple[list[dict], dict | None]:
        by_time = params.get("gaisort", "name") == "timestamp"
        user = params.get("gaiuser")
        if user and not by_time:
            raise _Refusal(
                "invalidparammix",
                'The parameter "gaiuser" can only be used with "gaisort=timestamp".',
            )
        limit = _limit(params.get("gailimit"), 10)
        descending = params.get("gaidir") in ("descending", "older")
        rows = sorted(
            ((_mw_timestamp(info["timestamp"]) if by_time else "", _title_key(title[5:]), title)
             for title, info in self.files.items() if not user or info["user"] == _user_name(user)),
            reverse=descending,
        )  # fmt: skip
        start = 0
        if params.get("gaicontinue"):
            if by_time:
                stamp, _, key = params["gaicontinue"].partition("|")
                if not re.fullmatch(r"\d{14}", stamp):
                    raise _Refusal("badcontinue", _BADCONTINUE)
                position = (stamp, key)
            else:
                position = ("", params["gaicontinue"])
            keys = [row[:2] for row in rows]
            if descending:
                start = next((i for i, k in enumerate(keys) if k <= position), len(rows))
            else:
                start = bisect.bisect_left(keys, position)
        chosen = rows[start : start + limit]
        batch = [
            {"pageid": self._page_id(COMMONS, title), "ns": 6, "title": title}
            for _, _, title in chosen
        ]
        following = None
        if start + limit < len(rows):
            stamp, key, _ = rows[start + limit]
            following = {"gaicontinue": f"{stamp}|{key}" if by_time else key}
        return batch, following

    def _fill_global_usage(self, pages: list[dict], params: dict) -> str | None:
        """Give each file of the batch its ``globalusage`` rows of this answer; the
        ``gucontinue`` of the first row left for the next answer, or None."""
        namespaces = _namespace_filter(params.get("gunamespace"))
        limit = _limit(params.get("gulimit"), 10)
        shown = set(_multi(params.get("guprop")) or ["url"])
        rows = []  # (file key, wiki id, page id, host, title, ns, the file's page)
        for page in pages:
            if page["ns"] != 6:
                continue
            page["globalusage"] = []
            key = _title_key(page["title"][5:])
            for host, title, ns in self._usages_of(page["title"]):
                if namespaces is None or ns in namespaces:
                    rows.append(
                        (key, wiki_id(host), self._page_id(host, title), host, title, ns, page)
                    )
        rows.sort(key=lambda row: row[:3])
        start = 0
        if params.get("gucontinue"):
            parts = params["gucontinue"].rsplit("|", 2)
            try:
                position = (parts[0], parts[1], int(parts[2]))
            except (IndexError, ValueError):
                raise _Refusal("badcontinue", _BADCONTINUE) from None
            start = bisect.bisect_left([row[:3] for row in rows], position)
        for key, _wiki, pageid, host, title, ns, page in rows[start : start + limit]:
            use = {"title": _title_key(title), "wiki": host}
            if "url" in shown:
                use["url"] = f"https://{host}/wiki/{quote(_title_key(title), safe=_URL_SAFE)}"
            if "pageid" in shown:
                use["pageid"] = str(pageid)
            if "namespace" in shown:
                use["ns"] = str(ns)
            page["globalusage"].append(use)
        if start + limit < len(rows):
            key, wiki, pageid = rows[start + limit][:3]
            return f"{key}|{wiki}|{pageid}"
        return None

    # Any wiki: prop=info and prop=revisions

    def _site_query(self, host: str, params: dict) -> dict:
        for module in ("generator", "list", "meta"):
            if params.get(module):
                raise _Refusal(
                    "badvalue",
                    f'Unrecognized value for parameter "{module}": {params[module]}.',
                )
        asked = _multi(params.get("prop"))
        skipped = set(params.get("continue", "").partition("||")[2].split("|"))
        props = [prop for prop in asked if prop not in skipped]
        titles = _multi(params.get("titles"))
        pageids = _multi(params.get("pageids"))
        for name, values in (("titles", titles), ("pageids", pageids)):
            if len(values) > MAX_VALUES:
                raise _Refusal(
                    "toomanyvalues",
                    f'Too many values supplied for parameter "{name}". The limit is {MAX_VALUES}.',
                    data={"limit": MAX_VALUES, "lowlimit": MAX_VALUES, "highlimit": 500},
                )
        follow = "redirects" in params
        normalized, redirects, missing, good = [], {}, [], {}
        with self._lock:
            for raw in dict.fromkeys(titles):
                found = normalize_title(host, raw)
                if found is None:
                    reason = f'The requested page title contains invalid characters: "{raw}".'
                    missing.append({"title": raw, "invalidreason": reason, "invalid": True})
                    continue
                title, _ns = found
                if title != raw:
                    normalized.append({"fromencoded": False, "from": raw, "to": title})
                seen = {title}
                while (
                    follow and (target := self._redirect_target(host, title)) and target not in seen
                ):
                    redirects[title] = target
                    seen.add(target)
                    title = target
                page = self._lookup(host, title)
                if page is None:
                    missing.append(
                        {"ns": normalize_title(host, title)[1], "title": title, "missing": True}
                    )
                else:
                    good.setdefault(page["pageid"], page)
            for raw in dict.fromkeys(pageids):
                try:
                    pageid = int(raw)
                except ValueError:
                    raise _Refusal(
                        "badinteger", f'Invalid value "{raw}" for integer parameter "pageids".'
                    ) from None
                page = self._by_pageid(host, pageid)
                if page is not None and follow and page.get("redirect"):
                    redirects[page["title"]] = page["redirect"]
                    page = self._lookup(host, page["redirect"]) or page
                if page is None:
                    missing.append({"pageid": pageid, "missing": True})
                else:
                    good.setdefault(page["pageid"], page)
            following = None
            # MediaWiki's "enumeration mode": one page's history rather than each page's latest.
            listing = ("limit", "start", "end", "startid", "endid", "user", "excludeuser")
            enumerate_revisions = "revisions" in props and (
                any(params.get(f"rv{name}") is not None for name in listing)
                or params.get("rvdir") == "newer"
            )
            if enumerate_revisions and len(good) > 1:
                raise _Refusal(
                    "invalidparammix",
                    '"titles", "pageids" or a generator was used to supply multiple pages, but the '
                    '"rvlimit", "rvstartid", "rvendid", "rvdir", "rvuser", "rvexcludeuser", '
                    '"rvstart", and "rvend" parameters may only be used on a single page.',
                    module="query+revisions",
                )
            shaped = []
            for page in good.values():
                entry = self._page_shape(host, page, set(props))
                if "revisions" in props:
                    if enumerate_revisions:
                        chosen, following = self._revisions(page, params)
                    else:
                        chosen = page["revisions"][-1:]
                    rvprop = set(
                        _multi(params.get("rvprop"))
                        or ["ids", "timestamp", "flags", "comment", "user"]
                    )
                    if chosen:
                        entry["revisions"] = [_revision_shape(rev, rvprop) for rev in chosen]
                shaped.append(entry)
        answer: dict = {}
        if following:
            finished = [prop for prop in asked if prop != "revisions"]
            answer["continue"] = {"rvcontinue": following, "continue": "||" + "|".join(finished)}
        else:
            answer["batchcomplete"] = True
        query: dict = {}
        if normalized:
            query["normalized"] = normalized
        if redirects:
            query["redirects"] = [{"from": old, "to": new} for old, new in redirects.items()]
        if missing or shaped:
            query["pages"] = missing + shaped
        if query:
            answer["query"] = query
        return answer

    def _revisions(self, page: dict, params: dict) -> tuple[list[dict], str | None]:
        """The revisions asked for of one page, and the ``rvcontinue`` of the next, if any."""
        newer = params.get("rvdir") == "newer"
        limit = _limit(params.get("rvlimit"), 10)
        revisions = list(page["revisions"])
        for name in ("rvstart", "rvend"):
            if params.get(name) is None:
                continue
            try:
                moment = _iso(params[name])
            except ValueError:
                raise _Refusal(
                    "badtimestamp",
                    f'Invalid value "{params[name]}" for timestamp parameter "{name}".',
                ) from None
            later = (name == "rvstart") == newer  # keep revisions at or after the moment
            revisions = [
                r
                for r in revisions
                if (r["timestamp"] >= moment if later else r["timestamp"] <= moment)
            ]
        if params.get("rvstartid"):
            first = int(params["rvstartid"])
            revisions = [
                r for r in revisions if (r["revid"] >= first if newer else r["revid"] <= first)
            ]
        if params.get("rvendid"):
            last = int(params["rvendid"])
            revisions = [
                r for r in revisions if (r["revid"] <= last if newer else r["revid"] >= last)
            ]
        if params.get("rvuser"):
            revisions = [r for r in revisions if r["user"] == _user_name(params["rvuser"])]
        if params.get("rvexcludeuser"):
            revisions = [r for r in revisions if r["user"] != _user_name(params["rvexcludeuser"])]
        if not newer:
            revisions.reverse()
        if params.get("rvcontinue"):
            stamp, _, revid = params["rvcontinue"].partition("|")
            try:
                position = (_iso(stamp), int(revid))
            except ValueError:
                raise _Refusal("badcontinue", _BADCONTINUE) from None
            keys = [(r["timestamp"], r["revid"]) for r in revisions]
            start = next(
                (
                    i
                    for i, key in enumerate(keys)
                    if (key >= position if newer else key <= position)
                ),
                len(keys),
            )
            revisions = revisions[start:]
        following = None
        if len(revisions) > limit:
            nxt = revisions[limit]
            following = f"{_mw_timestamp(nxt['timestamp'])}|{nxt['revid']}"
        return revisions[:limit], following

    def _page_shape(self, host: str, page: dict, props: set) -> dict:
        shaped = {"pageid": page["pageid"], "ns": page["ns"], "title": page["title"]}
        if "info" in props:
            last = page["revisions"][-1] if page["revisions"] else None
            language = _language_of(host)
            shaped.update(
                {
                    "contentmodel": page.get("contentmodel", "wikitext"),
                    "pagelanguage": language,
                    "pagelanguagehtmlcode": language,
                    "pagelanguagedir": "rtl"
                    if language in ("ar", "he", "fa", "ur", "yi", "arz")
                    else "ltr",
                    "touched": last["timestamp"] if last else "2020-01-01T00:00:00Z",
                    "lastrevid": last["revid"] if last else 0,
                    "length": last["size"] if last else 0,
                }
            )
            if page.get("redirect"):
                shaped["redirect"] = True
        return shaped

    def _lookup(self, host: str, title: str) -> dict | None:
        """The page called ``title`` now (a redirect is a page too), or None."""
        page = self.pages.get((host, title))
        if page is not None:
            return page
        if host == WIKIDATA:
            return self._entity_page(title)
        if host == COMMONS and title.startswith("Category:"):
            name = title.split(":", 1)[1]
            if name in self.categories or self.category_members.get(name):
                return self._new_page(COMMONS, title, 14, revisions=[DEFAULT_REVISION])
        return None

    def _entity_page(self, title: str) -> dict | None:
        """A Wikidata entity as a page: its page id, and one revision (lastrevid, modified)."""
        for letter, (prefix, ns, model) in _ENTITY_PAGE.items():
            if title.startswith(prefix + letter) and _ENTITY_ID.match(title[len(prefix) :]):
                entity = self.entities.get(title[len(prefix) :])
                if entity is None:
                    return None
                revision = {
                    "revid": entity.get("lastrevid", 1),
                    "parentid": 0,
                    "timestamp": _iso(entity.get("modified", "2026-01-01T00:00:00Z")),
                    "size": len(json.dumps(entity)),
                    "user": "Example",
                    "comment": "",
                }
                return {
                    "pageid": entity.get("pageid") or self._page_id(WIKIDATA, title),
                    "ns": ns,
                    "title": title,
                    "revisions": [revision],
                    "redirect": None,
                    "contentmodel": model,
                }
        return None

    def _redirect_target(self, host: str, title: str) -> str | None:
        page = self.pages.get((host, title))
        if page is not None:
            return page.get("redirect")
        if host == WIKIDATA:
            for letter, (prefix, _, _) in _ENTITY_PAGE.items():
                qid = title[len(prefix) :]
                if title.startswith(prefix + letter) and qid in self.redirects:
                    return prefix + self.redirects[qid]
        return None

    def _by_pageid(self, host: str, pageid: int) -> dict | None:
        for (page_host, _), page in self.pages.items():
            if page_host == host and page["pageid"] == pageid:
                return page
        if host == WIKIDATA:
            for qid, entity in self.entities.items():
                if entity.get("pageid") == pageid:
                    prefix = _ENTITY_PAGE.get(qid[0], ("",))[0]
                    return self._entity_page(prefix + qid)
        return None

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
            return self._per_article(path, *raw[3:10])
        if (
            raw[:3] == ["metrics", "commons-analytics", "category-metrics-snapshot"]
            and len(raw) == 6
        ):
            category, start, end = raw[3:6]
            return self._cim(path, "snapshot", category, start, end)
        if (
            raw[:3] == ["metrics", "commons-analytics", "pageviews-per-category-monthly"]
            and len(raw) == 8
        ):
            category, scope, wiki, start, end = raw[3:8]
            return self._cim(path, "pageviews", category, start, end, scope=scope, wiki=wiki)
        return _json(404, _problem(path, "Not found."), content_type="application/problem+json")

    def _per_article(self, path, project, access, agent, title, granularity, start, end):
        key = _views_key(project, title)
        with self._lock:
            if granularity == "monthly":
                counts = self._monthly_of(key)
            else:
                counts = self._daily_of(key)
        items = []
        if counts is not None:
            first, last = start[:8], end[:8]
            stamp = "%Y%m0100" if granularity == "monthly" else "%Y%m%d00"
            items = [
                {"project": project, "article": title, "granularity": granularity,
                 "timestamp": when.strftime(stamp), "access": access, "agent": agent,
                 "views": views}
                for when, views in sorted(counts.items())
                if first <= when.strftime("%Y%m%d") <= last and views
            ]  # fmt: skip
        if not items:
            return _json(
                404, _problem(path, _PAGEVIEWS_404), content_type="application/problem+json"
            )
        return _json(200, {"items": items})

    def _daily_of(self, key: tuple[str, str]) -> dict[dt.date, int] | None:
        if key not in self.pageviews and key not in self.monthly_views:
            return None
        days = dict(self.pageviews.get(key, {}))
        for month, views in self.monthly_views.get(key, {}).items():
            days.update(_spread(month, views))
        return days

    def _monthly_of(self, key: tuple[str, str]) -> dict[dt.date, int] | None:
        if key not in self.pageviews and key not in self.monthly_views:
            return None
        months: dict[dt.date, int] = {}
        for day, views in self.pageviews.get(key, {}).items():
            months[_month_start(day)] = months.get(_month_start(day), 0) + views
        months.update(self.monthly_views.get(key, {}))
        return months

    def _cim(
        self,
        path: str,
        kind: str,
        category: str,
        start: str,
        end: str,
        *,
        scope="deep",
        wiki="all-wikis",
    ):
        name = _title_key(_category_name(category))
        first, last = start[:8], end[:8]
        store = self.cim_snapshots if kind == "snapshot" else self.cim_pageviews
        with self._lock:
            items = store.get(category.replace(" ", "_"))
            allowed = {_title_key(_category_name(entry)) for entry in self.cim_allow}
        if items is not None:
            chosen = [
                item for item in items if first <= item["timestamp"].replace("-", "")[:8] <= last
            ]
            return _json(200, {"items": chosen})
        if name not in allowed:
            return _json(404, _problem(path, _CIM_404), content_type="application/problem+json")
        try:
            bounds = [dt.datetime.strptime(day, "%Y%m%d").date() for day in (first, last)]
            months = [m for m in months_between(*bounds) if first <= m.strftime("%Y%m%d") <= last]
        except ValueError:
            return _json(
                400,
                _problem(path, "Invalid date.") | {"status": 400, "title": "Bad Request"},
                content_type="application/problem+json",
            )
        if scope not in ("deep", "shallow"):
            return _json(
                400,
                _problem(path, f"Invalid category-scope: {scope}.")
                | {"status": 400, "title": "Bad Request"},
                content_type="application/problem+json",
            )
        with self._lock:
            metrics, shallow_pages, deep_pages = self.cim_figures(name)
            if kind == "snapshot":
                items = [
                    {"category": name, "timestamp": f"{month:%Y-%m}-01T00:00:00Z", **metrics}
                    for month in months
                ]
                return _json(200, {"items": items})
            pages = [
                (host, title) for host, title in (deep_pages if scope == "deep" else shallow_pages)
                if wiki == "all-wikis" or project_of(host) == project_of(wiki)
            ]  # fmt: skip
            views = {month: 0 for month in months}
            for host, title in pages:
                counts = self._monthly_of(_views_key(host, title)) or {}
                for month in months:
                    views[month] += counts.get(month, 0)
        items = [
            {
                "category": name,
                "category-scope": scope,
                "wiki": wiki,
                "timestamp": f"{month:%Y-%m}-01T00:00:00Z",
                "pageview-count": count,
            }
            for month, count in views.items()
        ]
        return _json(200, {"items": items})

    def cim_figures(self, category: str) -> tuple[dict, set, set]:
        """(the eight snapshot metrics, shallow leveraging pages, deep leveraging pages) of a
        category, from the current data; pages are (host, title) of namespace 0."""
        name = _category_name(category)
        with self._lock:
            shallow = {m for m in self.category_members.get(name, []) if m.startswith("File:")}
            deep: set[str] = set()
            seen, level = {name}, [name]
            for depth in range(CIM_DEPTH + 1):
                below = []
                for current in level:
                    for member in self.category_members.get(current, []):
                        if member.startswith("File:"):
                            deep.add(member)
                        elif member.startswith("Category:") and depth < CIM_DEPTH:
                            sub = member.split(":", 1)[1]
                            if sub not in seen:
                                seen.add(sub)
                                below.append(sub)
                level = below
            used: dict[str, set] = {}
            for file in deep:
                found = {(host, title) for host, title, ns in self._usages_of(file) if ns == 0}
                if found:
                    used[file] = found
        shallow_pages = set().union(*(used[f] for f in shallow if f in used))
        deep_pages = set().union(*used.values())
        metrics = {
            "media-file-count": len(shallow),
            "media-file-count-deep": len(deep),
            "used-media-file-count": sum(f in used for f in shallow),
            "used-media-file-count-deep": len(used),
            "leveraging-wiki-count": len({host for host, _ in shallow_pages}),
            "leveraging-wiki-count-deep": len({host for host, _ in deep_pages}),
            "leveraging-page-count": len(shallow_pages),
            "leveraging-page-count-deep": len(deep_pages),
        }
        return metrics, shallow_pages, deep_pages


class _Server(ThreadingHTTPServer):
    # One thread per connection, not waited for at shutdown; a deep backlog so that a burst of
    # parallel clients is never refused.
    daemon_threads = True
    request_queue_size = 128


# -- Large data ----------------------------------------------------------------------------


def build_category(
    fake: FakeWiki,
    name: str,
    *,
    files: int,
    used_files: int,
    pages: int,
    wikis: Iterable[str] = (
        "en.wikipedia.org",
        "de.wikipedia.org",
        "fr.wikipedia.org",
        "sv.wikipedia.org",
    ),
    subcategories: int = 0,
    seed: int = 0,
    months: tuple[dt.date, dt.date] = (dt.date(2025, 1, 1), dt.date(2025, 12, 1)),
    overlap: int = 0,
    cycle: bool = False,
    noise: bool = True,
    uploader: str = "Example uploader",
    allow: bool = True,
) -> dict:
    """Fill the category ``name`` with ``files`` files; returns what a correct client must find.

    The category and its ``subcategories`` ("NAME – part 1", …) form a binary tree: parts 1 and 2
    directly below NAME, parts 3 and 4 below part 1, and so on, so that up to 254 of them lie
    within the 7 levels Commons Impact Metrics looks at (deeper ones count for nothing "deep");
    ``cycle`` files NAME under the last part too. Files ("File:NAME 00042.jpg", uploaded by
    ``uploader`` a minute apart from 2024-01-01) are spread over all of them, ``overlap`` files
    in a second one as well. ``used_files`` files, chosen at random, are shown on exactly
    ``pages`` distinct namespace-0 pages ("NAME article 7") spread over ``wikis``: every used
    file on at least one page, every page showing at least one used file, plus random extra
    pairs. ``noise`` adds uses on User: pages (namespace 2) of random files, which count for
    nothing. Every page gets views for each month from ``months[0]`` to ``months[1]``, about one
    month in ten zero. ``allow`` puts the category on ``fake.cim_allow``. Call it once per name.

    The figures are worked out here from the layout, not by the fake's own CIM code:
    ``{"category": "NAME_with_underscores", "subcategories": [names], "files": [file titles],
    "used_files": [titles used on a namespace-0 page], "pages": [(host, title)], "wikis": [hosts],
    "usages": {file title: [(host, title, ns)]}, "months": [first days], "snapshot": {the eight CIM
    metrics, "media-file-count" … "leveraging-page-count-deep"}, "pageviews": {"deep": {month:
    views}, "shallow": {month: views}}, "pageviews_by_wiki": {"deep": {"en.wikipedia": {month:
    views}}, "shallow": {…}}, "views": {(host, title): {month: views}}}``.
    """
    wikis = list(wikis)
    if not 0 <= used_files <= files:
        raise ValueError("used_files must be between 0 and files.")
    if (used_files == 0) != (pages == 0):
        raise ValueError("Used files need pages to be used on, and pages need used files.")
    if pages and not wikis:
        raise ValueError("Pages need wikis.")
    rng = random.Random(seed)
    top = _category_name(name)
    nodes = [top] + [f"{top} – part {k}" for k in range(1, subcategories + 1)]
    depths = [(j + 1).bit_length() - 1 for j in range(len(nodes))]  # heap order: parent (j-1)//2
    file_titles = [f"File:{top} {i:05d}.jpg" for i in range(files)]
    placement = [i % len(nodes) for i in range(files)]
    rng.shuffle(placement)
    homes = {title: [nodes[placement[i]]] for i, title in enumerate(file_titles)}
    if overlap and len(nodes) > 1:
        for i in rng.sample(range(files), min(overlap, files)):
            homes[file_titles[i]].append(nodes[(placement[i] + 1) % len(nodes)])
    used = rng.sample(file_titles, used_files)
    page_list = [(wikis[j % len(wikis)], f"{top} article {j}") for j in range(pages)]
    pairs: dict[tuple[str, int], None] = {}
    for i in range(max(used_files, pages)):
        pairs[(used[i % used_files], i % pages)] = None
    for _ in range(rng.randint(0, max(used_files, pages) // 4) if used_files else 0):
        pairs[(rng.choice(used), rng.randrange(pages))] = None
    usages: dict[str, list[tuple[str, str, int]]] = {title: [] for title in file_titles}
    for file, j in pairs:
        usages[file].append((*page_list[j], 0))
    noise_pages = []
    if noise and files:
        for k in range(max(1, files // 50)):
            page = (wikis[0] if wikis else "en.wikipedia.org", f"User:Example/Gallery {top} {k}", 2)
            usages[rng.choice(file_titles)].append(page)
            noise_pages.append(page)
    month_list = months_between(*months)
    views = {
        page: {month: 0 if rng.random() < 0.1 else rng.randint(1, 5000) for month in month_list}
        for page in page_list
    }

    start = dt.datetime(2024, 1, 1)
    with fake._lock:
        for node in nodes:
            fake._ensure_page(COMMONS, f"Category:{node}")
            fake.category_members.setdefault(node, [])
        for j in range(1, len(nodes)):
            fake.category_members[nodes[(j - 1) // 2]].append(f"Category:{nodes[j]}")
        if cycle and len(nodes) > 1:
            fake.category_members[nodes[-1]].append(f"Category:{top}")
        for i, title in enumerate(file_titles):
            when = _iso(start + dt.timedelta(minutes=i))
            fake._new_page(COMMONS, title, 6, revisions=[(when, 100_000 + i, uploader)])
            fake.files[title] = {"user": _user_name(uploader), "timestamp": when}
            for home in homes[title]:
                fake.category_members[home].append(title)
            if usages[title]:
                fake.global_usage[title] = usages[title]
        for host, title, *ns in page_list + noise_pages:
            fake._ensure_page(host, title, ns[0] if ns else 0)
        for (host, title), per_month in views.items():
            key = _views_key(host, title)
            fake.pageviews.pop(key, None)
            fake.monthly_views[key] = {month: count for month, count in per_month.items() if count}
        if allow:
            fake.cim_allow.add(_title_key(top))

    def figures(chosen_nodes: set[str]):
        in_nodes = [t for t in file_titles if any(home in chosen_nodes for home in homes[t])]
        shown = {t: {(host, title) for host, title, ns in usages[t] if ns == 0} for t in in_nodes}
        leveraging = set().union(*shown.values()) if shown else set()
        return in_nodes, [t for t in in_nodes if shown[t]], leveraging

    deep_nodes = {node for node, depth in zip(nodes, depths, strict=True) if depth <= CIM_DEPTH}
    shallow = figures({top})
    deep = figures(deep_nodes)
    snapshot = {}
    for suffix, (in_nodes, used_here, leveraging) in (("", shallow), ("-deep", deep)):
        snapshot[f"media-file-count{suffix}"] = len(in_nodes)
        snapshot[f"used-media-file-count{suffix}"] = len(used_here)
        snapshot[f"leveraging-wiki-count{suffix}"] = len({host for host, _ in leveraging})
        snapshot[f"leveraging-page-count{suffix}"] = len(leveraging)
    pageviews, by_wiki = {}, {}
    for scope, (_, _, leveraging) in (("deep", deep), ("shallow", shallow)):
        pageviews[scope] = {m: sum(views[page][m] for page in leveraging) for m in month_list}
        by_wiki[scope] = {
            project_of(host): {
                m: sum(views[page][m] for page in leveraging if page[0] == host) for m in month_list
            }
            for host in sorted({host for host, _ in leveraging})
        }
    return {
        "category": _title_key(top),
        "subcategories": nodes[1:],
        "files": file_titles,
        "used_files": deep[1],
        "pages": sorted(deep[2]),
        "wikis": sorted({host for host, _ in deep[2]}),
        "usages": {title: list(uses) for title, uses in usages.items() if uses},
        "months": month_list,
        "snapshot": snapshot,
        "pageviews": pageviews,
        "pageviews_by_wiki": by_wiki,
        "views": views,
    }


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


def _host_of(path: str) -> str:
    """The wiki whose Action API ``path`` is ("www.wikidata.org", "en.wikipedia.org"), or ""."""
    if path.startswith("/wikidata/"):
        return WIKIDATA
    if path.startswith("/commons/"):
        return COMMONS
    parts = path.split("/")
    if len(parts) == 5 and parts[1] == "site" and parts[3:] == ["w", "api.php"]:
        return parts[2] if _WIKI_HOST.match(parts[2]) else ""
    return ""


def _api_of(path: str) -> str:
    """ "wikidata", "commons", "sparql", "rest", a wiki's host (as ``Client.action`` names it), or
    "" for paths the fake does not serve."""
    if path.startswith("/sparql"):
        return "sparql"
    if path.startswith("/rest_v1/"):
        return "rest"
    host = _host_of(path)
    return {WIKIDATA: "wikidata", COMMONS: "commons"}.get(host, host)


def endpoint_of(path: str, params: dict) -> str:
    """What a request asked for, for counting.

    Action API: ``"action=wbgetentities"``, or for ``action=query`` its modules as sent, such as
    ``"prop=info"``, ``"prop=revisions"``, ``"list=categorymembers"``,
    ``"generator=categorymembers&prop=globalusage"``; ``"sparql"``; REST:
    ``"pageviews/per-article/daily"``, ``"pageviews/per-article/monthly"``,
    ``"commons-analytics/category-metrics-snapshot"``,
    ``"commons-analytics/pageviews-per-category-monthly"``.
    """
    api = _api_of(path)
    if api == "sparql":
        return "sparql"
    if api == "rest":
        parts = path.split("/")[2:]
        if parts[:3] == ["metrics", "pageviews", "per-article"] and len(parts) > 7:
            return f"pageviews/per-article/{parts[7]}"
        if parts[:2] == ["metrics", "commons-analytics"] and len(parts) > 2:
            return f"commons-analytics/{parts[2]}"
        return "/".join(parts[1:3])
    action = params.get("action", "")
    if action != "query":
        return f"action={action}"
    named = [
        f"{key}={params[key]}" for key in ("generator", "list", "prop", "meta") if params.get(key)
    ]
    return "&".join(named) or "action=query"


def _json(status: int, body, *, content_type: str = "application/json; charset=utf-8"):
    return status, {"Content-Type": content_type}, json.dumps(body, ensure_ascii=False).encode()


def _api_error(
    code: str, text: str, *, module: str = "main", data: dict | None = None, host: str = WIKIDATA
) -> dict:
    error = {"code": code, "text": text}
    if data is not None:
        error["data"] = data
    error["module"] = module
    docref = _DOCREF.replace("https://www.wikidata.org/w/api.php", f"https://{host}/w/api.php")
    return {"errors": [error], "docref": docref, "servedby": "mw-api-fake"}


def _multi(value: str | None) -> list[str]:
    """A multi-value parameter's values ("A|B" → ["A", "B"])."""
    return [part for part in (value or "").split("|") if part]


def _limit(value: str | None, default: int) -> int:
    if value is None or value == "":
        return default
    if value == "max":
        return MAX_LIMIT
    try:
        return max(1, min(int(value), MAX_LIMIT))
    except ValueError:
        raise _Refusal("badinteger", f'Invalid value "{value}" for integer parameter.') from None


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
