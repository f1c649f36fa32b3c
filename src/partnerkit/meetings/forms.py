from django import forms
from django.utils.translation import gettext_lazy as _

from partnerkit.meetings.models import Meeting, Side
from partnerkit.meetings.services import NOTES_FIELDS, PLAN_FIELDS, PREPARATION_FIELDS
from partnerkit.partners.forms import VersionedForm
from partnerkit.partners.models import Contact
from partnerkit.partnerships.forms import member_users

START_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
TEXT = forms.Textarea(attrs={"rows": 3})


class ServiceValidatedForm(VersionedForm):
    """The service checks the record and names the field of each problem, with the method's
    messages (a length outside the agenda's range, a start in the past), so the form does not
    validate the model first; it also leaves the instance as loaded."""

    def _post_clean(self):
        pass


class MeetingForm(ServiceValidatedForm):
    """Plans a meeting, or changes its plan and preparation sheet."""

    already_happened = forms.BooleanField(
        label=_("It already happened"),
        required=False,
        help_text=_("Tick to record a meeting that took place before today."),
    )

    class Meta:
        model = Meeting
        fields = PLAN_FIELDS + PREPARATION_FIELDS
        widgets = {
            "starts_at": START_WIDGET,
            "minutes": forms.NumberInput(attrs={"min": 15, "max": 480, "step": 5}),
            **{name: TEXT for name in PREPARATION_FIELDS if name != "no_partnership_ok"},
        }

    def __init__(self, *args, planning: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        # The length's limits come from the method: the service explains them.
        self.fields["minutes"].min_value = None
        self.fields["minutes"].max_value = None
        self.fields["minutes"].validators = []
        if planning:
            for name in PREPARATION_FIELDS:
                del self.fields[name]

    def service_values(self) -> dict:
        return {
            name: self.cleaned_data[name]
            for name in self.fields
            if name not in ("version", "already_happened")
        }


class NotesForm(ServiceValidatedForm):
    class Meta:
        model = Meeting
        fields = NOTES_FIELDS
        widgets = {name: TEXT for name in NOTES_FIELDS}

    def service_values(self) -> dict:
        return {name: self.cleaned_data[name] for name in NOTES_FIELDS}


class AgendaItemForm(forms.Form):
    minutes = forms.IntegerField(label=_("Minutes"), required=False)
    notes = forms.CharField(label=_("Our notes"), required=False, widget=forms.Textarea(
        attrs={"rows": 2}
    ))


class AttendeeForm(forms.Form):
    side = forms.ChoiceField(label=_("Side"), choices=Side.choices)
    user = forms.ModelChoiceField(
        label=_("One of us"), required=False, queryset=None, empty_label="—"
    )
    contact = forms.ModelChoiceField(
        label=_("One of their contacts"), required=False, queryset=None, empty_label="—"
    )
    name = forms.CharField(
        label=_("Or a name"), required=False, max_length=200,
        help_text=_("For someone who is neither a member nor a contact."),
    )
    role_in_meeting = forms.CharField(
        label=_("Role in the meeting"), required=False, max_length=200
    )
    technical = forms.BooleanField(label=_("Can answer technical questions"), required=False)

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = member_users(meeting.workspace)
        self.fields["contact"].queryset = Contact.objects.filter(
            partner_id=meeting.partnership.partner_id
        )


class MaterialForm(forms.Form):
    text = forms.CharField(label=_("Something else to bring"), max_length=300)


class NextStepForm(forms.Form):
    text = forms.CharField(label=_("Next step"), max_length=500)
    owner = forms.ChoiceField(label=_("Owner"), required=False)
    due_on = forms.DateField(
        label=_("Due"), required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.users = {str(user.pk): user for user in member_users(meeting.workspace)}
        self.contacts = {
            str(contact.pk): contact
            for contact in Contact.objects.filter(partner_id=meeting.partnership.partner_id)
        }
        self.fields["owner"].choices = [
            ("", "—"),
            (_("Our side"), [(f"u{pk}", str(user)) for pk, user in self.users.items()]),
            (
                _("The partner's side"),
                [(f"c{pk}", contact.name) for pk, contact in self.contacts.items()],
            ),
        ]

    def service_values(self) -> dict:
        owner = self.cleaned_data["owner"]
        return {
            "text": self.cleaned_data["text"],
            "due_on": self.cleaned_data["due_on"],
            "owner_user": self.users.get(owner[1:]) if owner.startswith("u") else None,
            "owner_contact": self.contacts.get(owner[1:]) if owner.startswith("c") else None,
        }
