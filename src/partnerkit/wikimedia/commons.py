"""Wikimedia Commons through its Action API (https://commons.wikimedia.org/w/api.php).

Modules used (``action=query``, ``formatversion=2``, so ``pages`` is a list):

- ``prop=categoryinfo&titles=Category:…`` — ``{"categoryinfo": {"size", "pages", "files",
  "subcats"}}`` per page; a category page that does not exist has ``"missing": true`` (and
  no ``categoryinfo`` unless something is filed in it anyway). Titles are normalised by the
  API (underscores become spaces) and listed under ``query.normalized``.
- ``prop=globalusage&titles=File:…|File:…&gulimit=max`` — where each file is used on every
  wiki: ``"globalusage": [{"title", "wiki", "url"}]`` with titles in URL form (underscores).
  At most 50 titles per request. The answer is continued with ``gucontinue``; every page of a
  continued batch lists all the files again, most with an empty ``globalusage``, so usages are
  merged per file until ``batchcomplete`` appears.
- ``list=categorymembers&cmtitle=Category:…&cmtype=file|subcat|page&cmlimit=max`` — the
  members, continued with ``cmcontinue`` (500 per request at most).
- A generator with ``prop=globalusage`` (``generated_usage``): ``generator=categorymembers``
  (a category's files and subcategories) or ``generator=allimages&gaiuser=…`` (a person's
  uploads) picks up to 500 pages, and their usages come out at most 500 per answer. While the
  usages of a batch go on, the answer carries ``gucontinue`` and the generator's own key
  unchanged, so the same batch comes back; ``batchcomplete`` closes it, and the generator's
  key in that answer's ``continue`` moves on to the next batch. Sending the ``continue`` of a
  batch's last answer resumes after that batch, which is how an interrupted listing goes on.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .errors import BadResponse
from .http import BATCH_SIZE, Client, batches, default_client


@dataclass(frozen=True)
class CategoryInfo:
    files: int
    subcategories: int
    pages: int


def category_title(name: str) -> str:
    """``"Category:Foo bar"`` for "Foo_bar", "Category:Foo bar" or "category:Foo_bar"."""
    name = name.strip().replace("_", " ")
    if name.lower().startswith("category:"):
        name = name.split(":", 1)[1].strip()
    if not name:
        raise ValueError("The category name is empty.")
    return f"Category:{name}"


def file_title(name: str) -> str:
    """``"File:Foo bar.jpg"`` for "Foo_bar.jpg", "File:Foo bar.jpg" or "Image:Foo bar.jpg"."""
    name = name.strip().replace("_", " ")
    for prefix in ("file:", "image:"):
        if name.lower().startswith(prefix):
            name = name.split(":", 1)[1].strip()
            break
    if not name:
        raise ValueError("The file name is empty.")
    return f"File:{name}"


def category_size(category: str, *, client: Client | None = None) -> CategoryInfo | None:
    """How many files, subcategories and other pages a category holds; None if it does not exist."""
    client = client or default_client()
    title = category_title(category)
    answer = client.action("commons", {"action": "query", "prop": "categoryinfo", "titles": title})
    pages = _pages(answer)
    if not pages:
        raise BadResponse("Wikimedia Commons sent category information without the page.")
    info = pages[0].get("categoryinfo")
    if not isinstance(info, dict):
        return None
    try:
        return CategoryInfo(
            files=int(info.get("files", 0)),
            subcategories=int(info.get("subcats", 0)),
            pages=int(info.get("pages", 0)),
        )
    except (TypeError, ValueError):
        raise BadResponse("Wikimedia Commons sent category counts that are not numbers.") from None


def category_members(
    category: str,
    *,
    types: Iterable[str] = ("file", "subcat", "page"),
    client: Client | None = None,
) -> list[str]:
    """Titles of a category's direct members ("File:…", "Category:…", articles), all pages."""
    client = client or default_client()
    titles: list[str] = []
    params = {
        "action": "query",
        "list": "categorymembers",
        "cmtitle": category_title(category),
        "cmtype": list(types),
        "cmlimit": "max",
        "cmprop": "title",
    }
    for page in client.action_all("commons", params):
        members = (page.get("query") or {}).get("categorymembers", [])
        if not isinstance(members, list):
            raise BadResponse("Wikimedia Commons sent category members that are not a list.")
        titles.extend(str(member["title"]) for member in members if isinstance(member, dict))
    return titles


def global_usage(
    titles: Iterable[str], *, client: Client | None = None
) -> dict[str, list[tuple[str, str]]]:
    """File title → [(wiki, page title)] where it is used, every wiki, merged over continuation.

    Keys are the titles as given; wikis are host names ("en.wikipedia.org"); page titles have
    spaces, not underscores. Files used nowhere map to an empty list.
    """
    client = client or default_client()
    asked = list(dict.fromkeys(titles))
    usage: dict[str, list[tuple[str, str]]] = {title: [] for title in asked}
    for batch in batches(asked, BATCH_SIZE):
        by_canonical = {file_title(title): title for title in batch}
        params = {
            "action": "query",
            "prop": "globalusage",
            "titles": list(by_canonical),
            "gulimit": "max",
            "guprop": "url",
        }
        seen: dict[str, set[tuple[str, str]]] = {}
        for page_answer in client.action_all("commons", params):
            for change in (page_answer.get("query") or {}).get("normalized") or []:
                if isinstance(change, dict) and change.get("from") in by_canonical:
                    by_canonical[str(change.get("to"))] = by_canonical[change["from"]]
            for page in _pages(page_answer):
                title = str(page.get("title", ""))
                key = by_canonical.get(title, title)
                found = usage.setdefault(key, [])
                known = seen.setdefault(key, set(found))
                for use in page.get("globalusage") or []:
                    if not isinstance(use, dict):
                        continue
                    entry = (str(use.get("wiki", "")), str(use.get("title", "")).replace("_", " "))
                    if entry not in known:
                        known.add(entry)
                        found.append(entry)
            if "batchcomplete" in page_answer:
                # The rest of the continuation (if any) belongs to a generator's next batch.
                break
    return usage


@dataclass
class GeneratedPage:
    """A page the generator listed: a file (namespace 6) or a subcategory (14)."""

    pageid: int
    ns: int
    title: str
    # (wiki host, page title) of every use in the namespaces asked for, in the API's order.
    usages: list[tuple[str, str]]


@dataclass
class Batch:
    pages: list[GeneratedPage]
    # What to send to go on after this batch; None when the listing is complete.
    following: dict | None


def generated_usage(
    generator: dict,
    *,
    namespaces: Iterable[int] = (0,),
    start: dict | None = None,
    client: Client | None = None,
) -> Iterator[Batch]:
    """The generator's pages with their global usage, one complete batch at a time.

    ``generator`` holds the generator's parameters (``{"generator": "categorymembers",
    "gcmtitle": …, "gcmtype": "file|subcat", "gcmlimit": "max"}``); ``start`` is the
    ``following`` of an earlier batch, to resume after it. Usages of a page are merged over the
    answers of its batch; pages without usage have an empty list.
    """
    client = client or default_client()
    params = {
        "action": "query",
        **generator,
        "prop": "globalusage",
        "gunamespace": list(namespaces),
        "gulimit": "max",
        "guprop": ["url", "namespace"],
    }
    wanted = {str(namespace) for namespace in namespaces}
    continuation = dict(start or {})
    pages: dict[int, GeneratedPage] = {}
    seen: dict[int, set[tuple[str, str]]] = {}
    while True:
        answer = client.action("commons", {**params, **continuation})
        for page in _pages(answer):
            try:
                pageid = int(page["pageid"])
            except (KeyError, TypeError, ValueError):
                continue  # a missing page has no id and nothing to count
            found = pages.get(pageid)
            if found is None:
                found = pages[pageid] = GeneratedPage(
                    pageid, int(page.get("ns", 0)), str(page.get("title", "")), []
                )
                seen[pageid] = set()
            for use in page.get("globalusage") or []:
                if not isinstance(use, dict):
                    continue
                if "ns" in use and str(use["ns"]) not in wanted:
                    continue  # the API filters by gunamespace; this keeps a mirror honest too
                entry = (str(use.get("wiki", "")), str(use.get("title", "")).replace("_", " "))
                if entry not in seen[pageid]:
                    seen[pageid].add(entry)
                    found.usages.append(entry)
        following = answer.get("continue")
        if following is not None and not isinstance(following, dict):
            raise BadResponse("Wikimedia Commons sent a continuation that is not an object.")
        if "batchcomplete" in answer:
            yield Batch(list(pages.values()), dict(following) if following else None)
            if not following:
                return
            pages, seen = {}, {}
        elif not following:
            raise BadResponse(
                "Wikimedia Commons ended an answer neither complete nor with a continuation."
            )
        continuation = following


def _pages(answer: dict) -> list[dict]:
    query = answer.get("query")
    if query is None:
        return []
    if not isinstance(query, dict):
        raise BadResponse("Wikimedia Commons sent an answer without a query part.")
    pages = query.get("pages", [])
    if isinstance(pages, dict):  # formatversion=1: keyed by page id
        pages = list(pages.values())
    if not isinstance(pages, list):
        raise BadResponse("Wikimedia Commons sent pages that are not a list.")
    return [page for page in pages if isinstance(page, dict)]
