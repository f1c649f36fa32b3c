from django.apps import AppConfig


class TransferConfig(AppConfig):
    name = "partnerkit.transfer"
    verbose_name = "Import and export"
