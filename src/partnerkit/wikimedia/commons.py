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
"""

from __future__ import annotations

from collections.abc import Iterable
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
