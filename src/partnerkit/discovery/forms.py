from django import forms
from django.utils.translation import gettext_lazy as _

from partnerkit.discovery import sparql
from partnerkit.partners.models import PartnerKind

KIND_LABELS = {
    "museum": _("Museums"),
    "gallery": _("Art galleries"),
    "library": _("Libraries"),
    "archive": _("Archives"),
    "university": _("Universities and colleges"),
    "learned_society": _("Learned societies"),
    "government": _("Government agencies"),
    "ngo": _("NGOs and non-profit organisations"),
}


class DiscoveryForm(forms.Form):
    """Kind and area. The values are checked again by the query builder, which is the only
    place that writes them into SPARQL."""

    kind = forms.ChoiceField(
        label=_("Kind"), choices=[(code, KIND_LABELS[code]) for code in sparql.KINDS]
    )
    area = forms.CharField(
        label=_("Area"),
        max_length=200,
        help_text=_(
            "A country code such as SE, or a region or city as a Wikidata item "
            "(Q1754 for Stockholm) or its address."
        ),
    )
    limit = forms.IntegerField(
        label=_("At most"),
        min_value=1,
        max_value=sparql.MAX_LIMIT,
        initial=sparql.DEFAULT_LIMIT,
        required=False,
    )


class SparqlForm(forms.Form):
    sparql = forms.CharField(
        label=_("SPARQL query"),
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 12, "spellcheck": "false", "dir": "ltr"}),
        help_text=_(
            "A SELECT query for the Wikidata Query Service that binds ?item to each "
            "organisation's item. Optional: ?itemLabel, ?itemDescription, ?sitelinks, "
            "?website, ?commons, ?countryCode (ISO code) and ?placeLabel. At most 1,000 rows "
            "are kept; the service stops a query after 60 seconds."
        ),
    )


class AddForm(forms.Form):
    discovery = forms.IntegerField(widget=forms.HiddenInput)
    qids = forms.MultipleChoiceField(label=_("Results"), choices=[])
    kind = forms.ChoiceField(label=_("Add as"), choices=PartnerKind.choices)

    def __init__(self, *args, qids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["qids"].choices = [(qid, qid) for qid in qids]
        self.fields["qids"].error_messages["required"] = _("Tick at least one result to add.")
