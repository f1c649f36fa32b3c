"""The research summary shown on a partner's page (three queries)."""

from django import template

from partnerkit.research import selectors

register = template.Library()


@register.inclusion_tag("research/_panel.html", takes_context=True)
def research_panel(context, partner):
    return {
        "partner": partner,
        "workspace": context.get("workspace"),
        "facts": selectors.facts_of(partner),
        "completeness": selectors.completeness_of(partner),
    }
