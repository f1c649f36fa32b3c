"""The criteria a candidate partnership is weighed on, and preset weightings.

Step 3 of the method ranks candidates by their expected impact and ease of approach; step 4
weighs benefit, risk and effort before choosing. Partnerkit puts all of these, plus the fit
with the workspace's own goals, on one list of criteria. A workspace gives each criterion a
weight (any non-negative numbers; only their proportions matter) or starts from a preset.

Criteria
--------
========== ===================== ============ ==============================================
code       scale                 better       what it asks
========== ===================== ============ ==============================================
impact     1–5                   higher       what the partnership would do for the projects
likelihood 1–5                   higher       how likely it is to come about and work out
ease       1–5                   higher       how easy the partner is to approach
benefit    1–5                   higher       what our group gains from it
risk       1–5                   lower        what could go wrong (trust, control, reputation)
effort     hours per month, ≥ 0  lower        the volunteer time it would take
fit        0–1                   higher       how well it serves the workspace's goals
========== ===================== ============ ==============================================

Presets
-------
The presets are written as points out of 5 so that they read easily; ``normalise`` turns
them into proportions.

============= ====== ========== ==== ======= ==== ====== === ===============================
preset        impact likelihood ease benefit risk effort fit the idea
============= ====== ========== ==== ======= ==== ====== === ===============================
balanced      1      1          1    1       1    1      1   every criterion counts the same
impact_first  5      2          1    3       1    1      3   the difference it makes first
quick_wins    2      3          5    1       1    4      1   easy to approach, little work
low_risk      2      3          1    1       5    2      2   little that can go wrong
============= ====== ========== ==== ======= ==== ====== === ===============================
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from partnerkit.method.stages import N_


class RankingError(ValueError):
    """Input the ranking cannot work with. ``criterion`` and ``candidate`` (an id) name the
    culprit when there is one, so that a form or the API can attach the message to a field."""

    def __init__(
        self,
        message: str,
        *,
        criterion: str | None = None,
        candidate=None,
        field: str | None = None,
    ):
        super().__init__(message)
        self.criterion = criterion
        self.candidate = candidate
        self.field = field or criterion


class Direction(StrEnum):
    HIGHER = "higher"  # a benefit criterion: more is better
    LOWER = "lower"  # a cost criterion: less is better


@dataclass(frozen=True)
class Criterion:
    code: str
    label: str
    direction: Direction
    lowest: float
    # None when the scale has no upper end (effort in hours).
    highest: float | None
    question: str

    def scale_text(self) -> str:
        if self.highest is None:
            return f"{self.lowest:g} or more"
        return f"{self.lowest:g}–{self.highest:g}"


CRITERIA: tuple[Criterion, ...] = (
    Criterion(
        "impact",
        N_("Impact"),
        Direction.HIGHER,
        1,
        5,
        N_("How much would the partnership do for the projects and for our goals?"),
    ),
    Criterion(
        "likelihood",
        N_("Likelihood of success"),
        Direction.HIGHER,
        1,
        5,
        N_("How likely is the partner to say yes, and the partnership to work out?"),
    ),
    Criterion(
        "ease",
        N_("Ease of approach"),
        Direction.HIGHER,
        1,
        5,
        N_("How easily can we reach the right people and start a conversation?"),
    ),
    Criterion(
        "benefit",
        N_("Benefit"),
        Direction.HIGHER,
        1,
        5,
        N_("What does our group gain: content, access, visibility, resources?"),
    ),
    Criterion(
        "risk",
        N_("Risk"),
        Direction.LOWER,
        1,
        5,
        N_("What could go wrong: community trust, control, our reputation?"),
    ),
    Criterion(
        "effort",
        N_("Effort (hours per month)"),
        Direction.LOWER,
        0,
        None,
        N_("How many volunteer hours a month would it take?"),
    ),
    Criterion(
        "fit",
        N_("Fit with our goals"),
        Direction.HIGHER,
        0,
        1,
        N_("How well does it serve the goals of our plan (0 = not at all, 1 = fully)?"),
    ),
)
BY_CODE: dict[str, Criterion] = {criterion.code: criterion for criterion in CRITERIA}
CODES: tuple[str, ...] = tuple(BY_CODE)


@dataclass(frozen=True)
class Preset:
    code: str
    label: str
    description: str
    weights: Mapping[str, float]


PRESETS: dict[str, Preset] = {
    preset.code: preset
    for preset in (
        Preset(
            "balanced",
            N_("Balanced"),
            N_("Every criterion counts the same."),
            {code: 1 for code in CODES},
        ),
        Preset(
            "impact_first",
            N_("Impact first"),
            N_(
                "The difference a partnership would make comes first: impact, then benefit and "
                "fit with our goals; how hard it is counts less."
            ),
            {
                "impact": 5,
                "likelihood": 2,
                "ease": 1,
                "benefit": 3,
                "risk": 1,
                "effort": 1,
                "fit": 3,
            },
        ),
        Preset(
            "quick_wins",
            N_("Quick wins"),
            N_("Partners that are easy to approach, likely to say yes and need little work."),
            {
                "impact": 2,
                "likelihood": 3,
                "ease": 5,
                "benefit": 1,
                "risk": 1,
                "effort": 4,
                "fit": 1,
            },
        ),
        Preset(
            "low_risk",
            N_("Low risk"),
            N_("Little that can go wrong: low risk and a good chance of success weigh most."),
            {
                "impact": 2,
                "likelihood": 3,
                "ease": 1,
                "benefit": 1,
                "risk": 5,
                "effort": 2,
                "fit": 2,
            },
        ),
    )
}


def preset(code: str) -> Preset:
    """The preset with this code; "impact first" and "impact-first" work too."""
    key = code.strip().lower().replace(" ", "_").replace("-", "_")
    try:
        return PRESETS[key]
    except KeyError:
        raise RankingError(
            f"unknown preset {code!r}; presets: {', '.join(PRESETS)}", field="weights"
        ) from None


def normalise(weights: Mapping[str, float] | str) -> dict[str, float]:
    """Weights for every criterion, summing to 1.

    ``weights`` maps criterion codes to non-negative numbers (criteria left out weigh 0), or
    is the code of a preset. Negative, non-numeric or infinite weights, unknown criteria and
    weights that are all zero are refused with a message naming the criterion.
    """
    if isinstance(weights, str):
        weights = preset(weights).weights
    if not isinstance(weights, Mapping):
        raise RankingError(
            "weights must map criteria to numbers, e.g. {'impact': 3, 'ease': 2}",
            field="weights",
        )
    unknown = [code for code in weights if code not in BY_CODE]
    if unknown:
        raise RankingError(
            f"unknown criterion {unknown[0]!r}; criteria: {', '.join(CODES)}",
            criterion=str(unknown[0]),
        )
    values = {}
    for code in CODES:
        value = weights.get(code, 0)
        if value is None:
            value = 0
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            raise RankingError(
                f"the weight of {code!r} must be a number, not {value!r}", criterion=code
            )
        value = float(value)
        if not math.isfinite(value):
            raise RankingError(f"the weight of {code!r} must be finite", criterion=code)
        if value < 0:
            raise RankingError(
                f"the weight of {code!r} is negative ({value:g}); weights must be 0 or more",
                criterion=code,
            )
        values[code] = value
    largest = max(values.values())
    if largest <= 0:
        raise RankingError(
            "all weights are zero; give at least one criterion a positive weight",
            field="weights",
        )
    # Scaling by the largest first keeps huge or tiny weights from overflowing the sum.
    scaled = {code: value / largest for code, value in values.items()}
    total = math.fsum(scaled.values())
    return {code: value / total for code, value in scaled.items()}
