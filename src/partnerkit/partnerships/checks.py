from django.core import checks

from partnerkit.method import goal_types, licences, stages


@checks.register()
def catalogues_match_the_method(app_configs, **kwargs):
    """Database choices and the method's catalogues must name the same things."""
    from partnerkit.partnerships.models import GoalTypeCode, Licence, Stage

    pairs = [
        ("Stage", set(Stage.values), {stage.value for stage in stages.ALL}),
        ("GoalTypeCode", set(GoalTypeCode.values), set(goal_types.CODES)),
        ("Licence", set(Licence.values), set(licences.LICENCES)),
    ]
    return [
        checks.Error(
            f"{name} differs from the method: only in the model {sorted(model - method)}, "
            f"only in the method {sorted(method - model)}.",
            id="partnerships.E001",
        )
        for name, model, method in pairs
        if model != method
    ]
