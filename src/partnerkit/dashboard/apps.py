from django.apps import AppConfig


class DashboardConfig(AppConfig):
    """The workspace at a glance: the pipeline, goal types, capacity and impact."""

    name = "partnerkit.dashboard"
    verbose_name = "Dashboard"
