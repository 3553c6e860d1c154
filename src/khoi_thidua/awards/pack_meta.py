"""Parses a rule pack's metadata: its legal sources, proposal dates, notes and province caps."""

from __future__ import annotations

from khoi_thidua.awards.kinds.base import Condition
from khoi_thidua.awards.rules import (
    CAP_DENOMINATORS,
    DateRange,
    LegalSource,
    ProvinceCap,
)
from khoi_thidua.schema.fields import FieldReader, Table, join
from khoi_thidua.schema.shared import read_date

SOURCE_KEYS = ("title", "issuer", "date", "in_force", "read", "note")
MADE_KEYS = ("from", "to", "basis", "unverified")
CAP_KEYS = ("award", "percent", "of", "standard", "basis", "unverified")


def parse_sources(reader: FieldReader, doc: Table) -> list[LegalSource]:
    """``[[sources]]``: every legal text the pack relies on, with title, issuer and date."""
    sources: list[LegalSource] = []
    for path, table in reader.table_list(doc, "sources", ""):
        reader.known_keys(table, path, SOURCE_KEYS)
        title = reader.text(table, "title", path, required=True)
        issuer = reader.text(table, "issuer", path, required=True)
        date = read_date(reader, table, "date", path, required=True)
        in_force = read_date(reader, table, "in_force", path, required=False)
        read = reader.boolean(table, "read", path)
        note = reader.text(table, "note", path) or ""
        if title is not None and issuer is not None and date is not None:
            sources.append(LegalSource(title, issuer, date, read, in_force or "", note))
    return sources


def parse_made(reader: FieldReader, doc: Table) -> DateRange:
    """``made``: the dates of the proposals (conference or letter) this pack governs."""
    table = reader.table(doc, "made", "")
    if table is None:
        return DateRange()
    reader.known_keys(table, "made", MADE_KEYS)
    start = read_date(reader, table, "from", "made", required=False)
    end = read_date(reader, table, "to", "made", required=False)
    if start is not None and end is not None and end < start:
        reader.error(
            "made.to",
            reader.t("`to` comes before `from`"),
            reader.t("swap the two dates"),
            code="to-before-from",
        )
    return DateRange(
        start,
        end,
        reader.text(table, "basis", "made") or "",
        reader.boolean(table, "unverified", "made"),
    )


def parse_caps(reader: FieldReader, doc: Table, ids: list[str]) -> list[ProvinceCap]:
    """``[[caps]]``: province-wide caps, each naming what its percentage is taken of."""
    caps: list[ProvinceCap] = []
    for path, table in reader.table_list(doc, "caps", ""):
        reader.known_keys(table, path, CAP_KEYS)
        award_id = reader.choice(table, "award", path, ids)
        percent = reader.number(table, "percent", path, required=True, minimum=0, maximum=100)
        of = reader.choice(table, "of", path, CAP_DENOMINATORS, default="leaders")
        standard = ""
        if of == "standard":
            standard = reader.choice(table, "standard", path, ids) or ""
        elif "standard" in table:
            reader.error(
                join(path, "standard"),
                reader.t('`standard` goes with `of = "standard"`'),
                reader.t('remove `standard`, or set `of = "standard"`'),
                code="standard-without-of-standard",
            )
        if award_id is not None and percent is not None and of is not None:
            caps.append(
                ProvinceCap(
                    award_id,
                    percent,
                    reader.text(table, "basis", path) or "",
                    reader.boolean(table, "unverified", path),
                    of,
                    standard,
                )
            )
    return caps


def parse_notes(reader: FieldReader, doc: Table) -> list[tuple[str, str]]:
    """``notes``: each a `{ vi = "…", en = "…" }` table (or one text used in both languages)."""
    raw = doc.get("notes", [])
    if not isinstance(raw, list):
        reader.error("notes", reader.t("`notes` must be a list"), code="wrong-type")
        return []
    notes: list[tuple[str, str]] = []
    for index, item in enumerate(raw):
        path = f"notes[{index}]"
        if isinstance(item, str):
            notes.append((item, item))
        elif isinstance(item, dict):
            reader.known_keys(item, path, ("vi", "en"))
            vi = reader.text(item, "vi", path, required=True)
            en = reader.text(item, "en", path) or vi
            if vi is not None and en is not None:
                notes.append((vi, en))
        else:
            reader.error(
                path, reader.t("a note is a text or a table with `vi` and `en`"), code="wrong-type"
            )
    return notes


def check_siblings(reader: FieldReader, conditions: list[Condition], path: str) -> None:
    """What each condition of the award at ``path`` needs of the others (its kind says)."""
    for index, condition in enumerate(conditions):
        siblings = tuple(c for i, c in enumerate(conditions) if i != index)
        condition.spec.check_siblings(siblings, reader, f"{join(path, 'conditions')}[{index}]")
