"""`partnerkit wikidata discover`: candidates by kind and area from the Wikidata Query Service."""

from __future__ import annotations


def add_parser(actions):
    return actions.add_parser("discover", help="find candidate partners on Wikidata")


def run(args) -> int:
    raise AssertionError("discover is not wired yet")
