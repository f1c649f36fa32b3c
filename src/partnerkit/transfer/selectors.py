"""Reads of imports for the pages and the command."""

from __future__ import annotations

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from partnerkit.transfer.models import ImportRun
from partnerkit.workspaces.models import Workspace

# Large fields that lists of imports do not need.
_HEAVY = ("rows", "row_numbers", "report", "warnings", "reading_notes", "decisions")


def import_run_list(*, workspace: Workspace) -> QuerySet:
    """Applied imports of the workspace, newest first."""
    return (
        ImportRun.objects.filter(workspace=workspace, status=ImportRun.Status.APPLIED)
        .select_related("created_by")
        .defer(*_HEAVY)
        .order_by("-applied_at", "-id")
    )


def import_draft_list(*, workspace: Workspace, user) -> QuerySet:
    """The person's own drafts: uploaded files not applied yet."""
    return (
        ImportRun.objects.filter(
            workspace=workspace, status=ImportRun.Status.DRAFT, created_by=user
        )
        .defer(*_HEAVY)
        .order_by("-created_at", "-id")
    )


def import_run_get(*, workspace: Workspace, pk: int) -> ImportRun:
    return get_object_or_404(
        ImportRun.objects.select_related("workspace", "created_by"), workspace=workspace, pk=pk
    )


def import_draft_get(*, workspace: Workspace, user, pk: int) -> ImportRun:
    """A draft of this person in this workspace, or 404: a draft holds the uploaded file,
    which only its uploader sees before it is applied."""
    return get_object_or_404(
        ImportRun.objects.select_related("workspace"),
        workspace=workspace, pk=pk, status=ImportRun.Status.DRAFT, created_by=user,
    )
