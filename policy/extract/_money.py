"""Amounts of money as invitations write them, in any currency.

"EUR 450", "€450", "450 €", "450 euro", "1 200 kronor", "SEK 5,000", "5 000 kr",
"4 500:-", "USD 1,250.00", "EUR 2.5 million", "2,5 miljoner kronor", "3 MSEK".
Numbers in Swedish ("1 200,50") and English ("1,200.50") notation both read.
An exchange rate the text states ("1 EUR = 11,45 SEK") is found by ``find_rates``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Money", "find_money", "find_rates", "parse_number"]

# ISO code -> symbols and words that name it (lower case).
CURRENCY_WORDS: dict[str, tuple[str, ...]] = {
    "SEK": ("sek", "kr", "kronor", "svenska kronor", "swedish kronor", "swedish krona", "msek",
            "ksek", "tkr", "mkr"),
    "EUR": ("eur", "€", "euro", "euros", "meur", "keur"),
    "USD": ("usd", "us$", "$", "us dollars", "dollars", "dollar"),
    "GBP": ("gbp", "£", "pounds", "pounds sterling"),
    "NOK": ("nok", "norska kronor", "norwegian kroner"),
    "DKK": ("dkk", "danska kronor", "danish kroner"),
    "ISK": ("isk",),
    "CHF": ("chf", "swiss francs"),
    "PLN": ("pln", "zloty", "złoty"),
    "JPY": ("jpy", "¥", "yen"),
    "CAD": ("cad",),
    "AUD": ("aud",),
}
_WORD_TO_CODE = {w: code for code, ws in CURRENCY_WORDS.items() for w in ws}
_MULTIPLIED = {"msek": 1e6, "mkr": 1e6, "meur": 1e6, "ksek": 1e3, "tkr": 1e3, "keur": 1e3}


def _alt(names: list[str]) -> str:
    return "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))


_CUR = _alt(list(_WORD_TO_CODE))
_NUM = r"\d{1,3}(?:[ \u00a0\u202f.,]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?"
_MILLION = r"(?:\s*(million|millions|miljoner|miljon|mn|m|milj)\b\.?)?"
_BEFORE = re.compile(rf"(?<![\w$€£¥])({_CUR})\s?({_NUM}){_MILLION}(?![\d])", re.IGNORECASE)
_AFTER = re.compile(rf"(?<![\d.,])({_NUM}){_MILLION}\s?({_CUR})(?![\w])", re.IGNORECASE)
_COLON_DASH = re.compile(rf"(?<![\d.,])({_NUM}):-")


@dataclass(frozen=True, slots=True)
class Money:
    amount: float
    currency: str
    span: tuple[int, int]


def parse_number(text: str) -> float | None:
    """A number in Swedish or English notation; None when it is not one."""
    t = text.replace("\u00a0", " ").replace("\u202f", " ").strip()
    if " " in t:
        t = t.replace(" ", "")
    if re.fullmatch(r"\d+", t):
        return float(t)
    m = re.fullmatch(r"(\d{1,3}(?:([.,])\d{3})+)(?:([.,])(\d{1,2}))?", t)
    if m and (m.group(3) is None or m.group(3) != m.group(2)):
        whole = re.sub(r"[.,]", "", m.group(1))
        return float(whole + ("." + m.group(4) if m.group(4) else ""))
    m = re.fullmatch(r"(\d+)[.,](\d{1,2})", t)
    if m:
        return float(f"{m.group(1)}.{m.group(2)}")
    return None


def _scale(word: str | None) -> float:
    return 1e6 if word else 1.0


def find_money(text: str) -> list[Money]:
    """Every amount with a currency in ``text``, in order."""
    found: list[Money] = []
    taken: list[tuple[int, int]] = []

    def add(value: float | None, word: str, million: str | None, span: tuple[int, int]) -> None:
        if value is None or any(span[0] < e and s < span[1] for s, e in taken):
            return
        w = word.lower()
        code = _WORD_TO_CODE[w]
        value *= _scale(million) * _MULTIPLIED.get(w, 1.0)
        taken.append(span)
        found.append(Money(round(value, 2), code, span))

    for m in _BEFORE.finditer(text):
        add(parse_number(m.group(2)), m.group(1), m.group(3), m.span())
    for m in _AFTER.finditer(text):
        add(parse_number(m.group(1)), m.group(3), m.group(2), m.span())
    for m in _COLON_DASH.finditer(text):
        add(parse_number(m.group(1)), "sek", None, m.span())
    found.sort(key=lambda x: x.span)
    return found


_RATE = re.compile(
    rf"\b1\s*({_CUR})\s*(?:=|≈|~|motsvarar|equals|corresponds to|är)\s*(?:ca\.?\s*|approx\.?\s*)?"
    rf"({_NUM})\s*(sek|kr|kronor)\b", re.IGNORECASE)


def find_rates(text: str) -> dict[str, float]:
    """Exchange rates to SEK that the text itself states: ``{"EUR": 11.45}``."""
    out: dict[str, float] = {}
    for m in _RATE.finditer(text):
        code = _WORD_TO_CODE[m.group(1).lower()]
        value = parse_number(m.group(2))
        if code != "SEK" and value:
            out[code] = value
    return out
