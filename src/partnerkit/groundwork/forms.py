from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from partnerkit.groundwork.models import Goal, GoalTypeDecision, SwotItem
from partnerkit.groundwork.services import GOAL_FIELDS, goal_fingerprint, swot_item_fingerprint
from partnerkit.method import readiness
from partnerkit.method.goal_types import SKILLS


class LoadedForm(forms.ModelForm):
    """Carries a fingerprint of what the editor loaded, so a stale save is refused.

    Subclasses name the service function that fingerprints their record.
    """

    loaded = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)
    fingerprint_of = None  # e.g. staticmethod(goal_fingerprint)

    def fingerprint(self) -> str:
        return self.fingerprint_of(self.instance)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["loaded"] = self.fingerprint()

    def reload(self):
        """After a conflict: the next save is made on purpose over the current version."""
        self.instance.refresh_from_db()
        data = self.data.copy()
        data["loaded"] = self.fingerprint()
        self.data = data


class GoalForm(LoadedForm):
    class Meta:
        model = Goal
        fields = GOAL_FIELDS
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    fingerprint_of = staticmethod(goal_fingerprint)

    def service_values(self) -> dict:
        return {name: self.cleaned_data[name] for name in GOAL_FIELDS}


class GoalChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, goal):
        return goal.text


class SwotItemForm(LoadedForm):
    goals = GoalChoices(
        label=gettext_lazy("Linked goals"),
        queryset=Goal.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("The goals this item bears on, if any."),
    )

    class Meta:
        model = SwotItem
        fields = ("kind", "text")

    def __init__(self, *args, workspace, goals=None, **kwargs):
        super().__init__(*args, **kwargs)
        queryset = Goal.objects.filter(workspace=workspace)
        self.fields["goals"].queryset = queryset
        if goals is not None:
            # The page already read the goals: reuse them instead of a query per form.
            self.fields["goals"].choices = [(goal.pk, goal.text) for goal in goals]
        if self.instance.pk and not self.is_bound:
            self.initial["goals"] = [goal.pk for goal in self.instance.goals.all()]

    fingerprint_of = staticmethod(swot_item_fingerprint)

    def service_values(self) -> dict:
        return {
            "kind": self.cleaned_data["kind"],
            "text": self.cleaned_data["text"],
            "goals": list(self.cleaned_data["goals"]),
        }


class CapacityForm(forms.Form):
    people = forms.IntegerField(
        label=gettext_lazy("People"),
        min_value=0,
        help_text=gettext_lazy("Volunteers and staff who can work on partnerships."),
    )
    hours_per_month = forms.IntegerField(
        label=gettext_lazy("Hours per month"),
        min_value=0,
        max_value=100_000,
        help_text=gettext_lazy("All of them together, on partnerships, in a usual month."),
    )
    skills = forms.MultipleChoiceField(
        label=gettext_lazy("Skills in the group"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["skills"].choices = [(code, _(label)) for code, label in SKILLS.items()]


class ReadinessForm(forms.Form):
    """One radio group per question of the method; a question may be left unanswered."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for question in readiness.QUESTIONS:
            self.fields[question.code] = forms.ChoiceField(
                label=_(question.text),
                choices=[(option.code, _(option.label)) for option in question.options],
                required=False,
                widget=forms.RadioSelect,
            )

    def groups(self):
        """(condition, its bound fields) in the method's order."""
        return [
            (
                condition,
                [
                    self[question.code]
                    for question in readiness.QUESTIONS
                    if question.condition == condition.code
                ],
            )
            for condition in readiness.CONDITIONS
        ]

    def answers(self) -> dict[str, str]:
        return {code: value for code, value in self.cleaned_data.items() if value}


class DecisionForm(forms.Form):
    UNDECIDED = "undecided"
    answer = forms.ChoiceField(
        choices=[*GoalTypeDecision.Answer.choices, (UNDECIDED, gettext_lazy("Undecided"))]
    )
