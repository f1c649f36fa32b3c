"""The kinds of partner the method tells us to brainstorm (step 2).

Internal partners are part of the movement; external ones are the organisations we reach out
to. Each kind carries a short explanation shown next to the choice, in our own words.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Side(StrEnum):
    INTERNAL = "internal"
    EXTERNAL = "external"


@dataclass(frozen=True)
class PartnerKind:
    code: str
    label: str
    side: Side
    hint: str


KINDS: tuple[PartnerKind, ...] = (
    PartnerKind(
        "wikimedia_community",
        "Wikimedia community",
        Side.INTERNAL,
        "A wiki community or project, e.g. a language Wikipedia or a WikiProject.",
    ),
    PartnerKind(
        "affiliate",
        "Wikimedia affiliate",
        Side.INTERNAL,
        "A chapter, thematic organisation or user group.",
    ),
    PartnerKind(
        "wmf", "Wikimedia Foundation", Side.INTERNAL, "A team or programme of the Foundation."
    ),
    PartnerKind("gallery", "Gallery", Side.EXTERNAL, "An art gallery: a memory institution."),
    PartnerKind("library", "Library", Side.EXTERNAL, "A public, national or academic library."),
    PartnerKind("archive", "Archive", Side.EXTERNAL, "A public, corporate or community archive."),
    PartnerKind("museum", "Museum", Side.EXTERNAL, "A museum of any size or subject."),
    PartnerKind(
        "higher_education",
        "Higher education",
        Side.EXTERNAL,
        "A university, college or research institute: courses, students, visiting scholars.",
    ),
    PartnerKind(
        "learned_society",
        "Learned society",
        Side.EXTERNAL,
        "An academy or professional association holding expertise and members.",
    ),
    PartnerKind(
        "national_government",
        "National government",
        Side.EXTERNAL,
        "A ministry or national agency: content, data, in-kind support, policy.",
    ),
    PartnerKind(
        "local_government",
        "Local government",
        Side.EXTERNAL,
        "A city, region or municipal body: venues, local archives, open data.",
    ),
    PartnerKind(
        "nonprofit",
        "Non-profit or activist group",
        Side.EXTERNAL,
        "An NGO or activist group whose mission overlaps with free knowledge.",
    ),
    PartnerKind(
        "network",
        "Network of organisations",
        Side.EXTERNAL,
        "An umbrella body reaching many organisations at once.",
    ),
    PartnerKind(
        "company_media",
        "Company or media",
        Side.EXTERNAL,
        "A business, broadcaster or publisher.",
    ),
    PartnerKind("other", "Other", Side.EXTERNAL, "Any organisation that fits no other kind."),
)

BY_CODE: dict[str, PartnerKind] = {kind.code: kind for kind in KINDS}


def kind(code: str) -> PartnerKind:
    """The kind with this code; KeyError names the unknown code."""
    try:
        return BY_CODE[code]
    except KeyError:
        raise KeyError(f"unknown partner kind {code!r}") from None


def kinds_on(side: Side) -> tuple[PartnerKind, ...]:
    return tuple(k for k in KINDS if k.side is side)
