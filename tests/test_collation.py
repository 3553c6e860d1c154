"""Tests for khoi_thidua.collation: Vietnamese sort order."""

from __future__ import annotations

import random
import unicodedata

from hypothesis import assume, given
from hypothesis import strategies as st

from khoi_thidua.collation import ALPHABET, TONES, sort_key


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def shuffled(items: list[str], seed: int = 2022) -> list[str]:
    copy = list(items)
    random.Random(seed).shuffle(copy)
    return copy


# The sample bloc's members, and a newspaper, in Vietnamese order, worked out by hand:
# - "Ban " < "Báo": primary letters b-a-n < b-a-o; the tone of "á" only matters on a tie.
# - within "Ban …": Dân < Nội < Tổ < Tuyên, since ô < u; "Tuyên giáo Tỉnh" < "Tuyên giáo và"
#   since t < v.
# - Đảng comes after every D and before G; "Ủy" is U with a hỏi tone, so it sorts among the U,
#   before Ư and V.
UNIT_NAMES = [
    "Ban Dân vận Tỉnh ủy",
    "Ban Nội chính Tỉnh ủy",
    "Ban Tổ chức Tỉnh ủy",
    "Ban Tuyên giáo Tỉnh ủy",
    "Ban Tuyên giáo và Dân vận Tỉnh ủy",
    "Báo Hưng Yên",
    "Đảng ủy Khối các cơ quan - doanh nghiệp tỉnh",
    "Trường Chính trị Nguyễn Văn Linh",
    "Ủy ban Kiểm tra Tỉnh ủy",
    "Văn phòng Tỉnh ủy",
]

vietnamese_letter = st.builds(
    lambda letter, tone, upper: nfc((letter.upper() if upper else letter) + tone),
    st.sampled_from(ALPHABET),
    st.sampled_from(TONES),
    st.booleans(),
)
vietnamese_text = st.lists(st.one_of(vietnamese_letter, st.just(" ")), min_size=0, max_size=12).map(
    "".join
)


# ── Letters of the alphabet ─────────────────────────────────────────────────────────────────


def test_real_unit_names_sort_in_vietnamese_order() -> None:
    """The bloc's unit names sort as a Vietnamese reader expects, whatever their input order."""
    assert sorted(shuffled(UNIT_NAMES), key=sort_key) == UNIT_NAMES


def test_code_point_order_would_be_wrong_for_the_same_names() -> None:
    """Plain string order puts Đ and Ủ after V, which the collation corrects."""
    assert sorted(UNIT_NAMES) != UNIT_NAMES
    assert sorted(UNIT_NAMES, key=sort_key) == UNIT_NAMES


def test_d_stroke_is_a_letter_after_d() -> None:
    """Đ is a letter after D: "Đảng ủy" sorts after "Dân vận" and before "Giáo dục"."""
    names = ["Giáo dục", "Đảng ủy", "Dân vận", "Dzung"]
    assert sorted(names, key=sort_key) == ["Dân vận", "Dzung", "Đảng ủy", "Giáo dục"]


def test_a_breve_and_a_circumflex_are_letters_after_a() -> None:
    """Ă and Â are letters after A: "Ăn" sorts after every "An…" and before "Ân"."""
    names = ["Ân", "Ăn", "Anh", "An"]
    assert sorted(names, key=sort_key) == ["An", "Anh", "Ăn", "Ân"]


def test_modified_vowels_follow_their_base_letter() -> None:
    """ê follows e, ô and ơ follow o, ư follows u, each before the next plain letter."""
    names = ["Ưa", "Ơn", "Ôn", "On", "Ên", "En", "Ua", "Va", "Pa", "Ga"]
    assert sorted(names, key=sort_key) == [
        "En",
        "Ên",
        "Ga",
        "On",
        "Ôn",
        "Ơn",
        "Pa",
        "Ua",
        "Ưa",
        "Va",
    ]


def test_u_with_a_tone_sorts_among_u_before_u_horn() -> None:
    """The word "Ủy" is U with a hỏi tone: it sorts among the U, before "Ưu"."""
    names = ["Ưu", "Ủy ban", "Uy tín", "Uy ban"]
    assert sorted(names, key=sort_key) == ["Uy ban", "Ủy ban", "Uy tín", "Ưu"]


def test_foreign_letters_fall_in_latin_order() -> None:
    """f, j, w and z sit where Latin order puts them among the Vietnamese letters."""
    names = ["Zalo", "Xa", "Wi", "Vu", "Ka", "Jo", "Im", "Ga", "Fa", "Êm"]
    assert sorted(names, key=sort_key) == [
        "Êm",
        "Fa",
        "Ga",
        "Im",
        "Jo",
        "Ka",
        "Vu",
        "Wi",
        "Xa",
        "Zalo",
    ]


def test_a_letter_with_a_foreign_mark_sorts_with_its_base_letter() -> None:
    """ç, ñ and ü sort as c, n and u at the first level."""
    names = ["Mullet", "Müller", "Muller", "Gardon", "Garçon", "Garcia", "Niño", "Ninos"]
    assert sorted(names, key=sort_key) == [
        "Garcia",
        "Garçon",
        "Gardon",
        "Muller",
        "Müller",
        "Mullet",
        "Niño",
        "Ninos",
    ]


# ── Tones ───────────────────────────────────────────────────────────────────────────────────


def test_tones_follow_dictionary_order() -> None:
    """Tones order as ngang, huyền, hỏi, ngã, sắc, nặng."""
    words = ["ma", "mà", "mả", "mã", "má", "mạ"]
    assert sorted(shuffled(words), key=sort_key) == words


def test_letters_decide_before_tones() -> None:
    """A tone only matters when the letters tie: "mạ" comes before "mac"."""
    assert sorted(["mac", "mạ", "mà", "ma"], key=sort_key) == ["ma", "mà", "mạ", "mac"]


def test_letters_of_the_whole_text_decide_before_any_tone() -> None:
    """The letters of the whole text come before tones: "Bàn A" sorts before "Ban B"."""
    assert sorted(["Ban B", "Bàn A"], key=sort_key) == ["Bàn A", "Ban B"]


def test_tones_compare_from_the_first_letter() -> None:
    """With equal letters, the first letter whose tone differs decides."""
    assert sorted(["bá bà", "bà bá"], key=sort_key) == ["bà bá", "bá bà"]


def test_tone_on_a_stacked_vowel_is_read_in_either_mark_order() -> None:
    """The vowel "ệ" (circumflex and dot below) is ê with a nặng tone, in NFC and NFD."""
    assert sort_key("Hệ") == sort_key(nfd("Hệ"))
    assert sorted(["Hệ", "Hế", "Hẹ", "He"], key=sort_key) == ["He", "Hẹ", "Hế", "Hệ"]


# ── Case ────────────────────────────────────────────────────────────────────────────────────


def test_case_is_ignored_before_letters_and_tones() -> None:
    """Upper case does not move a name among different letters or tones."""
    assert sorted(["ăn", "AN", "an", "Án"], key=sort_key) == ["an", "AN", "Án", "ăn"]


def test_lowercase_sorts_first_when_all_else_ties() -> None:
    """Of two names differing only in case, the lowercase one comes first."""
    assert sorted(["Đảng", "đảng"], key=sort_key) == ["đảng", "Đảng"]


# ── Spaces, punctuation and numbers ─────────────────────────────────────────────────────────


def test_space_sorts_before_letters() -> None:
    """A word that ends sorts before a longer word: "Ban Tổ" before "Bana"."""
    assert sorted(["Bana", "Ban Tổ", "Ban"], key=sort_key) == ["Ban", "Ban Tổ", "Bana"]


def test_runs_of_whitespace_count_as_one_space() -> None:
    """Doubled, leading and trailing spaces do not change the letters compared."""
    assert sort_key("  Ban  Nội chính ").letters == sort_key("Ban Nội chính").letters


def test_numbers_sort_by_value() -> None:
    """Runs of digits compare by value: "Cụm 2" before "Cụm 10", both before letters."""
    names = ["Cụm 10", "Cụm A", "Cụm 2", "Cụm 02b", "Cụm 1"]
    assert sorted(names, key=sort_key) == ["Cụm 1", "Cụm 2", "Cụm 02b", "Cụm 10", "Cụm A"]


def test_punctuation_sorts_between_space_and_digits() -> None:
    """Punctuation sorts after a space and before digits and letters."""
    assert sorted(["a1", "a-b", "ab", "a b"], key=sort_key) == ["a b", "a-b", "a1", "ab"]


def test_other_scripts_sort_after_latin_letters() -> None:
    """Letters outside the Latin alphabet sort after z."""
    assert sorted(["αβ", "zz", "ư"], key=sort_key) == ["ư", "zz", "αβ"]


# ── Properties ──────────────────────────────────────────────────────────────────────────────


@given(st.lists(vietnamese_text, max_size=8))
def test_order_is_the_same_for_nfc_and_nfd_input(names: list[str]) -> None:
    """Sorting NFC or NFD spellings of the same names gives the same order."""
    by_nfc = [nfc(n) for n in sorted((nfc(n) for n in names), key=sort_key)]
    by_nfd = [nfc(n) for n in sorted((nfd(n) for n in names), key=sort_key)]
    assert by_nfc == by_nfd


@given(st.text())
def test_key_is_the_same_for_any_normal_form(text: str) -> None:
    """Any text gets one key whichever normal form it is written in, and never fails."""
    assert sort_key(nfc(text)) == sort_key(nfd(text))


@given(vietnamese_text, vietnamese_text)
def test_case_does_not_change_primary_order(first: str, second: str) -> None:
    """Changing the case of a name never reorders it against one with different letters."""
    assume(sort_key(first).letters != sort_key(second).letters)
    before = sort_key(first) < sort_key(second)
    assert (sort_key(first.upper()) < sort_key(second.lower())) == before
    assert (sort_key(first.lower()) < sort_key(second.upper())) == before


@given(vietnamese_text)
def test_case_changes_only_the_case_level(text: str) -> None:
    """Upper- and lower-casing a name keeps its letters and tones."""
    key, upper = sort_key(text), sort_key(text.upper())
    assert (upper.letters, upper.tones) == (key.letters, key.tones)


@given(st.text(), st.text())
def test_only_equal_texts_have_equal_keys(first: str, second: str) -> None:
    """Two keys are equal exactly when the texts are canonically equal, so sorting is total."""
    assert (sort_key(first) == sort_key(second)) == (nfc(first) == nfc(second))
