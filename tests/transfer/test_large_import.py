"""A 5,000-row partners file with errors and duplicates (inside the file and against the
registry): the check names them by row and column, the import is refused while they are
there, and the corrected file imports in one go."""

import random
import time

import pytest

from partnerkit.partners import services as partner_services
from partnerkit.partners.models import Partner
from partnerkit.transfer.services import ImportRefused
from tests.transfer.conftest import csv_bytes, import_bytes, preview_of

ROWS = 5_000
HEADER = ["Organisation", "Type", "Country", "City", "Website", "QID", "Tags"]
WORDS = (
    "amber", "birch", "cedar", "delta", "ember", "fjord", "glacier", "harbour", "island",
    "juniper", "kelp", "lagoon", "meadow", "nordic", "orchard", "pine", "quarry", "river",
    "saga", "tundra", "upland", "valley", "willow", "aurora", "basalt", "coast", "dune",
    "estuary", "forest", "granite", "heath", "inlet", "lake", "moor",
)
KINDS = ("museum", "library", "archive", "gallery", "higher_education", "learned_society")
COUNTRIES = ("SE", "NO", "DK", "FI", "IS", "EE")


def generated_rows(seed=7):
    """Distinct organisations: a unique number in every name, website and Wikidata item."""
    rng = random.Random(seed)
    rows = []
    for number in range(1, ROWS + 1):
        words = " ".join(word.capitalize() for word in rng.sample(WORDS, 2))
        kind = rng.choice(KINDS)
        rows.append([
            f"{words} {kind.replace('_', ' ').title()} {number}",
            kind,
            rng.choice(COUNTRIES),
            f"Town {number}",
            f"https://org{number}.example.org/" if number % 3 else "",
            f"Q{7_000_000 + number}" if number % 2 else "",
            "GLAM; imported" if number % 10 == 0 else "",
        ])
    return rows


@pytest.fixture
def registry(north, alice):
    """Partners already in the workspace that rows of the file match."""
    return {
        "by_item": partner_services.partner_create(
            workspace=north, by=alice, name="Registry entry A", kind="museum", wikidata_qid="Q7000101"
        ),
        "by_website": partner_services.partner_create(
            workspace=north, by=alice, name="Registry entry B", kind="museum",
            website="https://org200.example.org/",
        ),
    }


def file_rows_with_problems():
    rows = generated_rows()
    at = {number: rows[number - 2] for number in range(2, ROWS + 2)}  # by file row
    at[11][1] = "castle"  # kind
    at[12][2] = "Atlantis"  # country
    at[13][4] = "htp:/broken"  # website
    at[14][5] = "Q-12"  # Wikidata item
    at[15][0] = ""  # name
    # Row n holds organisation n - 1: even rows have a Wikidata item, rows 3k + 1 no website.
    at[3002][5] = at[2002][5]  # the same Wikidata item as an earlier row
    at[4001][4] = at[3003][4]  # the same website as an earlier row
    at[4501][0], at[4501][2], at[4501][3] = at[4500][0], at[4500][2], at[4500][3]  # same name
    _similar(at[4999], at[4998])  # a similar name to an earlier row: a choice, not an error
    return rows


def _similar(row, earlier):
    row[0] = earlier[0] + "s"
    row[2], row[3] = earlier[2], earlier[3]
    row[4] = row[5] = ""


def test_five_thousand_rows_with_errors_and_duplicates(north, alice, registry):
    data = csv_bytes([HEADER, *file_rows_with_problems()])
    started = time.perf_counter()
    preview = preview_of(north, alice, "partners", data, file_name="big.csv")
    checked = time.perf_counter() - started
    found = [(problem.row, problem.column) for problem in preview.errors]
    assert found == [
        (11, "Type"), (12, "Country"), (13, "Website"), (14, "QID"), (15, "Organisation"),
        (3002, "QID"), (4001, "Website"), (4501, "Organisation"),
    ]
    assert "the same Wikidata item Q7002001 as row 2002" in preview.errors[5].message
    duplicates = {plan.row: (plan.match.record_id, plan.match.row, plan.action) for plan in preview.duplicates}
    assert duplicates == {
        102: (registry["by_item"].pk, None, "merge"),
        201: (registry["by_website"].pk, None, "merge"),
        4999: (None, 4998, "skip"),
    }
    with pytest.raises(ImportRefused, match=r"Row 11, column “Type”.*\(and 7 more problems\)"):
        import_bytes(north, alice, "partners", data, file_name="big.csv")
    assert Partner.objects.count() == 2

    fixed = generated_rows()
    _similar(fixed[4999 - 2], fixed[4998 - 2])
    started = time.perf_counter()
    run = import_bytes(north, alice, "partners", csv_bytes([HEADER, *fixed]), file_name="big.csv")
    imported = time.perf_counter() - started
    print(f"\n5,000 rows: check {checked:.1f} s, check and import {imported:.1f} s")
    assert (run.created_count, run.updated_count, run.skipped_count) == (ROWS - 3, 2, 1)
    assert Partner.objects.count() == ROWS - 3 + 2
    registry["by_item"].refresh_from_db()
    assert registry["by_item"].place == "Town 101"
