"""Drafting documents from the record: what each kind needs, the workspace's own wording,
versions with readable diffs, and the way from draft to sent to signed."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from partnerkit.documents import drafting, selectors, services
from partnerkit.documents.models import Kind, Status
from partnerkit.followups.models import FollowUp
from partnerkit.partnerships.services import partnership_create


def section(document, key):
    return next(s for s in document.sections if s["key"] == key)


def test_an_mou_follows_the_sample_structure(ready, alice):
    mou = services.document_create(partnership=ready, kind="mou", by=alice)
    assert [s["key"] for s in mou.sections] == [
        "parties", "purpose", "ours", "theirs", "joint", "licensing", "duration", "contacts",
        "non_binding", "signatures",
    ]
    assert mou.title == "Memorandum of understanding between Wikimedia North and Nordic Museum"
    assert "We collect and share the cultural history" in section(mou, "parties")["text"]
    assert section(mou, "theirs")["heading"] == "What Nordic Museum intends to provide"
    assert "- Release the photographs under CC BY-SA" in section(mou, "theirs")["text"]
    assert "CC BY-SA 4.0" in section(mou, "licensing")["text"]
    duration = section(mou, "duration")["text"]
    assert "Jan. 15, 2026" in duration and "Jan. 14, 2027" in duration
    assert "creates no legal obligations" in section(mou, "non_binding")["text"]
    assert mou.versions.get().number == 1


def test_a_contact_s_e_mail_appears_only_with_consent(ready, alice):
    contacts = section(services.document_create(partnership=ready, kind="mou", by=alice),
                       "contacts")["text"]
    assert "Ingrid Larsson, Head of digital collections" in contacts
    assert "ingrid@example.org" not in contacts
    ingrid = ready.partner_owner
    ingrid.details_in_documents = True
    ingrid.save(update_fields=["details_in_documents"])
    contacts = section(services.document_create(partnership=ready, kind="mou", by=alice),
                       "contacts")["text"]
    assert "ingrid@example.org" in contacts


def test_a_partnership_lacking_what_an_mou_needs_gets_a_list(north, alice, museum):
    bare = partnership_create(workspace=north, partner=museum, by=alice, title="Bare")
    with pytest.raises(services.DocumentIncomplete) as refused:
        services.document_create(partnership=bare, kind="mou", by=alice)
    messages = [item.message for item in refused.value.missing]
    assert "An owner on the partner's side." in messages
    assert "An end date for the agreement." in messages
    assert "The licence of released content." in messages
    assert {item.where for item in refused.value.missing} == {"partnership", "pitch"}
    assert not bare.documents.exists()


def test_a_decline_letter_needs_a_reason_to_give(ready, alice):
    with pytest.raises(services.DocumentIncomplete):
        services.document_create(partnership=ready, kind="decline", by=alice)
    letter = services.document_create(partnership=ready, kind="decline", by=alice,
                                      reason="Our volunteers are busy with another project.")
    assert "Our volunteers are busy" in section(letter, "decision")["text"]
    assert "glad to talk again" in section(letter, "door_open")["text"]


@pytest.mark.parametrize("kind", Kind.values)
def test_every_kind_drafts_from_a_ready_record(ready, alice, kind):
    ready.stage = "running"
    ready.save(update_fields=["stage"])
    document = services.document_create(partnership=ready, kind=kind, by=alice,
                                        reason="Not now.")
    assert document.sections and all(s["text"] for s in document.sections)


def test_a_german_document_uses_the_german_headings_when_translated(ready, alice):
    document = services.document_create(partnership=ready, kind="proposal", by=alice,
                                        language="de")
    assert document.language == "de"
    assert len(document.sections) == len(drafting.section_keys("proposal"))


def test_the_workspace_s_own_wording_is_used_and_checked(ready, alice, north):
    with pytest.raises(ValidationError) as refused:
        services.template_save(workspace=north, kind="mou", key="non_binding", language="en",
                               heading="Nature", text="Binding on {partnr}.", by=alice)
    assert "Unknown placeholder(s): {partnr}" in refused.value.message_dict["text"][0]
    services.template_save(workspace=north, kind="mou", key="non_binding", language="en",
                           heading="What this is", text="{workspace} and {partner} intend, "
                           "not promise. {{Braces}} stay.", by=alice)
    mou = services.document_create(partnership=ready, kind="mou", by=alice)
    assert section(mou, "non_binding") == {
        "key": "non_binding", "heading": "What this is",
        "text": "Wikimedia North and Nordic Museum intend, not promise. {Braces} stay.",
    }


def test_user_text_with_braces_is_not_read_as_a_template(ready, alice):
    pitch = ready.pitch
    pitch.shared_goals = "Goals {partner} {0} {__class__}"
    pitch.save(update_fields=["shared_goals"])
    proposal = services.document_create(partnership=ready, kind="proposal", by=alice)
    assert section(proposal, "goals")["text"] == "Goals {partner} {0} {__class__}"


def test_each_saved_edit_is_a_version_with_a_readable_diff(ready, alice, carol):
    mou = services.document_create(partnership=ready, kind="mou", by=alice)
    text = section(mou, "non_binding")["text"]
    services.document_update(document=mou, by=carol, version=1, note="Shorter",
                             texts={"non_binding": text.replace("no exclusivity and ", "")})
    mou.refresh_from_db()
    assert mou.version == 2 and mou.versions.count() == 2
    diffs, previous, current = selectors.versions_diff(mou, 2)
    changed = [d for d in diffs if d.changed]
    assert [d.heading for d in changed] == ["Nature of this memorandum"]
    pieces = changed[0].pieces
    removed = "".join(p.text for p in pieces if p.op == "removed").split()
    assert sorted(removed) == ["and", "exclusivity", "no"]
    assert "".join(p.text for p in pieces if p.op != "removed").endswith(
        "no legal obligations, no financial commitment for either party."
    )
    assert (previous.number, current.number, current.by, current.note) == (1, 2, carol, "Shorter")
    services.document_restore(document=mou, number=1, by=alice)
    mou.refresh_from_db()
    assert mou.version == 3 and section(mou, "non_binding")["text"] == text


def test_a_stale_edit_is_a_conflict_and_an_empty_one_saves_nothing(ready, alice, carol):
    from partnerkit.core.errors import ConflictError

    mou = services.document_create(partnership=ready, kind="mou", by=alice)
    services.document_update(document=mou, by=carol, version=1, texts={"joint": "Changed."})
    with pytest.raises(ConflictError):
        services.document_update(document=mou, by=alice, version=1, texts={"joint": "Mine."})
    mou.refresh_from_db()
    services.document_update(document=mou, by=alice, version=2, texts={})
    mou.refresh_from_db()
    assert mou.version == 2


def test_unknown_sections_and_overlong_text_are_refused_naming_them(ready, alice):
    mou = services.document_create(partnership=ready, kind="mou", by=alice)
    with pytest.raises(ValidationError) as refused:
        services.document_update(document=mou, by=alice, version=None, texts={"nope": "x"})
    assert "No such section: nope." in refused.value.message_dict["sections"]
    with pytest.raises(ValidationError) as refused:
        services.document_update(document=mou, by=alice, version=None,
                                 texts={"joint": "x" * 20_001})
    assert "sections.joint" in refused.value.message_dict


def test_a_proposal_marked_sent_starts_the_wait_for_a_reply(ready, alice, clock):
    proposal = services.document_create(partnership=ready, kind="proposal", by=alice)
    services.document_mark_sent(document=proposal, by=alice)
    proposal.refresh_from_db()
    assert proposal.status == Status.SENT
    ping = FollowUp.objects.get(partnership=ready, step__code="ping")
    assert ping.event.source == f"document:{proposal.pk}"
    with pytest.raises(ValidationError):
        services.document_update(document=proposal, by=alice, version=None, texts={})


def test_signing_an_mou_puts_its_dates_on_the_partnership_and_plans_the_renewal(
    ready, alice, clock
):
    mou = services.document_create(partnership=ready, kind="mou", by=alice)
    with pytest.raises(ValidationError) as refused:
        services.document_mark_signed(document=mou, by=alice, on=date(2026, 3, 1),
                                      ends_on=date(2026, 2, 1))
    assert "ends_on" in refused.value.message_dict
    services.document_mark_signed(document=mou, by=alice, on=date(2026, 3, 1),
                                  ends_on=date(2027, 3, 1))
    ready.refresh_from_db()
    assert (ready.mou_signed_on, ready.ends_on) == (date(2026, 3, 1), date(2027, 3, 1))
    renewal = FollowUp.objects.get(partnership=ready, step__code="renewal")
    assert renewal.due_on == date(2026, 12, 31)
    with pytest.raises(ValidationError):
        services.document_mark_signed(document=mou, by=alice)
    with pytest.raises(ValidationError):
        services.document_delete(document=mou, by=alice)


def test_letters_are_not_signed(ready, alice):
    letter = services.document_create(partnership=ready, kind="decline", by=alice, reason="No.")
    with pytest.raises(ValidationError):
        services.document_mark_signed(document=letter, by=alice)
