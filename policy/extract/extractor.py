"""Reading an invitation's text into contract §1 fields, with the sentence for each.

The rule throughout: a wrong value is worse than a missing one. A field is set
only when a cue says it plainly; when cues disagree, nothing is set and the field
is listed as missing.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..models import REQUIRED_BY_KIND, CounterpartType, Kind, Lang, MembershipBody
from ..questions import fields_for
from ..text import Text, number
from . import _words as W
from ._cldr import COUNTRIES
from ._dates import DateMention, find_dates
from ._money import find_money, find_rates
from ._text import Sentence, fold, sentences, words
from .models import Amount, Extraction, Place, Purpose

__all__ = ["MAX_CHARS", "extract"]

# An invitation is a few pages; past this the text is not read (a 10 MB PDF's text).
MAX_CHARS = 400_000

_EVENT_KINDS = frozenset({Kind.CONFERENCE, Kind.TRIP, Kind.INCOMING_VISIT,
                          Kind.INVITATION_LETTER})
_PERIOD_KINDS = frozenset({Kind.COOPERATION_AGREEMENT, Kind.INTENT_AGREEMENT, Kind.EU_PROJECT,
                           Kind.MEMBERSHIP, Kind.AID_PROJECT})
# Asked for every kind, after what the kind itself needs.
_COMMON = ("start_date", "end_date", "counterpart.name", "counterpart.type",
           "counterpart.country")

_NOTES: Mapping[str, Text] = {
    "foreign": Text(
        sv="Beloppet anges i {cur} ({amount}); ingen växelkurs angiven – ange kostnaden i kronor "
           "själv.",
        en="The amount is in {cur} ({amount}); no exchange rate is given – enter the cost in SEK "
           "yourself.",
    ),
    "several": Text(sv="Flera belopp nämns; ange vilken kostnad som gäller för staden.",
                    en="Several amounts are stated; enter the cost that applies to the city."),
    "sign": Text(sv="Inbjudan ber staden att underteckna något.",
                 en="The invitation asks the city to sign something."),
    "unknown_kind": Text(sv="Det framgår inte vad texten gäller; välj typ av engagemang själv.",
                         en="It is not clear what the text is about; choose the kind yourself."),
    "not_invitation": Text(
        sv="Texten ser inte ut som en inbjudan; fyll i formuläret själv.",
        en="The text does not look like an invitation; fill in the form yourself.",
    ),
}


def _note(key: str, lang: Lang, **kw: str) -> str:
    return _NOTES[key][lang].format(**kw)


@dataclass
class _Doc:
    text: str
    sents: list[Sentence]
    folded: list[str]
    header: list[int]  # indexes of sentences before the greeting
    footer: list[int]  # indexes of sentences after the sign-off
    subject: Sentence | None
    lang: Lang


def _language(text: str) -> Lang:
    ws = [w.casefold() for w in words(text)]
    sv = sum(w in W.SV_WORDS for w in ws)
    en = sum(w in W.EN_WORDS for w in ws)
    return "en" if en > sv else "sv"


_SUBJECT = re.compile(r"^(?:subject|ämne|re|angående|ang\.|concerning|regarding|rubrik)\s*:\s*\S",
                      re.IGNORECASE)
_HEADER_LINE = re.compile(r"^(?:from|to|cc|bcc|sent|date|från|till|kopia|skickat|datum|"
                          r"attachments?|bilagor?)\s*:", re.IGNORECASE)


_ATTACHMENT = re.compile(r"^\[(?:attachment|bifogad fil|bilaga)\b", re.IGNORECASE)


def _greets(s: Sentence) -> bool:
    """A greeting line: "Dear …", "Bästa …"; "To …"/"Till …" only as a short line."""
    if _HEADER_LINE.match(s.text) or not W.GREETING.match(s.text):
        return False
    return not re.match(r"(?i)(?:to|till)\b", s.text) or len(s.flat.split()) <= 6


def _signature(sents: list[Sentence], start: int, end: int) -> list[int]:
    """The signature of one part (the message, or an attached letter): after its "regards",
    or else the short lines at its end."""
    greeting = next((i for i in range(start, end) if _greets(sents[i])), None)
    sign_off = next((i for i in range(start, end) if W.SIGN_OFF.match(sents[i].text)
                     and (greeting is None or i > greeting)), None)
    if sign_off is not None:
        return list(range(sign_off + 1, end))
    footer: list[int] = []
    for i in range(end - 1, max(start - 1, end - 7), -1):
        if len(sents[i].flat) > 70 or sents[i].flat.endswith((".", "!", "?")):
            break
        footer.insert(0, i)
    return footer


def _doc(text: str) -> _Doc:
    sents = sentences(text)
    folded = [fold(s.text) for s in sents]
    greeting = next((i for i, s in enumerate(sents[:40]) if _greets(s)), None)
    header = list(range(greeting)) if greeting is not None else []
    # An e-mail's attachments follow its text ("[Attachment: …]"), each with its own signature.
    cuts = [0, *(i for i, s in enumerate(sents) if _ATTACHMENT.match(s.text)), len(sents)]
    footer = [i for a, b in itertools.pairwise(cuts) for i in _signature(sents, a, b)]
    subject = next((sents[i] for i in range(min(len(sents), 40))
                    if _SUBJECT.match(sents[i].text)), None)
    return _Doc(text, sents, folded, header, footer, subject, _language(text))


# ---------------------------------------------------------------- title

_TITLE_PREFIX = re.compile(
    r"^(?:(?:subject|ämne|angående|ang\.|concerning|regarding|rubrik)\s*:\s*)?"
    r"(?:(?:re|sv|vs|fw|fwd|vb|vb|tr|aw|wg)\s*:\s*)*"
    r"(?:(?:partner search|partnersökning)\s*[:–—-]?\s+(?=[A-ZÅÄÖ]))?"
    r"(?:(?:save the date|(?:[A-Za-zÅÄÖåäö]+ )?invitation|(?:[A-Za-zÅÄÖåäö]+ )?"
    r"inbjudan|invite|request|förfrågan|call for partners|looking for partners|"
    r"searching for partners|partner search|partnersökning|request for (?:a )?(?:meeting|visit))"
    r"\s*[:–—-]\s*)?"
    r"(?:(?:your|our|an|a|this|er|en) (?=invitation|inbjudan))?"
    r"(?:(?:you are|you're|ni är|du är) (?:cordially |warmly )?(?:invited|inbjudna?)\s*[:–—-]\s*)?"
    r"(?:(?:endorse|sign|join|underteckna|skriv under)\s+(?:the\s+)?(?=[A-ZÅÄÖ]))?"
    r"(?:(?:uppmaning|inbjudan|förfrågan|invitation|request|call|appeal)\s+(?:att|to)\s+"
    r"(?:ställa sig bakom|underteckna|skriva under|ansluta sig till|sign|endorse|join|support)"
    r"\s+(?:the\s+)?)?"
    r"(?:(?:personal |official |formal |personlig |officiell )?(?:invitation|inbjudan)\s+"
    r"(?:to|till|att|for|om)\s+"
    r"(?:(?:delta|medverka|tala|delta och tala) (?:i|på|vid)\s+|speak (?:at|in)\s+|"
    r"(?:join|sign|endorse|attend|participate in|take part in)\s+|bli medlem i\s+|"
    r"(?:underteckna|skriva under|ansluta (?:er|sig) till)\s+|become a member of\s+)?"
    r"(?:the\s+|a\s+|an\s+)?)?", re.IGNORECASE)
_TITLE_NOISE = re.compile(r"^(?:invitation|inbjudan|request|förfrågan|save the date)\b",
                          re.IGNORECASE)
_TITLE_SEP = re.compile(r"\s*(?:[,–—|(:]|\s-\s)\s*")
_EVENT_NOUN = re.compile(
    r"((?:[A-ZÅÄÖ0-9][\w’'&.-]*\s+)(?:(?:[A-ZÅÄÖ0-9][\w’'&.-]*|of|for|on|and|the|in|för|"
    r"och|om|i|&|–|-)\s+){0,8}(?:Summit|Forum|Conference|Congress|Symposium|Assembly|Week|"
    r"Expo|Festival|Dialogue|Days|Meeting|Konferens|Konferensen|Forumet|Toppmötet|Kongress|"
    r"Kongressen|Mötet|Dagarna|Veckan|Declaration|Charter|Pledge|Manifesto|"
    r"Deklarationen|Deklaration)(?:\s+(?:19|20)\d\d)?)\b")


def _clean_title(raw: str) -> str:
    t = " ".join(raw.split())
    t = _TITLE_PREFIX.sub("", t).strip(" .:;–—-")
    for d in reversed(find_dates(t)):
        t = t[:d.span[0]] + t[d.span[1]:]
    # Drop a tail that only carries the place (the dates are gone already).
    while True:
        t = t.strip(" ,.;:–—|-")
        t = re.sub(r"\(\s*\)$", "", t).strip()
        parts = list(_TITLE_SEP.finditer(t))
        if not parts:
            break
        last = parts[-1]
        tail = t[last.end():].strip(" ()")
        if not tail or _place_name(tail) or tail.casefold() in {"from", "on", "den", "in", "i"} \
                or re.match(r"(?i)(?:invitation|inbjudan)\b", tail) \
                or (_TITLE_NOISE.match(tail) and len(tail.split()) == 1) \
                or re.fullmatch(r"[A-Z][A-Z0-9-]{1,9}", tail):
            t = t[:last.start()]
            continue
        break
    if t.endswith(")") and "(" not in t:
        t = t[:-1]
    # "Städtekongress 2026 i Berlin": an event's name without its place.
    m = re.search(r"\s+(?:in|i)\s+([A-ZÅÄÖ][\w’'-]+(?:,? [A-ZÅÄÖ][\w’'-]+)?)$", t)
    if m and all(_place_name(p) and p.casefold() != "stockholm" for p in m.group(1).split(", ")) \
            and (re.search(r"\b(?:19|20)\d\d\b", t) or _EVENT_NOUN.search(t)):
        t = t[:m.start()]
    return t[:200].strip()


def _title(doc: _Doc) -> tuple[str, Sentence] | None:
    def usable(t: str) -> bool:
        return len(t) >= 3 and not re.fullmatch(r"(?:invitation|inbjudan|request|förfrågan|"
                                                r"save the date)\W*", t, re.IGNORECASE)

    if doc.subject is not None:
        t = _clean_title(doc.subject.text)
        if usable(t):
            return t, doc.subject
    heads = [i for i in (doc.header or range(min(6, len(doc.sents))))
             if not (_HEADER_LINE.match(doc.sents[i].text) or len(doc.sents[i].flat) > 160
                     or "@" in doc.sents[i].text)]
    for i in heads:
        s = doc.sents[i]
        if re.match(r"(?:(?i:save the date|partner search|partnersökning|call for)\b|"
                    r"(?:[A-ZÅÄÖ]\w+ )?(?i:invitation|inbjudan|request|förfrågan)"
                    r"(?:\s*[:–—-]|\s+(?i:to|till|att|för|for|om|of)\b|$))", s.flat) \
                and len(s.flat.split()) <= 25:
            t = _clean_title(s.text)
            if usable(t):
                return t, s
    for i in heads:
        s = doc.sents[i]
        if (len(s.flat.split()) <= 16 and not s.flat.endswith((".", ","))
                and any(p.search(doc.folded[i]) for _, _, p in W.KIND_CUES)):
            t = _clean_title(s.text)
            if usable(t):
                return t, s
    invited_to = re.compile(r"\b(?:invite|invites|inviting|invited|bjuda in|bjuder in|inbjuda|"
                            r"inbjuder|välkomna)\b[^.]{0,80}?\b(?:to|till|att delta i|"
                            r"att delta på|at)\s+(?:the\s+)?", re.IGNORECASE)
    for s in doc.sents[:15]:
        for cue in invited_to.finditer(s.flat):
            hit = _EVENT_NOUN.match(s.flat, cue.end())
            if hit and len(hit.group(1).split()) >= 2:
                return hit.group(1).strip()[:200], s
    for i, s in enumerate(doc.sents[:12]):
        noun = _EVENT_NOUN.search(s.flat)
        if noun and i not in doc.footer:
            t = noun.group(1).strip()
            t = re.sub(r"^(?:The|Our|This|Den|Det|Vår|Vårt|We|Vi|I|You|Ni|On|In)\s+", "", t)
            if len(t.split()) >= 2:
                return t[:200], s
    return None


# ---------------------------------------------------------------- kind

def _kind(doc: _Doc, title: Sentence | None) -> tuple[Kind, Sentence] | None:
    scores: dict[Kind, int] = {}
    first: dict[Kind, int] = {}
    for i, f in enumerate(doc.folded):
        if i in doc.footer or _HEADER_LINE.match(doc.sents[i].text):
            continue
        weight = 3 if (title is not None and doc.sents[i] is title) else 1
        for kind, w, pattern in W.KIND_CUES:
            if pattern.search(f):
                scores[kind] = scores.get(kind, 0) + w * weight
                first.setdefault(kind, i)
    if not scores:
        return None
    best = max(scores.values())
    if best < 2 and not (len(scores) == 1 and any(W.INVITES.search(f) for f in doc.folded)):
        return None
    for kind in W.KIND_ORDER:
        if scores.get(kind) == best:
            at = first[kind]
            if title is not None:
                for _, _, p in (c for c in W.KIND_CUES if c[0] is kind):
                    if p.search(fold(title.text)):
                        return kind, title
            return kind, doc.sents[at]
    return None


# ---------------------------------------------------------------- names, places, countries

def _country_regex() -> tuple[re.Pattern[str], dict[str, str]]:
    index: dict[str, str] = {}
    for code, (sv, en) in COUNTRIES.items():
        index[sv] = code
        index[en] = code
    for alias, code in W.COUNTRY_ALIASES.items():
        if alias.isupper() or "." in alias:
            index[alias.upper()] = code
        else:
            index[" ".join(w[:1].upper() + w[1:] for w in alias.split())] = code
            index[alias[:1].upper() + alias[1:]] = code
    names = sorted(index, key=len, reverse=True)
    # Also in the Swedish genitive: "Estlands ambassad".
    pattern = re.compile(r"(?<![\w])(" + "|".join(re.escape(n) for n in names) + r")s?(?![\w])")
    return pattern, index


_COUNTRY_RE, _COUNTRY_INDEX = _country_regex()
_CITY_RE = re.compile(
    r"(?<![\w])(" + "|".join(re.escape(c) for c in sorted(W.CITIES, key=len, reverse=True))
    + r")(?![\w])", re.IGNORECASE)


_COUNTRY_NAMES: Mapping[str, Text] = {code: Text(sv=sv, en=en)
                                       for code, (sv, en) in COUNTRIES.items()}


def _country_name(code: str, lang: Lang) -> str:
    return _COUNTRY_NAMES[code][lang]


def _countries_in(text: str) -> list[str]:
    return [_COUNTRY_INDEX[m.group(1)] for m in _COUNTRY_RE.finditer(text)]


def _place_name(text: str) -> bool:
    t = text.strip()
    return bool(t) and (t.casefold() in W.CITIES or t in _COUNTRY_INDEX)


_CONNECT = frozenset({"of", "for", "and", "the", "on", "in", "de", "du", "des", "la", "le",
                      "di", "del", "della", "für", "und", "för", "och", "i", "på", "&", "zu",
                      "van", "von", "der", "den", "against", "–", "-", "y", "et", "with"})
_SUFFIX = frozenset({"stad", "kommun", "kommune", "kommunen", "stads", "region", "regionen",
                     "universitet", "högskola", "län", "landsting", "stift", "förbund",
                     "kaupunki", "linn", "miestas", "stadt", "kommunförbund", "regering",
                     "kaupunginhallitus", "byrå", "institut", "nätverk", "nätverket",
                     "förening", "stiftelse", "ambassad", "departement"})
_STOP = frozenset({"We", "I", "It", "This", "Our", "Vi", "Jag", "Det", "Dear", "Hello", "On",
                   "In", "As", "At", "With", "Please", "Kindly", "Hereby", "Härmed", "Nu", "Now",
                   "Also", "Therefore", "Dessutom", "Together", "Tillsammans", "Since", "Sedan",
                   "Hej", "Bästa", "Kära", "You", "Ni", "Du", "They", "De", "He", "She", "Han",
                   "Hon", "Both", "Today", "Idag", "I dag", "Here", "Här", "That", "Which",
                   "Who", "Som", "Och", "And", "But", "Men", "If", "Om", "When", "När"})
_PERSON_TITLE = re.compile(
    r"^(?:the\s+)?(?:lord\s+)?(?:mayor|vice|deputy|president|director|minister|secretary|dr|"
    r"prof|professor|ms|mr|mrs|borgmästare|head|chair|ceo|ambassador|ambassadör|h\.e\.|"
    r"his|her|generalsekreterare|ordförande|chief|governor|senior|commissioner|executive|"
    r"associate|assistant|deputy|manager|officer|adviser|advisor|coordinator|specialist|"
    r"konsult|chefkonsulent|handläggare|samordnare|rådgivare|koordinator|programchef|"
    r"projektkoordinator|seniorrådgiver|avdelningschef|enhetschef|enheten|unit|department|"
    r"avdelningen|office|conference office|secretariat)\b",
    re.IGNORECASE)


_INSTITUTION = re.compile(
    r"(?:kommission|kommitté|råd|parlament|förbund|universitet|högskola|ministeri|departement|"
    r"fullmäktige|förvaltning|sekretariat|nätverk|förening|stiftelse|ambassad|kommun|stad|"
    r"region|styrelse|myndighet|verk|institut|akademi|kansli|sektor)\w*$")


def _is_name_token(tok: str) -> bool:
    core = tok.strip("“”\"'’()")
    if not core:
        return False
    if core in _CONNECT or core.casefold() in _SUFFIX or _INSTITUTION.match(core):
        return True
    return core[:1].isupper() or core[:1].isdigit() or any(c.isupper() for c in core[1:3])


def _tidy(tokens: list[str]) -> str | None:
    tokens = [t for t in tokens if not (t.startswith("(") or t.endswith(")"))]
    while tokens and (tokens[0].casefold() in {"the", "den", "det", "our", "vår", "vårt", "&"}
                      or tokens[0] in _CONNECT):
        tokens = tokens[1:]
    while tokens and (tokens[-1] in _CONNECT or tokens[-1].casefold() == "the"):
        tokens = tokens[:-1]
    if not tokens or tokens[0] in _STOP:
        return None
    name = " ".join(tokens).strip("“”\"'’(),")
    name = re.sub(r"[’']s$", "", name)
    if len(name) < 2 or len(name) > 120 or not any(t[:1].isupper() or t[:1].isdigit()
                                                   for t in tokens if t not in _CONNECT):
        return None
    if len(tokens) == 1 and _INSTITUTION.match(name.casefold()):
        return None  # "Nätverket", "Föreningen": the network, not its name
    if _PERSON_TITLE.match(name) or re.match(r"(?:the )?(?:city of )?stockholm", name.casefold()):
        return None
    # "Kanazawa stad i Japan": the country is where it is, not part of its name.
    m = re.fullmatch(r"(.*\S)\s+(?:i|in)\s+(\S+(?: \S+)?)", name)
    if m and m.group(2) in _COUNTRY_INDEX:
        name = m.group(1)
    return name


def _grab_after(text: str, pos: int) -> str | None:
    tokens: list[str] = []
    for m in re.finditer(r"\S+", text[pos:]):
        tok = m.group(0)
        bare = tok.rstrip(",.;:!?)”\"")
        # "Föreningen för kollektivtrafikmyndigheter": one lower-case word ending the name.
        ends = text[pos + m.end():].lstrip()[:1] in {"", "(", ",", "."} or bare != tok
        if (tokens and tokens[-1] == "för" and bare.isalpha() and bare.islower()
                and len(bare) > 6 and ends):
            tokens.append(bare)
            break
        if not _is_name_token(bare) and not (bare and bare[0] == "(" and tokens):
            break
        tokens.append(bare)
        if bare != tok or len(tokens) >= 12:
            break
    # "on behalf of Anne Hidalgo, Mayor of Paris": a person, not an organisation.
    after = text[pos:].split(",", 1)
    if len(after) == 2 and len(tokens) <= 3 and _PERSON_TITLE.match(after[1].strip()) \
            and _type_of(" ".join(tokens)) is None:
        return None
    # "a delegation of Japanese mayors": a demonym, not a name.
    rest = text[pos:].split()
    if (len(tokens) == 1 and len(rest) > 1 and rest[1][:1].islower()
            and re.search(r"(?:ese|ish|ian|ean|ic|isk|ska|sk|ch)$", tokens[0])):
        return None
    # A parenthesised acronym ends the name: "Union of the Baltic Cities (UBC)".
    out: list[str] = []
    for t in tokens:
        out.append(t)
        if t.startswith("(") and not t.endswith(")"):
            break
    return _tidy([t for t in out if not t.startswith("(")])


def _grab_before(text: str, pos: int) -> str | None:
    head = text[:pos].rstrip()
    # "UN-Habitat, the United Nations Human Settlements Programme, has ...": the name
    # comes before the apposition.
    m = re.search(r"^(.*\S),\s+[^,]{3,90},$", head)
    if m:
        name = _grab_before(m.group(1) + " ", len(m.group(1)) + 1)
        if name:
            return name
        head = head.rstrip(",")
    tokens: list[str] = []
    for tok in reversed(head.split()):
        if tok.endswith((",", ".", ";", ":", "!", "?")) and tokens:
            break
        bare = tok.strip(",;:")
        if not _is_name_token(bare):
            break
        tokens.insert(0, bare)
        if len(tokens) >= 12:
            break
    while tokens and tokens[0] in _STOP:
        tokens = tokens[1:]
    return _tidy(tokens)


@dataclass(frozen=True)
class _Org:
    name: str
    sentence: Sentence


def _organiser(doc: _Doc, kind: Kind | None) -> _Org | None:
    found: list[tuple[int, int, _Org]] = []
    for i, s in enumerate(doc.sents):
        if _HEADER_LINE.match(s.text) or i in doc.footer:
            continue
        flat = s.flat
        if kind is Kind.MEMBERSHIP:
            for m in W.ORG_JOINED.finditer(flat):
                name = _grab_after(flat, m.end())
                if name:
                    found.append((0, i, _Org(name, s)))
        for m in W.ORG_AFTER.finditer(flat):
            name = _grab_after(flat, m.end())
            if name:
                visit = kind is Kind.INCOMING_VISIT
                rank = 0 if ("delegation" in m.group(0).casefold() and visit) else 1
                found.append((rank, i, _Org(name, s)))
        for m in W.ORG_BEFORE.finditer(flat):
            name = _grab_before(flat, m.start())
            if name:
                found.append((1, i, _Org(name, s)))
    if found:
        best = min(found, key=lambda x: (x[0], x[1]))[2]
        # "Zhejiang Province" and "The People's Government of Zhejiang Province": the full name.
        fuller = [o for _, _, o in found if best.name in o.name and o.name != best.name]
        return max(fuller, key=lambda o: len(o.name)) if fuller else best
    # The signature: a line naming an organisation of a known type.
    for i in doc.footer:
        s = doc.sents[i]
        flat = s.flat
        if "@" in flat or "http" in flat or "www." in flat or len(flat) > 90 or re.search(
                r"\d{3}", flat):
            continue
        for part in re.split(r",\s+|\s+[–—-]\s+|\s*/\s*", flat.rstrip(".")):
            name = _tidy(part.split())
            if name and name == part and _counterpart_type(name) is not None:
                return _Org(name, s)
    return None


def _counterpart_type(name: str) -> CounterpartType | None:
    """The type the name says; for "A and B", A's (the first named leads)."""
    first, *rest = re.split(r"\s+(?:and|och|&)\s+", name, maxsplit=1)
    if rest and (t := _type_of(first)) is not None and _type_of(rest[0]) is not None:
        return t
    return _type_of(name)


def _type_of(name: str) -> CounterpartType | None:
    f = fold(name)
    for ctype, pattern in W.COUNTERPART_TYPES:
        if pattern.search(f):
            if ctype is CounterpartType.CITY and _capital_in(f):
                return CounterpartType.CAPITAL_CITY
            return ctype
    if f in W.CITIES:
        return CounterpartType.CAPITAL_CITY if W.CITIES[f][1] else CounterpartType.CITY
    return None


def _cities_in(text: str) -> list[tuple[str, bool]]:
    """(country, capital) of each known city named, also in the Swedish genitive (Wiens)."""
    out = [W.CITIES[m.group(1).casefold()] for m in _CITY_RE.finditer(text)]
    for w in words(text):
        low = w.casefold()
        if low.endswith("s") and low[:-1] in W.CITIES and low not in W.CITIES:
            out.append(W.CITIES[low[:-1]])
    return out


def _capital_in(folded: str) -> bool:
    return any(capital for _, capital in _cities_in(folded))


def _counterpart_country(org: _Org, ctype: CounterpartType | None, doc: _Doc,
                         ) -> tuple[str, Sentence] | None:
    codes = [c for c in _countries_in(org.name) if c != "SE"]
    if len(set(codes)) == 1:
        return codes[0], org.sentence
    # "the City of Lviv, Ukraine", "Region Skåne (Sweden)", wherever the name is written.
    after_name = re.compile(re.escape(org.name) + r"(?:,\s*|\s+\(|\s+in\s+|\s+i\s+)"
                            r"([^\W\d][\w ]{2,40})")
    for s in [org.sentence, *doc.sents]:
        m = after_name.search(s.flat)
        if m and _COUNTRY_RE.match(m.group(1)):
            code = _countries_in(m.group(1))[0]
            if code != "SE":
                return code, s
    cities = {code for code, _ in _cities_in(org.name)} - {"SE"}
    if len(cities) == 1:
        return cities.pop(), org.sentence
    if ctype in {CounterpartType.NETWORK, CounterpartType.INTERNATIONAL_ORGANISATION,
                 CounterpartType.EU_INSTITUTION}:
        return None
    signed = any(org.name in doc.sents[i].text for i in doc.footer)
    if ctype is None and not signed:
        return None
    # The organiser's address in the signature.
    found: dict[str, Sentence] = {}
    for i in doc.footer:
        for code in _countries_in(doc.sents[i].text):
            if code != "SE":
                found.setdefault(code, doc.sents[i])
    if len(found) == 1:
        code, s = next(iter(found.items()))
        return code, s
    return None


_PLACE_LABEL = re.compile(r"^(?:venue|location|place|where|plats|lokal|ort|var|mötesplats|"
                          r"konferensplats|address|adress|city|stad)\s*:\s*(.+)$", re.IGNORECASE)
_IN_PLACE = re.compile(r"\b(?:in|i|at|på|to|till)\s+([A-ZÅÄÖ][\w’'-]+(?:\s[A-ZÅÄÖ][\w’'-]+)?)"
                       r"(?:,\s*|\s+\()?([A-ZÅÄÖ][\w ]+)?")


def _place_in(text: str) -> tuple[str, str | None] | None:
    """(city as written, country code) when ``text`` names a known city or "City, Country"."""
    for m in re.finditer(r"([A-ZÅÄÖ][\w’'-]+(?:[ -][A-ZÅÄÖ][\w’'-]+)?)\s*(?:,|\()\s*"
                         r"([A-ZÅÄÖ][\w]+(?: [A-ZÅÄÖa-z][\w]+)?)", text):
        country = m.group(2)
        for cand in (country, country.split()[0]):
            if cand in _COUNTRY_INDEX:
                city = m.group(1)
                if city in _COUNTRY_INDEX or city.casefold() == "stockholm":
                    break
                return city, _COUNTRY_INDEX[cand]
    for m in _CITY_RE.finditer(text):
        city = m.group(1)
        if not city[:1].isupper() or city.casefold() == "stockholm":
            continue
        return city, W.CITIES[city.casefold()][0]
    return None


def _place(doc: _Doc, title: tuple[str, Sentence] | None, date_sentence: Sentence | None,
           ) -> tuple[Place, Sentence, str | None] | None:
    order: list[Sentence] = []
    if title is not None:
        order.append(title[1])
    for s in doc.sents:
        if _PLACE_LABEL.match(s.flat):
            order.append(s)
    if date_sentence is not None:
        order.append(date_sentence)
    for i, s in enumerate(doc.sents):
        if i not in doc.footer and re.search(r"\b(?:take[s]? place|will be held|is held|äger rum|"
                                              r"hålls|arrangeras|hosted|takes place|venue)\b",
                                              s.flat, re.IGNORECASE):
            order.append(s)
    for s in order:
        label = _PLACE_LABEL.match(s.flat)
        text = label.group(1) if label else s.flat
        if s is not (title[1] if title else None) and not label:
            # In running text only after "in"/"i"/"at".
            ok = False
            for m in _IN_PLACE.finditer(text):
                if _place_in(text[m.start():m.end() + 40]):
                    text = text[m.start():]
                    ok = True
                    break
            if not ok:
                continue
        hit = _place_in(text)
        if hit:
            city, code = hit
            return Place(city=city), s, code
    return None


# ---------------------------------------------------------------- dates

_LETTER_DATE = re.compile(r"^(?:[A-ZÅÄÖ][\w .-]{1,30},?\s+)?(?:den\s+)?[\w ,.-]{0,30}\d{4}\.?$")


def _dates(doc: _Doc, kind: Kind | None, default_year: int | None,
           ) -> tuple[date, date | None, Sentence] | None:
    best: tuple[int, int, DateMention, Sentence] | None = None
    for i, s in enumerate(doc.sents):
        f = doc.folded[i]
        if i in doc.footer or W.DEADLINE.search(f):
            continue
        if _HEADER_LINE.match(s.text) and re.search(r"\d{1,2}:\d{2}", s.text):
            continue
        mentions = find_dates(s.text, default_year, day_first_slash=doc.lang == "sv")
        if not mentions:
            continue
        only_date = _LETTER_DATE.match(s.flat) and len(s.flat) < 45
        if only_date and (i in doc.header or (not doc.header and i < 4)):
            continue  # the letter's own date
        if len(mentions) > 2:
            continue  # a programme or a timeline: no one date stands out
        event = bool(W.EVENT_DATE.search(f))
        period = bool(W.PERIOD.search(f))
        for d in mentions:
            if kind in _EVENT_KINDS or kind is None:
                score = 2 * event + (d.end is not None) + 2 * (doc.subject is s)
            elif kind in _PERIOD_KINDS:
                if not (period and d.end is not None) and not (
                        period and len(mentions) == 2):
                    continue
                score = 1
            else:
                continue
            if best is None or score > best[0]:
                best = (score, i, d, s)
    if best is None:
        return None
    _, _, d, s = best
    if kind in _PERIOD_KINDS and d.end is None:
        mentions = find_dates(s.text, default_year, day_first_slash=doc.lang == "sv")
        if len(mentions) == 2 and mentions[0].end is None and mentions[1].end is None \
                and mentions[0].start < mentions[1].start:
            return mentions[0].start, mentions[1].start, s
        return None
    end = d.end if d.end is not None else (d.start if kind in _EVENT_KINDS else None)
    return d.start, end, s


# ---------------------------------------------------------------- yes/no cues

def _first(doc: _Doc, pattern: re.Pattern[str], skip_footer: bool = True,
           also: Iterable[re.Pattern[str]] = (), unless: re.Pattern[str] | None = None,
           ) -> Sentence | None:
    """The first sentence that matches ``pattern`` and every ``also``, and not ``unless``."""
    extra = tuple(also)
    for i, f in enumerate(doc.folded):
        if skip_footer and i in doc.footer:
            continue
        if pattern.search(f) and all(p.search(f) for p in extra) and not (
                unless is not None and unless.search(f)):
            return doc.sents[i]
    return None


def _attachment_programme(doc: _Doc) -> Sentence | None:
    for s in doc.sents:
        if re.match(r"^(?:attachments?|bilagor?|bifogade? filer?|bifogad fil|\[(?:attachment|"
                    r"bifogad fil|bilaga))", s.flat, re.IGNORECASE) and re.search(
                r"program|agenda|dagordning", s.flat, re.IGNORECASE):
            return s
    return None


def _programme_section(doc: _Doc) -> Sentence | None:
    """A heading "Programme"/"Program"/"Agenda" followed by timed lines."""
    for i, s in enumerate(doc.sents):
        if re.fullmatch(r"(?:(?:preliminary|draft|provisional|preliminärt|utkast till)\s+)?"
                        r"(?:programme|program|agenda|dagordning)(?:\s*\([^)]{1,30}\))?\s*:?",
                        s.flat, re.IGNORECASE):
            timed = sum(bool(re.match(r"^\s*(?:kl\.?\s*)?\d{1,2}[:.]\d{2}", t.text))
                        for t in doc.sents[i + 1:i + 8])
            if timed >= 2:
                return s
    return None


def _bool_field(yes: Sentence | None, no: Sentence | None, yes_wins: bool,
                ) -> tuple[bool, Sentence] | None:
    if yes and no:
        return (True, yes) if yes_wins else None
    if yes:
        return True, yes
    if no:
        return False, no
    return None


# ---------------------------------------------------------------- money

def _amounts(doc: _Doc, rates: Mapping[str, float]) -> list[Amount]:
    text_rates = find_rates(doc.text)
    rate_of = {**{k.upper(): v for k, v in rates.items()}, **text_rates}
    out: list[Amount] = []
    for i, s in enumerate(doc.sents):
        if i in doc.footer:
            continue
        f = doc.folded[i]
        found = [m for m in find_money(s.text)
                 if not re.match(r"1\s*\S+\s*(?:=|≈|~|motsvarar|equals)",
                                 s.text[m.span[0]:m.span[0] + 12])]
        rate_spans = [(m.start(), m.end()) for m in re.finditer(
            r"\b1\s*[A-Z€$£]{1,3}\s*(?:=|≈|~|motsvarar|equals)[^.;)]*", s.text)]
        found = [m for m in found if not any(a <= m.span[0] < b for a, b in rate_spans)]
        k = 0
        while k < len(found):
            m = found[k]
            sek: float | None = None
            if m.currency == "SEK":
                sek = m.amount
            nxt = found[k + 1] if k + 1 < len(found) else None
            if (m.currency != "SEK" and nxt is not None and nxt.currency == "SEK"
                    and "(" in s.text[m.span[1]:nxt.span[0]]
                    and nxt.span[0] - m.span[1] < 25):
                sek = nxt.amount
                k += 1
            elif m.currency in rate_of:
                sek = round(m.amount * rate_of[m.currency], 2)
            purpose: Purpose = "other"
            if not W.MONEY_FUNDING.search(f) and not W.MONEY_WAIVED.search(f) and (
                    W.MONEY_FEE.search(f) or (W.MONEY_COST.search(f)
                                              and not W.MONEY_COVERED.search(f))):
                purpose = "membership_fee" if re.search(r"\bmember\w*|\bmedlem\w*", f) else "fee"
            out.append(Amount(amount=m.amount, currency=m.currency, purpose=purpose, sek=sek,
                              evidence=s.text))
            k += 1
    return out


# ---------------------------------------------------------------- the whole

def extract(text: str, lang: Lang | None = None, *,
            rates: Mapping[str, float] | None = None) -> Extraction:
    """Read an invitation (Swedish or English plain text) into contract fields.

    ``lang`` is the language of notes and country names; by default the
    invitation's own. ``rates`` are configured exchange rates to SEK
    (``{"EUR": 11.2}``); a rate the text states wins.
    """
    text = text[:MAX_CHARS]
    doc = _doc(text)
    out_lang: Lang = lang or doc.lang
    eng: dict[str, Any] = {}
    ev: dict[str, str] = {}
    notes: list[str] = []

    title = _title(doc)
    if title:
        eng["title"], ev["title"] = title[0], title[1].text
    kind_hit = _kind(doc, title[1] if title else None)
    kind = kind_hit[0] if kind_hit else None
    if kind_hit:
        eng["kind"], ev["kind"] = kind_hit[0].value, kind_hit[1].text

    # Counterpart.
    org = _organiser(doc, kind)
    if org:
        cp: dict[str, Any] = {"name": org.name}
        ev["counterpart.name"] = org.sentence.text
        ctype = _counterpart_type(org.name)
        if ctype is not None:
            cp["type"] = ctype.value
            ev["counterpart.type"] = org.sentence.text
        country = _counterpart_country(org, ctype, doc)
        if country:
            cp["country"] = _country_name(country[0], out_lang)
            ev["counterpart.country"] = country[1].text
        eng["counterpart"] = cp

    # Dates.
    years = re.findall(r"\b(20\d\d)\b", title[0]) if title else []
    default_year = int(years[0]) if len(set(years)) == 1 else None
    when = _dates(doc, kind, default_year)
    if when:
        eng["start_date"] = when[0].isoformat()
        ev["start_date"] = when[2].text
        if when[1] is not None:
            eng["end_date"] = when[1].isoformat()
            ev["end_date"] = when[2].text

    place = None
    if kind in {Kind.CONFERENCE, Kind.TRIP} or kind is None:
        hit = _place(doc, title, when[2] if when else None)
        if hit:
            place_, s, code = hit
            place = Place(city=place_.city,
                          country=_country_name(code, out_lang) if code else None)
            ev["place"] = s.text

    # Programme.
    there = (_first(doc, W.PROGRAMME_THERE, unless=W.PROGRAMME_LATER)
             or _attachment_programme(doc) or _programme_section(doc))
    later = _first(doc, W.PROGRAMME_LATER)
    prog = _bool_field(there, later, yes_wins=True)
    if prog and kind in {Kind.CONFERENCE, Kind.TRIP, Kind.INCOMING_VISIT, None}:
        eng["programme_available"], ev["programme_available"] = prog[0], prog[1].text

    # Active role.
    role = _first(doc, W.ACTIVE_ROLE, also=(W.ADDRESSEE, W.REQUEST), unless=W.NOT_OUR_ROLE)
    if role:
        eng["active_role"], ev["active_role"] = True, role.text

    # Transferable.
    inv = re.compile(r"invit\w*|inbjud\w*|attend\w*|delta\w*|participat\w*|in (?:her|his|"
                     r"your|their) place|i (?:hennes|hans|ditt|ert|deras) ställe|närvara")
    yes = _first(doc, W.TRANSFERABLE, also=(inv,), unless=W.NOT_TRANSFERABLE)
    no = _first(doc, W.NOT_TRANSFERABLE, skip_footer=False)
    trans = _bool_field(yes, no, yes_wins=False)
    if trans and kind in {Kind.CONFERENCE, Kind.TRIP, None}:
        eng["invitation_transferable"], ev["invitation_transferable"] = trans[0], trans[1].text

    # Participants: the city's own politicians.
    parts: list[str] = []
    part_ev: Sentence | None = None
    for participant, pattern in W.PARTICIPANTS:
        said = _first(doc, pattern)
        if said is not None:
            parts.append(participant.value)
            part_ev = part_ev or said
    if parts and part_ev is not None:
        eng["participants"], ev["participants"] = parts, part_ev.text

    # High political level of a visit.
    if kind in {Kind.INCOMING_VISIT, Kind.INVITATION_LETTER}:
        high = _first(doc, W.HIGH_LEVEL)
        if high:
            eng["high_political_level"], ev["high_political_level"] = True, high.text

    # Membership body: what the text calls the body the city would join.
    if kind is Kind.MEMBERSHIP:
        cp_name = fold(str(eng.get("counterpart", {}).get("name", ""))) or None
        member = re.compile(r"\bmember\w*|\bmedlem\w*|\bjoin\w*|\bansluta\b"
                            + (f"|{re.escape(cp_name.split()[0])}" if cp_name else ""))
        nets = _first(doc, W.MEMBERSHIP_NETWORK, also=(member,))
        orgs = _first(doc, W.MEMBERSHIP_ORGANISATION, also=(member,))
        cpt = eng.get("counterpart", {}).get("type")
        body: tuple[str, Sentence] | None = None
        if nets and (not orgs or cpt == "network"):
            body = (MembershipBody.NETWORK.value, nets)
        elif orgs and (not nets or cpt in {"civil_society", "international_organisation"}):
            body = (MembershipBody.ORGANISATION.value, orgs)
        if body:
            eng["membership_body"], ev["membership_body"] = body[0], body[1].text

    # Signature asked for.
    signature = None
    sig = _first(doc, W.SIGNATURE, also=(W.REQUEST,), unless=W.NOT_SIGNATURE)
    if sig and kind in {Kind.DECLARATION, Kind.INTENT_AGREEMENT, Kind.COOPERATION_AGREEMENT,
                        Kind.TWINNING, Kind.MEMBERSHIP, Kind.EU_PROJECT}:
        signature = True
        ev["signature_requested"] = sig.text
        notes.append(_note("sign", out_lang))

    # Money.
    amounts = _amounts(doc, rates or {})
    costs = {(a.amount, a.currency): a for a in amounts if a.purpose != "other"}
    if amounts:
        ev["amounts"] = amounts[0].evidence
    if len(costs) == 1:
        a = next(iter(costs.values()))
        if a.sek is not None:
            eng["cost_sek"] = int(a.sek) if float(a.sek).is_integer() else a.sek
            ev["cost_sek"] = a.evidence
        else:
            notes.append(_note("foreign", out_lang, cur=a.currency,
                               amount=f"{number(a.amount, out_lang)} {a.currency}"))
    elif len(costs) > 1:
        notes.append(_note("several", out_lang))
    elif not amounts:
        free = _first(doc, W.NO_COST_TO_CITY)
        if free:
            eng["cost_sek"], ev["cost_sek"] = 0, free.text

    addressee = None
    for s in doc.sents[:25]:
        m = re.match(r"^(?:dear|bästa|kära|hej|to|till)\s+([^,\n]{2,60})[,!:]?\s*$", s.flat,
                     re.IGNORECASE)
        if m and any(w[:1].isupper() for w in m.group(1).split()) and not re.search(
                r"\b(?:sir|madam|colleagues|friends|all|kollegor|vänner|alla|partners|"
                r"members|medlemmar)\b", m.group(1), re.IGNORECASE):
            addressee = m.group(1).strip()
            break

    recognised = kind is not None
    if not recognised:
        invites = any(W.INVITES.search(f) for f in doc.folded)
        if not invites:
            # Nothing asks the city for anything: no field is read from such a text.
            eng, ev, amounts, place, signature, addressee = {}, {}, [], None, None, None
        notes = [_note("unknown_kind" if invites and (title or org) else "not_invitation",
                       out_lang)]
    return Extraction(
        engagement=eng, evidence=ev, missing=_missing(kind, eng), lang=doc.lang,
        recognised=recognised, place=place, amounts=amounts, signature_requested=signature,
        addressee=addressee, notes=notes)


def _flat_keys(eng: Mapping[str, Any]) -> set[str]:
    keys = {k for k in eng if k != "counterpart"}
    keys |= {f"counterpart.{k}" for k in eng.get("counterpart", {})}
    return keys


def _missing(kind: Kind | None, eng: Mapping[str, Any]) -> list[str]:
    have = _flat_keys(eng)
    order: list[str] = []
    if kind is None:
        order += ["kind", "title"]
    else:
        order += ["title"]
        order += [f for f, kinds in REQUIRED_BY_KIND.items() if kind in kinds]
        order += [*fields_for(kind), *_COMMON]
    seen: dict[str, None] = {}
    for f in order:
        if f not in have and f != "screened_on":
            seen[f] = None
    return list(seen)
