"""The first meeting's method: agenda time boxes, the wiki primer by partner kind, materials,
preparation prompts and warnings about who attends."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from partnerkit.method import meeting
from partnerkit.method.partner_kinds import KINDS

LENGTHS = st.integers(min_value=meeting.MIN_MINUTES, max_value=meeting.MAX_MINUTES)


@given(LENGTHS, st.booleans())
def test_time_boxes_add_up_to_the_length_and_respect_each_minimum(minutes, primer):
    slots = meeting.plan_agenda(minutes, wiki_primer=primer)
    assert [slot.code for slot in slots] == list(meeting.CODES)
    assert sum(slot.minutes for slot in slots) == minutes
    floors = meeting.minimums(wiki_primer=primer)
    assert all(slot.minutes >= floor for slot, floor in zip(slots, floors, strict=True))
    assert all(isinstance(slot.minutes, int) for slot in slots)


def test_the_shortest_meeting_keeps_every_part_at_its_minimum():
    for primer in (True, False):
        slots = meeting.plan_agenda(15, wiki_primer=primer)
        floors = meeting.minimums(wiki_primer=primer)
        if primer:
            assert [slot.minutes for slot in slots] == floors
        assert all(slot.minutes >= floor for slot, floor in zip(slots, floors, strict=True))


def test_the_primer_adds_time_inside_the_introductions():
    with_primer = meeting.plan_agenda(60, wiki_primer=True)
    without = meeting.plan_agenda(60, wiki_primer=False)
    assert with_primer[0].primer_minutes > 0 and without[0].primer_minutes == 0
    assert with_primer[0].minutes > without[0].minutes
    assert "primer" in with_primer[0].title
    assert with_primer[0].primer_minutes < with_primer[0].minutes


def test_a_sixty_minute_meeting_gives_the_collaboration_the_most_time():
    slots = {slot.code: slot.minutes for slot in meeting.plan_agenda(60)}
    assert slots["collaboration"] == max(slots.values())
    assert meeting.offsets([10, 5])[1] == (10, 15)
    assert meeting.clock(75) == "1:15"


@pytest.mark.parametrize("minutes", [0, -30, 14, 481, 10_000])
def test_a_length_outside_the_range_is_refused_naming_the_length(minutes):
    with pytest.raises(meeting.MeetingLengthError) as error:
        meeting.plan_agenda(minutes)
    assert f"{minutes} minutes" in str(error.value)
    assert error.value.params["minutes"] == minutes


def test_a_length_that_is_not_a_whole_number_is_a_programming_error():
    with pytest.raises(TypeError):
        meeting.plan_agenda(60.5)


@given(LENGTHS, st.booleans(), st.integers(0, 5), st.integers(0, 480))
def test_rebalancing_one_box_keeps_the_total_and_the_minimums(minutes, primer, index, new):
    boxes = [slot.minutes for slot in meeting.plan_agenda(minutes, wiki_primer=primer)]
    floors = meeting.minimums(wiki_primer=primer)
    try:
        result = meeting.rebalance(boxes, index, new, floors=floors)
    except meeting.BoxError as error:
        assert new < floors[index] or new > minutes - (sum(floors) - floors[index]), error
        return
    assert result[index] == new
    assert sum(result) == minutes
    assert all(box >= floor for box, floor in zip(result, floors, strict=True))


def test_rebalancing_refuses_a_box_below_its_minimum_or_too_large():
    boxes = [slot.minutes for slot in meeting.plan_agenda(60)]
    floors = meeting.minimums(wiki_primer=True)
    with pytest.raises(meeting.BoxError, match="at least 3 minutes"):
        meeting.rebalance(boxes, 3, 1, floors=floors)
    with pytest.raises(meeting.BoxError, match="At most 48 minutes"):
        meeting.rebalance(boxes, 3, 50, floors=floors)


@given(LENGTHS, LENGTHS)
def test_refitting_to_a_new_length_keeps_the_total(first, second):
    boxes = [slot.minutes for slot in meeting.plan_agenda(first)]
    floors = meeting.minimums(wiki_primer=True)
    result = meeting.refit(boxes, second, floors=floors)
    assert sum(result) == second
    assert all(box >= floor for box, floor in zip(result, floors, strict=True))


def test_every_part_has_prompts_in_our_words():
    for slot in meeting.plan_agenda(60):
        assert slot.prompts and all(prompt.endswith((".", "?")) for prompt in slot.prompts)


# The wiki primer ------------------------------------------------------------------------------


def codes(kind, **kwargs):
    return [topic.code for topic in meeting.primer_topics(kind, **kwargs)]


@pytest.mark.parametrize("kind", [kind.code for kind in KINDS])
def test_every_kind_gets_all_eight_topics_once(kind):
    assert sorted(codes(kind)) == sorted(meeting.TOPIC_CODES)
    assert len(meeting.TOPIC_CODES) == 8


@pytest.mark.parametrize("kind", ["museum", "archive", "library", "gallery"])
def test_memory_institutions_hear_about_free_licences_and_commons_first(kind):
    topics = meeting.primer_topics(kind)
    assert topics[0].code == "free_licences"
    assert "Commons" in topics[0].text and "collection" in topics[0].text


def test_universities_hear_about_conflict_of_interest_and_student_assignments_first():
    topic = meeting.primer_topics("higher_education")[0]
    assert topic.code == "conflict_of_interest"
    assert "student" in topic.text.lower()


def test_governments_hear_about_neutrality_and_living_people_early():
    topics = meeting.primer_topics("national_government")
    assert [topic.code for topic in topics[:2]] == ["conflict_of_interest", "living_people"]
    assert "neutral" in topics[0].text and "politicians" in topics[1].text


def test_companies_hear_the_paid_editing_rules_first():
    topic = meeting.primer_topics("company_media")[0]
    assert topic.code == "conflict_of_interest" and "paid" in topic.text


def test_content_acquisition_brings_licences_and_gaps_forward_for_any_kind():
    assert codes("company_media", goal_types=["content_acquisition"])[:2] == [
        "free_licences", "content_gaps"
    ]
    assert codes("company_media")[:2] != ["free_licences", "content_gaps"]


def test_the_content_gap_topic_carries_the_figures_given():
    topics = meeting.primer_topics("museum", gap_figures="Has articles in 3 Wikipedias.")
    figures = {topic.code: topic.figures for topic in topics}
    assert figures["content_gaps"] == "Has articles in 3 Wikipedias."
    assert all(not text for code, text in figures.items() if code != "content_gaps")


def test_an_unknown_kind_is_named():
    with pytest.raises(KeyError, match="spaceship"):
        meeting.primer_topics("spaceship")


# Materials, preparation, attendees --------------------------------------------------------------


def test_materials_follow_the_primer_and_the_goal_types_without_repeats():
    plain = meeting.materials_checklist([], wiki_primer=False)
    primer = meeting.materials_checklist([], wiki_primer=True)
    content = meeting.materials_checklist(
        ["content_acquisition", "content_acquisition"], wiki_primer=False
    )
    assert set(meeting.MATERIALS_PRIMER) <= set(primer) and not set(meeting.MATERIALS_PRIMER) & set(plain)
    assert any("free licences" in item for item in content)
    assert len(content) == len(set(content))


def test_the_preparation_prompts_cover_the_five_questions():
    assert [prompt.code for prompt in meeting.PREPARATION_PROMPTS] == [
        "speaks_for", "may_commit", "batna", "no_partnership_ok", "expected_questions"
    ]


def person(name, technical=False):
    return meeting.AttendeeFacts(name, technical)


def test_no_technical_person_when_technical_questions_are_expected_is_a_warning():
    warnings = meeting.attendee_warnings(technical_expected=True, ours=[person("Ana")])
    assert len(warnings) == 1 and "technical" in warnings[0]
    assert meeting.attendee_warnings(
        technical_expected=True, ours=[person("Ana"), person("Ben", technical=True)]
    ) == []
    assert meeting.attendee_warnings(technical_expected=False, ours=[person("Ana")]) == []


def test_nobody_of_ours_and_too_many_of_ours_are_warnings():
    assert "Nobody" in meeting.attendee_warnings(technical_expected=False, ours=[])[0]
    crowd = [person(str(n)) for n in range(meeting.MAX_OURS + 1)]
    assert "four" in meeting.attendee_warnings(technical_expected=False, ours=crowd)[0]
    four = [person(str(n)) for n in range(4)]
    assert "outnumber" in meeting.attendee_warnings(technical_expected=False, ours=four, theirs=1)[0]
    assert not meeting.attendee_warnings(technical_expected=False, ours=four, theirs=2)


def test_the_models_agenda_codes_mirror_the_method():
    from partnerkit.meetings.models import AgendaCode

    assert tuple(AgendaCode.values) == meeting.CODES
