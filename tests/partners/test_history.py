from partnerkit.partners import selectors, services


def test_creating_and_editing_a_partner_leaves_one_history_entry_each(museum, alice):
    services.partner_update(partner=museum, by=alice, version=1, place="Djurgården", tags=["GLAM"])
    records = list(museum.history.order_by("history_id"))
    assert [record.history_type for record in records] == ["+", "~"]
    assert records[-1].history_user == alice
    timeline = selectors.partner_timeline(partner=museum).entries
    partner_changes = [entry for entry in timeline if entry.subject == museum]
    assert partner_changes[0].kind == "changed"
    changed = {change.field: (change.old, change.new) for change in partner_changes[0].changes}
    assert changed == {
        "place": ("Stockholm", "Djurgården"),
        "tags": ("GLAM, photography", "GLAM"),
    }


def test_restoring_brings_back_fields_and_tags_as_a_new_change(museum, alice):
    first = museum.history.earliest("history_id")
    museum = services.partner_update(
        partner=museum, by=alice, version=1, name="Nordiska museet", tags=[]
    )
    restored = services.partner_restore(partner=museum, history_id=first.history_id, by=alice)
    assert restored.name == "Nordic Museum"
    assert sorted(tag.name for tag in restored.tags.all()) == ["GLAM", "photography"]
    assert restored.version == 3
    latest = restored.history.latest("history_id")
    assert latest.history_change_reason.startswith("Restored the version of")
