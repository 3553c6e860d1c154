"""Checks an imported sheet as a results file, writes it as TOML and lists what it changes."""

from __future__ import annotations

import tomllib
from collections.abc import Collection, Sequence
from pathlib import Path
from typing import Any, Final, Literal

from khoi_thidua import store
from khoi_thidua.awards.rules import AwardRule
from khoi_thidua.errors import DataError, Problem
from khoi_thidua.i18n import Messages
from khoi_thidua.model import Bloc, YearResults
from khoi_thidua.office.columns import CONFERENCE_SHEET
from khoi_thidua.office.conference_sheet import SheetResults
from khoi_thidua.office.grids import read_source
from khoi_thidua.office.results_toml import results_toml
from khoi_thidua.office.sheet_import import sheet_results
from khoi_thidua.records import record
from khoi_thidua.schema.results import (
    EMPTY_CELL,
    TOML_HINT_CODES,
    VOTES_WITHOUT_BALLOTS,
    parse_results,
)

KEPT_KEYS = ("note", "granted")  # what a sheet does not carry; kept from the file it replaces

ImportStatus = Literal["written", "replaced", "unchanged", "refused"]
WRITTEN: Final = "written"
REPLACED: Final = "replaced"
UNCHANGED: Final = "unchanged"
REFUSED: Final = "refused"


@record
class Imported:
    """A sheet read and validated: the results document and the results it parses to."""

    source: str
    doc: dict[str, Any]
    results: YearResults
    warnings: tuple[Problem, ...] = ()  # cells read, but likely not as meant (0.65 for 65%)


@record
class Change:
    """One value that differs between the recorded results and the imported ones."""

    where: str  # a member id, "conference" or "file"
    field: str
    old: object  # None: not recorded
    new: object


@record
class ImportOutcome:
    """What importing did to ``results-YEAR.toml``, and why."""

    status: ImportStatus
    file: str
    changes: tuple[Change, ...]
    kept: tuple[str, ...]  # keys carried over from the file replaced
    existing_problem: str = ""  # why the existing file could not be compared, if it could not


def read_sheet(
    msgs: Messages,
    path: Path,
    bloc: Bloc,
    year: int,
    awards: Sequence[AwardRule],
    award_ids: Collection[str] | None,
) -> Imported:
    """Read and validate the workbook or CSV at ``path``; raise DataError listing every cell.

    ``awards`` have a votes column each; ``award_ids`` are the ids a results file may name.
    """
    source = read_source(msgs, path)
    sheet = sheet_results(msgs, source, bloc, year, awards)
    if sheet.decisive:
        # Another bloc's (or year's) workbook: its unknown units and columns would only bury this.
        raise DataError(msgs, [sheet.decisive.get("bloc") or sheet.decisive["year"]])
    results, found = parse_results(
        msgs, sheet.doc, bloc, year, sheet.file, award_ids=award_ids, require_scores=True
    )
    problems = [p for p in sheet.problems if p.severity == "error"]
    places = {p.key for p in problems}
    for problem in found:
        if problem.severity != "error":
            continue
        located = _locate(msgs, problem, sheet)
        if located.key not in places:
            places.add(located.key)
            problems.append(located)
    if problems or results is None:
        raise DataError(msgs, problems or found)  # each problem is printed with its cell
    warnings = tuple(p for p in sheet.problems if p.severity == "warning")
    return Imported(sheet.file, sheet.doc, results, warnings)


def _locate(msgs: Messages, problem: Problem, sheet: SheetResults) -> Problem:
    """The problem of a results key, told as the sheet cell the value came from."""
    probe = problem.key
    while probe and probe not in sheet.locations:
        probe = probe.rpartition(".")[0]
    label = sheet.labels.get(problem.key) or sheet.labels.get(probe)
    message = f"«{label}»: {problem.message}" if label else problem.message
    hint, code = problem.hint, problem.code
    if label and problem.key in sheet.blank:
        # The only thing wrong with a value left empty is that it is missing.
        message, hint = msgs.t("«{label}» is empty", label=label), msgs.t("fill it in")
        code = EMPTY_CELL
    elif problem.code == VOTES_WITHOUT_BALLOTS:
        hint = msgs.t("fill «Số phiếu bầu thu về» in the «{sheet}» sheet", sheet=CONFERENCE_SHEET)
    elif problem.code in TOML_HINT_CODES:
        hint = ""  # TOML syntax ("add `x = 1` under [conference]") does not help in a sheet
    where = sheet.locations.get(probe, problem.key)
    return Problem(sheet.file, where, message, hint, code=code)


def apply_import(
    msgs: Messages,
    bloc_dir: Path,
    bloc: Bloc,
    year: int,
    award_ids: Collection[str] | None,
    imported: Imported,
    replace: bool,
    command: str = "import-results",
) -> ImportOutcome:
    """Write ``results-YEAR.toml`` unless it holds the same results, or different ones and
    ``replace`` is False; the decision is taken under the folder's lock."""
    path = store.results_file(bloc_dir, year)
    file = store.display(path)

    def change(current: str | None) -> tuple[str | None, ImportOutcome]:
        doc = dict(imported.doc)
        if current is None:
            return results_toml(doc, bloc, imported.source, command), ImportOutcome(
                WRITTEN, file, tuple(_changes(None, imported.results)), ()
            )
        old, raw, problem = _existing(msgs, current, bloc, year, file, award_ids)
        kept = tuple(k for k in KEPT_KEYS if k in raw and k not in doc)
        for key in kept:
            doc[key] = raw[key]
        new, _ = parse_results(msgs, doc, bloc, year, file, award_ids=award_ids)
        if new is None:  # a kept value no longer fits (cannot happen for a valid old file)
            doc, kept, new = dict(imported.doc), (), imported.results
        changes = tuple(_changes(old, new))
        if old is not None and not changes:
            return None, ImportOutcome(UNCHANGED, file, (), kept)
        if not replace:
            return None, ImportOutcome(REFUSED, file, changes, kept, problem)
        return results_toml(doc, bloc, imported.source, command), ImportOutcome(
            REPLACED, file, changes, kept, problem
        )

    return store.update_text_file(path, change)


def _existing(
    msgs: Messages, text: str, bloc: Bloc, year: int, file: str, award_ids: Collection[str] | None
) -> tuple[YearResults | None, dict[str, Any], str]:
    """The results already recorded, the raw document, and why they cannot be read if not."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return None, {}, msgs.t("{file} is not valid TOML: {error}", file=file, error=exc)
    old, problems = parse_results(msgs, raw, bloc, year, file, award_ids=award_ids)
    if old is None:
        first = next(p for p in problems if p.severity == "error")
        return (
            None,
            {},
            msgs.t(
                "{file} is invalid: {where}: {message}",
                file=file,
                where=first.location(),
                message=first.message,
            ),
        )
    return old, raw, ""


def _changes(old: YearResults | None, new: YearResults) -> list[Change]:
    before = _flatten(old) if old is not None else {}
    after = _flatten(new)
    out: list[Change] = []
    for key in list(before) + [k for k in after if k not in before]:
        if before.get(key) != after.get(key):
            out.append(Change(key[0], key[1], before.get(key), after.get(key)))
    return out


def _flatten(results: YearResults) -> dict[tuple[str, str], object]:
    """Every value of ``results`` under (where, field), so two years compare field by field."""
    flat: dict[tuple[str, str], object] = {
        ("conference", "date"): results.conference_date or None,
        ("conference", "place"): results.conference_place or None,
        ("conference", "ballots"): results.ballots,
        ("conference", "attendees"): results.attendees,
        ("file", "note"): results.note or None,
    }
    for result in results.results:
        member = result.member
        flat[(member, "score")] = result.score
        flat[(member, "self_score")] = result.self_score
        flat[(member, "rating")] = result.rating.value
        flat[(member, "discipline")] = result.discipline.value
        flat[(member, "discipline_note")] = result.discipline_note or None
        flat[(member, "note")] = result.note or None
        for criterion, value in result.criteria:
            flat[(member, f"criteria.{criterion}")] = value
        if result.staff is not None:
            staff = result.staff
            flat[(member, "staff.count")] = staff.count
            flat[(member, "staff.advanced_share")] = staff.advanced_share
            flat[(member, "staff.all_completed")] = staff.all_completed
            flat[(member, "staff.has_base_soldier")] = staff.has_base_soldier
        flat[(member, "votes")] = "recorded" if result.votes_recorded else None
        for award, count in result.votes:
            flat[(member, f"votes.{award}")] = count
    for granted in results.granted:
        flat[("granted", f"{granted.member}/{granted.award}")] = (
            f"{granted.decision} ({granted.date})"
        )
    return {key: value for key, value in flat.items() if value is not None}
