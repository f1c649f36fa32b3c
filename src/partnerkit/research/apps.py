from django.apps import AppConfig


class ResearchConfig(AppConfig):
    name = "partnerkit.research"
    verbose_name = "Partner research"
