"""The meeting pages: planning from a partnership, the planner, the brief (HTML and PDF,
internal and for the partner), the notes, and the card on the partnership page."""

import datetime as dt

import pytest
import weasyprint
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from partnerkit.meetings import services, views
from partnerkit.meetings.models import Meeting
from partnerkit.partners import services as partner_services
from partnerkit.research.models import PartnerFacts
from partnerkit.workspaces.models import Membership
from tests.conftest import login

SECRET_BATNA = "Zebra-alternative-4471"
SECRET_PREP = "Quokka-mandate-9032"
SECRET_MAIL = "walrus.private@example.org"


def url(name, meeting, **extra):
    return reverse(f"meetings:{name}", kwargs={"workspace_slug": "north", "pk": meeting.pk, **extra})


def test_planning_a_sixty_minute_first_meeting_shows_its_agenda(client, alice, photo_drive):
    login(client, alice)
    plan_url = reverse(
        "meetings:create", kwargs={"workspace_slug": "north", "partnership_pk": photo_drive.pk}
    )
    form = client.get(plan_url)
    assert "First meeting with Nordic Museum" in form.content.decode()
    start = (timezone.localtime() + dt.timedelta(days=3)).strftime("%Y-%m-%dT10:00")
    response = client.post(plan_url, {
        "title": "First meeting", "kind": "first", "starts_at": start, "minutes": "60",
        "wiki_primer": "on", "technical_expected": "on",
    }, follow=True)
    page = response.content.decode()
    meeting = Meeting.objects.get()
    assert response.redirect_chain[-1][0] == meeting.get_absolute_url()
    assert "0:00–0:13" in page and "0:52–1:00" in page
    assert "Introductions, with a short wiki primer" in page
    assert "none of our attendees is technical" in page or "Nobody from our side" in page
    assert "Commons takes freely licensed files only" in page


def test_planning_in_the_past_or_with_no_length_names_the_fields(client, alice, photo_drive):
    login(client, alice)
    plan_url = reverse(
        "meetings:create", kwargs={"workspace_slug": "north", "partnership_pk": photo_drive.pk}
    )
    response = client.post(plan_url, {
        "title": "Met", "kind": "first", "starts_at": "2020-01-01T10:00", "minutes": "0",
    })
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_starts_at_error"' in page and "is in the past" in page
    assert 'id="id_minutes_error"' in page and "0 minutes is too short" in page
    assert not Meeting.objects.exists()
    response = client.post(plan_url, {
        "title": "Met", "kind": "first", "starts_at": "2020-01-01T10:00", "minutes": "45",
        "already_happened": "on",
    })
    assert response.status_code == 302 and Meeting.objects.count() == 1


def test_changing_a_time_box_on_the_planner_keeps_the_total(client, alice, meeting):
    login(client, alice)
    item = meeting.agenda_items.get(code="collaboration")
    client.post(url("agenda_item", meeting, item_pk=item.pk), {"minutes": "20", "notes": "Show"})
    assert sum(meeting.agenda_items.values_list("minutes", flat=True)) == 60
    response = client.post(url("agenda_item", meeting, item_pk=item.pk), {"minutes": "1"}, follow=True)
    assert "at least 3 minutes" in response.content.decode()


def test_the_planner_shows_the_content_gap_figures_when_the_partner_has_facts(
    client, alice, meeting, museum
):
    PartnerFacts.objects.create(
        partner=museum, qid="Q1439564", wikipedias={"sv": "Nordiska museet", "en": "Nordic Museum"},
        retrieved_at=timezone.now(),
    )
    login(client, alice)
    page = client.get(url("detail", meeting)).content.decode()
    assert "Has articles in 2 Wikipedias" in page


def test_attendees_are_added_and_warnings_follow(client, alice, meeting, ingrid):
    login(client, alice)
    client.post(url("attendee_add", meeting), {"side": "theirs", "contact": ingrid.pk,
                                               "role_in_meeting": "Host"})
    page = client.get(url("detail", meeting)).content.decode()
    assert "Nobody from our side attends yet" in page
    client.post(url("attendee_add", meeting), {"side": "ours", "user": alice.pk, "technical": "on"})
    page = client.get(url("detail", meeting)).content.decode()
    assert "Nobody from our side" not in page and meeting.attendees.count() == 2


@pytest.fixture
def private_meeting(alice, carol, meeting, museum, ingrid):
    partner_services.contact_update(
        contact=ingrid, by=alice, version=ingrid.version, email=SECRET_MAIL, phone="+46 555 0199"
    )
    services.meeting_update(
        meeting=meeting, by=alice, version=1, batna_note=SECRET_BATNA, may_commit=SECRET_PREP,
        speaks_for="Wikimedia North's board", expected_questions="Licences? Effort?",
    )
    services.attendee_add(meeting=meeting, by=alice, side="ours", user=alice,
                          role_in_meeting="Lead")
    services.attendee_add(meeting=meeting, by=alice, side="ours", user=carol,
                          role_in_meeting="Photographer", technical=True)
    services.attendee_add(meeting=meeting, by=alice, side="ours", name="Dan Volunteer",
                          role_in_meeting="Notes")
    services.attendee_add(meeting=meeting, by=alice, side="theirs", contact=ingrid,
                          role_in_meeting="Host")
    for name in ("Olof Berg", "Sara Nyström"):
        contact = partner_services.contact_create(partner=museum, by=alice, name=name,
                                                  email="x@example.org")
        services.attendee_add(meeting=meeting, by=alice, side="theirs", contact=contact,
                              role_in_meeting="Curator")
    item = meeting.agenda_items.get(code="our_interests")
    services.agenda_item_update(item=item, by=alice, notes="Say we want 300 photos")
    meeting.refresh_from_db()
    return meeting


def pdf_html(client, monkeypatch, address):
    """The HTML the PDF view gave WeasyPrint, and the PDF."""
    seen = {}
    real = views.render_pdf

    def capture(html, *, base_url):
        seen["html"] = html
        return real(html, base_url=base_url)

    monkeypatch.setattr(views, "render_pdf", capture)
    response = client.get(address)
    return seen["html"], response


def pdf_text(html: str) -> str:
    """The text WeasyPrint lays out on the PDF's pages."""
    document = weasyprint.HTML(string=html).render()
    texts = []
    for page in document.pages:
        for box in page._page_box.descendants():
            if hasattr(box, "text"):
                texts.append(box.text)
    return " ".join(texts)


def test_the_internal_brief_has_the_preparation_sheet(client, alice, private_meeting, monkeypatch):
    login(client, alice)
    page = client.get(url("brief", private_meeting)).content.decode()
    assert SECRET_BATNA in page and SECRET_PREP in page and "Say we want 300 photos" in page
    html, response = pdf_html(client, monkeypatch, url("brief_pdf", private_meeting))
    assert response.content.startswith(b"%PDF")
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="' in response["Content-Disposition"]
    assert response["Content-Disposition"].endswith('-first-meeting-brief.pdf"')
    assert SECRET_BATNA in pdf_text(html)


def test_the_partner_version_has_no_private_text_in_html_or_pdf(
    client, alice, private_meeting, monkeypatch
):
    login(client, alice)
    secrets = [SECRET_BATNA, SECRET_PREP, SECRET_MAIL, "+46 555 0199", "Say we want 300 photos",
               "Wikimedia North's board", "Licences? Effort?", "Preparation", "Bring"]
    page = client.get(url("brief", private_meeting) + "?for=partner").content.decode()
    html, response = pdf_html(client, monkeypatch, url("brief_pdf", private_meeting) + "?for=partner")
    text = pdf_text(html)
    for secret in secrets:
        assert secret not in page, secret
        assert secret not in html, secret
        assert secret not in text, secret
    for public in ["First meeting", "Museum library", "Ingrid Larsson", "Host", "Dan Volunteer",
                   "0:00–0:13", "A possible collaboration"]:
        assert public in page and public in text, public
    assert response.content.startswith(b"%PDF")
    assert response["Content-Disposition"].endswith('-agenda.pdf"')
    assert len(weasyprint.HTML(string=html).render().pages) == 1


def test_the_brief_of_a_sixty_minute_meeting_with_six_attendees_fits_one_page(
    client, alice, private_meeting, monkeypatch
):
    login(client, alice)
    assert private_meeting.attendees.count() == 6 and private_meeting.minutes == 60
    html, response = pdf_html(client, monkeypatch, url("brief_pdf", private_meeting))
    assert response.content.startswith(b"%PDF")
    assert len(weasyprint.HTML(string=html).render().pages) == 1


def test_notes_and_next_steps_are_recorded(client, alice, meeting, ingrid):
    login(client, alice)
    page = client.get(url("notes", meeting)).content.decode()
    assert 'id="notes-form"' in page
    response = client.post(url("notes_save", meeting), {
        "version": 1, "liked": "The photo idea", "concerns": "Who owns the articles",
        "triggers": "The word 'edit'", "decisions": "Try ten objects", "outcome": "Positive",
    })
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.concerns == "Who owns the articles"
    early = timezone.localdate(meeting.starts_at) - dt.timedelta(days=1)
    response = client.post(url("next_step_add", meeting), {
        "text": "Send the proposal", "owner": f"c{ingrid.pk}", "due_on": early.isoformat(),
    })
    assert "before the meeting" in response.content.decode()
    assert not meeting.next_steps.exists()
    due = timezone.localdate(meeting.starts_at) + dt.timedelta(days=2)
    client.post(url("next_step_add", meeting), {
        "text": "Send the proposal", "owner": f"u{alice.pk}", "due_on": due.isoformat(),
    })
    step = meeting.next_steps.get()
    assert step.owner_user == alice
    client.post(url("next_step_done", meeting, step_pk=step.pk))
    step.refresh_from_db()
    assert step.done


def test_a_stale_notes_save_shows_the_conflict_and_keeps_the_input(client, alice, carol, meeting):
    services.meeting_notes_save(meeting=meeting, by=carol, version=1, liked="Carol's view")
    login(client, alice)
    response = client.post(url("notes_save", meeting), {"version": 1, "liked": "Alice's view"})
    page = response.content.decode()
    assert response.status_code == 200 and "Someone else saved" in page and "Alice&#x27;s view" in page
    meeting.refresh_from_db()
    assert meeting.liked == "Carol's view"


def test_a_viewer_reads_the_notes_without_a_form(client, victor, meeting):
    login(client, victor)
    page = client.get(url("notes", meeting)).content.decode()
    assert 'id="notes-form"' not in page and "Their concerns" in page


def card(request, partnership):
    template = Template("{% load meetings %}{% meetings_card partnership %}")
    return template.render(Context({"request": request, "partnership": partnership,
                                    "workspace": partnership.workspace}))


def test_the_partnership_card_shows_the_next_and_last_meeting(
    alice, victor, photo_drive, meeting, django_assert_max_num_queries
):
    services.meeting_create(
        partnership=photo_drive, by=alice, title="Kick-off call", minutes=30, past_ok=True,
        starts_at=timezone.now() - dt.timedelta(days=10),
    )
    request = RequestFactory().get("/")
    request.membership = Membership.objects.select_related("workspace").get(user=alice)
    with django_assert_max_num_queries(2):
        html = card(request, photo_drive)
    assert "First meeting" in html and "Kick-off call" in html and 'id="plan-meeting"' in html
    request.membership = Membership.objects.select_related("workspace").get(user=victor)
    assert 'id="plan-meeting"' not in card(request, photo_drive)


def test_the_list_shows_upcoming_then_past_and_filters_by_partnership(
    client, alice, photo_drive, meeting
):
    services.meeting_create(
        partnership=photo_drive, by=alice, title="Kick-off call", minutes=30, past_ok=True,
        starts_at=timezone.now() - dt.timedelta(days=10),
    )
    login(client, alice)
    page = client.get(reverse("meetings:list", kwargs={"workspace_slug": "north"})).content.decode()
    assert page.index("First meeting") < page.index("Kick-off call")
    filtered = client.get(
        reverse("meetings:list", kwargs={"workspace_slug": "north"}),
        {"partnership": photo_drive.pk},
    )
    assert "Plan a meeting" in filtered.content.decode()


def test_another_workspaces_partnership_filter_is_404(client, bob, south, photo_drive):
    login(client, bob)
    response = client.get(
        reverse("meetings:list", kwargs={"workspace_slug": "south"}),
        {"partnership": photo_drive.pk},
    )
    assert response.status_code == 404



def test_the_planner_suggests_who_else_should_attend(client, alice, meeting):
    services.meeting_update(meeting=meeting, by=alice, version=1, technical_expected=True)
    login(client, alice)
    page = client.get(url("detail", meeting)).content.decode()
    assert 'id="who-else"' in page and "Who else should be there?" in page


def test_the_partnership_page_shows_the_meetings_card(client, alice, photo_drive, meeting):
    login(client, alice)
    page = client.get(photo_drive.get_absolute_url()).content.decode()
    assert 'id="plan-meeting"' in page and 'id="next-meeting-link"' in page


def test_a_promise_written_into_the_decisions_is_flagged_on_the_notes_page(
    client, alice, meeting
):
    services.meeting_notes_save(
        meeting=meeting, by=alice, version=1,
        decisions="We agreed that no other museum will get our help this year.",
        outcome="Wir versprechen einen Artikel über das Museum.",  # not English: not screened
    )
    login(client, alice)
    page = client.get(url("notes", meeting)).content.decode()
    assert 'id="notes-findings"' in page
    assert 'data-category="exclusivity"' in page and "<mark>no other museum</mark>" in page
    assert page.count('class="finding"') == 1

    meeting.refresh_from_db()
    services.meeting_notes_save(
        meeting=meeting, by=alice, version=meeting.version,
        decisions="We will not ask for exclusivity; other museums are welcome too.",
    )
    assert 'id="notes-findings"' not in client.get(url("notes", meeting)).content.decode()
