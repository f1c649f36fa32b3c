from django.apps import AppConfig


class PartnershipsConfig(AppConfig):
    name = "partnerkit.partnerships"
    verbose_name = "Partnerships"

    def ready(self):
        from partnerkit.partnerships import checks  # noqa: F401  (registers the checks)
