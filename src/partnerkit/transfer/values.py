"""Reading one cell of a file into the value a record needs.

Each reader takes the cell's text (never empty: empty cells mean "no value" and are handled
before) and returns the value, or raises BadValue with a message that says what is wrong
and what would be right. The row and column are added by the caller.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from urllib.parse import urlsplit, urlunsplit

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.utils import translation
from django_countries import countries

from partnerkit.method import goal_types as goal_catalogue
from partnerkit.method import licences as licence_catalogue
from partnerkit.method import partner_kinds, stages
from partnerkit.method.wikidata_ids import normalise_qid
from partnerkit.partners.models import validate_language_codes
from partnerkit.partnerships.models import Decision
from partnerkit.transfer.columns import normalise_header


class BadValue(ValueError):
    """A cell that cannot be read; the message names the value and what is expected."""


def _show(text: str) -> str:
    text = " ".join(text.split())
    return f"“{text[:60]}…”" if len(text) > 60 else f"“{text}”"


def _key(text: str) -> str:
    return normalise_header(text)


# --------------------------------------------------------------------------------------
# Choices: kinds, stages, goal types, licences, decisions
# --------------------------------------------------------------------------------------


def _choice_reader(
    what: str, entries: list[tuple[str, str]], aliases: dict[str, str] | None = None
):
    """A reader accepting a code or a label in any case and spacing ("in contact",
    "In-Contact", "in_contact")."""
    lookup = {_key(code): code for code, _label in entries}
    for code, label in entries:
        lookup.setdefault(_key(label), code)
    for alias, code in (aliases or {}).items():
        lookup.setdefault(_key(alias), code)
    valid = ", ".join(code for code, _label in entries)

    def read(text: str) -> str:
        code = lookup.get(_key(text))
        if code is None:
            raise BadValue(f"{_show(text)} is not a known {what}; valid: {valid}.")
        return code

    return read


read_partner_kind = _choice_reader(
    "partner kind", [(kind.code, kind.label) for kind in partner_kinds.KINDS]
)
read_stage = _choice_reader("stage", [(stage.value, stages.LABELS[stage]) for stage in stages.ALL])
read_goal_type = _choice_reader(
    "goal type", [(goal.code, goal.label) for goal in goal_catalogue.GOAL_TYPES]
)
read_licence = _choice_reader(
    "licence",
    list(licence_catalogue.LICENCES.items()),
    aliases={
        "CC0 1.0": "cc0", "CC0 1.0 Universal": "cc0", "CC-0": "cc0",
        "CC BY 4.0": "cc_by_4", "CC-BY-4.0": "cc_by_4", "CC BY 4.0 International": "cc_by_4",
        "CC BY-SA 4.0": "cc_by_sa_4", "CC-BY-SA-4.0": "cc_by_sa_4",
        "CC BY-SA 4.0 International": "cc_by_sa_4",
        "PD": "public_domain", "Public domain": "public_domain",
    },
)
read_decision = _choice_reader("decision", [(code, str(label)) for code, label in Decision.choices])


def read_goal_types(text: str) -> list[str]:
    """Goal types separated by semicolons or commas, each a code or a label."""
    codes, bad = [], []
    for part in re.split(r"[;,]", text):
        if not part.strip():
            continue
        try:
            code = read_goal_type(part)
        except BadValue:
            bad.append(part.strip())
            continue
        if code not in codes:
            codes.append(code)
    if bad:
        raise BadValue(
            f"{', '.join(_show(part) for part in bad)} "
            f"{'is not a known goal type' if len(bad) == 1 else 'are not known goal types'}; "
            f"valid: {', '.join(goal_catalogue.CODES)} (separate several with ;)."
        )
    return codes


# --------------------------------------------------------------------------------------
# Identifiers and addresses
# --------------------------------------------------------------------------------------


def read_qid(text: str) -> str:
    qid = normalise_qid(text)
    if qid is None:
        raise BadValue(
            f"{_show(text)} is not a Wikidata item; use an id such as Q190804 or the item's "
            "Wikidata address."
        )
    return qid


_url_validator = URLValidator(schemes=["http", "https"])


def read_url(text: str) -> str:
    """A web address; one typed without a scheme means https. Scheme and host are written
    in lower case (spreadsheets often hold them in capitals)."""
    value = text.strip()
    if "://" not in value:
        value = "https://" + value
    try:
        parts = urlsplit(value)
        value = urlunsplit(
            (parts.scheme.lower(), parts.netloc.lower(), parts.path, parts.query, parts.fragment)
        )
        _url_validator(value)
    except (ValueError, ValidationError):
        raise BadValue(
            f"{_show(text)} is not a web address such as https://example.org/."
        ) from None
    if len(value) > 500:
        raise BadValue("The web address is longer than 500 characters.")
    return value


def read_email(text: str) -> str:
    value = text.strip()
    if value.lower().startswith("mailto:"):
        value = value[7:]
    try:
        validate_email(value)
    except ValidationError:
        raise BadValue(f"{_show(text)} is not an e-mail address.") from None
    return value


# --------------------------------------------------------------------------------------
# Countries
# --------------------------------------------------------------------------------------

# Names people write that the ISO list spells otherwise.
_COUNTRY_ALIASES = {
    "USA": "US", "U.S.A.": "US", "U.S.": "US", "United States": "US", "America": "US",
    "UK": "GB", "U.K.": "GB", "Great Britain": "GB", "Britain": "GB", "England": "GB",
    "Scotland": "GB", "Wales": "GB", "Northern Ireland": "GB",
    "Holland": "NL", "The Netherlands": "NL", "Czech Republic": "CZ", "Turkey": "TR",
    "Korea": "KR", "Republic of Korea": "KR", "Ivory Coast": "CI", "Swaziland": "SZ",
    "Macedonia": "MK", "Burma": "MM", "Cape Verde": "CV", "East Timor": "TL",
    "Vatican": "VA", "Vatican City": "VA", "Russian Federation": "RU",
}


@functools.cache
def _country_names() -> dict[str, str]:
    names: dict[str, str] = {}
    with translation.override("en"):
        for code, name in countries.countries.items():
            label = name.get("name", "") if isinstance(name, dict) else name
            names.setdefault(_key(str(label)), code)
        for code, shadowed in countries.shadowed_names.items():
            for name in shadowed:
                names.setdefault(_key(str(name)), code)
    for alias, code in _COUNTRY_ALIASES.items():
        names.setdefault(_key(alias), code)
    return names


def read_country(text: str) -> str:
    """An ISO 3166 code (SE, SWE or 752) or an English name ("Sweden")."""
    value = text.strip()
    if len(value) <= 3:
        code = countries.alpha2(value)
        if code:
            return code
    code = _country_names().get(_key(value))
    if code:
        return code
    raise BadValue(
        f"{_show(text)} is not a country; use an ISO code such as SE or an English name "
        "such as Sweden."
    )


# --------------------------------------------------------------------------------------
# Numbers, dates, yes/no, lists
# --------------------------------------------------------------------------------------


def _whole_number(text: str) -> int | None:
    value = text.strip().replace("\u202f", "").replace(" ", "")
    match = re.fullmatch(r"([+-]?\d+)(?:[.,]0+)?", value)
    return int(match.group(1)) if match else None


def read_estimate(text: str) -> int:
    number = _whole_number(text)
    if number is None or not 1 <= number <= 5:
        raise BadValue(
            f"{_show(text)} is not an estimate; use a whole number from 1 (low) to 5 (high)."
        )
    return number


def read_hours(text: str) -> int:
    number = _whole_number(text)
    if number is None or not 0 <= number <= 10_000:
        raise BadValue(f"{_show(text)} is not a number of hours per month (0 to 10,000).")
    return number


_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")


def read_date(text: str) -> dt.date:
    """YYYY-MM-DD (also with a time after it), or DD.MM.YYYY; never the ambiguous 1/2/2026."""
    value = text.strip()
    match = _ISO_DATE.fullmatch(value)
    if match:
        year, month, day = (int(part) for part in match.groups())
    else:
        match = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", value)
        if not match:
            raise BadValue(f"{_show(text)} is not a date; write it as YYYY-MM-DD, e.g. 2026-03-31.")
        day, month, year = (int(part) for part in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise BadValue(f"{_show(text)} is not a date of the calendar.") from None


_TRUE = {"yes", "y", "true", "1", "x", "ja", "oui", "si", "sí", "wahr", "vrai"}
_FALSE = {"no", "n", "false", "0", "nein", "non", "falsch", "faux", "-"}


def read_bool(text: str) -> bool:
    value = text.strip().casefold()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise BadValue(f"{_show(text)} is neither yes nor no.")


def read_tags(text: str) -> list[str]:
    """Tags separated by semicolons; by commas when there is no semicolon (exports use
    semicolons, so a tag with a comma in it comes back whole)."""
    parts = text.split(";") if ";" in text else text.split(",")
    tags, seen = [], set()
    for part in parts:
        name = " ".join(part.split())
        if not name or name.casefold() in seen:
            continue
        if len(name) > 50:
            raise BadValue(f"The tag {_show(name)} is longer than 50 characters.")
        seen.add(name.casefold())
        tags.append(name)
    return tags


def read_languages(text: str) -> str:
    value = text.strip().replace(";", ",")
    try:
        validate_language_codes(value)
    except ValidationError as error:
        raise BadValue(" ".join(error.messages)) from None
    return value


def read_text(text: str) -> str:
    return text.strip()


def read_line(text: str) -> str:
    """One line of text: runs of spaces, tabs, line breaks and non-breaking spaces become
    one space."""
    return " ".join(text.split())


READERS = {
    "text": read_text,
    "line": read_line,
    "url": read_url,
    "qid": read_qid,
    "email": read_email,
    "country": read_country,
    "partner_kind": read_partner_kind,
    "stage": read_stage,
    "goal_types": read_goal_types,
    "licence": read_licence,
    "decision": read_decision,
    "estimate": read_estimate,
    "hours": read_hours,
    "date": read_date,
    "bool": read_bool,
    "tags": read_tags,
    "languages": read_languages,
    # References to people and contacts are looked up by the planner.
    "member": read_text,
    "contact": read_text,
}
