"""Capacity: people, hours per month and skills; bad numbers are refused by field, zero is
stored and explained."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from partnerkit.groundwork import services
from partnerkit.groundwork.models import Profile
from tests.conftest import login

URL = reverse("groundwork:capacity", kwargs={"workspace_slug": "north"})


def test_capacity_is_saved_with_skills_in_catalogue_order(client, carol, north):
    login(client, carol)
    response = client.post(
        URL, {"people": "4", "hours_per_month": "30", "skills": ["legal", "photography"]}
    )
    assert response.status_code == 302
    profile = Profile.objects.get(workspace=north)
    assert (profile.people, profile.hours_per_month) == (4, 30)
    assert profile.skills == ["photography", "legal"]
    form = client.get(URL).context["form"]
    assert form.initial["people"] == 4


@pytest.mark.parametrize("field", ["people", "hours_per_month"])
def test_a_negative_number_is_a_field_error(client, carol, north, field):
    login(client, carol)
    data = {"people": "2", "hours_per_month": "10", field: "-1"}
    response = client.post(URL, data)
    assert response.status_code == 400
    assert list(response.context["form"].errors) == [field]
    assert not Profile.objects.filter(workspace=north).exists()


def test_an_unknown_skill_is_a_field_error(client, carol, north):
    login(client, carol)
    response = client.post(URL, {"people": "2", "hours_per_month": "10", "skills": ["juggling"]})
    assert response.status_code == 400
    assert "skills" in response.context["form"].errors


def test_the_service_names_each_bad_field(north, alice):
    with pytest.raises(ValidationError) as error:
        services.profile_update(
            workspace=north, by=alice, people=-2, hours_per_month=5, skills=["juggling"]
        )
    assert set(error.value.message_dict) == {"people", "skills"}


def test_zero_capacity_is_stored_and_its_effect_explained(client, carol, north):
    login(client, carol)
    assert client.post(URL, {"people": "0", "hours_per_month": "0"}).status_code == 302
    profile = Profile.objects.get(workspace=north)
    assert (profile.people, profile.hours_per_month) == (0, 0)
    page = client.get(URL).content.decode()
    assert "No hours are recorded" in page
    overview = client.get(reverse("groundwork:overview", kwargs={"workspace_slug": "north"}))
    assert "every partnership type scores 0" in overview.content.decode()


def test_saving_capacity_keeps_the_ranking_settings(north, alice):
    Profile.objects.create(workspace=north, ranking_preset="quick_wins", overload_threshold=0.3)
    services.profile_update(workspace=north, by=alice, people=3, hours_per_month=12)
    profile = Profile.objects.get(workspace=north)
    assert (profile.ranking_preset, profile.overload_threshold) == ("quick_wins", 0.3)
    assert profile.people == 3
