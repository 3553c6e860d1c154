"""Turns a parsed ``bloc.toml`` into a Bloc, reporting every problem with its key and a fix."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from khoi_thidua.errors import Problem
from khoi_thidua.fields import FieldReader, Table, id_key, lookalike_note
from khoi_thidua.i18n import t
from khoi_thidua.model import (
    SCHEMA_VERSION,
    Bloc,
    DocumentSettings,
    Excusal,
    LeadershipRecord,
    Member,
    Policy,
    Scoring,
    ScoringCriterion,
)

POLICIES = tuple(policy.value for policy in Policy)
HEADERS = ("state", "party")
BALLOT_FORMS = ("tick", "strike", "agree")
TOP_KEYS = (
    "schema",
    "name",
    "organiser",
    "province",
    "rules",
    "rotation",
    "scoring",
    "documents",
    "members",
    "leadership",
    "excused",
)
MEMBER_KEYS = ("id", "name", "short", "joined", "left", "merged_into", "history_from", "note")
LEADERSHIP_KEYS = ("year", "chair", "vice_chair", "note", "signer", "signer_title")
EXCUSED_KEYS = ("member", "year", "reason")


def read_schema_version(reader: FieldReader, doc: Table) -> bool:
    """Check the ``schema`` key; False when the file cannot be read by this version."""
    version = reader.integer(doc, "schema", "", required=True)
    if version is not None and version != SCHEMA_VERSION:
        reader.error(
            "schema",
            t(
                "schema {version} is not supported (this khoi reads schema {supported})",
                version=version,
                supported=SCHEMA_VERSION,
            ),
            t("upgrade khoi, or check the number at the top of the file"),
        )
        return False
    return version is not None


def parse_bloc(
    doc: Table, bloc_id: str, file: str, lines: Mapping[str, int] | None = None
) -> tuple[Bloc | None, list[Problem]]:
    """Validate ``doc`` and build the Bloc; the Bloc is None when any error was found."""
    reader = FieldReader(file, lines)
    reader.known_keys(doc, "", TOP_KEYS)
    read_schema_version(reader, doc)
    name = reader.text(doc, "name", "", required=True)
    organiser = reader.text(doc, "organiser", "", required=True)
    province = reader.text(doc, "province", "") or ""
    rules = reader.text(doc, "rules", "") or None

    members = _members(reader, doc)
    policy, order = _rotation(reader, doc)
    scoring = _scoring(reader, doc)
    documents = _documents(reader, doc)
    leadership = _leadership(reader, doc)
    excused = _excused(reader, doc)

    if reader.ok:
        _cross_check(reader, members, order, leadership, excused)
    if not reader.ok or name is None or organiser is None:
        return None, reader.problems
    bloc = Bloc(
        id=bloc_id,
        name=name,
        organiser=organiser,
        province=province,
        rules_file=rules,
        members=tuple(members),
        order=tuple(order),
        policy=policy,
        leadership=tuple(sorted(leadership, key=lambda r: r.year)),
        excused=tuple(excused),
        scoring=scoring,
        documents=documents,
    )
    return bloc, reader.problems


def _members(reader: FieldReader, doc: Table) -> list[Member]:
    entries = reader.table_list(doc, "members", "")
    if not entries and doc.get("members", []) == []:
        reader.error(
            "members",
            t("the bloc has no members"),
            t("add a `[[members]]` table per unit"),
        )
    members: list[Member] = []
    for path, table in entries:
        reader.known_keys(table, path, MEMBER_KEYS)
        member_id = reader.identifier(table, "id", path)
        name = reader.text(table, "name", path, required=True)
        short = reader.text(table, "short", path) or ""
        joined = reader.year(table, "joined", path)
        left = reader.year(table, "left", path)
        merged_into = reader.identifier(table, "merged_into", path, required=False) or None
        note = reader.text(table, "note", path) or ""
        history_from = tuple(reader.text_list(table, "history_from", path))
        if joined is not None and left is not None and left <= joined:
            reader.error(
                f"{path}.left",
                t("`left` ({left}) must be after `joined` ({joined})", left=left, joined=joined),
                t("`left` is the first year the unit is no longer a member"),
            )
        if merged_into is not None and left is None:
            reader.error(
                f"{path}.left",
                t("a merged member needs `left`: the first year it is no longer a member"),
                t(
                    "add `left = <year>` to the member merged into `{successor}`",
                    successor=merged_into,
                ),
            )
        if member_id is not None and name is not None:
            members.append(
                Member(member_id, name, short, joined, left, merged_into, note, history_from)
            )
    return members


def _rotation(reader: FieldReader, doc: Table) -> tuple[Policy, list[str]]:
    table = reader.table(doc, "rotation", "", required=True)
    if table is None:
        return Policy.CIRCULAR, []
    reader.known_keys(table, "rotation", ("policy", "order"))
    policy = Policy(
        reader.choice(table, "policy", "rotation", POLICIES, default="circular") or "circular"
    )
    if policy is not Policy.CIRCULAR and "order" not in table:
        # Nobody takes turns in a bloc that elects or is appointed: the list's order will do.
        members = [m.get("id") for m in doc.get("members", []) if isinstance(m, dict)]
        return policy, [m for m in members if isinstance(m, str)]
    order = reader.text_list(table, "order", "rotation", required=True)
    return policy, order


def _scoring(reader: FieldReader, doc: Table) -> Scoring:
    table = reader.table(doc, "scoring", "")
    if table is None:
        return Scoring()
    reader.known_keys(table, "scoring", ("min", "max", "criteria"))
    low = reader.number(table, "min", "scoring")
    high = reader.number(table, "max", "scoring")
    low = 0.0 if low is None else low
    high = 100.0 if high is None else high
    if high <= low:
        reader.error(
            "scoring.max",
            t("`max` ({high}) must be above `min` ({low})", high=f"{high:g}", low=f"{low:g}"),
        )
    criteria: list[ScoringCriterion] = []
    seen: set[str] = set()
    for path, item in reader.table_list(table, "criteria", "scoring"):
        reader.known_keys(item, path, ("id", "name", "max"))
        cid = reader.identifier(item, "id", path)
        cname = reader.text(item, "name", path, required=True)
        cmax = reader.number(item, "max", path, required=True, minimum=0)
        if cid is not None and id_key(cid) in seen:
            reader.error(f"{path}.id", t("criterion `{id}` is listed twice", id=cid))
        if cid is not None and cname is not None and cmax is not None:
            seen.add(id_key(cid))
            criteria.append(ScoringCriterion(cid, cname, cmax))
    return Scoring(low, high, tuple(criteria))


def _documents(reader: FieldReader, doc: Table) -> DocumentSettings:
    table = reader.table(doc, "documents", "")
    if table is None:
        return DocumentSettings()
    reader.known_keys(
        table, "documents", ("header", "issuer", "place", "recipient", "ballot", "quorum")
    )
    quorum = reader.number(table, "quorum", "documents", minimum=0, maximum=1)
    return DocumentSettings(
        header=reader.choice(table, "header", "documents", HEADERS, default="state") or "state",
        issuer=reader.text(table, "issuer", "documents") or "",
        place=reader.text(table, "place", "documents") or "",
        recipient=reader.text(table, "recipient", "documents") or "",
        ballot=reader.choice(table, "ballot", "documents", BALLOT_FORMS, default="tick") or "tick",
        quorum=0.5 if quorum is None else quorum,
    )


def _leadership(reader: FieldReader, doc: Table) -> list[LeadershipRecord]:
    records: list[LeadershipRecord] = []
    for path, table in reader.table_list(doc, "leadership", ""):
        reader.known_keys(table, path, LEADERSHIP_KEYS)
        year = reader.year(table, "year", path, required=True)
        chair = reader.identifier(table, "chair", path)
        vice = reader.identifier(table, "vice_chair", path, required=False) or None
        note = reader.text(table, "note", path) or ""
        signer = reader.text(table, "signer", path) or ""
        signer_title = reader.text(table, "signer_title", path) or ""
        if year is not None and chair is not None:
            records.append(LeadershipRecord(year, chair, vice, note, signer, signer_title))
    return records


def _excused(reader: FieldReader, doc: Table) -> list[Excusal]:
    excused: list[Excusal] = []
    for path, table in reader.table_list(doc, "excused", ""):
        reader.known_keys(table, path, EXCUSED_KEYS)
        member = reader.identifier(table, "member", path)
        year = reader.year(table, "year", path, required=True)
        reason = reader.text(table, "reason", path, required=True)
        if member is not None and year is not None and reason is not None:
            excused.append(Excusal(member, year, reason))
    return excused


def _cross_check(
    reader: FieldReader,
    members: list[Member],
    order: list[str],
    leadership: list[LeadershipRecord],
    excused: list[Excusal],
) -> None:
    """References between sections: ids exist, are unique, and make sense in time."""
    by_id: dict[str, Member] = {}
    folded: dict[str, str] = {}
    duplicates: set[str] = set()  # folded ids already reported; references to them add nothing
    for index, member in enumerate(members):
        key = id_key(member.id)
        if key in folded:
            same = folded[key] == member.id
            reader.error(
                f"members[{index}].id",
                t("member id `{id}` is used twice", id=member.id)
                if same
                else t(
                    "member id `{id}` differs from `{other}` "
                    "only by case, accents or look-alike letters",
                    id=member.id,
                    other=folded[key],
                ),
                _with_note(t("give every member its own id"), member.id, folded[key]),
            )
            duplicates.add(key)
            continue
        folded[key] = member.id
        by_id[member.id] = member

    def known(member_id: str, key: str, unknown: str) -> Member | None:
        """The member ``member_id`` names; else ``unknown`` (the message) is reported."""
        if member_id in by_id:
            return by_id[member_id]
        if id_key(member_id) in duplicates:
            return None
        near = folded.get(id_key(member_id))
        hint = (
            _with_note(t("ids are exact: did you mean `{id}`?", id=near), member_id, near)
            if near
            else t("use one of the ids under [[members]]: {ids}", ids=", ".join(sorted(by_id)))
        )
        reader.error(key, unknown, hint)
        return None

    seen_order: set[str] = set()
    for index, member_id in enumerate(order):
        key = f"rotation.order[{index}]"
        if member_id in seen_order and id_key(member_id) not in duplicates:
            reader.error(
                key,
                t("`{id}` appears twice in the rotation order", id=member_id),
                t("list it once"),
            )
        seen_order.add(member_id)
        known(member_id, key, t("rotation order entry `{id}` is not a member id", id=member_id))
    for member in by_id.values():
        if member.id not in seen_order:
            reader.error(
                "rotation.order",
                t("member `{id}` is missing from the rotation order", id=member.id),
                t(
                    'add "{id}" to `order` where it takes its turn'
                    " (a member that left keeps its place; it is skipped)",
                    id=member.id,
                ),
            )

    for index, member in enumerate(members):
        if member.merged_into is None:
            continue
        target = known(
            member.merged_into,
            f"members[{index}].merged_into",
            t("merged_into `{id}` is not a member id", id=member.merged_into),
        )
        if target is not None and target.id == member.id:
            reader.error(f"members[{index}].merged_into", t("a member cannot merge into itself"))
    for index, member in enumerate(members):
        for position, source in enumerate(member.history_from):
            if getattr(by_id.get(source), "merged_into", None) != member.id:
                reader.error(
                    f"members[{index}].history_from[{position}]",
                    t("`{id}` is no member merged into `{to}`", id=source, to=member.id),
                    t('give the predecessor `merged_into = "{successor}"`', successor=member.id),
                )
    _check_merge_loops(reader, members, by_id)

    years_seen: dict[int, int] = {}
    for index, record in enumerate(leadership):
        path = f"leadership[{index}]"
        if record.year in years_seen:
            reader.error(
                f"{path}.year",
                t("leadership for {year} is recorded twice", year=record.year),
                t("keep one `[[leadership]]` entry for {year}", year=record.year),
            )
        years_seen[record.year] = index
        for role, role_id in (("chair", record.chair), ("vice_chair", record.vice_chair)):
            if role_id is None:
                continue
            unknown = (
                t("chair `{id}` is not a member id", id=role_id)
                if role == "chair"
                else t("vice_chair `{id}` is not a member id", id=role_id)
            )
            leader = known(role_id, f"{path}.{role}", unknown)
            if leader is not None and not leader.is_member_in(record.year):
                reader.error(
                    f"{path}.{role}",
                    t(
                        "`{id}` is not a member of the bloc in {year}",
                        id=role_id,
                        year=record.year,
                    ),
                    t("check the year, or the member's `joined`/`left`"),
                )
        if record.vice_chair is not None and record.vice_chair == record.chair:
            reader.error(
                f"{path}.vice_chair",
                t(
                    "chair and vice-chair are the same member (`{id}`) in {year}",
                    id=record.chair,
                    year=record.year,
                ),
                t("the vice-chair must be another member"),
            )

    excused_seen: set[tuple[str, int]] = set()
    for index, excusal in enumerate(excused):
        path = f"excused[{index}]"
        if (excusal.member, excusal.year) in excused_seen:
            reader.error(
                path,
                t("`{id}` is excused twice for {year}", id=excusal.member, year=excusal.year),
            )
        excused_seen.add((excusal.member, excusal.year))
        excused_member = known(
            excusal.member,
            f"{path}.member",
            t("excused member `{id}` is not a member id", id=excusal.member),
        )
        if excused_member is not None and not excused_member.is_member_in(excusal.year):
            reader.warning(
                f"{path}.year",
                t(
                    "`{id}` is not a member in {year}, so the excusal has no effect",
                    id=excusal.member,
                    year=excusal.year,
                ),
            )


def _with_note(hint: str, typed: str, known: str) -> str:
    note = lookalike_note(typed, known)
    return f"{hint} ({note})" if note else hint


def _check_merge_loops(reader: FieldReader, members: list[Member], by_id: dict[str, Any]) -> None:
    in_reported_loop: set[str] = set()  # one problem per loop, not one per member in it
    for index, member in enumerate(members):
        if member.id in in_reported_loop:
            continue
        seen = [member.id]
        current = member
        while current.merged_into is not None and current.merged_into in by_id:
            nxt = by_id[current.merged_into]
            if nxt.id in seen:
                if nxt.id == member.id and len(seen) > 1:
                    chain = " → ".join([*seen, nxt.id])
                    reader.error(
                        f"members[{index}].merged_into",
                        t("the merge chain loops: {chain}", chain=chain),
                        t("a unit merges into its successor, which cannot merge back"),
                    )
                    in_reported_loop.update(seen)
                break
            seen.append(nxt.id)
            current = nxt
