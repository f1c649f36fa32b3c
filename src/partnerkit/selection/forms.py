from django import forms
from django.utils.translation import gettext_lazy as _

from partnerkit.method.weights import CRITERIA, PRESETS, RankingError


class WeightsForm(forms.Form):
    """A preset and a weight per criterion. Only the proportions of the weights matter;
    the checks (not negative, not all zero) are the ranking's own, shown under the field."""

    preset = forms.ChoiceField(
        label=_("Preset"), choices=[(code, p.label) for code, p in PRESETS.items()]
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for criterion in CRITERIA:
            direction = _("lower is better") if criterion.direction == "lower" else ""
            self.fields[criterion.code] = forms.FloatField(
                label=criterion.label,
                required=False,
                help_text=direction,
                widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
            )

    def weights(self) -> dict[str, float]:
        return {
            criterion.code: self.cleaned_data.get(criterion.code) or 0 for criterion in CRITERIA
        }

    def add_ranking_error(self, error: RankingError) -> None:
        """Put the ranking's message under the criterion it names, or above the form."""
        field = error.criterion if error.criterion in self.fields else None
        self.add_error(field, str(error))


class ThresholdForm(forms.Form):
    threshold = forms.IntegerField(
        label=_("Warn above this chance of overload (%)"),
        min_value=1,
        max_value=99,
        help_text=_(
            "Selecting a partnership warns when the chance of needing more hours than the group "
            "has would be higher than this."
        ),
    )


class SelectForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    seed = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    reason = forms.CharField(
        label=_("Why select this partnership?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Recorded with the decision; internal, never shown to the partner."),
    )
    confirm_overload = forms.BooleanField(
        label=_("Select anyway, knowing the risk of overload"), required=False
    )


class ShortlistForm(forms.Form):
    reason = forms.CharField(max_length=2000, required=False)


class NoticeCreateForm(forms.Form):
    partnerships = forms.ModelMultipleChoiceField(
        label=_("Selected partnerships to list"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
    )
    wikitext = forms.CharField(
        label=_("Wikitext"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 16, "class": "wikitext", "spellcheck": "true"}),
        help_text=_("Public: only titles, partners, goal types and public facts. Edit freely."),
    )

    def __init__(self, *args, selected, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partnerships"].queryset = selected
        self.fields["partnerships"].label_from_instance = (
            lambda partnership: f"{partnership.title} — {partnership.partner.name}"
        )


class NoticeForm(forms.Form):
    wikitext = forms.CharField(
        label=_("Wikitext"), widget=forms.Textarea(attrs={"rows": 16, "class": "wikitext"})
    )
    posted_url = forms.URLField(
        label=_("Posted at"), required=False, max_length=500, assume_scheme="https",
        help_text=_("The address of the wiki page where the notice was posted."),
    )
    posted_on = forms.DateField(
        label=_("Posted on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    feedback = forms.CharField(
        label=_("Feedback received"), required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What the community said: support, concerns, offers of help."),
    )
