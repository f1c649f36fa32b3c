"""What every page shares: language and direction, health check, static files."""

from django.urls import reverse


def test_pages_follow_the_reader_language_and_direction(client, db):
    html = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    html = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert '<html lang="de" dir="ltr">' in html


def test_healthz_answers_ok_without_signing_in(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.content == b"ok"


def test_pages_have_a_skip_link_and_a_labelled_navigation(client, alice, north):
    client.force_login(alice)
    html = client.get(reverse("partners:list", kwargs={"workspace_slug": "north"})).content.decode()
    assert 'class="skip-link" href="#content"' in html
    assert '<nav class="site-nav" aria-label="Main">' in html
    assert 'aria-current="page"' in html


def test_unknown_pages_use_the_friendly_404(client, alice):
    client.force_login(alice)
    response = client.get("/w/nowhere/partners/")
    assert response.status_code == 404
    assert "not a member of" in response.content.decode()
