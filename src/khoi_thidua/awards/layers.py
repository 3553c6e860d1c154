"""A rules file's parts beyond value overrides: pins of a pack, added awards, province caps."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

from khoi_thidua.awards.pack_meta import check_siblings
from khoi_thidua.awards.rules import CAP_DENOMINATORS, AwardRule, RulePack
from khoi_thidua.errors import Problem
from khoi_thidua.i18n import Messages
from khoi_thidua.records import record
from khoi_thidua.schema.fields import FieldReader, Table, join
from khoi_thidua.schema.pack import parse_award

PIN_KEYS = ("year", "pack", "basis")
CAP_OVERRIDE_KEYS = ("percent", "of", "standard", "basis")


@record
class Pin:
    """A rules file's decision that results of ``year`` are judged under pack ``pack``."""

    year: int
    pack: str
    basis: str
    file: str


def parse_pins(
    msgs: Messages,
    doc: Table,
    file: str,
    pack_ids: list[str],
    lines: Mapping[str, int] | None = None,
) -> tuple[list[Pin], list[Problem]]:
    """``[[pins]]``: `year` and `pack`, one pin per year."""
    reader = FieldReader(file, msgs, lines)
    pins: list[Pin] = []
    for path, table in reader.table_list(doc, "pins", ""):
        reader.known_keys(table, path, PIN_KEYS)
        year = reader.year(table, "year", path, required=True)
        pack = reader.choice(table, "pack", path, pack_ids)
        if year is not None and any(p.year == year for p in pins):
            reader.error(
                join(path, "year"),
                reader.t("{year} is pinned twice", year=year),
                code="duplicate-pin",
            )
        if year is not None and pack is not None:
            pins.append(Pin(year, pack, reader.text(table, "basis", path) or "", file))
    return pins, reader.problems


def add_awards(
    msgs: Messages, pack: RulePack, doc: Table, file: str, lines: Mapping[str, int] | None = None
) -> tuple[RulePack | None, list[Problem]]:
    """The pack with the file's ``[[extra_awards]]`` (awards the pack lacks) inserted, each
    right after the award named by its ``after`` key (first when ``after`` is left out)."""
    reader = FieldReader(file, msgs, lines)
    awards = list(pack.awards)
    entries = reader.table_list(doc, "extra_awards", "")
    ids = [a.id for a in awards] + [
        table["id"] for _, table in entries if isinstance(table.get("id"), str)
    ]
    for path, table in entries:
        after = table.get("after")
        body = {k: v for k, v in table.items() if k != "after"}
        award = parse_award(reader, body, path, ids)
        if award is None:
            continue
        check_siblings(reader, list(award.conditions), path)
        if award.id in [a.id for a in awards]:
            reader.error(
                join(path, "id"),
                reader.t("award `{award}` is already in the rule pack", award=award.id),
                reader.t("change the values with `[awards.{award}]` instead", award=award.id),
                code="duplicate-award",
            )
            continue
        position = 0
        if after is not None:
            known = [a.id for a in awards]
            if after not in known:
                reader.error(
                    join(path, "after"),
                    reader.t("unknown award id `{award}`", award=after),
                    reader.t("award ids: {ids}", ids=", ".join(known)),
                    code="unknown-award",
                )
                continue
            position = known.index(after) + 1
        awards.insert(position, _added(award, file))
    if not reader.ok:
        return None, reader.problems
    return dataclasses.replace(pack, awards=tuple(awards)), reader.problems


def _added(award: AwardRule, file: str) -> AwardRule:
    """An award a rules file adds: every value in it is that file's own decision."""
    return dataclasses.replace(
        award,
        added_in=file,
        quota=dataclasses.replace(award.quota, set_in=file),
        conditions=tuple(dataclasses.replace(c, set_in=file) for c in award.conditions),
    )


def override_caps(
    msgs: Messages, pack: RulePack, doc: Table, file: str, lines: Mapping[str, int] | None = None
) -> tuple[RulePack | None, list[Problem]]:
    """The pack with the province's ``[caps.<award>]`` values (percent, what it counts)."""
    reader = FieldReader(file, msgs, lines)
    caps = {c.award: c for c in pack.caps}
    ids = [a.id for a in pack.awards]
    for award_id, table in (reader.table(doc, "caps", "") or {}).items():
        path = join("caps", award_id)
        if award_id not in caps or not isinstance(table, dict):
            reader.error(
                path,
                reader.t("no province-wide cap on `{award}` in the rule pack", award=award_id),
                reader.t("caps of this pack: {ids}", ids=", ".join(caps) or reader.t("none")),
                code="no-province-cap",
            )
            continue
        reader.known_keys(table, path, CAP_OVERRIDE_KEYS)
        cap = caps[award_id]
        percent = reader.number(table, "percent", path, minimum=0, maximum=100)
        of = reader.choice(table, "of", path, CAP_DENOMINATORS, default=cap.of) or cap.of
        standard = cap.standard
        if of == "standard":
            standard = reader.choice(table, "standard", path, ids) or cap.standard
            if not standard:
                reader.error(
                    join(path, "standard"),
                    reader.t('`of = "standard"` needs `standard`'),
                    code="missing-standard",
                )
        caps[award_id] = dataclasses.replace(
            cap,
            percent=cap.percent if percent is None else percent,
            of=of,
            standard=standard if of == "standard" else "",
            basis=reader.text(table, "basis", path) or cap.basis,
            unverified=False,
            set_in=file,
        )
    if not reader.ok:
        return None, reader.problems
    return dataclasses.replace(pack, caps=tuple(caps.values())), reader.problems
