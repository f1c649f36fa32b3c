from django.apps import AppConfig


class PartnersConfig(AppConfig):
    name = "partnerkit.partners"
    verbose_name = "Partners"

    def ready(self):
        from partnerkit.partners import checks  # noqa: F401  (registers the checks)
