"""What the negotiation shows on other apps' pages: the card on the partnership page and the
commitments on a meeting's notes page. Each tag issues a fixed number of queries."""

from django.template import Library

from partnerkit.negotiation import selectors
from partnerkit.negotiation.forms import CommitmentForm
from partnerkit.workspaces.permissions import can

register = Library()


def _can_edit(context) -> bool:
    membership = getattr(context.get("request"), "membership", None)
    return membership is not None and can(membership, "edit")


@register.simple_tag(takes_context=True)
def negotiation_card(context, partnership):
    """Counts of commitments and warning signs, and the workspace's capacity this month."""
    return {
        "summary": selectors.summary(partnership=partnership),
        "capacity": selectors.capacity_check(partnership.workspace),
        "can_edit": _can_edit(context),
    }


@register.simple_tag(takes_context=True)
def meeting_commitments(context, meeting):
    """The meeting's commitments with their findings, the form to add one, and the capacity."""
    can_edit = _can_edit(context)
    partnership = meeting.partnership
    return {
        "commitments": selectors.meeting_commitments(meeting=meeting),
        "form": (
            CommitmentForm(partnership=partnership, initial={"meeting": meeting.pk})
            if can_edit
            else None
        ),
        "capacity": selectors.capacity_check(partnership.workspace),
        "partnership": partnership,
        "can_edit": can_edit,
    }
