"""Bar charts of the dashboard as inline SVG, built by hand: one row per thing counted, its
name above a bar of coloured segments, the figures after the bar, and optionally a link on the
row and a line across all rows (the hours available).

Built by hand rather than drawn with matplotlib (as the impact charts are) because each row
is a link to the list it counts, the text is the page's own (its font, its language
direction), and several charts share one page without their ids clashing. The legend is HTML
next to the chart (``BarChart.series``), and the page puts the same figures in a table.

Colours are Codex colours with at least 3:1 contrast against the white background, and
neighbouring segments are parted by a white gap.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.template.defaultfilters import floatformat
from django.utils.formats import date_format, number_format
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext as _

# Codex colours: contrast with white 12.3, 5.7, 7.6, 5.6 and 4.6 to 1.
DARK_BLUE = "#233566"
BLUE = "#36c"
PURPLE = "#6b4ba1"
GREEN = "#177860"
GREY = "#72777d"
TEXT = "#202122"
SUBTLE = "#54595d"
ALERT = "#bf3c2c"

WIDTH = 600
# Room after the longest bar for its figures.
VALUE_ROOM = 190
ROW_HEIGHT = 46
LABEL_BASELINE = 16
BAR_TOP = 22
BAR_HEIGHT = 16
MARKER_ROOM = 20
FONT_SIZE = 13
SMALL_SIZE = 12


@dataclass(frozen=True)
class Series:
    label: str
    colour: str


@dataclass(frozen=True)
class Row:
    label: str
    # One value per series, in the chart's order.
    values: Sequence[float]
    # Written after the bar.
    value_text: str
    # Written at the end of the name's line (a share, an excess).
    note: str = ""
    note_alert: bool = False
    href: str = ""
    # What the link says to assistive technology; the row's text otherwise.
    link_label: str = ""


@dataclass(frozen=True)
class Marker:
    """A line across the rows at ``value``, named at the top."""

    value: float
    label: str


@dataclass(frozen=True)
class BarChart:
    chart_id: str
    title: str
    description: str
    series: Sequence[Series]
    rows: Sequence[Row]
    marker: Marker | None = None

    @property
    def svg(self) -> SafeString:
        return bars_svg(self)


class _Canvas:
    """Positions along the bars, mirrored for a right-to-left language."""

    def __init__(self, rtl: bool):
        self.rtl = rtl

    def x(self, position: float, width: float = 0) -> float:
        return WIDTH - position - width if self.rtl else position


def _number(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _text(x, y, text, *, anchor="start", size=FONT_SIZE, colour=TEXT, weight="") -> str:
    # A white halo keeps the text readable where the marker line crosses it.
    return format_html(
        '<text x="{}" y="{}" text-anchor="{}" font-size="{}" fill="{}"{} stroke="#fff" '
        'stroke-width="3" paint-order="stroke">{}</text>',
        _number(x), _number(y), anchor, size, colour,
        mark_safe(' font-weight="bold"') if weight == "bold" else "", text,
    )  # fmt: skip


def _row(chart: BarChart, row: Row, top: float, scale: float, canvas: _Canvas) -> str:
    parts = [
        format_html(
            '<rect class="chart-row__bg" x="0" y="{}" width="{}" height="{}" fill="transparent"/>',
            _number(top), WIDTH, ROW_HEIGHT - 2,
        ),
        _text(canvas.x(2), top + LABEL_BASELINE, row.label, weight="bold"),
    ]
    if row.note:
        parts.append(
            _text(
                canvas.x(WIDTH - 2), top + LABEL_BASELINE, row.note, anchor="end",
                size=SMALL_SIZE, colour=ALERT if row.note_alert else SUBTLE,
            )
        )
    position = 0.0
    for value, series in zip(row.values, chart.series, strict=True):
        width = float(value) * scale
        if width <= 0:
            continue
        # A white gap parts neighbouring segments; a sliver keeps at least one pixel.
        drawn = max(width - 1, 1) if position else width
        rect = format_html(
            '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>',
            _number(canvas.x(position + (width - drawn), drawn)), _number(top + BAR_TOP),
            _number(drawn), BAR_HEIGHT, series.colour,
        )  # fmt: skip
        parts.append(rect)
        position += width
    parts.append(
        _text(canvas.x(position + 6), top + BAR_TOP + BAR_HEIGHT - 3, row.value_text,
              size=SMALL_SIZE)
    )
    # Every part is built with format_html.
    body = mark_safe("".join(parts))
    if row.href:
        return format_html(
            '<a href="{}" class="chart-row" aria-label="{}">{}</a>',
            row.href, row.link_label or row.label, body,
        )
    return format_html('<g class="chart-row">{}</g>', body)


def bars_svg(chart: BarChart, *, rtl: bool | None = None) -> SafeString:
    """The chart as an ``<svg>`` element to put in a page as it is."""
    canvas = _Canvas(get_language_bidi() if rtl is None else rtl)
    largest = max(
        [sum(float(value) for value in row.values) for row in chart.rows]
        + [float(chart.marker.value) if chart.marker else 0.0, 1.0]
    )
    scale = (WIDTH - VALUE_ROOM) / largest
    top = MARKER_ROOM if chart.marker else 4
    height = top + ROW_HEIGHT * len(chart.rows) + 4
    rows = [_row(chart, row, top + ROW_HEIGHT * k, scale, canvas) for k, row in enumerate(chart.rows)]
    marker = ""
    if chart.marker:
        at = float(chart.marker.value) * scale
        x = canvas.x(at)
        # The name goes on the side of the line with room for it.
        room_after = at < (WIDTH - VALUE_ROOM) / 2
        marker = format_html(
            '<line x1="{x}" x2="{x}" y1="{y1}" y2="{y2}" stroke="{colour}" stroke-width="2" '
            'stroke-dasharray="5 3"/>{label}',
            x=_number(x), y1=MARKER_ROOM - 4, y2=_number(height - 2), colour=TEXT,
            label=_text(
                canvas.x(at + 4) if room_after else canvas.x(at - 4), MARKER_ROOM - 7,
                chart.marker.label, anchor="start" if room_after else "end", size=SMALL_SIZE,
                weight="bold",
            ),
        )
    linked = any(row.href for row in chart.rows)
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        'class="chart dashboard-chart" id="{id}" role="{role}" '
        'aria-labelledby="{id}-title {id}-desc"{direction}>'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{description}</desc>'
        # The marker first, so that the bars and their figures are drawn over it.
        "{marker}{rows}</svg>",
        width=WIDTH, height=_number(height), id=chart.chart_id,
        # With links inside, the chart is a group of them; without, one image.
        role="group" if linked else "img",
        direction=mark_safe(' direction="rtl"') if canvas.rtl else "",
        title=chart.title, description=chart.description,
        # Each row is built with format_html.
        rows=mark_safe("".join(rows)),
        marker=marker,
    )


# The dashboard's charts -------------------------------------------------------------------------


def _count(value) -> str:
    return number_format(value, force_grouping=True)


def _hours(value) -> str:
    """Hours as the capacity page writes them: at most one decimal, "12" or "12.5"."""
    return floatformat(value, "-1g")


def funnel_chart(funnel, *, list_url: str, chart_id: str = "funnel-chart") -> BarChart:
    """The pipeline from ``selectors.pipeline_funnel``: per stage, the partnerships here now
    and the others that reached it; each row links to the list of those here now."""
    rows = []
    for item in funnel.stages:
        figures = {"stage": item.stage.label, "reached": _count(item.reached),
                   "here": _count(item.here)}  # fmt: skip
        note = ""
        if item.onward_percent is not None:
            note = _("%(percent)s%% went on to %(next)s") % {
                "percent": _count(item.onward_percent), "next": item.next_stage.label
            }
        rows.append(
            Row(
                label=str(item.stage.label),
                values=(item.here, item.reached - item.here),
                value_text=_("%(reached)s reached, %(here)s here now") % figures,
                note=note,
                href=f"{list_url}?stage={item.stage.value}",
                link_label=_(
                    "%(stage)s: %(reached)s reached, %(here)s here now. Show the partnerships "
                    "in this stage."
                ) % figures + (f" {note}." if note else ""),
            )
        )
    first, last = funnel.stages[0], funnel.stages[-1]
    set_aside = sum(count for _stage, count in funnel.set_aside)
    description = _(
        "Of %(total)s partnerships, %(first)s reached the first stage, %(first_stage)s, and "
        "%(last)s the last, %(last_stage)s; %(aside)s are declined, dropped or on hold now."
    ) % {
        "total": _count(funnel.total), "first": _count(first.reached),
        "first_stage": first.stage.label, "last": _count(last.reached),
        "last_stage": last.stage.label, "aside": _count(set_aside),
    }  # fmt: skip
    return BarChart(
        chart_id=chart_id,
        title=_("Partnerships along the pipeline"),
        description=description,
        series=(
            Series(_("Here now"), DARK_BLUE),
            Series(_("Reached it, now further on or set aside"), BLUE),
        ),
        rows=rows,
    )


def goal_types_chart(split, *, list_url: str, chart_id: str = "goal-types-chart") -> BarChart:
    """The partnerships of each goal type from ``selectors.goal_type_split``, open, active and
    closed; each row links to the list of that goal type."""
    rows, described = [], []
    for item in split.rows:
        figures = {"goal_type": item.label, "total": _count(item.total),
                   "open": _count(item.open), "active": _count(item.active),
                   "closed": _count(item.closed)}  # fmt: skip
        summary = _(
            "%(goal_type)s: %(total)s (%(open)s open, %(active)s active, %(closed)s closed)"
        ) % figures
        if item.total:
            described.append(summary)
        rows.append(
            Row(
                label=item.label,
                values=(item.open, item.active, item.closed),
                value_text=_count(item.total),
                href=f"{list_url}?goal_type={item.code}",
                link_label=summary + ". " + _("Show the partnerships of this goal type."),
            )
        )
    description = (
        _("Partnerships by goal type. %(list)s.") % {"list": "; ".join(described)}
        if described
        else _("No partnership has a goal type yet.")
    )
    return BarChart(
        chart_id=chart_id,
        title=_("Partnerships by goal type"),
        description=description,
        series=(
            Series(_("Open (before an agreement)"), BLUE),
            Series(_("Active (agreed or running)"), GREEN),
            Series(_("Closed (completed, declined or dropped)"), GREY),
        ),
        rows=rows,
    )


def capacity_chart(check, *, chart_id: str = "capacity-chart") -> BarChart:
    """The hours taken each month of ``negotiation.selectors.capacity_check``, against the
    hours available when the workspace has recorded them."""
    rows = []
    for month in check.months:
        figures = {"total": _hours(month.total), "available": _hours(month.available)}
        rows.append(
            Row(
                label=date_format(month.start, "YEAR_MONTH_FORMAT"),
                values=(month.partnerships, month.commitments),
                value_text=(
                    _("%(total)s of %(available)s h") % figures
                    if check.recorded
                    else _("%(total)s h") % figures
                ),
                note=_("over by %(hours)s h") % {"hours": _hours(month.over)} if month.over else "",
                note_alert=bool(month.over),
            )
        )
    over = [month for month in check.months if month.over]
    if not check.recorded:
        description = _(
            "Hours a month taken by partnerships and our open commitments: %(months)s. No "
            "hours available are recorded to compare them with."
        )
    elif over:
        description = _(
            "Hours a month taken by partnerships and our open commitments: %(months)s, against "
            "%(available)s hours available. Over capacity in %(over)s of the %(count)s months."
        )
    else:
        description = _(
            "Hours a month taken by partnerships and our open commitments: %(months)s, against "
            "%(available)s hours available. Every month fits."
        )
    description = description % {
        "months": "; ".join(f"{row.label} {row.value_text}" for row in rows),
        "available": _hours(check.available), "over": _count(len(over)),
        "count": _count(len(check.months)),
    }  # fmt: skip
    return BarChart(
        chart_id=chart_id,
        title=_("Hours taken against hours available"),
        description=description,
        series=(
            Series(_("Partnerships being prepared, negotiated or run"), BLUE),
            Series(_("Our open commitments"), PURPLE),
        ),
        rows=rows,
        marker=(
            Marker(check.available, _("Available: %(hours)s h") % {"hours": _hours(check.available)})
            if check.recorded
            else None
        ),
    )
