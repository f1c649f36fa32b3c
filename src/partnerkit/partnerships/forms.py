from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from partnerkit.method import goal_types as goal_catalogue
from partnerkit.partners.forms import VersionedForm, kind_choices
from partnerkit.partners.models import Contact, Partner
from partnerkit.partners.selectors import workspace_tags
from partnerkit.partnerships.models import GoalTypeCode, Partnership, Stage
from partnerkit.partnerships.services import PARTNERSHIP_FIELDS

ESTIMATE_CHOICES = [
    ("", "—"),
    (1, _("1 — very low")),
    (2, _("2 — low")),
    (3, _("3 — medium")),
    (4, _("4 — high")),
    (5, _("5 — very high")),
]
DATE_FIELDS = ("next_step_due", "started_on", "mou_signed_on", "review_on", "ends_on")


def member_users(workspace):
    return get_user_model().objects.filter(memberships__workspace=workspace).order_by("username")


def member_choices(workspace) -> list[tuple[str, str]]:
    return [(str(user.pk), str(user)) for user in member_users(workspace)]


class PartnershipForm(VersionedForm):
    """Creates and edits a partnership; the stage is changed by the move form only.

    ``partner`` is the partner fixed by the page (editing, or starting from a partner's
    page); without one the form asks for it, and offers that partner's contacts as the owner
    on the partner's side.
    """

    partner = forms.ModelChoiceField(
        label=_("Partner"), queryset=Partner.objects.none(), empty_label="—"
    )
    goal_types = forms.MultipleChoiceField(
        label=_("Goal types"),
        required=False,
        # In the method's order, so the template can pair each box with its summary.
        choices=[(goal.code, GoalTypeCode(goal.code).label) for goal in goal_catalogue.GOAL_TYPES],
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Partnership
        fields = PARTNERSHIP_FIELDS
        widgets = {
            "sketch": forms.Textarea(attrs={"rows": 4}),
            "batna": forms.Textarea(attrs={"rows": 3}),
            "plan_b": forms.Textarea(attrs={"rows": 3}),
            "decision_reason": forms.Textarea(attrs={"rows": 2}),
            **{
                f"{name}_reason": forms.Textarea(attrs={"rows": 2})
                for name in (*Partnership.ESTIMATES, "effort")
            },
            **{name: forms.Select(choices=ESTIMATE_CHOICES) for name in Partnership.ESTIMATES},
            **{
                name: forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
                for name in DATE_FIELDS
            },
        }

    def __init__(self, *args, workspace, partner=None, **kwargs):
        super().__init__(*args, **kwargs)
        for name in Partnership.ESTIMATES:
            self.fields[name].help_text = ""  # the scale is explained once, above the estimates
        self.fields["owner"].queryset = member_users(workspace)
        self.fields["owner"].empty_label = _("No owner yet")
        if self.instance.pk:
            partner = self.instance.partner
            del self.fields["partner"]
            if not self.is_bound:
                self.initial["goal_types"] = [goal.code for goal in self.instance.goal_types.all()]
        else:
            self.fields["partner"].queryset = Partner.objects.filter(workspace=workspace).active()
            if partner is not None:
                self.initial["partner"] = partner.pk
            if self.is_bound:
                partner = self._posted_partner(workspace) or partner
        self.chosen_partner = partner
        owner_field = self.fields["partner_owner"]
        owner_field.empty_label = _("No owner yet")
        owner_field.queryset = (
            Contact.objects.filter(partner=partner) if partner else Contact.objects.none()
        )
        if partner is None:
            owner_field.help_text = _("Choose the partner first; its contacts are offered here.")

    def _posted_partner(self, workspace):
        value = self.data.get(self.add_prefix("partner"))
        if not value or not str(value).isdigit():
            return None
        return Partner.objects.filter(workspace=workspace, pk=value).first()

    @property
    def goal_type_options(self):
        """Each goal type's checkbox with the method's summary of what it is for."""
        return [
            (checkbox, goal.summary)
            for checkbox, goal in zip(self["goal_types"], goal_catalogue.GOAL_TYPES, strict=True)
        ]

    def service_values(self) -> dict:
        return {name: self.cleaned_data[name] for name in PARTNERSHIP_FIELDS} | {
            "goal_types": self.cleaned_data["goal_types"]
        }


class MoveForm(forms.Form):
    """Moves a partnership to another stage, from a board card or the partnership page."""

    to = forms.ChoiceField(label=_("Move to"), choices=Stage.choices)
    reason = forms.CharField(label=_("Reason"), required=False, max_length=2000)
    override_reason = forms.CharField(
        label=_("Why set the conditions aside"), required=False, max_length=2000
    )
    next = forms.CharField(required=False, widget=forms.HiddenInput)


class PartnershipFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    goal_type = forms.ChoiceField(
        label=_("Goal type"),
        required=False,
        choices=[("", _("All goal types"))] + list(GoalTypeCode.choices),
    )
    partner_kind = forms.ChoiceField(label=_("Partner kind"), required=False)
    owner = forms.ChoiceField(label=_("Owner"), required=False)
    tag = forms.ChoiceField(label=_("Partner tag"), required=False)
    stage = forms.ChoiceField(
        label=_("Stage"), required=False, choices=[("", _("All stages"))] + list(Stage.choices)
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("title", _("Title")),
            ("partner", _("Partner")),
            ("stage", _("Stage")),
            ("due", _("Next step due")),
            ("-impact", _("Impact")),
            ("-effort", _("Effort")),
            ("-updated", _("Recently changed")),
        ],
    )

    def __init__(self, *args, workspace, **kwargs):
        super().__init__(*args, label_suffix="", **kwargs)
        self.fields["partner_kind"].choices = [("", _("All kinds"))] + kind_choices()[1:]
        self.fields["owner"].choices = [
            ("", _("Anyone or no one")),
            ("none", _("No owner")),
        ] + member_choices(workspace)
        self.fields["tag"].choices = [("", _("All tags"))] + [
            (tag.name, tag.name) for tag in workspace_tags(workspace=workspace)
        ]

    def filter_values(self) -> dict:
        """The valid, non-empty filters; an invalid one (an old link) is left out, not fatal."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}
