from django.apps import AppConfig


class PitchConfig(AppConfig):
    """Pitch, readiness, the partner's vocabulary and the contact map."""

    name = "partnerkit.pitch"

    def ready(self):
        # Importing the method registers the stage rule "pitch_ready_before_contact"; the
        # provider tells the rule which readiness questions are still open.
        import partnerkit.method.pitch  # noqa: F401
        from partnerkit.partnerships.services import register_facts
        from partnerkit.pitch.selectors import stage_facts

        register_facts(stage_facts)
