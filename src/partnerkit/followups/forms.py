from django import forms
from django.utils.translation import gettext_lazy as _

from partnerkit.followups.models import (
    Anchor,
    DigestPreference,
    FeedScope,
    Interaction,
    PlanStep,
)
from partnerkit.followups.services import INTERACTION_FIELDS, SNOOZE_MAX_DAYS, TITLE_MAX
from partnerkit.method import followups as method
from partnerkit.partners.forms import VersionedForm
from partnerkit.partners.models import Contact
from partnerkit.partnerships.models import Stage

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class OwnerChoiceField(forms.TypedChoiceField):
    """A member who may own a task, from a list already loaded (no query per field)."""

    def __init__(self, owners, *, empty_label, **kwargs):
        self.owners = {str(user.pk): user for user in owners}
        choices = [("", empty_label)] + [
            (str(user.pk), user.get_full_name() or user.username) for user in owners
        ]
        super().__init__(
            choices=choices,
            required=False,
            empty_value=None,
            coerce=lambda value: self.owners[value],
            **kwargs,
        )


class InteractionForm(VersionedForm):
    class Meta:
        model = Interaction
        fields = INTERACTION_FIELDS
        widgets = {"occurred_on": DATE}

    def __init__(self, *args, partnership, **kwargs):
        kwargs.setdefault("auto_id", "interaction_%s")
        super().__init__(*args, **kwargs)
        self.fields["contact"].queryset = Contact.objects.filter(partner_id=partnership.partner_id)
        self.fields["contact"].empty_label = _("Someone there")
        self.fields["purpose"].required = False
        self.fields["summary"].widget.attrs["placeholder"] = _("A line on what was said")

    def service_values(self) -> dict:
        return {name: self.cleaned_data[name] for name in INTERACTION_FIELDS}


class TaskForm(forms.Form):
    title = forms.CharField(label=_("Task"), max_length=TITLE_MAX)
    due_on = forms.DateField(label=_("Due"), widget=DATE)
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, owners, **kwargs):
        kwargs.setdefault("auto_id", "task_%s")
        super().__init__(*args, **kwargs)
        self.fields["owner"] = OwnerChoiceField(
            owners, empty_label=_("The partnership's owner"), label=_("Owner")
        )


class SnoozeForm(forms.Form):
    until = forms.DateField(label=_("Until"), widget=DATE)
    reason = forms.CharField(label=_("Why"), max_length=300)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "snooze_%s")
        super().__init__(*args, **kwargs)
        self.fields["until"].help_text = _("At most %(days)d days ahead.") % {
            "days": SNOOZE_MAX_DAYS
        }


class ReassignForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def __init__(self, *args, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"] = OwnerChoiceField(
            owners, empty_label=_("The partnership's owner"), label=_("Give to")
        )


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Why is it not needed?"), max_length=300)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)


class PlanForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    active = forms.BooleanField(label=_("In use"), required=False)


class StepForm(forms.ModelForm):
    """A step of a plan. The plan as a whole is checked by the service; this form only
    reads the values."""

    closed_by = forms.MultipleChoiceField(
        label=_("Closed on its own when"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[(anchor.value, Anchor(anchor.value).label) for anchor in method.CLOSING_EVENTS],
    )
    # Negative numbers reach the service, which explains the "before" choice.
    offset_days = forms.IntegerField(label=_("Days"))
    limit_days = forms.IntegerField(label=_("Hard limit (days)"), required=False)

    class Meta:
        model = PlanStep
        fields = (
            "title", "description", "anchor", "after_step", "offset_days", "direction",
            "limit_days", "skip_weekends", "owner_rule", "owner", "wait_for_due",
            "closed_by", "completes", "repeat_days",
        )  # fmt: skip
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, plan, owners, **kwargs):
        kwargs.setdefault("auto_id", "step_%s")
        super().__init__(*args, **kwargs)
        others = plan.steps.all()
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        self.fields["after_step"].queryset = others
        self.fields["after_step"].empty_label = _("—")
        self.fields["owner"] = OwnerChoiceField(
            owners,
            empty_label=_("—"),
            label=_("Named member"),
        )
        if self.instance.owner_id:
            self.initial["owner"] = str(self.instance.owner_id)
        self.fields["completes"].choices = [("", _("nothing more"))] + [
            (anchor.value, Anchor(anchor.value).label) for anchor in method.CLOSING_EVENTS
        ]
        self.fields["repeat_days"].validators = []
        self.fields["repeat_days"].widget.attrs.pop("min", None)

    def service_values(self) -> dict:
        values = dict(self.cleaned_data)
        values["completes"] = values.get("completes") or ""
        return values

    def _post_clean(self):
        # The service validates the step within its plan; the model's own checks here would
        # repeat them with less helpful messages.
        pass


class StaleRulesForm(forms.Form):
    """Quiet days per stage; empty means the method's number."""

    def __init__(self, *args, current: dict, **kwargs):
        super().__init__(*args, **kwargs)
        for stage, days in method.STALE_DAYS.items():
            field = forms.IntegerField(
                label=Stage(stage.value).label,
                required=False,
                min_value=1,
                max_value=method.MAX_STALE_DAYS,
                help_text=_("The method says %(days)d.") % {"days": days},
            )
            self.fields[stage.value] = field
            if current.get(stage) != days:
                self.initial[stage.value] = current.get(stage)


class DigestForm(forms.ModelForm):
    class Meta:
        model = DigestPreference
        fields = ("frequency", "weekday")


class FeedForm(forms.Form):
    scope = forms.ChoiceField(
        label=_("The calendar shows"),
        choices=FeedScope.choices,
        widget=forms.RadioSelect,
        initial=FeedScope.MINE,
    )
