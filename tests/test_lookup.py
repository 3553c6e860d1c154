"""Tests for khoi_thidua.lookup: finding a member however it was typed."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from khoi_thidua.errors import ExitCode, UsageError
from khoi_thidua.i18n import ENGLISH, VIETNAMESE
from khoi_thidua.lookup import (
    AmbiguousMemberError,
    UnknownMemberError,
    find_member,
    fold,
    initials,
    match_member,
    suggest_members,
)
from khoi_thidua.model import Member
from khoi_thidua.store.reading import load_bloc

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "khoi-co-quan-dang"


@pytest.fixture(scope="module")
def members() -> tuple[Member, ...]:
    return load_bloc(SAMPLE).members


def found_id(members: tuple[Member, ...], query: str) -> str:
    return find_member(ENGLISH, members, query).id


# ── fold ────────────────────────────────────────────────────────────────────────────────────


def test_fold_strips_diacritics_case_and_d_stroke() -> None:
    """Folding removes tones and letter marks, lowers case and reads đ as d."""
    assert fold("Đảng ủy Khối") == "dang uy khoi"
    assert fold("tổ chức đảng") == "to chuc dang"
    assert fold("Trường Chính trị Nguyễn Văn Linh") == "truong chinh tri nguyen van linh"


def test_fold_reads_dashes_as_spaces_and_collapses_whitespace() -> None:
    """A dash of any kind is a space, and runs of spaces become one."""
    folded = "dang uy khoi cac co quan doanh nghiep tinh"
    assert fold("Đảng ủy Khối các cơ quan - doanh nghiệp tỉnh") == folded
    assert fold("  Đảng ủy  Khối các cơ quan–doanh nghiệp\ttỉnh ") == folded


@given(st.text())
def test_fold_is_the_same_for_nfc_and_nfd(text: str) -> None:
    """Folding gives one result whichever normal form the text is in."""
    assert fold(unicodedata.normalize("NFC", text)) == fold(unicodedata.normalize("NFD", text))


@given(st.text())
def test_fold_is_idempotent(text: str) -> None:
    """Folding folded text changes nothing."""
    assert fold(fold(text)) == fold(text)


def test_initials_take_the_first_letter_of_each_folded_word() -> None:
    """The initials of "Ban Nội chính Tỉnh ủy" are "bnctu"."""
    assert initials("Ban Nội chính Tỉnh ủy") == "bnctu"
    assert initials("Đảng ủy Khối các cơ quan - doanh nghiệp tỉnh") == "dukccqdnt"


# ── find_member: what finds a member ────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    "query",
    ["bnc", "BNC", "ban noi chinh", "Nội chính", "noi chinh", "NỘI CHÍNH", "Ban Nội chính Tỉnh ủy"],
)
def test_every_usual_spelling_finds_ban_noi_chinh(members: tuple[Member, ...], query: str) -> None:
    """The id, short name, full name and fragments, typed any way, find Ban Nội chính."""
    assert found_id(members, query) == "bnc"


def test_nfd_query_finds_the_member(members: tuple[Member, ...]) -> None:
    """A query typed in NFD (as some keyboards send it) matches the NFC name."""
    assert found_id(members, unicodedata.normalize("NFD", "Nội chính")) == "bnc"


def test_id_is_matched_exactly_then_ignoring_case(members: tuple[Member, ...]) -> None:
    """The id finds its member as typed, or in any case."""
    assert found_id(members, "dukcq") == "dukcq"
    assert found_id(members, "DUKCQ") == "dukcq"
    assert found_id(members, " vptu ") == "vptu"


def test_short_name_is_matched_without_diacritics(members: tuple[Member, ...]) -> None:
    """The short name "ĐUK" is found as "ĐUK", "duk" or "Duk"."""
    for query in ("ĐUK", "duk", "Duk"):
        assert found_id(members, query) == "dukcq"


def test_full_name_is_matched_with_any_dash_or_spacing(members: tuple[Member, ...]) -> None:
    """The full name matches however its dash and spaces are typed."""
    query = "dang uy khoi cac co quan-doanh nghiep  tinh"
    assert found_id(members, query) == "dukcq"


def test_fragment_starting_at_a_word_finds_the_member(members: tuple[Member, ...]) -> None:
    """A fragment beginning at a word, even ending mid-word, finds the one member holding it."""
    assert found_id(members, "Nguyễn Văn Linh") == "tct"
    assert found_id(members, "kiem tra") == "ubkt"
    assert found_id(members, "Nội ch") == "bnc"
    assert found_id(members, "cơ quan – doanh nghiệp") == "dukcq"


def test_fragment_inside_a_word_does_not_match(members: tuple[Member, ...]) -> None:
    """A fragment must start at a word: "ong" (in "phòng") finds nothing."""
    with pytest.raises(UnknownMemberError):
        find_member(ENGLISH, members, "ong")


def test_exact_short_name_wins_over_a_longer_one_it_begins(members: tuple[Member, ...]) -> None:
    """The short name "BTG" is Ban Tuyên giáo, not Ban Tuyên giáo và Dân vận ("BTGDV")."""
    assert found_id(members, "BTG") == "btg"


def test_id_wins_over_a_name_of_another_member() -> None:
    """An exact id beats another member whose short name is the same text."""
    units = (Member("a", "Ban A", short="x"), Member("x", "Ban X"))
    assert find_member(ENGLISH, units, "x").id == "x"


def test_exact_name_wins_over_a_fragment_of_another_name() -> None:
    """A full name that is also a fragment of a longer name finds its own member."""
    units = (
        Member("btg", "Ban Tuyên giáo Tỉnh ủy"),
        Member("btgx", "Ban Tuyên giáo Tỉnh ủy mở rộng"),
    )
    assert find_member(ENGLISH, units, "ban tuyen giao tinh uy").id == "btg"


def test_initials_prefix_finds_a_member_without_a_short_name() -> None:
    """With no short name, the initials "bnc" find Ban Nội chính Tỉnh ủy."""
    units = (Member("n1", "Ban Nội chính Tỉnh ủy"), Member("n2", "Văn phòng Tỉnh ủy"))
    assert find_member(ENGLISH, units, "bnc").id == "n1"
    assert find_member(ENGLISH, units, "VPTU").id == "n2"


def test_initials_lose_to_a_fragment() -> None:
    """A query that is a fragment of one name is not read as another member's initials."""
    units = (Member("ca", "Công an tỉnh"), Member("apn", "Ấp Nam Group"))
    match = match_member(ENGLISH, units, "An")
    assert (match.member.id, match.how) == ("ca", "fragment")


def test_initials_matching_several_members_stop_with_the_list() -> None:
    """Initials shared by two members raise an ambiguity rather than pick one."""
    units = (Member("x", "Ban Tổ chức"), Member("y", "Ban Tuyên giáo"))
    with pytest.raises(AmbiguousMemberError):
        find_member(ENGLISH, units, "bt")


def test_match_says_which_rule_found_the_member(members: tuple[Member, ...]) -> None:
    """The match records the rule, so a caller can tell an exact hit from a guess."""
    cases = {
        "bnc": "id",
        "BNC": "id-case",
        "Ban Nội chính Tỉnh ủy": "name",
        "ĐUK": "name",
        "noi chinh": "fragment",
        "bnct": "initials",
    }
    for query, how in cases.items():
        match = match_member(ENGLISH, members, query)
        assert (match.member.id, match.how) == ("dukcq" if query == "ĐUK" else "bnc", how)
        assert match.exact == (how in {"id", "id-case", "name"})


def test_former_members_id_read_against_one_years_members_falls_to_initials() -> None:
    """Among 2025's members the id "btg" of a board that left is read as btgdv's initials."""
    bloc = load_bloc(SAMPLE)
    assert match_member(ENGLISH, bloc.members, "btg").how == "id"
    match = match_member(ENGLISH, bloc.members_in(2025), "btg")
    assert (match.member.id, match.how) == ("btgdv", "initials")


def test_a_member_can_be_found_among_one_years_members() -> None:
    """Passing only one year's members settles a fragment that is ambiguous across years."""
    bloc = load_bloc(SAMPLE)
    with pytest.raises(AmbiguousMemberError):
        find_member(ENGLISH, bloc.members, "tuyen giao")
    assert find_member(ENGLISH, bloc.members_in(2024), "tuyen giao").id == "btg"
    assert find_member(ENGLISH, bloc.members_in(2025), "tuyen giao").id == "btgdv"


# ── find_member: when it cannot choose ──────────────────────────────────────────────────────


def test_ambiguous_fragment_lists_candidates_and_asks_for_the_id(
    members: tuple[Member, ...],
) -> None:
    """A fragment in two names raises a usage error naming both, with their ids."""
    with pytest.raises(AmbiguousMemberError) as caught:
        find_member(ENGLISH, members, "dan van")
    error = caught.value
    assert isinstance(error, UsageError)
    assert error.exit_code == ExitCode.USAGE == 64
    assert [m.id for m in error.candidates] == ["bdv", "btgdv"]
    assert "bdv (Ban Dân vận Tỉnh ủy)" in error.message
    assert "btgdv (Ban Tuyên giáo và Dân vận Tỉnh ủy)" in error.message
    assert "id" in error.hint
    assert "bdv or btgdv" in error.hint


def test_ambiguous_initials_list_every_candidate(members: tuple[Member, ...]) -> None:
    """Initials shared by several members stop with all of them, never a guess."""
    with pytest.raises(AmbiguousMemberError) as caught:
        find_member(ENGLISH, members, "bt")
    assert {m.id for m in caught.value.candidates} == {"btc", "btg", "btgdv"}


def test_unknown_query_suggests_close_names(members: tuple[Member, ...]) -> None:
    """A near miss raises a usage error suggesting the closest members."""
    with pytest.raises(UnknownMemberError) as caught:
        find_member(ENGLISH, members, "btgd")
    error = caught.value
    assert error.exit_code == ExitCode.USAGE
    assert error.candidates[0].id == "btgdv"
    assert "btgdv (Ban Tuyên giáo và Dân vận Tỉnh ủy)" in error.hint
    assert "btgd" in error.message


def test_misspelt_name_suggests_the_member(members: tuple[Member, ...]) -> None:
    """A misspelt full name suggests the member it resembles."""
    with pytest.raises(UnknownMemberError) as caught:
        find_member(ENGLISH, members, "van fong tinh uy")
    assert caught.value.candidates[0].id == "vptu"


def test_unknown_query_without_close_names_points_to_the_list(
    members: tuple[Member, ...],
) -> None:
    """With nothing close, the hint points to the member list instead of suggesting."""
    with pytest.raises(UnknownMemberError) as caught:
        find_member(ENGLISH, members, "qqqq")
    assert caught.value.candidates == ()
    assert "khoi members" in caught.value.hint


def test_empty_query_is_a_usage_error(members: tuple[Member, ...]) -> None:
    """A blank query (or only dashes) is refused as a usage error."""
    for query in ("", "   ", " - "):
        with pytest.raises(UsageError) as caught:
            find_member(ENGLISH, members, query)
        assert caught.value.exit_code == ExitCode.USAGE


def test_messages_follow_the_language_given(members: tuple[Member, ...]) -> None:
    """Given Vietnamese, the messages and hints are in Vietnamese, whatever the run's language."""
    with pytest.raises(AmbiguousMemberError) as ambiguous:
        find_member(VIETNAMESE, members, "dan van")
    with pytest.raises(UnknownMemberError) as unknown:
        find_member(VIETNAMESE, members, "qqqq")
    with pytest.raises(UsageError) as empty:
        find_member(VIETNAMESE, members, " ")
    assert "khớp với 2 đơn vị" in ambiguous.value.message
    assert "bdv hoặc btgdv" in ambiguous.value.hint
    assert unknown.value.message == "không có đơn vị nào khớp với 'qqqq'"
    assert "`khoi members` liệt kê mã và tên của mọi đơn vị" in unknown.value.hint
    assert empty.value.message == "chưa nêu đơn vị"


def test_messages_are_english_when_english_is_given(members: tuple[Member, ...]) -> None:
    """Given English, the same errors read in English."""
    with pytest.raises(UnknownMemberError) as unknown:
        find_member(ENGLISH, members, "qqqq")
    assert unknown.value.message == "no member matches 'qqqq'"
    assert unknown.value.hint == "`khoi members` lists every member's id and name"


# ── suggest_members ─────────────────────────────────────────────────────────────────────────


def test_suggestions_are_capped_and_unique(members: tuple[Member, ...]) -> None:
    """At most three members are suggested, each once."""
    close = suggest_members(members, "ban tuyen giao tinh")
    assert 0 < len(close) <= 3
    assert len({m.id for m in close}) == len(close)
    assert close[0].id == "btg"
