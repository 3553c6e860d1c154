"""Adds a bloc's past to bloc.toml (former members, past leadership), keeping its comments."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from khoi_thidua.errors import MissingInputError, RefusedError
from khoi_thidua.i18n import t
from khoi_thidua.records import record
from khoi_thidua.store.kinds import BLOC_FILE
from khoi_thidua.store.reading import display
from khoi_thidua.store.records import append_table, bloc_from_text
from khoi_thidua.store.writing import update_text_file

Entry = Mapping[str, Any]


@record
class BlocHistoryOutcome:
    """What was added to bloc.toml: member ids and leadership years (empty: unchanged)."""

    file: str
    members: tuple[str, ...]
    years: tuple[int, ...]


def read_bloc_text(bloc_dir: Path) -> str:
    """The text of the bloc's bloc.toml, to be edited in memory before anything is written."""
    path = bloc_dir / BLOC_FILE
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise MissingInputError(t("{file} does not exist", file=display(path))) from None


def with_history(current: str, members: Sequence[Entry], leadership: Sequence[Entry]) -> str:
    """``current`` with each member and leadership entry appended as ``[[members]]`` and
    ``[[leadership]]`` (comments and layout kept); a former member also joins the end of the
    rotation order, where a member that has left is skipped."""
    import tomlkit

    text = current
    ids = [str(m["id"]) for m in members]
    if ids:
        doc = tomlkit.parse(text)
        rotation = doc.get("rotation")
        if isinstance(rotation, Mapping) and isinstance(rotation.get("order"), list):
            order = rotation["order"]
            for member_id in ids:
                if member_id not in order:
                    order.append(member_id)
            text = tomlkit.dumps(doc)
    for name, entries in (("members", members), ("leadership", leadership)):
        for entry in entries:
            table = tomlkit.table()
            for key, value in entry.items():
                table.add(key, value)
            text = append_table(text, name, table)
    return text


def record_history(
    bloc_dir: Path, members: Sequence[Entry], leadership: Sequence[Entry]
) -> BlocHistoryOutcome:
    """Append to bloc.toml, under its lock, the members and leadership it does not hold yet;
    a year recorded meanwhile with another chair is refused (nothing written)."""
    path = bloc_dir / BLOC_FILE
    name = display(path)

    def change(current: str | None) -> tuple[str | None, BlocHistoryOutcome]:
        if current is None:
            raise MissingInputError(t("{file} does not exist", file=name))
        doc = tomllib.loads(current)
        known = {m.get("id") for m in doc.get("members", []) if isinstance(m, Mapping)}
        recorded = {r.get("year"): r for r in doc.get("leadership", []) if isinstance(r, Mapping)}
        new_members = [m for m in members if m["id"] not in known]
        new_years = []
        for entry in leadership:
            old = recorded.get(entry["year"])
            if old is None:
                new_years.append(entry)
            elif (old.get("chair"), old.get("vice_chair")) != (
                entry["chair"],
                entry.get("vice_chair"),
            ):
                raise RefusedError(
                    t(
                        "{file} already records another leadership for {year}; nothing was written",
                        file=name,
                        year=entry["year"],
                    ),
                    t("edit the [[leadership]] entry in bloc.toml, or fix the workbook"),
                )
        outcome = BlocHistoryOutcome(
            name, tuple(str(m["id"]) for m in new_members), tuple(e["year"] for e in new_years)
        )
        if not new_members and not new_years:
            return None, outcome
        text = with_history(current, new_members, new_years)
        bloc_from_text(text, bloc_dir)  # never write a file khoi cannot read back
        return text, outcome

    return update_text_file(path, change)
