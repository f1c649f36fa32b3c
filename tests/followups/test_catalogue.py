"""The stored choices mirror the method's plain-Python catalogue, and the method's plans are
copied into each workspace exactly once."""

from partnerkit.followups import models, services
from partnerkit.method import followups as method


def test_the_stored_choices_mirror_the_method():
    assert set(models.Anchor.values) == {anchor.value for anchor in method.Anchor}
    assert set(models.Direction.values) == {direction.value for direction in method.Direction}
    assert set(models.OwnerRule.values) == {rule.value for rule in method.OwnerRule}


def test_the_method_s_plans_are_installed_once_and_match_the_method(north, alice):
    first = services.plans_install_defaults(workspace=north, by=alice)
    again = services.plans_install_defaults(workspace=north, by=alice)
    assert [plan.pk for plan in first] == [plan.pk for plan in again]
    for plan, spec in zip(first, method.DEFAULT_PLANS, strict=True):
        assert plan.code == spec.code
        assert [step.as_spec() for step in plan.steps.all()] == list(spec.steps)


def test_each_workspace_gets_its_own_plans(north, south, alice, bob):
    services.plans_install_defaults(workspace=north, by=alice)
    services.plans_install_defaults(workspace=south, by=bob)
    assert models.Plan.objects.filter(workspace=south).count() == len(method.DEFAULT_PLANS)
    assert (
        not models.PlanStep.objects.filter(plan__workspace=south)
        .filter(after_step__plan__workspace=north)
        .exists()
    )
