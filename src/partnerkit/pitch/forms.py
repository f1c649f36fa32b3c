from django import forms
from django.contrib.auth import get_user_model
from django.forms import modelform_factory
from django.utils.translation import gettext_lazy as _

from partnerkit.partners.forms import VersionedForm
from partnerkit.partners.models import Contact
from partnerkit.partnerships.models import Licence, Partnership
from partnerkit.pitch.models import PartnerText, Pitch, PitchAction

# The pitch page's forms over the pitch and the fields each one edits; the readiness
# questions answered on the pitch have the question's code.
SECTIONS: dict[str, tuple[str, ...]] = {
    "goals": ("shared_goals",),
    "summary": ("summary",),
    "benefits_partner": ("benefits_partner",),
    "benefits_wikimedia": ("benefits_wikimedia",),
    "assets": ("assets_ours", "assets_theirs"),
    "competencies": ("competencies",),
    "decisions": ("decision_making",),
    "roles": ("roles",),
    "community": ("community_involvement",),
}


def members_of(workspace):
    return get_user_model().objects.filter(memberships__workspace=workspace).order_by("username")


def pitch_form(fields, pitch: Pitch, data=None, *, prefix: str | None = None):
    """A form over some of the pitch's fields, carrying the version the editor saw."""
    form_class = modelform_factory(
        Pitch,
        form=VersionedForm,
        fields=fields,
        widgets={name: forms.Textarea(attrs={"rows": 3}) for name in fields},
    )
    form = form_class(data, instance=pitch, prefix=prefix)
    if data is None:
        form.initial["version"] = pitch.version
    return form


class OwnersForm(VersionedForm):
    """The owners on both sides, saved on the partnership."""

    class Meta:
        model = Partnership
        fields = ("owner", "partner_owner")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = members_of(self.instance.workspace_id)
        self.fields["owner"].label_from_instance = lambda user: user.get_username()
        self.fields["partner_owner"].queryset = Contact.objects.filter(
            partner_id=self.instance.partner_id
        )


class LicenceForm(VersionedForm):
    class Meta:
        model = Partnership
        fields = ("licence",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["licence"].choices = Licence.choices


class ActionForm(forms.ModelForm):
    class Meta:
        model = PitchAction
        fields = ("side", "text", "goal", "owner_user", "owner_contact")

    def __init__(self, *args, partnership: Partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_user"].queryset = members_of(partnership.workspace_id)
        self.fields["owner_user"].label_from_instance = lambda user: user.get_username()
        self.fields["owner_contact"].queryset = Contact.objects.filter(
            partner_id=partnership.partner_id
        )

    def service_values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class MaterialLinkForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    url = forms.URLField(label=_("Address"), max_length=1000, assume_scheme="https")


class MaterialFileForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300, required=False)
    file = forms.FileField(label=_("File"), help_text=_("At most 20 MB."))


class PartnerTextForm(forms.ModelForm):
    class Meta:
        model = PartnerText
        fields = ("title", "kind", "language", "text")
        widgets = {"text": forms.Textarea(attrs={"rows": 5})}
