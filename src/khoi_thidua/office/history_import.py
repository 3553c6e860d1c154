"""Reads a filled history workbook into past years' results and bloc.toml entries, cell by cell."""

from __future__ import annotations

import dataclasses
import tomllib
from collections.abc import Callable, Collection
from typing import Any

from khoi_thidua.errors import DataError, Problem, UsageError
from khoi_thidua.i18n import Messages
from khoi_thidua.lookup import fold
from khoi_thidua.model import MAX_YEAR, MIN_YEAR, SCHEMA_VERSION, Bloc, Member
from khoi_thidua.office.grids import Grid
from khoi_thidua.office.history_rows import Row, SheetReader
from khoi_thidua.office.history_sheet import (
    FORMER_COLUMNS,
    FORMER_SHEET,
    LEADERSHIP_COLUMNS,
    LEADERSHIP_SHEET,
    SHEETS,
    YEARS_COLUMNS,
    YEARS_SHEET,
)
from khoi_thidua.office.results_import import Imported
from khoi_thidua.records import record
from khoi_thidua.schema.bloc import parse_bloc
from khoi_thidua.schema.results import parse_results
from khoi_thidua.schema.toml_lines import LazyLines
from khoi_thidua.store.history import with_history

RESULT_FIELDS = ("rating", "score", "discipline", "note")
AWARD_FIELDS = ("award", "decision", "date", "issuer")

# (year, what the cell says) → the award id; raises UsageError saying why it names no award.
AwardFinder = Callable[[int, str], str]
# year → the award ids a results file of that year may name (None: not checked).
AwardIds = Callable[[int], Collection[str] | None]


@record
class HistoryYear:
    """One past year read from the workbook, ready for results-YEAR.toml."""

    imported: Imported
    award_ids: Collection[str] | None
    awards: int  # awards granted that year


@record
class HistoryBook:
    """A history workbook read and validated against the bloc it is for."""

    source: str
    bloc: Bloc  # the bloc with the workbook's former members added
    members: tuple[dict[str, Any], ...]  # former members bloc.toml does not hold yet
    leadership: tuple[dict[str, Any], ...]  # past years bloc.toml does not record yet
    years: dict[int, HistoryYear]


def read_history(
    msgs: Messages,
    source: str,
    grids: list[Grid],
    sheet_problems: list[Problem],
    bloc: Bloc,
    bloc_text: str,
    find_award: AwardFinder,
    award_ids: AwardIds,
) -> HistoryBook:
    """Validate every sheet of the history workbook; raise DataError listing every cell."""
    reader = SheetReader(source, list(sheet_problems))
    sheets = {fold(g.name): g for g in grids}
    found = {title: sheets.get(fold(title)) for title, _ in SHEETS}
    if not any(found.values()):
        raise DataError(
            msgs,
            [
                Problem(
                    source,
                    "",
                    msgs.t(
                        "the workbook has no sheet «{years}», «{leaders}» or «{former}»",
                        years=YEARS_SHEET,
                        leaders=LEADERSHIP_SHEET,
                        former=FORMER_SHEET,
                    ),
                    msgs.t(
                        "make a new workbook with `khoi import-history --template -o lich-su.xlsx`"
                    ),
                    code="missing-sheet",
                )
            ],
        )
    rows = {
        title: reader.rows(msgs, grid, columns) if grid else []
        for (title, columns), grid in zip(SHEETS, found.values(), strict=True)
    }
    members = _former(msgs, reader, bloc, rows[FORMER_SHEET])
    leadership = _leadership(msgs, reader, bloc, rows[LEADERSHIP_SHEET])
    text = with_history(bloc_text, members, leadership)
    future, problems = parse_bloc(msgs, tomllib.loads(text), bloc.id, source, LazyLines(text))
    reader.problems += [reader.locate(msgs, p) for p in problems if p.severity == "error"]
    # The years are checked even when bloc.toml's new entries are wrong: every cell at once.
    known = future or _with_members(bloc, members)
    years = _years(msgs, reader, known, rows[YEARS_SHEET], find_award, award_ids)
    if future is None or any(p.severity == "error" for p in reader.problems):
        raise DataError(msgs, reader.problems)
    return HistoryBook(source, future, tuple(members), tuple(leadership), years)


def _with_members(bloc: Bloc, members: list[dict[str, Any]]) -> Bloc:
    """``bloc`` with the former members of the workbook, as far as their rows could be read."""
    added = tuple(
        Member(str(m["id"]), str(m["name"]), joined=m.get("joined"), left=m.get("left"))
        for m in members
    )
    return dataclasses.replace(bloc, members=bloc.members + added)


def _former(
    msgs: Messages, reader: SheetReader, bloc: Bloc, rows: list[Row]
) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    seen: dict[str, str] = {}
    for row in rows:
        entry = {k: v for k, (v, _) in row.items() if v is not None}
        member_id = str(entry["id"])
        ref = row["id"][1].ref
        if member_id in seen:
            reader.error(
                ref,
                msgs.t(
                    "`{member}` is listed twice (also at {cell})",
                    member=member_id,
                    cell=seen[member_id],
                ),
                msgs.t("keep one row per unit"),
                code="duplicate-row",
            )
            continue
        seen[member_id] = ref
        if bloc.has_member(member_id):
            known = bloc.member(member_id)
            if (known.name, known.left, known.merged_into) != (
                entry["name"],
                entry["left"],
                entry.get("merged_into"),
            ):
                reader.error(
                    ref,
                    msgs.t(
                        "`{member}` is already a member in bloc.toml, with other values",
                        member=member_id,
                    ),
                    msgs.t(
                        "use another id, or make the row match bloc.toml (name, left, merged into)"
                    ),
                    code="conflicts-with-bloc",
                )
            continue
        index = len(bloc.members) + len(out)
        for name, (_, cell) in row.items():
            reader.place(f"members[{index}].{name}", cell, FORMER_COLUMNS)
        reader.locations[f"members[{index}]"] = ref
        out.append(entry)
    return out


def _leadership(
    msgs: Messages, reader: SheetReader, bloc: Bloc, rows: list[Row]
) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    seen: dict[int, str] = {}
    for row in rows:
        entry = {k: v for k, (v, _) in row.items() if v is not None}
        year, ref = int(str(entry["year"])), row["year"][1].ref
        if year in seen:
            reader.error(
                ref,
                msgs.t("{year} is listed twice (also at {cell})", year=year, cell=seen[year]),
                msgs.t("keep one row per year"),
                code="duplicate-row",
            )
            continue
        seen[year] = ref
        recorded = bloc.recorded(year)
        if recorded is not None:
            if (recorded.chair, recorded.vice_chair) != (entry["chair"], entry.get("vice_chair")):
                reader.error(
                    ref,
                    msgs.t(
                        "bloc.toml already records {year}: chair `{chair}`, vice-chair `{vice}`",
                        year=year,
                        chair=recorded.chair,
                        vice=recorded.vice_chair or "—",
                    ),
                    msgs.t("fix the row, or edit the [[leadership]] entry in bloc.toml"),
                    code="conflicts-with-bloc",
                )
            continue
        index = len(bloc.leadership) + len(out)
        for name, (_, cell) in row.items():
            reader.place(f"leadership[{index}].{name}", cell, LEADERSHIP_COLUMNS)
        reader.locations[f"leadership[{index}]"] = ref
        out.append(entry)
    return out


def _years(
    msgs: Messages,
    reader: SheetReader,
    bloc: Bloc,
    rows: list[Row],
    find_award: AwardFinder,
    award_ids: AwardIds,
) -> dict[int, HistoryYear]:
    docs: dict[int, dict[str, Any]] = {}
    given: dict[tuple[int, str], str] = {}
    for row in rows:
        year, member = int(str(row["year"][0])), str(row["member"][0])
        if not MIN_YEAR <= year <= MAX_YEAR:
            # Checked here, before a file is named after the year or its rules are looked up.
            reader.error(
                row["year"][1].ref,
                msgs.t("«{label}»: {year} is not a year", label=YEARS_COLUMNS[0].label, year=year),
                msgs.t("type the year with four digits, e.g. 2020"),
                code="bad-year",
            )
            continue
        awarded = "award" in row and row["award"][0] is not None
        if not awarded and not any(row[f][0] is not None for f in RESULT_FIELDS if f in row):
            continue  # the year and the unit only: nothing to record
        doc = docs.setdefault(year, {"schema": SCHEMA_VERSION, "year": year, "results": {}})
        base = f"{year}:results.{member}"
        reader.locations.setdefault(f"{year}:results", row["member"][1].ref)
        values = {f: row[f] for f in RESULT_FIELDS if f in row and row[f][0] is not None}
        if values:
            if (year, member) in given:
                reader.error(
                    row["member"][1].ref,
                    msgs.t(
                        "`{member}` has two rows of results for {year} (also at {cell})",
                        member=member,
                        year=year,
                        cell=given[(year, member)],
                    ),
                    msgs.t(
                        "keep one row of results per unit and year; a second award's row holds "
                        "only the year, the unit and the award"
                    ),
                    code="duplicate-row",
                )
                continue
            given[(year, member)] = row["member"][1].ref
            reader.locations[base] = row["member"][1].ref
            for name in RESULT_FIELDS:
                if name in row:
                    reader.place(f"{base}.{name}", row[name][1], YEARS_COLUMNS)
            doc["results"][member] = {name: value for name, (value, _) in values.items()}
        if awarded:
            _granted(reader, doc, year, member, row, find_award)
    out: dict[int, HistoryYear] = {}
    for year, doc in sorted(docs.items()):
        ids = award_ids(year)
        results, problems = parse_results(msgs, doc, bloc, year, reader.file, award_ids=ids)
        for problem in problems:
            if problem.severity == "error":
                keyed = Problem(
                    problem.file,
                    f"{year}:{problem.key}",
                    problem.message,
                    problem.hint,
                    code=problem.code,
                )
                located = reader.locate(msgs, keyed)
                reader.problems.append(located if located is not keyed else problem)
        if results is not None:
            out[year] = HistoryYear(
                Imported(reader.file, doc, results), ids, len(doc.get("granted", []))
            )
    return out


def _granted(
    reader: SheetReader,
    doc: dict[str, Any],
    year: int,
    member: str,
    row: Row,
    find_award: AwardFinder,
) -> None:
    text, cell = str(row["award"][0]), row["award"][1]
    try:
        award = find_award(year, text)
    except UsageError as exc:
        reader.error(cell.ref, f"«{cell.value}»: {exc.message}", exc.hint, code="unknown-award")
        return
    granted = doc.setdefault("granted", [])
    entry: dict[str, Any] = {"member": member, "award": award}
    for name in ("decision", "date", "issuer"):
        if name in row and row[name][0] is not None:
            entry[name] = row[name][0]
    path = f"{year}:granted[{len(granted)}]"
    reader.locations[path] = cell.ref
    reader.locations[f"{path}.member"] = row["member"][1].ref
    for name in AWARD_FIELDS:
        if name in row:
            reader.place(f"{path}.{name}", row[name][1], YEARS_COLUMNS)
    granted.append(entry)
