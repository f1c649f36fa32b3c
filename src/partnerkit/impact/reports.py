"""What a report shows, frozen into ``Report.figures`` when it is made or refreshed.

Only public figures go in: counts of files, articles and views from Wikimedia, the names of
the sources, what could not be counted. Nothing private of the partnership (estimates, BATNA,
notes) nor anyone's personal data is read here, so no output made from it can show them.

The shape (every date as ISO text, every month as "YYYY-MM"):

    {"partnership": {"title", "partner"},
     "period": {"start", "end"}, "since": "YYYY-MM" (the partnership's first month),
     "generated_at",
     "totals": [{"metric", "label", "definition", "value", "origins": [label, …]}],
     "views_by_month": [{"month", "views"}],          # since the partnership began
     "views_in_period": n,
     "files_used_by_month": [{"month", "value"}],
     "top_pages": [{"wiki", "title", "views", "files"}],  # views over the period's months
     "top_files": [{"title", "pages"}],
     "sources": [{"label", "kind", "origins": [label, …], "refreshed_at", "problems": [...]}],
     "missing": [sentence, …]}                          # what the figures do not cover
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from partnerkit.impact import selectors
from partnerkit.impact.models import Report, origin_label
from partnerkit.method import impact as method


def build_figures(report: Report, *, today: dt.date | None = None) -> dict:
    today = today or timezone.localdate()
    partnership = report.partnership
    sources = selectors.sources_of(partnership)
    since = method.first_month(started_on=partnership.started_on, since=None, today=today)
    period_months = [
        month for month in method.months_between(report.period_start, report.period_end)
        if month <= (method.last_complete_month(today) or month)
    ]
    views = selectors.monthly_series(sources, "page_views", since=since)
    used = selectors.monthly_series(sources, "files_used", since=since)
    missing: list[str] = []
    for source in sources:
        if source.latest is None:
            missing.append(
                _("%(source)s has not been counted yet; refresh the figures.") % {"source": source}
            )
        for problem in source.problems or []:
            missing.append(problem)
    if sources and not views:
        missing.append(_("No month of page views is complete yet for these sources."))
    if not sources:
        missing.append(_("No source of figures is set for this partnership yet."))
    return {
        "partnership": {"title": partnership.title, "partner": partnership.partner.name},
        "period": {"start": report.period_start.isoformat(), "end": report.period_end.isoformat()},
        "since": f"{since:%Y-%m}",
        "generated_at": timezone.now().isoformat(timespec="seconds"),
        "totals": [
            {"metric": total.metric, "label": str(total.label),
             "definition": str(total.definition), "value": total.value,
             "origins": total.origin_labels}
            for total in selectors.totals_of(sources)
        ],
        "views_by_month": [{"month": f"{month:%Y-%m}", "views": value} for month, value, _o in views],
        "views_in_period": sum(
            value for month, value, _o in views if month in set(period_months)
        ),
        "files_used_by_month": [
            {"month": f"{month:%Y-%m}", "value": value} for month, value, _o in used
        ],
        "top_pages": selectors.top_pages(sources, months=period_months),
        "top_files": selectors.top_files(sources),
        "sources": [
            {"label": str(source), "kind": source.kind,
             "origins": sorted({origin_label(figure["origin"])
                                for figure in (source.latest.figures.values() if source.latest else [])}),
             "refreshed_at": source.refreshed_at.isoformat(timespec="minutes") if source.refreshed_at else None,
             "problems": list(source.problems or [])}
            for source in sources
        ],
        "missing": missing,
    }
