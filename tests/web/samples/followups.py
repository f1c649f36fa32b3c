"""Sample records for the follow-up pages, for the generated permission tests."""


def arguments(alice, museum) -> dict:
    """URL arguments for this app's pages: {"name": value} or {("app:view", "name"): value}."""
    from partnerkit.followups import services
    from partnerkit.partnerships.services import partnership_create

    partnership = partnership_create(
        workspace=museum.workspace, partner=museum, by=alice, title="Follow-up probe"
    )
    interaction = services.interaction_log(
        partnership=partnership, by=alice, kind="meeting", direction="both"
    )
    task = partnership.followups.get()
    plans = services.plans_install_defaults(workspace=museum.workspace)
    step = plans[0].steps.order_by("-position").first()
    arguments = {
        (f"followups:{name}", "pk"): partnership.pk
        for name in (
            "partnership",
            "interaction_log",
            "interaction_edit",
            "interaction_delete",
            "task_create",
        )
    }
    arguments.update(
        {
            ("followups:interaction_edit", "interaction_pk"): interaction.pk,
            ("followups:interaction_delete", "interaction_pk"): interaction.pk,
        }
    )
    arguments.update(
        {
            (f"followups:{name}", "task_pk"): task.pk
            for name in ("task_done", "task_snooze", "task_reassign", "task_cancel")
        }
    )
    arguments.update(
        {
            (f"followups:{name}", "plan_pk"): plans[0].pk
            for name in ("plan_edit", "plan_reset", "step_create", "step_edit", "step_delete")
        }
    )
    arguments.update(
        {(f"followups:{name}", "step_pk"): step.pk for name in ("step_edit", "step_delete")}
    )
    return arguments
