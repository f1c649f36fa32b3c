from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "partnerkit.accounts"
    verbose_name = "Accounts"
