"""Turning bad input into clear messages, one per problem, each naming its field."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError
from pydantic_core import ErrorDetails

from .models import Engagement, Lang

__all__ = ["EngagementInvalid", "FieldError", "field_errors", "parse_engagement"]


class FieldError(BaseModel):
    model_config = ConfigDict(frozen=True)

    field: str
    message: str


class EngagementInvalid(ValueError):
    """Raised by ``parse_engagement``; ``errors`` holds one FieldError a problem."""

    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__("; ".join(f"{e.field}: {e.message}" for e in errors))
        self.errors = errors


_FIELD_NAMES_SV: Mapping[str, str] = {
    "scope": "omfattning",
    "on_behalf_of_ks": "på uppdrag av kommunstyrelsen",
    "membership_body": "organisation eller nätverk",
    "increases_resource_burden": "ökad resursbörda",
}

_KIND_SV: Mapping[str, str] = {
    "trip": "tjänsteresa", "conference": "konferens", "incoming_visit": "internationellt besök",
    "invitation_letter": "inbjudningsbrev", "cooperation_agreement": "samarbetsavtal",
    "intent_agreement": "intentionsavtal", "twinning": "vänortsavtal", "membership": "medlemskap",
    "declaration": "deklaration", "eu_project": "EU-projekt", "aid_project": "biståndsprojekt",
    "position": "ståndpunkt",
}

# error type → (Swedish, English); {ctx keys} are filled from the error's context.
_MESSAGES: Mapping[str, tuple[str, str]] = {
    "missing": ("Fältet krävs.", "This field is required."),
    "extra_forbidden": ("Okänt fält; kontrollera stavningen.",
                        "Unknown field; check the spelling."),
    "enum": ("Ogiltigt värde; tillåtna värden: {expected}.",
             "Invalid value; allowed values: {expected}."),
    "literal_error": ("Ogiltigt värde; tillåtna värden: {expected}.",
                      "Invalid value; allowed values: {expected}."),
    "string_type": ("Ska vara text.", "Must be text."),
    "string_too_short": ("Får inte vara tomt.", "Must not be empty."),
    "string_too_long": ("För långt: högst {max_length} tecken.",
                        "Too long: at most {max_length} characters."),
    "bool_type": ("Ska vara sant eller falskt (true/false).", "Must be true or false."),
    "bool_parsing": ("Ska vara sant eller falskt (true/false).", "Must be true or false."),
    "int_type": ("Ska vara ett heltal.", "Must be a whole number."),
    "int_parsing": ("Ska vara ett heltal.", "Must be a whole number."),
    "int_from_float": ("Ska vara ett heltal.", "Must be a whole number."),
    "float_type": ("Ska vara ett tal.", "Must be a number."),
    "float_parsing": ("Ska vara ett tal.", "Must be a number."),
    "finite_number": ("Ska vara ett ändligt tal.", "Must be a finite number."),
    "greater_than_equal": ("Ska vara minst {ge}.", "Must be at least {ge}."),
    "less_than_equal": ("Får vara högst {le}.", "Must be at most {le}."),
    "list_type": ("Ska vara en lista.", "Must be a list."),
    "model_type": ("Ska vara ett objekt med fält.", "Must be an object with fields."),
    "model_attributes_type": ("Ska vara ett objekt med fält.", "Must be an object with fields."),
    "dict_type": ("Ska vara ett objekt med fält.", "Must be an object with fields."),
    "date_type": ("Ska vara ett datum (ÅÅÅÅ-MM-DD).", "Must be a date (YYYY-MM-DD)."),
    "date_parsing": ("Ska vara ett datum (ÅÅÅÅ-MM-DD).", "Must be a date (YYYY-MM-DD)."),
    "date_from_datetime_parsing": ("Ska vara ett datum (ÅÅÅÅ-MM-DD).",
                                   "Must be a date (YYYY-MM-DD)."),
    "date_from_datetime_inexact": ("Ska vara ett datum utan klockslag (ÅÅÅÅ-MM-DD).",
                                   "Must be a date without a time (YYYY-MM-DD)."),
    "end_before_start": ("Slutdatum {end} ligger före startdatum {start}.",
                         "The end date {end} is before the start date {start}."),
}


def _path(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + part
    return out


def _message(err: ErrorDetails, lang: Lang) -> str:
    ctx: dict[str, Any] = dict(err.get("ctx") or {})
    etype = err["type"]
    if etype == "missing_for_kind":
        field, kind = str(ctx["field"]), str(ctx["kind"])
        if lang == "sv":
            return (f"Fältet krävs för {_KIND_SV.get(kind, kind)}: avgör vem som beslutar "
                    f"({_FIELD_NAMES_SV.get(field, field)}).")
        return f"Required when kind is {kind}: it decides who decides."
    if "expected" in ctx and lang == "sv":
        ctx["expected"] = str(ctx["expected"]).replace(" or ", " eller ")
    for bound in ("ge", "le"):
        if isinstance(ctx.get(bound), float) and float(ctx[bound]).is_integer():
            ctx[bound] = int(ctx[bound])
    template = _MESSAGES.get(etype)
    if template is None:
        return err["msg"] if lang == "en" else f"Ogiltigt värde ({err['msg']})."
    try:
        return template[0 if lang == "sv" else 1].format(**ctx)
    except (KeyError, IndexError, ValueError):
        return template[0 if lang == "sv" else 1]


def field_errors(exc: ValidationError, lang: Lang = "sv") -> list[FieldError]:
    """One FieldError a problem, the field named as a dotted path (``counterpart.type``)."""
    out: list[FieldError] = []
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        out.append(FieldError(field=_path(loc) or "(engagement)", message=_message(err, lang)))
    return out


def parse_engagement(data: object, lang: Lang = "sv") -> Engagement:
    """Validate ``data`` as an engagement or raise EngagementInvalid with every problem."""
    if not isinstance(data, Mapping):
        msg = ("En bedömning behöver ett objekt med fält (JSON/YAML-mappning)."
               if lang == "sv" else "An engagement must be an object with fields (a mapping).")
        raise EngagementInvalid([FieldError(field="(engagement)", message=msg)])
    try:
        # A plain dict as it is (validation does not change it); any other mapping copied.
        return Engagement.model_validate(data if type(data) is dict else dict(data))
    except ValidationError as exc:
        raise EngagementInvalid(field_errors(exc, lang)) from None
