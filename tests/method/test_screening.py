"""Screening commitments and notes for dangerous promises."""

import json
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from partnerkit.method.screening import (
    CATEGORIES,
    LABELS,
    MAX_CHARS,
    Finding,
    ScreeningError,
    TextTooLong,
    UnsupportedLanguage,
    finding_from_json,
    findings_as_json,
    looks_english,
    screen,
)
from tests.method.screening_report import SETS, evaluate, load

LABELLED = load(SETS["labelled"])
HELDOUT = load(SETS["held-out"])


def categories(text):
    return [finding.category for finding in screen(text)]


def examples(kind):
    """The first labelled sentence of each category of one kind."""
    chosen = {}
    for row in LABELLED:
        if row.kind == kind and row.category in CATEGORIES:
            chosen.setdefault(row.category, row.text)
    assert set(chosen) == set(CATEGORIES)
    return sorted(chosen.items())


def test_every_category_has_a_label_explanation_and_alternative():
    assert set(LABELS) == set(CATEGORIES)
    for category in CATEGORIES:
        [finding] = [f for f in screen(dict(examples("risky"))[category])]
        assert finding.label == LABELS[category]
        assert len(finding.explanation) > 60 and len(finding.alternative) > 40


@pytest.mark.parametrize(("category", "text"), examples("risky"))
def test_risky_promises_are_flagged(category, text):
    assert categories(text) == [category]


@pytest.mark.parametrize(("category", "text"), examples("paraphrase"))
def test_paraphrases_are_flagged(category, text):
    assert categories(text) == [category]


@pytest.mark.parametrize(("category", "text"), examples("negation"))
def test_negated_promises_are_not_flagged(category, text):
    assert screen(text) == []


BENIGN_NEAR_MISSES = {
    "specific_content": "We will write a blog post about the edit-a-thon.",
    "community_control": "The museum may suggest topics on the talk page.",
    "exclusivity": "Volunteers were offered an exclusive tour of the storage rooms.",
    "locking": "We will lock the storage room after the photo session.",
    "non_free_licence": "All images will be released under CC BY-SA 4.0.",
}


@pytest.mark.parametrize(("category", "text"), sorted(BENIGN_NEAR_MISSES.items()))
def test_benign_near_misses_are_not_flagged(category, text):
    assert any(row.text == text and row.kind == "benign" for row in LABELLED)
    assert category not in categories(text)
    assert screen(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "We will not ask for exclusivity.",
        "We never promise particular articles.",
        "No article will be locked.",
        "There is no exclusivity.",
        "We cannot guarantee any article.",
        "We will not edit anything without community consensus.",
        "Wikipedia articles can be edited by anyone.",
    ],
)
def test_negations_and_plain_facts_from_the_brief(text):
    assert screen(text) == []


def test_double_negative_forms_are_still_dangerous():
    assert categories("We will not let editors change the texts.") == ["community_control"]
    assert categories("No other museum will be part of this programme.") == ["exclusivity"]
    assert categories("Commercial reuse will not be allowed.") == ["non_free_licence"]
    assert screen("We explained that we won't stop editors from changing the text.") == []


def test_spans_point_into_the_original_text():
    text = (
        "   \n  We’ll  guarantee ten new articles. "
        "The page won’t change: we’ll freeze the text."
    )
    findings = screen(text)
    assert [f.category for f in findings] == ["specific_content", "locking"]
    for finding in findings:
        assert text[finding.span[0] : finding.span[1]] == finding.matched
    assert findings[0].matched == "guarantee ten new articles"
    assert findings[1].matched.startswith("freeze")


def test_multi_sentence_input_gives_ordered_findings_one_per_category_and_clause():
    text = (
        "Thanks for the lovely meeting! "
        "The photos are licensed under CC BY-NC, all rights reserved. "
        "We will work only with you; you will be our exclusive partner.\n"
        "- the museum approves every edit"
    )
    findings = screen(text)
    assert [f.category for f in findings] == [
        "non_free_licence", "exclusivity", "exclusivity", "community_control",
    ]  # fmt: skip
    assert [f.span for f in findings] == sorted(f.span for f in findings)
    assert findings[0].matched == "CC BY-NC"
    assert findings[-1].matched == "approves every edit"


def test_curly_quotes_and_contractions_are_understood():
    assert categories("Rather than “Wikipedia only” permission, they chose CC0.") == []
    [finding] = screen("We’ll get a page up for the new wing.")
    assert finding.category == "specific_content"
    assert finding.matched == "We’ll get a page"
    assert categories("We won’t let editors change the texts.") == ["community_control"]


@pytest.mark.parametrize("text", ["", "   ", "\n\t \n"])
def test_empty_text_has_no_findings(text):
    assert screen(text) == []


def test_text_longer_than_the_limit_is_refused_naming_the_limit():
    assert screen("a" * MAX_CHARS) == []
    with pytest.raises(TextTooLong, match="50,000 characters"):
        screen("a" * (MAX_CHARS + 1))


def test_other_languages_are_refused_naming_the_language():
    with pytest.raises(UnsupportedLanguage, match="'de'"):
        screen("Wir versprechen einen Artikel.", lang="de")
    assert issubclass(UnsupportedLanguage, ScreeningError)
    assert issubclass(ScreeningError, ValueError)
    assert categories("We promise an article about the museum.") == ["specific_content"]


@pytest.mark.parametrize(
    "text",
    [
        "We promise an article about the museum.",
        "The museum approves every edit.",
        "Exclusive partner.",
        "CC BY-NC",
        "",
    ],
)
def test_looks_english_accepts_short_english(text):
    assert looks_english(text)


@pytest.mark.parametrize(
    "text",
    [
        "Wir versprechen einen Artikel über das Museum und die Sammlung.",
        "Nous promettons un article sur le musée et sa collection.",
        "Prometemos que el museo tendrá un artículo en la enciclopedia.",
        "Vi lovar att det kommer en artikel om museet och samlingen.",
        "Мы обещаем статью о музее.",
        "نعد بكتابة مقال عن المتحف",
        "我们保证写一篇关于博物馆的文章。",
    ],
)
def test_looks_english_rejects_other_languages_and_scripts(text):
    assert not looks_english(text)


def test_findings_survive_a_json_round_trip():
    findings = screen("We will protect the article from edits. Photos: CC BY-NC-ND.")
    stored = json.loads(json.dumps(findings_as_json(findings)))
    assert [finding_from_json(item) for item in stored] == findings
    assert all(isinstance(f, Finding) for f in findings)


def test_a_stored_finding_without_a_category_is_refused():
    with pytest.raises(ScreeningError):
        finding_from_json({"span": [0, 3]})
    with pytest.raises(ScreeningError):
        finding_from_json({"category": "gossip", "span": [0, 3]})


def test_the_labelled_set_is_large_and_balanced():
    assert len(LABELLED) >= 200 and len(HELDOUT) >= 40
    for category in CATEGORIES:
        rows = [row for row in LABELLED if row.category == category]
        assert sum(row.kind in ("risky", "paraphrase") for row in rows) >= 12
        assert sum(row.kind == "negation" for row in rows) >= 8
    assert sum(row.kind == "benign" for row in LABELLED) >= 40


@pytest.mark.parametrize(("rows", "floor"), [(LABELLED, 0.9), (HELDOUT, 0.8)])
def test_precision_and_recall_per_category_stay_above_the_floor(rows, floor):
    evaluation = evaluate(rows)
    for category, score in evaluation.scores.items():
        assert score.precision >= floor, (category, evaluation.errors)
        assert score.recall >= floor, (category, evaluation.errors)


def test_screening_the_longest_text_is_fast():
    text = "\n".join(row.text for row in LABELLED) * 3
    text = text[:MAX_CHARS]
    started = time.perf_counter()
    findings = screen(text)
    assert time.perf_counter() - started < 1.0
    assert len(findings) > 100
    for adversarial in ("article " * 6000, "no " * 16000, "will promise " * 3800):
        started = time.perf_counter()
        screen(adversarial[:MAX_CHARS])
        assert time.perf_counter() - started < 1.0


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=600))
def test_screening_never_raises_and_spans_stay_in_bounds(text):
    for finding in screen(text):
        start, end = finding.span
        assert 0 <= start < end <= len(text)
        assert text[start:end] == finding.matched
        assert finding.category in CATEGORIES


@settings(max_examples=25, deadline=None)
@given(st.text(min_size=1, max_size=40), st.integers(1, 1500))
def test_screening_long_repetitive_text_never_raises(piece, times):
    text = (piece * times)[:MAX_CHARS]
    for finding in screen(text):
        assert 0 <= finding.span[0] < finding.span[1] <= len(text)
