"""Charts for ranking and capacity, drawn with matplotlib's Agg backend.

Each chart is built as a ``Figure`` by one function and written out by ``render``: SVG text for
pages, PNG or PDF bytes for reports, from the same drawing. SVG for a page is made accessible
here: ``role="img"``, a ``<title>`` and an ``aria-labelledby`` pointing at it; the page puts
the same data in a table next to it as the text alternative.
"""

from __future__ import annotations

import io
import math
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from itertools import pairwise

import matplotlib

# No display and no GUI toolkit on a server; Agg draws in memory, from any thread.
matplotlib.use("Agg")

from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

# Codex colours, so the charts match the pages.
BLUE = "#36c"
DARK = "#202122"
SUBTLE = "#54595d"
RED = "#bf3c2c"
GREEN = "#177860"
QUADRANT_COLOURS = {
    "quick_wins": "#dff2eb",
    "big_bets": "#f1f4fd",
    "fill_ins": "#f8f9fa",
    "thankless": "#ffe9e5",
}
# The middle of the 1–5 scales: above it is "high impact" or "easy".
MIDDLE = 3.0
LOW, HIGH = 0.5, 5.5
LABEL_LENGTH = 28
# Beyond this many points, the labels are rank numbers and the table is the key.
FULL_LABELS_UP_TO = 25

_RC = {
    # Text stays text in the SVG: readable by screen readers, searchable, and smaller.
    "svg.fonttype": "none",
    # Stable ids, so the same data always gives the same file.
    "svg.hashsalt": "partnerkit",
    "font.family": "DejaVu Sans",
    "font.size": 9,
}


@dataclass(frozen=True)
class Point:
    """A candidate on the impact/ease chart."""

    id: object
    label: str
    ease: float
    impact: float
    # Marked as on the non-dominated front (nothing is both more important and easier).
    front: bool = False
    # Its rank, used as the label when there are many points.
    rank: int | None = None


QUADRANTS = (
    # (key, name, ease range, impact range, corner for the name)
    ("big_bets", "Big bets", (LOW, MIDDLE), (MIDDLE, HIGH), "top-left"),
    ("quick_wins", "Quick wins", (MIDDLE, HIGH), (MIDDLE, HIGH), "top-right"),
    ("thankless", "Thankless tasks", (LOW, MIDDLE), (LOW, MIDDLE), "bottom-left"),
    ("fill_ins", "Fill-ins", (MIDDLE, HIGH), (LOW, MIDDLE), "bottom-right"),
)


def quadrant_of(point: Point) -> str:
    """The quadrant's name; a point on the middle line counts as high impact or easy."""
    high_impact = point.impact >= MIDDLE
    easy = point.ease >= MIDDLE
    if high_impact:
        return "Quick wins" if easy else "Big bets"
    return "Fill-ins" if easy else "Thankless tasks"


def _spread(points: Sequence[Point]) -> dict[object, tuple[float, float, float | None]]:
    """Positions (x, y, and the angle it was moved at, or None) with points at the same spot
    set around it in a small circle, so each stays visible; the same input always gives the
    same positions."""
    groups: dict[tuple[float, float], list[Point]] = defaultdict(list)
    for point in points:
        groups[(point.ease, point.impact)].append(point)
    placed = {}
    for (ease, impact), group in groups.items():
        if len(group) == 1:
            placed[group[0].id] = (ease, impact, None)
            continue
        radius = min(0.32, 0.1 + 0.03 * len(group))
        for k, point in enumerate(group):
            angle = 2 * math.pi * k / len(group) + math.pi / 4
            placed[point.id] = (
                ease + radius * math.cos(angle), impact + radius * math.sin(angle), angle
            )
    return placed


def _short(text: str) -> str:
    return text if len(text) <= LABEL_LENGTH else text[: LABEL_LENGTH - 1].rstrip() + "…"


def impact_ease_figure(points: Sequence[Point]) -> Figure:
    """Ease of approach across, impact up, the four quadrants named, every point labelled."""
    with matplotlib.rc_context(_RC):
        figure = Figure(figsize=(7.5, 6), layout="constrained")
        axes = figure.add_subplot()
        for key, name, (x0, x1), (y0, y1), corner in QUADRANTS:
            axes.add_patch(
                Rectangle((x0, y0), x1 - x0, y1 - y0, facecolor=QUADRANT_COLOURS[key],
                          edgecolor="none", zorder=0)
            )
            x = x0 + 0.08 if "left" in corner else x1 - 0.08
            y = y1 - 0.08 if "top" in corner else y0 + 0.08
            axes.text(
                x, y, name, ha="left" if "left" in corner else "right",
                va="top" if "top" in corner else "bottom",
                fontsize=11, fontweight="bold", color=SUBTLE, zorder=1,
            )
        axes.axhline(MIDDLE, color="#a2a9b1", linewidth=1, zorder=1)
        axes.axvline(MIDDLE, color="#a2a9b1", linewidth=1, zorder=1)
        placed = _spread(points)
        numbered = len(points) > FULL_LABELS_UP_TO
        for point in points:
            x, y, angle = placed[point.id]
            axes.scatter(
                [x], [y], s=70 if point.front else 45, marker="D" if point.front else "o",
                color=BLUE if point.front else SUBTLE, edgecolors="white", linewidths=0.8,
                zorder=3,
            )
            label = str(point.rank) if numbered and point.rank else _short(point.label)
            # Labels run towards the middle of the chart, where there is room; points that
            # share a spot fan theirs out up and down.
            dx = 6 if x <= MIDDLE else -6
            dy = 4 if angle is None else 7 * math.sin(angle)
            text = axes.annotate(
                label, (x, y), xytext=(dx, dy), textcoords="offset points",
                ha="left" if dx > 0 else "right", va="bottom" if dy >= 0 else "top",
                fontsize=8, color=DARK, zorder=4,
            )
            text.set_in_layout(False)
        axes.set_xlim(LOW, HIGH)
        axes.set_ylim(LOW, HIGH)
        axes.set_xticks([1, 2, 3, 4, 5])
        axes.set_yticks([1, 2, 3, 4, 5])
        axes.set_xlabel("Ease of approach (1 hard – 5 easy)")
        axes.set_ylabel("Impact (1 low – 5 high)")
        for side in ("top", "right"):
            axes.spines[side].set_visible(False)
        if any(point.front for point in points):
            axes.scatter([], [], marker="D", color=BLUE, label="not dominated")
            axes.scatter([], [], marker="o", color=SUBTLE, label="dominated")
            axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.1), ncols=2, frameon=False)
    return figure


@dataclass(frozen=True)
class Bars:
    """A histogram as drawn: bin edges, the share of rounds in each bin, and the capacity."""

    edges: Sequence[float]
    shares: Sequence[float]
    capacity: float


def capacity_figure(bars: Bars) -> Figure:
    """Hours per month needed across the simulated rounds, against the capacity line."""
    with matplotlib.rc_context(_RC):
        figure = Figure(figsize=(7.5, 3.8), layout="constrained")
        axes = figure.add_subplot()
        edges = list(bars.edges)
        widths = [b - a for a, b in pairwise(edges)]
        colours = [RED if left >= bars.capacity else BLUE for left in edges[:-1]]
        axes.bar(
            edges[:-1], [share * 100 for share in bars.shares], width=widths, align="edge",
            color=colours, edgecolor="white", linewidth=0.5,
        )
        if RED in colours:
            axes.bar([], [], color=BLUE, label="within capacity")
            axes.bar([], [], color=RED, label="over capacity")
            axes.legend(loc="upper right", frameon=False)
        axes.axvline(bars.capacity, color=DARK, linewidth=2, linestyle="--")
        top = max([share * 100 for share in bars.shares] + [1])
        right = max(edges[-1], bars.capacity) * 1.05
        axes.set_xlim(min(edges[0], 0), right)
        # The label goes on the side of the line with room for it.
        room_on_right = bars.capacity < right * 0.8
        axes.text(
            bars.capacity, top * 1.02,
            f" capacity {bars.capacity:g} h " if room_on_right else f"capacity {bars.capacity:g} h ",
            color=DARK, ha="left" if room_on_right else "right", va="bottom", fontweight="bold",
        )
        axes.set_ylim(0, top * 1.15)
        axes.set_xlabel("Hours per month needed")
        axes.set_ylabel("Share of simulated months (%)")
        for side in ("top", "right"):
            axes.spines[side].set_visible(False)
    return figure


def render(figure: Figure, fmt: str = "svg") -> str | bytes:
    """SVG as text, or PNG/PDF as bytes, from the same figure."""
    buffer = io.BytesIO()
    metadata = {"Date": None} if fmt == "svg" else None
    with matplotlib.rc_context(_RC):
        figure.savefig(buffer, format=fmt, metadata=metadata, dpi=150 if fmt == "png" else None)
    data = buffer.getvalue()
    return data.decode("utf-8") if fmt == "svg" else data


_PROLOGUE = re.compile(r"^.*?(?=<svg\b)", re.DOTALL)


def accessible_svg(svg: str, *, title: str, chart_id: str, description: str = "") -> str:
    """The SVG for inline use: no XML prologue, ``role="img"`` and a title (and description)
    that assistive technology reads out."""
    svg = _PROLOGUE.sub("", svg, count=1)
    svg = re.sub(r"\s*<metadata>.*?</metadata>", "", svg, count=1, flags=re.DOTALL)
    labelled = f"{chart_id}-title" + (f" {chart_id}-desc" if description else "")
    head, rest = svg.split(">", 1)
    head = re.sub(r'\s(width|height)="[^"]*"', "", head)
    parts = [
        f'{head} role="img" aria-labelledby="{labelled}" class="chart" id="{chart_id}">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
    ]
    if description:
        parts.append(f'<desc id="{chart_id}-desc">{escape(description)}</desc>')
    return "".join(parts) + rest


def impact_ease_svg(points: Sequence[Point], *, chart_id: str = "impact-ease-chart") -> str:
    counts = defaultdict(int)
    for point in points:
        counts[quadrant_of(point)] += 1
    described = f"{len(points)} candidates: " + ", ".join(
        f"{counts[name]} in {name.lower()}" for _key, name, *_rest in QUADRANTS
    ) + ". The table lists every candidate with its estimates."
    return accessible_svg(
        render(impact_ease_figure(points)),
        title="Impact and ease of approach of the candidates",
        chart_id=chart_id,
        description=described,
    )


def capacity_svg(bars: Bars, *, chart_id: str = "capacity-chart", description: str = "") -> str:
    return accessible_svg(
        render(capacity_figure(bars)),
        title="Hours per month needed in the simulated months, against the capacity",
        chart_id=chart_id,
        description=description,
    )
