"""Text that is not text: control characters, legacy-font Vietnamese, invisible characters."""

from __future__ import annotations

import itertools
import re
import unicodedata

from khoi_thidua.i18n import t


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


def not_text(value: str) -> tuple[str, str] | None:
    """Why ``value`` is not text a person typed, and the fix; None when it is."""
    if value.isascii() and value.isprintable():
        return None  # ids, numbers, plain words: no control character, no legacy letter
    bad = control_character(value)
    if bad is not None:
        return (
            t(
                "the text holds the control character {char}, which cannot be shown or printed",
                char=f"U+{ord(bad):04X}",
            ),
            t("delete it (it often comes with text copied out of another program)"),
        )
    if legacy_font(value):
        return (
            t(
                "the text looks typed with a legacy Vietnamese font (TCVN3 or VNI): `{text}`",
                text=value[:60],
            ),
            t(
                "convert it to Unicode (e.g. Unikey's converter, from TCVN3 or VNI to "
                "Unicode) and save the file as UTF-8"
            ),
        )
    return None
