import pytest

from partnerkit.partnerships.services import partnership_create


@pytest.fixture
def project(museum, alice):
    """North's photo donation with the museum, ready to be pitched."""
    return partnership_create(
        workspace=museum.workspace, partner=museum, by=alice, title="Photo donation",
        goal_types=["content_acquisition"], decision="go",
        impact=4, likelihood=3, ease=3, benefit=4, risk=2, effort_hours=10,
    )


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
