from django import forms
from django.utils.translation import gettext_lazy as _

from partnerkit.research.models import DossierSource, Question
from partnerkit.research.services import SOURCE_FIELDS


class WikidataSearchForm(forms.Form):
    q = forms.CharField(label=_("Name to search for"), max_length=200)


class WikidataLinkForm(forms.Form):
    qid = forms.CharField(
        label=_("Wikidata item"),
        max_length=200,
        help_text=_("An item id such as Q190804, or paste the item's Wikidata address."),
    )


class SourceForm(forms.ModelForm):
    date = forms.DateField(
        label=_("Date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    url = forms.URLField(
        label=_("Address"),
        required=False,
        max_length=500,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
    )

    class Meta:
        model = DossierSource
        fields = SOURCE_FIELDS
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def service_values(self) -> dict:
        return {name: self.cleaned_data[name] for name in SOURCE_FIELDS}


class AnswersForm(forms.Form):
    """One text area per study question."""

    def __init__(self, *args, answers=(), **kwargs):
        super().__init__(*args, **kwargs)
        current = {row.question: row for row in answers}
        for question in Question:
            row = current.get(question.value)
            self.fields[question.value] = forms.CharField(
                label=question.label,
                required=False,
                max_length=5000,
                widget=forms.Textarea(attrs={"rows": 3}),
                initial=row.text if row else "",
            )
            if row is not None and row.prefilled_at:
                self.fields[question.value].help_text = _(
                    "Suggested from Wikidata; saving a change makes it yours."
                )

    def changed_answers(self) -> dict[str, str]:
        return {name: self.cleaned_data[name] for name in self.changed_data}
