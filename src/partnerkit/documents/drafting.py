"""Drafting documents from the record, and the privacy guard that stands before it.

``facts_for`` is the only place that reads a partnership for a document, and it copies only
what may be shown to the partner or the public: names, missions, the pitch's shared goals,
benefits and actions, the licence, dates, and people's names and roles — their e-mail and
phone only when they agreed to be named with them. BATNA, private notes, estimates and their
reasons, capacity, meeting preparation, commitments' effort and contacts' personal notes are
never read, so no template, format or language can show them.

Each kind of document is a list of sections. Their wording comes from the workspace's own
template for that section and language when there is one, else from the built-in text
below (translated); placeholders in braces are filled from the facts.
"""

from __future__ import annotations

import string
from dataclasses import dataclass, field
from datetime import date

from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from partnerkit.documents.models import Kind
from partnerkit.pitch.models import ActionSide, Pitch

# What each placeholder means, for the template editor and for checking templates.
PLACEHOLDERS = {
    "workspace": gettext_lazy("our organisation's name"),
    "workspace_description": gettext_lazy("what our organisation is"),
    "partner": gettext_lazy("the partner's name"),
    "partner_description": gettext_lazy("what the partner is"),
    "partner_mission": gettext_lazy("the partner's mission statement"),
    "title": gettext_lazy("the partnership's title"),
    "purpose": gettext_lazy("the one-minute summary of the pitch (or the sketch)"),
    "goal_types": gettext_lazy("the partnership's goal types"),
    "shared_goals": gettext_lazy("the shared goals"),
    "benefits_partner": gettext_lazy("what the partner gains"),
    "benefits_wikimedia": gettext_lazy("what the Wikimedia projects gain"),
    "assets_ours": gettext_lazy("what we bring"),
    "assets_theirs": gettext_lazy("what the partner brings"),
    "actions_joint": gettext_lazy("joint actions, as a list"),
    "actions_ours": gettext_lazy("our actions, as a list"),
    "actions_theirs": gettext_lazy("the partner's actions, as a list"),
    "roles": gettext_lazy("who does what"),
    "decision_making": gettext_lazy("how decisions are made and disagreements settled"),
    "community_involvement": gettext_lazy("how the community takes part"),
    "licence": gettext_lazy("the licence of released content"),
    "start": gettext_lazy("the start date"),
    "end": gettext_lazy("the end date"),
    "review": gettext_lazy("the review date"),
    "our_contact": gettext_lazy("our contact person"),
    "their_contact": gettext_lazy("the partner's contact person"),
    "reason": gettext_lazy("the reason given in a decline letter"),
    "stage": gettext_lazy("where the partnership stands"),
    "today": gettext_lazy("today's date"),
}


@dataclass(frozen=True)
class Action:
    text: str
    owner: str = ""


@dataclass(frozen=True)
class Person:
    name: str
    role: str = ""
    email: str = ""
    phone: str = ""

    def line(self) -> str:
        parts = [self.name + (f", {self.role}" if self.role else "")]
        parts += [value for value in (self.email, self.phone) if value]
        return " · ".join(parts)


@dataclass(frozen=True)
class DocumentFacts:
    """What a document may say. Built by ``facts_for`` only."""

    workspace: str
    workspace_description: str = ""
    partner: str = ""
    partner_description: str = ""
    partner_mission: str = ""
    title: str = ""
    purpose: str = ""
    goal_types: tuple[str, ...] = ()
    shared_goals: str = ""
    benefits_partner: str = ""
    benefits_wikimedia: str = ""
    assets_ours: str = ""
    assets_theirs: str = ""
    actions: dict[str, tuple[Action, ...]] = field(default_factory=dict)
    roles: str = ""
    decision_making: str = ""
    community_involvement: str = ""
    licence: str = ""
    licence_decided: bool = False
    start: date | None = None
    end: date | None = None
    review: date | None = None
    our_contact: Person | None = None
    their_contact: Person | None = None
    reason: str = ""
    stage: str = ""
    stage_code: str = ""
    today: date | None = None


def facts_for(partnership, *, reason: str = "", today: date | None = None) -> DocumentFacts:
    """The partner-facing facts of ``partnership`` — and nothing private (see above)."""
    partner = partnership.partner
    workspace = partnership.workspace
    pitch = Pitch.objects.filter(partnership=partnership).first()
    actions: dict[str, list[Action]] = {side: [] for side in ActionSide.values}
    if pitch is not None:
        for action in pitch.actions.select_related("owner_user", "owner_contact"):
            owner = ""
            if action.owner_user_id:
                owner = action.owner_user.get_full_name() or action.owner_user.username
            elif action.owner_contact_id:
                owner = action.owner_contact.name
            actions.setdefault(action.side, []).append(Action(action.text, owner))
    owner = partnership.owner
    our_contact = None
    if owner is not None:
        our_contact = Person(owner.get_full_name() or owner.username, workspace.name, owner.email)
    their_contact = None
    contact = partnership.partner_owner
    if contact is not None:
        consented = contact.details_in_documents
        their_contact = Person(
            contact.name, contact.role_title,
            contact.email if consented else "", contact.phone if consented else "",
        )

    def text(name: str) -> str:
        return getattr(pitch, name) if pitch is not None else ""

    return DocumentFacts(
        workspace=workspace.name,
        workspace_description=workspace.description,
        partner=partner.name,
        partner_description=partner.description,
        partner_mission=partner.mission,
        title=partnership.title,
        purpose=text("summary") or partnership.sketch,
        goal_types=tuple(str(goal.label) for goal in partnership.goal_types.all()),
        shared_goals=text("shared_goals"),
        benefits_partner=text("benefits_partner"),
        benefits_wikimedia=text("benefits_wikimedia"),
        assets_ours=text("assets_ours"),
        assets_theirs=text("assets_theirs"),
        actions={side: tuple(items) for side, items in actions.items()},
        roles=text("roles"),
        decision_making=text("decision_making"),
        community_involvement=text("community_involvement"),
        licence=str(partnership.get_licence_display()),
        licence_decided=partnership.licence != "undecided",
        start=partnership.started_on or partnership.mou_signed_on,
        end=partnership.ends_on,
        review=partnership.review_on,
        our_contact=our_contact,
        their_contact=their_contact,
        reason=(reason or "").strip(),
        stage=str(partnership.get_stage_display()),
        stage_code=partnership.stage,
        today=today or timezone.localdate(),
    )


# The built-in sections ------------------------------------------------------------------------

S = pgettext_lazy  # context "document" keeps these apart from page strings in translation

DEFAULT_SECTIONS: dict[str, tuple[tuple[str, object, object], ...]] = {
    Kind.PROPOSAL: (
        ("summary", S("document", "Summary"), S("document", "{purpose}")),
        ("goals", S("document", "What we want to achieve together"),
         S("document", "{shared_goals}")),
        ("benefits", S("document", "What each side gains"),
         S("document", "For {partner}:\n\n{benefits_partner}\n\nFor the Wikimedia projects "
                       "and their readers:\n\n{benefits_wikimedia}")),
        ("actions", S("document", "Actions and roles"),
         S("document", "Together:\n{actions_joint}\n\n{workspace}:\n{actions_ours}\n\n"
                       "{partner}:\n{actions_theirs}\n\n{roles}")),
        ("timeline", S("document", "Timeline"),
         S("document", "We propose to start on {start} and to review the work together on "
                       "{review}.")),
        ("licence", S("document", "Licence of the content"),
         S("document", "Content released within the partnership is published under "
                       "{licence}, so that anyone may reuse it.")),
        ("contacts", S("document", "Contacts"),
         S("document", "- {workspace}: {our_contact}\n- {partner}: {their_contact}")),
    ),
    Kind.MOU: (
        ("parties", S("document", "The parties"),
         S("document", "This memorandum is between {workspace} and {partner}.\n\n"
                       "{workspace}: {workspace_description}\n\n{partner}: {partner_mission}")),
        ("purpose", S("document", "Purpose"),
         S("document", "{purpose}\n\nTogether the parties want to achieve:\n\n{shared_goals}")),
        ("ours", S("document", "What {workspace} intends to provide"),
         S("document", "{assets_ours}\n\n{actions_ours}")),
        ("theirs", S("document", "What {partner} intends to provide"),
         S("document", "{assets_theirs}\n\n{actions_theirs}")),
        ("joint", S("document", "Joint activities"),
         S("document", "{actions_joint}\n\n{roles}")),
        ("licensing", S("document", "Licensing of content"),
         S("document", "Content that {partner} contributes to the Wikimedia projects is "
                       "released under {licence}. Once published, it may be edited, reused "
                       "and improved by anyone, as all content on the Wikimedia projects is; "
                       "neither party controls what the volunteer communities do with it.")),
        ("duration", S("document", "Duration and termination"),
         S("document", "This memorandum takes effect on {start} and runs until {end}, with "
                       "a review on {review}. Either party may end it at any time by telling "
                       "the other in writing.\n\n{decision_making}")),
        ("contacts", S("document", "Contacts"),
         S("document", "- {workspace}: {our_contact}\n- {partner}: {their_contact}")),
        ("non_binding", S("document", "Nature of this memorandum"),
         S("document", "This memorandum records the shared intentions of the parties. It "
                       "creates no legal obligations, no exclusivity and no financial "
                       "commitment for either party.")),
        ("signatures", S("document", "Signatures"),
         S("document", "For {workspace}: ______________________  Date: __________\n\n"
                       "For {partner}: ______________________  Date: __________")),
    ),
    Kind.DECLINE: (
        ("thanks", S("document", "Thank you"),
         S("document", "Thank you for the time you gave us and for your interest in working "
                       "with {workspace} on “{title}”.")),
        ("decision", S("document", "Our decision"),
         S("document", "After careful thought we have decided not to go ahead at this time. "
                       "{reason}")),
        ("door_open", S("document", "Staying in touch"),
         S("document", "We value what {partner} does and would be glad to talk again when "
                       "the time is right for both of us. You can reach us at any time: "
                       "{our_contact}.")),
    ),
    Kind.ANNOUNCEMENT: (
        ("news", S("document", "A new partnership"),
         S("document", "{workspace} and {partner} are starting to work together: {title}.\n\n"
                       "{purpose}")),
        ("benefits", S("document", "What it brings"),
         S("document", "For the Wikimedia projects:\n\n{benefits_wikimedia}\n\n"
                       "For {partner}:\n\n{benefits_partner}")),
        ("expectations", S("document", "What is expected, and what is not"),
         S("document", "{actions_joint}\n\n{partner} will:\n{actions_theirs}\n\n"
                       "Content is released under {licence}. The partner does not decide "
                       "what is written on the wikis: the usual community rules apply.")),
        ("join", S("document", "How to take part"),
         S("document", "{community_involvement}\n\nQuestions and ideas are welcome: "
                       "{our_contact}.")),
    ),
    Kind.UPDATE: (
        ("status", S("document", "Where the partnership stands"),
         S("document", "“{title}” with {partner} — {stage}, as of {today}.")),
        ("progress", S("document", "What we are doing"),
         S("document", "{actions_joint}\n{actions_ours}\n{actions_theirs}")),
        ("next", S("document", "What comes next"),
         S("document", "The next review is planned for {review}.")),
        ("join", S("document", "How to take part"),
         S("document", "{community_involvement}\n\nContact: {our_contact}.")),
    ),
}

TITLES = {
    Kind.PROPOSAL: S("document", "Proposal: {title}"),
    Kind.MOU: S("document", "Memorandum of understanding between {workspace} and {partner}"),
    Kind.DECLINE: S("document", "Letter to {partner}"),
    Kind.ANNOUNCEMENT: S("document", "{workspace} and {partner}: {title}"),
    Kind.UPDATE: S("document", "Update: {title}"),
}


def section_keys(kind: str) -> list[str]:
    return [key for key, _heading, _text in DEFAULT_SECTIONS[kind]]


# Checks ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Missing:
    """Something the record lacks for a kind of document, and where to fill it in."""

    message: str
    where: str  # "partnership", "pitch", "partner" or "document"


def missing(kind: str, facts: DocumentFacts) -> list[Missing]:
    """What to fill in before this kind of document can be drafted; empty when ready."""
    needs: list[Missing] = []

    def need(condition, message, where):
        if not condition:
            needs.append(Missing(message, where))

    any_action = any(facts.actions.values())
    if kind in (Kind.PROPOSAL, Kind.MOU):
        need(facts.our_contact, _("An owner on our side (the partnership's owner)."),
             "partnership")
        need(facts.their_contact, _("An owner on the partner's side."), "partnership")
        need(facts.shared_goals, _("The shared goals (on the pitch)."), "pitch")
        need(any_action, _("At least one action (on the pitch)."), "pitch")
        need(facts.licence_decided, _("The licence of released content."), "partnership")
    if kind == Kind.PROPOSAL:
        need(facts.purpose, _("The one-minute summary (on the pitch) or the sketch."), "pitch")
    if kind == Kind.MOU:
        need(facts.partner_mission or facts.partner_description,
             _("The partner's mission or description."), "partner")
        need(facts.start, _("A start date (started, or agreement signed)."), "partnership")
        need(facts.end, _("An end date for the agreement."), "partnership")
        need(facts.actions.get(ActionSide.OURS) or facts.assets_ours,
             _("What we provide: our actions or assets (on the pitch)."), "pitch")
        need(facts.actions.get(ActionSide.THEIRS) or facts.assets_theirs,
             _("What the partner provides: their actions or assets (on the pitch)."), "pitch")
    if kind == Kind.DECLINE:
        need(facts.reason, _("A brief reason to give the partner."), "document")
    if kind == Kind.ANNOUNCEMENT:
        need(facts.purpose, _("The one-minute summary (on the pitch) or the sketch."), "pitch")
        need(facts.benefits_wikimedia, _("What the Wikimedia projects gain (on the pitch)."),
             "pitch")
        need(facts.community_involvement,
             _("How the community takes part (on the pitch)."), "pitch")
    if kind == Kind.UPDATE:
        need(facts.stage_code in ("agreed", "running", "completed"),
             _("An agreed, running or completed partnership."), "partnership")
        need(facts.community_involvement,
             _("How the community takes part (on the pitch)."), "pitch")
    return needs


class TemplateError(ValueError):
    pass


def check_template(text: str) -> None:
    """A template may use the known placeholders only; braces are doubled to be literal."""
    try:
        names = [name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name]
    except ValueError:
        raise TemplateError(_("A brace is not closed; write {{ and }} for literal braces."))
    unknown = sorted({name for name in names if name not in PLACEHOLDERS})
    if unknown:
        raise TemplateError(
            _("Unknown placeholder(s): %(names)s. Use one of: %(known)s.")
            % {"names": ", ".join("{%s}" % n for n in unknown),
               "known": ", ".join("{%s}" % n for n in PLACEHOLDERS)}
        )


# Drafting -------------------------------------------------------------------------------------


def _date(value: date | None) -> str:
    return formats.date_format(value, "DATE_FORMAT") if value else _("(to be agreed)")


def _actions(items: tuple[Action, ...]) -> str:
    if not items:
        return "- " + _("(none yet)")
    return "\n".join(
        f"- {item.text}" + (f" ({item.owner})" if item.owner else "") for item in items
    )


def values(facts: DocumentFacts) -> dict[str, str]:
    """Each placeholder's text."""
    return {
        "workspace": facts.workspace,
        "workspace_description": facts.workspace_description,
        "partner": facts.partner,
        "partner_description": facts.partner_description,
        "partner_mission": facts.partner_mission or facts.partner_description,
        "title": facts.title,
        "purpose": facts.purpose,
        "goal_types": ", ".join(facts.goal_types),
        "shared_goals": facts.shared_goals,
        "benefits_partner": facts.benefits_partner,
        "benefits_wikimedia": facts.benefits_wikimedia,
        "assets_ours": facts.assets_ours,
        "assets_theirs": facts.assets_theirs,
        "actions_joint": _actions(facts.actions.get(ActionSide.JOINT, ())),
        "actions_ours": _actions(facts.actions.get(ActionSide.OURS, ())),
        "actions_theirs": _actions(facts.actions.get(ActionSide.THEIRS, ())),
        "roles": facts.roles,
        "decision_making": facts.decision_making,
        "community_involvement": facts.community_involvement,
        "licence": facts.licence,
        "start": _date(facts.start),
        "end": _date(facts.end),
        "review": _date(facts.review),
        "our_contact": facts.our_contact.line() if facts.our_contact else "",
        "their_contact": facts.their_contact.line() if facts.their_contact else "",
        "reason": facts.reason,
        "stage": facts.stage,
        "today": _date(facts.today),
    }


def fill(template: str, facts_values: dict[str, str]) -> str:
    """The template with its placeholders filled; the values are not read as templates."""
    filled = string.Formatter().vformat(str(template), (), facts_values)
    # Empty placeholders leave runs of blank lines; keep at most one.
    lines, blank = [], False
    for line in filled.split("\n"):
        if line.strip():
            lines.append(line.rstrip())
            blank = False
        elif not blank and lines:
            lines.append("")
            blank = True
    return "\n".join(lines).strip()


def draft(kind: str, facts: DocumentFacts, *, language: str = "en",
          templates: dict[str, tuple[str, str]] | None = None) -> tuple[str, list[dict]]:
    """The title and sections of a new document. ``templates`` maps a section key to the
    workspace's own (heading, text) for this kind and language."""
    templates = templates or {}
    facts_values = values(facts)
    with translation.override(language):
        title = fill(TITLES[kind], facts_values)
        sections = []
        for key, heading, text in DEFAULT_SECTIONS[kind]:
            heading, text = templates.get(key, (heading, text))
            sections.append({
                "key": key,
                "heading": fill(heading, facts_values),
                "text": fill(text, facts_values),
            })
    return title, sections
