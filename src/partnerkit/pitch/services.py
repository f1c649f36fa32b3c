"""Writes to the pitch, its actions and materials, and the partner's own texts. Pages and the
API both call these; readiness answers that live on the partnership (owners, licence) go
through ``partnership_update`` so the partnership keeps its version and history."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from partnerkit.core.history import delete_with_history, save_with_history
from partnerkit.core.records import apply_and_save, clean_values, lock_for_edit
from partnerkit.method import pitch as method
from partnerkit.partners.models import Contact, Partner
from partnerkit.partnerships.models import Partnership
from partnerkit.pitch.models import (
    MAX_FILE_BYTES,
    MAX_PARTNER_TEXT_CHARS,
    ActionSide,
    MaterialKind,
    PartnerText,
    PartnerTextKind,
    Pitch,
    PitchAction,
    PitchMaterial,
)
from partnerkit.workspaces.models import Membership

PITCH_TEXT_FIELDS = (
    "shared_goals",
    "benefits_partner",
    "benefits_wikimedia",
    "assets_ours",
    "assets_theirs",
    "summary",
    "competencies",
    "decision_making",
    "roles",
    "community_involvement",
)
PITCH_FIELDS = PITCH_TEXT_FIELDS + ("arguments",)
MAX_PITCH_TEXT = 20_000
ACTION_FIELDS = ("side", "text", "goal", "owner_user", "owner_contact")
_ACTION_REFERENCES = ["pitch", "owner_user", "owner_contact"]


# The pitch --------------------------------------------------------------------------------------


def pitch_ensure(*, partnership: Partnership, by) -> Pitch:
    """The partnership's pitch, made empty the first time it is needed."""
    pitch = Pitch.objects.filter(partnership=partnership).first()
    if pitch is not None:
        return pitch
    try:
        with transaction.atomic():
            pitch = Pitch(partnership=partnership)
            save_with_history(pitch, by=by, created=True)
            return pitch
    except IntegrityError:
        # Someone made it at the same moment; theirs is as empty as ours.
        return Pitch.objects.get(partnership=partnership)


def _pitch_values(values: dict) -> dict:
    values = clean_values(Pitch, PITCH_FIELDS, values)
    errors = {}
    for name in PITCH_TEXT_FIELDS:
        if name in values:
            if values[name] is None:
                values[name] = ""
            if len(values[name]) > MAX_PITCH_TEXT:
                errors[name] = [
                    _("Keep this under %(max)s characters (it has %(count)s).")
                    % {"max": f"{MAX_PITCH_TEXT:,}", "count": f"{len(values[name]):,}"}
                ]
    if "arguments" in values:
        codes = list(dict.fromkeys(str(code).strip() for code in values["arguments"] or ()))
        unknown = [code for code in codes if code not in method.BY_CODE]
        if unknown:
            errors["arguments"] = [
                _("Unknown argument %(codes)s.") % {"codes": ", ".join(unknown)}
            ]
        values["arguments"] = codes
    if errors:
        raise ValidationError(errors)
    return values


def pitch_update(*, partnership: Partnership, by, version: int | None, **values) -> Pitch:
    """Change the pitch's fields. ``version`` is the version the editor loaded (1 for a pitch
    not saved yet); a stale one raises ConflictError."""
    values = _pitch_values(values)
    with transaction.atomic():
        pitch = pitch_ensure(partnership=partnership, by=by)
        locked = lock_for_edit(pitch, expected_version=version, fields=PITCH_FIELDS)
        return apply_and_save(locked, values, by=by, exclude_from_validation=["partnership"])


def pitch_argument_set(
    *, partnership: Partnership, by, code: str, picked: bool, version: int | None = None
) -> Pitch:
    """Pick or unpick one argument of the library."""
    if code not in method.BY_CODE:
        raise ValidationError({"arguments": _("Unknown argument %(codes)s.") % {"codes": code}})
    with transaction.atomic():
        pitch = pitch_ensure(partnership=partnership, by=by)
        locked = lock_for_edit(pitch, expected_version=version, fields=PITCH_FIELDS)
        codes = [item for item in locked.arguments if item != code]
        if picked:
            codes.append(code)
        return apply_and_save(
            locked, {"arguments": codes}, by=by, exclude_from_validation=["partnership"]
        )


def readiness_answer(
    *, partnership: Partnership, by, code: str, version: int | None, **values
) -> Partnership | Pitch:
    """Answer one readiness question where its answer lives: owners and licence on the
    partnership (``version`` is then the partnership's), the rest on the pitch."""
    from partnerkit.pitch.selectors import ANSWER_FIELDS, PARTNERSHIP_ANSWERS

    if code not in ANSWER_FIELDS:
        raise ValidationError({"code": _("Unknown readiness question %(code)s.") % {"code": code}})
    unexpected = set(values) - set(ANSWER_FIELDS[code])
    if unexpected:
        raise TypeError(f"question {code!r} has no field(s) {sorted(unexpected)}")
    if code in PARTNERSHIP_ANSWERS:
        from partnerkit.partnerships.services import partnership_update

        return partnership_update(partnership=partnership, by=by, version=version, **values)
    return pitch_update(partnership=partnership, by=by, version=version, **values)


# Actions ---------------------------------------------------------------------------------------


def _action_values(partnership: Partnership, values: dict) -> dict:
    values = clean_values(PitchAction, ACTION_FIELDS, values)
    errors = {}
    if "side" in values and values["side"] not in ActionSide.values:
        errors["side"] = [
            _("“%(value)s” is not a side; choose one of %(valid)s.")
            % {"value": values["side"], "valid": ", ".join(ActionSide.values)}
        ]
    owner = values.get("owner_user")
    if owner is not None and not Membership.objects.filter(
        workspace_id=partnership.workspace_id, user=owner
    ).exists():
        errors["owner_user"] = [_("The owner on our side must be a member of this workspace.")]
    contact = values.get("owner_contact")
    if contact is not None and contact.partner_id != partnership.partner_id:
        errors["owner_contact"] = [
            _("The owner at the partner must be one of its contacts.")
        ]
    return values, errors


def action_create(*, partnership: Partnership, by, **values) -> PitchAction:
    values, errors = _action_values(partnership, values)
    with transaction.atomic():
        pitch = pitch_ensure(partnership=partnership, by=by)
        last = pitch.actions.order_by("-position").values_list("position", flat=True).first()
        action = PitchAction(pitch=pitch, position=(last or 0) + 1)
        return apply_and_save(
            action, values, by=by, created=True, exclude_from_validation=_ACTION_REFERENCES,
            errors=errors,
        )


def action_update(*, action: PitchAction, by, **values) -> PitchAction:
    values, errors = _action_values(action.pitch.partnership, values)
    with transaction.atomic():
        locked = PitchAction.objects.select_for_update().get(pk=action.pk)
        before = {name: getattr(locked, name) for name in values}
        for name, value in values.items():
            setattr(locked, name, value)
        try:
            locked.full_clean(exclude=_ACTION_REFERENCES, validate_constraints=False)
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                errors.setdefault(name, []).extend(messages)
        if errors:
            raise ValidationError(errors)
        if any(getattr(locked, name) != value for name, value in before.items()):
            save_with_history(locked, by=by)
        return locked


def action_delete(*, action: PitchAction, by) -> None:
    with transaction.atomic():
        delete_with_history([action], by=by, reason=_("Deleted"))


# Materials ---------------------------------------------------------------------------------------


def _material_save(material: PitchMaterial, by) -> PitchMaterial:
    material.full_clean(exclude=["pitch", "created_by", "file"], validate_constraints=False)
    save_with_history(material, by=by, created=True)
    return material


def material_add_link(*, partnership: Partnership, by, title: str, url: str) -> PitchMaterial:
    errors = {}
    if not (url or "").strip():
        errors["url"] = [_("Enter the address of the material.")]
    if not (title or "").strip():
        errors["title"] = [_("Give the material a title.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        pitch = pitch_ensure(partnership=partnership, by=by)
        material = PitchMaterial(
            pitch=pitch, kind=MaterialKind.LINK, title=title.strip(), url=url.strip(),
            created_by=by,
        )
        return _material_save(material, by)


def material_add_file(*, partnership: Partnership, by, title: str, file) -> PitchMaterial:
    """Keep an uploaded file with the pitch; at most 20 MB. Only members of the workspace can
    download it, through the pitch's download page."""
    errors = {}
    if file is None:
        errors["file"] = [_("Choose a file to upload.")]
    elif file.size > MAX_FILE_BYTES:
        errors["file"] = [
            _("The file is %(size)s MB; files may be at most %(max)s MB.")
            % {"size": f"{file.size / 1024 / 1024:.1f}", "max": MAX_FILE_BYTES // 1024 // 1024}
        ]
    elif file.size == 0:
        errors["file"] = [_("The file is empty.")]
    title = (title or "").strip() or (getattr(file, "name", "") or "")[:300]
    if not title and "file" not in errors:
        errors["title"] = [_("Give the material a title.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        pitch = pitch_ensure(partnership=partnership, by=by)
        material = PitchMaterial(
            pitch=pitch, kind=MaterialKind.FILE, title=title, created_by=by
        )
        material.file.save(file.name.rsplit("/", 1)[-1][:100] or "file", file, save=False)
        try:
            return _material_save(material, by)
        except Exception:
            material.file.delete(save=False)
            raise


def material_add_figures(
    *, partnership: Partnership, by, title: str, figures: str, source: str, as_of=None
) -> PitchMaterial:
    """Keep figures as a dated snapshot with their source, so the pitch shows what was true
    when it was written."""
    if not (figures or "").strip():
        raise ValidationError({"figures": _("There are no figures to add yet.")})
    with transaction.atomic():
        pitch = pitch_ensure(partnership=partnership, by=by)
        material = PitchMaterial(
            pitch=pitch, kind=MaterialKind.FIGURES, title=title.strip()[:300],
            figures=figures.strip(), source=source.strip()[:300],
            as_of=as_of or timezone.now(), created_by=by,
        )
        return _material_save(material, by)


def material_add_content_gap(*, partnership: Partnership, by) -> PitchMaterial:
    """Copy the content-gap sentence of the partner's research into a figures material."""
    from partnerkit.research.selectors import content_gap, facts_of

    partner = partnership.partner
    facts = facts_of(partner)
    gap = content_gap(partner, facts)
    if not gap.known or not gap.sentence:
        raise ValidationError(
            {"figures": _("No content-gap figures yet: link the partner to Wikidata on its "
                          "research page first.")}
        )
    return material_add_figures(
        partnership=partnership, by=by, title=_("Content gap of %(name)s") % {"name": partner.name},
        figures=gap.sentence, source=_("Wikidata and Wikimedia Commons"),
        as_of=gap.retrieved_at,
    )


def material_delete(*, material: PitchMaterial, by) -> None:
    with transaction.atomic():
        stored = material.file.name if material.file else ""
        delete_with_history([material], by=by, reason=_("Deleted"))
    if stored:
        material.file.storage.delete(stored)


# The partner's own texts ----------------------------------------------------------------------


def partner_text_create(
    *, partner: Partner, by, title: str, text: str, kind: str = PartnerTextKind.OTHER,
    language: str = "en",
) -> PartnerText:
    errors = {}
    text = (text or "").strip()
    if not text:
        errors["text"] = [_("Paste the partner's text; it is empty.")]
    elif len(text) > MAX_PARTNER_TEXT_CHARS:
        errors["text"] = [
            _("The text has %(count)s characters; paste at most %(max)s (an excerpt is enough).")
            % {"count": f"{len(text):,}", "max": f"{MAX_PARTNER_TEXT_CHARS:,}"}
        ]
    if kind not in PartnerTextKind.values:
        errors["kind"] = [
            _("“%(value)s” is not a kind of text; choose one of %(valid)s.")
            % {"value": kind, "valid": ", ".join(PartnerTextKind.values)}
        ]
    language = (language or "").strip().lower()
    if not language or "," in language:
        errors["language"] = [_("Give one language code, e.g. en, sv, pt-br.")]
    with transaction.atomic():
        item = PartnerText(partner=partner, created_by=by)
        return apply_and_save(
            item,
            {"title": (title or "").strip(), "text": text, "kind": kind, "language": language},
            by=by, created=True, exclude_from_validation=["partner", "created_by"], errors=errors,
        )


def partner_text_delete(*, text: PartnerText, by) -> None:
    with transaction.atomic():
        delete_with_history([text], by=by, reason=_("Deleted"))


def partner_texts_of(partner: Partner) -> Iterable[PartnerText]:
    return PartnerText.objects.filter(partner=partner)


def contact_mark_point(*, contact: Contact, by) -> Contact:
    """Make this contact the partner's contact point, through the contacts service."""
    from partnerkit.partners.services import contact_update

    return contact_update(contact=contact, by=by, version=None, is_contact_point=True)
