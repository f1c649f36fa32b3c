from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "partnerkit.web"
    verbose_name = "Web pages"
