from django.apps import AppConfig


class DiscoveryConfig(AppConfig):
    name = "partnerkit.discovery"
    verbose_name = "Discovery of candidates"
