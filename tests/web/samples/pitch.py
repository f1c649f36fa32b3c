"""Sample records for the pitch pages, for the generated permission tests."""

from django.core.files.uploadedfile import SimpleUploadedFile

from partnerkit.partnerships.services import partnership_create
from partnerkit.pitch import services


def arguments(alice, museum) -> dict:
    """URL arguments for this app's pages: {"name": value} or {("app:view", "name"): value}."""
    partnership = partnership_create(
        workspace=museum.workspace, partner=museum, by=alice, title="Pitch probe",
        goal_types=["content_acquisition"],
    )
    action = services.action_create(
        partnership=partnership, by=alice, side="joint", text="Choose 100 photographs"
    )
    material = services.material_add_file(
        partnership=partnership, by=alice, title="Leaflet",
        file=SimpleUploadedFile("leaflet.txt", b"Our leaflet"),
    )
    text = services.partner_text_create(
        partner=museum, by=alice, title="Mission", text="We keep the history of everyday life."
    )
    names = (
        "detail", "section", "answer", "argument", "timing", "action_create", "action_edit",
        "action_delete", "material_link", "material_file", "material_gap", "material_download",
        "material_delete", "text_create", "text_delete", "contacts", "contact_point",
    )
    found = {(f"pitch:{name}", "pk"): partnership.pk for name in names}
    found.update(
        {
            ("pitch:section", "section"): "goals",
            ("pitch:answer", "code"): "licence",
            ("pitch:argument", "code"): "presence",
            ("pitch:action_edit", "action_pk"): action.pk,
            ("pitch:action_delete", "action_pk"): action.pk,
            ("pitch:material_download", "material_pk"): material.pk,
            ("pitch:material_delete", "material_pk"): material.pk,
            ("pitch:text_delete", "text_pk"): text.pk,
        }
    )
    return found
