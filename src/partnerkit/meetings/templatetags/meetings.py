"""The meetings card on a partnership's page (two queries)."""

from django.template import Library

from partnerkit.meetings import selectors
from partnerkit.workspaces.permissions import can

register = Library()


@register.inclusion_tag("meetings/_card.html", takes_context=True)
def meetings_card(context, partnership):
    request = context["request"]
    membership = getattr(request, "membership", None)
    card = selectors.partnership_card(partnership)
    return {
        "partnership": partnership,
        "workspace": context.get("workspace") or partnership.workspace,
        "next_meeting": card.next,
        "last_meeting": card.last,
        "can_edit": membership is not None and can(membership, "edit"),
    }
