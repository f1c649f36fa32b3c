from django.core import checks

from partnerkit.method import activities, roles


@checks.register()
def catalogues_match_the_method(app_configs, **kwargs):
    """The models' choices and the method's recipes and roles must name the same things, and
    every checklist item of a recipe must belong to an area of the roles' catalogue."""
    from partnerkit.running.models import Raci, RecipeCode, Side

    pairs = [
        ("RecipeCode", set(RecipeCode.values), set(activities.CODES)),
        ("Raci", set(Raci.values), {letter.value for letter in roles.Raci}),
        ("Side", set(Side.values), {side.value for side in roles.Side}),
    ]
    found = [
        checks.Error(
            f"{name} differs from the method: only in the model {sorted(model - method)}, "
            f"only in the method {sorted(method - model)}.",
            id="running.E001",
        )
        for name, model, method in pairs
        if model != method
    ]
    unknown = activities.check_area_codes()
    if unknown:
        found.append(checks.Error(
            f"Recipe checklist areas missing from roles.AREAS: {unknown}.", id="running.E002"
        ))
    return found
