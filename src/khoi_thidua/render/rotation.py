"""Renders leadership answers, plans and history as sentences, tables and JSON dicts."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from khoi_thidua.model import SCHEMA_VERSION, Bloc
from khoi_thidua.rotation import HistoryRow, Leadership, Skip

if TYPE_CHECKING:
    from rich.console import RenderableType

CHAIR = "Trưởng khối"
VICE = "Phó khối"


def member_ref(bloc: Bloc, member_id: str | None) -> dict[str, Any] | None:
    if member_id is None:
        return None
    member = bloc.member(member_id)
    return {"id": member.id, "name": member.name, "short": member.short}


def bloc_ref(bloc: Bloc) -> dict[str, Any]:
    return {"id": bloc.id, "name": bloc.name}


def name(bloc: Bloc, member_id: str | None) -> str:
    return "—" if member_id is None else bloc.member(member_id).name


def skip_text(bloc: Bloc, skip: Skip) -> str:
    who = name(bloc, skip.member)
    if skip.reason == "not_joined":
        why = f"joins the bloc only in {skip.detail}"
    elif skip.reason == "left":
        why = f"left the bloc in {skip.detail}"
    elif skip.reason == "merged":
        left = bloc.member(skip.member).left
        why = f"merged into {name(bloc, skip.detail)} in {left}"
    else:
        why = f"excused for {skip.year}: {skip.detail}"
    role = CHAIR if skip.role == "chair" else VICE
    return f"{who} passed over as {role}: {why}"


def explain(bloc: Bloc, answer: Leadership) -> list[str]:
    """Sentences saying where the answer comes from and whom it passed over."""
    if answer.recorded:
        lines = [f"{answer.year} is recorded in bloc.toml; a recorded year always wins."]
        if answer.note:
            lines.append(f"Note: {answer.note}")
        return lines
    lines = [f"Computed by circular rotation from the leadership recorded for {answer.start_year}."]
    if answer.previous is not None:
        prev_chair, prev_vice = answer.previous
        prev_year = answer.year - 1
        chair_skips = [s for s in answer.skipped if s.role == "chair"]
        if prev_vice is None:
            lines.append(
                f"{prev_year} had no {VICE}, so the member after {name(bloc, prev_chair)} "
                f"in the circle chairs."
            )
        elif not chair_skips:
            lines.append(
                f"{name(bloc, answer.chair)} was {VICE} in {prev_year}, so it is {CHAIR} "
                f"in {answer.year}."
            )
        else:
            lines.append(
                f"{name(bloc, prev_vice)} was {VICE} in {prev_year} but cannot chair; "
                f"the next eligible member in the circle, {name(bloc, answer.chair)}, does."
            )
    if answer.vice_chair is None:
        lines.append(f"No other member can lead in {answer.year}, so there is no {VICE}.")
    else:
        lines.append(
            f"{name(bloc, answer.vice_chair)} is the next eligible member after the chair, "
            f"so it is {VICE}."
        )
    lines.extend(skip_text(bloc, s) + "." for s in answer.skipped)
    return lines


def leadership_dict(bloc: Bloc, answer: Leadership) -> dict[str, Any]:
    return {
        "year": answer.year,
        "chair": member_ref(bloc, answer.chair),
        "vice_chair": member_ref(bloc, answer.vice_chair),
        "recorded": answer.recorded,
        "note": answer.note,
        "start_year": answer.start_year,
        "skipped": [
            {
                "member": member_ref(bloc, s.member),
                "role": s.role,
                "reason": s.reason,
                "detail": s.detail,
            }
            for s in answer.skipped
        ],
        "explanation": explain(bloc, answer),
    }


def rotate_dict(bloc: Bloc, answer: Leadership) -> dict[str, Any]:
    return {"schema": SCHEMA_VERSION, "bloc": bloc_ref(bloc), **leadership_dict(bloc, answer)}


def plan_dict(bloc: Bloc, answers: list[Leadership]) -> dict[str, Any]:
    return {
        "schema": SCHEMA_VERSION,
        "bloc": bloc_ref(bloc),
        "years": [leadership_dict(bloc, a) for a in answers],
    }


def history_dict(bloc: Bloc, rows: list[HistoryRow]) -> dict[str, Any]:
    years = []
    for row in rows:
        entry = leadership_dict(bloc, row.leadership)
        entry["departs_from_rotation"] = row.departs
        entry["rotation_would_give"] = (
            {
                "chair": member_ref(bloc, row.expected.chair),
                "vice_chair": member_ref(bloc, row.expected.vice_chair),
            }
            if row.departs and row.expected is not None
            else None
        )
        years.append(entry)
    return {"schema": SCHEMA_VERSION, "bloc": bloc_ref(bloc), "years": years}


def rotate_view(bloc: Bloc, answer: Leadership) -> RenderableType:
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold")
    table.add_column()
    table.add_row(f"{CHAIR} (chair)", name(bloc, answer.chair))
    table.add_row(
        f"{VICE} (vice-chair)",
        name(bloc, answer.vice_chair)
        if answer.vice_chair
        else "— (none: only one member can lead)",
    )
    source = "recorded" if answer.recorded else f"computed from {answer.start_year}"
    title = Text(f"{bloc.name} — {answer.year} ({source})", style="bold")
    why = Text("\n".join(f"• {line}" for line in explain(bloc, answer)))
    return Group(title, table, Text(""), why)


def _status(answer: Leadership) -> str:
    return "recorded" if answer.recorded else "computed"


def plan_view(bloc: Bloc, answers: list[Leadership]) -> RenderableType:
    from rich.table import Table

    table = Table(title=f"{bloc.name} — rotation plan", title_justify="left")
    table.add_column("Year", justify="right")
    table.add_column(CHAIR)
    table.add_column(VICE)
    table.add_column("Source")
    table.add_column("Passed over")
    for answer in answers:
        table.add_row(
            str(answer.year),
            name(bloc, answer.chair),
            name(bloc, answer.vice_chair),
            _status(answer),
            "; ".join(skip_text(bloc, s) for s in answer.skipped),
        )
    return table


def history_view(bloc: Bloc, rows: list[HistoryRow]) -> RenderableType:
    from rich.table import Table

    table = Table(title=f"{bloc.name} — leadership history", title_justify="left")
    table.add_column("Year", justify="right")
    table.add_column(CHAIR)
    table.add_column(VICE)
    table.add_column("Source")
    table.add_column("Note")
    for row in rows:
        answer = row.leadership
        note = answer.note
        if row.departs and row.expected is not None:
            note = (
                f"departs from rotation (would be {name(bloc, row.expected.chair)} / "
                f"{name(bloc, row.expected.vice_chair)}): election or override"
                + (f"; {note}" if note else "")
            )
        table.add_row(
            str(answer.year),
            name(bloc, answer.chair),
            name(bloc, answer.vice_chair),
            _status(answer),
            note,
        )
    return table
