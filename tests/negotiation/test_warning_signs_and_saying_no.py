"""Warning signs recorded with evidence, and the "when to say no" gate's decision: stage,
decision and reason together or not at all."""

import pytest
from django.core.exceptions import ValidationError

from partnerkit.negotiation import services
from partnerkit.negotiation.models import WarningSign
from partnerkit.partnerships import services as partnership_services
from partnerkit.partnerships.models import Partnership, StageChange
from partnerkit.partnerships.services import StageBlocked


def test_a_warning_sign_is_recorded_with_its_evidence(photo_project, alice, meeting):
    sign = services.warning_sign_create(
        partnership=photo_project, by=alice, code="brand", meeting=meeting,
        evidence="  They want a press release with the Wikipedia logo next week. ",
    )
    assert (sign.code, sign.meeting, sign.recorded_by) == ("brand", meeting, alice)
    assert sign.evidence == "They want a press release with the Wikipedia logo next week."
    assert sign.workspace == photo_project.workspace and not sign.resolved
    assert sign.history.count() == 1


@pytest.mark.parametrize(
    ("values", "fields"),
    [
        ({"code": "rudeness", "evidence": "They were late."}, ["code"]),
        ({"code": "control", "evidence": "  "}, ["evidence"]),
        ({"code": "nope", "evidence": ""}, ["code", "evidence"]),
    ],
)
def test_a_warning_sign_needs_a_known_code_and_evidence(photo_project, alice, values, fields):
    with pytest.raises(ValidationError) as raised:
        services.warning_sign_create(partnership=photo_project, by=alice, **values)
    assert sorted(raised.value.message_dict) == fields
    if "code" in fields:
        assert "no_free_licence" in raised.value.message_dict["code"][0]
    assert not WarningSign.objects.exists()


def test_resolving_keeps_the_sign_with_a_note(photo_project, alice, carol):
    sign = services.warning_sign_create(
        partnership=photo_project, by=alice, code="tight_deadline", evidence="All by March."
    )
    with pytest.raises(ValidationError) as raised:
        services.warning_sign_resolve(warning_sign=sign, by=carol, note="")
    assert list(raised.value.message_dict) == ["note"]
    resolved = services.warning_sign_resolve(
        warning_sign=sign, by=carol, note="They moved the launch to September."
    )
    assert resolved.resolved and resolved.resolved_by == carol and resolved.resolved_at
    assert resolved.version == 2
    with pytest.raises(ValidationError):
        services.warning_sign_resolve(warning_sign=resolved, by=carol, note="Again")


@pytest.mark.parametrize(
    ("outcome", "stage", "decision"),
    [("declined", "declined", "no_go"), ("on_hold", "on_hold", "not_now")],
)
def test_saying_no_moves_the_stage_and_records_decision_and_reason(
    photo_project, alice, outcome, stage, decision
):
    change = services.say_no(
        partnership=photo_project, by=alice, outcome=outcome,
        reason="They will only release the photos for Wikipedia, not under a free licence.",
    )
    photo_project.refresh_from_db()
    assert (photo_project.stage, photo_project.decision) == (stage, decision)
    assert photo_project.decision_reason.startswith("They will only release")
    assert (change.to_stage, change.by) == (stage, alice)
    assert change.reason == photo_project.decision_reason


def test_saying_no_replaces_an_earlier_go_and_its_reason(photo_project, alice):
    partnership_services.partnership_update(
        partnership=photo_project, by=alice, version=None, decision="go",
        decision_reason="Great collection.",
    )
    services.say_no(partnership=photo_project, by=alice, outcome="declined", reason="No licence.")
    photo_project.refresh_from_db()
    assert (photo_project.decision, photo_project.decision_reason) == ("no_go", "No licence.")


@pytest.mark.parametrize(
    ("values", "fields"),
    [
        ({"outcome": "declined", "reason": "  "}, ["reason"]),
        ({"outcome": "dropped", "reason": "Why not"}, ["outcome"]),
        ({"outcome": "", "reason": ""}, ["outcome", "reason"]),
    ],
)
def test_saying_no_needs_an_outcome_and_a_reason(photo_project, alice, values, fields):
    with pytest.raises(ValidationError) as raised:
        services.say_no(partnership=photo_project, by=alice, **values)
    assert sorted(raised.value.message_dict) == fields
    photo_project.refresh_from_db()
    assert photo_project.stage == "idea" and not StageChange.objects.exists()


def test_a_failing_decision_leaves_nothing_half_written(photo_project, alice, monkeypatch):
    def refuse(**_kwargs):
        raise ValidationError({"decision": "Refused for the test."})

    monkeypatch.setattr(partnership_services, "partnership_update", refuse)
    with pytest.raises(ValidationError):
        services.say_no(partnership=photo_project, by=alice, outcome="declined", reason="No.")
    photo_project.refresh_from_db()
    assert (photo_project.stage, photo_project.decision, photo_project.decision_reason) == (
        "idea", "", ""
    )
    assert not StageChange.objects.exists()
    assert photo_project.history.count() == 1


def test_saying_no_twice_is_refused_without_changing_the_decision(photo_project, alice):
    services.say_no(partnership=photo_project, by=alice, outcome="on_hold", reason="Budget.")
    with pytest.raises(ValidationError) as raised:
        services.say_no(partnership=photo_project, by=alice, outcome="on_hold", reason="Other.")
    assert list(raised.value.message_dict) == ["to"]
    photo_project.refresh_from_db()
    assert photo_project.decision_reason == "Budget."
    assert StageChange.objects.count() == 1


def test_a_blocked_move_writes_nothing(photo_project, alice, monkeypatch):
    from partnerkit.method import stages

    rule = stages.Rule("test_never_decline", frozenset({stages.Stage.DECLINED}),
                       lambda facts: ["Never, in this test."])  # fmt: skip
    monkeypatch.setattr(stages, "RULES", [*stages.RULES, rule])
    with pytest.raises(StageBlocked):
        services.say_no(partnership=photo_project, by=alice, outcome="declined", reason="No.")
    assert Partnership.objects.get(pk=photo_project.pk).decision == ""
    assert not StageChange.objects.exists()


def test_the_stored_codes_mirror_the_method_catalogue():
    from partnerkit.method import warning_signs
    from partnerkit.negotiation.models import SignCode

    assert list(SignCode.values) == list(warning_signs.CODES)
    assert [str(label) for label in SignCode.labels] == [
        item.title for item in warning_signs.WARNING_SIGNS
    ]
