from django.apps import AppConfig


class RunningConfig(AppConfig):
    """Running a partnership: activities from recipes with their checklists and outputs, and
    the roles on both sides with their single points of failure."""

    name = "partnerkit.running"

    def ready(self):
        # Importing the method registers the stage rule "plan_b_before_running"; the provider
        # tells the rule whether the plan B is written and who on our side is accountable.
        import partnerkit.method.roles  # noqa: F401
        from partnerkit.core import events
        from partnerkit.partnerships.services import register_facts
        from partnerkit.running import checks, services  # noqa: F401  (registers the checks)
        from partnerkit.running.selectors import stage_facts

        register_facts(stage_facts)
        events.listen("member_removed", services.on_member_removed)
