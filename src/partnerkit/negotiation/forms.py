from django import forms
from django.utils.translation import gettext_lazy as _

from partnerkit.method import warning_signs as sign_catalogue
from partnerkit.negotiation.models import TEXT_MAX_CHARS, Commitment, SignCode
from partnerkit.negotiation.services import COMMITMENT_FIELDS
from partnerkit.partners.forms import VersionedForm
from partnerkit.partners.models import Contact
from partnerkit.partnerships.forms import member_users
from partnerkit.partnerships.models import Stage


class CommitmentForm(VersionedForm):
    """A commitment of one side. ``meeting`` comes hidden from the meeting notes page."""

    class Meta:
        model = Commitment
        fields = COMMITMENT_FIELDS
        widgets = {
            "meeting": forms.HiddenInput,
            "text": forms.Textarea(attrs={"rows": 2}),
            "side": forms.RadioSelect,
            "due_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "effort_hours": forms.NumberInput(attrs={"step": "0.5", "min": "0", "max": "2000"}),
        }

    def __init__(self, *args, partnership, **kwargs):
        # Its own ids, so it can sit on a page with other forms (the meeting notes).
        kwargs.setdefault("auto_id", "commitment_%s")
        super().__init__(*args, **kwargs)
        self.partnership = partnership
        self.fields["meeting"].queryset = partnership.meetings.all()
        self.fields["meeting"].required = False
        self.fields["owner_user"].queryset = member_users(partnership.workspace)
        self.fields["owner_user"].empty_label = _("No one yet")
        self.fields["owner_contact"].queryset = Contact.objects.filter(
            partner_id=partnership.partner_id
        )
        self.fields["owner_contact"].empty_label = _("No one yet")
        self.fields["text"].max_length = TEXT_MAX_CHARS
        self.fields["side"].choices = [
            choice for choice in self.fields["side"].choices if choice[0]
        ]

    def service_values(self) -> dict:
        return {name: self.cleaned_data[name] for name in COMMITMENT_FIELDS}


class AcknowledgeForm(forms.Form):
    reason = forms.CharField(
        label=_("Why keep this promise?"),
        max_length=TEXT_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: the community agreed to it, or the wording is safe in context."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)


class WarningSignForm(forms.Form):
    code = forms.ChoiceField(label=_("Warning sign"), choices=SignCode.choices)
    evidence = forms.CharField(
        label=_("Evidence"),
        max_length=TEXT_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What did they say or do? Quote them where you can."),
    )
    meeting = forms.ModelChoiceField(
        queryset=None, required=False, widget=forms.HiddenInput
    )

    def __init__(self, *args, partnership, **kwargs):
        kwargs.setdefault("auto_id", "sign_%s")
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = partnership.meetings.all()

    @property
    def signs(self):
        return sign_catalogue.WARNING_SIGNS


class ResolveForm(forms.Form):
    note = forms.CharField(
        label=_("How was it resolved?"),
        max_length=TEXT_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)


class SayNoForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        widget=forms.RadioSelect,
        choices=[
            (
                Stage.DECLINED.value,
                _("No: we decline (stage “Declined”, decision “No-go”)"),
            ),
            (
                Stage.ON_HOLD.value,
                _("Not now: we put it on hold (stage “On hold”, decision “Not now”)"),
            ),
        ],
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Why the answer is no, or why it waits. Kept with the decision; the partner does "
            "not see it."
        ),
    )
