"""`partnerkit wikidata link` and `refresh`: results on stdout, a bar on stderr, one-line
errors with exit code 2."""

import json

import pytest

from partnerkit.cli import main
from partnerkit.partners import services as partner_services
from partnerkit.research.models import EnrichmentRun, PartnerFacts
from tests.conftest import error_line
from tests.fakewiki import FakeWiki
from tests.subprocesses import partnerkit_env, run_partnerkit


@pytest.fixture
def archive(north, alice):
    return partner_services.partner_create(
        workspace=north, by=alice, name="Nordic Archive", kind="archive"
    )



def test_link_by_address_prints_the_result_and_fetches_the_facts(capsys, archive, nordic_items):
    nordic_items.add_item("Q5000", labels={"en": "Nordic Archive"}, country="Q34")
    code = main(
        [
            "wikidata",
            "link",
            "--workspace",
            "north",
            "--partner",
            str(archive.pk),
            "https://www.wikidata.org/wiki/Q5000",
        ]
    )
    out = capsys.readouterr().out
    assert code == 0
    assert "Nordic Archive is linked to Q5000." in out and ": done, 1/1 partners" in out
    archive.refresh_from_db()
    assert archive.wikidata_qid == "Q5000"
    assert PartnerFacts.objects.get(partner=archive).facts["country"]["value"]["label"] == "Sweden"


@pytest.mark.parametrize(
    "argv, message",
    [
        (
            ["--workspace", "nowhere", "--partner", "1", "Q1"],
            "--workspace: there is no workspace 'nowhere'",
        ),
        (
            ["--workspace", "north", "--partner", "999999", "Q1"],
            "--partner: workspace 'north' has no partner 999999",
        ),
        (
            ["--workspace", "north", "--partner", "{archive}", "Q12x"],
            "QID_OR_URL: “Q12x” is not a Wikidata item",
        ),
        (
            ["--workspace", "north", "--partner", "{archive}", "Q1439564"],
            "QID_OR_URL: Nordic Museum",
        ),
        (["--workspace", "north", "--partner", "x1", "Q1"], "--partner"),
    ],
)
def test_bad_link_input_is_one_line_and_exit_2(
    capsys, archive, museum, nordic_items, argv, message
):
    argv = [arg.format(archive=archive.pk) for arg in argv]
    with_exit = None
    try:
        code = main(["wikidata", "link", *argv])
    except SystemExit as exit:  # argparse's own refusals
        with_exit = exit.code
        code = with_exit
    assert code == 2
    assert message in error_line(capsys, stdout_empty=False)
    archive.refresh_from_db()
    assert archive.wikidata_qid == ""


def test_refresh_stale_then_resume_a_failed_job(capsys, museum, nordic_items):
    nordic_items.fail_next("garbled")
    assert main(["wikidata", "refresh", "--workspace", "north", "--stale", "--json"]) == 1
    captured = capsys.readouterr()
    run = json.loads(captured.out)
    assert run["status"] == "failed" and run["done"] == 0
    assert f"--resume {run['run']}" in captured.err
    assert captured.err.startswith("Wikidata [")  # the final bar line when not a terminal
    assert main(["wikidata", "refresh", "--workspace", "north", "--resume", str(run["run"])]) == 0
    out = capsys.readouterr().out
    assert f"Job {run['run']}: done, 1/1 partners" in out
    assert main(["wikidata", "refresh", "--workspace", "north", "--resume", str(run["run"])]) == 2
    assert "--resume: Job" in error_line(capsys, stdout_empty=False)
    assert EnrichmentRun.objects.count() == 1


def test_refresh_of_an_unlinked_partner_is_refused(capsys, archive):
    assert main(["wikidata", "refresh", "--workspace", "north", "--partner", str(archive.pk)]) == 2
    assert "--partner: Nordic Archive is not linked" in error_line(capsys, stdout_empty=False)


def test_the_command_in_a_process_talks_to_the_configured_wikimedia_address(tmp_path):
    with FakeWiki() as fake:
        fake.add_item("Q34", labels={"en": "Sweden"})
        fake.add_item("Q5000", labels={"en": "Nordic Archive"}, country="Q34")
        env = partnerkit_env(tmp_path / "data", PARTNERKIT_WIKIMEDIA_BASE_URL=fake.url)
        assert run_partnerkit("migrate", "--verbosity", "0", env=env).returncode == 0
        assert (
            run_partnerkit(
                "workspace", "create", "--name", "East", "--slug", "east", env=env
            ).returncode
            == 0
        )
        table = tmp_path / "partners.csv"
        table.write_text(
            "Name,Kind,Wikidata item\nNordic Archive,archive,Q5000\n", encoding="utf-8"
        )
        run_partnerkit(
            "createuser",
            "--username",
            "dora",
            "--email",
            "d@example.org",
            "--workspace",
            "east",
            "--role",
            "admin",
            env=env,
        )
        imported = run_partnerkit(
            "import",
            str(table),
            "--workspace",
            "east",
            "--kind",
            "partners",
            "--user",
            "dora",
            env=env,
        )
        assert imported.returncode == 0, imported.stderr
        result = run_partnerkit(
            "wikidata", "refresh", "--workspace", "east", "--all", "--json", env=env
        )
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout)["ok"] == 1
        assert result.stderr == "Wikidata [##############################] 1/1\n"
        assert len(fake.served("/wikidata/")) == 2  # the item, then the country's label
        bad = run_partnerkit(
            "wikidata", "link", "--workspace", "east", "--partner", "1", "nonsense", env=env
        )
        assert bad.returncode == 2 and bad.stderr.count("\n") == 1
        assert bad.stderr.startswith("partnerkit: error: QID_OR_URL:")


def test_refresh_of_several_partners_by_id(capsys, alice, museum, stockholm, nordic_items):
    assert (
        main(
            [
                "wikidata",
                "refresh",
                "--workspace",
                "north",
                "--partner",
                str(museum.pk),
                str(stockholm.pk),
            ]
        )
        == 0
    )
    assert ": done, 2/2 partners" in capsys.readouterr().out
    assert len(nordic_items.served("/wikidata/", props="labels|descriptions|claims|sitelinks")) == 1


def test_link_records_who_linked_and_refuses_a_viewer(capsys, fakewiki, north, museum, alice, victor):
    from partnerkit.cli import main

    fakewiki.add_item("Q1439564", labels={"en": "Nordic Museum"})
    museum.wikidata_qid = ""
    museum.save(update_fields=["wikidata_qid"])
    argv = ["wikidata", "link", "--workspace", "north", "--partner", str(museum.pk), "Q1439564"]
    assert main([*argv, "--user", "victor"]) == 2
    assert capsys.readouterr().err.startswith(
        "partnerkit: error: --user: victor is a viewer of north; wikidata link needs the member role"
    )
    museum.refresh_from_db()
    assert museum.wikidata_qid == ""
    assert main([*argv, "--user", "alice"]) == 0
    assert museum.history.latest().history_user == alice
