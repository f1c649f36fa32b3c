"""Candidates for ranking and selection in workspace "north", and small simulations so the
tests stay fast."""

import pytest

from partnerkit.groundwork.models import Profile
from partnerkit.partners.models import Partner
from partnerkit.partnerships.models import Partnership
from partnerkit.selection import selectors


@pytest.fixture(autouse=True)
def _small_simulations(monkeypatch):
    monkeypatch.setattr(selectors, "SENSITIVITY_SAMPLES", 60)
    monkeypatch.setattr(selectors, "CAPACITY_SAMPLES", 2000)


def add_candidate(workspace, title, *, partner=None, stage="researching", goal_types=(), **values):
    """A partnership with the given estimates (impact, likelihood, ease, benefit, risk,
    effort_hours); those not given stay missing."""
    if partner is None:
        partner = Partner.objects.create(workspace=workspace, name=f"{title} partner", kind="museum")
    partnership = Partnership.objects.create(
        workspace=workspace, partner=partner, title=title, stage=stage, **values
    )
    if goal_types:
        partnership.goal_types.set(goal_types)
    return partnership


def set_capacity(workspace, hours, threshold=0.2):
    Profile.objects.update_or_create(
        workspace=workspace, defaults={"hours_per_month": hours, "overload_threshold": threshold}
    )


@pytest.fixture
def candidates(north, museum):
    """Four candidates of north: a clear leader, two identical ones (a tie) and one with
    no estimates for risk, effort and benefit."""
    full = {"likelihood": 3, "benefit": 3, "risk": 2, "effort_hours": 10}
    return {
        "leader": add_candidate(north, "Photo donation", partner=museum, impact=5, ease=5,
                                **full),
        "twin_a": add_candidate(north, "Archive scans", impact=3, ease=2, **full),
        "twin_b": add_candidate(north, "Library talks", impact=3, ease=2, **full),
        "sparse": add_candidate(north, "University course", impact=4, ease=1, likelihood=2),
    }
