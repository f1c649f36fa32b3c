from django.apps import AppConfig


class FollowupsConfig(AppConfig):
    """Follow-up plans, the interaction log, dashboards and reminders."""

    name = "partnerkit.followups"

    def ready(self):
        from partnerkit.core import events
        from partnerkit.followups import services

        events.listen("partnership_moved", services.on_partnership_moved)
        events.listen("partnership_dates_changed", services.on_partnership_dates_changed)
        events.listen("meeting_saved", services.on_meeting_saved)
        events.listen("member_removed", services.on_member_removed)
