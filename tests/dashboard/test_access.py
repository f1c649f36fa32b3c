"""Who sees the dashboard: members of the workspace, viewers included; for anyone else it does
not exist. The navigation leads to it."""

from tests.conftest import login
from tests.dashboard.conftest import add_partnership, dashboard_url


def test_a_viewer_reads_the_dashboard(client, victor, museum):
    add_partnership(museum, "idea")
    login(client, victor)
    response = client.get(dashboard_url(museum.workspace))
    assert response.status_code == 200
    assert b'id="funnel-chart"' in response.content


def test_another_workspaces_dashboard_is_404(client, bob, south, north):
    login(client, bob)
    assert client.get(dashboard_url(north)).status_code == 404
    assert client.get(dashboard_url(south)).status_code == 200


def test_signed_out_people_are_sent_to_sign_in(client, north):
    response = client.get(dashboard_url(north))
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_the_navigation_links_to_the_dashboard(client, alice, north):
    login(client, alice)
    html = client.get("/w/north/partnerships/").content.decode()
    assert f'<a href="{dashboard_url(north)}" >Dashboard</a>' in html
    html = client.get(dashboard_url(north)).content.decode()
    assert f'<a href="{dashboard_url(north)}" aria-current="page">Dashboard</a>' in html
