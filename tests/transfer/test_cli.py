"""`partnerkit import` and `partnerkit export`: the same checks and writes as the pages, exit
code 2 with one line naming the row and column for bad input, and nothing written then."""

import json

from partnerkit.cli import main
from partnerkit.partners.models import Partner
from partnerkit.transfer.models import ImportMapping, ImportRun
from tests.conftest import error_line
from tests.transfer.conftest import csv_bytes, fixture_bytes

GOOD = csv_bytes([
    ["Organisation", "Type", "Country", "Website"],
    ["Royal Library", "library", "Sweden", "https://www.kb.se/"],
    ["Nordiska museet", "museum", "SE", "https://www.nordiskamuseet.se/"],
])



def write(tmp_path, name, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def importing(*args):
    return main(["import", "--workspace", "north", "--user", "alice", *args])


def test_import_writes_and_reports(tmp_path, north, alice, museum, capsys):
    path = write(tmp_path, "partners.csv", GOOD)
    assert importing("--kind", "partners", path) == 0
    assert capsys.readouterr().out == (
        "Imported partners.csv into north: 1 created, 0 updated, 1 unchanged, 0 skipped "
        f"(import {ImportRun.objects.get().pk}).\n"
    )
    assert Partner.objects.filter(name="Royal Library", country="SE").exists()
    # The mapping is remembered, as for the pages.
    assert ImportMapping.objects.filter(workspace=north, kind="partners").exists()


def test_import_json_output_and_duplicate_choice(tmp_path, north, alice, museum, capsys):
    path = write(tmp_path, "partners.csv", GOOD)
    assert importing("--kind", "partners", "--on-duplicate", "update", "--json", path) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["counts"] == {"created": 1, "updated": 1, "unchanged": 0, "skipped": 0}
    assert result["report"][1]["note"].startswith("updated name of “Nordic Museum” in Partnerkit")
    museum.refresh_from_db()
    assert museum.name == "Nordiska museet"


def test_bad_values_exit_2_naming_row_and_column_and_write_nothing(tmp_path, north, alice, capsys):
    data = csv_bytes([["Name", "Kind"], ["A", "museum"], ["B", "castle"], ["C", "cave"]])
    path = write(tmp_path, "partners.csv", data)
    assert importing("--kind", "partners", path) == 2
    line = error_line(capsys, stdout_empty=False)
    assert line.startswith("partnerkit: error: partners.csv: Row 3, column “Kind”: “castle” is not a known partner kind; valid: ")
    assert line.endswith("(and 1 more problem; --dry-run --json lists them all); nothing was imported")
    assert not Partner.objects.exists()
    assert not ImportRun.objects.exists()


def test_dry_run_says_what_would_happen_and_writes_nothing(tmp_path, north, alice, museum, capsys):
    path = write(tmp_path, "partners.csv", GOOD)
    assert importing("--kind", "partners", "--dry-run", path) == 0
    out = capsys.readouterr().out
    assert out.startswith(
        "Checked partners.csv (CSV, UTF-8, separated by commas): 2 rows; would create 1, merge 1, "
        "update 0 and skip 0. Nothing was written.\n"
        "  Row 3: merge; matches “Nordic Museum” in Partnerkit: the same website (nordiskamuseet.se)\n"
    )
    assert Partner.objects.count() == 1
    assert not ImportRun.objects.exists()
    assert importing("--kind", "partners", "--dry-run", "--json", path) == 0
    result = json.loads(capsys.readouterr().out)
    assert (result["dry_run"], result["counts"]["create"]) == (True, 1)


def test_errors_with_json_list_every_problem(tmp_path, north, alice, capsys):
    data = csv_bytes([["Name", "Kind"], ["B", "castle"], ["C", "cave"]])
    path = write(tmp_path, "partners.csv", data)
    assert importing("--kind", "partners", "--json", path) == 2
    captured = capsys.readouterr()
    assert [error["row"] for error in json.loads(captured.out)["errors"]] == [2, 3]
    assert len(captured.err.splitlines()) == 1


def test_a_mapping_file_and_a_latin1_spreadsheet(tmp_path, north, alice, capsys):
    mapping = write(tmp_path, "mapping.json", json.dumps({
        "columns": {"name": "COMMONNAME", "place": "ADCITY", "website": "WEBURL"},
        "defaults": {"kind": "museum", "country": "US"},
    }).encode())
    path = write(tmp_path, "imls.csv", fixture_bytes("imls_museums_2018_excerpt.csv"))
    assert importing("--kind", "partners", "--mapping", mapping, path) == 0
    assert Partner.objects.filter(name="CAÑADA COLLEGE ART GALLERY", country="US").exists()


def test_missing_columns_and_broken_files_exit_2(tmp_path, north, alice, capsys):
    path = write(tmp_path, "places.csv", csv_bytes([["Name", "City"], ["A", "B"]]))
    assert importing("--kind", "partners", path) == 2
    assert error_line(capsys, stdout_empty=False) == (
        "partnerkit: error: places.csv: No column is chosen for Kind; it is required (name the "
        "file's column with --mapping); nothing was imported"
    )
    path = write(tmp_path, "empty.csv", b"")
    assert importing("--kind", "partners", path) == 2
    assert error_line(capsys, stdout_empty=False) == "partnerkit: error: empty.csv: The file is empty."
    assert importing("--kind", "partners", str(tmp_path / "missing.csv")) == 2
    assert error_line(capsys, stdout_empty=False).endswith("missing.csv: No such file or directory")
    bad_mapping = write(tmp_path, "m.json", b'{"columns": {"name": "Organisation"}}')
    assert importing("--kind", "partners", "--mapping", bad_mapping, path) == 2


def test_a_mapping_naming_a_missing_column_is_refused(tmp_path, north, alice, capsys):
    path = write(tmp_path, "partners.csv", GOOD)
    mapping = write(tmp_path, "m.json", b'{"name": "Organisation", "website": "URL"}')
    assert importing("--kind", "partners", "--mapping", mapping, path) == 2
    assert error_line(capsys, stdout_empty=False) == (
        "partnerkit: error: --mapping: The file has no column “URL” (for Website)."
    )


def test_viewers_and_outsiders_cannot_import(tmp_path, north, bob, victor, capsys):
    path = write(tmp_path, "partners.csv", GOOD)
    args = ["import", "--workspace", "north", "--kind", "partners", path]
    assert main([*args, "--user", "victor"]) == 2
    assert error_line(capsys, stdout_empty=False) == (
        "partnerkit: error: --user: victor is a viewer of north; importing needs the member role or higher"
    )
    assert main([*args, "--user", "bob"]) == 2
    assert error_line(capsys, stdout_empty=False) == "partnerkit: error: --user: bob is not a member of north"
    assert main([*args, "--user", "nobody"]) == 2
    assert error_line(capsys, stdout_empty=False) == "partnerkit: error: --user: there is no user 'nobody'"
    assert not Partner.objects.exists()


def test_the_progress_bar_goes_to_stderr(tmp_path, north, alice, capsys):
    path = write(tmp_path, "partners.csv", GOOD)
    assert importing("--kind", "partners", "--progress", path) == 0
    err = capsys.readouterr().err
    assert "Checking rows [##############################] 2/2" in err
    assert "Importing [##############################] 2/2" in err


def test_export_writes_each_format(tmp_path, north, museum, capsys):
    output = tmp_path / "partners.xlsx"
    assert main(["export", "--workspace", "north", "--kind", "partners", "--format", "xlsx",
                 "--output", str(output)]) == 0
    assert capsys.readouterr().out == f"Exported 1 partners of north to {output}.\n"
    assert output.read_bytes().startswith(b"PK")
    assert main(["export", "--workspace", "north", "--kind", "partners"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("\ufeffName,Kind,Country")
    assert "Nordic Museum,museum,SE,Stockholm" in out
    assert main(["export", "--workspace", "north", "--kind", "contacts", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["rows"][0]["email"] == "ingrid@example.org"


def test_export_refuses_unknown_kinds_formats_and_workspaces(north, capsys):
    assert main(["export", "--workspace", "north", "--kind", "people"]) == 2
    assert error_line(capsys, stdout_empty=False) == (
        "partnerkit: error: --kind: 'people' is not one of partners, contacts, partnerships"
    )
    assert main(["export", "--workspace", "north", "--kind", "partners", "--format", "pdf"]) == 2
    assert error_line(capsys, stdout_empty=False) == "partnerkit: error: --format: 'pdf' is not one of csv, xlsx, json"
    assert main(["export", "--workspace", "east", "--kind", "partners"]) == 2
    assert error_line(capsys, stdout_empty=False) == (
        "partnerkit: error: --workspace: there is no workspace 'east'; see `partnerkit workspace list`"
    )


def test_a_script_imports_and_exports_in_processes_of_its_own(tmp_path):
    from tests.subprocesses import partnerkit_env, run_partnerkit

    env = partnerkit_env(tmp_path / "data")
    assert run_partnerkit("migrate", "--verbosity", "0", env=env).returncode == 0
    for step in (
        ("workspace", "create", "--name", "Wikimedia East", "--slug", "east"),
        ("createuser", "--username", "dora", "--email", "d@example.org", "--workspace", "east"),
    ):
        assert run_partnerkit(*step, env=env).returncode == 0
    path = write(tmp_path, "partners.csv", GOOD)
    result = run_partnerkit(
        "import", "--workspace", "east", "--kind", "partners", "--user", "dora", "--progress",
        path, env=env,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Imported partners.csv into east: 2 created")
    assert "Importing [" in result.stderr
    bad = write(tmp_path, "bad.csv", csv_bytes([["Name", "Kind"], ["A", "castle"]]))
    result = run_partnerkit(
        "import", "--workspace", "east", "--kind", "partners", "--user", "dora", bad, env=env
    )
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.startswith("partnerkit: error: bad.csv: Row 2, column “Kind”:")
    assert result.stderr.count("\n") == 1
    output = tmp_path / "east.json"
    result = run_partnerkit(
        "export", "--workspace", "east", "--kind", "partners", "--format", "json",
        "--output", str(output), env=env,
    )
    assert result.returncode == 0
    assert {row["name"] for row in json.loads(output.read_text())["rows"]} == {
        "Royal Library", "Nordiska museet"
    }
