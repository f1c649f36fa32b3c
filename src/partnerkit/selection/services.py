"""Writes for ranking and selection: the workspace's weights and overload threshold, selecting a
partnership (with the capacity check), and community notices. Pages, the API and the CLI call
these; each runs in one transaction."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from partnerkit.core.history import save_with_history
from partnerkit.groundwork.models import CommunityNotice, Profile
from partnerkit.groundwork.services import profile_for_update
from partnerkit.method.weights import CODES, normalise, preset
from partnerkit.partnerships.models import Decision, Partnership
from partnerkit.partnerships.services import partnership_update
from partnerkit.selection import selectors
from partnerkit.workspaces.models import Workspace

CLOSED_STAGES = ("completed", "declined", "dropped")


class OverloadWarning(Exception):
    """Selecting the partnership would push the chance of overload above the workspace's
    threshold; ``check`` has the numbers and the suggested deferrals. Select again with
    ``confirm_overload=True`` to go ahead anyway."""

    def __init__(self, check: selectors.SelectionCheck):
        after = check.what_if.after
        super().__init__(
            _(
                "Selecting “%(title)s” raises the chance of needing more hours than the group "
                "has to %(p).0f %% (the warning threshold is %(threshold).0f %%)."
            )
            % {
                "title": check.partnership.title,
                "p": after.p_overload * 100,
                "threshold": after.threshold * 100,
            }
        )
        self.check = check




def ranking_weights_update(
    *, workspace: Workspace, by, preset_code: str, weights: dict[str, float] | None = None
) -> Profile:
    """Save the workspace's ranking weights: a preset, optionally with weights of its own
    (any non-negative numbers, one per criterion). Negative or all-zero weights raise
    RankingError naming the criterion; nothing is saved then."""
    chosen = preset(preset_code)
    if weights is None:
        weights = dict(chosen.weights)
    weights = {code: weights.get(code, 0) for code in CODES}
    normalise(weights)  # refuses what the ranking cannot use
    same = all(float(weights[code]) == float(chosen.weights[code]) for code in CODES)
    with transaction.atomic():
        profile = profile_for_update(workspace)
        profile.ranking_preset = chosen.code
        profile.ranking_weights = {} if same else {code: float(weights[code]) for code in CODES}
        save_with_history(profile, by=by, created=profile.pk is None)
    return profile


def overload_threshold_update(*, workspace: Workspace, by, threshold: float) -> Profile:
    """The chance of overload (0.01–0.99) above which selecting a partnership warns."""
    with transaction.atomic():
        profile = profile_for_update(workspace)
        profile.overload_threshold = threshold
        profile.full_clean(exclude=["workspace", "skills", "ranking_weights"])
        save_with_history(profile, by=by, created=profile.pk is None)
    return profile


def partnership_select(
    *,
    partnership: Partnership,
    by,
    reason: str,
    version: int | None,
    confirm_overload: bool = False,
    seed: int = selectors.DEFAULT_SEED,
    samples: int | None = None,
) -> selectors.SelectionCheck:
    """Select a partnership: decision "go", with the reason. First checks what it does to the
    chance of overload; above the threshold this raises OverloadWarning unless
    ``confirm_overload``. Returns the check that was made."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why this partnership was selected.")})
    if partnership.stage in CLOSED_STAGES:
        raise ValidationError(
            {"reason": _("This partnership is closed (%(stage)s); it cannot be selected.")
             % {"stage": partnership.get_stage_display()}}
        )
    check = selectors.selection_check(partnership=partnership, seed=seed, samples=samples)
    if check.warning and not confirm_overload:
        raise OverloadWarning(check)
    with transaction.atomic():
        partnership_update(
            partnership=partnership,
            by=by,
            version=version,
            decision=Decision.GO,
            decision_reason=reason,
        )
    return check


def _check_notice_partnerships(workspace: Workspace, partnerships: list[Partnership]) -> None:
    if not partnerships:
        raise ValidationError({"partnerships": _("Choose at least one selected partnership.")})
    if any(p.workspace_id != workspace.pk or p.decision != Decision.GO for p in partnerships):
        raise ValidationError(
            {"partnerships": _("A notice lists only this workspace's selected partnerships.")}
        )


def _notice_values(values: dict) -> dict:
    cleaned = {}
    for name in ("wikitext", "posted_url", "feedback"):
        if name in values:
            cleaned[name] = (values[name] or "").strip()
    if "posted_on" in values:
        posted_on = values["posted_on"]
        if posted_on is not None and not isinstance(posted_on, datetime.date):
            raise ValidationError({"posted_on": _("Give the date as YYYY-MM-DD.")})
        cleaned["posted_on"] = posted_on
    if "wikitext" in cleaned and not cleaned["wikitext"]:
        raise ValidationError({"wikitext": _("The notice has no text.")})
    return cleaned


def community_notice_create(
    *, workspace: Workspace, by, partnerships: Iterable[Partnership], wikitext: str
) -> CommunityNotice:
    partnerships = list(partnerships)
    _check_notice_partnerships(workspace, partnerships)
    values = _notice_values({"wikitext": wikitext})
    with transaction.atomic():
        notice = CommunityNotice(workspace=workspace, created_by=by, **values)
        notice.full_clean(exclude=["workspace", "created_by"])
        notice.save()
        notice.partnerships.set(partnerships)
    return notice


def community_notice_update(*, notice: CommunityNotice, by, **values) -> CommunityNotice:
    """Change the text, or record where and when it was posted (``posted_url``,
    ``posted_on``) and the ``feedback`` the community gave."""
    unknown = set(values) - {"wikitext", "posted_url", "posted_on", "feedback"}
    if unknown:
        raise TypeError(f"CommunityNotice has no editable field(s) {sorted(unknown)}")
    values = _notice_values(values)
    with transaction.atomic():
        locked = CommunityNotice.objects.select_for_update().get(pk=notice.pk)
        for name, value in values.items():
            setattr(locked, name, value)
        locked.full_clean(exclude=["workspace", "created_by", "partnerships"])
        locked.save()
    return locked

