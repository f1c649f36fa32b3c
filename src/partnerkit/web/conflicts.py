"""What an edit page shows when someone else saved the record first."""

from partnerkit.core.errors import ConflictError


def conflict_context(form, error: ConflictError, model) -> dict:
    """Keep the editor's input, show what the other person changed, and let a second save
    (now based on the current version) go through on purpose."""
    data = form.data.copy()
    data["version"] = error.current_version
    form.data = data
    form.add_error(None, str(error))
    return {
        "changes": [
            {
                "label": model._meta.get_field(name).verbose_name,
                "before": before,
                "now": now,
                "private": name in model.PRIVATE_FIELDS,
            }
            for name, (before, now) in error.changes.items()
        ]
    }
