"""Errors that services raise and every interface (web, API, CLI) turns into its own answer."""

from __future__ import annotations


class ConflictError(Exception):
    """Someone else saved the record after the editor loaded it.

    ``changes`` maps each field the other person changed to (value the editor saw, value now),
    so the interface can show a readable diff instead of overwriting silently.
    """

    def __init__(self, message: str, *, current_version: int, changes: dict | None = None):
        super().__init__(message)
        self.current_version = current_version
        self.changes = changes or {}
