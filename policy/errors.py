"""Turning bad input into clear messages, one per problem, each naming its field."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError
from pydantic_core import ErrorDetails

from .labels import KIND_LABELS
from .models import Engagement, Kind, Lang
from .text import Plural, Text

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


# The routing fields a kind requires, as the Swedish message names them; the English one
# speaks in the contract's identifiers.
_FIELD_NAMES: Mapping[str, Text] = {
    "scope": Text(sv="omfattning", en="scope"),
    "on_behalf_of_ks": Text(sv="på uppdrag av kommunstyrelsen", en="on_behalf_of_ks"),
    "membership_body": Text(sv="organisation eller nätverk", en="membership_body"),
    "increases_resource_burden": Text(sv="ökad resursbörda", en="increases_resource_burden"),
}

# error type → its message; {ctx keys} are filled from the error's context.
_MESSAGES: Mapping[str, Text] = {
    "missing_for_kind": Text(sv="Fältet krävs för {kind}: avgör vem som beslutar ({field}).",
                             en="Required when kind is {kind}: it decides who decides."),
    "not_a_mapping": Text(sv="En bedömning behöver ett objekt med fält (JSON/YAML-mappning).",
                          en="An engagement must be an object with fields (a mapping)."),
    "unknown": Text(sv="Ogiltigt värde ({msg}).", en="{msg}"),
    "missing": Text(sv="Fältet krävs.", en="This field is required."),
    "extra_forbidden": Text(sv="Okänt fält; kontrollera stavningen.",
                        en="Unknown field; check the spelling."),
    "enum": Text(sv="Ogiltigt värde; tillåtna värden: {expected}.",
             en="Invalid value; allowed values: {expected}."),
    "literal_error": Text(sv="Ogiltigt värde; tillåtna värden: {expected}.",
                      en="Invalid value; allowed values: {expected}."),
    "string_type": Text(sv="Ska vara text.", en="Must be text."),
    "string_too_short": Text(sv="Får inte vara tomt.", en="Must not be empty."),
    "string_too_long": Plural(sv="För långt: högst {max_length} tecken.",
                              en={"one": "Too long: at most {max_length} character.",
                                  "other": "Too long: at most {max_length} characters."},
                              count="max_length"),
    "bool_type": Text(sv="Ska vara sant eller falskt (true/false).", en="Must be true or false."),
    "bool_parsing": Text(sv="Ska vara sant eller falskt (true/false).",
                         en="Must be true or false."),
    "int_type": Text(sv="Ska vara ett heltal.", en="Must be a whole number."),
    "int_parsing": Text(sv="Ska vara ett heltal.", en="Must be a whole number."),
    "int_from_float": Text(sv="Ska vara ett heltal.", en="Must be a whole number."),
    "float_type": Text(sv="Ska vara ett tal.", en="Must be a number."),
    "float_parsing": Text(sv="Ska vara ett tal.", en="Must be a number."),
    "finite_number": Text(sv="Ska vara ett ändligt tal.", en="Must be a finite number."),
    "greater_than_equal": Text(sv="Ska vara minst {ge}.", en="Must be at least {ge}."),
    "less_than_equal": Text(sv="Får vara högst {le}.", en="Must be at most {le}."),
    "list_type": Text(sv="Ska vara en lista.", en="Must be a list."),
    "model_type": Text(sv="Ska vara ett objekt med fält.", en="Must be an object with fields."),
    "model_attributes_type": Text(sv="Ska vara ett objekt med fält.",
                                  en="Must be an object with fields."),
    "dict_type": Text(sv="Ska vara ett objekt med fält.", en="Must be an object with fields."),
    "date_type": Text(sv="Ska vara ett datum (ÅÅÅÅ-MM-DD).", en="Must be a date (YYYY-MM-DD)."),
    "date_parsing": Text(sv="Ska vara ett datum (ÅÅÅÅ-MM-DD).", en="Must be a date (YYYY-MM-DD)."),
    "date_from_datetime_parsing": Text(sv="Ska vara ett datum (ÅÅÅÅ-MM-DD).",
                                   en="Must be a date (YYYY-MM-DD)."),
    "date_from_datetime_inexact": Text(sv="Ska vara ett datum utan klockslag (ÅÅÅÅ-MM-DD).",
                                   en="Must be a date without a time (YYYY-MM-DD)."),
    "end_before_start": Text(sv="Slutdatum {end} ligger före startdatum {start}.",
                         en="The end date {end} is before the start date {start}."),
}


def _path(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + part
    return out


def _in_sentence(label: str) -> str:
    """A kind's label inside a sentence: "Tjänsteresa utomlands" → "tjänsteresa utomlands",
    but "EU-projekt" stays."""
    return label if label[1:2].isupper() else label[:1].lower() + label[1:]


def _message(err: ErrorDetails, lang: Lang) -> str:
    ctx: dict[str, Any] = dict(err.get("ctx") or {})
    etype = err["type"]
    if etype == "missing_for_kind":
        field, kind = str(ctx["field"]), str(ctx["kind"])
        name = _FIELD_NAMES[field][lang] if field in _FIELD_NAMES else field
        kind_name = kind
        if lang == "sv" and kind in Kind.__members__.values():
            kind_name = _in_sentence(KIND_LABELS[Kind(kind)].sv)
        return _MESSAGES["missing_for_kind"].format(lang, kind=kind_name, field=name)
    if "expected" in ctx and lang == "sv":
        ctx["expected"] = str(ctx["expected"]).replace(" or ", " eller ")
    for bound in ("ge", "le"):
        if isinstance(ctx.get(bound), float) and float(ctx[bound]).is_integer():
            ctx[bound] = int(ctx[bound])
    template = _MESSAGES.get(etype)
    if template is None:
        return _MESSAGES["unknown"].format(lang, msg=err["msg"])
    try:
        return template.format(lang, **ctx)
    except (KeyError, IndexError, TypeError, ValueError):
        return template[lang]


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
        message = _MESSAGES["not_a_mapping"][lang]
        raise EngagementInvalid([FieldError(field="(engagement)", message=message)])
    try:
        # A plain dict as it is (validation does not change it); any other mapping copied.
        return Engagement.model_validate(data if type(data) is dict else dict(data))
    except ValidationError as exc:
        raise EngagementInvalid(field_errors(exc, lang)) from None
