"""Sample records for the dashboard, for the generated permission tests."""


def arguments(alice, museum) -> dict:
    """URL arguments for this app's pages: the dashboard needs only the workspace, so none.

    It fills the dashboard instead, so that a viewer reads every part of it with figures: a
    partnership with a goal type and a stage history, the hours available, an open
    commitment, and a month of impact figures."""
    import datetime as dt

    from partnerkit.groundwork.models import Profile
    from partnerkit.impact.models import MonthlyFigure, Source
    from partnerkit.negotiation.models import Commitment
    from partnerkit.partnerships.services import partnership_create, partnership_move

    workspace = museum.workspace
    partnership = partnership_create(
        workspace=workspace, partner=museum, by=alice, title="Dashboard probe",
        goal_types=["content_acquisition"], effort_hours=8,
    )
    partnership_move(
        partnership=partnership, to_stage="running", by=alice, override_reason="Probe"
    )
    Profile.objects.update_or_create(workspace=workspace, defaults={"hours_per_month": 4})
    Commitment.objects.create(
        workspace=workspace, partnership=partnership, text="Probe promise", effort_hours=2
    )
    source = Source.objects.create(
        workspace=workspace, partnership=partnership, kind="category", name="Dashboard probe"
    )
    MonthlyFigure.objects.create(
        source=source, month=dt.date.today().replace(day=1), metric="page_views", value=10,
        origin="cim",
    )
    return {}
