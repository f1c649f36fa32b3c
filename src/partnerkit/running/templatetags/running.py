"""The running card on a partnership's page (two queries), and how areas, checklist
offsets and outputs read."""

from django.template import Library
from django.utils.translation import gettext as _

from partnerkit.method import activities as method
from partnerkit.running import selectors
from partnerkit.workspaces.permissions import can

register = Library()


@register.inclusion_tag("running/_card.html", takes_context=True)
def running_card(context, partnership):
    request = context["request"]
    membership = getattr(request, "membership", None)
    return {
        "partnership": partnership,
        "workspace": context.get("workspace") or partnership.workspace,
        "card": selectors.partnership_card(partnership),
        "can_edit": membership is not None and can(membership, "edit"),
    }


@register.filter
def area_label(area: str) -> str:
    """A role's or checklist item's area as the reader reads it."""
    return selectors.area_label(area)


@register.filter
def offset(days: int) -> str:
    """Days from an activity's start as a checklist shows them: −14, 0, +3."""
    if days > 0:
        return f"+{days}"
    return f"−{-days}" if days < 0 else "0"


@register.filter
def output_names(recipe) -> str:
    """The outputs a recipe leaves, by name, in the catalogue's order."""
    return ", ".join(
        _(method.OUTPUT_LABELS[kind]) for kind in method.OutputKind if kind in recipe.outputs
    )
