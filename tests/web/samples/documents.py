"""Sample records for the document pages, for the generated permission tests."""


def arguments(alice, museum) -> dict:
    """URL arguments for this app's pages: {"name": value} or {("app:view", "name"): value}."""
    from partnerkit.documents import services
    from partnerkit.partnerships.services import partnership_create

    partnership = partnership_create(
        workspace=museum.workspace, partner=museum, by=alice, title="Document probe"
    )
    letter = services.document_create(partnership=partnership, kind="decline", by=alice,
                                      reason="Not this year.")
    # A copy on file, so that its download page has something to serve.
    from django.core.files.base import ContentFile

    letter.signed_copy.save("copy.pdf", ContentFile(b"%PDF-1.4 probe"))
    arguments = {(f"documents:{name}", "pk"): partnership.pk
                 for name in ("partnership", "create")}
    arguments.update({
        (f"documents:{name}", "pk"): letter.pk
        for name in ("detail", "edit", "diff", "restore", "export", "status", "signed_copy",
                     "signed_copy_upload", "delete")
    })
    arguments[("documents:diff", "number")] = 1
    arguments[("documents:restore", "number")] = 1
    arguments[("documents:export", "fmt")] = "markdown"
    arguments.update({("documents:template_edit", "kind"): "mou",
                      ("documents:template_edit", "key"): "purpose",
                      ("documents:template_edit", "language"): "en"})
    return arguments
