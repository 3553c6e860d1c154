"""Text folded for comparison: the one place where case, accents, đ/d and look-alikes fall away."""

from __future__ import annotations

import unicodedata

from khoi_thidua.text_checks import without_invisibles

# Letters of other scripts drawn like Latin ones. An id typed with a Russian or Greek keyboard
# layout left on looks identical to the eye, so it must count as the same id, and be named.
_LOOKALIKES = str.maketrans(
    "аеорсухіјѕԁһӏԛԝАВЕКМНОРСТУХІЈЅαοινρτΑΒΕΖΗΙΚΜΝΟΡΤΥΧ",
    "aeopcyxijsdhlqwABEKMHOPCTYXIJSaoivptABEZHIKMNOPTYX",
)


def bare_letters(text: str, *, lookalikes: bool = False) -> str:
    """``text`` casefolded without diacritics, with đ as d, compatibility forms and invisible
    characters folded, and (when ``lookalikes``) Cyrillic and Greek look-alikes read as Latin.

    "Đảng ủy" → "dang uy"; "ｂｔｃ" and "bt\u200bc" → "btc"; "btс" (Cyrillic с) → "btc" only
    with ``lookalikes``.
    """
    plain = without_invisibles(text)
    if lookalikes:
        plain = plain.translate(_LOOKALIKES)
    decomposed = unicodedata.normalize("NFD", plain)
    bare = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return bare.replace("đ", "d").replace("Đ", "D").casefold()
