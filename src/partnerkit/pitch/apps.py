from django.apps import AppConfig


class PitchConfig(AppConfig):
    """Pitch, readiness, the partner's vocabulary and the contact map."""

    name = "partnerkit.pitch"
