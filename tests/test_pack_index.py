"""The shipped packs' index says what each pack says: a run chooses by it and parses one pack."""

from __future__ import annotations

import tomllib
from importlib import resources

import pytest

from khoi_thidua.awards.regime import choose_pack
from khoi_thidua.errors import MissingInputError
from khoi_thidua.i18n import ENGLISH
from khoi_thidua.schema.pack import parse_pack
from khoi_thidua.schema.toml_lines import LazyLines
from khoi_thidua.store.pack_index import PackEntry, pack_index
from khoi_thidua.store.packs import shipped_award_ids, shipped_pack_for, shipped_packs

PACKS = resources.files("khoi_thidua.awards") / "packs"


class TestIndex:
    """awards/pack_index.toml against the pack files themselves."""

    def test_every_pack_file_has_its_entry(self) -> None:
        """Each file under awards/packs/ is listed once, and nothing else is."""
        files = sorted(e.name for e in PACKS.iterdir() if e.name.endswith(".toml"))
        assert sorted(entry.file for entry in pack_index()) == files

    @pytest.mark.parametrize("entry", pack_index(), ids=lambda e: e.id)
    def test_an_entry_says_what_its_pack_says(self, entry: PackEntry) -> None:
        """Id, result years, proposal dates and award ids (in order) are the pack's own."""
        text = (PACKS / entry.file).read_text(encoding="utf-8")
        pack, problems = parse_pack(ENGLISH, tomllib.loads(text), "pack", LazyLines(text))
        assert pack is not None, problems
        assert (entry.id, entry.year_from, entry.year_to) == (pack.id, pack.year_from, pack.year_to)
        assert (entry.made.start, entry.made.end) == (pack.made.start, pack.made.end)
        assert entry.awards == tuple(award.id for award in pack.awards)


class TestChoiceByIndex:
    """Choosing by the index gives the pack and the reason the parsed packs give."""

    @pytest.mark.parametrize("year", range(2016, 2028))
    @pytest.mark.parametrize(
        "made_on", [None, "2019-03-01", "2023-12-31", "2024-01-01", "2025-06-30", "2025-07-01"]
    )
    def test_same_pack_and_reason(self, year: int, made_on: str | None) -> None:
        """For every year and date, the same pack (or none) with the same choice."""
        expected = choose_pack(shipped_packs(), year, made_on)
        if expected is None:
            with pytest.raises(MissingInputError, match="no rule pack covers"):
                shipped_pack_for(year, made_on)
            return
        assert shipped_pack_for(year, made_on) == expected
        assert shipped_award_ids(year, made_on) == [award.id for award in expected.awards]
