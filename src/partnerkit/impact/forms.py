from django import forms
from django.utils.translation import gettext_lazy as _

from partnerkit.impact.models import ReportKind, SourceKind

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class SourceForm(forms.Form):
    kind = forms.ChoiceField(label=_("What to count"), choices=SourceKind.choices)
    name = forms.CharField(
        label=_("Category or user name"), required=False, max_length=255,
        help_text=_("For a category, its name without “Category:”; for uploads, the Commons "
                    "user name."),
    )
    deep = forms.BooleanField(
        label=_("Count its subcategories too (seven levels)"), required=False, initial=True
    )
    entries = forms.CharField(
        label=_("Items or articles, one per line"), required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Wikidata ids such as Q42, or articles' addresses such as "
                    "https://en.wikipedia.org/wiki/Title."),
    )
    since = forms.DateField(
        label=_("Count from"), required=False, widget=DATE,
        help_text=_("Leave empty to count from the partnership's start."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def service_values(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        data["entries"] = data["entries"].splitlines()
        return data


class ReportForm(forms.Form):
    kind = forms.ChoiceField(label=_("Report"), choices=ReportKind.choices)
    title = forms.CharField(label=_("Title"), max_length=300, required=False,
                            help_text=_("Leave empty for one made of the partnership and period."))
    period_start = forms.DateField(label=_("From"), required=False, widget=DATE)
    period_end = forms.DateField(label=_("To"), required=False, widget=DATE)


class NarrativeForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    period_start = forms.DateField(label=_("From"), widget=DATE)
    period_end = forms.DateField(label=_("To"), widget=DATE)
    summary = forms.CharField(
        label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What happened in the period, in a few sentences they will read first."),
    )
    highlights = forms.CharField(
        label=_("Highlights"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Stories behind the figures: a file that travelled, an article that grew."),
    )
    next_steps = forms.CharField(label=_("Next steps"), required=False,
                                 widget=forms.Textarea(attrs={"rows": 3}))
    thanks = forms.CharField(label=_("Thanks"), required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)


class SentForm(forms.Form):
    on = forms.DateField(label=_("Sent on"), required=False, widget=DATE)
