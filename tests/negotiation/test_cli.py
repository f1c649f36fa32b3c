"""`partnerkit screen`: the screening of promises from a terminal, without a database."""

import json

from partnerkit.cli import main
from tests.conftest import error_line


def test_findings_name_the_words_why_and_what_instead(tmp_path, capsys):
    text = tmp_path / "minutes.txt"
    text.write_text(
        "We will not ask for exclusivity.\nWe promised to keep the article locked for them.\n",
        encoding="utf-8",
    )
    assert main(["screen", str(text)]) == 0
    out = capsys.readouterr().out
    assert "Freezing or locking articles: “keep the article locked”" in out
    assert "Why:" in out and "Instead:" in out
    assert "xclusiv" not in out  # the negated sentence is not flagged


def test_json_gives_each_finding_with_its_span(tmp_path, capsys):
    text = tmp_path / "mou.txt"
    sentence = "The photographs may only be used on Wikipedia."
    text.write_text(sentence, encoding="utf-8")
    assert main(["screen", "--json", str(text)]) == 0
    [finding] = json.loads(capsys.readouterr().out)
    assert finding["category"] == "non_free_licence"
    start, end = finding["span"]
    assert sentence[start:end] == finding["matched"]


def test_a_benign_text_says_so(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO("We will run an edit-a-thon.\n"))
    assert main(["screen", "-"]) == 0
    assert capsys.readouterr().out.strip() == "No dangerous promises found."


def test_bad_input_is_refused_in_one_line(tmp_path, capsys):
    assert main(["screen", str(tmp_path / "missing.txt")]) == 2
    assert "FILE: cannot read" in error_line(capsys)

    german = tmp_path / "de.txt"
    german.write_text("Wir versprechen einen Artikel über das Museum und seine Sammlung.")
    assert main(["screen", str(german)]) == 2
    assert "does not look like English" in error_line(capsys)

    huge = tmp_path / "huge.txt"
    huge.write_text("We will hold an edit-a-thon. " * 3000)
    assert main(["screen", str(huge)]) == 2
    assert "FILE:" in error_line(capsys)

    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Caf\xe9 promises".encode("latin-1"))
    assert main(["screen", str(latin1)]) == 2
    assert "is not UTF-8 text" in error_line(capsys)
