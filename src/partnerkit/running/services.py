"""Writes for running a partnership: activities planned from recipes, their checklists and
outputs, the roles on both sides, and the plan B. Pages, the API and the demo call these
functions; each one checks its input, names the field of any problem, and writes nothing when
something is wrong."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from partnerkit.core import events
from partnerkit.core.history import delete_with_history, save_with_history
from partnerkit.core.records import apply_and_save, clean_values, lock_for_edit
from partnerkit.method import activities as method
from partnerkit.method import roles as roles_method
from partnerkit.partners.models import Contact
from partnerkit.partnerships import services as partnership_services
from partnerkit.partnerships.models import Partnership
from partnerkit.running.models import (
    Activity,
    ActivityStatus,
    ChecklistItem,
    Raci,
    RecipeCode,
    Role,
    Side,
)
from partnerkit.workspaces.models import Membership, Workspace

ACTIVITY_FIELDS = (
    "title",
    "starts_on",
    "ends_on",
    "location",
    "online",
    "status",
    "expected_participants",
    "actual_participants",
    "new_accounts",
    "notes",
) + Activity.OUTPUT_FIELDS
_NOT_VALIDATED_BY_MODEL = ["workspace", "partnership", "created_by"]
# The most files, participants or accounts one activity can sensibly report.
MAX_COUNT = 10_000_000
MAX_ITEMS = 5_000


def today() -> dt.date:
    return timezone.localdate()


def _day(value: dt.date) -> str:
    return formats.date_format(value, "DATE_FORMAT")


# Activities -----------------------------------------------------------------------------------


def _check_recipe(code) -> list[str]:
    if code not in RecipeCode.values:
        return [
            _("“%(value)s” is not a recipe; choose one of %(valid)s.")
            % {"value": code, "valid": ", ".join(RecipeCode.values)}
        ]
    return []


def _check_count(values: dict, name: str, errors: dict) -> None:
    """A count's upper bound; the model refuses what is not a whole number from 0."""
    value = values.get(name)
    if isinstance(value, int) and not isinstance(value, bool) and value > MAX_COUNT:
        errors.setdefault(name, []).append(
            _("Give a number from 0 to %(most)s.") % {"most": formats.number_format(MAX_COUNT)}
        )


def _clean_category(name: str, errors: dict) -> str:
    name = " ".join((name or "").replace("_", " ").split())
    for prefix in ("Category:", "category:"):
        name = name.removeprefix(prefix).strip()
    if name and method.clean_title(name) is None:
        errors.setdefault("commons_category", []).append(
            _("“%(name)s” cannot be a Commons category name: it is too long or has one of "
              "# < > [ ] { } |.") % {"name": name}
        )
    return name


def _clean_qids(values, errors: dict) -> list[str]:
    if isinstance(values, str):
        values = method.split_list(values)
    if not isinstance(values, list | tuple) or not all(isinstance(v, str) for v in values):
        errors.setdefault("wikidata_items", []).append(
            _("Give the Wikidata items as a list of ids such as Q42.")
        )
        return []
    found, bad = method.parse_qids(values)
    for value in bad:
        errors.setdefault("wikidata_items", []).append(
            _("“%(value)s” is not a Wikidata item id such as Q42.") % {"value": value}
        )
    if len(found) > MAX_ITEMS:
        errors.setdefault("wikidata_items", []).append(
            _("At most %(most)d items an activity.") % {"most": MAX_ITEMS}
        )
    return found


def _clean_articles(values, errors: dict) -> list[dict]:
    """Articles as {"wiki", "title"} from dicts, "wiki|Title" lines or article addresses."""
    if isinstance(values, str):
        values = values.splitlines()
    if not isinstance(values, list | tuple):
        errors.setdefault("articles", []).append(
            _("Give the articles as a list of {wiki, title}.")
        )
        return []
    lines = []
    for value in values:
        if isinstance(value, dict) and set(value) <= {"wiki", "title"}:
            lines.append(f"{value.get('wiki') or ''}|{value.get('title') or ''}")
        elif isinstance(value, str):
            lines.append(value)
        else:
            lines.append(str(value))
    found, bad = method.parse_articles(lines)
    for value in bad:
        errors.setdefault("articles", []).append(
            _("“%(value)s” is not an article: give the wiki and the title, e.g. "
              "“en.wikipedia.org|Ada Lovelace”, or the article's address.") % {"value": value}
        )
    if len(found) > MAX_ITEMS:
        errors.setdefault("articles", []).append(
            _("At most %(most)d articles an activity.") % {"most": MAX_ITEMS}
        )
    return [article.as_dict() for article in found]


def _activity_values(values: dict, errors: dict) -> dict:
    values = clean_values(Activity, ACTIVITY_FIELDS, values)
    status = values.get("status")
    if status is not None and status not in ActivityStatus.values:
        errors.setdefault("status", []).append(
            _("“%(value)s” is not a status; choose one of %(valid)s.")
            % {"value": status, "valid": ", ".join(ActivityStatus.values)}
        )
    if status == ActivityStatus.CANCELLED:
        errors.setdefault("status", []).append(
            _("Cancel an activity with its reason (the “Cancel” button), not by its status.")
        )
    for name in ("expected_participants", "actual_participants", "new_accounts",
                 "uploads_count"):
        _check_count(values, name, errors)
    if "commons_category" in values:
        values["commons_category"] = _clean_category(values["commons_category"], errors)
    if "wikidata_items" in values:
        values["wikidata_items"] = _clean_qids(values["wikidata_items"] or [], errors)
    if "articles" in values:
        values["articles"] = _clean_articles(values["articles"] or [], errors)
    return values


WHOLE_FIELDS = ("starts_on", "ends_on", "status", "actual_participants", "new_accounts")


def _check_whole(state: dict, errors: dict) -> None:
    """The checks that need the activity's values after the change, as ``state``."""
    starts, ends = state["starts_on"], state["ends_on"]
    if isinstance(starts, dt.date) and isinstance(ends, dt.date):
        if ends < starts:
            errors.setdefault("ends_on", []).append(
                _("The end (%(end)s) is before the start (%(start)s); choose the start day or "
                  "later.") % {"end": _day(ends), "start": _day(starts)}
            )
        elif (ends - starts).days + 1 > method.MAX_LENGTH_DAYS:
            errors.setdefault("ends_on", []).append(
                _("An activity lasts at most %(days)d days; split a longer one.")
                % {"days": method.MAX_LENGTH_DAYS}
            )
        if state["status"] == ActivityStatus.HELD and starts > today():
            errors.setdefault("status", []).append(
                _("It starts on %(start)s: it can be marked as held from that day.")
                % {"start": _day(starts)}
            )
    participants, accounts = state["actual_participants"], state["new_accounts"]
    if (
        isinstance(participants, int) and isinstance(accounts, int)
        and not isinstance(accounts, bool) and accounts > participants
    ):
        errors.setdefault("new_accounts", []).append(
            _("More new accounts (%(accounts)d) than participants (%(participants)d).")
            % {"accounts": accounts, "participants": participants}
        )


def _owners_by_area(partnership: Partnership) -> dict[str, int]:
    """For each area, the member on our side responsible for it (the accountable one if
    nobody is responsible), to own the recipe's checklist items of that area."""
    owners: dict[str, int] = {}
    rows = Role.objects.filter(
        partnership=partnership, side=Side.OURS, raci__in=[Raci.RESPONSIBLE, Raci.ACCOUNTABLE]
    ).order_by("-raci", "id").values_list("area", "raci", "member_id")  # R before A
    for area, _raci, member_id in rows:
        owners.setdefault(area, member_id)
    return owners


def activity_create(
    *, partnership: Partnership, by, recipe: str, starts_on, title: str = "", **values
) -> Activity:
    """Plan an activity from a recipe: its checklist dated from ``starts_on``, each item given
    to the member on our side who holds the role for its area. Without an end, it lasts the
    recipe's typical length; without a title, it is named after the recipe and the partner."""
    errors: dict[str, list[str]] = {}
    if problems := _check_recipe(recipe):
        raise ValidationError({"recipe": problems})
    spec = method.recipe(recipe)
    values = _activity_values({"title": title, "starts_on": starts_on, **values}, errors)
    if not values.get("title"):
        values["title"] = _("%(recipe)s with %(partner)s") % {
            "recipe": _(spec.title), "partner": partnership.partner.name
        }
    if values.get("ends_on") is None and isinstance(values.get("starts_on"), dt.date):
        values["ends_on"] = method.typical_end(spec, values["starts_on"])
    with transaction.atomic():
        activity = Activity(
            workspace_id=partnership.workspace_id, partnership=partnership, recipe=recipe,
            created_by=by,
        )
        state = {name: getattr(activity, name) for name in WHOLE_FIELDS} | values
        _check_whole(state, errors)
        # Without a start there is no end either: one message, under the start.
        unvalidated = _NOT_VALIDATED_BY_MODEL + (
            [] if isinstance(values.get("starts_on"), dt.date) else ["ends_on"]
        )
        apply_and_save(
            activity, values, by=by, created=True, errors=errors,
            exclude_from_validation=unvalidated,
        )
        owners = _owners_by_area(partnership)
        for step in method.checklist(spec, activity.starts_on):
            save_with_history(
                ChecklistItem(
                    activity=activity, title=_(step.title), due_on=step.due_on, area=step.area,
                    owner_id=owners.get(step.area), position=step.position,
                ),
                by=by, created=True,
            )
        if any(getattr(activity, name) for name in Activity.OUTPUT_FIELDS):
            events.announce("activity_outputs_changed", activity=activity, by=by)
    return activity


def activity_update(*, activity: Activity, by, version: int | None, **values) -> Activity:
    """Change an activity (versioned). A new start moves the open checklist items with it,
    and, unless a new end is given, the end too, so the activity keeps its length. Saving
    changed outputs announces ``activity_outputs_changed``."""
    errors: dict[str, list[str]] = {}
    values = _activity_values(values, errors)
    with transaction.atomic():
        locked = lock_for_edit(activity, expected_version=version, fields=ACTIVITY_FIELDS)
        old_start = locked.starts_on
        outputs_before = [getattr(locked, name) for name in Activity.OUTPUT_FIELDS]
        new_start = values.get("starts_on", old_start)
        if (
            "ends_on" not in values and isinstance(new_start, dt.date) and new_start != old_start
        ):
            values["ends_on"] = method.moved(locked.ends_on, old_start=old_start,
                                             new_start=new_start)
        if locked.status == ActivityStatus.CANCELLED and values.get("status") not in (
            None, ActivityStatus.CANCELLED
        ):
            values["cancel_reason"] = ""  # planned again
        elif values.get("status") is None:
            values.pop("status", None)
        _check_whole({name: getattr(locked, name) for name in WHOLE_FIELDS} | values, errors)
        apply_and_save(
            locked, values, by=by, errors=errors,
            exclude_from_validation=_NOT_VALIDATED_BY_MODEL,
        )
        if locked.starts_on != old_start:
            _move_open_items(locked, old_start=old_start, by=by)
        if [getattr(locked, name) for name in Activity.OUTPUT_FIELDS] != outputs_before:
            events.announce("activity_outputs_changed", activity=locked, by=by)
    return locked


def _move_open_items(activity: Activity, *, old_start: dt.date, by) -> None:
    reason = _("Moved with the start of “%(activity)s” to %(day)s") % {
        "activity": activity.title, "day": _day(activity.starts_on)
    }
    for item in activity.checklist.select_for_update().filter(done_at__isnull=True):
        item.due_on = method.moved(item.due_on, old_start=old_start, new_start=activity.starts_on)
        save_with_history(item, by=by, reason=reason)


def activity_cancel(*, activity: Activity, by, version: int | None, reason: str) -> Activity:
    """Call an activity off, saying why; its checklist stays as it was."""
    reason = (reason or "").strip() if isinstance(reason, str) else ""
    if not reason:
        raise ValidationError({"reason": [_("Say why it is cancelled.")]})
    if len(reason) > 300:
        raise ValidationError({"reason": [_("Keep the reason under 300 characters.")]})
    with transaction.atomic():
        locked = lock_for_edit(activity, expected_version=version, fields=ACTIVITY_FIELDS)
        if locked.status == ActivityStatus.CANCELLED:
            raise ValidationError({"status": [_("The activity is already cancelled.")]})
        return apply_and_save(
            locked, {"status": ActivityStatus.CANCELLED, "cancel_reason": reason}, by=by,
            reason=_("Cancelled: %(reason)s") % {"reason": reason},
            exclude_from_validation=_NOT_VALIDATED_BY_MODEL,
        )


def activity_delete(*, activity: Activity, by) -> None:
    """Delete an activity with its checklist; the history of each notes who deleted it."""
    with transaction.atomic():
        delete_with_history(ChecklistItem.objects.filter(activity=activity), by=by)
        delete_with_history(Activity.objects.filter(pk=activity.pk), by=by)


# The checklist --------------------------------------------------------------------------------


def _member(workspace_id: int, user, field: str):
    if user is None:
        return None
    if not Membership.objects.filter(workspace_id=workspace_id, user=user).exists():
        raise ValidationError(
            {field: [_("%(name)s is not a member of this workspace.") % {"name": user}]}
        )
    return user


def _item_values(activity: Activity, values: dict) -> dict:
    errors = {}
    if "title" in values:
        values["title"] = (values["title"] or "").strip()
        if not values["title"]:
            errors["title"] = [_("Say what is to be done.")]
        elif len(values["title"]) > 300:
            errors["title"] = [_("Keep the item under 300 characters.")]
    if "due_on" in values:
        due_on = values["due_on"]
        if not isinstance(due_on, dt.date):
            errors["due_on"] = [_("Give the day it is due.")]
        elif abs((due_on - activity.starts_on).days) > method.MAX_OFFSET_DAYS:
            errors["due_on"] = [
                _("Keep it within %(days)d days of the start (%(start)s).")
                % {"days": method.MAX_OFFSET_DAYS, "start": _day(activity.starts_on)}
            ]
    if errors:
        raise ValidationError(errors)
    if "owner" in values:
        _member(activity.workspace_id, values["owner"], "owner")
    return values


def checklist_item_add(*, activity: Activity, by, title: str, due_on, owner=None) -> ChecklistItem:
    values = _item_values(activity, {"title": title, "due_on": due_on, "owner": owner})
    with transaction.atomic():
        Activity.objects.select_for_update().filter(pk=activity.pk).exists()
        last = activity.checklist.order_by("-position").values_list("position", flat=True).first()
        item = ChecklistItem(activity=activity, position=0 if last is None else last + 1,
                             **values)
        save_with_history(item, by=by, created=True)
    return item


def checklist_item_update(*, item: ChecklistItem, by, done: bool | None = None, **values):
    """Tick an item off (``done=True``) or not, and change its title, due date or owner."""
    unknown = set(values) - {"title", "due_on", "owner"}
    if unknown:
        raise TypeError(f"ChecklistItem has no editable field(s) {sorted(unknown)}")
    values = _item_values(item.activity, dict(values))
    with transaction.atomic():
        locked = ChecklistItem.objects.select_for_update().get(pk=item.pk)
        changed = False
        for name, value in values.items():
            if getattr(locked, name) != value:
                setattr(locked, name, value)
                changed = True
        if done is not None and bool(done) != locked.done:
            locked.done_at = timezone.now() if done else None
            locked.done_by = by if done else None
            changed = True
        if changed:
            save_with_history(locked, by=by)
    return locked


def checklist_item_remove(*, item: ChecklistItem, by) -> None:
    with transaction.atomic():
        delete_with_history([item], by=by, reason=_("Removed from the checklist."))


# Roles ----------------------------------------------------------------------------------------

ROLE_FIELDS = ("side", "area", "raci", "member", "contact", "deputy_member", "deputy_contact")


def clean_area(area) -> str:
    """An area as stored: the catalogue's code when the text names one of its areas (by code
    or label, in any case), else the text itself."""
    text = " ".join(str(area or "").split())
    folded = text.casefold()
    for code, label in roles_method.AREAS.items():
        if folded in (code, label.casefold(), _(label).casefold()):
            return code
    return text


def _role_errors(partnership: Partnership, state: dict, *, pk: int | None) -> dict:
    """What is wrong with a role holding the values of ``state`` (its fields by name)."""
    errors: dict[str, list[str]] = {}
    side, raci, area = state["side"], state["raci"], state["area"]
    member, contact = state["member"], state["contact"]
    deputy_member, deputy_contact = state["deputy_member"], state["deputy_contact"]
    if side not in Side.values:
        errors["side"] = [_("Choose the side: %(valid)s.") % {"valid": ", ".join(Side.values)}]
    if raci not in Raci.values:
        errors["raci"] = [
            _("Choose one of the RACI letters: %(valid)s.") % {"valid": ", ".join(Raci.values)}
        ]
    if not area:
        errors["area"] = [_("Say what the role is about, e.g. uploads or communication.")]
    elif len(area) > 100:
        errors["area"] = [_("Keep the area under 100 characters.")]
    partner = partnership.partner
    if side == Side.OURS:
        for field, person in (("contact", contact), ("deputy_contact", deputy_contact)):
            if person is not None:
                errors[field] = [_("On our side a role is held by members of this workspace.")]
        if member is None:
            errors["member"] = [_("Choose the member who holds the role.")]
    elif side == Side.PARTNER:
        for field, person in (("member", member), ("deputy_member", deputy_member)):
            if person is not None:
                errors[field] = [
                    _("On the partner's side a role is held by one of %(partner)s's contacts.")
                    % {"partner": partner.name}
                ]
        if contact is None:
            errors["contact"] = [_("Choose the contact who holds the role.")]
    users = {user.pk for user in (member, deputy_member) if user is not None}
    if users:
        known = set(
            Membership.objects.filter(workspace_id=partnership.workspace_id, user_id__in=users)
            .values_list("user_id", flat=True)
        )
        for field, user in (("member", member), ("deputy_member", deputy_member)):
            if user is not None and user.pk not in known:
                errors.setdefault(field, []).append(
                    _("%(name)s is not a member of this workspace.") % {"name": user}
                )
    for field, person in (("contact", contact), ("deputy_contact", deputy_contact)):
        if person is not None and person.partner_id != partner.pk:
            errors.setdefault(field, []).append(
                _("%(name)s is not a contact of %(partner)s.")
                % {"name": person.name, "partner": partner.name}
            )
    for field, person, deputy in (
        ("deputy_member", member, deputy_member), ("deputy_contact", contact, deputy_contact)
    ):
        if person is not None and deputy is not None and person.pk == deputy.pk:
            errors.setdefault(field, []).append(
                _("The deputy must be someone else than %(name)s.") % {"name": _name(person)}
            )
    if not errors:
        same = Role.objects.filter(
            partnership=partnership, area=area, raci=raci,
            member=member, contact=contact,
        ).exclude(pk=pk)
        if same.exists():
            errors["area"] = [
                _("%(name)s already holds this letter for “%(area)s”.")
                % {"name": _name(member or contact), "area": _(roles_method.area_label(area))}
            ]
    return errors


def _name(person) -> str:
    if isinstance(person, Contact):
        return person.name
    return person.get_full_name() or person.username


def _save_role(role: Role, values: dict, *, partnership: Partnership, by, created: bool) -> Role:
    if "area" in values:
        values["area"] = clean_area(values["area"])
    state = {name: getattr(role, name) for name in ROLE_FIELDS} | values
    errors = _role_errors(partnership, state, pk=role.pk)
    if errors:
        raise ValidationError(errors)
    return apply_and_save(
        role, values, by=by, created=created,
        exclude_from_validation=["partnership", *ROLE_FIELDS],
    )


def role_add(
    *, partnership: Partnership, by, side: str, area: str, raci: str, member=None,
    contact: Contact | None = None, deputy_member=None, deputy_contact: Contact | None = None,
) -> Role:
    """Name who holds a role: a member on our side, one of the partner's contacts on theirs,
    each with an optional deputy from the same side who can stand in."""
    values = {
        "side": side, "area": area, "raci": raci, "member": member, "contact": contact,
        "deputy_member": deputy_member, "deputy_contact": deputy_contact,
    }
    with transaction.atomic():
        Partnership.objects.select_for_update().filter(pk=partnership.pk).exists()
        role = Role(partnership=partnership)
        return _save_role(role, values, partnership=partnership, by=by, created=True)


def role_update(*, role: Role, by, version: int | None, **values) -> Role:
    """Change a role (versioned): its letter, area, holder or deputy."""
    clean_values(Role, ROLE_FIELDS, values)
    with transaction.atomic():
        locked = lock_for_edit(role, expected_version=version, fields=ROLE_FIELDS)
        partnership = Partnership.objects.select_related("partner").get(pk=locked.partnership_id)
        # Moving a role to the other side leaves the old side's people behind.
        if values.get("side") == Side.OURS:
            values.setdefault("contact", None)
            values.setdefault("deputy_contact", None)
        elif values.get("side") == Side.PARTNER:
            values.setdefault("member", None)
            values.setdefault("deputy_member", None)
        return _save_role(locked, values, partnership=partnership, by=by, created=False)


def role_delete(*, role: Role, by) -> None:
    with transaction.atomic():
        delete_with_history([role], by=by, reason=_("Role removed."))


# The plan B -----------------------------------------------------------------------------------


def plan_b_save(*, partnership: Partnership, by, version: int | None, plan_b: str) -> Partnership:
    """Write the partnership's plan B: what we do if it cannot go on as planned, or how we
    back out gracefully. Versioned like any change to the partnership."""
    return partnership_services.partnership_update(
        partnership=partnership, by=by, version=version, plan_b=plan_b or ""
    )


# Reactions ------------------------------------------------------------------------------------


def on_member_removed(*, workspace: Workspace, user, by) -> None:
    """Someone who leaves holds no role any more and stands in for nobody, so the single
    points of failure they leave behind show; their open checklist items have no owner."""
    reason = _("%(name)s left the workspace") % {"name": user.get_full_name() or user.username}
    delete_with_history(
        Role.objects.filter(partnership__workspace=workspace, member=user), by=by, reason=reason
    )
    for role in Role.objects.filter(partnership__workspace=workspace, deputy_member=user):
        role.deputy_member = None
        role.version += 1
        save_with_history(role, by=by, reason=reason)
    for item in ChecklistItem.objects.filter(
        activity__workspace=workspace, owner=user, done_at__isnull=True
    ):
        item.owner = None
        save_with_history(item, by=by, reason=reason)
