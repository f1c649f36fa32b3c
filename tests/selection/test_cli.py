"""`partnerkit rank`: a table or JSON, and one line with exit code 2 on bad input."""

import argparse
import json

import pytest

from partnerkit.cli import main
from partnerkit.selection import cli


def parse(*argv):
    parser = argparse.ArgumentParser(prog="partnerkit")
    commands = parser.add_subparsers(dest="command")
    cli.add_parser(commands)
    return parser.parse_args(["rank", *argv])


def test_the_table_shows_both_ranks_ties_and_missing(capsys, candidates):
    assert cli.run(parse("--workspace", "north")) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0].split()[:4] == ["W.SUM", "TOPSIS", "SCORE", "CANDIDATE"]
    assert lines[1].startswith("1 ") and "Photo donation" in lines[1]
    assert "=2" in out  # the two identical candidates tie
    assert "benefit, risk, effort, fit" in out
    assert "Weights: impact 14%" in out


def test_json_for_scripts(capsys, candidates):
    assert cli.run(parse("--workspace", "north", "--json", "--method", "weighted",
                         "--preset", "impact_first")) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["method"] == "weighted"
    assert data["entries"][0]["title"] == "Photo donation"
    assert data["entries"][0]["topsis"] is None
    assert data["weights"]["impact"] == pytest.approx(5 / 16)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--workspace", "nowhere"], "--workspace: there is no workspace 'nowhere'"),
        (["--workspace", "north", "--preset", "cheapest"], "--preset: unknown preset 'cheapest'"),
    ],
)
def test_bad_input_exits_2_with_one_line(capsys, candidates, argv, message):
    assert main(["rank", *argv]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith(f"partnerkit: error: {message}")


def test_no_candidates_says_so(capsys, north):
    assert cli.run(parse("--workspace", "north")) == 0
    assert "there are no candidates to rank" in capsys.readouterr().out
