from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    """Meetings: agenda, attendees, preparation, brief and notes."""

    name = "partnerkit.meetings"
