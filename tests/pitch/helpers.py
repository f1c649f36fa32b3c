"""Answering every pitch readiness question, for tests that move a partnership to "in contact"
or later and are not about the pitch."""

from partnerkit.method.licences import DECIDED
from partnerkit.partners.models import Contact
from partnerkit.partners.services import contact_create
from partnerkit.partnerships.services import partnership_update
from partnerkit.pitch.services import pitch_update

ANSWERS = {
    "shared_goals": "More of the collection seen by more people.",
    "benefits_partner": "Their photographs reach readers in many languages.",
    "benefits_wikimedia": "Thousands of free images of rural life.",
    "assets_ours": "Volunteers who upload and describe files.",
    "assets_theirs": "Digitised photographs and their metadata.",
    "competencies": "Two members have run uploads before.",
    "decision_making": "The two owners decide together; the board settles disagreements.",
    "roles": "We upload and describe; they select and clear rights.",
    "community_involvement": "A notice on the village pump and a writing week.",
}


def answer_pitch(partnership, by, *, licence: str = "cc_by_sa_4"):
    """Answer all nine questions: the pitch's fields, both owners (``by`` on our side, the
    partner's first contact on theirs, made if there is none) and a decided licence."""
    pitch_update(partnership=partnership, by=by, version=None, **ANSWERS)
    partnership.refresh_from_db()
    values = {}
    if partnership.owner_id is None:
        values["owner"] = by
    if partnership.partner_owner_id is None:
        contact = Contact.objects.filter(partner_id=partnership.partner_id).first()
        if contact is None:
            contact = contact_create(partner=partnership.partner, by=by, name="Owner")
        values["partner_owner"] = contact
    if partnership.licence not in DECIDED:
        values["licence"] = licence
    if values:
        partnership_update(partnership=partnership, by=by, version=None, **values)
    partnership.refresh_from_db()
    return partnership
