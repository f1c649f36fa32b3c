"""The contact map as plain Python: the suggested contact point and who else to invite."""

from partnerkit.method.contacts import ContactFacts, role_matches, suggest_contact_point, who_else


def test_an_existing_contact_point_wins():
    people = [
        ContactFacts(1, "Ingrid", "Head of digital collections"),
        ContactFacts(2, "Sven", "Caretaker", is_contact_point=True),
    ]
    suggestion = suggest_contact_point(people, ["content_acquisition"])
    assert suggestion.contact_id == 2
    assert suggestion.reasons[0][0] == "Already marked as the contact point."


def test_a_warm_introduction_and_a_fitting_role_are_preferred_with_reasons():
    people = [
        ContactFacts(1, "Maja", "Director"),
        ContactFacts(2, "Sven", "Curator of photography", introduced_by_id=1, owner_id=7),
        ContactFacts(3, "Ola", "Archivist"),
    ]
    suggestion = suggest_contact_point(people, ["content_acquisition"])
    assert suggestion.contact_id == 2
    messages = [message % params if params else message for message, params in suggestion.reasons]
    assert any("Maja introduced them" in text for text in messages)
    assert any("Curator of photography" in text for text in messages)
    assert any("already owns" in text for text in messages)


def test_an_introduction_by_a_third_party_counts_as_warm():
    people = [ContactFacts(1, "Ola", "Caretaker", introduced_by_text="Anna from the chapter")]
    suggestion = suggest_contact_point(people, ["advocacy"])
    assert suggestion.contact_id == 1 and "Anna from the chapter" in str(suggestion.reasons)


def test_nothing_speaks_for_anyone():
    assert suggest_contact_point([ContactFacts(1, "Ola", "Caretaker")], ["access"]) is None
    assert suggest_contact_point([], ["access"]) is None


def test_roles_match_word_beginnings_only():
    assert role_matches("Head of IT", ["it "])
    assert not role_matches("Italian studies", ["it "])
    assert role_matches("Curatorial assistant", ["curat"])
    assert not role_matches("", ["curat"])


def test_who_else_names_contacts_for_missing_roles_and_hints_for_unknown_ones():
    people = [
        ContactFacts(1, "Ingrid", "Digital collections coordinator"),
        ContactFacts(2, "Maja", "Director"),
        ContactFacts(3, "Pia", "Press officer"),
    ]
    invitees = who_else(people, ["content_acquisition"], attending_ids=[1], technical_expected=True)
    by_hint = {invitee.role_hint: invitee for invitee in invitees}
    assert by_hint["Someone who can decide"].contact_id == 2
    assert by_hint["Rights and licensing"].contact_id is None  # nobody known: a hint
    assert "ask for someone" in by_hint["Rights and licensing"].reason
    assert "Digital collections or IT" not in by_hint  # Ingrid attends already
    outreach = who_else(people, ["outreach_awareness"], attending_ids=[])
    assert [(i.role_hint, i.contact_id) for i in outreach] == [("Communications", 3)]
