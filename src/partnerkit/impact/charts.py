"""Charts of a partnership's impact, drawn with matplotlib's Agg backend: page views per month
since the partnership began (the report's months in a stronger colour), files in use per
month, and the most viewed articles.

Each chart is a ``Figure`` made by one function from plain data (months as "YYYY-MM"), and a
``Chart`` made by another: the SVG written out with ``selection.charts.render`` and made
accessible with ``selection.charts.accessible_svg`` (a ``<title>`` and a ``<desc>`` that say
what the chart shows in words), with that title and description for the page around it.
The same data always gives the same SVG (fixed font, fixed ids, no date), so a report printed
twice is the same file.
"""

from __future__ import annotations

import base64
import datetime as dt
import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

import matplotlib

# No display and no GUI toolkit on a server; Agg draws in memory, from any thread.
matplotlib.use("Agg")

from django.utils.formats import date_format, number_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, MaxNLocator

from partnerkit.selection.charts import accessible_svg, render

# Codex colours, as on the pages. The report's months are the strong blue; the months before
# them a light blue that still reads as the same series.
PERIOD = "#3366cc"
EARLIER = "#a3bbed"
FILES = "#177860"
FILES_FILL = "#dff2eb"
PAGES = "#6b4ba1"
DARK = "#202122"
SUBTLE = "#54595d"
GRID = "#eaecf0"
EMPTY = "#f8f9fa"  # the background of a chart with nothing to draw
# Article titles longer than this are shortened with an ellipsis on the chart (the table next
# to it has them in full).
LABEL_LENGTH = 40
WIDTH = 7.5  # inches: the text width of an A4 page with 20 mm margins

_RC = {
    # Text stays text in the SVG: readable by screen readers, searchable in the PDF.
    "svg.fonttype": "none",
    "svg.hashsalt": "partnerkit-impact",
    "font.family": "DejaVu Sans",
    "font.size": 10,
    "axes.edgecolor": "#a2a9b1",
    "xtick.color": SUBTLE,
    "ytick.color": SUBTLE,
}


def grouped(value: float) -> str:
    """A whole number with the active language's thousands separator: "12,345" in English."""
    return number_format(round(value), force_grouping=True)


def _month(text: str) -> dt.date:
    return dt.date(int(text[:4]), int(text[5:7]), 1)


def month_name(text: str) -> str:
    """ "2026-03" as the active language writes a month: "March 2026"."""
    return date_format(_month(text), "YEAR_MONTH_FORMAT")


def _index(month: dt.date) -> int:
    return month.year * 12 + month.month - 1


def _short(text: str) -> str:
    return text if len(text) <= LABEL_LENGTH else text[: LABEL_LENGTH - 1].rstrip() + "…"


def _month_axis(axes, months: Sequence[dt.date]) -> None:
    """Month names under the bars, the year under each January and under the first month; on
    a long series every second, third… month, always at the same months of the year."""
    first, last = _index(months[0]), _index(months[-1])
    step = next(step for step in (1, 2, 3, 6, 12, 24, 60) if (last - first + 1) / step <= 13)
    ticks, labels = [], []
    for position in range(first, last + 1):
        year, number = divmod(position, 12)
        if number % step:
            continue
        month = dt.date(year, number + 1, 1)
        label = date_format(month, "M")
        if number == 0 or not ticks:
            label += f"\n{year}"
        ticks.append(position - first)
        labels.append(label)
    axes.set_xticks(ticks, labels)
    axes.set_xlim(-0.6, last - first + 0.6)


def _grouped_axis(axis) -> None:
    axis.set_major_locator(MaxNLocator(nbins=5, integer=True, min_n_ticks=1))
    axis.set_major_formatter(FuncFormatter(lambda value, _position: grouped(value)))


def _plain_axes(axes, *, grid_axis: str = "y") -> None:
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.grid(axis=grid_axis, color=GRID, linewidth=0.8)
    axes.set_axisbelow(True)


def _empty(message: str) -> Figure:
    """A chart with nothing to draw says so, in words, where the chart would be."""
    with matplotlib.rc_context(_RC):
        figure = Figure(figsize=(WIDTH, 1.4), facecolor=EMPTY)
        axes = figure.add_subplot()
        axes.set_axis_off()
        axes.text(0.5, 0.5, message, ha="center", va="center", fontsize=11, color=SUBTLE,
                  transform=axes.transAxes, parse_math=False)
    return figure


def views_figure(months: Sequence[tuple[str, int]], *, highlighted: Collection[str] = ()) -> Figure:
    """Bars of page views per month; the months in ``highlighted`` in the stronger colour.

    A month without a figure is left as a gap, not drawn as zero: nothing counted is not
    "no views".
    """
    if not months:
        return _empty(_("No complete month yet"))
    dates = [_month(month) for month, _views in months]
    first = _index(dates[0])
    colours = [PERIOD if month in highlighted else EARLIER for month, _views in months]
    with matplotlib.rc_context(_RC):
        figure = Figure(figsize=(WIDTH, 3.0), layout="constrained")
        axes = figure.add_subplot()
        axes.bar([_index(day) - first for day in dates], [views for _month_, views in months],
                 width=0.8, color=colours, linewidth=0)
        _month_axis(axes, dates)
        _grouped_axis(axes.yaxis)
        axes.set_ylabel(_("Page views"))
        _plain_axes(axes)
        if PERIOD in colours and EARLIER in colours:
            axes.legend(
                handles=[Patch(color=EARLIER, label=_("Before this report's period")),
                         Patch(color=PERIOD, label=_("In this report's period"))],
                loc="lower left", bbox_to_anchor=(0, 1.0), ncols=2, frameon=False,
                borderaxespad=0.2,
            )
    return figure


def files_used_figure(months: Sequence[tuple[str, int]]) -> Figure:
    """A line of the files in use at the end of each month."""
    if not months:
        return _empty(_("No complete month yet"))
    dates = [_month(month) for month, _value in months]
    first = _index(dates[0])
    positions = [_index(day) - first for day in dates]
    values = [value for _month_, value in months]
    with matplotlib.rc_context(_RC):
        figure = Figure(figsize=(WIDTH, 2.4), layout="constrained")
        axes = figure.add_subplot()
        axes.fill_between(positions, values, color=FILES_FILL, linewidth=0)
        axes.plot(positions, values, color=FILES, linewidth=2, marker="o", markersize=4)
        _month_axis(axes, dates)
        _grouped_axis(axes.yaxis)
        axes.set_ylim(bottom=0, top=max(values + [1]) * 1.12)
        axes.set_ylabel(_("Files in use"))
        _plain_axes(axes)
    return figure


def page_label(page: dict) -> str:
    """An article as the chart names it: its title, shortened, and its wiki."""
    project = str(page.get("wiki", "")).removesuffix(".org")
    return f"{_short(str(page.get('title', '')))} ({project})" if project else _short(
        str(page.get("title", ""))
    )


def top_pages_figure(pages: Sequence[dict]) -> Figure:
    """Horizontal bars of the articles' views over the period, the most viewed at the top."""
    if not pages:
        return _empty(_("No article shows the files yet"))
    views = [int(page.get("views") or 0) for page in pages]
    positions = list(range(len(pages)))[::-1]
    with matplotlib.rc_context(_RC):
        figure = Figure(figsize=(WIDTH, 0.8 + 0.32 * len(pages)), layout="constrained")
        axes = figure.add_subplot()
        axes.barh(positions, views, height=0.7, color=PAGES, linewidth=0)
        # Titles are text from the wikis: no "$" may turn one into a formula.
        axes.set_yticks(positions, [page_label(page) for page in pages], parse_math=False)
        axes.tick_params(axis="y", length=0, labelcolor=DARK)
        top = max(views + [1])
        for position, value in zip(positions, views, strict=True):
            axes.text(value + top * 0.01, position, grouped(value), va="center", ha="left",
                      fontsize=8, color=DARK, parse_math=False)
        axes.set_xlim(0, top * 1.15)
        _grouped_axis(axes.xaxis)
        axes.set_xlabel(_("Views in the report's period"))
        _plain_axes(axes, grid_axis="x")
    return figure


# Where an SVG names or points to one of its own elements.
_SVG_IDS = re.compile(r'(\sid="|href="#|url\(#)([^")]+)')


@dataclass(frozen=True)
class Chart:
    """A chart as SVG text, with what it shows in words (also inside the SVG as its
    ``<title>`` and ``<desc>``)."""

    svg: str
    title: str
    description: str

    @property
    def data_uri(self) -> str:
        """The SVG as a ``data:`` address, for an ``<img>``."""
        return "data:image/svg+xml;base64," + base64.b64encode(self.svg.encode()).decode("ascii")


def _chart(figure: Figure, *, chart_id: str, title: str, description: str) -> Chart:
    """The chart as accessible SVG whose ids all begin with ``chart_id``: matplotlib numbers
    elements the same way in every chart ("patch_3"), and a report has several on one page."""
    scoped = _SVG_IDS.sub(lambda found: f"{found[1]}{chart_id}-{found[2]}", render(figure))
    svg = accessible_svg(scoped, title=title, chart_id=chart_id, description=description)
    return Chart(svg=svg, title=title, description=description)


def _highest(months: Sequence[tuple[str, int]]) -> tuple[str, int]:
    return max(months, key=lambda entry: (entry[1], entry[0]))


def views_chart(
    months: Sequence[tuple[str, int]], *, highlighted: Collection[str] = (),
    chart_id: str = "views-chart",
) -> Chart:
    if months:
        month, most = _highest(months)
        described = _(
            "Page views per month from %(first)s to %(last)s. Highest: %(month)s, with "
            "%(views)s views."
        ) % {"first": month_name(months[0][0]), "last": month_name(months[-1][0]),
             "month": month_name(month), "views": grouped(most)}
        in_period = [views for month, views in months if month in highlighted]
        if in_period and len(in_period) < len(months):
            described += " " + _(
                "The %(count)d months of the report's period, with %(views)s views, are in "
                "the darker colour."
            ) % {"count": len(in_period), "views": grouped(sum(in_period))}
    else:
        described = _("No month of page views is complete yet.")
    return _chart(
        views_figure(months, highlighted=highlighted),
        title=_("Page views per month"), chart_id=chart_id, description=described,
    )


def files_used_chart(months: Sequence[tuple[str, int]], *, chart_id: str = "files-chart") -> Chart:
    if months:
        described = _(
            "Files in use at the end of each month, from %(first)s (%(start)s) to %(last)s "
            "(%(end)s)."
        ) % {"first": month_name(months[0][0]), "start": grouped(months[0][1]),
             "last": month_name(months[-1][0]), "end": grouped(months[-1][1])}
    else:
        described = _("No month is complete yet.")
    return _chart(
        files_used_figure(months),
        title=_("Files in use per month"), chart_id=chart_id, description=described,
    )


def top_pages_chart(pages: Sequence[dict], *, chart_id: str = "pages-chart") -> Chart:
    if pages:
        described = _("The %(count)d most viewed articles showing the files: %(list)s.") % {
            "count": len(pages),
            "list": "; ".join(
                f"{page.get('title', '')} ({page.get('wiki', '')}), "
                f"{grouped(page.get('views') or 0)}"
                for page in pages
            ),
        }
    else:
        described = _("No article shows the files yet.")
    return _chart(
        top_pages_figure(pages),
        title=_("Most viewed articles in the report's period"), chart_id=chart_id,
        description=described,
    )


def views_chart_for_page(series: Iterable[tuple[dt.date, int, list[str]]]) -> SafeString:
    """The page views chart of a partnership's impact page, from
    ``selectors.monthly_series``; ready to put in a template as it is."""
    months = [(f"{month:%Y-%m}", value) for month, value, _origins in series]
    return mark_safe(views_chart(months).svg)  # matplotlib escapes the text it writes.
