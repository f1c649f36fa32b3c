from django.urls import reverse

from partnerkit.accounts.models import ApiToken
from partnerkit.accounts.services import token_authenticate, token_create, token_revoke


def test_a_token_is_stored_only_as_a_hash(alice):
    token, secret = token_create(user=alice, name="script")
    assert secret.startswith("pk_") and secret not in token.key_hash
    assert token_authenticate(secret) == alice
    assert token_authenticate(secret + "x") is None
    token_revoke(token=token)
    assert token_authenticate(secret) is None


def test_tokens_page_shows_a_new_token_once_and_revokes(client, alice):
    client.force_login(alice)
    response = client.post(reverse("tokens"), {"name": "nightly import"})
    secret = response.context["secret"]
    assert secret in response.content.decode()
    assert secret not in client.get(reverse("tokens")).content.decode()
    token = ApiToken.objects.get(user=alice)
    client.post(reverse("token_revoke", kwargs={"pk": token.pk}))
    assert token_authenticate(secret) is None


def test_nobody_revokes_someone_elses_token(client, alice, bob):
    token, secret = token_create(user=alice)
    client.force_login(bob)
    assert client.post(reverse("token_revoke", kwargs={"pk": token.pk})).status_code == 404
    assert token_authenticate(secret) == alice
