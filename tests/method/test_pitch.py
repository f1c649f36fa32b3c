"""The pitch as plain Python: arguments, readiness, timing, jargon, vocabulary, the stage rule."""

import subprocess
import sys

import pytest

from partnerkit.method import pitch, stages
from partnerkit.method.stages import Facts, Stage

MISSION = (
    "The Nordic Museum collects, preserves and shares the cultural history of everyday life "
    "in the Nordic countries. We open our collections to everyone, online and in our "
    "galleries, and invite visitors to explore the stories of ordinary people. Digital access "
    "to the collections is a priority: we digitise photographs and objects, publish open data "
    "and work with schools so that children discover their own history."
)


def test_there_are_about_twenty_arguments_with_unique_codes():
    codes = [item.code for item in pitch.ARGUMENTS]
    assert len(codes) >= 20 and len(set(codes)) == len(codes)


def test_glam_arguments_come_first_for_a_museum_giving_content():
    found = [item.code for item in pitch.arguments_for("museum", ["content_acquisition"])]
    assert found[:4] == ["presence", "findability", "reuse_innovation", "metadata_feedback"]
    assert {"peers_do_it", "information_landscape", "public_mandate"} <= set(found)
    assert found[-1] == "measurable_results"  # fits any partner: least specific, last
    assert "tax_and_responsibility" not in found


def test_arguments_follow_the_kind_and_goal():
    company = [item.code for item in pitch.arguments_for("company_media", ["fundraising"])]
    assert company[0] == "tax_and_responsibility" and "presence" not in company
    library = [item.code for item in pitch.arguments_for("library", ["access"])]
    assert library[0] == "citations_send_readers" and "access_mission" in library


def test_an_unknown_argument_names_its_code():
    with pytest.raises(KeyError, match="nonsense"):
        pitch.argument("nonsense")


def test_readiness_has_the_nine_questions_with_help():
    assert pitch.QUESTION_CODES == (
        "benefits_partner", "benefits_wikimedia", "assets", "owners", "competencies",
        "decisions", "roles", "community", "licence",
    )
    assert all(q.text and q.help and q.title for q in pitch.READINESS_QUESTIONS)
    left = pitch.unanswered({"benefits_partner": True, "licence": True, "roles": False})
    assert [q.code for q in left] == [
        "benefits_wikimedia", "assets", "owners", "competencies", "decisions", "roles", "community"
    ]


def test_the_stage_rule_lists_the_open_questions_by_title():
    facts = Facts(has_contact_point=True, extra={"pitch_unanswered": ["owners", "licence"]})
    unmet = [u for u in stages.unmet(facts, Stage.IN_CONTACT, Stage.PREPARING)
             if u.rule == "pitch_ready_before_contact"]
    assert len(unmet) == 1
    assert "Owners on both sides, Free licence" in str(unmet[0])
    assert "pitch page" in str(unmet[0])


def test_the_stage_rule_holds_when_all_are_answered_and_is_strict_when_unknown():
    answered = Facts(extra={"pitch_unanswered": []})
    assert "pitch_ready_before_contact" not in [
        u.rule for u in stages.unmet(answered, Stage.IN_CONTACT, Stage.PREPARING)]
    unknown = [u for u in stages.unmet(Facts(), Stage.NEGOTIATING, Stage.PREPARING)
               if u.rule == "pitch_ready_before_contact"]
    assert "Benefits for the partner" in str(unknown[0]) and "Free licence" in str(unknown[0])
    # Going back never needs it.
    assert stages.unmet(Facts(), Stage.PREPARING, Stage.IN_CONTACT) == []


def test_the_rule_is_registered_once_even_if_the_module_runs_again():
    import importlib

    importlib.reload(pitch)
    assert [rule.code for rule in stages.RULES].count("pitch_ready_before_contact") == 1


@pytest.mark.parametrize(
    ("words", "seconds", "too_long"),
    [(0, 0, False), (140, 60, False), (163, 70, False), (164, 70, False), (166, 71, True)],
)
def test_summary_timing_at_140_words_a_minute(words, seconds, too_long):
    timing = pitch.summary_timing(" ".join(["word"] * words))
    assert (timing.words, timing.seconds, timing.too_long) == (words, seconds, too_long)


def test_timing_counts_words_of_scripts_without_spaces():
    assert pitch.summary_timing("博物館は日常生活").words == 4
    assert pitch.summary_timing("Don't stop — it's well-known.").words == 4


def test_jargon_is_found_with_spans_into_the_original_text():
    text = "Our GLAM-Wiki team runs an Edit-a-thon and uploads to commons; ask a SYSOP."
    hits = pitch.jargon_in(text)
    assert [hit.term for hit in hits] == ["GLAM-Wiki", "edit-a-thon", "Commons", "sysop"]
    for hit in hits:
        assert text[hit.span[0]:hit.span[1]] == hit.matched
    assert hits[1].plain == "writing workshop"


def test_jargon_needs_whole_words():
    assert pitch.jargon_in("A robot, an abbot and glamour in the chapterhouse.") == []
    assert len(pitch.JARGON) >= 20


def test_key_phrases_of_a_real_mission_are_distinct():
    phrases = pitch.key_phrases([MISSION])
    assert 5 <= len(phrases) <= 15
    assert "everyday life" in phrases and "cultural history" in phrases
    words = [w for phrase in phrases for w in phrase.lower().split()
             if w not in {"and", "the", "of", "with", "to"}]
    assert len(words) == len(set(words)), phrases  # no overlapping phrases kept


def test_vocabulary_says_when_it_had_no_stop_words_for_the_language():
    welsh = pitch.vocabulary(["Amgueddfa yn casglu hanes bywyd bob dydd yng Nghymru."], "cy")
    assert welsh.generic and welsh.phrases
    swedish = pitch.vocabulary(["Museet samlar och bevarar vardagslivets historia."], "sv")
    assert not swedish.generic


@pytest.mark.parametrize("text,lang", [
    ("Музей собирает и хранит историю повседневной жизни.", "ru"),
    ("博物館は日常生活の歴史を収集し保存します。", "ja"),
    ("المتحف يجمع تاريخ الحياة اليومية", "ar"),
    ("!!! ... ,,,", "en"),
])
def test_other_scripts_do_not_crash(text, lang):
    assert isinstance(pitch.key_phrases([text], lang), list)


def test_no_text_or_too_much_text_is_a_clear_error():
    with pytest.raises(pitch.PitchTextError, match="no text"):
        pitch.key_phrases(["", "   "])
    with pytest.raises(pitch.PitchTextError, match="too long"):
        pitch.key_phrases(["a " * 100_001])


def test_alignment_ignores_case_plural_and_punctuation():
    used, unused = pitch.alignment(
        ["Everyday life", "open collection", "ordinary people"],
        "We show the everyday-life of Open Collections.",
    )
    assert used == ["Everyday life", "open collection"] and unused == ["ordinary people"]


def test_the_method_imports_no_django():
    code = (
        "import sys; import partnerkit.method.pitch, partnerkit.method.contacts; "
        "assert not any(m.startswith('django') for m in sys.modules), 'django imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_a_phrase_of_the_partner_replaces_the_word_it_contains():
    text = (
        "Students present research in public history projects. Public history is part of "
        "every degree programme, and seminars work with museums, archives and local history "
        "initiatives."
    )
    phrases = pitch.key_phrases([text])
    assert any("public history" in phrase.lower() for phrase in phrases), phrases
    assert "history" not in [phrase.lower() for phrase in phrases]
    assert not [phrase for phrase in phrases if " and " in phrase], phrases
