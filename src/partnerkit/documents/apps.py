from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    """Written proposals, memoranda of understanding, decline letters, announcements and
    community updates, drafted from the record and versioned."""

    name = "partnerkit.documents"
