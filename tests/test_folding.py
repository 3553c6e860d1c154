"""Tests of the one text folding that member lookup and id comparison share."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from khoi_thidua.folding import bare_letters
from khoi_thidua.lookup import fold
from khoi_thidua.schema.fields import id_key

VIETNAMESE = (
    "aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
)
LETTERS = st.text(alphabet=VIETNAMESE + VIETNAMESE.upper(), max_size=20)


class TestBareLetters:
    """bare_letters is the fold both lookup.fold and fields.id_key are built on."""

    def test_vietnamese_name(self) -> None:
        """Diacritics, đ and case fall away from a Vietnamese name."""
        assert bare_letters("Đảng ủy Khối") == "dang uy khoi"

    def test_lookalikes_only_when_asked(self) -> None:
        """A Cyrillic look-alike reads as Latin only when look-alikes are folded."""
        assert bare_letters("btс", lookalikes=True) == "btc"
        assert bare_letters("btс") != "btc"

    @given(LETTERS)
    def test_nfc_and_nfd_fold_alike(self, text: str) -> None:
        """A name typed precomposed or decomposed folds to the same letters."""
        nfd = unicodedata.normalize("NFD", text)
        assert bare_letters(text) == bare_letters(nfd)
        assert bare_letters(text).isascii()

    @given(LETTERS)
    def test_fold_and_id_key_agree_on_letters(self, text: str) -> None:
        """For Vietnamese letters without spaces, a lookup fold and an id key are the same text."""
        assert fold(text) == id_key(text) == bare_letters(text)
