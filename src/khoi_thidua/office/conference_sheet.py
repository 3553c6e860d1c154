"""Reads the conference sheet of an imported workbook: date, place, ballots, year and bloc."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from khoi_thidua.errors import Problem
from khoi_thidua.i18n import Messages
from khoi_thidua.lookup import fold
from khoi_thidua.model import Bloc
from khoi_thidua.office.columns import CONFERENCE_FIELDS, ConferenceField
from khoi_thidua.office.grids import Cell, Grid, is_blank
from khoi_thidua.office.values import CellValueError, convert, text_of
from khoi_thidua.text_checks import visible


@dataclass
class SheetResults:
    """A results document built from a sheet, and the cell each of its values came from."""

    file: str
    doc: dict[str, Any]  # the results document as TOML would parse it, checked by schema.results
    locations: dict[str, str] = field(default_factory=dict)  # "results.btc.score" → "Kết quả!C3"
    labels: dict[str, str] = field(default_factory=dict)  # the same key → the column header
    blank: set[str] = field(default_factory=set)  # the keys whose cell was left empty
    problems: list[Problem] = field(default_factory=list)
    # The workbook is for another bloc or year: said first and alone, since every other cell
    # problem follows from it.
    decisive: dict[str, Problem] = field(default_factory=dict)  # "bloc" or "year" → problem


class ConferenceReader:
    """Collects problems into ``out`` and reads conference values, from their own sheet or
    from conference columns of the results table."""

    def __init__(self, msgs: Messages, out: SheetResults, bloc: Bloc, year: int) -> None:
        self.msgs = msgs
        self.out = out
        self.bloc = bloc
        self.year = year
        self.conference_by_name: dict[str, ConferenceField] = {}
        for item in CONFERENCE_FIELDS:
            for name in (item.field, item.label, f"conference.{item.field}"):
                self.conference_by_name.setdefault(fold(name), item)

    def error(
        self, ref: str, message: str, hint: str = "", decisive: str = "", *, code: str
    ) -> None:
        # Messages quote cell text; a CSV cell may hold an escape sequence meant for a terminal.
        problem = Problem(self.out.file, ref, visible(message), visible(hint), code=code)
        self.out.problems.append(problem)
        if decisive:
            self.out.decisive.setdefault(decisive, problem)

    def read_conference(self, grid: Grid, conference: dict[str, object]) -> None:
        for _first, _last, ref in grid.merged:
            self.error(
                ref,
                self.msgs.t("merged cells {cells}", cells=ref.split("!")[-1]),
                self.msgs.t("unmerge them"),
                code="merged-cells",
            )
        for row in grid.rows[1:]:
            keys = [
                (i, self.conference_by_name[fold(c.value)])
                for i, c in enumerate(row)
                if isinstance(c.value, str) and fold(c.value) in self.conference_by_name
            ]
            filled = [c for c in row if not is_blank(c.value)]
            if not keys:
                if filled:
                    self.error(
                        filled[0].ref,
                        self.msgs.t(
                            "unknown line «{line}» in the conference sheet",
                            line=text_of(filled[0].value),
                        ),
                        self.msgs.t(
                            "lines khoi reads: {lines}",
                            lines="; ".join(f"«{item.label}»" for item in CONFERENCE_FIELDS),
                        ),
                        code="unknown-line",
                    )
                continue
            first, item = keys[0]
            after = [c for c in row[first + 1 :] if not is_blank(c.value)]
            last = after[-1] if after else None
            if last is None or (
                isinstance(last.value, str) and fold(last.value) in self.conference_by_name
            ):
                continue
            self._conference_value(item, last, conference)

    def _conference_value(
        self, item: ConferenceField, cell: Cell, conference: dict[str, object]
    ) -> None:
        path = f"conference.{item.field}"
        self.out.locations.setdefault(path, cell.ref)
        self.out.labels.setdefault(path, item.label)
        if is_blank(cell.value):
            self.out.blank.add(path)
            return
        try:
            value = convert(self.msgs, cell, item.kind)
        except CellValueError as exc:
            self.error(cell.ref, f"«{item.label}»: {exc.message}", exc.hint, code=exc.code)
            return
        if item.field == "year":
            if value != self.year:
                self.error(
                    cell.ref,
                    self.msgs.t(
                        "the workbook is for {found}, not {year}", found=value, year=self.year
                    ),
                    self.msgs.t(
                        "import it with `khoi import-results {found} …`, or make a new one with "
                        "`khoi template {year}`",
                        found=value,
                        year=self.year,
                    ),
                    decisive="year",
                    code="year-mismatch",
                )
            return
        if item.field == "bloc":
            if value != self.bloc.id:
                self.error(
                    cell.ref,
                    self.msgs.t(
                        "the workbook is for the bloc `{found}`, not `{bloc}`",
                        found=value,
                        bloc=self.bloc.id,
                    ),
                    self.msgs.t("pass --bloc, or make a new workbook with `khoi template`"),
                    decisive="bloc",
                    code="bloc-mismatch",
                )
            return
        if item.field in conference and conference[item.field] != value:
            self.error(
                cell.ref,
                self.msgs.t(
                    "«{label}» is {value}, but {other} elsewhere in the file",
                    label=item.label,
                    value=value,
                    other=conference[item.field],
                ),
                self.msgs.t("give it once"),
                code="conflicting-values",
            )
            return
        conference[item.field] = value
