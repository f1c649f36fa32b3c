"""`partnerkit wikidata discover`: a table or JSON marking existing partners, adding results,
and one-line errors with exit code 2 naming the option."""

import json

import pytest

from partnerkit.cli import main
from partnerkit.partners.models import Partner
from partnerkit.partnerships.models import Partnership
from tests.conftest import error_line
from tests.discovery.conftest import STOCKHOLM_MUSEUMS, sparql_requests
from tests.fakewiki import FakeWiki
from tests.subprocesses import partnerkit_env, run_partnerkit


def discover(*args):
    return main(["wikidata", "discover", "--workspace", "north", *args])



def test_the_table_marks_the_same_item_and_similar_names(capsys, museum, wdqs):
    assert discover("--kind", "museum", "--area", "Q1754") == 0
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert lines[0].startswith("5 results (fetched now, ")
    assert lines[1] == "= Q1439564   42  Nordiska museet — SE, Stockholm  = partner Nordic Museum"
    assert lines[2] == "  Q1145      61  Vasamuseet — SE, Djurgården"
    assert lines[4] == "~ Q9999001    1  Museum, Nordic  ~ Nordic Museum (100%)"
    assert lines[5] == "  Q9999002       Skansen"
    assert captured.err == ""  # no spinner when stderr is not a terminal
    assert discover("--kind", "museum", "--area", "Q1754") == 0
    assert capsys.readouterr().out.startswith("5 results (kept answer, ")
    assert len(sparql_requests(wdqs)) == 1


def test_json_for_scripts(capsys, museum, wdqs):
    assert discover("--kind", "museum", "--area", "SE", "--limit", "10", "--json") == 0
    data = json.loads(capsys.readouterr().out)
    assert data["row_count"] == 5 and data["kind"] == "museum" and data["area"] == "SE"
    assert data["rows"][0]["existing"] == {
        "partner_id": museum.pk,
        "name": "Nordic Museum",
        "score": 100,
        "same_item": True,
    }
    assert data["rows"][1]["existing"] is None
    [request] = sparql_requests(wdqs)
    assert "LIMIT 10" in request[3]["query"]


def test_add_all_new_adds_only_the_results_without_any_match(capsys, museum, alice, wdqs):
    assert (
        discover(
            "--kind", "museum", "--area", "Q1754", "--add-all-new", "--user", "carol", "--json"
        )
        == 0
    )
    data = json.loads(capsys.readouterr().out)
    assert [added["qid"] for added in data["added"]] == ["Q1145", "Q1780", "Q9999002"]
    assert data["similar_names_left_out"] == ["Q9999001"]
    assert Partnership.objects.filter(stage="idea", partner__wikidata_qid="Q1780").count() == 1
    assert Partner.objects.get(wikidata_qid="Q1145").created_by.username == "carol"


def test_add_named_results_skips_registered_ones(capsys, museum, wdqs):
    assert (
        discover(
            "--kind",
            "museum",
            "--area",
            "Q1754",
            "--add",
            "Q1439564",
            "https://www.wikidata.org/wiki/Q1145",
            "--user",
            "alice",
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "Added 1 partner with a partnership at the idea stage." in out
    assert "skipped Q1439564: already the partner Nordic Museum" in out
    assert Partner.objects.filter(wikidata_qid="Q1145").exists()


def test_a_hand_written_query_from_a_file(capsys, tmp_path, north, wdqs):
    path = tmp_path / "museums.rq"
    path.write_text("SELECT ?item ?itemLabel WHERE { ?item wdt:P31 wd:Q33506 }")
    assert discover("--sparql", str(path), "--json") == 0
    data = json.loads(capsys.readouterr().out)
    assert data["row_count"] == 5 and data["kind"] == ""
    [request] = sparql_requests(wdqs)
    assert request[3]["query"] == path.read_text()


@pytest.mark.parametrize(
    "args, message",
    [
        (["--kind", "zoo", "--area", "SE"], "--kind: “zoo” is not a kind to discover"),
        (["--kind", "museum", "--area", "Sweden"], "--area: “Sweden” is neither a country code"),
        (
            ["--kind", "museum", "--area", "SE", "--limit", "5000"],
            "--limit: Ask for between 1 and 1000",
        ),
        (["--kind", "museum"], "--area: say what to look for"),
        (["--kind", "museum", "--area", "SE", "--add", "Q1"], "--user: say who adds the partners"),
        (
            ["--kind", "museum", "--area", "SE", "--add", "Q1", "--user", "victor"],
            "--user: victor is a viewer of north; adding partners needs the member role",
        ),
        (["--sparql", "/nonexistent/query.rq"], "--sparql: /nonexistent/query.rq:"),
    ],
)
def test_bad_input_exits_2_with_one_line_naming_the_option(capsys, north, wdqs, args, message):
    assert discover(*args) == 2
    assert error_line(capsys).startswith(f"partnerkit: error: {message}")
    assert sparql_requests(wdqs) == []


def test_a_syntax_error_in_the_query_file(capsys, tmp_path, north, wdqs):
    path = tmp_path / "broken.rq"
    path.write_text("SELECT ?item ?oops WHERE { ?item wdt:P31 wd:Q33506 }")
    wdqs.fail_next(400, api="sparql")
    assert discover("--sparql", str(path)) == 2
    line = error_line(capsys)
    assert line.startswith("partnerkit: error: --sparql: ") and "line 1, column 10" in line


def test_a_timeout_says_to_narrow_the_query(capsys, north, wdqs):
    wdqs.fail_next("timeout", api="sparql")
    assert discover("--kind", "ngo", "--area", "US") == 2
    line = error_line(capsys)
    assert line.startswith("partnerkit: error: --area: ") and "60 seconds" in line


def test_an_unknown_result_to_add_adds_nothing(capsys, north, wdqs):
    assert (
        discover("--kind", "museum", "--area", "SE", "--add", "Q1145", "Q42", "--user", "alice")
        == 2
    )
    assert error_line(capsys) == (
        "partnerkit: error: --add: Q42 is not among the results of this discovery"
    )
    assert not Partner.objects.exists()


def test_in_a_new_installation_against_a_started_fake_server(tmp_path):
    with FakeWiki() as fake:
        fake.sparql_rows = list(STOCKHOLM_MUSEUMS)
        env = partnerkit_env(tmp_path, PARTNERKIT_WIKIMEDIA_BASE_URL=fake.url)
        for setup in (
            ["migrate"],
            ["createuser", "--username", "dana", "--email", "dana@example.org"],
            [
                "workspace",
                "create",
                "--name",
                "Wikimedia North",
                "--slug",
                "north",
                "--admin",
                "dana",
            ],
        ):
            done = run_partnerkit(*setup, env=env, timeout=120)
            assert done.returncode == 0, done.stderr
        done = run_partnerkit(
            "wikidata",
            "discover",
            "--workspace",
            "north",
            "--kind",
            "museum",
            "--area",
            "Q1754",
            "--add",
            "Q1145",
            "--user",
            "dana",
            "--json",
            env=env,
        )
        assert done.returncode == 0, done.stderr
        data = json.loads(done.stdout)
        assert [added["qid"] for added in data["added"]] == ["Q1145"]
        assert len(sparql_requests(fake)) == 1
        done = run_partnerkit(
            "wikidata",
            "discover",
            "--workspace",
            "north",
            "--kind",
            "museum",
            "--area",
            "Q1754",
            env=env,
        )
        assert done.returncode == 0, done.stderr
        row = "= Q1145      61  Vasamuseet — SE, Djurgården  = partner Vasamuseet"
        assert row in done.stdout
        assert len(sparql_requests(fake)) == 1  # the kept answer
        fake.fail_next("timeout", api="sparql")
        done = run_partnerkit(
            "wikidata",
            "discover",
            "--workspace",
            "north",
            "--kind",
            "museum",
            "--area",
            "Q1754",
            "--refresh",
            env=env,
        )
        assert done.returncode == 2
        assert done.stderr.startswith("partnerkit: error: --area: The query service stopped")
        assert len(done.stderr.splitlines()) == 1
