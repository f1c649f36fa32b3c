"""A partnership of "north" with everything a document can draw on filled in."""

from datetime import date

import pytest

from partnerkit.partners.models import Contact
from partnerkit.partnerships.services import partnership_create
from partnerkit.pitch import services as pitch_services
from tests.followups.conftest import clock  # noqa: F401  (the movable clock)


@pytest.fixture
def ready(north, alice, museum):
    museum.mission = "We collect and share the cultural history of everyday life."
    museum.save(update_fields=["mission"])
    ingrid = Contact.objects.get(partner=museum)
    partnership = partnership_create(
        workspace=north, partner=museum, by=alice, title="Photographs of Swedish life",
        owner=alice, partner_owner=ingrid, licence="cc_by_sa_4",
        started_on=date(2026, 1, 15), review_on=date(2026, 7, 1), ends_on=date(2027, 1, 14),
        sketch="Ten thousand photographs of everyday life on Commons.",
        goal_types=["content_acquisition"],
    )
    pitch_services.pitch_update(
        partnership=partnership, by=alice, version=None,
        summary="The museum's photographs of everyday life, seen by Wikipedia's readers.",
        shared_goals="Everyday life in Sweden illustrated on Wikipedia.",
        benefits_partner="Its photographs seen where people read.",
        benefits_wikimedia="Thousands of freely licensed photographs.",
        assets_ours="Volunteers who upload and categorise.",
        assets_theirs="A digitised photo archive.",
        roles="They choose the photographs; we upload them.",
        decision_making="Batches agreed by e-mail; disagreements settled in a call.",
        community_involvement="A project page where every volunteer can help.",
    )
    for side, text in (("joint", "Choose the first batch together"),
                       ("ours", "Upload and categorise the photographs"),
                       ("theirs", "Release the photographs under CC BY-SA")):
        pitch_services.action_create(partnership=partnership, by=alice, side=side, text=text)
    return partnership
