"""Text that is not text: the pure checks behind every text field and every look-alike id."""

from __future__ import annotations

import pytest

from khoi_thidua.i18n import ENGLISH
from khoi_thidua.schema.fields import id_key
from khoi_thidua.text_checks import (
    control_character,
    legacy_font,
    not_text,
    visible,
    without_invisibles,
)


class TestControlCharacters:
    """Control characters are found, except tab and newline, and shown escaped."""

    @pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b", "\r", "\x7f", "\x85", "\ufffe"])
    def test_found(self, char: str) -> None:
        """Each control character (and a lone carriage return) is the one reported."""
        assert control_character(f"Ban{char}Tổ chức") == char

    def test_tab_newline_and_crlf_allowed(self) -> None:
        """Tab, newline and a Windows line end are text."""
        assert control_character("Hội nghị\ttổng kết\r\nnăm 2021\n") is None

    def test_visible_escapes_but_keeps_lines(self) -> None:
        """ESC and BEL become escapes; newline and tab stay."""
        assert visible("a\x1b[31mb\x07\nc\td") == "a\\x1b[31mb\\x07\nc\td"


class TestLegacyFonts:
    """Text typed with TCVN3 or VNI fonts is told apart from Unicode Vietnamese."""

    @pytest.mark.parametrize(
        "text", ["Ban Tæ chøc TØnh ñy", "Ban Toå chöùc Tænh uûy", "Héi nghÞ tæng kÕt"]
    )
    def test_legacy(self, text: str) -> None:
        """TCVN3 and VNI text is legacy."""
        assert legacy_font(text)
        assert not_text(ENGLISH, text) is not None

    @pytest.mark.parametrize(
        "text",
        ["Ban Tổ chức Tỉnh ủy", "Đảng ủy Khối các cơ quan - doanh nghiệp tỉnh", "Müller"],
    )
    def test_unicode(self, text: str) -> None:
        """Unicode Vietnamese, and one foreign letter, are text."""
        assert not legacy_font(text)
        assert not_text(ENGLISH, text) is None


class TestInvisibles:
    """Ids that differ only by invisible or compatibility characters fold to the same key."""

    @pytest.mark.parametrize(
        "typed", ["ｔｃｔ", "tct\u200b", "\u200ftct", "tc\u00adt", "\ufefftct"]
    )
    def test_same_key(self, typed: str) -> None:
        """Full-width letters, zero-width space, RLM, soft hyphen and BOM fold away."""
        assert without_invisibles(typed) == "tct"
        assert id_key(typed) == id_key("tct")

    def test_different_ids_stay_different(self) -> None:
        """A real difference is kept."""
        assert id_key("tct2") != id_key("tct")
