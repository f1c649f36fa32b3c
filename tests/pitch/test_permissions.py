"""Every pitch page, found from the URL configuration: outsiders get 404, viewers read but
never write (the workspace-wide checks in tests/web cover the same pages with all others)."""

from django.urls import reverse

from tests.conftest import login
from tests.web.samples import pitch as samples
from tests.web.test_permissions import workspace_patterns


def pitch_urls(alice, museum):
    objects = samples.arguments(alice, museum)
    urls = []
    for name, _route, pattern in workspace_patterns():
        if not name.startswith("pitch:"):
            continue
        kwargs = {"workspace_slug": "north"}
        for argument in pattern.pattern.converters:
            if argument == "workspace_slug":
                continue
            if argument == "contact_pk":
                kwargs[argument] = museum.contacts.get().pk
            else:
                kwargs[argument] = objects[(name, argument)]
        urls.append((name, reverse(name, kwargs=kwargs), pattern.callback))
    return urls


def test_outsiders_get_404_and_viewers_cannot_write(client, alice, victor, bob, south, museum,
                                                    settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    urls = pitch_urls(alice, museum)
    assert len(urls) == 17
    login(client, bob)
    for name, url, _view in urls:
        assert client.get(url).status_code == 404, name
        assert client.post(url, {}).status_code == 404, name
    login(client, victor)
    for name, url, view in urls:
        if view.workspace_action == "view":
            assert client.get(url).status_code == 200, name
        else:
            assert client.post(url, {}).status_code == 403, name
