"""References between the sections of ``bloc.toml``: ids exist, are unique, and fit in time."""

from __future__ import annotations

from khoi_thidua.i18n import Messages
from khoi_thidua.model import Excusal, LeadershipRecord, Member
from khoi_thidua.schema.fields import FieldReader, id_key
from khoi_thidua.text_checks import lookalike_note


def check_references(
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
                reader.t("member id `{id}` is used twice", id=member.id)
                if same
                else reader.t(
                    "member id `{id}` differs from `{other}` "
                    "only by case, accents or look-alike letters",
                    id=member.id,
                    other=folded[key],
                ),
                _with_note(
                    reader.msgs, reader.t("give every member its own id"), member.id, folded[key]
                ),
                code="duplicate-id" if same else "lookalike-id",
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
            _with_note(
                reader.msgs,
                reader.t("ids are exact: did you mean `{id}`?", id=near),
                member_id,
                near,
            )
            if near
            else reader.t(
                "use one of the ids under [[members]]: {ids}", ids=", ".join(sorted(by_id))
            )
        )
        reader.error(key, unknown, hint, code="lookalike-id" if near else "unknown-member")
        return None

    seen_order: set[str] = set()
    for index, member_id in enumerate(order):
        key = f"rotation.order[{index}]"
        if member_id in seen_order and id_key(member_id) not in duplicates:
            reader.error(
                key,
                reader.t("`{id}` appears twice in the rotation order", id=member_id),
                reader.t("list it once"),
                code="duplicate-in-rotation",
            )
        seen_order.add(member_id)
        known(
            member_id, key, reader.t("rotation order entry `{id}` is not a member id", id=member_id)
        )
    for member in by_id.values():
        if member.id not in seen_order:
            reader.error(
                "rotation.order",
                reader.t("member `{id}` is missing from the rotation order", id=member.id),
                reader.t(
                    'add "{id}" to `order` where it takes its turn'
                    " (a member that left keeps its place; it is skipped)",
                    id=member.id,
                ),
                code="missing-from-rotation",
            )

    for index, member in enumerate(members):
        if member.merged_into is None:
            continue
        target = known(
            member.merged_into,
            f"members[{index}].merged_into",
            reader.t("merged_into `{id}` is not a member id", id=member.merged_into),
        )
        if target is not None and target.id == member.id:
            reader.error(
                f"members[{index}].merged_into",
                reader.t("a member cannot merge into itself"),
                code="merge-into-itself",
            )
    for index, member in enumerate(members):
        for position, source in enumerate(member.history_from):
            if getattr(by_id.get(source), "merged_into", None) != member.id:
                reader.error(
                    f"members[{index}].history_from[{position}]",
                    reader.t("`{id}` is no member merged into `{to}`", id=source, to=member.id),
                    reader.t(
                        'give the predecessor `merged_into = "{successor}"`', successor=member.id
                    ),
                    code="not-merged-into-target",
                )
    _check_merge_loops(reader, members, by_id)

    years_seen: dict[int, int] = {}
    for index, record in enumerate(leadership):
        path = f"leadership[{index}]"
        if record.year in years_seen:
            reader.error(
                f"{path}.year",
                reader.t("leadership for {year} is recorded twice", year=record.year),
                reader.t("keep one `[[leadership]]` entry for {year}", year=record.year),
                code="duplicate-leadership",
            )
        years_seen[record.year] = index
        for role, role_id in (("chair", record.chair), ("vice_chair", record.vice_chair)):
            if role_id is None:
                continue
            unknown = (
                reader.t("chair `{id}` is not a member id", id=role_id)
                if role == "chair"
                else reader.t("vice_chair `{id}` is not a member id", id=role_id)
            )
            leader = known(role_id, f"{path}.{role}", unknown)
            if leader is not None and not leader.is_member_in(record.year):
                reader.error(
                    f"{path}.{role}",
                    reader.t(
                        "`{id}` is not a member of the bloc in {year}",
                        id=role_id,
                        year=record.year,
                    ),
                    reader.t("check the year, or the member's `joined`/`left`"),
                    code="not-a-member",
                )
        if record.vice_chair is not None and record.vice_chair == record.chair:
            reader.error(
                f"{path}.vice_chair",
                reader.t(
                    "chair and vice-chair are the same member (`{id}`) in {year}",
                    id=record.chair,
                    year=record.year,
                ),
                reader.t("the vice-chair must be another member"),
                code="chair-is-vice-chair",
            )

    excused_seen: set[tuple[str, int]] = set()
    for index, excusal in enumerate(excused):
        path = f"excused[{index}]"
        if (excusal.member, excusal.year) in excused_seen:
            reader.error(
                path,
                reader.t(
                    "`{id}` is excused twice for {year}", id=excusal.member, year=excusal.year
                ),
                code="duplicate-excusal",
            )
        excused_seen.add((excusal.member, excusal.year))
        excused_member = known(
            excusal.member,
            f"{path}.member",
            reader.t("excused member `{id}` is not a member id", id=excusal.member),
        )
        if excused_member is not None and not excused_member.is_member_in(excusal.year):
            reader.warning(
                f"{path}.year",
                reader.t(
                    "`{id}` is not a member in {year}, so the excusal has no effect",
                    id=excusal.member,
                    year=excusal.year,
                ),
                code="excusal-of-non-member",
            )


def _with_note(msgs: Messages, hint: str, typed: str, known: str) -> str:
    note = lookalike_note(msgs, typed, known)
    return f"{hint} ({note})" if note else hint


def _check_merge_loops(
    reader: FieldReader, members: list[Member], by_id: dict[str, Member]
) -> None:
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
                        reader.t("the merge chain loops: {chain}", chain=chain),
                        reader.t("a unit merges into its successor, which cannot merge back"),
                        code="merge-loop",
                    )
                    in_reported_loop.update(seen)
                break
            seen.append(nxt.id)
            current = nxt
