"""The ranking as a table for spreadsheets (CSV and XLSX). Internal: it carries the estimates,
so only workspace members can download it."""

from __future__ import annotations

import csv
import io

from partnerkit.method.weights import CRITERIA
from partnerkit.selection.selectors import RankingBoard

MISSING = "missing"
# A cell starting with one of these is read as a formula by spreadsheet programs.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def ranking_table(board: RankingBoard) -> tuple[list[str], list[list]]:
    """Headers and rows, ranked candidates first (weighted-sum order), then the unranked."""
    headers = [
        "weighted rank", "weighted score", "TOPSIS rank", "TOPSIS score", "tied with",
        "title", "partner", "stage",
        *[criterion.code for criterion in CRITERIA],
        "missing", "non-dominated", "best rank", "worst rank", "share in top k",
    ]
    rows = []
    for row in board.rows:
        spread = row.spread
        rows.append(
            [
                row.weighted.rank,
                round(row.weighted.score, 4),
                row.topsis.rank,
                round(row.topsis.score, 4),
                "; ".join(row.tied_labels),
                row.partnership.title,
                row.partnership.partner.name,
                row.partnership.get_stage_display(),
                *[MISSING if value is None else value for _code, value in row.estimates],
                ", ".join(row.missing),
                {True: "yes", False: "no", None: "not tested"}[row.weighted.non_dominated],
                spread.best if spread and spread.best else "",
                spread.worst if spread and spread.worst else "",
                round(spread.p_top_k, 3) if spread else "",
            ]
        )
    for partnership, missing in board.unranked:
        rows.append(
            [
                "not ranked", "", "not ranked", "", "",
                partnership.title, partnership.partner.name, partnership.get_stage_display(),
                *[MISSING] * len(CRITERIA),
                ", ".join(missing), "", "", "", "",
            ]
        )
    return headers, rows


def _safe(value):
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def as_csv(board: RankingBoard) -> str:
    headers, rows = ranking_table(board)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers)
    for row in rows:
        writer.writerow([_safe(value) for value in row])
    return buffer.getvalue()


def as_xlsx(board: RankingBoard) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    headers, rows = ranking_table(board)
    book = Workbook()
    sheet = book.active
    sheet.title = "Ranking"
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([_safe(value) for value in row])
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
