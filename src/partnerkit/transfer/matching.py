"""When two organisations in a file, or a file and the registry, are the same one.

The same Wikidata item means the same organisation. The same website usually does; the same
or nearly the same name (rapidfuzz's token-sort ratio of at least 90 after folding case,
accents and punctuation) often does. The stricter rules below keep apart what only looks
alike:

- different Wikidata items are different organisations, whatever else they share;
- a website on a shared host (Wikimedia wikis, social networks, code hosts) identifies only
  with its path: many user groups' "website" is a page on Meta-Wiki;
- two addresses on the same host with different paths (example.edu/library and
  example.edu/museum) are different units;
- names match only when countries, places and websites, where both are given, agree, and
  the numbers in them are the same ("District 5 Library" is not "District 6 Library").
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import urlsplit

from rapidfuzz import fuzz, process

FUZZY_CUTOFF = 90
# Shorter names are too alike by chance ("MoMA" and "MoME").
FUZZY_MIN_LENGTH = 5

SHARED_HOSTS = (
    "wikipedia.org", "wikimedia.org", "wikidata.org", "wikisource.org", "wikibooks.org",
    "wikiversity.org", "wikivoyage.org", "wikinews.org", "wikiquote.org", "wiktionary.org",
    "mediawiki.org", "facebook.com", "instagram.com", "twitter.com", "x.com",
    "linkedin.com", "youtube.com", "github.com", "github.io", "gitlab.com",
    "sites.google.com", "blogspot.com", "wordpress.com", "medium.com", "eventbrite.com",
    "meetup.com", "linktr.ee",
)


def name_key(name: str) -> str:
    """Case, accents, punctuation, spacing and the word "the" folded away: "The
    Albright–Knox Art Gallery" and "ALBRIGHT KNOX ART GALLERY" are the same name."""
    decomposed = unicodedata.normalize("NFKD", name.casefold().replace("&", " and "))
    letters = "".join(
        char if char.isalnum() else " "
        for char in decomposed
        if not unicodedata.combining(char) and char not in "'’‘`"
    )
    return " ".join(word for word in letters.split() if word != "the")


def sorted_tokens(key: str) -> str:
    return " ".join(sorted(key.split()))


def site_key(url: str) -> str:
    """What identifies an organisation in its web address: the host without "www.", plus
    the path on hosts that many organisations share."""
    if not url:
        return ""
    parts = urlsplit(url if "://" in url else "https://" + url)
    host = (parts.hostname or "").lower()
    for prefix in ("www.", "m.", "www2.", "www3."):
        if host.startswith(prefix):
            host = host[len(prefix) :]
            break
    path = _path(parts.path)
    if any(host == shared or host.endswith("." + shared) for shared in SHARED_HOSTS):
        return f"{host}/{path}" if path else host
    return host


def _path(path: str) -> str:
    path = path.strip("/").lower()
    for index_page in ("index.html", "index.htm", "index.php", "default.aspx", "home"):
        if path == index_page:
            return ""
    return path


def paths_differ(url_a: str, url_b: str) -> bool:
    """Both addresses point below the host, at different places."""
    path_a = _path(urlsplit(url_a).path) if url_a else ""
    path_b = _path(urlsplit(url_b).path) if url_b else ""
    return bool(path_a and path_b and path_a != path_b)


_NUMBER = re.compile(r"\d+")


@dataclass(frozen=True)
class Org:
    """What matching looks at; ``ref`` says where it comes from (a record id or a row)."""

    ref: object
    name: str
    country: str = ""
    place: str = ""
    website: str = ""
    qid: str = ""

    @property
    def key(self) -> str:
        return name_key(self.name)

    @property
    def site(self) -> str:
        return site_key(self.website)


def _both_differ(a: str, b: str) -> bool:
    return bool(a and b and a != b)


def same_by_site(a: Org, b: Org) -> bool:
    return (
        bool(a.site)
        and a.site == b.site
        and not _both_differ(a.qid, b.qid)
        and not paths_differ(a.website, b.website)
    )


def names_compatible(a: Org, b: Org) -> bool:
    """Nothing but the name is known to differ."""
    return (
        not _both_differ(a.qid, b.qid)
        and not _both_differ(a.country, b.country)
        and not _both_differ(name_key(a.place), name_key(b.place))
        and not _both_differ(a.site, b.site)
        and not paths_differ(a.website, b.website)
        and _NUMBER.findall(a.key) == _NUMBER.findall(b.key)
    )


@dataclass(frozen=True)
class Found:
    org: Org
    reason: str
    exact: bool
    score: int = 100


class OrgIndex:
    """Organisations to compare new ones with: by Wikidata item, website, exact name, and
    similar name. Adding as you go finds duplicates within a file."""

    def __init__(self):
        self._by_qid: dict[str, Org] = {}
        self._by_site: dict[str, list[Org]] = {}
        self._by_key: dict[str, list[Org]] = {}
        # Names sorted by length: a ratio of 90 needs lengths within about 18 % of each
        # other, so only that slice is compared.
        self._lengths: list[int] = []
        self._tokens: list[str] = []
        self._orgs: list[Org] = []

    def add(self, org: Org) -> None:
        if org.qid:
            self._by_qid.setdefault(org.qid, org)
        if org.site:
            self._by_site.setdefault(org.site, []).append(org)
        key = org.key
        if key:
            self._by_key.setdefault(key, []).append(org)
        if len(key) >= FUZZY_MIN_LENGTH:
            tokens = sorted_tokens(key)
            position = bisect.bisect_right(self._lengths, len(tokens))
            self._lengths.insert(position, len(tokens))
            self._tokens.insert(position, tokens)
            self._orgs.insert(position, org)

    def find(self, org: Org) -> Found | None:
        """The best match for ``org``: Wikidata item, then website, then exact name, then
        similar name."""
        if org.qid and org.qid in self._by_qid:
            return Found(self._by_qid[org.qid], f"the same Wikidata item {org.qid}", True)
        for other in self._by_site.get(org.site, ()) if org.site else ():
            if same_by_site(org, other):
                return Found(other, f"the same website ({org.site})", True)
        key = org.key
        for other in self._by_key.get(key, ()) if key else ():
            if names_compatible(org, other):
                return Found(other, "the same name", True)
        if len(key) < FUZZY_MIN_LENGTH or not self._tokens:
            return None
        tokens = sorted_tokens(key)
        low = bisect.bisect_left(self._lengths, int(len(tokens) * 0.8))
        high = bisect.bisect_right(self._lengths, int(len(tokens) / 0.8) + 1)
        if low >= high:
            return None
        results = process.extract(
            tokens, self._tokens[low:high], scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF,
            limit=None,
        )
        for _choice, score, position in sorted(results, key=lambda result: -result[1]):
            other = self._orgs[low + position]
            if other.key != key and names_compatible(org, other):
                return Found(other, f"a similar name ({round(score)} %)", False, round(score))
        return None
