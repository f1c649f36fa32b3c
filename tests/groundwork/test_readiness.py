"""The readiness check: questions grouped by condition, an outcome with gaps and next steps,
and the history of checks."""

from django.urls import reverse

from partnerkit.groundwork import services
from partnerkit.groundwork.models import ReadinessCheck
from partnerkit.method import readiness
from tests.conftest import login


def url(name, **kwargs):
    return reverse(f"groundwork:{name}", kwargs={"workspace_slug": "north", **kwargs})


def best_answers():
    """The fullest answer to every question."""
    return {q.code: max(q.options, key=lambda o: o.score).code for q in readiness.QUESTIONS}


def test_the_form_groups_the_questions_by_condition(client, carol, north):
    login(client, carol)
    response = client.get(url("readiness_new"))
    assert response.status_code == 200
    groups = response.context["groups"]
    assert [condition.code for condition, _fields in groups] == [
        c.code for c in readiness.CONDITIONS
    ]
    assert sum(len(fields) for _condition, fields in groups) == len(readiness.QUESTIONS)
    assert 'type="radio"' in response.content.decode()


def test_a_clearly_ready_group_is_told_so(client, carol, north):
    login(client, carol)
    response = client.post(url("readiness_new"), best_answers(), follow=True)
    check = ReadinessCheck.objects.get(workspace=north)
    assert check.outcome == "ready"
    assert check.gaps == []
    assert check.by == carol
    page = response.content.decode()
    assert "Ready" in page and "No gaps" in page


def test_partial_answers_are_ready_with_gaps_and_next_steps(client, carol, north):
    login(client, carol)
    answers = best_answers() | {"plan": "partly", "skills": "partly", "plan_b": "no"}
    del answers["mandate"]
    response = client.post(url("readiness_new"), answers, follow=True)
    check = ReadinessCheck.objects.get(workspace=north)
    assert check.outcome == "ready_with_gaps"
    severities = {gap["question"]: gap["severity"] for gap in check.gaps}
    assert severities == {
        "plan": "gap",
        "plan_b": "advice",
        "mandate": "unanswered",
        "skills": "gap",
    }
    page = response.content.decode()
    assert "Ready, with gaps" in page
    assert "Not answered" in page and "Advice" in page
    # The next step of the plan question, in plain words.
    assert "Sketch the partnership" in page


def test_an_opposed_community_means_not_now_with_the_reason(client, carol, north):
    login(client, carol)
    answers = best_answers() | {"community_view": "opposed"}
    response = client.post(url("readiness_new"), answers, follow=True)
    check = ReadinessCheck.objects.get(workspace=north)
    assert check.outcome == "not_now"
    page = response.content.decode()
    assert "Not now" in page and "Why not now" in page
    assert "Against it" in page
    assert "Talk with the community first" in page


def test_nothing_answered_is_all_gaps_not_a_silent_no(north, alice):
    check, _assessment = services.readiness_check_record(workspace=north, by=alice, answers={})
    assert check.outcome == "ready_with_gaps"
    assert {gap["severity"] for gap in check.gaps} == {"unanswered"}
    assert len(check.gaps) == len(readiness.QUESTIONS)


def test_an_unknown_answer_is_a_field_error_and_nothing_is_stored(client, carol, north):
    login(client, carol)
    response = client.post(url("readiness_new"), best_answers() | {"plan": "maybe"})
    assert response.status_code == 400
    assert "plan" in response.context["form"].errors
    assert not ReadinessCheck.objects.exists()


def test_the_history_lists_who_when_and_outcome(client, carol, alice, victor, north):
    services.readiness_check_record(
        workspace=north, by=alice, answers=best_answers() | {"hours": "none"}
    )
    services.readiness_check_record(workspace=north, by=carol, answers=best_answers())
    login(client, victor)
    response = client.get(url("readiness"))
    checks = response.context["checks"]
    assert [(c["by"], c["outcome"]) for c in checks] == [(carol, "ready"), (alice, "not_now")]
    page = response.content.decode()
    assert "alice" in page and "carol" in page
    detail = client.get(url("readiness_detail", pk=checks[1]["pk"]))
    assert detail.status_code == 200
    assert "Not now" in detail.content.decode()


def test_capacity_fills_in_the_hours_and_people_and_explains_zero(client, carol, north):
    services.profile_update(workspace=north, by=carol, people=0, hours_per_month=0)
    login(client, carol)
    response = client.get(url("readiness_new"))
    form = response.context["form"]
    assert form.initial["hours"] == "none"
    assert form.initial["active_people"] == "none"
    assert "records no hours" in response.content.decode()
