from django.apps import AppConfig


class NegotiationConfig(AppConfig):
    """Commitments screened for dangerous promises, warning signs and the decision to say no."""

    name = "partnerkit.negotiation"
