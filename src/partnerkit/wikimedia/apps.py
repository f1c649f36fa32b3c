from django.apps import AppConfig


class WikimediaConfig(AppConfig):
    name = "partnerkit.wikimedia"
    verbose_name = "Wikimedia APIs"
