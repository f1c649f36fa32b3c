from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from django_countries import countries as all_countries

from partnerkit.method.wikidata_ids import normalise_qid
from partnerkit.partners.models import Contact, Partner, PartnerKind
from partnerkit.partners.services import CONTACT_FIELDS, PARTNER_FIELDS


class VersionedForm(forms.ModelForm):
    """Carries the version the editor loaded, so a stale save becomes a conflict."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version


class PartnerForm(VersionedForm):
    tags = forms.CharField(
        label=_("Tags"),
        required=False,
        help_text=_("Separate tags with commas, e.g. GLAM, photography, 2026 drive."),
    )
    # A web address typed without a scheme means https (Django 6's default, chosen now).
    website = forms.URLField(
        label=_("Website"),
        required=False,
        max_length=500,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
    )
    wikidata_qid = forms.CharField(
        label=_("Wikidata item"),
        required=False,
        max_length=200,
        help_text=_("An item id such as Q190804, or paste the item's Wikidata address."),
    )

    class Meta:
        model = Partner
        fields = PARTNER_FIELDS
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "mission": forms.Textarea(attrs={"rows": 3}),
            "public_notes": forms.Textarea(attrs={"rows": 3}),
            "private_notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["tags"] = ", ".join(tag.name for tag in self.instance.tags.all())
        self.fields["kind"].choices = kind_choices()

    def clean_wikidata_qid(self):
        value = self.cleaned_data["wikidata_qid"].strip()
        if not value:
            return ""
        qid = normalise_qid(value)
        if qid is None:
            raise forms.ValidationError(
                _("“%(value)s” is not a Wikidata item; use an id such as Q190804."),
                params={"value": value[:60]},
            )
        return qid

    def clean_tags(self):
        return [name.strip() for name in self.cleaned_data["tags"].split(",") if name.strip()]

    def service_values(self) -> dict:
        return {name: self.cleaned_data[name] for name in PARTNER_FIELDS} | {
            "tags": self.cleaned_data["tags"]
        }


def kind_choices():
    """Partner kinds grouped as the method brainstorms them: internal, then external."""
    groups = {"internal": [], "external": []}
    for kind in PartnerKind:
        groups[kind.side.value].append((kind.value, kind.label))
    return [
        ("", "—"),
        (_("Internal partners (the movement)"), groups["internal"]),
        (_("External partners"), groups["external"]),
    ]


class ContactForm(VersionedForm):
    class Meta:
        model = Contact
        fields = CONTACT_FIELDS
        widgets = {
            "notes": forms.Textarea(attrs={"rows": 3}),
            "consent_note": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, partner=None, **kwargs):
        super().__init__(*args, **kwargs)
        partner = partner or (self.instance.partner if self.instance.partner_id else None)
        # Only this partner's other contacts and the workspace's members can be chosen.
        introducers = Contact.objects.none()
        owners = get_user_model().objects.none()
        if partner is not None:
            introducers = Contact.objects.filter(partner=partner).exclude(pk=self.instance.pk)
            owners = get_user_model().objects.filter(
                memberships__workspace_id=partner.workspace_id
            ).order_by("username")
        self.fields["introduced_by_contact"].queryset = introducers
        self.fields["our_owner"].queryset = owners
        self.fields["our_owner"].label_from_instance = lambda user: user.get_username()

    def service_values(self) -> dict:
        return {name: self.cleaned_data[name] for name in CONTACT_FIELDS}


class PartnerFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    side = forms.ChoiceField(
        label=_("Side"),
        required=False,
        choices=[("", _("All")), ("internal", _("Internal")), ("external", _("External"))],
    )
    country = forms.ChoiceField(label=_("Country"), required=False)
    tag = forms.CharField(label=_("Tag"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("active", _("Active")), ("archived", _("Archived")), ("all", _("All"))],
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("name", _("Name")),
            ("-updated", _("Recently changed")),
            ("country", _("Country")),
            ("kind", _("Kind")),
        ],
    )

    def __init__(self, *args, countries=(), **kwargs):
        super().__init__(*args, label_suffix="", **kwargs)
        self.fields["kind"].choices = [("", _("All kinds"))] + kind_choices()[1:]
        self.fields["country"].choices = [("", _("All countries"))] + [
            (code, all_countries.name(code)) for code in countries
        ]
