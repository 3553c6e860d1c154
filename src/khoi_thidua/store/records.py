"""Edits that add a record to a bloc's TOML files, keeping the user's comments and layout."""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Collection
from pathlib import Path
from typing import Any

from khoi_thidua import i18n
from khoi_thidua.errors import DataError, MissingInputError, RefusedError
from khoi_thidua.i18n import language, t
from khoi_thidua.model import (
    Bloc,
    ConferenceDecision,
    GrantedAward,
    LeadershipRecord,
    WriteStatus,
    YearResults,
)
from khoi_thidua.numbers import format_date
from khoi_thidua.records import record
from khoi_thidua.schema.bloc import parse_bloc
from khoi_thidua.schema.toml_lines import LazyLines
from khoi_thidua.store.kinds import BLOC_FILE
from khoi_thidua.store.reading import display, toml_document
from khoi_thidua.store.writing import update_text_file


@record
class RecordOutcome:
    """What a record command did: ``written`` or ``unchanged``, and the record itself."""

    status: WriteStatus
    record: LeadershipRecord
    file: str


def bloc_from_text(text: str, bloc_dir: Path) -> Bloc:
    """The bloc a bloc.toml text describes, as a writer reads it back, or a DataError."""
    name = display(bloc_dir / BLOC_FILE)
    doc = toml_document(text, name)
    bloc, problems = parse_bloc(i18n.current(), doc, bloc_dir.name, name, LazyLines(text))
    if bloc is None:
        raise DataError(i18n.current(), problems)
    return bloc


def append_table(current: str, name: str, entry: Any) -> str:
    """``current`` with ``[[name]]`` ``entry`` added, every other byte left as it was.

    The entry goes at the end of the file after a blank line: TOML lets an array of tables
    continue anywhere. When the file holds the array in another form (``name = [ … ]``),
    tomlkit edits the array in place instead.
    """
    import tomlkit

    array = tomlkit.aot()
    array.append(entry)
    snippet = tomlkit.dumps({name: array}).strip()
    appended = current.rstrip("\n") + "\n\n" + snippet + "\n"
    try:
        tomllib.loads(appended)
        return appended
    except tomllib.TOMLDecodeError:
        document = tomlkit.parse(current)
        if name in document:
            existing = document[name]
            if isinstance(existing, tomlkit.items.Array):
                # An inline array (`name = [{ … }]`) holds inline tables: a table there would
                # be written as bare keys, which no TOML reader accepts.
                inline = tomlkit.inline_table()
                inline.update(entry)
                existing.append(inline)
            else:
                existing.append(entry)
        else:
            document.append(name, array)
        text = tomlkit.dumps(document)
        return text if text.endswith("\n") else text + "\n"


def record_leadership(
    bloc_dir: Path,
    decide: Callable[[Bloc], LeadershipRecord],
    timeout: float | None = None,
) -> RecordOutcome:
    """Append the leadership ``decide`` computes from the current file, under the lock.

    ``decide`` runs on the file as read inside the lock, so two runs at once cannot record
    from stale data. Recording the same thing twice is a no-op; recording something
    different from what is there is refused.
    """
    import tomlkit

    path = bloc_dir / BLOC_FILE
    name = display(path)

    def change(current: str | None) -> tuple[str | None, RecordOutcome]:
        if current is None:
            raise MissingInputError(t("{file} does not exist", file=name))
        bloc = bloc_from_text(current, bloc_dir)
        record = decide(bloc)
        existing = bloc.recorded(record.year)
        if existing is not None:
            if (existing.chair, existing.vice_chair) == (record.chair, record.vice_chair):
                return None, RecordOutcome("unchanged", existing, name)
            raise RefusedError(
                t(
                    "{file} already records {year}: chair `{chair}`, vice-chair `{vice}`; "
                    "not replacing it with `{new_chair}` / `{new_vice}`",
                    file=name,
                    year=record.year,
                    chair=existing.chair,
                    vice=existing.vice_chair or "—",
                    new_chair=record.chair,
                    new_vice=record.vice_chair or "—",
                ),
                t(
                    "to change it deliberately, edit the [[leadership]] entry for {year} "
                    "in bloc.toml (and say why in its `note`)",
                    year=record.year,
                ),
            )
        entry = tomlkit.table()
        entry.add("year", record.year)
        entry.add("chair", record.chair)
        if record.vice_chair is not None:
            entry.add("vice_chair", record.vice_chair)
        if record.note:
            entry.add("note", record.note)
        new_text = append_table(current, "leadership", entry)
        after = bloc_from_text(new_text, bloc_dir)  # never write a file khoi cannot read back
        if after.recorded(record.year) != record:
            raise DataError(
                i18n.current(),
                [],
                t(
                    "internal check failed while recording {year} in {file}",
                    year=record.year,
                    file=name,
                ),
            )
        return new_text, RecordOutcome("written", record, name)

    return update_text_file(path, change, timeout)


@record
class GrantOutcome:
    """What ``record-award`` did: ``written`` or ``unchanged``, and the file."""

    status: WriteStatus
    granted: GrantedAward
    file: str


def record_granted(
    bloc_dir: Path,
    bloc: Bloc,
    year: int,
    granted: GrantedAward,
    award_ids: list[str],
    timeout: float | None = None,
) -> GrantOutcome:
    """Append a granted award to ``results-YEAR.toml``, keeping comments, under the lock."""
    import datetime as dt

    import tomlkit

    from khoi_thidua.store.reading import results_file

    path = results_file(bloc_dir, year)
    name = display(path)

    def parse(text: str) -> YearResults:
        return results_from_text(text, bloc, year, name, award_ids)

    def change(current: str | None) -> tuple[str | None, GrantOutcome]:
        if current is None:
            raise MissingInputError(
                t("no results for {year}: {file} does not exist", year=year, file=name),
                t("an award is recorded in the year's results file; create it first"),
            )
        results = parse(current)
        for existing in results.granted:
            if (existing.member, existing.award) == (granted.member, granted.award):
                # The decision and its date identify a grant; an issuer left out on a repeat
                # is the same grant, not a conflict.
                same = (existing.decision, existing.date) == (granted.decision, granted.date)
                if same and (not granted.issuer or granted.issuer == existing.issuer):
                    return None, GrantOutcome("unchanged", existing, name)
                raise RefusedError(
                    t(
                        "{file} already records {award} for `{member}`: {decision}, {date}",
                        file=name,
                        award=granted.award,
                        member=granted.member,
                        decision=existing.decision,
                        date=format_date(existing.date, language()),
                    ),
                    t("to change it deliberately, edit that [[granted]] entry in the file"),
                )
        entry = tomlkit.table()
        entry.add("member", granted.member)
        entry.add("award", granted.award)
        entry.add("decision", granted.decision)
        entry.add("date", dt.date.fromisoformat(granted.date))
        if granted.issuer:
            entry.add("issuer", granted.issuer)
        new_text = append_table(current, "granted", entry)
        if granted not in parse(new_text).granted:
            raise DataError(
                i18n.current(),
                [],
                t("internal check failed while recording an award in {file}", file=name),
            )
        return new_text, GrantOutcome("written", granted, name)

    return update_text_file(path, change, timeout)


@record
class DecisionOutcome:
    """What ``decide`` did: ``written`` or ``unchanged``, and the file."""

    status: WriteStatus
    decision: ConferenceDecision
    file: str


def record_decision(
    bloc_dir: Path,
    bloc: Bloc,
    year: int,
    decision: ConferenceDecision,
    award_ids: list[str],
    validate: Callable[[YearResults], None],
    timeout: float | None = None,
) -> DecisionOutcome:
    """Append the conference's decision to ``results-YEAR.toml`` under the lock.

    ``validate`` runs on the results as they would be after the edit and raises when the
    decision cannot stand (it breaks a rule, names no open tie): then nothing is written.
    The same decision twice is a no-op; another order or reason for it is refused.
    """
    import tomlkit

    from khoi_thidua.store.reading import results_file

    path = results_file(bloc_dir, year)
    name = display(path)

    def parse(text: str) -> YearResults:
        return results_from_text(text, bloc, year, name, award_ids)

    def change(current: str | None) -> tuple[str | None, DecisionOutcome]:
        if current is None:
            raise MissingInputError(
                t("no results for {year}: {file} does not exist", year=year, file=name),
                t("the conference decides on the year's results; create the file first"),
            )
        for existing in parse(current).decisions:
            if existing == decision:
                return None, DecisionOutcome("unchanged", existing, name)
            if (existing.award, existing.action, set(existing.members)) == (
                decision.award,
                decision.action,
                set(decision.members),
            ):
                raise RefusedError(
                    t(
                        "{file} already records a decision on {award} for these units: "
                        "{members} ({reason})",
                        file=name,
                        award=existing.award,
                        members=", ".join(existing.members),
                        reason=existing.reason,
                    ),
                    t("to change it deliberately, edit that [[decisions]] entry in the file"),
                )
        entry = tomlkit.table()
        entry.add("award", decision.award)
        entry.add("action", decision.action)
        entry.add("members", list(decision.members))
        entry.add("reason", decision.reason)
        if decision.minutes:
            entry.add("minutes", decision.minutes)
        new_text = append_table(current, "decisions", entry)
        after = parse(new_text)
        if decision not in after.decisions:
            raise DataError(
                i18n.current(),
                [],
                t("internal check failed while recording a decision in {file}", file=name),
            )
        validate(after)
        return new_text, DecisionOutcome("written", decision, name)

    return update_text_file(path, change, timeout)


def results_from_text(
    text: str, bloc: Bloc, year: int, name: str, award_ids: Collection[str] | None = None
) -> YearResults:
    """A results file's text, as a writer reads it back inside the lock, or a DataError."""
    from khoi_thidua.schema.results import parse_results

    doc = toml_document(text, name)
    results, problems = parse_results(
        i18n.current(), doc, bloc, year, name, LazyLines(text), award_ids
    )
    if results is None:
        raise DataError(i18n.current(), problems)
    return results
