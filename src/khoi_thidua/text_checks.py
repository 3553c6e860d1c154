"""Text that is not text: control characters, legacy-font Vietnamese, invisible characters."""

from __future__ import annotations

import itertools
import re
import unicodedata
from typing import NamedTuple

from khoi_thidua.i18n import Messages


def without_invisibles(text: str) -> str:
    """``text`` in NFKC form without default-ignorable characters: full-width letters become
    plain ones; zero-width spaces, direction marks and soft hyphens disappear."""
    compatible = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in compatible if unicodedata.category(ch) != "Cf")


# C0 and C1 controls, DEL and the two noncharacters: never text a person typed, and a terminal
# may act on them (ESC starts a command sequence).
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\ufffe\uffff]")
_VISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]")
_LINE_ENDS = re.compile("\r?\n|\t")
# Latin-1 signs and letters that Vietnamese never uses, but that text typed with the legacy
# TCVN3 (ABC) or VNI fonts shows as once it is read as Unicode: "Ban Tæ chøc TØnh ñy".
_LEGACY_FONT = frozenset("¡¢£¤¥¦§¨©ª«¬\xad®µ¶·¸¹»¼½¾ÄÅÆÇËÎÏÐÑÖ×ØÛÜÞßäåæçëîïñö÷øûüþ")
LEGACY_MIN = 2  # one such letter may be a foreign name ("Müller"); two is a legacy font


def visible(text: str) -> str:
    """``text`` with every control character but newline and tab shown as an escape
    (``\\x1b``), safe to print."""
    return _VISIBLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def control_character(text: str, multiline: bool = True) -> str | None:
    """The first control character in ``text`` (tab and newline allowed when ``multiline``)."""
    rest = _LINE_ENDS.sub("", text) if multiline else text
    match = _CONTROL.search(rest)
    return match.group() if match else None


_LEGACY_LETTER = re.compile("[" + re.escape("".join(sorted(_LEGACY_FONT))) + "]")


def legacy_font(text: str) -> bool:
    """True when ``text`` looks typed with a TCVN3 or VNI font rather than in Unicode."""
    return len(list(itertools.islice(_LEGACY_LETTER.finditer(text), LEGACY_MIN))) >= LEGACY_MIN


class NotText(NamedTuple):
    """Why a value is not text a person typed, the fix, and the problem's code."""

    message: str
    hint: str
    code: str


def not_text(msgs: Messages, value: str) -> NotText | None:
    """Why ``value`` is not text a person typed, and the fix; None when it is."""
    if value.isascii() and value.isprintable():
        return None  # ids, numbers, plain words: no control character, no legacy letter
    bad = control_character(value)
    if bad is not None:
        return NotText(
            msgs.t(
                "the text holds the control character {char}, which cannot be shown or printed",
                char=f"U+{ord(bad):04X}",
            ),
            msgs.t("delete it (it often comes with text copied out of another program)"),
            code="control-character",
        )
    if legacy_font(value):
        return NotText(
            msgs.t(
                "the text looks typed with a legacy Vietnamese font (TCVN3 or VNI): `{text}`",
                text=value[:60],
            ),
            msgs.t(
                "convert it to Unicode (e.g. Unikey's converter, from TCVN3 or VNI to "
                "Unicode) and save the file as UTF-8"
            ),
            code="legacy-font",
        )
    return None


def lookalike_note(msgs: Messages, typed: str, known: str) -> str:
    """Names the letters where two ids that look alike differ, when one is not plain ASCII.

    An unknown id that *looks* exactly like a known one is a riddle to the user unless the
    message says which letter is foreign: "`btс` has CYRILLIC SMALL LETTER ES (U+0441) where
    `btc` has LATIN SMALL LETTER C (U+0063)".
    """
    typed = unicodedata.normalize("NFC", typed)
    known = unicodedata.normalize("NFC", known)
    if len(typed) == len(known):
        pairs = [(a, b) for a, b in zip(typed, known, strict=True) if a != b]
        foreign = [(a, b) for a, b in pairs if not (a.isascii() and b.isascii())]
        if not foreign:
            return ""
        return "; ".join(
            msgs.t(
                "`{typed}` has {typed_char} where `{known}` has {known_char}",
                typed=typed,
                typed_char=_char_name(msgs, a),
                known=known,
                known_char=_char_name(msgs, b),
            )
            for a, b in foreign
        )
    others = [ch for ch in typed if not ch.isascii()]
    if not others:
        return ""
    return msgs.t(
        "`{typed}` contains {chars}",
        typed=typed,
        chars=", ".join(_char_name(msgs, ch) for ch in others),
    )


def _char_name(msgs: Messages, ch: str) -> str:
    # Unicode's own character names stay in English in both languages: they are what a
    # character map or a search engine finds.
    name = unicodedata.name(ch, "") or msgs.t("an unnamed character")
    return f"{name} (U+{ord(ch):04X})"
