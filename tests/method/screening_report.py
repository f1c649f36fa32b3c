"""Precision and recall of the dangerous-promise screening on the labelled sentences.

Run with ``python -m tests.method.screening_report``. A ``risky`` or ``paraphrase`` row
expects one finding of its category; ``negation`` and ``benign`` rows expect none.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from partnerkit.method.screening import CATEGORIES, screen

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "screening"
SETS = {"labelled": FIXTURES / "labelled.tsv", "held-out": FIXTURES / "heldout.tsv"}
KINDS = ("risky", "paraphrase", "negation", "benign")


@dataclass(frozen=True)
class Row:
    category: str
    kind: str
    text: str

    @property
    def expected(self) -> frozenset[str]:
        return frozenset({self.category}) if self.kind in ("risky", "paraphrase") else frozenset()


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


@dataclass
class Evaluation:
    scores: dict[str, Score] = field(default_factory=lambda: {c: Score() for c in CATEGORIES})
    overall: Score = field(default_factory=Score)
    errors: list[tuple[Row, frozenset[str]]] = field(default_factory=list)
    rows: int = 0


def load(path: Path) -> list[Row]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#") or line.startswith("category\t"):
            continue
        category, kind, text = line.split("\t")
        if category not in (*CATEGORIES, "none") or kind not in KINDS:
            raise ValueError(f"{path.name} line {number}: unknown category or kind")
        rows.append(Row(category, kind, text))
    return rows


def evaluate(rows: list[Row]) -> Evaluation:
    evaluation = Evaluation(rows=len(rows))
    for row in rows:
        got = frozenset(finding.category for finding in screen(row.text))
        for category in CATEGORIES:
            score = evaluation.scores[category]
            if category in got and category in row.expected:
                score.tp += 1
            elif category in got:
                score.fp += 1
            elif category in row.expected:
                score.fn += 1
        if got != row.expected:
            evaluation.errors.append((row, got))
    for score in evaluation.scores.values():
        evaluation.overall.tp += score.tp
        evaluation.overall.fp += score.fp
        evaluation.overall.fn += score.fn
    return evaluation


def table(name: str, evaluation: Evaluation) -> str:
    lines = [
        f"{name}: {evaluation.rows} sentences",
        f"{'category':<20} {'precision':>9} {'recall':>7} {'TP':>4} {'FP':>4} {'FN':>4}",
    ]
    for category, score in [*evaluation.scores.items(), ("overall", evaluation.overall)]:
        lines.append(
            f"{category:<20} {score.precision:>9.3f} {score.recall:>7.3f}"
            f" {score.tp:>4} {score.fp:>4} {score.fn:>4}"
        )
    lines.append("misclassified:" if evaluation.errors else "misclassified: none")
    for row, got in evaluation.errors:
        expected = ", ".join(sorted(row.expected)) or "nothing"
        found = ", ".join(sorted(got)) or "nothing"
        lines.append(f"  [{row.kind}] expected {expected}, found {found}: {row.text}")
    return "\n".join(lines)


def main() -> int:
    print("\n\n".join(table(name, evaluate(load(path))) for name, path in SETS.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
