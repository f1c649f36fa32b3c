from django.apps import AppConfig


class ImpactConfig(AppConfig):
    """Impact statistics from Commons, Wikidata and page views, and the reports made of them."""

    name = "partnerkit.impact"

    def ready(self):
        from partnerkit.core import events
        from partnerkit.impact import services

        events.listen("activity_outputs_changed", services.on_activity_outputs_changed)
