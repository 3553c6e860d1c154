"""The rows of a history workbook's sheets, read cell by cell, and where each value came from."""

from __future__ import annotations

from dataclasses import dataclass, field

from khoi_thidua.errors import Problem
from khoi_thidua.i18n import Messages
from khoi_thidua.lookup import fold
from khoi_thidua.office.cells import column_letter
from khoi_thidua.office.grids import Cell, Grid, is_blank
from khoi_thidua.office.history_sheet import HistoryColumn
from khoi_thidua.office.values import CellValueError, convert, text_of
from khoi_thidua.schema.results import EMPTY_CELL, TOML_HINT_CODES
from khoi_thidua.text_checks import visible

Row = dict[str, tuple[object, Cell]]  # field → (value or None when blank, its cell)


@dataclass
class SheetReader:
    """Reads the rows of the history sheets, collecting problems located at their cells."""

    file: str
    problems: list[Problem] = field(default_factory=list)
    locations: dict[str, str] = field(default_factory=dict)  # document key → cell
    labels: dict[str, str] = field(default_factory=dict)  # document key → column header
    blank: set[str] = field(default_factory=set)  # document keys whose cell is empty

    def place(self, key: str, cell: Cell, columns: tuple[HistoryColumn, ...]) -> None:
        """Remember that ``key`` of a document built comes from ``cell`` (for its problems)."""
        self.locations[key] = cell.ref
        name = key.rpartition(".")[2]
        label = next((c.label for c in columns if c.field == name), "")
        if label:
            self.labels[key] = label
        if is_blank(cell.value):
            self.blank.add(key)

    def error(self, ref: str, message: str, hint: str = "", *, code: str) -> None:
        self.problems.append(Problem(self.file, ref, visible(message), visible(hint), code=code))

    def rows(self, msgs: Messages, grid: Grid, columns: tuple[HistoryColumn, ...]) -> list[Row]:
        """Each filled row of ``grid`` as field → (value, cell); problems are collected."""
        if grid.is_empty():
            return []
        by_name = {fold(n): c for c in columns for n in (c.label, c.field)}
        header = _header_index(grid, by_name)
        mapped: list[tuple[int, HistoryColumn]] = []
        for index, cell in enumerate(grid.rows[header]):
            if is_blank(cell.value):
                continue
            column = by_name.get(fold(text_of(cell.value)))
            if column is None:
                self.error(
                    cell.ref,
                    msgs.t("unknown column «{header}»", header=text_of(cell.value)),
                    msgs.t(
                        "headers khoi reads: {headers}",
                        headers="; ".join(f"«{c.label}»" for c in columns),
                    ),
                    code="unknown-column",
                )
                continue
            mapped.append((index, column))
        found = {c.field for _, c in mapped}
        missing = [c for c in columns if c.required and c.field not in found]
        for column in missing:
            self.error(
                f"{grid.name}!{header + 1}:{header + 1}",
                msgs.t(
                    "the column «{label}» ({field}) is missing",
                    label=column.label,
                    field=column.field,
                ),
                msgs.t("make a new workbook with `khoi import-history --template -o lich-su.xlsx`"),
                code="missing-column",
            )
        if missing:
            return []
        out: list[Row] = []
        for number, cells in enumerate(grid.rows[header + 1 :], start=header + 2):
            row: Row = {}
            for index, column in mapped:
                # A short row (CSV-like) reads as empty cells, still with their place.
                cell = cells[index] if index < len(cells) else Cell(None, _ref(grid, index, number))
                value = None if is_blank(cell.value) else self._convert(msgs, cell, column)
                row[column.field] = (value, cell)
            filled = any(not is_blank(cell.value) for _, cell in row.values())
            if filled and self._complete(msgs, row, columns):
                out.append(row)
        for _first, _last, ref in grid.merged:
            self.error(
                ref,
                msgs.t("merged cells {cells}", cells=ref.split("!")[-1]),
                msgs.t("unmerge them"),
                code="merged-cells",
            )
        return out

    def _convert(self, msgs: Messages, cell: Cell, column: HistoryColumn) -> object:
        try:
            return convert(msgs, cell, column.kind)
        except CellValueError as exc:
            self.error(cell.ref, f"«{column.label}»: {exc.message}", exc.hint, code=exc.code)
            return None

    def _complete(self, msgs: Messages, row: Row, columns: tuple[HistoryColumn, ...]) -> bool:
        ok = True
        for column in columns:
            if not column.required:
                continue
            value, cell = row[column.field]
            if value is None:
                if is_blank(cell.value):
                    self.error(
                        cell.ref,
                        msgs.t("«{label}» is empty", label=column.label),
                        msgs.t("fill it in"),
                        code="empty-cell",
                    )
                ok = False
        return ok

    def locate(self, msgs: Messages, problem: Problem) -> Problem:
        """A problem of the documents built, told at the cell its value came from."""
        probe = problem.key
        while probe and probe not in self.locations:
            probe = probe.rpartition(".")[0]
        if not probe:
            return problem
        message, hint, code = problem.message, problem.hint, problem.code
        if problem.key in self.blank:
            # The only thing wrong with a value left empty is that it is missing.
            message = msgs.t("«{label}» is empty", label=self.labels[problem.key])
            hint, code = msgs.t("fill it in"), EMPTY_CELL
        elif problem.code in TOML_HINT_CODES:
            hint = ""  # TOML syntax ("add `x = 1`") does not help in a sheet
        return Problem(self.file, self.locations[probe], message, hint, code=code)


HEADER_SEARCH_ROWS = 10  # a title or two may sit above the header row


def _header_index(grid: Grid, by_name: dict[str, HistoryColumn]) -> int:
    """The row holding the most known headers among the first few (0 when none does)."""
    best, found = 0, 0
    for index, cells in enumerate(grid.rows[:HEADER_SEARCH_ROWS]):
        known = sum(isinstance(c.value, str) and fold(c.value) in by_name for c in cells)
        if known > found:
            best, found = index, known
    return best


def _ref(grid: Grid, index: int, number: int) -> str:
    return f"{grid.name}!{column_letter(index + 1)}{number}"
