from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from partnerkit.method import partner_kinds
from partnerkit.transfer.columns import KindSpec
from partnerkit.transfer.models import RecordKind
from partnerkit.transfer.reading import MAX_BYTES, MAX_ROWS, FileProblem, read_table


class UploadForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("The file holds"), choices=RecordKind.choices, initial=RecordKind.PARTNERS,
        widget=forms.RadioSelect,
        help_text=_("One row per partner, per contact or per partnership. Import partners "
                    "first: contacts and partnerships name the partner they belong to."),
    )
    file = forms.FileField(
        label=_("File"),
        help_text=_("CSV (any encoding, separated by commas, semicolons or tabs), XLSX or "
                    "JSON; at most %(mb)d MB and %(rows)s rows.")
        % {"mb": MAX_BYTES // (1024 * 1024), "rows": f"{MAX_ROWS:,}"},
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.tsv,.txt,.xlsx,.json"}),
    )
    sheet = forms.CharField(
        label=_("Sheet"), required=False, max_length=100,
        help_text=_("For XLSX files with several sheets; the first sheet otherwise."),
    )

    table = None

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload is None:
            return cleaned
        data = upload.read(MAX_BYTES + 1)
        try:
            self.table = read_table(data, file_name=upload.name, sheet=cleaned.get("sheet") or None)
        except FileProblem as problem:
            self.add_error("file", str(problem))
        return cleaned


def _needed(spec: KindSpec, field: str) -> str:
    for group in spec.required_any:
        if field not in group:
            continue
        if len(group) == 1:
            if field in spec.defaultable:
                return str(_("Required, unless you choose a value for every row below."))
            return str(_("Required."))
        return str(_("One of %(columns)s is required.") % {
            "columns": ", ".join(spec.column(name).header for name in group)
        })
    return ""


def _kind_choices():
    kinds = [(kind.code, _(kind.label)) for kind in partner_kinds.KINDS]
    return [("", _("— from the file —")), *kinds]


def _country_choices():
    return [("", _("— from the file —"))] + list(countries)


class MappingForm(forms.Form):
    """For each column of Partnerkit, the file's column that holds it."""

    def __init__(self, *args, spec: KindSpec, headers: list[str], mapping: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.spec = spec
        choices = [("", _("— not imported —"))] + [(header, header) for header in headers]
        columns = mapping.get("columns", {})
        defaults = mapping.get("defaults", {})
        for column in spec.columns:
            self.fields[f"column_{column.field}"] = forms.ChoiceField(
                label=column.header, choices=choices, required=False,
                initial=columns.get(column.field, ""),
                help_text=" ".join(
                    part for part in (_needed(spec, column.field), column.help) if part
                ),
            )
            self.fields[f"column_{column.field}"].private = column.private
        for name in spec.defaultable:
            self.fields[f"default_{name}"] = forms.ChoiceField(
                label=_("%(column)s for rows without one") % {"column": spec.column(name).header},
                choices=_kind_choices() if name == "kind" else _country_choices(),
                required=False, initial=defaults.get(name, ""),
            )

    def column_fields(self):
        return [self[f"column_{column.field}"] for column in self.spec.columns]

    def default_fields(self):
        return [self[f"default_{name}"] for name in self.spec.defaultable]

    def clean(self):
        cleaned = super().clean()
        chosen: dict[str, str] = {}
        for column in self.spec.columns:
            header = cleaned.get(f"column_{column.field}")
            if not header:
                continue
            if header in chosen:
                self.add_error(
                    f"column_{column.field}",
                    _("“%(header)s” is already used for %(other)s.")
                    % {"header": header, "other": chosen[header]},
                )
            chosen[header] = column.header
        return cleaned

    def mapping(self) -> dict:
        return {
            "columns": {
                column.field: self.cleaned_data[f"column_{column.field}"]
                for column in self.spec.columns
                if self.cleaned_data.get(f"column_{column.field}")
            },
            "defaults": {
                name: self.cleaned_data[f"default_{name}"]
                for name in self.spec.defaultable
                if self.cleaned_data.get(f"default_{name}")
            },
        }
