"""Vietnamese collation: a sort key that orders names as a Vietnamese dictionary does."""

from __future__ import annotations

import unicodedata
from typing import NamedTuple

# The Vietnamese alphabet (29 letters), with f, j, w and z, which only foreign words use, placed
# where they fall in Latin order. ă, â, đ, ê, ô, ơ and ư are letters of their own, not variants:
# "Ân" sorts after every "Ăn…", and "Đảng" after every "Dân…".
ALPHABET = tuple(unicodedata.normalize("NFC", "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"))

# Tones, in the order of Vietnamese dictionaries and of CLDR's Vietnamese collation (so of ICU's
# "vi" collator and the tools built on it): ngang (no mark), huyền, hỏi, ngã, sắc, nặng, i.e.
# ma < mà < mả < mã < má < mạ. Following the order readers already know from dictionaries and
# other software keeps a list sorted by khoi the same as the one they would sort themselves.
TONES = (
    "",  # ngang
    "\u0300",  # huyền  (à)
    "\u0309",  # hỏi    (ả)
    "\u0303",  # ngã    (ã)
    "\u0301",  # sắc    (á)
    "\u0323",  # nặng   (ạ)
)

_LETTER_WEIGHT = {letter: i for i, letter in enumerate(ALPHABET)}
_TONE_WEIGHT = {mark: i for i, mark in enumerate(TONES) if mark}
# Marks that make a letter of the alphabet out of a base letter (ă = a + breve, ơ = o + horn…).
_LETTER_MARKS = frozenset("\u0306\u0302\u031b")

# Primary weights by class: spaces sort before punctuation, punctuation before numbers, numbers
# before letters, and letters of other scripts last (as in CLDR's root order).
_CLASS = 1 << 22  # above every code point (max 0x10FFFF) and every practical digit count
_SPACE = 0
_PUNCTUATION = 1 * _CLASS
_DIGIT = 2 * _CLASS
_LETTER = 3 * _CLASS
_OTHER = 4 * _CLASS


class SortKey(NamedTuple):
    """A Vietnamese sort key; compared level by level like a tuple."""

    letters: tuple[int, ...]  # primary: letters without tone or case, numbers by value
    tones: tuple[int, ...]  # secondary: the tone of each letter, first letter first
    case: tuple[int, ...]  # tertiary: 0 lowercase, 1 uppercase (lowercase first, as CLDR)
    text: str  # last resort: the NFC text, so that only equal texts have equal keys


def sort_key(text: str) -> SortKey:
    """The key that sorts ``text`` in Vietnamese order: ``sorted(names, key=sort_key)``.

    Letters are compared first without tones or case, letter by letter over the whole text; then
    tones, letter by letter; then case. (Some dictionaries settle tones syllable by syllable
    instead; whole-text first, as ICU's "vi" collator does, keeps "Bàn A" before "Ban B".)
    Runs of digits compare by their numeric value ("Cụm 2" before "Cụm 10").
    Runs of whitespace count as one space and leading or trailing spaces are ignored. NFC and
    NFD input give the same key.
    """
    letters: list[int] = []
    tones: list[int] = []
    case: list[int] = []
    digits = ""
    pending_space = False

    def flush_digits() -> None:
        nonlocal digits
        if not digits:
            return
        significant = digits.lstrip("0")
        weights = [_DIGIT + min(len(significant), _CLASS - 1)]
        weights += [_DIGIT + int(d) for d in significant]
        letters.extend(weights)
        tones.extend([0] * len(weights))
        case.extend([0] * len(weights))
        digits = ""

    for base, marks in _clusters(unicodedata.normalize("NFD", text)):
        if base.isspace():
            flush_digits()
            pending_space = bool(letters)
            continue
        if pending_space:
            letters.append(_SPACE)
            tones.append(0)
            case.append(0)
            pending_space = False
        if base.isdecimal():
            digits += str(unicodedata.decimal(base))
            continue
        flush_digits()
        weight, tone, upper = _weigh(base, marks)
        letters.append(weight)
        tones.append(tone)
        case.append(upper)
    flush_digits()
    return SortKey(tuple(letters), tuple(tones), tuple(case), unicodedata.normalize("NFC", text))


def _clusters(decomposed: str) -> list[tuple[str, str]]:
    """Split NFD text into (base character, its combining marks)."""
    clusters: list[tuple[str, str]] = []
    for char in decomposed:
        if clusters and unicodedata.category(char).startswith("M"):
            base, marks = clusters[-1]
            clusters[-1] = (base, marks + char)
        else:
            clusters.append((char, ""))
    return clusters


def _weigh(base: str, marks: str) -> tuple[int, int, int]:
    """Primary weight, tone and case of one character with its marks."""
    lower = base.lower()
    upper = int(lower != base)
    if len(lower) != 1:
        lower = base
    tone = next((_TONE_WEIGHT[m] for m in marks if m in _TONE_WEIGHT), 0)
    # A mark that makes a letter (breve, circumflex, horn) makes it only on the right base:
    # "ă" is a letter, an "ĕ" from a foreign word is an e with a mark the tie-break settles.
    for mark in marks:
        if mark in _LETTER_MARKS:
            letter = unicodedata.normalize("NFC", lower + mark)
            if letter in _LETTER_WEIGHT:
                return _LETTER + _LETTER_WEIGHT[letter], tone, upper
    if lower in _LETTER_WEIGHT:
        return _LETTER + _LETTER_WEIGHT[lower], tone, upper
    category = unicodedata.category(base)
    if category[0] in "PSZC":
        return _PUNCTUATION + ord(base), 0, 0
    return _OTHER + ord(lower), tone, upper
