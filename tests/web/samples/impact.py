"""Sample records for the impact pages, for the generated permission tests."""


def arguments(alice, museum) -> dict:
    """URL arguments for this app's pages: {("app:view", "name"): value}."""
    import datetime as dt

    from partnerkit.impact import services
    from partnerkit.partnerships.services import partnership_create

    partnership = partnership_create(
        workspace=museum.workspace, partner=museum, by=alice, title="Impact probe"
    )
    source = services.source_create(partnership=partnership, by=alice, kind="category",
                                    name="Impact probe files")
    report = services.report_create(
        partnership=partnership, by=alice, kind="partner", title="Probe report",
        period_start=dt.date(2026, 1, 1), period_end=dt.date(2026, 3, 31),
    )
    arguments = {(f"impact:{name}", "pk"): partnership.pk
                 for name in ("partnership", "source_create", "refresh", "report_create")}
    arguments.update({(f"impact:{name}", "pk"): source.pk
                      for name in ("source_edit", "source_delete")})
    arguments.update({(f"impact:{name}", "pk"): report.pk
                      for name in ("report", "report_refresh", "report_sent", "report_delete",
                                   "report_download")})
    arguments[("impact:report_download", "fmt")] = "wikitext"
    return arguments
