"""What the follow-ups show on other apps' pages: the card on the partnership page. A fixed
number of queries."""

from django.template import Library

from partnerkit.followups import selectors, services

register = Library()


@register.simple_tag
def followups_card(partnership):
    """Open and overdue tasks, the next one, and the last logged contact."""
    return selectors.partnership_card(partnership, today=services.today())
