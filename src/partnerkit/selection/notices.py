"""The community notice: wikitext telling the community which partnerships the group has chosen
to pursue, and asking for its view before anyone approaches the partners.

It is public, so it is put together from public facts only, field by field: the partnership's
title and goal types, the partner's name, kind, place, Wikidata item and public description,
and the licence planned for released content. Estimates and their reasons, the BATNA, the
reason for the decision, private notes and contacts never go in: they are not read here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.utils.translation import gettext as _

from partnerkit.partnerships.models import Licence, Partnership
from partnerkit.workspaces.models import Workspace

# Characters that would turn plain text into links, templates, tables or tags on a wiki, and
# apostrophes (bold, italics), and runs that make magic words (__) or signatures (~~~).
_WIKI_SPECIAL = {
    "[": "&#91;",
    "]": "&#93;",
    "{": "&#123;",
    "}": "&#125;",
    "|": "&#124;",
    "<": "&lt;",
    ">": "&gt;",
}
_RUNS = {"'": "&#39;", "_": "&#95;", "~": "&#126;"}
_SPECIAL = re.compile(r"[\[\]{}|<>]|'+|__+|~~+")
DESCRIPTION_LENGTH = 300
# Licences worth announcing: the others say nothing will be released or nothing is decided.
_NOT_ANNOUNCED = {Licence.NO_CONTENT, Licence.UNDECIDED}


def wiki_text(value: str) -> str:
    """Text shown as it is on a wiki page: markup characters escaped, on one line."""
    def escape(match: re.Match) -> str:
        found = match.group()
        if found in _WIKI_SPECIAL:
            return _WIKI_SPECIAL[found]
        return _RUNS[found[0]] * len(found)

    return _SPECIAL.sub(escape, " ".join(str(value).split()))


def _shortened(text: str, length: int) -> str:
    text = " ".join(text.split())
    if len(text) <= length:
        return text
    return text[: length - 1].rsplit(" ", 1)[0] + "…"


def public_summary(partnership: Partnership) -> str:
    """What the notice says about one partnership beyond its title, in wikitext."""
    partner = partnership.partner
    name = wiki_text(partner.name)
    if partner.wikidata_qid:
        name = f"[[d:{partner.wikidata_qid}|{name}]]"
    about = [partner.get_kind_display()]
    if partner.place:
        about.append(partner.place)
    parts = [_("with %(partner)s (%(about)s)") % {
        "partner": name, "about": wiki_text(", ".join(str(item) for item in about))
    }]
    goals = [str(goal.label) for goal in partnership.goal_types.all()]
    if goals:
        parts.append(_("goal types: %(goals)s") % {"goals": wiki_text(", ".join(goals))})
    if partnership.licence not in _NOT_ANNOUNCED:
        parts.append(
            _("content released under %(licence)s")
            % {"licence": wiki_text(partnership.get_licence_display())}
        )
    summary = "; ".join(parts) + "."
    if partner.description:
        summary += " " + wiki_text(_shortened(partner.description, DESCRIPTION_LENGTH))
    return summary


def notice_draft(*, workspace: Workspace, partnerships: Iterable[Partnership]) -> str:
    """The wikitext of a notice listing ``partnerships``, ready to be edited and posted."""
    lines = [
        "== " + _("Partnerships %(group)s plans to pursue") % {"group": wiki_text(workspace.name)}
        + " ==",
        _(
            "We have looked at possible partners and would like to pursue the partnerships "
            "below. Before we approach them we would like to hear from you: do you see "
            "concerns, do you know people there, would you like to help? Please reply below."
        ),
        "",
    ]
    for partnership in partnerships:
        lines.append(f"* '''{wiki_text(partnership.title)}''' – {public_summary(partnership)}")
    lines += ["", _("Thank you!") + " ~~~~"]
    return "\n".join(lines) + "\n"
