"""Licences under which content released through a partnership may come.

Free licences only, plus the honest answers "no content" and "not decided yet"; anything else
is not a partnership the projects can use.
"""

from __future__ import annotations

LICENCES: dict[str, str] = {
    "cc0": "CC0 1.0 (public domain dedication)",
    "public_domain": "Public domain (no rights apply)",
    "cc_by_4": "CC BY 4.0",
    "cc_by_sa_4": "CC BY-SA 4.0",
    "other_free": "Another free licence (say which in the sketch)",
    "no_content": "No content is released",
    "undecided": "Not decided yet",
}

# Licences that settle the question; "not decided yet" does not.
DECIDED = frozenset(LICENCES) - {"undecided"}
