"""The ranking exported as CSV and XLSX: both methods, missing estimates as "missing", ties,
and nothing of another workspace."""

import csv
import io

from django.urls import reverse
from openpyxl import load_workbook

from tests.conftest import login
from tests.selection.conftest import add_candidate

CSV_URL = reverse("selection:export_csv", kwargs={"workspace_slug": "north"})
XLSX_URL = reverse("selection:export_xlsx", kwargs={"workspace_slug": "north"})


def test_the_csv_lists_both_ranks_and_marks_missing_estimates(client, victor, candidates):
    response = login(client, victor).get(CSV_URL)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="north-ranking-' in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    by_title = {row["title"]: row for row in rows}
    assert by_title["Photo donation"]["weighted rank"] == "1"
    assert by_title["Photo donation"]["TOPSIS rank"] == "1"
    assert by_title["University course"]["effort"] == "missing"
    assert by_title["University course"]["risk"] == "missing"
    assert by_title["Archive scans"]["tied with"] == "Library talks"
    assert by_title["Archive scans"]["weighted rank"] == by_title["Library talks"]["weighted rank"]


def test_the_xlsx_has_the_same_table(client, alice, candidates):
    response = login(client, alice).get(XLSX_URL)
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("weighted rank", "weighted score", "TOPSIS rank")
    titles = [row[5] for row in rows[1:]]
    assert titles[0] == "Photo donation"
    assert set(titles) == {"Photo donation", "Archive scans", "Library talks", "University course"}


def test_cells_that_look_like_formulas_are_defused(client, alice, north, candidates):
    add_candidate(north, "=HYPERLINK(\"http://evil\")", impact=2, ease=2)
    rows = list(csv.reader(io.StringIO(login(client, alice).get(CSV_URL).content.decode())))
    assert any(row[5] == "'=HYPERLINK(\"http://evil\")" for row in rows)


def test_unranked_candidates_are_exported_as_not_ranked(client, alice, north, candidates):
    add_candidate(north, "Blank idea", stage="idea")
    rows = list(csv.DictReader(io.StringIO(login(client, alice).get(CSV_URL).content.decode())))
    blank = next(row for row in rows if row["title"] == "Blank idea")
    assert blank["weighted rank"] == "not ranked"


def test_an_outsider_cannot_export(client, bob, south, candidates):
    login(client, bob)
    assert client.get(CSV_URL).status_code == 404
    assert client.get(XLSX_URL).status_code == 404
