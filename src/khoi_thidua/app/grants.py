"""Recording awards granted: an award named as people type it, and a whole decision list at once,
each row matched to its bloc and unit and recorded like ``record-award``."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from khoi_thidua import i18n
from khoi_thidua.awards.rules import AwardRule, RulePack
from khoi_thidua.errors import KhoiError, UsageError
from khoi_thidua.i18n import t
from khoi_thidua.lookup import fold
from khoi_thidua.model import Bloc, GrantedAward
from khoi_thidua.records import record

if TYPE_CHECKING:
    from khoi_thidua.store.records import GrantOutcome


@record
class DecisionRow:
    """One awarded unit as the sheet lists it; ``where`` locates its row for messages."""

    where: str
    decision: str
    date: str  # ISO date
    issuer: str
    award: str
    unit: str
    bloc: str


def find_award(pack: RulePack, query: str) -> AwardRule:
    """The award ``query`` names: its id, or its name typed with or without diacritics
    ("Cờ thi đua của UBND tỉnh", "co thi dua cua ubnd tinh"), or a part of the name that
    names one award only ("bang khen thu tuong")."""
    wanted = query.strip()
    folded = fold(wanted)
    for award in pack.awards:
        if award.id == wanted or award.id == folded.replace(" ", "-"):
            return award
    named = [a for a in pack.awards if folded in {fold(a.name), fold(a.name_en)}]
    if len(named) == 1:
        return named[0]
    words = folded.split()
    partial = [a for a in pack.awards if words and all(w in fold(a.name).split() for w in words)]
    if len(partial) == 1:
        return partial[0]
    listing = "; ".join(f"{a.id} ({a.name})" for a in pack.awards)
    if len(partial) > 1:
        raise UsageError(
            t("'{query}' matches several awards", query=query),
            t("awards of these rules: {awards}", awards=listing),
        )
    raise UsageError(
        t("no award of the rules in force matches '{query}'", query=query),
        t("awards of these rules: {awards}", awards=listing),
    )


@record
class AwardRecorded:
    """What ``record-award`` did, with the unit's and the award's names to say it."""

    outcome: GrantOutcome
    granted: GrantedAward  # as typed (a repeat without its issuer is the recorded grant)
    member_name: str
    award_name: str


def record_award(
    bloc_dir: Path,
    bloc: Bloc,
    year: int,
    member: str,
    award: str,
    decision: str,
    date: str,
    issuer: str = "",
) -> AwardRecorded:
    """Record in the bloc's ``results-YEAR.toml`` the award the deciding authority granted to
    the unit ``member`` names (id, short name or part of the name, among the year's members),
    the award named as people write it (its id, or its name with or without diacritics), by
    ``decision`` of ``date`` (2022-03-15 or 15/03/2022); the same grant twice is unchanged."""
    from khoi_thidua import workflows
    from khoi_thidua.schema.fields import nfc
    from khoi_thidua.store.packs import added_award_ids, shipped_pack_for
    from khoi_thidua.store.records import record_granted

    member_id = workflows.resolve_member(bloc, member, year)
    # Every award of the regime, even one the bloc's override stops proposing: the
    # authority may still grant it, and the grant is history later conditions read.
    pack = shipped_pack_for(year)
    added = added_award_ids(bloc_dir, bloc)
    ids = [a.id for a in pack.awards] + added
    if award not in added:
        award = find_award(pack, award).id
    # Typed text is stored in NFC, like everything khoi reads: "Hòa" typed two ways is one name.
    granted = GrantedAward(
        member_id, award, nfc(decision.strip()), decision_date(date), nfc(issuer.strip())
    )
    if not granted.decision:
        raise UsageError(
            t("--decision is empty"), t('give the decision number, e.g. "Số 512/QĐ-UBND"')
        )
    outcome = record_granted(bloc_dir, bloc, year, granted, ids)
    names = {a.id: a.name for a in pack.awards}  # awards the bloc switched off too
    with contextlib.suppress(KhoiError):  # names of awards a rules file adds
        names |= {a.id: a.name for a in workflows.rules_in_force(bloc_dir, bloc, year).awards}
    return AwardRecorded(outcome, granted, bloc.member(member_id).name, names.get(award, award))


def decision_date(text: str) -> str:
    """A decision's date as typed (2022-03-15, 15/03/2022 or 15-03-2022), in ISO form."""
    text = text.strip()
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"):
        try:
            return dt.datetime.strptime(text, pattern).date().isoformat()
        except ValueError:
            continue
    raise UsageError(
        t("--date {date} is not a date", date=repr(text)), t("write it 2022-03-15 or 15/03/2022")
    )


class RowStatus(StrEnum):
    """What became of one row of a decision list."""

    WRITTEN = "written"
    UNCHANGED = "unchanged"
    WOULD_WRITE = "would_write"  # --dry-run
    UNMATCHED = "unmatched"  # no bloc, unit or award matched: nothing recorded
    REFUSED = "refused"  # something different is recorded already


@record
class RowOutcome:
    """One row of the list and what was done with it, with the reason when nothing was."""

    row: DecisionRow
    status: RowStatus
    bloc_id: str = ""
    member_id: str = ""
    member_name: str = ""
    award_id: str = ""
    file: str = ""
    message: str = ""
    hint: str = ""


@dataclass
class _BlocIndex:
    """The province's blocs, loaded once each, for matching rows."""

    dirs: list[Path]
    loaded: dict[Path, Bloc | KhoiError]

    def bloc(self, bloc_dir: Path) -> Bloc | KhoiError:
        from khoi_thidua import store

        if bloc_dir not in self.loaded:
            try:
                self.loaded[bloc_dir] = store.load_bloc(bloc_dir)
            except KhoiError as exc:
                self.loaded[bloc_dir] = exc
        return self.loaded[bloc_dir]


def import_decisions(
    data: Path, year: int, rows: Sequence[DecisionRow], dry_run: bool = False
) -> list[RowOutcome]:
    """Match every row to a bloc, a unit of that bloc in ``year`` and an award of the rules in
    force, then record each matched row in its bloc's ``results-YEAR.toml`` (under the bloc's
    lock; a row already recorded is unchanged). Rows that match nothing are reported."""
    from khoi_thidua import store
    from khoi_thidua.store.packs import shipped_pack_for

    pack = shipped_pack_for(year)
    index = _BlocIndex(store.bloc_dirs(data), {})
    outcomes: list[RowOutcome] = []
    for row in rows:
        matched = _match(index, pack, year, row)
        if isinstance(matched, RowOutcome):
            outcomes.append(matched)
            continue
        bloc_dir, bloc, member_id, award = matched
        granted = GrantedAward(member_id, award.id, row.decision, row.date, row.issuer)
        outcomes.append(_record(bloc_dir, bloc, year, granted, pack, row, dry_run))
    return outcomes


def _record(
    bloc_dir: Path,
    bloc: Bloc,
    year: int,
    granted: GrantedAward,
    pack: RulePack,
    row: DecisionRow,
    dry_run: bool,
) -> RowOutcome:
    from khoi_thidua import store
    from khoi_thidua.store.records import record_granted

    base = RowOutcome(
        row,
        RowStatus.WOULD_WRITE,
        bloc_dir.name,
        granted.member,
        bloc.member(granted.member).name,
        granted.award,
        store.display(store.results_file(bloc_dir, year)),
    )
    if dry_run:
        try:
            results = store.load_results(bloc_dir, bloc, year, [a.id for a in pack.awards])
        except KhoiError as exc:
            return _with(base, RowStatus.REFUSED, exc.message, exc.hint)
        same = any(
            (g.member, g.award, g.decision, g.date) == key
            for g in results.granted
            for key in [(granted.member, granted.award, granted.decision, granted.date)]
        )
        return _with(base, RowStatus.UNCHANGED) if same else base
    try:
        outcome = record_granted(bloc_dir, bloc, year, granted, [a.id for a in pack.awards])
    except KhoiError as exc:
        return _with(base, RowStatus.REFUSED, exc.message, exc.hint)
    status = RowStatus.WRITTEN if outcome.status == "written" else RowStatus.UNCHANGED
    return _with(base, status)


def _with(base: RowOutcome, status: RowStatus, message: str = "", hint: str = "") -> RowOutcome:
    from dataclasses import replace

    return replace(base, status=status, message=message, hint=hint)


def _match(
    index: _BlocIndex, pack: RulePack, year: int, row: DecisionRow
) -> RowOutcome | tuple[Path, Bloc, str, AwardRule]:
    from khoi_thidua.lookup import match_member

    try:
        award = find_award(pack, row.award)
    except UsageError as exc:
        return RowOutcome(row, RowStatus.UNMATCHED, message=exc.message, hint=exc.hint)
    candidates = _blocs_for(index, row.bloc)
    if not candidates:
        return RowOutcome(
            row,
            RowStatus.UNMATCHED,
            award_id=award.id,
            message=t("no bloc matches '{query}'", query=row.bloc),
            hint=t("blocs here: {blocs}", blocs=", ".join(d.name for d in index.dirs)),
        )
    found: list[tuple[Path, Bloc, str]] = []
    last_error: KhoiError | None = None
    for bloc_dir in candidates:
        bloc = index.bloc(bloc_dir)
        if isinstance(bloc, KhoiError):
            last_error = bloc
            continue
        try:
            member = match_member(i18n.current(), bloc.members_in(year), row.unit).member
        except UsageError as exc:
            last_error = exc
            continue
        found.append((bloc_dir, bloc, member.id))
    if len(found) == 1:
        bloc_dir, bloc, member_id = found[0]
        return bloc_dir, bloc, member_id, award
    if len(found) > 1:
        return RowOutcome(
            row,
            RowStatus.UNMATCHED,
            award_id=award.id,
            message=t(
                "'{query}' matches units of several blocs: {blocs}",
                query=row.unit,
                blocs=", ".join(d.name for d, _, _ in found),
            ),
            hint=t("fill in the «Khối thi đua» column for this row"),
        )
    error = last_error or UsageError(t("no member matches '{query}'", query=row.unit))
    return RowOutcome(
        row, RowStatus.UNMATCHED, award_id=award.id, message=error.message, hint=error.hint
    )


def _blocs_for(index: _BlocIndex, query: str) -> list[Path]:
    """The bloc folders a row's «Khối thi đua» names: all of them when it is empty."""
    if not query.strip():
        return list(index.dirs)
    folded = fold(query)
    exact = [d for d in index.dirs if d.name == query.strip() or fold(d.name) == folded]
    if exact:
        return exact
    by_name: list[Path] = []
    for bloc_dir in index.dirs:
        bloc = index.bloc(bloc_dir)
        if not isinstance(bloc, KhoiError) and folded in {fold(bloc.name)}:
            by_name.append(bloc_dir)
    if by_name:
        return by_name
    return [
        d
        for d in index.dirs
        if not isinstance(b := index.bloc(d), KhoiError) and f" {folded}" in f" {fold(b.name)}"
    ]
