from django.apps import AppConfig


class GroundworkConfig(AppConfig):
    name = "partnerkit.groundwork"
    verbose_name = "Groundwork and selection"
