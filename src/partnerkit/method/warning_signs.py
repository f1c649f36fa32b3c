"""Warning signs of a partner, and when saying no is the right answer (negotiation).

Not every partner that wants to work with us is a good partner. During talks, some things a
partner says or does should make the group stop and think: each sign here says why it
matters and what to do or say when it shows up. Recording a sign with what the partner
actually said or did keeps the decision honest, and the "when to say no" page reads them
back before anyone declines.

Saying no is a normal outcome of the method, not a failure: ``SAY_NO_WHEN`` lists the
situations where it is the right answer and ``HOW_TO_SAY_NO`` how to do it well.
"""

from __future__ import annotations

from dataclasses import dataclass

from partnerkit.method.stages import N_


@dataclass(frozen=True)
class Sign:
    code: str
    title: str
    # Why it matters: what goes wrong if we carry on regardless.
    explanation: str
    # What to do or say when the sign shows up.
    response: str


WARNING_SIGNS: tuple[Sign, ...] = (
    Sign(
        "control",
        N_("They want control we cannot give"),
        N_(
            "The partner asks to approve, edit or remove what volunteers write, to decide what "
            "the articles say, or to have the last word over community decisions. Nobody can "
            "promise that: the wikis are edited by their communities under their own policies, "
            "and an affiliate that pretends otherwise loses the trust of both sides."
        ),
        N_(
            "Explain early how editing works: anyone may change an article, and disputes are "
            "settled on the wiki by its policies, not by us. Offer what we can do instead: "
            "show them how to suggest corrections on talk pages, point them to the conflict "
            "of interest rules, and agree on a contact person for concerns. If they insist on "
            "control, stop."
        ),
    ),
    Sign(
        "no_free_licence",
        N_("They will not release under a free licence"),
        N_(
            "Content that is not under a free licence cannot be uploaded to Commons or used "
            "freely in the projects. Permission \"for Wikipedia only\", non-commercial terms or "
            "a ban on changes all fall short, so the core of a content partnership would be "
            "lost and volunteers' work wasted."
        ),
        N_(
            "Ask what worries them about free licences (loss of income, misuse, attribution) "
            "and answer that worry: attribution is part of CC BY and CC BY-SA, a smaller "
            "selection or lower resolution may be released, and older works may already be in "
            "the public domain. If no free licence is possible, look for a partnership without "
            "content, or decline."
        ),
    ),
    Sign(
        "tight_deadline",
        N_("They press for a tight deadline"),
        N_(
            "Volunteers work when they can; a date set by the partner's budget year or a press "
            "launch can push the group into promises it cannot keep, and a missed date harms "
            "the relationship more than a later, realistic start."
        ),
        N_(
            "Say plainly how long things take with volunteers and on the wikis. Propose a small "
            "first step that fits their date and a realistic plan for the rest. If the date "
            "cannot move and our capacity cannot meet it, say no now rather than fail later."
        ),
    ),
    Sign(
        "brand",
        N_("They want to use our name at once"),
        N_(
            "A partner who wants to announce a partnership with \"Wikipedia\" before anything "
            "has been done, put our logos on their material or present themselves as endorsed "
            "by us is after reputation, not collaboration. The trademarks belong to the "
            "Wikimedia Foundation, and an early announcement ties our name to work that may "
            "never happen."
        ),
        N_(
            "Explain that the names and logos are trademarks with rules of their own, and that "
            "we announce partnerships once there are results to show. Agree on wording for "
            "later together. If the name is what they want most, decline."
        ),
    ),
    Sign(
        "no_benefit",
        N_("There is nothing in it for us"),
        N_(
            "If the projects, the community or our mission gain nothing, the partnership only "
            "costs volunteer time. That time is the scarcest thing a group has, and volunteers "
            "soon stop coming to work that does not matter to them."
        ),
        N_(
            "Ask what the partner could bring: content under a free licence, data, expertise, "
            "access, a venue or an audience. Put the benefit for both sides in writing. If "
            "nothing comes up, thank them and decline."
        ),
    ),
    Sign(
        "mission_conflict",
        N_("It conflicts with our mission"),
        N_(
            "Working with someone who wants to censor content, push propaganda, advertise or "
            "rewrite history to suit themselves goes against free knowledge and the projects' "
            "neutrality. Being associated with them damages the trust readers and editors "
            "place in the wikis."
        ),
        N_(
            "Name the conflict openly and briefly. No arrangement makes censorship or "
            "propaganda acceptable: decline, and note why, so the next person does not have "
            "to find out again."
        ),
    ),
)

BY_CODE: dict[str, Sign] = {item.code: item for item in WARNING_SIGNS}
CODES: tuple[str, ...] = tuple(BY_CODE)

# When "no" (or "not now") is the right answer.
SAY_NO_WHEN: tuple[str, ...] = (
    N_("We do not have the people or the hours to deliver what the partnership needs."),
    N_("Volunteers find the work unattractive and nobody wants to take it on."),
    N_("One of the warning signs is there and talking has not made it go away."),
    N_(
        "The partner needs a promise we must not make, such as particular articles, "
        "exclusivity or a non-free licence."
    ),
)

# How to say it.
HOW_TO_SAY_NO: tuple[str, ...] = (
    N_("Be polite and thank them for their time and interest."),
    N_("Explain briefly why it does not work for us; one or two reasons are enough."),
    N_(
        "After a meeting, call them or write a short letter, whichever suits the relationship."
    ),
    N_(
        "Where it is \"not now\" rather than \"no\", say what would have to change for us to "
        "come back."
    ),
    N_(
        "Next time, say at the start which conditions a partnership must meet (for example, "
        "enough volunteers interested), so a later no is no surprise."
    ),
)


class UnknownSign(KeyError):
    """A warning sign code that is not in the catalogue."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code

    def __str__(self) -> str:
        return f"unknown warning sign {self.code!r}; valid codes: {', '.join(CODES)}"


def sign(code: str) -> Sign:
    """The warning sign with this code; UnknownSign (a KeyError) lists the valid codes."""
    try:
        return BY_CODE[code]
    except (KeyError, TypeError):
        raise UnknownSign(str(code)) from None
