"""Signing in and out, changing a password, and resetting it by e-mail."""

import re

from django.core import mail
from django.urls import reverse

from tests.conftest import PASSWORD


def test_sign_in_lands_in_the_only_workspace(client, alice, north):
    response = client.post(
        reverse("login"), {"username": "alice", "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse(
        "partners:list", kwargs={"workspace_slug": "north"}
    )


def test_wrong_password_is_refused_with_a_message(client, alice):
    response = client.post(reverse("login"), {"username": "alice", "password": "nope"})
    assert response.status_code == 200
    assert "correct username and password" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_sign_out(client, alice):
    client.force_login(alice)
    client.post(reverse("logout"))
    assert "_auth_user_id" not in client.session


def test_pages_need_signing_in(client):
    response = client.get(reverse("home"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_password_change(client, alice):
    client.force_login(alice)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "a much better passphrase 42",
            "new_password2": "a much better passphrase 42",
        },
    )
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.check_password("a much better passphrase 42")


def test_password_reset_by_email_link(client, alice):
    client.post(reverse("password_reset"), {"email": "alice@example.org"})
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["alice@example.org"]
    link = re.search(r"https?://[^/]+(/accounts/password/reset/\S+)", message.body).group(1)
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    set_url = form_page.redirect_chain[-1][0]
    client.post(
        set_url,
        {"new_password1": "reset worked fine 99", "new_password2": "reset worked fine 99"},
    )
    alice.refresh_from_db()
    assert alice.check_password("reset worked fine 99")


def test_password_reset_says_the_same_for_unknown_addresses(client, db):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []
