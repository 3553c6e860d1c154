"""Turns parsed rule-pack TOML (and a bloc's override file) into a RulePack, or problems."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from khoi_thidua.awards.kinds import KINDS
from khoi_thidua.awards.kinds.base import VOTE_BASES, Condition, ParseContext, VoteBase
from khoi_thidua.awards.pack_meta import (
    check_siblings,
    parse_caps,
    parse_made,
    parse_notes,
    parse_sources,
)
from khoi_thidua.awards.rules import (
    CONDITION_KINDS,
    QUOTA_KINDS,
    TIE_BREAK_KEYS,
    TRACKS,
    AwardRule,
    Bracket,
    LeadingRule,
    Quota,
    RulePack,
)
from khoi_thidua.errors import Problem
from khoi_thidua.i18n import Messages
from khoi_thidua.schema.fields import FieldReader, Table, join

PACK_KEYS = (
    "schema",
    "id",
    "name",
    "years",
    "made",
    "basis",
    "sources",
    "notes",
    "tie_break",
    "leading",
    "votes_of",
    "awards",
    "caps",
)
LEADING_KEYS = ("standard", "units", "basis", "unverified")
AWARD_KEYS = ("id", "name", "name_en", "basis", "track", "quota", "conditions", "note")
QUOTA_KEYS = ("kind", "count", "brackets", "percent", "basis", "unverified")
COMMON_CONDITION_KEYS = ("kind", "basis", "unverified", "note")
SHARE_KEYS = {"more_than", "at_least", "advanced_share_at_least", "advanced_share_more_than"}
# pins, added awards and caps are read by awards/layers.py; this module reads the rest
OVERRIDE_KEYS = (
    "schema",
    "name",
    "tie_break",
    "leading",
    "votes_of",
    "awards",
    "note",
    "pins",
    "extra_awards",
    "caps",
)
AWARD_OVERRIDE_KEYS = ("quota", "conditions", "enabled")


def parse_pack(
    msgs: Messages, doc: Table, file: str, lines: Mapping[str, int] | None = None
) -> tuple[RulePack | None, list[Problem]]:
    reader = FieldReader(file, msgs, lines)
    reader.known_keys(doc, "", PACK_KEYS)
    reader.integer(doc, "schema", "", required=True)
    pack_id = reader.identifier(doc, "id", "")
    name = reader.text(doc, "name", "", required=True)
    basis = reader.text(doc, "basis", "") or ""
    notes = parse_notes(reader, doc)
    tie_break = _tie_break(reader, doc, "")
    years = reader.table(doc, "years", "", required=True) or {}
    reader.known_keys(years, "years", ("from", "to"))
    year_from = reader.year(years, "from", "years", required=True)
    year_to = reader.year(years, "to", "years")
    awards: list[AwardRule] = []
    ids: list[str] = []
    entries = reader.table_list(doc, "awards", "")
    for _, table in entries:
        if isinstance(table.get("id"), str):
            ids.append(table["id"])
    for path, table in entries:
        award = parse_award(reader, table, path, ids)
        if award is not None:
            if award.id in [a.id for a in awards]:
                reader.error(
                    f"{path}.id",
                    reader.t("award `{award}` is listed twice", award=award.id),
                    code="duplicate-award",
                )
            awards.append(award)
    if not entries:
        reader.error(
            "awards",
            reader.t("the pack lists no awards"),
            reader.t("add `[[awards]]` tables"),
            code="no-awards",
        )
    caps = parse_caps(reader, doc, ids)
    legal_sources = parse_sources(reader, doc)
    made = parse_made(reader, doc)
    leading = _leading(reader, doc, ids, LeadingRule())
    votes_of = _votes_of(reader, doc, "valid")
    if not reader.ok or pack_id is None or name is None or year_from is None:
        return None, reader.problems
    pack = RulePack(
        id=pack_id,
        name=name,
        year_from=year_from,
        year_to=year_to,
        basis=basis,
        awards=tuple(awards),
        tie_break=tuple(tie_break) if tie_break is not None else (),
        notes=tuple(notes),
        caps=tuple(caps),
        sources=(file,),
        legal_sources=tuple(legal_sources),
        made=made,
        leading=leading,
        votes_of=votes_of,
    )
    return pack, reader.problems


def _votes_of(reader: FieldReader, doc: Table, base: VoteBase) -> VoteBase:
    """``votes_of``: what vote shares are shares of (valid ballots unless said)."""
    value = reader.choice(doc, "votes_of", "", VOTE_BASES, default=base)
    return next((b for b in VOTE_BASES if b == value), base)


def _leading(reader: FieldReader, doc: Table, ids: list[str], base: LeadingRule) -> LeadingRule:
    """``leading``: the award whose standard a leading unit meets, and how many units lead."""
    table = reader.table(doc, "leading", "")
    if table is None:
        return base
    reader.known_keys(table, "leading", LEADING_KEYS)
    standard = base.standard
    if "standard" in table:
        standard = reader.choice(table, "standard", "leading", ids)
    units = reader.integer(table, "units", "leading", minimum=1, maximum=50)
    basis = reader.text(table, "basis", "leading")
    return LeadingRule(
        standard=standard,
        units=base.units if units is None else units,
        basis=base.basis if basis is None else basis,
        # a value a bloc sets itself is its own decision, not an unverified default
        unverified=reader.boolean(table, "unverified", "leading"),
    )


def _tie_break(reader: FieldReader, doc: Table, path: str) -> list[str] | None:
    if "tie_break" not in doc:
        return None
    keys = reader.text_list(doc, "tie_break", path)
    for index, key in enumerate(keys):
        if key not in TIE_BREAK_KEYS:
            reader.error(
                f"{join(path, 'tie_break')}[{index}]",
                reader.t("unknown tie-break key `{key}`", key=key),
                reader.t("one of: {choices}", choices=", ".join(TIE_BREAK_KEYS)),
                code="unknown-tie-break",
            )
    return keys


def parse_award(reader: FieldReader, table: Table, path: str, ids: list[str]) -> AwardRule | None:
    reader.known_keys(table, path, AWARD_KEYS)
    award_id = reader.identifier(table, "id", path)
    name = reader.text(table, "name", path, required=True)
    name_en = reader.text(table, "name_en", path) or ""
    basis = reader.text(table, "basis", path, required=True)
    track = reader.choice(table, "track", path, TRACKS, default="bloc")
    note = reader.text(table, "note", path) or ""
    quota_table = reader.table(table, "quota", path)
    quota = (
        parse_quota(reader, quota_table, join(path, "quota"))
        if quota_table is not None
        else Quota("none")
    )
    conditions: list[Condition] = []
    for cpath, ctable in reader.table_list(table, "conditions", path):
        condition = parse_condition(reader, ctable, cpath, ids)
        if condition is not None:
            conditions.append(condition)
    check_siblings(reader, conditions, path)
    if award_id is None or name is None or basis is None or track is None or quota is None:
        return None
    return AwardRule(award_id, name, name_en, basis, track, quota, tuple(conditions), note)


def parse_quota(reader: FieldReader, table: Table, path: str) -> Quota | None:
    reader.known_keys(table, path, QUOTA_KEYS)
    kind = reader.choice(table, "kind", path, QUOTA_KINDS)
    basis = reader.text(table, "basis", path) or ""
    unverified = reader.boolean(table, "unverified", path)
    if kind == "fixed":
        count = reader.integer(table, "count", path, required=True, minimum=0)
        return (
            None if count is None else Quota(kind, count=count, basis=basis, unverified=unverified)
        )
    if kind == "percent":
        percent = reader.number(table, "percent", path, required=True, minimum=0, maximum=100)
        if percent is None:
            return None
        return Quota(kind, percent=percent, basis=basis, unverified=unverified)
    if kind == "bracket":
        brackets: list[Bracket] = []
        for bpath, btable in reader.table_list(table, "brackets", path):
            reader.known_keys(btable, bpath, ("up_to", "count"))
            up_to = reader.integer(btable, "up_to", bpath, minimum=1)
            count = reader.integer(btable, "count", bpath, required=True, minimum=0)
            if count is not None:
                brackets.append(Bracket(up_to, count))
        if not brackets:
            reader.error(
                join(path, "brackets"),
                reader.t("a bracket quota needs `brackets`"),
                code="missing-brackets",
            )
            return None
        bounds = [b.up_to for b in brackets]
        if any(b is None for b in bounds[:-1]) or bounds != sorted(
            bounds, key=lambda b: float("inf") if b is None else b
        ):
            reader.error(
                join(path, "brackets"),
                reader.t("brackets must go up in `up_to`, only the last may leave `up_to` out"),
                code="brackets-out-of-order",
            )
            return None
        return Quota(kind, brackets=tuple(brackets), basis=basis, unverified=unverified)
    if kind == "none":
        return Quota(kind, basis=basis, unverified=unverified)
    return None


def parse_condition(
    reader: FieldReader, table: Table, path: str, award_ids: list[str]
) -> Condition | None:
    """One condition table: its kind's parameters (checked by the kind) and its basis."""
    kind = reader.choice(table, "kind", path, CONDITION_KINDS)
    if kind is None:
        return None
    spec_class = KINDS[kind]
    reader.known_keys(table, path, COMMON_CONDITION_KEYS + spec_class.keys)

    def nested(inner: FieldReader, inner_table: Table, inner_path: str) -> Condition | None:
        return parse_condition(inner, inner_table, inner_path, award_ids)

    spec = spec_class.parse(reader, table, path, ParseContext(tuple(award_ids), nested))
    basis = reader.text(table, "basis", path) or ""
    note = reader.text(table, "note", path) or ""
    unverified = reader.boolean(table, "unverified", path)
    if spec is None:
        return None
    return Condition(spec, basis, unverified, note)


def apply_override(
    msgs: Messages, pack: RulePack, doc: Table, file: str, lines: Mapping[str, int] | None = None
) -> tuple[RulePack | None, list[Problem]]:
    """The pack with a bloc's overrides of quotas, thresholds and tie-breaks applied."""
    reader = FieldReader(file, msgs, lines)
    reader.known_keys(doc, "", OVERRIDE_KEYS)
    reader.integer(doc, "schema", "", required=True)
    tie_break = _tie_break(reader, doc, "")
    ids = [a.id for a in pack.awards]
    awards = {a.id: a for a in pack.awards}
    removed: set[str] = set()
    overrides = reader.table(doc, "awards", "") or {}
    for award_id, table in overrides.items():
        path = join("awards", award_id)
        if award_id not in awards:
            reader.error(
                path,
                reader.t("unknown award id `{award}`", award=award_id),
                reader.t("award ids: {ids}", ids=", ".join(ids)),
                code="unknown-award",
            )
            continue
        if not isinstance(table, dict):
            reader.error(
                path, reader.t("`{award}` must be a table", award=award_id), code="wrong-type"
            )
            continue
        reader.known_keys(table, path, AWARD_OVERRIDE_KEYS)
        if not reader.boolean(table, "enabled", path, default=True):
            removed.add(award_id)
            continue
        award = awards[award_id]
        quota_table = reader.table(table, "quota", path)
        if quota_table is not None:
            quota = parse_quota(reader, quota_table, join(path, "quota"))
            if quota is not None:
                award = dataclasses.replace(award, quota=dataclasses.replace(quota, set_in=file))
        conditions = list(award.conditions)
        changes = reader.table(table, "conditions", path) or {}
        for kind, change in changes.items():
            cpath = join(join(path, "conditions"), kind)
            if kind not in CONDITION_KINDS:
                reader.error(
                    cpath,
                    reader.t("unknown condition kind `{kind}`", kind=kind),
                    reader.t("one of: {choices}", choices=", ".join(CONDITION_KINDS)),
                    code="unknown-condition-kind",
                )
                continue
            index = next((i for i, c in enumerate(conditions) if c.kind == kind), None)
            if change is False:  # drops every condition of the kind
                conditions = [c for c in conditions if c.kind != kind]
                continue
            if not isinstance(change, dict):
                reader.error(
                    cpath,
                    reader.t("a condition override is a table, or `false` to drop it"),
                    code="wrong-type",
                )
                continue
            base: dict[str, Any] = {}
            if index is not None:
                old = conditions[index]
                base = {k: v for k, v in old.params.items() if v is not None}
                if SHARE_KEYS & set(change):
                    # a new share replaces the old one, whichever form ("at least"/"more than")
                    base = {k: v for k, v in base.items() if k not in SHARE_KEYS}
                base.update(basis=old.basis, note=old.note)
            merged = {**base, **change, "kind": kind}
            condition = parse_condition(reader, merged, cpath, ids)
            if condition is None:
                continue
            # A value the bloc set itself is its own decision, not an unverified default.
            condition = dataclasses.replace(
                condition, unverified=bool(change.get("unverified", False)), set_in=file
            )
            if index is None:
                conditions.append(condition)
            else:
                conditions[index] = condition
        check_siblings(reader, conditions, path)
        awards[award_id] = dataclasses.replace(award, conditions=tuple(conditions))
    if not reader.ok:
        return None, reader.problems
    leading = _leading(reader, doc, ids, pack.leading)
    if leading.standard in removed:
        # With its standard's award switched off, the bloc's leaders are its best-ranked units.
        leading = dataclasses.replace(leading, standard=None)
    new_pack = dataclasses.replace(
        pack,
        leading=leading,
        votes_of=_votes_of(reader, doc, pack.votes_of),
        awards=tuple(awards[a.id] for a in pack.awards if a.id not in removed),
        tie_break=tuple(tie_break) if tie_break is not None else pack.tie_break,
        sources=(*pack.sources, file),
    )
    return new_pack, reader.problems
