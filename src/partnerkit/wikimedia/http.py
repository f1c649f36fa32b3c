"""The one HTTP layer every Wikimedia call goes through, with the etiquette the APIs ask for.

- A descriptive User-Agent: ``Partnerkit/<version> (<contact>) httpx/<version>``, the contact
  being ``settings.WIKIMEDIA_CONTACT`` or, when that is empty, the project's address.
- Timeouts: 10 s to connect, 30 s to read (65 s for the query service, whose own limit is 60 s).
- Retries with exponential backoff and jitter on timeouts, connection errors, HTTP 5xx, HTTP 429
  and maxlag refusals (the Action API answers those with HTTP 200 and ``error.code = "maxlag"``).
  A ``Retry-After`` header (seconds or an HTTP date) is honoured, and passed to the shared rate
  limiter so that every process of the installation pauses, not only this one.
- A shared rate limiter (``ratelimit.RateLimiter``, state in the database) grants each request.
- The query service gets one query at a time from this process (a lock), on top of the limiter.

Endpoints are the public hosts, unless ``settings.WIKIMEDIA_BASE_URL`` is set: then one base URL
replaces them all (``{base}/wikidata/w/api.php``, ``{base}/commons/w/api.php``, ``{base}/sparql``,
``{base}/rest_v1/…``, and any other wiki at ``{base}/site/{host}/w/api.php``), which is how a
mirror or a local test server is used.

Never call the client inside ``transaction.atomic()``: the limiter commits its bookkeeping in
short transactions of its own, and an outer transaction would hold its lock for the whole call.
"""

from __future__ import annotations

import email.utils
import json
import logging
import random
import re
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

import httpx
from django.conf import settings

import partnerkit

from .errors import (
    ApiError,
    BadResponse,
    NoSuchEntity,
    NotFound,
    QuerySyntaxError,
    QueryTimeout,
    RateLimited,
    Unavailable,
    WikimediaError,
)

if TYPE_CHECKING:
    from .ratelimit import RateLimiter

logger = logging.getLogger(__name__)
# httpx logs every request at INFO; retries and failures are logged here instead.
logging.getLogger("httpx").setLevel(logging.WARNING)

# Who to contact about Partnerkit's traffic when the installation names no one.
DEFAULT_CONTACT = "https://github.com/partnerkit/partnerkit"

WIKIDATA_API = "https://www.wikidata.org/w/api.php"
COMMONS_API = "https://commons.wikimedia.org/w/api.php"
SPARQL_ENDPOINT = "https://query.wikidata.org/sparql"
REST_BASE = "https://wikimedia.org/api/rest_v1"

# Ids or titles per Action API request for clients without the bot right.
BATCH_SIZE = 50

TIMEOUT = httpx.Timeout(connect=10.0, read=30.0, write=30.0, pool=10.0)
# The query service stops a query after 60 s; wait a little longer to hear it say so.
SPARQL_TIMEOUT = httpx.Timeout(connect=10.0, read=65.0, write=30.0, pool=10.0)
SPARQL_RESULTS = "application/sparql-results+json"

# Exponential backoff: 1, 2, 4, 8 … seconds (times a jitter factor), never more than this.
BACKOFF_BASE = 1.0
BACKOFF_CAP = 60.0
# A Retry-After longer than this is not waited for inside one call: the user hears when to retry.
LONGEST_WAIT = 300.0

_SERVICE_NAMES = {
    "wikidata": "Wikidata",
    "commons": "Wikimedia Commons",
    "sparql": "The Wikidata Query Service",
    "rest": "The Wikimedia REST API",
}

# One query at a time from this process, as the query service asks.
_sparql_lock = threading.Lock()

T = TypeVar("T")


# A wiki's host name as the Action API's ``globalusage`` and sitelinks name it.
_WIKI_HOST = re.compile(r"^[a-z0-9-]+(\.[a-z0-9-]+)*\.(wikipedia|wikimedia|wikidata|wikisource|wikibooks|wikivoyage|wiktionary|wikiquote|wikinews|wikiversity|mediawiki|wikifunctions)\.org$")


def is_wiki_host(host: str) -> bool:
    """Whether ``host`` is a Wikimedia wiki's host name, such as "en.wikipedia.org"."""
    return bool(_WIKI_HOST.match(host))


@dataclass(frozen=True)
class Endpoints:
    wikidata: str
    commons: str
    sparql: str
    rest: str
    base: str = ""

    def site(self, host: str) -> str:
        """The Action API of the wiki at ``host`` ("en.wikipedia.org")."""
        if host == "www.wikidata.org":
            return self.wikidata
        if host == "commons.wikimedia.org":
            return self.commons
        if self.base:
            return f"{self.base}/site/{host}/w/api.php"
        return f"https://{host}/w/api.php"

    @classmethod
    def for_base_url(cls, base_url: str) -> Endpoints:
        """The public hosts when ``base_url`` is empty, else everything under ``base_url``."""
        base = base_url.rstrip("/")
        if not base:
            return cls(WIKIDATA_API, COMMONS_API, SPARQL_ENDPOINT, REST_BASE)
        return cls(
            f"{base}/wikidata/w/api.php",
            f"{base}/commons/w/api.php",
            f"{base}/sparql",
            f"{base}/rest_v1",
            base,
        )


def user_agent(contact: str = "") -> str:
    """The User-Agent the Wikimedia policy asks for: who we are and how to reach us."""
    return f"Partnerkit/{partnerkit.__version__} ({contact or DEFAULT_CONTACT}) httpx/{httpx.__version__}"


def batches(items: Iterable[T], size: int = BATCH_SIZE) -> Iterator[list[T]]:
    """``items`` in lists of at most ``size``, in order."""
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def parse_retry_after(value: str | None, *, now: float) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - now)


class _Retry(Exception):
    """One attempt failed in a way worth retrying; carries what to say if it was the last."""

    def __init__(self, kind: str, reason: str, retry_after: float | None = None):
        super().__init__(reason)
        self.kind = kind  # "busy" (429, maxlag) or "down" (timeouts, 5xx)
        self.reason = reason
        self.retry_after = retry_after


class Client:
    """Talks to the Wikimedia APIs politely. Thread-safe; one per process is enough.

    ``transport`` replaces the network (tests pass an ``httpx.MockTransport``); ``limiter``
    grants each request (None: no limit); ``sleep`` is how waiting happens (tests pass a fake);
    ``max_attempts`` counts the first try.
    """

    def __init__(
        self,
        *,
        transport: httpx.BaseTransport | None = None,
        limiter: RateLimiter | None = None,
        sleep=time.sleep,
        max_attempts: int = 5,
        base_url: str | None = None,
        contact: str | None = None,
        clock=time.time,
        rng: random.Random | None = None,
    ):
        if max_attempts < 1:
            raise ValueError("max_attempts must be at least 1.")
        if base_url is None:
            base_url = settings.WIKIMEDIA_BASE_URL
        if contact is None:
            contact = settings.WIKIMEDIA_CONTACT
        self.endpoints = Endpoints.for_base_url(base_url)
        self.user_agent = user_agent(contact)
        self.limiter = limiter
        self.sleep = sleep
        self.clock = clock
        self.max_attempts = max_attempts
        self.requests_sent = 0
        self._random = rng or random.Random()
        self._count_lock = threading.Lock()
        self._http = httpx.Client(
            transport=transport,
            headers={"User-Agent": self.user_agent},
            timeout=TIMEOUT,
            follow_redirects=True,
        )

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    # -- The Action API (Wikidata, Commons) ------------------------------------------------

    def action(self, api: str, params: dict) -> dict:
        """One Action API request to ``api`` ("wikidata", "commons" or a wiki's host name such
        as "en.wikipedia.org"); the decoded answer.

        Adds ``format=json``, ``formatversion=2`` and ``errorformat=plaintext``. Lists in
        ``params`` are joined with ``|``; True becomes "1" and False/None drop the parameter.
        Batch callers pass ``maxlag=5`` themselves.
        """
        if api == "wikidata":
            url = self.endpoints.wikidata
        elif api == "commons":
            url = self.endpoints.commons
        elif is_wiki_host(api):
            url = self.endpoints.site(api)
        else:
            raise ValueError(
                f'api must be "wikidata", "commons" or a wiki\'s host name, not {api!r}.'
            )
        query = {"format": "json", "formatversion": "2", "errorformat": "plaintext"}
        query.update(_encode_params(params))
        service = _service_name(api)

        def attempt() -> dict:
            response = self._send(api, "GET", url, params=query)
            self._raise_for_status(api, response)
            data = _decode_json(service, response)
            _raise_for_api_error(service, data, response, clock=self.clock)
            return data

        return self._with_retries(api, attempt)

    def action_all(self, api: str, params: dict) -> Iterator[dict]:
        """Every page of an Action API answer, following ``continue`` until it is absent.

        Each request sends back every key of the last ``continue`` object unchanged, as the API
        asks. Callers merge the pages (see ``commons.global_usage`` for ``batchcomplete``).
        """
        continuation: dict = {}
        while True:
            page = self.action(api, {**params, **continuation})
            yield page
            following = page.get("continue")
            if not following:
                return
            if not isinstance(following, dict):
                raise BadResponse(
                    f"{_service_name(api)} sent a continuation that is not an object; "
                    "the answer cannot be read."
                )
            continuation = following

    # -- The query service ----------------------------------------------------------------

    def sparql(self, query: str) -> dict:
        """Run a SPARQL query on the Wikidata Query Service; the decoded JSON results."""
        service = _SERVICE_NAMES["sparql"]

        def attempt() -> dict:
            try:
                response = self._send(
                    "sparql",
                    "POST",
                    self.endpoints.sparql,
                    data={"query": query},
                    headers={"Accept": SPARQL_RESULTS},
                    timeout=SPARQL_TIMEOUT,
                )
            except _Retry as retry:
                if retry.reason == "read-timeout":
                    raise _query_timeout() from None
                raise
            if response.status_code == 400:
                raise QuerySyntaxError(
                    f"{service} could not read the query: {_parser_message(response.text)}"
                )
            if response.status_code >= 500 and "TimeoutException" in response.text:
                raise _query_timeout()
            self._raise_for_status("sparql", response)
            data = _decode_json(service, response)
            if not isinstance(data.get("results"), dict) or not isinstance(
                data["results"].get("bindings"), list
            ):
                raise BadResponse(f"{service} sent results without a list of bindings.")
            return data

        with _sparql_lock:
            return self._with_retries("sparql", attempt)

    # -- The REST API (page views, Commons Impact Metrics) ----------------------------------

    def rest(self, path: str) -> dict:
        """GET ``{rest base}/{path}`` (``path`` already percent-encoded); 404 → NotFound."""
        service = _SERVICE_NAMES["rest"]
        url = f"{self.endpoints.rest}/{path.lstrip('/')}"

        def attempt() -> dict:
            response = self._send("rest", "GET", url)
            if response.status_code == 404:
                detail = _problem_detail(response)
                raise NotFound(
                    f"{service} has no data for this request (HTTP 404)"
                    + (f": {detail}" if detail else ".")
                )
            self._raise_for_status("rest", response)
            return _decode_json(service, response)

        return self._with_retries("rest", attempt)

    # -- Sending, retrying, waiting ---------------------------------------------------------

    def _send(self, host: str, method: str, url: str, **kwargs: Any) -> httpx.Response:
        """One HTTP request granted by the limiter; transport failures become ``_Retry``."""
        slot = self.limiter.acquire(host) if self.limiter is not None else None
        try:
            with self._count_lock:
                self.requests_sent += 1
            try:
                return self._http.request(method, url, **kwargs)
            except httpx.ReadTimeout:
                raise _Retry("down", "read-timeout") from None
            except httpx.TimeoutException:
                raise _Retry("down", "timeout") from None
            except httpx.TransportError as error:
                raise _Retry("down", f"connection failed: {error}") from None
        finally:
            if slot is not None:
                self.limiter.release(slot)

    def _raise_for_status(self, api: str, response: httpx.Response) -> None:
        status = response.status_code
        if status == 429:
            raise _Retry(
                "busy",
                "rate limit",
                parse_retry_after(response.headers.get("Retry-After"), now=self.clock()),
            )
        if status >= 500:
            raise _Retry(
                "down",
                f"HTTP {status}",
                parse_retry_after(response.headers.get("Retry-After"), now=self.clock()),
            )
        if status >= 400:
            detail = _problem_detail(response)
            raise ApiError(
                f"{_service_name(api)} refused the request (HTTP {status})"
                + (f": {detail}" if detail else "."),
                code=str(status),
            )

    def _with_retries(self, api: str, attempt) -> Any:
        service = _service_name(api)
        for number in range(1, self.max_attempts + 1):
            try:
                return attempt()
            except _Retry as retry:
                if self.limiter is not None and retry.retry_after is not None:
                    # Every process of the installation pauses, not only this one.
                    self.limiter.pause(retry.retry_after)
                if retry.retry_after is not None and retry.retry_after > LONGEST_WAIT:
                    raise RateLimited(
                        f"{service} asked Partnerkit to wait {round(retry.retry_after)} seconds "
                        f"({retry.reason}). Try again after that."
                    ) from None
                if number == self.max_attempts:
                    raise _give_up(service, retry, self.max_attempts) from None
                wait = self._wait_before_retry(number, retry)
                logger.info(
                    "%s: %s; retry %d of %d in %.1f s",
                    service,
                    retry.reason,
                    number,
                    self.max_attempts - 1,
                    wait,
                )
                self.sleep(wait)
        raise AssertionError("unreachable")  # pragma: no cover

    def _wait_before_retry(self, number: int, retry: _Retry) -> float:
        if retry.retry_after is not None:
            return retry.retry_after
        ceiling = min(BACKOFF_CAP, BACKOFF_BASE * 2 ** (number - 1))
        # "Full jitter" between half and all of the ceiling spreads out clients that failed together.
        return ceiling * (0.5 + 0.5 * self._random.random())


def _service_name(api: str) -> str:
    return _SERVICE_NAMES.get(api) or api


def _give_up(service: str, retry: _Retry, attempts: int) -> WikimediaError:
    tried = f"tried {attempts} time{'s' if attempts != 1 else ''}"
    if retry.kind == "busy":
        return RateLimited(
            f"{service} is busy ({retry.reason}); {tried}. Try again in a few minutes."
        )
    reason = "timeout" if retry.reason in ("timeout", "read-timeout") else retry.reason
    return Unavailable(f"{service} is not answering ({reason}); {tried}. Try again later.")


def _query_timeout() -> QueryTimeout:
    return QueryTimeout(
        "The query took longer than the 60 seconds the Wikidata Query Service allows. "
        "Narrow it (fewer items, a LIMIT, fewer OPTIONAL parts) and run it again."
    )


def _encode_params(params: dict) -> dict[str, str]:
    encoded = {}
    for key, value in params.items():
        if value is None or value is False:
            continue
        if value is True:
            encoded[key] = "1"
        elif isinstance(value, (list, tuple, set, frozenset)):
            encoded[key] = "|".join(str(part) for part in value)
        else:
            encoded[key] = str(value)
    return encoded


def _decode_json(service: str, response: httpx.Response) -> dict:
    try:
        data = response.json()
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise BadResponse(
            f"{service} sent an answer that is not valid JSON (HTTP {response.status_code}, "
            f"{len(response.content)} bytes)."
        ) from None
    if not isinstance(data, dict):
        raise BadResponse(f"{service} sent JSON that is not an object.")
    return data


def _api_errors(data: dict) -> list[dict]:
    """The errors of an Action API answer, in either error format, as {code, text, data}."""
    found = []
    for error in data.get("errors") or []:
        if isinstance(error, dict):
            text = error.get("text") or error.get("html") or error.get("*") or ""
            found.append({"code": error.get("code", ""), "text": text, "data": error.get("data")})
    legacy = data.get("error")
    if isinstance(legacy, dict):
        text = legacy.get("info") or legacy.get("text") or legacy.get("*") or ""
        found.append({"code": legacy.get("code", ""), "text": text, "data": legacy})
    return found


_INVALID_ID = re.compile(r"Invalid id: ([^)]*)\)")


def _raise_for_api_error(service: str, data: dict, response: httpx.Response, *, clock) -> None:
    errors = _api_errors(data)
    if not errors:
        return
    first = errors[0]
    code, text = str(first["code"]), str(first["text"]).strip()
    if code in ("maxlag", "ratelimited"):
        after = parse_retry_after(response.headers.get("Retry-After"), now=clock())
        if after is None and code == "maxlag":
            after = _lag_seconds(first["data"])
        reason = "its database replicas lag behind" if code == "maxlag" else "rate limit"
        raise _Retry("busy", reason, after)
    if code == "no-such-entity":
        match = _INVALID_ID.search(text)
        raise NoSuchEntity(
            f"{service} refused the request ({code}): {text}",
            qid=match.group(1).strip() if match else "",
            code=code,
        )
    raise ApiError(f"{service} refused the request ({code}): {text}", code=code)


def _lag_seconds(data: Any) -> float | None:
    if isinstance(data, dict) and isinstance(data.get("lag"), (int, float)):
        # The lag itself is a fair first wait; backoff grows from the attempt number anyway.
        return max(1.0, float(data["lag"]))
    return None


def _problem_detail(response: httpx.Response) -> str:
    """The human part of a REST error (``application/problem+json``), if there is one."""
    try:
        data = response.json()
    except (json.JSONDecodeError, UnicodeDecodeError):
        return ""
    if isinstance(data, dict):
        for key in ("detail", "title", "message"):
            if isinstance(data.get(key), str) and data[key].strip():
                return data[key].strip()
    return ""


_PARSER_LINE = re.compile(
    r"(MalformedQueryException|Encountered|QueryParseException|ParseException)"
)


def _parser_message(text: str, *, longest: int = 300) -> str:
    """The useful line of the query service's Java stack trace, kept short."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for line in lines:
        if _PARSER_LINE.search(line):
            # "…MalformedQueryException: Encountered " <IRI> … at line 1, column 9." → the message.
            message = line
            for marker in ("MalformedQueryException:", "QueryParseException:", "ParseException:"):
                if marker in message:
                    message = message.split(marker, 1)[1].strip()
                    break
            message = re.sub(r"\s+", " ", message)
            return message if len(message) <= longest else message[: longest - 1] + "…"
    first = lines[0] if lines else "no explanation was given"
    return first if len(first) <= longest else first[: longest - 1] + "…"


# The last client default_client() built, with the settings it was built from.
_default: tuple[tuple, Client] | None = None
_default_lock = threading.Lock()


def default_client() -> Client:
    """The client configured by the settings, sharing the database-backed rate limiter."""
    from .ratelimit import RateLimiter

    key = (
        settings.WIKIMEDIA_BASE_URL,
        settings.WIKIMEDIA_CONTACT,
        settings.WIKIMEDIA_REQUESTS_PER_MINUTE,
        settings.WIKIMEDIA_MAX_IN_FLIGHT,
    )
    global _default
    with _default_lock:
        if _default is None or _default[0] != key:
            # Settings changed (tests do that): build afresh. The old client is left to the
            # garbage collector, as another thread may still be using it.
            client = Client(
                limiter=RateLimiter(
                    requests_per_minute=settings.WIKIMEDIA_REQUESTS_PER_MINUTE,
                    max_in_flight=settings.WIKIMEDIA_MAX_IN_FLIGHT,
                )
            )
            _default = (key, client)
        return _default[1]
