from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from partnerkit.method import activities as method
from partnerkit.method import roles as roles_method
from partnerkit.partners.forms import VersionedForm
from partnerkit.partners.models import Contact
from partnerkit.partnerships.forms import member_users
from partnerkit.running.models import Activity, ActivityStatus, Raci, RecipeCode, Role, Side

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ServiceValidatedForm(VersionedForm):
    """The service checks the record and names the field of each problem, so the form does
    not validate the model first; it also leaves the instance as loaded."""

    def _post_clean(self):
        pass


class ActivityForm(ServiceValidatedForm):
    """Plans an activity (with its recipe chosen) or changes its plan."""

    class Meta:
        model = Activity
        fields = (
            "title", "starts_on", "ends_on", "location", "online", "status",
            "expected_participants", "actual_participants", "new_accounts", "notes",
        )
        widgets = {
            "starts_on": DATE_WIDGET,
            "ends_on": DATE_WIDGET,
            "notes": forms.Textarea(attrs={"rows": 3}),
            "expected_participants": forms.NumberInput(attrs={"min": 0}),
            "actual_participants": forms.NumberInput(attrs={"min": 0}),
            "new_accounts": forms.NumberInput(attrs={"min": 0}),
        }

    def __init__(self, *args, planning: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.planning = planning
        self.fields["title"].required = False
        self.fields["title"].help_text = _lazy("Empty: named after the recipe and the partner.")
        self.fields["ends_on"].required = False
        self.fields["ends_on"].help_text = _lazy("Empty: the recipe's usual length.")
        # Cancelling asks for a reason: it has its own button.
        self.fields["status"].choices = [
            choice for choice in ActivityStatus.choices if choice[0] != ActivityStatus.CANCELLED
        ]
        if self.instance.pk and self.instance.status == ActivityStatus.CANCELLED:
            self.fields["status"].choices.append(
                (ActivityStatus.CANCELLED, ActivityStatus.CANCELLED.label)
            )
        if planning:
            for name in ("status", "actual_participants", "new_accounts"):
                del self.fields[name]

    def service_values(self) -> dict:
        """What the editor changed (everything when planning), so that moving the start
        alone also moves the end and the open checklist items."""
        names = [name for name in self.fields if name != "version"]
        if not self.planning:
            names = [name for name in names if name in self.changed_data]
        return {name: self.cleaned_data[name] for name in names}


class OutputsForm(ServiceValidatedForm):
    """What the activity left on the wikis, typed as people have it at hand."""

    wikidata_items = forms.CharField(
        label=_lazy("Wikidata items"), required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_lazy("Item ids such as Q42, or their addresses, separated by commas or "
                        "one a line."),
    )
    articles = forms.CharField(
        label=_lazy("Articles"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_lazy("One a line: the article's address, or the wiki and the title as "
                        "“en.wikipedia.org|Ada Lovelace”."),
    )

    class Meta:
        model = Activity
        fields = ("commons_category", "uploads_count", "actual_participants", "new_accounts")
        widgets = {
            "uploads_count": forms.NumberInput(attrs={"min": 0}),
            "actual_participants": forms.NumberInput(attrs={"min": 0}),
            "new_accounts": forms.NumberInput(attrs={"min": 0}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["wikidata_items"] = ", ".join(self.instance.wikidata_items or [])
            self.initial["articles"] = "\n".join(
                f"{entry['wiki']}|{entry['title']}" for entry in self.instance.articles or []
            )

    def service_values(self) -> dict:
        return {
            "commons_category": self.cleaned_data["commons_category"],
            "uploads_count": self.cleaned_data["uploads_count"],
            "actual_participants": self.cleaned_data["actual_participants"],
            "new_accounts": self.cleaned_data["new_accounts"],
            "wikidata_items": method.split_list(self.cleaned_data["wikidata_items"]),
            "articles": self.cleaned_data["articles"].splitlines(),
        }


class CancelForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)
    reason = forms.CharField(label=_lazy("Why is it cancelled?"), max_length=300)


class ChecklistItemForm(forms.Form):
    title = forms.CharField(label=_lazy("Something else to do"), max_length=300)
    due_on = forms.DateField(label=_lazy("Due"), widget=DATE_WIDGET)
    owner = forms.ModelChoiceField(
        label=_lazy("Owner"), required=False, queryset=None, empty_label="—"
    )

    def __init__(self, *args, workspace, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = member_users(workspace)


class ItemOwnerForm(forms.Form):
    owner = forms.ModelChoiceField(label=_lazy("Give to"), required=False, queryset=None)

    def __init__(self, *args, workspace, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = member_users(workspace)


def area_choices() -> list[tuple[str, str]]:
    return [(code, _(label)) for code, label in roles_method.AREAS.items()]


class RoleForm(ServiceValidatedForm):
    """Who holds a role: the member or contact and a deputy, chosen from the side's people.
    The area is one of the catalogue's or typed in."""

    class Meta:
        model = Role
        fields = ("side", "area", "raci", "member", "deputy_member", "contact", "deputy_contact")

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        members = member_users(partnership.workspace)
        contacts = Contact.objects.filter(partner_id=partnership.partner_id)
        for name in ("member", "deputy_member"):
            self.fields[name].queryset = members
            self.fields[name].empty_label = "—"
        for name in ("contact", "deputy_contact"):
            self.fields[name].queryset = contacts
            self.fields[name].empty_label = "—"
        self.fields["member"].label = _lazy("Member (our side)")
        self.fields["deputy_member"].label = _lazy("Deputy (our side)")
        self.fields["contact"].label = _lazy("Contact (partner's side)")
        self.fields["deputy_contact"].label = _lazy("Deputy (partner's side)")
        self.fields["side"].initial = Side.OURS
        self.fields["raci"].initial = Raci.RESPONSIBLE
        self.fields["raci"].help_text = " ".join(
            f"{letter.value}: {_(roles_method.RACI_HELP[letter])}" for letter in roles_method.Raci
        )
        self.fields["area"].widget = forms.TextInput(attrs={"list": "role-areas"})
        self.fields["area"].help_text = _lazy(
            "Choose a suggestion or type your own, e.g. press contacts."
        )
        if self.instance.pk and not self.is_bound:
            self.initial["area"] = _(roles_method.area_label(self.instance.area))
        self.area_suggestions = area_choices()

    def service_values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields}


class PlanBForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)
    plan_b = forms.CharField(
        label=_lazy("Plan B"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_lazy("What we do if the partnership or an activity cannot go on as "
                        "planned, or how we back out gracefully."),
    )


class RecipeChoiceForm(forms.Form):
    recipe = forms.ChoiceField(label=_lazy("Recipe"), choices=RecipeCode.choices)
