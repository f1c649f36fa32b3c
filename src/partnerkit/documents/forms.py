from django import forms
from django.utils.translation import gettext_lazy as _

from partnerkit.documents.models import Kind
from partnerkit.documents.services import LANGUAGES, SECTION_MAX_CHARS, TITLE_MAX

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def language_choices():
    from django.conf import settings

    names = dict(settings.LANGUAGES)
    return [(code, names.get(code, code)) for code in LANGUAGES]


class NewDocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Document"), choices=Kind.choices)
    language = forms.ChoiceField(label=_("Language"), choices=language_choices)
    reason = forms.CharField(
        label=_("Reason to give them (decline letter)"), required=False, max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("A sentence the partner will read; our internal reasons stay internal."),
    )


class DocumentEditForm(forms.Form):
    """The title and, per section, its heading and text."""

    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX)
    note = forms.CharField(label=_("What changed (optional)"), required=False, max_length=300)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def __init__(self, *args, document, **kwargs):
        super().__init__(*args, **kwargs)
        self.keys = []
        for section in document.sections:
            key = section["key"]
            self.keys.append(key)
            self.fields[f"heading_{key}"] = forms.CharField(
                label=_("Heading"), max_length=200, initial=section["heading"]
            )
            self.fields[f"text_{key}"] = forms.CharField(
                label=section["heading"], required=False, max_length=SECTION_MAX_CHARS,
                initial=section["text"], widget=forms.Textarea(attrs={"rows": 6}),
                help_text=_("A blank line starts a paragraph; “- ” starts an item of a list."),
            )
        if not self.is_bound:
            self.initial.update(title=document.title, version=document.version)

    def sections(self):
        """(heading field, text field) per section, for the template."""
        return [(self[f"heading_{key}"], self[f"text_{key}"]) for key in self.keys]

    def service_values(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "texts": {key: data[f"text_{key}"] for key in self.keys},
            "headings": {key: data[f"heading_{key}"] for key in self.keys},
            "note": data["note"],
        }


class StatusForm(forms.Form):
    action = forms.ChoiceField(choices=[("sent", "sent"), ("draft", "draft"),
                                        ("signed", "signed")])
    on = forms.DateField(label=_("On"), required=False, widget=DATE)
    ends_on = forms.DateField(label=_("Agreement ends"), required=False, widget=DATE)


class SignedCopyForm(forms.Form):
    signed_copy = forms.FileField(label=_("Signed copy (PDF, PNG or JPEG)"))


class TemplateForm(forms.Form):
    heading = forms.CharField(label=_("Heading"), max_length=200)
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 8}))


class LetterheadForm(forms.Form):
    lines = forms.CharField(label=_("Lines under the name"), required=False,
                            widget=forms.Textarea(attrs={"rows": 3}),
                            help_text=_("Address, website, e-mail: one per line."))
    place = forms.CharField(label=_("Place"), required=False, max_length=100)
    logo = forms.FileField(label=_("Logo (PNG or JPEG, at most 1 MB)"), required=False)
    remove_logo = forms.BooleanField(label=_("Remove the logo"), required=False)
