"""Cutting an invitation into sentences whose text is the input's own, offsets and all.

A sentence's ``text`` is always an exact slice of the input, so evidence quoted
from it can be found in the input again. Lines that belong together (a
paragraph wrapped by a mail client or a PDF) are one block; short lines, list
items and "Label: value" lines stand alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Sentence", "fold", "sentences", "words"]


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str  # input[start:end], verbatim
    line: int  # the input line it starts on, 0-based

    @property
    def flat(self) -> str:
        """The sentence on one line, runs of white space as one space."""
        return " ".join(self.text.split())


_BULLET = re.compile(
    r"^\s*(?:[-•*–·▪►]|\d{1,2}[.)]\s|\d{1,2}[:.]\d{2}\b|[A-ZÅÄÖ][\w /&-]{0,30}:\s)")
_ENDS = frozenset(".!?:;")
_ABBREVIATIONS = frozenset({
    "dr", "mr", "mrs", "ms", "prof", "st", "e.g", "i.e", "t.ex", "bl.a", "ca", "approx",
    "nr", "no", "tel", "inkl", "exkl", "kl", "resp", "jfr", "etc", "vs", "p.g.a", "m.m",
    "t.o.m", "fr.o.m", "o.s.v", "s.k", "dvs", "mfl", "m.fl", "co", "inc", "ltd", "jr",
})
_SPLIT = re.compile(r"[.!?][\"”')\]]?\s+(?=[\"“(]?[A-ZÅÄÖÉÜ0-9])")


def _blocks(text: str) -> list[tuple[int, int, int]]:
    """(start, end, line) of each block of lines that read as one paragraph."""
    out: list[tuple[int, int, int]] = []
    pos = 0
    lines = text.splitlines(keepends=True)
    current: tuple[int, int, int] | None = None
    prev = ""
    for number, raw in enumerate(lines):
        line = raw.rstrip("\r\n")
        start, end = pos, pos + len(line)
        pos += len(raw)
        if not line.strip():
            if current:
                out.append(current)
            current, prev = None, ""
            continue
        joins = (
            current is not None
            and len(prev.strip()) >= 50
            and prev.rstrip()[-1:] not in _ENDS
            and not _BULLET.match(line)
            and not _BULLET.match(prev)
        )
        if joins and current is not None:
            current = (current[0], end, current[2])
        else:
            if current:
                out.append(current)
            current = (start, end, number)
        prev = line
    if current:
        out.append(current)
    return out


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def sentences(text: str) -> list[Sentence]:
    """The input's sentences in order; each one's text is ``text[start:end]``."""
    out: list[Sentence] = []
    for b_start, b_end, line in _blocks(text):
        block = text[b_start:b_end]
        cut = 0
        for m in _SPLIT.finditer(block):
            before = block[cut:m.start()].split()
            last = before[-1].lower().rstrip(".") if before else ""
            if last.lstrip("(") in _ABBREVIATIONS or (len(last) == 1 and last.isalpha()):
                continue
            stop = m.start() + 1
            s, e = _trim(text, b_start + cut, b_start + stop)
            if e > s:
                out.append(Sentence(s, e, text[s:e], line + block[:cut].count("\n")))
            cut = m.end()
        s, e = _trim(text, b_start + cut, b_end)
        if e > s:
            out.append(Sentence(s, e, text[s:e], line + block[:cut].count("\n")))
    return out


_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*", re.UNICODE)


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def fold(text: str) -> str:
    """Lower case, one space between words: for matching phrases."""
    return " ".join(text.casefold().split())
