"""The shipped packs' index (``awards/pack_index.toml``): which pack a year's proposal falls
under, and which award ids a results file may name, without parsing every pack."""

from __future__ import annotations

import datetime as dt
import functools
import tomllib
from importlib import resources
from typing import Any, NamedTuple

from khoi_thidua.awards.rules import DateRange
from khoi_thidua.store.kinds import PACK_INDEX_FILE

INDEX_FILE = PACK_INDEX_FILE


class PackEntry(NamedTuple):
    """One shipped pack as the index lists it (tests keep it equal to the pack)."""

    file: str  # its file under awards/packs/
    id: str
    year_from: int
    year_to: int | None
    made: DateRange  # the dates of the proposals it governs (the pack itself says why)
    awards: tuple[str, ...]  # every award id, in the pack's order

    def covers(self, year: int) -> bool:
        return self.year_from <= year and (self.year_to is None or year <= self.year_to)


@functools.cache
def pack_index() -> tuple[PackEntry, ...]:
    """The shipped packs, oldest regime first."""
    text = (resources.files("khoi_thidua.awards") / INDEX_FILE).read_text(encoding="utf-8")
    entries = [_entry(item) for item in tomllib.loads(text)["packs"]]
    return tuple(sorted(entries, key=lambda e: e.year_from))


def _entry(item: dict[str, Any]) -> PackEntry:
    years, made = item["years"], item.get("made", {})
    dates = DateRange(_iso(made.get("from")), _iso(made.get("to")))
    return PackEntry(
        item["file"], item["id"], years["from"], years.get("to"), dates, tuple(item["awards"])
    )


def _iso(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()
