"""The catalogue of a partner's warning signs and the advice on saying no."""

import pytest

from partnerkit.method import warning_signs
from partnerkit.method.warning_signs import BY_CODE, CODES, WARNING_SIGNS, UnknownSign, sign

SIX = ["control", "no_free_licence", "tight_deadline", "brand", "no_benefit", "mission_conflict"]


def test_the_six_warning_signs_of_the_method_in_order():
    assert list(CODES) == SIX
    assert [item.code for item in WARNING_SIGNS] == SIX


@pytest.mark.parametrize("item", WARNING_SIGNS, ids=lambda item: item.code)
def test_every_sign_says_why_it_matters_and_what_to_do(item):
    assert item.title and item.explanation and item.response
    assert item.explanation != item.response
    # Sentences, not keywords: each part is a few sentences of advice.
    assert item.explanation.endswith(".") and item.response.endswith(".")
    assert len(item.explanation.split()) >= 20 and len(item.response.split()) >= 15


def test_titles_are_distinct():
    titles = [item.title for item in WARNING_SIGNS]
    assert len(set(titles)) == len(titles)


def test_lookup_by_code():
    assert sign("brand") is BY_CODE["brand"]
    assert "licence" in sign("no_free_licence").title


@pytest.mark.parametrize("code", ["censorship", "", "Control", None])
def test_an_unknown_code_is_refused_with_the_valid_ones_listed(code):
    with pytest.raises(UnknownSign) as raised:
        sign(code)
    assert isinstance(raised.value, KeyError)
    message = str(raised.value)
    assert repr(str(code)) in message
    for valid in SIX:
        assert valid in message


def test_when_and_how_to_say_no_are_given():
    assert len(warning_signs.SAY_NO_WHEN) >= 3
    assert any("capacity" in text or "hours" in text for text in warning_signs.SAY_NO_WHEN)
    assert any("polite" in text.lower() for text in warning_signs.HOW_TO_SAY_NO)


def test_the_texts_are_ours_not_the_talks():
    """The talk's own list of warning signs is not copied into the catalogue."""
    talk_phrases = [
        "seeking unacceptable control",
        "refusal to release under free license",
        "seeking to immediately bank on our brand",
        "conflict to our mission",
    ]
    texts = " ".join(
        part for item in WARNING_SIGNS for part in (item.title, item.explanation, item.response)
    ).lower()
    for phrase in talk_phrases:
        assert phrase not in texts
