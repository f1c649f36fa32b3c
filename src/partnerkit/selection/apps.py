from django.apps import AppConfig


class SelectionConfig(AppConfig):
    name = "partnerkit.selection"
    verbose_name = "Ranking and selection"
