"""The kinds of file khoi reads or writes, each in one entry: its name, limits and protection.

A new kind of file (a plan, a scoring sheet, a tally sheet, a report) is one entry here, and
gets the same guards on reading (regular file only, size, structure limits checked before any
parser sees the bytes) and the same protection against exports as the others.
"""

from __future__ import annotations

import functools
import re
from enum import StrEnum
from pathlib import Path

from khoi_thidua.records import record

BLOC_FILE = "bloc.toml"
PROVINCE_FILE = "quy-che.toml"  # the province's Quy chế, beside the bloc folders
PACK_INDEX_FILE = "pack_index.toml"  # shipped with khoi, beside its rule packs
MIB = 1024 * 1024


class Form(StrEnum):
    """How a kind of file is opened, which decides the structure guards that apply to it."""

    TOML = "toml"  # UTF-8 TOML text
    OFFICE = "office"  # a zip of XML parts (.xlsx, .docx)
    CSV = "csv"  # UTF-8 comma- or semicolon-separated text


@record
class Limits:
    """Structure limits checked before a parser sees the file (0: no limit of that sort)."""

    line_chars: int = 0  # TOML: longest line; CSV: longest first (header) line
    key_parts: int = 0  # TOML: parts of one dotted key or [table.header]
    depth: int = 0  # TOML: lists and inline tables nested in each other
    integer_digits: int = 0  # TOML: digits of one integer
    entries: int = 0  # zip: members
    unpacked_bytes: int = 0  # zip: total declared uncompressed size
    part_bytes: int = 0  # zip: declared uncompressed size of one XML member (parsed in memory)
    ratio: int = 0  # zip: uncompressed / compressed size of one member over 1 MiB


TOML_LIMITS = Limits(line_chars=64 * 1024, key_parts=32, depth=32, integer_digits=30)
# A workbook's sheets are streamed (read-only mode), but its shared strings are held whole; a
# Word template is parsed whole, so its XML parts get a tighter bound. Pictures are not parsed:
# they count only towards the total.
WORKBOOK_LIMITS = Limits(entries=2_000, unpacked_bytes=128 * MIB, part_bytes=16 * MIB, ratio=200)
DOCX_LIMITS = Limits(entries=2_000, unpacked_bytes=128 * MIB, part_bytes=8 * MIB, ratio=200)
CSV_LIMITS = Limits(line_chars=64 * 1024)


class Place(StrEnum):
    """Where a kind of file lives."""

    BLOC = "bloc"  # in a bloc folder
    ROOT = "root"  # in the data root, beside the bloc folders
    ANYWHERE = "anywhere"  # wherever the user keeps it (workbooks, templates, exports)


@record
class FileKind:
    """One kind of file: how it is recognised, how large it may be, whether it is data."""

    id: str
    description: str
    pattern: str  # a regular expression matched against the file name, case-insensitively
    place: Place
    max_bytes: int
    data: bool  # a data file: read by khoi, changed only by its own locked writers
    form: Form = Form.TOML
    limits: Limits = TOML_LIMITS
    name_format: str = ""  # a yearly file's name with {year}; "" for a family of names

    def file_name(self, year: int) -> str:
        """The name of this kind's file for ``year`` (a yearly kind: results, plan, scores)."""
        if not self.name_format:
            raise ValueError(f"{self.id} files have no name of their own")
        return self.name_format.format(year=year)

    def year_of(self, name: str) -> int | None:
        """The year in ``name`` when it is exactly this yearly kind's name (case counts)."""
        match = _exact(self.pattern).match(name) if self.name_format else None
        return int(match.group(1)) if match else None


def _kind(
    id: str,
    description: str,
    pattern: str,
    place: Place,
    max_mib: int,
    data: bool,
    form: Form = Form.TOML,
    limits: Limits = TOML_LIMITS,
    name_format: str = "",
) -> FileKind:
    return FileKind(id, description, pattern, place, max_mib * MIB, data, form, limits, name_format)


KINDS: tuple[FileKind, ...] = (
    _kind("bloc", "the bloc's members and leadership", r"^bloc\.toml$", Place.BLOC, 5, True),
    _kind(
        "results",
        "a year's results",
        r"^results-(\d{4})\.toml$",
        Place.BLOC,
        5,
        True,
        name_format="results-{year}.toml",
    ),
    _kind(
        "plan",
        "a year's plan",
        r"^plan-(\d{4})\.toml$",
        Place.BLOC,
        5,
        True,
        name_format="plan-{year}.toml",
    ),
    _kind(
        "scores",
        "a year's recorded scores",
        r"^scores-(\d{4})\.toml$",
        Place.BLOC,
        5,
        True,
        name_format="scores-{year}.toml",
    ),
    # Any other TOML file in a bloc folder or the data root is a rules override or a plan.
    _kind("bloc-toml", "rules or plans of a bloc", r"\.toml$", Place.BLOC, 5, True),
    _kind("root-toml", "the province's rules or plans", r"\.toml$", Place.ROOT, 5, True),
    _kind(
        "scoring",
        "a scoring workbook",
        r"^(tu-cham|cham-cheo|dang-ky)-.*\.xlsx$",
        Place.ANYWHERE,
        20,
        False,
        Form.OFFICE,
        WORKBOOK_LIMITS,
    ),
    _kind(
        "workbook",
        "an Excel workbook",
        r"\.xlsx$",
        Place.ANYWHERE,
        20,
        False,
        Form.OFFICE,
        WORKBOOK_LIMITS,
    ),
    _kind("csv", "a CSV sheet", r"\.csv$", Place.ANYWHERE, 20, False, Form.CSV, CSV_LIMITS),
    _kind(
        "docx",
        "a Word document or template",
        r"\.docx$",
        Place.ANYWHERE,
        20,
        False,
        Form.OFFICE,
        DOCX_LIMITS,
    ),
)
BY_ID = {kind.id: kind for kind in KINDS}


def kind_named(id: str) -> FileKind:
    """The registry entry with this id (a reader says which kind of file it expects)."""
    return BY_ID[id]


def kind_of(path: Path) -> FileKind | None:
    """The kind of ``path`` judged from its name and folder, or None for an unknown file."""
    for kind in KINDS:
        if _compiled(kind.pattern).search(path.name) and _in_place(path, kind.place):
            return kind
    return None


def is_data_file(path: Path) -> bool:
    """True when ``path`` (already resolved) names a data file of a bloc or of the data root."""
    kind = kind_of(path)
    return kind is not None and kind.data


def _in_place(path: Path, place: Place) -> bool:
    folder = path.parent
    if place is Place.ANYWHERE:
        return True
    if place is Place.BLOC:
        return (folder / BLOC_FILE).is_file() or path.name.lower() == BLOC_FILE
    try:
        return any((sub / BLOC_FILE).is_file() for sub in folder.iterdir() if sub.is_dir())
    except OSError:
        return False


@functools.cache
def _exact(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


@functools.cache
def _compiled(pattern: str) -> re.Pattern[str]:
    # Compiled when first matched: a command that never judges a file name pays nothing.
    return re.compile(pattern, re.IGNORECASE)
