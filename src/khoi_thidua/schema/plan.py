"""Turns a parsed ``plan-YYYY.toml`` into a Plan checked against the bloc, each problem located."""

from __future__ import annotations

from collections.abc import Mapping

from khoi_thidua.errors import Problem
from khoi_thidua.i18n import Messages
from khoi_thidua.model import Bloc, Rating
from khoi_thidua.plan import (
    Adjustment,
    Adjustments,
    CriteriaGroup,
    Criterion,
    Disqualifier,
    Effect,
    FinalMethod,
    Plan,
    Pledge,
    PledgeTarget,
    Rounding,
    Team,
)
from khoi_thidua.schema.bloc import read_file_year
from khoi_thidua.schema.fields import FieldReader, Table, id_key, join
from khoi_thidua.schema.shared import member_this_year, rating_hint, read_date, used_twice
from khoi_thidua.schema.wording import one_of

TOP_KEYS: tuple[str, ...] = ("schema", "year", "note", "dates", "method", "groups", "bonus")
TOP_KEYS += ("penalty", "disqualifying", "teams", "cross", "pledge")
METHOD_KEYS = ("final", "decimals", "rounding", "flag_difference", "write_rating_cap")
MAX_DECIMALS = 4


def parse_plan(
    msgs: Messages,
    doc: Table,
    bloc: Bloc,
    year: int,
    file: str,
    lines: Mapping[str, int] | None = None,
) -> tuple[Plan | None, list[Problem]]:
    """Validate ``doc`` as the plan of ``bloc`` for ``year``; the Plan is None on any error."""
    reader = FieldReader(file, msgs, lines)
    reader.known_keys(doc, "", TOP_KEYS)
    read_file_year(
        reader,
        doc,
        year,
        lambda stated: reader.t(
            "rename the file to plan-{stated}.toml or fix `year`", stated=stated
        ),
    )
    note = reader.text(doc, "note", "") or ""
    pledge_date, mid_year_date = _dates(reader, doc, year)
    method, decimals, rounding, flag, write_cap = _method(reader, doc)
    groups = _groups(reader, doc)
    bonus = _adjustments(reader, doc, "bonus")
    penalty = _adjustments(reader, doc, "penalty")
    disqualifiers = _disqualifiers(reader, doc)
    active = [m.id for m in bloc.members if m.is_member_in(year)]
    teams = _teams(reader, doc, active)
    assignments = _assignments(reader, doc, active, teams)
    criterion_ids = [c.id for g in groups for c in g.criteria]
    pledge = _pledge(reader, doc, criterion_ids)
    if method is not FinalMethod.AGREED:
        _check_scorer_counts(reader, method, active, assignments)
    if not reader.ok:
        return None, reader.problems
    return (
        Plan(
            year=year,
            source=file,
            groups=tuple(groups),
            bonus=bonus,
            penalty=penalty,
            disqualifiers=tuple(disqualifiers),
            method=method,
            decimals=decimals,
            rounding=rounding,
            flag_difference=flag,
            write_rating_cap=write_cap,
            teams=tuple(teams),
            assignments=tuple(assignments),
            pledge=pledge,
            pledge_date=pledge_date,
            mid_year_date=mid_year_date,
            note=note,
        ),
        reader.problems,
    )


def _dates(reader: FieldReader, doc: Table, year: int) -> tuple[str, str]:
    table = reader.table(doc, "dates", "") or {}
    reader.known_keys(table, "dates", ("pledge", "mid_year"))
    pledge = read_date(reader, table, "pledge", "dates", text=False) or ""
    mid_year = read_date(reader, table, "mid_year", "dates", text=False) or ""
    if mid_year and not mid_year.startswith(str(year)):
        reader.warning(
            "dates.mid_year",
            reader.t("the mid-year review of {year} is dated {date}", year=year, date=mid_year),
            reader.t(
                "the six-month review (sơ kết 6 tháng) is held within the year; check the date"
            ),
            code="mid-year-review-date",
        )
    if pledge and mid_year and pledge > mid_year:
        reader.error(
            "dates.pledge",
            reader.t(
                "the pledge is signed on {pledge}, after the mid-year review on {mid_year}",
                pledge=pledge,
                mid_year=mid_year,
            ),
            reader.t("the pledge (giao ước) is signed at the start of the year; check both dates"),
            code="pledge-after-review",
        )
    return pledge, mid_year


def _method(reader: FieldReader, doc: Table) -> tuple[FinalMethod, int, Rounding, float, bool]:
    table = reader.table(doc, "method", "") or {}
    reader.known_keys(table, "method", METHOD_KEYS)
    final = reader.choice(
        table,
        "final",
        "method",
        [m.value for m in FinalMethod],
        default=FinalMethod.AGREED.value,
    )
    decimals = reader.integer(table, "decimals", "method", minimum=0, maximum=MAX_DECIMALS)
    rounding = reader.choice(
        table, "rounding", "method", [r.value for r in Rounding], default=Rounding.HALF_UP.value
    )
    flag = reader.number(table, "flag_difference", "method", minimum=0)
    return (
        FinalMethod(final or FinalMethod.AGREED.value),
        2 if decimals is None else decimals,
        Rounding(rounding or Rounding.HALF_UP.value),
        1.0 if flag is None else flag,
        reader.boolean(table, "write_rating_cap", "method"),
    )


def _groups(reader: FieldReader, doc: Table) -> list[CriteriaGroup]:
    if "groups" not in doc:
        reader.error(
            "groups",
            reader.t("the plan has no scoring table"),
            reader.t("add `[[groups]]` with `[[groups.criteria]]` (id, name, max) under it"),
            code="no-scoring-table",
        )
        return []
    groups: list[CriteriaGroup] = []
    seen_groups: set[str] = set()
    seen: set[str] = set()
    for path, table in reader.table_list(doc, "groups", ""):
        reader.known_keys(table, path, ("id", "name", "criteria"))
        gid = reader.identifier(table, "id", path)
        name = reader.text(table, "name", path, required=True)
        if gid is not None and used_twice(reader, f"{path}.id", gid, seen_groups):
            gid = None
        criteria: list[Criterion] = []
        items = reader.table_list(table, "criteria", path)
        if not items and "criteria" not in table:
            reader.error(
                join(path, "criteria"),
                reader.t("group `{id}` has no criteria", id=gid or "?"),
                reader.t("add `[[groups.criteria]]` entries (id, name, max) under it"),
                code="empty-group",
            )
        for cpath, item in items:
            reader.known_keys(item, cpath, ("id", "name", "max"))
            cid = reader.identifier(item, "id", cpath)
            cname = reader.text(item, "name", cpath, required=True)
            cmax = reader.number(item, "max", cpath, required=True, minimum=0)
            if cmax == 0:
                reader.error(
                    f"{cpath}.max",
                    reader.t("a criterion's maximum must be above 0"),
                    code="out-of-range",
                )
                cmax = None
            if cid is not None and used_twice(reader, f"{cpath}.id", cid, seen):
                cid = None
            if cid and cname is not None and cmax is not None and gid:
                criteria.append(Criterion(cid, cname, cmax, gid))
        if gid and name is not None:
            groups.append(CriteriaGroup(gid, name, tuple(criteria)))
    return groups


def _adjustments(reader: FieldReader, doc: Table, key: str) -> Adjustments:
    table = reader.table(doc, key, "")
    if table is None:
        return Adjustments()
    reader.known_keys(table, key, ("limit", "items"))
    items: list[Adjustment] = []
    seen: set[str] = set()
    for path, item in reader.table_list(table, "items", key):
        reader.known_keys(item, path, ("id", "name", "max"))
        aid = reader.identifier(item, "id", path)
        name = reader.text(item, "name", path, required=True)
        amax = reader.number(item, "max", path, required=True, minimum=0)
        if aid is not None and used_twice(reader, f"{path}.id", aid, seen):
            aid = None
        if aid and name is not None and amax is not None:
            items.append(Adjustment(aid, name, amax))
    limit = reader.number(table, "limit", key, minimum=0)
    if limit is None:
        limit = sum(a.max for a in items)
    for index, adjustment in enumerate(items):
        if adjustment.max > limit:
            reader.warning(
                f"{key}.items[{index}].max",
                reader.t(
                    "item `{id}` allows {points} points but the limit of [{key}] is {limit}",
                    id=adjustment.id,
                    points=f"{adjustment.max:g}",
                    key=key,
                    limit=f"{limit:g}",
                ),
                reader.t("the limit wins: no unit gets more than it"),
                code="points-over-limit",
            )
    return Adjustments(tuple(items), limit)


def _disqualifiers(reader: FieldReader, doc: Table) -> list[Disqualifier]:
    out: list[Disqualifier] = []
    seen: set[str] = set()
    for path, item in reader.table_list(doc, "disqualifying", ""):
        reader.known_keys(item, path, ("id", "name", "effect", "cap"))
        did = reader.identifier(item, "id", path)
        name = reader.text(item, "name", path, required=True)
        effect = reader.choice(item, "effect", path, [e.value for e in Effect])
        cap: Rating | None = None
        if effect == Effect.CAP.value:
            cap_id = reader.choice(
                item, "cap", path, [r.value for r in Rating], hint=rating_hint(reader.msgs)
            )
            cap = Rating(cap_id) if cap_id else None
        elif effect == Effect.EXCLUDE.value and "cap" in item:
            reader.error(
                f"{path}.cap",
                reader.t(
                    '`cap` is only for `effect = "cap"`; an excluded unit has no rating to cap'
                ),
                reader.t('remove `cap`, or set `effect = "cap"`'),
                code="cap-without-cap-effect",
            )
        if did is not None and used_twice(reader, f"{path}.id", did, seen):
            did = None
        usable = effect == Effect.EXCLUDE.value or cap is not None
        if did and name is not None and effect is not None and usable:
            out.append(Disqualifier(did, name, Effect(effect), cap))
    return out


def _teams(reader: FieldReader, doc: Table, active: list[str]) -> list[Team]:
    out: list[Team] = []
    seen: set[str] = set()
    for path, item in reader.table_list(doc, "teams", ""):
        reader.known_keys(item, path, ("id", "name", "members"))
        tid = reader.identifier(item, "id", path)
        name = reader.text(item, "name", path) or ""
        members = reader.text_list(item, "members", path, required=True)
        if tid is not None and id_key(tid) in {id_key(m) for m in active}:
            reader.error(
                f"{path}.id",
                reader.t("team id `{id}` is also a member id", id=tid),
                reader.t("give the team its own id, e.g. `to-1`"),
                code="team-is-member",
            )
            tid = None
        if tid is not None and used_twice(reader, f"{path}.id", tid, seen):
            tid = None
        good = [m for m in members if member_this_year(reader, f"{path}.members", m, active)]
        if tid and len(good) == len(members):
            out.append(Team(tid, name, tuple(members)))
    return out


def _assignments(
    reader: FieldReader, doc: Table, active: list[str], teams: list[Team]
) -> list[tuple[str, tuple[str, ...]]]:
    table = reader.table(doc, "cross", "")
    if table is None:
        return []
    team_members = {team.id: team.members for team in teams}
    out: list[tuple[str, tuple[str, ...]]] = []
    for scorer in table:
        key = join("cross", scorer)
        if scorer not in active and scorer not in team_members:
            reader.error(
                key,
                reader.t(
                    "scorer `{id}` is neither a member of the bloc this year nor a team", id=scorer
                ),
                reader.t("use a member id or a team id from `[[teams]]`"),
                code="unknown-scorer",
            )
            continue
        units = reader.text_list(table, scorer, "cross", required=True)
        own = team_members.get(scorer, (scorer,))
        good: list[str] = []
        for unit in units:
            if not member_this_year(reader, key, unit, active):
                continue
            if unit in own:
                reader.error(
                    key,
                    reader.t(
                        "`{scorer}` is assigned to score `{unit}`, its own unit",
                        scorer=scorer,
                        unit=unit,
                    ),
                    reader.t(
                        "a unit never cross-scores itself; give `{unit}` to another scorer",
                        unit=unit,
                    ),
                    code="self-scoring",
                )
            elif unit in good:
                reader.error(
                    key, reader.t("`{unit}` is listed twice", unit=unit), code="duplicate-unit"
                )
            else:
                good.append(unit)
        out.append((scorer, tuple(good)))
    return out


def _check_scorer_counts(
    reader: FieldReader,
    method: FinalMethod,
    active: list[str],
    assignments: list[tuple[str, tuple[str, ...]]],
) -> None:
    needed = 3 if method is FinalMethod.TRIMMED_MEAN else 1
    for unit in active:
        count = sum(1 for _, units in assignments if unit in units)
        if count < needed:
            reader.error(
                "cross",
                reader.tn(
                    "`{unit}` has {count} cross-scorer but `{method}` needs at least {needed}",
                    "`{unit}` has {count} cross-scorers but `{method}` needs at least {needed}",
                    count,
                    unit=unit,
                    method=method.value,
                    needed=needed,
                ),
                reader.t(
                    'assign more scorers under [cross], or set `final = "agreed"` under [method]'
                )
                if method is FinalMethod.TRIMMED_MEAN
                else reader.t("assign a scorer for it under [cross]"),
                code="too-few-scorers",
            )


def _pledge(reader: FieldReader, doc: Table, criterion_ids: list[str]) -> Pledge:
    table = reader.table(doc, "pledge", "")
    if table is None:
        return Pledge()
    reader.known_keys(table, "pledge", ("contents", "targets"))
    contents = reader.text_list(table, "contents", "pledge")
    targets: list[PledgeTarget] = []
    seen: set[str] = set()
    for path, item in reader.table_list(table, "targets", "pledge"):
        reader.known_keys(item, path, ("id", "text", "criterion"))
        tid = reader.identifier(item, "id", path)
        text = reader.text(item, "text", path, required=True)
        criterion = reader.text(item, "criterion", path) or ""
        if criterion and criterion not in criterion_ids:
            reader.error(
                f"{path}.criterion",
                reader.t("unknown scoring criterion `{id}`", id=criterion),
                one_of(reader.msgs, criterion_ids),
                code="unknown-criterion",
            )
        if tid is not None and used_twice(reader, f"{path}.id", tid, seen):
            tid = None
        if tid and text is not None:
            targets.append(PledgeTarget(tid, text, criterion))
    return Pledge(tuple(contents), tuple(targets))
