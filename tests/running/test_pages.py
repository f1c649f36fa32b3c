"""The running pages: a partnership's activities, roles and plan B; planning from a recipe;
an activity's checklist (without JavaScript and with htmx), outputs and plan."""

from django.urls import reverse

from partnerkit.partnerships.models import Partnership
from partnerkit.running import services
from partnerkit.running.models import Activity, Role
from tests.conftest import login
from tests.running.conftest import in_days


def url(name, **kwargs):
    return reverse(f"running:{name}", kwargs={"workspace_slug": "north", **kwargs})


def page(client, address):
    response = client.get(address)
    assert response.status_code == 200
    return response.content.decode()


def test_the_partnership_page_links_to_the_running_page(client, alice, project, editathon):
    login(client, alice)
    html = page(client, project.get_absolute_url())
    assert url("partnership", pk=project.pk) in html
    assert 'id="running-card"' in html and "1 planned, 0 held" in html
    assert editathon.title in html


def test_the_running_page_lists_activities_with_their_next_items_and_the_conditions(
    client, alice, project, editathon
):
    login(client, alice)
    html = page(client, url("partnership", pk=project.pk))
    assert editathon.title in html
    assert "0 of 9 checklist items open" not in html and "9 of 9 checklist items open" in html
    assert "Agree the theme, the date and the audience with the partner" in html
    assert "a plan B, written below;" in html
    assert "someone on our side accountable (A)" in html
    assert 'id="role-form"' in html and 'id="plan-b-form"' in html


def test_planning_shows_the_recipes_and_the_chosen_ones_checklist(client, alice, project):
    login(client, alice)
    html = page(client, url("activity_create", pk=project.pk))
    assert "Data donation" in html and "start small and safe" in html
    assert 'id="activity-form"' not in html
    html = page(client, url("activity_create", pk=project.pk) + "?recipe=photo_drive")
    assert 'id="activity-form"' in html and 'value="photo_drive"' in html
    assert "−35</span> Agree in writing what may be photographed" in html
    assert "Commons category, Files uploaded, Wikidata items" in html
    assert "One room or one series" in html


def test_planning_an_activity_from_a_recipe(client, carol, project):
    login(client, carol)
    response = client.post(url("activity_create", pk=project.pk), {
        "recipe": "wikipedia_talk", "title": "", "starts_on": in_days(21).isoformat(),
        "ends_on": "", "location": "Staff room", "expected_participants": "15",
    })
    activity = Activity.objects.get()
    assert response.status_code == 302 and response.url == activity.get_absolute_url()
    assert activity.title == "“How Wikipedia works” talk with Nordic Museum"
    assert activity.created_by == carol and activity.checklist.count() == 7


def test_a_bad_plan_is_shown_next_to_its_fields(client, carol, project):
    login(client, carol)
    response = client.post(url("activity_create", pk=project.pk), {
        "recipe": "training", "starts_on": in_days(10).isoformat(),
        "ends_on": in_days(2).isoformat(),
    })
    assert response.status_code == 400
    assert "is before the start" in response.content.decode()
    assert not Activity.objects.exists()


def test_the_activity_page_has_the_checklist_outputs_and_advice(client, alice, project):
    activity = services.activity_create(partnership=project, by=alice, recipe="editathon",
                                        starts_on=in_days(30), expected_participants=80)
    login(client, alice)
    html = page(client, activity.get_absolute_url())
    assert "0 of 9 done" in html
    assert "This is the first activity with this partner" in html
    assert 'aria-label="Mark as done: Book the venue' in html
    assert 'id="outputs-form"' in html and "usually leaves: Files uploaded, Articles." in html


def test_ticking_without_javascript_redirects_back_to_the_item(client, carol, editathon):
    item = editathon.checklist.order_by("position").first()
    login(client, carol)
    response = client.post(url("item_toggle", activity_pk=editathon.pk, item_pk=item.pk))
    assert response.status_code == 302
    assert response.url == f"{editathon.get_absolute_url()}#item-{item.pk}"
    item.refresh_from_db()
    assert item.done_by == carol
    assert "1 of 9 done" in page(client, editathon.get_absolute_url())


def test_ticking_with_htmx_swaps_the_item_and_the_progress(client, carol, editathon):
    item = editathon.checklist.order_by("position").first()
    login(client, carol)
    response = client.post(url("item_toggle", activity_pk=editathon.pk, item_pk=item.pk),
                           headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith(f'<li id="item-{item.pk}" data-done="true"')
    assert 'id="checklist-progress" role="status" hx-swap-oob="true">1 of 9 done' in html
    assert "done by carol" in html
    response = client.post(url("item_toggle", activity_pk=editathon.pk, item_pk=item.pk),
                           headers={"HX-Request": "true"})
    assert 'data-done="false"' in response.content.decode()


def test_outputs_typed_as_people_have_them(client, alice, editathon):
    login(client, alice)
    response = client.post(url("outputs", activity_pk=editathon.pk), {
        "version": "1", "actual_participants": "11", "new_accounts": "4",
        "commons_category": "Category:Costumes of the Nordic Museum", "uploads_count": "35",
        "wikidata_items": "Q42, https://www.wikidata.org/wiki/Q1040\nq7",
        "articles": "https://sv.wikipedia.org/wiki/Folkdr%C3%A4kt\nen.wikipedia.org|Folk costume",
    })
    assert response.status_code == 302
    editathon.refresh_from_db()
    assert editathon.wikidata_items == ["Q42", "Q1040", "Q7"]
    assert editathon.articles[0] == {"wiki": "sv.wikipedia.org", "title": "Folkdräkt"}
    html = page(client, editathon.get_absolute_url())
    assert "https://www.wikidata.org/wiki/Q1040" in html and "Folkdräkt" in html


def test_a_malformed_qid_is_named_on_the_outputs_form(client, alice, editathon):
    login(client, alice)
    response = client.post(url("outputs", activity_pk=editathon.pk), {
        "version": "1", "wikidata_items": "Q42 Q4x2", "articles": "",
    })
    assert response.status_code == 400
    assert "“Q4x2” is not a Wikidata item id such as Q42." in response.content.decode()
    editathon.refresh_from_db()
    assert editathon.wikidata_items == []


def test_a_stale_outputs_form_shows_the_other_change(client, alice, carol, editathon):
    services.activity_update(activity=editathon, by=carol, version=1, uploads_count=3)
    login(client, alice)
    response = client.post(url("outputs", activity_pk=editathon.pk), {
        "version": "1", "uploads_count": "5", "wikidata_items": "", "articles": "",
    })
    assert response.status_code == 409
    assert "Someone else saved this record" in response.content.decode()
    editathon.refresh_from_db()
    assert editathon.uploads_count == 3


def test_editing_only_the_start_moves_the_end_and_the_checklist(client, alice, editathon):
    login(client, alice)
    form = {
        "version": "1", "title": editathon.title, "starts_on": in_days(33).isoformat(),
        "ends_on": in_days(30).isoformat(), "location": "Museum library", "status": "planned",
        "expected_participants": "", "actual_participants": "", "new_accounts": "", "notes": "",
    }
    response = client.post(url("activity_edit", activity_pk=editathon.pk), form)
    assert response.status_code == 302
    editathon.refresh_from_db()
    assert (editathon.starts_on, editathon.ends_on) == (in_days(33), in_days(33))
    assert editathon.checklist.order_by("position").first().due_on == in_days(33 - 42)


def test_cancelling_and_deleting(client, alice, project, editathon):
    login(client, alice)
    client.post(url("activity_cancel", activity_pk=editathon.pk), {"version": "1", "reason": ""})
    editathon.refresh_from_db()
    assert editathon.status == "planned"
    client.post(url("activity_cancel", activity_pk=editathon.pk),
                {"version": "1", "reason": "The room is flooded."})
    editathon.refresh_from_db()
    assert editathon.status == "cancelled"
    html = page(client, url("partnership", pk=project.pk))
    assert "The room is flooded." in html and "Held and cancelled" in html
    response = client.post(url("activity_delete", activity_pk=editathon.pk))
    assert response.url == url("partnership", pk=project.pk)
    assert not Activity.objects.exists()


def test_adding_a_role_with_a_deputy_and_seeing_the_warnings(client, alice, carol, project):
    login(client, alice)
    response = client.post(url("role_add", pk=project.pk), {
        "side": "ours", "area": "Uploads and Commons categories", "raci": "R",
        "member": carol.pk,
    })
    assert response.status_code == 302
    html = page(client, url("partnership", pk=project.pk))
    assert "carol is the only one responsible for" in html
    role = Role.objects.get()
    response = client.post(url("role_edit", pk=project.pk, role_pk=role.pk), {
        "version": "1", "side": "ours", "area": "Uploads and Commons categories", "raci": "R",
        "member": carol.pk, "deputy_member": alice.pk,
    })
    assert response.status_code == 302
    html = page(client, url("partnership", pk=project.pk))
    assert "is the only one" not in html and 'id="spof-none"' in html


def test_a_role_error_is_shown_on_the_form(client, alice, project, museum):
    login(client, alice)
    response = client.post(url("role_add", pk=project.pk), {
        "side": "ours", "area": "venue", "raci": "R", "member": alice.pk,
        "deputy_member": alice.pk,
    })
    assert response.status_code == 400
    assert "The deputy must be someone else than alice." in response.content.decode()
    assert not Role.objects.exists()


def test_the_plan_b_form_saves_and_meets_half_the_condition(client, alice, project):
    login(client, alice)
    response = client.post(url("plan_b", pk=project.pk), {
        "version": str(project.version), "plan_b": "Move the edit-a-thon online.",
    })
    assert response.status_code == 302
    html = page(client, url("partnership", pk=project.pk))
    assert "Move the edit-a-thon online." in html and "a plan B, written below;" not in html
    response = client.post(url("plan_b", pk=project.pk), {
        "version": str(project.version), "plan_b": "Something else.",
    })
    assert response.status_code == 409


def test_a_blocked_move_to_running_links_to_the_running_page(client, alice, project):
    Partnership.objects.filter(pk=project.pk).update(stage="agreed")
    login(client, alice)
    response = client.post(
        reverse("partnerships:move", kwargs={"workspace_slug": "north", "pk": project.pk}),
        {"to": "running", "next": project.get_absolute_url()},
        headers={"HX-Request": "true", "HX-Target": "stage-mover"},
    )
    html = response.content.decode()
    assert "A plan B:" in html
    assert url("partnership", pk=project.pk) + "#plan-b" in html


def test_a_viewer_reads_without_the_forms(client, victor, project, editathon):
    login(client, victor)
    html = page(client, url("partnership", pk=project.pk))
    assert 'id="role-form"' not in html and 'id="plan-b-form"' not in html
    html = page(client, editathon.get_absolute_url())
    assert 'id="outputs-form"' not in html and "Mark as done" not in html


def test_giving_an_item_to_a_member(client, alice, carol, bob, south, editathon):
    item = editathon.checklist.order_by("position").first()
    login(client, alice)
    address = url("item_owner", activity_pk=editathon.pk, item_pk=item.pk)
    response = client.post(address, {"owner": carol.pk})
    assert response.url.endswith(f"#item-{item.pk}")
    item.refresh_from_db()
    assert item.owner == carol
    html = page(client, editathon.get_absolute_url())
    assert f'<option value="{carol.pk}" selected>carol</option>' in html
    client.post(address, {"owner": bob.pk})  # not a member: refused, nothing changes
    item.refresh_from_db()
    assert item.owner == carol
    client.post(address, {"owner": ""})
    item.refresh_from_db()
    assert item.owner is None
