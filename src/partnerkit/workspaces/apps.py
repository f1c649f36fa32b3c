from django.apps import AppConfig


class WorkspacesConfig(AppConfig):
    name = "partnerkit.workspaces"
    verbose_name = "Workspaces"
