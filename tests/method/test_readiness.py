"""Should we pursue partnerships now? The readiness check and its outcomes."""

import pytest

from partnerkit.method.readiness import (
    BY_CODE,
    CONDITIONS,
    QUESTIONS,
    Outcome,
    ReadinessError,
    Severity,
    Status,
    assess,
)

ALL_WELL = {question.code: question.options[-1].code for question in QUESTIONS}


def answers(**changes):
    return {**ALL_WELL, **changes}


def test_every_condition_of_the_method_has_questions():
    assert [condition.code for condition in CONDITIONS] == [
        "community_health", "shared_goals", "plan", "community_support", "representation",
        "resources",
    ]  # fmt: skip
    for condition in CONDITIONS:
        assert any(q.condition == condition.code and not q.advisory for q in QUESTIONS)
    for question in QUESTIONS:
        assert question.text.endswith("?") and question.next_step
        assert [option.score for option in question.options] == sorted(
            option.score for option in question.options
        )


def test_all_conditions_met_means_ready():
    assessment = assess(ALL_WELL)
    assert assessment.outcome is Outcome.READY
    assert assessment.gaps == () and assessment.reasons == ()
    assert {result.status for result in assessment.conditions} == {Status.MET}
    assert assessment.answered == len(QUESTIONS)


@pytest.mark.parametrize(
    "question, answer",
    [
        ("active_people", "none"),
        ("community_view", "opposed"),
        ("spokesperson", "nobody"),
        ("hours", "none"),
    ],
)
def test_a_decisive_answer_alone_means_not_now(question, answer):
    assessment = assess(answers(**{question: answer}))
    assert assessment.outcome is Outcome.NOT_NOW
    [blocking] = assessment.blocking
    assert blocking.question == question and blocking.severity is Severity.BLOCKING
    assert BY_CODE[question].text in str(assessment.reasons[0])
    assert assessment.next_steps[0] == blocking.next_step


def test_no_hours_at_all_says_why_and_what_to_do():
    assessment = assess(answers(hours="none"))
    assert str(assessment.reasons[0]) == (
        "“How many volunteer or staff hours a month could the group give to partnerships?” — None."
    )
    assert "grow the group first" in assessment.next_steps[0]


def test_gaps_mean_ready_with_gaps_and_each_comes_with_a_next_step():
    assessment = assess(answers(plan="partly", community_view="unknown", skills="no"))
    assert assessment.outcome is Outcome.READY_WITH_GAPS
    assert [(gap.question, gap.answer) for gap in assessment.gaps] == [
        ("plan", "partly"), ("community_view", "unknown"), ("skills", "no"),
    ]  # fmt: skip
    assert all(gap.severity is Severity.GAP for gap in assessment.gaps)
    # The next step follows the answer given: not asked yet is not the same as opposed.
    assert "Announce the idea on the wiki" in assessment.gaps[1].next_step


def test_two_conditions_entirely_unmet_are_still_gaps():
    assessment = assess(answers(written_goals="no", mutual_benefit="no", plan="no"))
    statuses = {result.code: result.status for result in assessment.conditions}
    assert statuses["shared_goals"] is Status.UNMET and statuses["plan"] is Status.UNMET
    assert assessment.outcome is Outcome.READY_WITH_GAPS


def test_three_conditions_entirely_unmet_mean_not_now():
    assessment = assess(
        answers(
            written_goals="no",
            mutual_benefit="no",
            plan="no",
            mandate="no",
            spokesperson="learning",
        )
    )
    assert assessment.outcome is Outcome.READY_WITH_GAPS  # representation is partly there
    assessment = assess(
        {"written_goals": "no", "mutual_benefit": "no", "plan": "no", "mandate": "no"}
    )
    assert assessment.outcome is Outcome.NOT_NOW
    assert str(assessment.reasons[-1]) == (
        "Several conditions are not met at all: Clear goals and mutual benefit; "
        "A plan, and ideally a plan B; Able to represent the projects."
    )


def test_advice_never_holds_a_group_back():
    assessment = assess(answers(plan_b="no", support_network="partly"))
    assert assessment.outcome is Outcome.READY
    assert [gap.severity for gap in assessment.gaps] == [Severity.ADVICE, Severity.ADVICE]
    assert assessment.next_steps  # still worth doing


def test_unanswered_questions_are_gaps_not_zeros():
    partial = dict(ALL_WELL)
    del partial["mandate"], partial["plan_b"]
    assessment = assess(partial)
    assert assessment.outcome is Outcome.READY_WITH_GAPS
    assert [(gap.question, gap.severity) for gap in assessment.gaps] == [
        ("plan_b", Severity.UNANSWERED), ("mandate", Severity.UNANSWERED),
    ]  # fmt: skip
    statuses = {result.code: result.status for result in assessment.conditions}
    assert statuses["representation"] is Status.PARTLY
    assert assess({}).outcome is Outcome.READY_WITH_GAPS
    assert {r.status for r in assess({}).conditions} == {Status.UNANSWERED}


def test_an_empty_answer_counts_as_unanswered():
    assessment = assess(answers(mandate=""))
    assert assessment.gaps[0].severity is Severity.UNANSWERED


def test_unknown_questions_and_answers_are_refused_by_name():
    with pytest.raises(ReadinessError, match="unknown question 'mood'") as error:
        assess({"mood": "good"})
    assert error.value.field == "mood"
    with pytest.raises(ReadinessError, match="plan: unknown answer 'maybe'") as error:
        assess({"plan": "maybe"})
    assert error.value.field == "plan"
