"""Reactions of later apps to the writes of earlier ones.

The partnership's stage service cannot import the follow-up plans (they are built on top of
it), yet a move to "agreed" must start the kick-off task in the same transaction. A writing
service therefore announces what it did by name, and the apps that care register a function
for that name in their ``AppConfig.ready()``. Unlike model signals this runs only when a
service says so, never on a bare ``save()``, and inside the service's transaction: a
reaction that fails undoes the write.

Events and their keyword arguments:

- ``partnership_moved``: partnership, change (the StageChange), by
- ``partnership_dates_changed``: partnership, fields (names that changed), by
- ``meeting_saved``: meeting, by (its plan, time or notes changed)
- ``member_removed``: workspace, user, by
- ``activity_outputs_changed``: activity, by (its Commons category, uploads, Wikidata items
  or articles were saved with new values)
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

_listeners: dict[str, list[Callable]] = defaultdict(list)


def listen(name: str, reaction: Callable) -> None:
    if reaction not in _listeners[name]:
        _listeners[name].append(reaction)


def announce(name: str, **details) -> None:
    for reaction in _listeners[name]:
        reaction(**details)
