"""Filtering, sorting and paging the partner list."""

import pytest

from partnerkit.partners import services

NORTH = "/workspaces/north/partners"


@pytest.fixture
def several(north, alice, museum, southern_library):
    """Next to the museum: partners that each stand out by one filter."""

    def make(**values):
        return services.partner_create(workspace=north, by=alice, **values)

    library = make(name="Oslo Public Library", kind="library", country="NO", tags=["Books"])
    chapter = make(name="Wikimedia Norge", kind="affiliate", country="NO", place="Oslo")
    archive = make(name="Old Town Archive", kind="archive", country="SE", tags=["photography"])
    services.partner_archive(partner=archive, by=alice)
    return {"museum": museum, "library": library, "chapter": chapter, "archive": archive}


def names(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["name"] for item in response.json()["items"]]


def test_the_list_holds_active_partners_of_the_workspace_by_name(alice_api, several):
    response = alice_api.get(NORTH)
    assert names(response) == ["Nordic Museum", "Oslo Public Library", "Wikimedia Norge"]
    assert response.json()["count"] == 3
    museum = response.json()["items"][0]
    assert museum["contact_count"] == 1
    assert museum["tags"] == ["GLAM", "photography"]


@pytest.mark.parametrize(
    "query, expected",
    [
        ({"q": "oslo"}, ["Oslo Public Library", "Wikimedia Norge"]),
        ({"q": "Q1439564"}, ["Nordic Museum"]),
        ({"q": "books"}, ["Oslo Public Library"]),
        ({"kind": "library"}, ["Oslo Public Library"]),
        ({"side": "internal"}, ["Wikimedia Norge"]),
        ({"side": "external"}, ["Nordic Museum", "Oslo Public Library"]),
        ({"country": "no"}, ["Oslo Public Library", "Wikimedia Norge"]),
        ({"tag": "PHOTOGRAPHY"}, ["Nordic Museum"]),
        ({"tag": "photography", "status": "all"}, ["Nordic Museum", "Old Town Archive"]),
        ({"status": "archived"}, ["Old Town Archive"]),
        (
            {"status": "all", "sort": "kind"},
            ["Wikimedia Norge", "Old Town Archive", "Oslo Public Library", "Nordic Museum"],
        ),
        ({"sort": "country"}, ["Oslo Public Library", "Wikimedia Norge", "Nordic Museum"]),
    ],
)
def test_filters_narrow_and_sort_the_list(alice_api, several, query, expected):
    assert names(alice_api.get(NORTH, **query)) == expected


def test_recently_changed_first(alice_api, several):
    alice_api.patch(f"{NORTH}/{several['library'].pk}", {"place": "Oslo"})
    assert names(alice_api.get(NORTH, sort="-updated"))[0] == "Oslo Public Library"


@pytest.mark.parametrize(
    "query, field",
    [
        ({"kind": "castle"}, "kind"),
        ({"side": "both"}, "side"),
        ({"status": "deleted"}, "status"),
        ({"sort": "size"}, "sort"),
        ({"limit": 0}, "limit"),
        ({"limit": 201}, "limit"),
        ({"offset": -1}, "offset"),
    ],
)
def test_a_bad_filter_or_page_is_refused_naming_it(alice_api, several, query, field):
    response = alice_api.get(NORTH, **query)
    assert response.status_code == 400
    assert list(response.json()["errors"]) == [field]


def test_pages_are_limit_and_offset_with_the_full_count(alice_api, several):
    first = alice_api.get(NORTH, limit=2).json()
    second = alice_api.get(NORTH, limit=2, offset=2).json()
    assert first["count"] == second["count"] == 3
    assert [item["name"] for item in first["items"] + second["items"]] == [
        "Nordic Museum",
        "Oslo Public Library",
        "Wikimedia Norge",
    ]


def test_a_page_holds_fifty_partners_unless_asked_for_up_to_two_hundred(alice_api, alice, north):
    for number in range(55):
        services.partner_create(
            workspace=north, by=alice, name=f"Partner {number:02}", kind="other"
        )
    assert len(alice_api.get(NORTH).json()["items"]) == 50
    assert len(alice_api.get(NORTH, limit=200).json()["items"]) == 55
