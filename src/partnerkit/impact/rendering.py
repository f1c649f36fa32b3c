"""A report as its readers get it: the partner's printed report (HTML, and PDF made from it by
WeasyPrint) and the community's report page (wikitext).

Everything shown comes from the report itself: its title, period and narrative, and the
figures frozen into ``Report.figures`` (see ``impact.reports`` for their shape), which hold
only public counts. Nothing else of the partnership or of its people is read here, so nothing
private can show. What people typed is always literal: the template escapes it for HTML, and
``_wiki`` for wikitext.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection
from dataclasses import dataclass, field
from urllib.parse import quote

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from partnerkit.documents.rendering import wikitext_escape
from partnerkit.impact import charts
from partnerkit.impact.charts import grouped, month_name
from partnerkit.impact.models import Report
from partnerkit.method import impact as method

# Blank lines (spaces allowed on them) separate paragraphs.
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
# Characters no wiki page title may hold, and sequences MediaWiki refuses in one
# (signatures, entities, percent-encoding); such a title is shown as text, not linked.
_NOT_A_TITLE = re.compile(r"[#<>\[\]|{}\x00-\x1f\x7f]|~~~|__|&[A-Za-z0-9#]+;|%[0-9A-Fa-f]{2}")
_HOST = re.compile(r"^[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)+$")
_LANGUAGE = re.compile(r"^[a-z][a-z0-9-]*$")
# Interwiki prefixes that work from Meta-Wiki and Commons alike.
_PROJECT_PREFIXES = {
    "wikipedia": "w", "wiktionary": "wikt", "wikisource": "s", "wikibooks": "b",
    "wikinews": "n", "wikiquote": "q", "wikiversity": "v", "wikivoyage": "voy",
}
_SITE_PREFIXES = {
    "commons.wikimedia.org": "c", "www.wikidata.org": "d", "wikidata.org": "d",
    "meta.wikimedia.org": "m", "species.wikimedia.org": "species",
    "www.mediawiki.org": "mw", "incubator.wikimedia.org": "incubator",
}


@dataclass
class _Figure:
    value: str
    label: str
    definition: str
    origins: list[str]


@dataclass
class _Month:
    month: str  # "YYYY-MM"
    name: str
    views: str
    files: str
    in_period: bool


@dataclass
class _Section:
    key: str
    heading: str
    paragraphs: list[str]


@dataclass
class _View:
    """A report's content as both outputs show it: names, dates and numbers written out."""

    title: str
    sender: str
    partnership: str
    partner: str
    start: str
    end: str
    taken_at: str
    narrative: list[_Section]
    figures: list[_Figure]
    months: list[_Month]
    views: list[tuple[str, int]]
    files_used: list[tuple[str, int]]
    period_months: set[str]
    top_pages: list[dict]
    top_files: list[dict]
    sources: list[dict]
    missing: list[str] = field(default_factory=list)


def _paragraphs(text: str) -> list[str]:
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    return [part.strip() for part in _PARAGRAPH_BREAK.split(text) if part.strip()]


def _day(text: str | None, fallback: dt.date) -> dt.date:
    try:
        return dt.date.fromisoformat(text) if text else fallback
    except ValueError:
        return fallback


def _moment(text: str | None) -> str:
    """An ISO date and time as the active language writes it, in the installation's zone:
    "July 2, 2026 at 08:30 UTC"."""
    if not text:
        return ""
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        return text
    time = "H:i"
    if timezone.is_aware(moment):
        moment, time = timezone.localtime(moment), "H:i T"
    return _("%(date)s at %(time)s") % {
        "date": date_format(moment, "DATE_FORMAT"), "time": date_format(moment, time),
    }


def _file_name(title: str) -> str:
    return title.split(":", 1)[1] if title.startswith("File:") else title


def _view(report: Report) -> _View:
    figures = report.figures or {}
    about = figures.get("partnership") or {}
    period = figures.get("period") or {}
    start = _day(period.get("start"), report.period_start)
    end = _day(period.get("end"), report.period_end)
    period_months = {f"{month:%Y-%m}" for month in method.months_between(start, end)}
    totals = figures.get("totals") or []
    view_origins = next(
        (total.get("origins") or [] for total in totals if total.get("metric") == "page_views"), []
    )
    shown = [_Figure(
        value=grouped(figures.get("views_in_period") or 0),
        label=_("Page views in the report's period"),
        definition=_("Views by people, in the complete months of the period, of the articles "
                     "showing the files, on every wiki."),
        origins=list(view_origins),
    )] + [
        _Figure(value=grouped(total.get("value") or 0), label=str(total.get("label", "")),
                definition=str(total.get("definition", "")),
                origins=[str(origin) for origin in total.get("origins") or []])
        for total in totals
    ]
    views = [(row["month"], int(row["views"])) for row in figures.get("views_by_month") or []]
    used = [(row["month"], int(row["value"])) for row in figures.get("files_used_by_month") or []]
    views_of, used_of = dict(views), dict(used)
    months = [
        _Month(month=month, name=month_name(month),
               views=grouped(views_of[month]) if month in views_of else "–",
               files=grouped(used_of[month]) if month in used_of else "–",
               in_period=month in period_months)
        for month in sorted(set(views_of) | set(used_of))
    ]
    narrative = [
        _Section(key, heading, paragraphs)
        for key, heading, text in (
            ("summary", _("Summary"), report.summary),
            ("highlights", _("Highlights"), report.highlights),
            ("next-steps", _("Next steps"), report.next_steps),
            ("thanks", _("Thank you"), report.thanks),
        )
        if (paragraphs := _paragraphs(text))
    ]
    sources = [
        {"label": str(source.get("label", "")),
         "origins": [str(origin) for origin in source.get("origins") or []],
         "refreshed_at": _moment(source.get("refreshed_at"))}
        for source in figures.get("sources") or []
    ]
    return _View(
        title=report.title,
        sender=report.workspace.name,
        partnership=str(about.get("title") or report.partnership.title),
        partner=str(about.get("partner") or report.partnership.partner.name),
        start=date_format(start, "DATE_FORMAT"),
        end=date_format(end, "DATE_FORMAT"),
        taken_at=_moment(figures.get("generated_at")),
        narrative=narrative,
        figures=shown,
        months=months,
        views=views,
        files_used=used,
        period_months=period_months,
        top_pages=[
            {"wiki": str(page.get("wiki", "")), "title": str(page.get("title", "")),
             "views": int(page.get("views") or 0), "files": int(page.get("files") or 0)}
            for page in figures.get("top_pages") or []
        ],
        top_files=[
            {"title": str(row.get("title", "")), "pages": int(row.get("pages") or 0)}
            for row in figures.get("top_files") or []
        ],
        sources=sources,
        missing=[str(item) for item in figures.get("missing") or [] if str(item).strip()],
    )


# The partner's report: HTML and PDF -----------------------------------------------------------


def _article_url(wiki: str, title: str) -> str:
    if not _HOST.match(wiki) or _NOT_A_TITLE.search(title):
        return ""
    return f"https://{wiki}/wiki/{quote(title.replace(' ', '_'), safe='/:,()!*')}"


def partner_report_html(report: Report) -> str:
    """The partner's report as one printable HTML document (A4), charts inline as SVG."""
    return _print_html(report, inline_charts=True)


def partner_report_pdf(report: Report) -> bytes:
    import weasyprint  # Loaded on demand: it brings Pango with it.

    # WeasyPrint reads the style of inline SVG as page CSS and logs a warning for each
    # "fill" and "stroke" it does not know, hundreds per report; as images (data: addresses,
    # so the HTML still refers to nothing outside itself) they are drawn by its SVG renderer
    # alone, their words still text in the PDF.
    return weasyprint.HTML(string=_print_html(report, inline_charts=False)).write_pdf()


def _print_html(report: Report, *, inline_charts: bool) -> str:
    view = _view(report)
    drawn = {
        "views": charts.views_chart(view.views, highlighted=view.period_months),
        "files": charts.files_used_chart(view.files_used),
        "pages": charts.top_pages_chart(view.top_pages) if view.top_pages else None,
    }
    context = {
        "view": view,
        "language": translation.get_language() or "en",
        "rtl": translation.get_language_bidi(),
        "inline_charts": inline_charts,
        "charts": {
            # matplotlib escapes every text it writes into the SVG.
            key: {"svg": mark_safe(chart.svg), "uri": chart.data_uri,
                  "alt": f"{chart.title}. {chart.description}"}
            for key, chart in drawn.items() if chart is not None
        },
        "top_pages": [
            {**page, "views": grouped(page["views"]), "files": grouped(page["files"]),
             "url": _article_url(page["wiki"], page["title"])}
            for page in view.top_pages
        ],
        "top_files": [
            {"name": _file_name(row["title"]), "pages": grouped(row["pages"]),
             "url": _article_url("commons.wikimedia.org", row["title"])}
            for row in view.top_files
        ],
    }
    return render_to_string("impact/report_print.html", context)


# The community's report: wikitext ------------------------------------------------------------


def _wiki(text: str) -> str:
    """Text that shows as typed anywhere in the page: in a paragraph, a table cell (where a
    lone "|" or "!!" would start a new cell) or a link's label."""
    escaped = wikitext_escape(text)
    if ("|" in escaped or "!" in escaped) and not escaped.startswith("<nowiki>"):
        # Plain text has no "<" (wikitext_escape would have made it inert); "&" stays "&".
        escaped = f"<nowiki>{escaped.replace('&', '&amp;')}</nowiki>"
    return escaped


def _wiki_lines(text: str) -> str:
    """A paragraph whose single line breaks stay line breaks."""
    return "<br />\n".join(wikitext_escape(line) for line in text.split("\n") if line.strip())


def _target(title: str) -> str | None:
    """A title as a link target, or None when no wiki page could have that title."""
    title = " ".join(title.split())
    if not title or _NOT_A_TITLE.search(title):
        return None
    # Quotes read as bold or italics in some places; as entities they are only quotes.
    return title.replace("'", "&#39;")


def _interwiki(wiki: str) -> str | None:
    """The prefix of a wiki host for a link from Meta-Wiki or Commons: "w:de" for
    de.wikipedia.org, "c" for Commons; None for a wiki without one."""
    wiki = wiki.strip().lower()
    if wiki in _SITE_PREFIXES:
        return _SITE_PREFIXES[wiki]
    language, _dot, rest = wiki.partition(".")
    project = rest.removesuffix(".org")
    if project in _PROJECT_PREFIXES and _LANGUAGE.match(language) and rest.endswith(".org"):
        return f"{_PROJECT_PREFIXES[project]}:{language}"
    return None


def _article_link(wiki: str, title: str) -> str:
    label = _wiki(title)
    target = _target(title)
    if target is None:
        return label
    if prefix := _interwiki(wiki):
        return f"[[:{prefix}:{target}|{label}]]"
    if url := _article_url(wiki.strip().lower(), title):
        return f"[{url} {label}]"
    return label


def _file_link(title: str) -> str:
    name = _file_name(title)
    target = _target(name)
    if target is None:
        return _wiki(name)
    return f"[[:File:{target}|{_wiki(name)}]]"


def _table(headings: list[str], rows: list[list[str]], *, numeric: Collection[int] = ()) -> str:
    header = " !! ".join(f'scope="col" | {_wiki(heading)}' for heading in headings)
    lines = ['{| class="wikitable"', f"! {header}"]
    for row in rows:
        lines.append("|-")
        lines.append("| " + " || ".join(
            f'style="text-align: right" | {cell}' if index in numeric else cell
            for index, cell in enumerate(row)
        ))
    lines.append("|}")
    return "\n".join(lines)


def community_report_wikitext(report: Report) -> str:
    """The community's report as wikitext for an on-wiki page (Meta-Wiki, Commons or a
    Wikipedia): links to articles are interwiki links, so they work from any of them."""
    view = _view(report)
    chunks = [
        f"== {_wiki(view.title)} ==",
        _("%(partnership)s, a partnership of %(sender)s with %(partner)s.") % {
            "partnership": f"'''{_wiki(view.partnership)}'''", "sender": _wiki(view.sender),
            "partner": _wiki(view.partner),
        } + "<br />\n" + _wiki(_("Period: %(start)s – %(end)s") % {
            "start": view.start, "end": view.end,
        }),
    ]
    for section in view.narrative:
        chunks.append(f"=== {_wiki(section.heading)} ===")
        chunks.extend(_wiki_lines(paragraph) for paragraph in section.paragraphs)

    chunks.append(f"=== {_wiki(_('Figures'))} ===")
    chunks.append(_table(
        [_("Figure"), _("Value"), _("Definition"), _("Source")],
        [[_wiki(figure.label), _wiki(figure.value), _wiki(figure.definition),
          _wiki(", ".join(figure.origins))] for figure in view.figures],
        numeric={1},
    ))

    chunks.append(f"=== {_wiki(_('Page views per month'))} ===")
    if view.months:
        chunks.append(_table(
            [_("Month"), _("Page views"), _("Files in use")],
            [[f"'''{_wiki(month.name)}'''" if month.in_period else _wiki(month.name),
              _wiki(month.views), _wiki(month.files)] for month in view.months],
            numeric={1, 2},
        ))
        chunks.append(_wiki(_("Months of this report's period are in bold.")))
    else:
        chunks.append(_wiki(_("No month of page views is complete yet.")))

    if view.top_pages:
        chunks.append(f"=== {_wiki(_('Most viewed articles'))} ===")
        chunks.append(_table(
            [_("Article"), _("Wiki"), _("Views in the period"), _("Files shown")],
            [[_article_link(page["wiki"], page["title"]), _wiki(page["wiki"]),
              _wiki(grouped(page["views"])), _wiki(grouped(page["files"]))]
             for page in view.top_pages],
            numeric={2, 3},
        ))
    if view.top_files:
        chunks.append(f"=== {_wiki(_('Most used files'))} ===")
        chunks.append("\n".join(
            "# " + ngettext("%(file)s, on %(count)s article", "%(file)s, on %(count)s articles",
                            row["pages"]) % {
                "file": _file_link(row["title"]), "count": _wiki(grouped(row["pages"]))}
            for row in view.top_files
        ))
    if view.missing:
        chunks.append(f"=== {_wiki(_('What these figures do not cover'))} ===")
        chunks.append("\n".join(f"* {_wiki(item)}" for item in view.missing))
    chunks.append("''" + _wiki(_footer(view)) + "''")
    return "\n\n".join(chunks) + "\n"


def _footer(view: _View) -> str:
    people = _("Page views count views by people, not by crawlers or other automated programs.")
    if not view.taken_at:
        return people
    return _("Figures taken on %(when)s.") % {"when": view.taken_at} + " " + people
