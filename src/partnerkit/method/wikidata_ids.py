"""Recognising Wikidata item identifiers as people paste them."""

from __future__ import annotations

import re

_QID = re.compile(r"^Q[1-9][0-9]{0,11}$")
_IN_URL = re.compile(
    r"^(?:https?://)?(?:www\.|m\.)?wikidata\.org/(?:wiki/(?:Special:EntityPage/)?|entity/)"
    r"(Q[1-9][0-9]{0,11})(?:[#?/].*)?$",
    re.IGNORECASE,
)


def normalise_qid(text: str) -> str | None:
    """``Q42`` for "Q42", "q42", " Q42 " or a Wikidata URL of the item; None if not an item id.

    >>> normalise_qid("https://www.wikidata.org/wiki/Q1040#P31")
    'Q1040'
    """
    value = text.strip()
    if not value:
        return None
    match = _IN_URL.match(value)
    if match:
        return match.group(1).upper()
    value = value.upper()
    return value if _QID.match(value) else None
