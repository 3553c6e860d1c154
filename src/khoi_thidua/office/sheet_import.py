"""Turns the grids of a filled scoring sheet into a results document, locating every value."""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from typing import Any

from khoi_thidua.awards.rules import AwardRule
from khoi_thidua.errors import Problem
from khoi_thidua.i18n import Messages
from khoi_thidua.lookup import fold
from khoi_thidua.model import SCHEMA_VERSION, Bloc
from khoi_thidua.office.columns import (
    ID_COLUMN,
    IGNORED,
    IGNORED_HEADERS,
    Column,
    ConferenceField,
    results_columns,
)
from khoi_thidua.office.conference_sheet import ConferenceReader, SheetResults
from khoi_thidua.office.grids import Cell, Grid, Source, is_blank
from khoi_thidua.office.sheet_parts import (
    HEADER_SEARCH_ROWS,
    is_id_row,
    key_of,
    label_of,
    legacy_hint,
    put,
)
from khoi_thidua.office.values import CellValueError, convert, fraction_typed, percent_text, text_of
from khoi_thidua.records import record
from khoi_thidua.text_checks import visible


@record
class _Mapped:
    index: int
    column: Column | None  # None: a conference value given as a column (CSV)
    conference: ConferenceField | None = None


def sheet_results(
    msgs: Messages, source: Source, bloc: Bloc, year: int, awards: Sequence[AwardRule]
) -> SheetResults:
    """Read every member row and the conference values; problems are collected, not raised."""
    # An empty results table when the sheet cannot be read: the sheet's own problem says why.
    out = SheetResults(source.file, {"schema": SCHEMA_VERSION, "year": year, "results": {}})
    out.problems.extend(source.problems)
    reader = _SheetReader(msgs, out, bloc, year, results_columns(bloc, awards))
    conference: dict[str, Any] = {}
    reader.read_results(source.results, conference)
    if source.conference is not None:
        reader.read_conference(source.conference, conference)
    if conference:
        out.doc["conference"] = conference
    return out


class _SheetReader(ConferenceReader):
    def __init__(
        self, msgs: Messages, out: SheetResults, bloc: Bloc, year: int, columns: list[Column]
    ) -> None:
        super().__init__(msgs, out, bloc, year)
        self.columns = columns
        self.by_name: dict[str, Column] = {}
        for column in columns:
            for name in column.names():
                self.by_name.setdefault(name, column)

    # -- the results table ---------------------------------------------------------------
    def read_results(self, grid: Grid, conference: dict[str, Any]) -> None:
        where = f"{grid.name}!" if grid.name else ""
        if grid.is_empty():
            self.error(
                f"{where}A1",
                self.msgs.t("the sheet «{sheet}» is empty", sheet=grid.name)
                if grid.name
                else self.msgs.t("the CSV file is empty"),
                self.msgs.t("fill the workbook made by `khoi template`, keeping its header row"),
                code="header-misplaced",
            )
            return
        found = self._find_header(grid)
        if found is None:
            self.error(
                f"{where}A1",
                self.msgs.t(
                    "the sheet «{sheet}» has no header row with a «Mã đơn vị» (member) column",
                    sheet=grid.name,
                )
                if grid.name
                else self.msgs.t(
                    "the CSV file has no header row with a «Mã đơn vị» (member) column"
                ),
                legacy_hint(self.msgs, grid)
                or self.msgs.t("keep the header row of the workbook made by `khoi template`"),
                code="missing-header",
            )
            return
        header_index, id_index = found
        last_header = id_index if id_index is not None else header_index
        self._check_merged(grid, header_index)
        mapped = self._map_columns(grid, header_index, id_index)
        if mapped is None:
            return
        results: dict[str, Any] = {}
        seen: dict[str, str] = {}
        for row in grid.rows[last_header + 1 :]:
            self._read_row(row, mapped, results, seen, conference)
        if not results and not any(p.severity == "error" for p in self.out.problems):
            self.error(
                f"{where}{last_header + 2}:{last_header + 2}",
                self.msgs.t(
                    "the sheet «{sheet}» has no unit's results: every row below the header "
                    "is empty",
                    sheet=grid.name,
                )
                if grid.name
                else self.msgs.t(
                    "the CSV file has no unit's results: every row below the header is empty"
                ),
                self.msgs.t("type at least the score and the rating of each unit"),
                code="empty-sheet",
            )
        self.out.doc["results"] = results

    def _find_header(self, grid: Grid) -> tuple[int, int | None] | None:
        """(the header row's index, the hidden field-id row's index or None)."""
        member_names = set(self.by_name[fold(ID_COLUMN)].names())
        for index, row in enumerate(grid.rows[:HEADER_SEARCH_ROWS]):
            if is_id_row(row):
                return index, index
            texts = {fold(c.value) for c in row if isinstance(c.value, str)}
            if texts & member_names:
                after = grid.rows[index + 1] if index + 1 < len(grid.rows) else []
                return index, (index + 1 if is_id_row(after) else None)
        return None

    def _check_merged(self, grid: Grid, header_index: int) -> None:
        for _first, last, ref in grid.merged:
            if last >= header_index + 1:
                self.error(
                    ref,
                    self.msgs.t("merged cells {cells} in the table", cells=ref.split("!")[-1]),
                    self.msgs.t(
                        "select them, click Merge & Center again to unmerge, and give each "
                        "cell its own value"
                    ),
                    code="merged-cells",
                )

    def _map_columns(
        self, grid: Grid, header_index: int, id_index: int | None
    ) -> list[_Mapped] | None:
        labels = grid.rows[header_index]
        ids = grid.rows[id_index] if id_index is not None else []
        width = max(len(labels), len(ids))
        mapped: list[_Mapped] = []
        taken: dict[str, str] = {}
        for index in range(width):
            id_cell = ids[index] if index < len(ids) else None
            label_cell = labels[index] if index < len(labels) else None
            cells = [c for c in (id_cell, label_cell) if c is not None and not is_blank(c.value)]
            if not cells:
                self._no_header(grid, index, header_index, id_index)
                continue
            names = [fold(text_of(c.value)) for c in cells]
            column = next((self.by_name[n] for n in names if n in self.by_name), None)
            item = next(
                (self.conference_by_name[n] for n in names if n in self.conference_by_name), None
            )
            ref = cells[-1].ref
            if column is None and item is None:
                if any(n in IGNORED_HEADERS for n in names):
                    continue
                self._unknown_column(ref, text_of(cells[-1].value))
                continue
            key = key_of(column, item)
            if key in taken:
                self.error(
                    ref,
                    self.msgs.t("a second column for «{label}»", label=label_of(column, item)),
                    self.msgs.t("delete one of them"),
                    code="duplicate-column",
                )
                continue
            taken[key] = ref
            mapped.append(_Mapped(index, column, None if column is not None else item))
        ok = True
        for column in self.columns:
            if column.field in ("member", "score", "rating") and column.field not in taken:
                where = f"{grid.name}!" if grid.name else ""
                self.error(
                    f"{where}{header_index + 1}:{header_index + 1}",
                    self.msgs.t(
                        "the column «{label}» ({field}) is missing",
                        label=column.label,
                        field=column.field,
                    ),
                    self.msgs.t(
                        "add it back with that exact header, or make a new workbook with "
                        "`khoi template`"
                    ),
                    code="missing-column",
                )
                ok = ok and column.field != "member"
        return mapped if ok else None

    def _no_header(self, grid: Grid, index: int, header_index: int, id_index: int | None) -> None:
        start = (id_index if id_index is not None else header_index) + 1
        for row in grid.rows[start:]:
            if index < len(row) and not is_blank(row[index].value):
                self.error(
                    row[index].ref,
                    self.msgs.t("this column has values but no header"),
                    self.msgs.t(
                        "give the column one of the headers of `khoi template`, or delete it"
                    ),
                    code="column-without-header",
                )
                return

    def _unknown_column(self, ref: str, text: str) -> None:
        known = [c.label for c in self.columns]
        close = difflib.get_close_matches(text, known, n=1, cutoff=0.5)
        hint = (
            self.msgs.t("did you mean «{header}»? rename it back", header=close[0])
            if close
            else self.msgs.t(
                "headers khoi reads: {headers}", headers="; ".join(f"«{k}»" for k in known)
            )
        )
        self.error(
            ref, self.msgs.t("unknown column «{header}»", header=text), hint, code="unknown-column"
        )

    def _read_row(
        self,
        row: list[Cell],
        mapped: list[_Mapped],
        results: dict[str, Any],
        seen: dict[str, str],
        conference: dict[str, Any],
    ) -> None:
        cells = [(m, row[m.index]) for m in mapped if m.index < len(row)]
        filled = [
            (m, c)
            for m, c in cells
            if not is_blank(c.value) and (m.column is None or m.column.kind != IGNORED)
        ]
        id_cell = next((c for m, c in cells if m.column and m.column.field == ID_COLUMN), None)
        if id_cell is None or not any(
            m.column is None or m.column.field != ID_COLUMN for m, _ in filled
        ):
            return  # an empty row, or a unit whose results are not filled in (no results)
        member_id = text_of(id_cell.value) if not is_blank(id_cell.value) else ""
        if not member_id:
            self.error(
                id_cell.ref,
                self.msgs.t("this row has values but no «Mã đơn vị»"),
                self.msgs.t("type the unit's id"),
                code="row-without-unit",
            )
            return
        if not self._known_member(member_id, id_cell.ref):
            return
        if member_id in seen:
            self.error(
                id_cell.ref,
                self.msgs.t(
                    "`{member}` is listed twice (also at {cell})",
                    member=member_id,
                    cell=seen[member_id],
                ),
                self.msgs.t("keep one row per unit"),
                code="duplicate-row",
            )
            return
        seen[member_id] = id_cell.ref
        entry: dict[str, Any] = {}
        base = f"results.{member_id}"
        self.out.locations[base] = id_cell.ref
        votes_given = False
        for m, cell in cells:
            if m.conference is not None:
                self._conference_value(m.conference, cell, conference)
                continue
            column = m.column
            assert column is not None
            if column.kind == IGNORED or column.field == ID_COLUMN:
                continue
            path = f"{base}.{column.field}"
            self.out.locations[path] = cell.ref
            self.out.labels[path] = column.label
            parent = path.rsplit(".", 1)[0]
            self.out.locations.setdefault(parent, cell.ref)
            if is_blank(cell.value):
                self.out.blank.add(path)
                continue
            votes_given = votes_given or column.field.startswith("votes.")
            value = self._convert(cell, column)
            if value is None:
                continue
            if column.field.startswith("votes.") and value == 0:
                continue  # no votes is the same as no entry (a sheet shows 0, a file leaves it out)
            put(entry, column.field, value)
        if votes_given:
            entry.setdefault("votes", {})
        results[member_id] = entry

    def _known_member(self, member_id: str, ref: str) -> bool:
        if self.bloc.has_member(member_id):
            if self.bloc.member(member_id).is_member_in(self.year):
                return True
            self.error(
                ref,
                self.msgs.t(
                    "`{member}` is not a member of the bloc in {year}",
                    member=member_id,
                    year=self.year,
                ),
                self.msgs.t("check its `joined`/`left` in bloc.toml, or delete the row"),
                code="not-a-member",
            )
            return False
        folded = fold(member_id)
        by_name = [
            m for m in self.bloc.members if folded in (fold(m.name), fold(m.short), fold(m.id))
        ]
        if by_name:
            hint = self.msgs.t("the column holds member ids: use `{member}`", member=by_name[0].id)
        else:
            close = difflib.get_close_matches(member_id, [m.id for m in self.bloc.members], n=1)
            ids = ", ".join(m.id for m in self.bloc.members_in(self.year))
            hint = (
                self.msgs.t("did you mean `{member}`?", member=close[0])
                if close
                else self.msgs.t("member ids: {members}", members=ids)
            )
        self.error(
            ref,
            self.msgs.t(
                "`{member}` is not a member of {bloc}", member=member_id, bloc=self.bloc.name
            ),
            hint,
            code="unknown-member",
        )
        return False

    def _convert(self, cell: Cell, column: Column) -> object:
        try:
            value = convert(self.msgs, cell, column.kind)
        except CellValueError as exc:
            self.error(cell.ref, f"«{column.label}»: {exc.message}", exc.hint, code=exc.code)
            return None
        fraction = fraction_typed(self.msgs, cell, column.kind)
        if fraction is not None:
            typed = text_of(cell.value)
            message = self.msgs.t(
                "«{label}»: {value} is read as {value}%; a share typed as a fraction?",
                label=column.label,
                value=typed,
            )
            hint = self.msgs.t(
                "type {percent} for {percent}% in this column (it holds percentages)",
                percent=percent_text(fraction),
            )
            self.out.problems.append(
                Problem(
                    self.out.file,
                    cell.ref,
                    visible(message),
                    visible(hint),
                    severity="warning",
                    code="fraction-as-percent",
                )
            )
        return value
