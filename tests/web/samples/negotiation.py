"""Sample records for the negotiation pages, for the generated permission tests."""


def arguments(alice, museum) -> dict:
    """URL arguments for this app's pages: {"name": value} or {("app:view", "name"): value}."""
    from partnerkit.negotiation import services
    from partnerkit.partnerships.services import partnership_create

    partnership = partnership_create(
        workspace=museum.workspace, partner=museum, by=alice, title="Scanning project"
    )
    commitment = services.commitment_create(
        partnership=partnership, by=alice, text="We will give them exclusive rights."
    )
    sign = services.warning_sign_create(
        partnership=partnership, by=alice, code="brand", evidence="A logo on their poster."
    )
    pages = (
        "commitments", "commitment_create", "commitment_edit", "commitment_delete",
        "commitment_acknowledge", "warning_sign_create", "warning_sign_resolve", "say_no",
        "say_no_decide",
    )  # fmt: skip
    arguments = {(f"negotiation:{name}", "pk"): partnership.pk for name in pages}
    arguments.update(
        {
            (f"negotiation:{name}", "commitment_pk"): commitment.pk
            for name in ("commitment_edit", "commitment_delete", "commitment_acknowledge")
        }
    )
    arguments[("negotiation:warning_sign_resolve", "sign_pk")] = sign.pk
    return arguments
