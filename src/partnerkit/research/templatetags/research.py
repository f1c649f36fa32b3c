"""The research summary shown on a partner's page (three queries)."""

from django.template import Library

from partnerkit.research import selectors

register = Library()


@register.inclusion_tag("research/_panel.html", takes_context=True)
def research_panel(context, partner):
    return {
        "partner": partner,
        "workspace": context.get("workspace"),
        "facts": selectors.facts_of(partner),
        "completeness": selectors.completeness_of(partner),
    }
