"""Turns a parsed ``scores-YYYY.toml`` into YearScores, checked against the bloc and its plan."""

from __future__ import annotations

from collections.abc import Mapping

from khoi_thidua.errors import Problem
from khoi_thidua.i18n import Messages
from khoi_thidua.model import Bloc
from khoi_thidua.plan import Adjustments, Criterion, MidYear, Plan, ScoreInputs, YearScores
from khoi_thidua.schema.bloc import read_file_year
from khoi_thidua.schema.fields import FieldReader, Table, join
from khoi_thidua.schema.wording import one_of, type_name

TOP_KEYS = ("schema", "year", "note", "units")
UNIT_KEYS = (
    "self",
    "evidence",
    "cross",
    "agreed",
    "reasons",
    "bonus",
    "penalty",
    "failed",
    "mid_year",
    "pledged",
)


def parse_scores(
    msgs: Messages,
    doc: Table,
    bloc: Bloc,
    plan: Plan,
    file: str,
    lines: Mapping[str, int] | None = None,
) -> tuple[YearScores | None, list[Problem]]:
    """Validate ``doc`` as the recorded scores of ``plan.year``; None on any error."""
    year = plan.year
    reader = FieldReader(file, msgs, lines)
    reader.known_keys(doc, "", TOP_KEYS)
    read_file_year(
        reader,
        doc,
        year,
        lambda stated: reader.t(
            "rename the file to scores-{stated}.toml or fix `year`", stated=stated
        ),
    )
    units: list[ScoreInputs] = []
    evidence: list[tuple[str, str, str]] = []
    mid_year: list[tuple[str, MidYear]] = []
    pledged: list[tuple[str, str, str]] = []
    active = [m.id for m in bloc.members if m.is_member_in(year)]
    for unit, entry in (reader.table(doc, "units", "") or {}).items():
        path = join("units", unit)
        if unit not in active:
            reader.error(
                path,
                reader.t("`{id}` is not a member of the bloc this year", id=unit),
                reader.t("members this year: {ids}", ids=", ".join(active)),
                code="not-a-member",
            )
            continue
        if not isinstance(entry, Mapping):
            reader.error(
                path,
                reader.t(
                    "`{key}` must be a table, not {kind}",
                    key=unit,
                    kind=type_name(reader.msgs, entry),
                ),
                code="wrong-type",
            )
            continue
        reader.known_keys(entry, path, UNIT_KEYS)
        parsed = _unit(reader, entry, path, unit, plan)
        units.append(parsed)
        for cid, text in _texts(reader, entry, "evidence", path, plan).items():
            evidence.append((unit, cid, text))
        for target, text in _pledged(reader, entry, path, plan).items():
            pledged.append((unit, target, text))
        review = _mid_year(reader, entry, path, plan)
        if review is not None:
            mid_year.append((unit, review))
    if not reader.ok:
        return None, reader.problems
    scores = YearScores(year, file, tuple(units), tuple(evidence), tuple(mid_year), tuple(pledged))
    return scores, reader.problems


def _unit(reader: FieldReader, entry: Table, path: str, unit: str, plan: Plan) -> ScoreInputs:
    own = _criteria(reader, entry, "self", path, plan)
    agreed = _criteria(reader, entry, "agreed", path, plan)
    reasons = _texts(reader, entry, "reasons", path, plan)
    for cid, value in agreed.items():
        if cid in own and value < own[cid] and not reasons.get(cid, "").strip():
            reader.error(
                join(join(path, "agreed"), cid),
                reader.t(
                    "{points} points are deducted from the self-score of `{id}` with no reason",
                    points=f"{own[cid] - value:g}",
                    id=cid,
                ),
                reader.t('add `{id} = "…"` under `reasons`: why the points were deducted', id=cid),
                code="deduction-without-reason",
            )
    for cid in reasons:
        if cid not in agreed:
            reader.warning(
                join(join(path, "reasons"), cid),
                reader.t("a reason for `{id}`, which has no agreed score", id=cid),
                reader.t("add the agreed score under `agreed`, or remove the reason"),
                code="reason-without-score",
            )
    cross: dict[str, dict[str, float]] = {}
    table = reader.table(entry, "cross", path) or {}
    cpath = join(path, "cross")
    assigned = plan.scorers_of(unit)
    for scorer in table:
        key = join(cpath, scorer)
        if scorer == unit or unit in _members_of(plan, scorer):
            reader.error(
                key,
                reader.t("`{unit}` scores itself in a cross-scoring sheet", unit=unit),
                reader.t("a unit never cross-scores itself; remove this sheet"),
                code="self-scoring",
            )
            continue
        if scorer not in assigned:
            reader.error(
                key,
                reader.t("`{scorer}` was not assigned to score `{unit}`", scorer=scorer, unit=unit),
                reader.t(
                    "scorers of `{unit}` in the plan: {ids}",
                    unit=unit,
                    ids=", ".join(assigned) or "—",
                ),
                code="scorer-not-assigned",
            )
            continue
        scores = _criteria(reader, table, scorer, cpath, plan)
        missing = [c.id for c in plan.criteria if c.id not in scores]
        if missing and scorer in table and isinstance(table[scorer], Mapping):
            reader.error(
                key,
                reader.t(
                    "the sheet of `{scorer}` has no score for {ids}",
                    scorer=scorer,
                    ids=", ".join(missing),
                ),
                reader.t("every criterion of the table needs a score"),
                code="missing-score",
            )
        cross[scorer] = scores
    return ScoreInputs(
        unit,
        self_scores=own,
        cross=cross,
        agreed=agreed,
        reasons=reasons,
        bonus=_items(reader, entry, "bonus", path, plan.bonus),
        penalty=_items(reader, entry, "penalty", path, plan.penalty),
        failed=tuple(_failed(reader, entry, path, plan)),
    )


def _members_of(plan: Plan, scorer: str) -> tuple[str, ...]:
    team = plan.team(scorer)
    return team.members if team is not None else ()


def _criteria(
    reader: FieldReader, entry: Table, key: str, path: str, plan: Plan
) -> dict[str, float]:
    table = reader.table(entry, key, path)
    if table is None:
        return {}
    tpath = join(path, key)
    out: dict[str, float] = {}
    for cid, criterion in _known_criteria(reader, table, tpath, plan):
        value = reader.number(table, cid, tpath, minimum=0, maximum=criterion.max)
        if value is not None:
            out[cid] = value
    return out


def _texts(reader: FieldReader, entry: Table, key: str, path: str, plan: Plan) -> dict[str, str]:
    table = reader.table(entry, key, path)
    if table is None:
        return {}
    tpath = join(path, key)
    out: dict[str, str] = {}
    for cid, _ in _known_criteria(reader, table, tpath, plan):
        text = reader.text(table, cid, tpath)
        if text is not None:
            out[cid] = text
    return out


def _known_criteria(
    reader: FieldReader, table: Table, tpath: str, plan: Plan
) -> list[tuple[str, Criterion]]:
    """The criteria of ``table`` that the plan has, with their rule; each other id is reported."""
    known = []
    for cid in table:
        criterion = plan.criterion(cid)
        if criterion is None:
            reader.error(
                join(tpath, cid),
                reader.t("unknown scoring criterion `{id}`", id=cid),
                one_of(reader.msgs, (c.id for c in plan.criteria)),
                code="unknown-criterion",
            )
        else:
            known.append((cid, criterion))
    return known


def _items(
    reader: FieldReader, entry: Table, key: str, path: str, rules: Adjustments
) -> dict[str, float]:
    table = reader.table(entry, key, path)
    if table is None:
        return {}
    tpath = join(path, key)
    out: dict[str, float] = {}
    for item_id in table:
        item = rules.item(item_id)
        if item is None:
            reader.error(
                join(tpath, item_id),
                reader.t("unknown bonus or penalty item `{id}`", id=item_id),
                reader.t(
                    "items of the plan: {ids}", ids=", ".join(a.id for a in rules.items) or "—"
                ),
                code="unknown-bonus-item",
            )
            continue
        value = reader.number(table, item_id, tpath, minimum=0, maximum=item.max)
        if value is not None:
            out[item_id] = value
    return out


def _failed(reader: FieldReader, entry: Table, path: str, plan: Plan) -> list[str]:
    ids = reader.text_list(entry, "failed", path)
    known = [d.id for d in plan.disqualifiers]
    for did in ids:
        if did not in known:
            reader.error(
                join(path, "failed"),
                reader.t("unknown disqualifying criterion `{id}`", id=did),
                reader.t("disqualifying criteria of the plan: {ids}", ids=", ".join(known) or "—"),
                code="unknown-disqualifier",
            )
    return [d for d in ids if d in known]


def _mid_year(reader: FieldReader, entry: Table, path: str, plan: Plan) -> MidYear | None:
    table = reader.table(entry, "mid_year", path)
    if table is None:
        return None
    mpath = join(path, "mid_year")
    reader.known_keys(table, mpath, ("score", "note"))
    score = reader.number(
        table, "score", mpath, minimum=0, maximum=plan.max_score + plan.bonus.limit
    )
    return MidYear(score, reader.text(table, "note", mpath) or "")


def _pledged(reader: FieldReader, entry: Table, path: str, plan: Plan) -> dict[str, str]:
    """What the unit registered against each target of the pledge (chỉ tiêu đăng ký)."""
    table = reader.table(entry, "pledged", path)
    if table is None:
        return {}
    tpath = join(path, "pledged")
    targets = [target.id for target in plan.pledge.targets]
    out: dict[str, str] = {}
    for target in table:
        if target not in targets:
            reader.error(
                join(tpath, target),
                reader.t("unknown pledge target `{id}`", id=target),
                one_of(reader.msgs, targets)
                if targets
                else reader.t("the plan has no [[pledge.targets]]"),
                code="unknown-target",
            )
            continue
        text = reader.text(table, target, tpath)
        if text is not None:
            out[target] = text
    return out
