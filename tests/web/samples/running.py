"""Sample records for the running pages, for the generated permission tests."""


def arguments(alice, museum) -> dict:
    """URL arguments for this app's pages: {("app:view", "name"): value}."""
    import datetime as dt

    from django.utils import timezone

    from partnerkit.partnerships.services import partnership_create
    from partnerkit.running import services

    partnership = partnership_create(
        workspace=museum.workspace, partner=museum, by=alice, title="Running probe"
    )
    activity = services.activity_create(
        partnership=partnership, by=alice, recipe="editathon",
        starts_on=timezone.localdate() + dt.timedelta(days=40),
    )
    role = services.role_add(partnership=partnership, by=alice, side="ours", area="uploads",
                             raci="R", member=alice)
    arguments = {(f"running:{name}", "pk"): partnership.pk
                 for name in ("partnership", "plan_b", "role_add", "role_edit", "role_delete",
                              "activity_create")}
    arguments.update({(f"running:{name}", "role_pk"): role.pk
                      for name in ("role_edit", "role_delete")})
    arguments.update({(f"running:{name}", "activity_pk"): activity.pk
                      for name in ("activity", "activity_edit", "outputs", "activity_cancel",
                                   "activity_delete", "item_add", "item_toggle", "item_owner",
                                   "item_remove")})
    item = activity.checklist.first()
    arguments.update({(f"running:{name}", "item_pk"): item.pk
                      for name in ("item_toggle", "item_owner", "item_remove")})
    return arguments
