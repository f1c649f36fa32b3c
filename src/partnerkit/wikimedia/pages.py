"""Pages of any wiki (a Wikipedia, Wikidata, Commons) through its Action API: what they are now
and who edited them since a date.

- ``prop=info&titles=…&redirects=1`` — at most 50 titles per request. The API normalises titles
  (``query.normalized``: underscores become spaces, the first letter a capital) and follows
  redirects (``query.redirects``: a renamed page's old title points to its new one); each page
  has ``pageid``, ``lastrevid`` and ``length``, or ``"missing": true``.
- ``prop=revisions&titles=T&rvprop=ids|timestamp|size&rvdir=newer&rvstart=…&rvlimit=max`` —
  the revisions of one page from a moment on, oldest first, continued with ``rvcontinue``
  (500 per answer). ``rvlimit`` works for one page at a time only. A revision whose
  ``parentid`` is 0 created the page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from .errors import BadResponse
from .http import BATCH_SIZE, Client, batches, default_client


@dataclass(frozen=True)
class PageInfo:
    title: str  # the title now (after normalising and following a redirect)
    pageid: int | None  # None when the page does not exist
    lastrevid: int | None
    length: int | None

    @property
    def missing(self) -> bool:
        return self.pageid is None


@dataclass(frozen=True)
class Revision:
    revid: int
    parentid: int
    timestamp: dt.datetime
    size: int

    @property
    def created_page(self) -> bool:
        return self.parentid == 0


def page_info(host: str, titles: Iterable[str], *, client: Client | None = None) -> dict[str, PageInfo]:
    """Title as given → what the page is now; batches of 50, redirects followed."""
    client = client or default_client()
    asked = list(dict.fromkeys(title.strip() for title in titles if title.strip()))
    found: dict[str, PageInfo] = {}
    for batch in batches(asked, BATCH_SIZE):
        answer = client.action(
            host, {"action": "query", "prop": "info", "titles": batch, "redirects": True}
        )
        query = answer.get("query") or {}
        if not isinstance(query, dict):
            raise BadResponse(f"{host} sent an answer without a query part.")
        now_called = {title: title for title in batch}
        for key in ("normalized", "redirects"):
            for change in query.get(key) or []:
                if not isinstance(change, dict):
                    continue
                for title, current in now_called.items():
                    if current == change.get("from"):
                        now_called[title] = str(change.get("to"))
        by_title: dict[str, dict] = {}
        for page in query.get("pages") or []:
            if isinstance(page, dict):
                by_title[str(page.get("title", ""))] = page
        for title, current in now_called.items():
            page = by_title.get(current)
            if page is None:
                raise BadResponse(f"{host} sent page information without {current!r}.")
            if page.get("missing") or page.get("invalid") or "pageid" not in page:
                found[title] = PageInfo(current, None, None, None)
                continue
            try:
                found[title] = PageInfo(
                    current,
                    int(page["pageid"]),
                    int(page.get("lastrevid") or 0) or None,
                    int(page["length"]) if page.get("length") is not None else None,
                )
            except (TypeError, ValueError):
                raise BadResponse(f"{host} sent page numbers that are not numbers.") from None
    return found


def revisions_since(
    host: str, title: str, since: dt.datetime, *, client: Client | None = None
) -> list[Revision]:
    """The revisions of one page from ``since`` on (included), oldest first, all answers."""
    client = client or default_client()
    params = {
        "action": "query",
        "prop": "revisions",
        "titles": title,
        "rvprop": ["ids", "timestamp", "size"],
        "rvdir": "newer",
        "rvstart": since.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "rvlimit": "max",
    }
    found: list[Revision] = []
    for answer in client.action_all(host, params):
        for page in (answer.get("query") or {}).get("pages") or []:
            for revision in page.get("revisions") or [] if isinstance(page, dict) else []:
                try:
                    found.append(
                        Revision(
                            int(revision["revid"]),
                            int(revision.get("parentid") or 0),
                            dt.datetime.fromisoformat(
                                str(revision["timestamp"]).replace("Z", "+00:00")
                            ),
                            int(revision.get("size") or 0),
                        )
                    )
                except (KeyError, TypeError, ValueError):
                    raise BadResponse(
                        f"{host} sent a revision without an id or a timestamp."
                    ) from None
    return found
