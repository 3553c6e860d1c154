"""Renders runs over many blocs: rotation and proposals per bloc, and the province summary."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from khoi_thidua.awards.proposal import Proposal
from khoi_thidua.awards.province import CapCheck, leaders, meeting_standard, totals
from khoi_thidua.awards.rules import RulePack
from khoi_thidua.collation import sort_key
from khoi_thidua.i18n import current, language, t
from khoi_thidua.model import SCHEMA_VERSION, Bloc
from khoi_thidua.numbers import format_percent
from khoi_thidua.render.pack_choice import mixed_rules_text
from khoi_thidua.render.proposal import proposal_rows
from khoi_thidua.render.rotation import CHAIR, VICE, status_word
from khoi_thidua.rotation import Status

if TYPE_CHECKING:
    from rich.console import RenderableType


def batch_dict(entries: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    """The JSON of an ``--all`` run: one entry per bloc, ``ok`` false with the error."""
    return {**batch_head(**extra), "blocs": entries}


def batch_head(**extra: Any) -> dict[str, Any]:
    """The keys of an ``--all`` run's JSON before its ``blocs``, for writing it bloc by bloc."""
    return {"schema": SCHEMA_VERSION, **extra}


def rotate_all_view(data: dict[str, Any]) -> RenderableType:
    from rich.table import Table

    table = Table(title=t("Trưởng khối / Phó khối — all blocs"), title_justify="left")
    for column in (t("Bloc"), t("Year"), CHAIR, VICE, t("Source")):
        table.add_column(column)
    for entry in data["blocs"]:
        if not entry["ok"]:
            table.add_row(entry["bloc"]["id"], "", "", "", _error_text(entry))
            continue
        result = entry["result"]
        vice = result["vice_chair"]["name"] if result["vice_chair"] else "—"
        table.add_row(
            entry["bloc"]["name"],
            str(result["year"]),
            result["chair"]["name"] if result["chair"] else "—",  # vacant, to be elected…
            vice,
            t("computed from {year}", year=result["start_year"])
            if result["status"] == Status.COMPUTED
            else status_word(current(), Status(result["status"])),
        )
    return table


def _error_text(entry: dict[str, Any]) -> str:
    return t("error: {message}", message=entry["error"]["message"])


def propose_all_view(data: dict[str, Any]) -> RenderableType:
    from rich.table import Table

    table = Table(title=t("Award proposals — all blocs"), title_justify="left")
    for column in (t("Bloc"), t("Year"), t("Rank"), t("Member"), t("Proposed award")):
        table.add_column(column)
    for entry in data["blocs"]:
        if not entry["ok"]:
            table.add_row(entry["bloc"]["id"], "", "", "", _error_text(entry))
            continue
        proposal = entry["proposal"]
        if not proposal["proposed"]:
            table.add_row(proposal["bloc"]["name"], str(proposal["year"]), "", "—", "—")
        for index, item in enumerate(proposal["proposed"]):
            table.add_row(
                proposal["bloc"]["name"] if index == 0 else "",
                str(proposal["year"]) if index == 0 else "",
                str(item["rank"]),
                item["member"]["name"],
                item["award"]["name"],
            )
    return table


def propose_all_rows(data: dict[str, Any]) -> tuple[list[str], list[list[object]]]:
    header: list[str] = []
    rows: list[list[object]] = []
    for entry in data["blocs"]:
        if not entry["ok"]:
            continue
        sub_header, sub_rows = proposal_rows(entry["proposal"])
        header = header or ["bloc_id", "bloc_name", "year", *sub_header]
        if sub_header != header[3:]:
            # blocs under different rule packs have different vote columns: keep common ones
            sub_rows = [
                [row[sub_header.index(h)] if h in sub_header else "" for h in header[3:]]
                for row in sub_rows
            ]
        bloc = entry["proposal"]["bloc"]
        rows.extend([bloc["id"], bloc["name"], entry["proposal"]["year"], *row] for row in sub_rows)
    return header, rows


def summary_facts(bloc: Bloc, proposal: Proposal) -> tuple[Bloc, Proposal]:
    """What the summary keeps of one bloc's run: the leading and proposed standings, without
    results or reasons, so that a province of any size is summed up in little memory."""
    # A cap may count the units meeting an award's standard (Decree 91/2017 Art. 11(1)): those
    # keep the decisions it reads; every other standing keeps only what the summary prints.
    standards = {cap.standard for cap in proposal.pack.caps if cap.of == "standard"}
    meeting = {m for award in standards for m in meeting_standard(proposal, award)}
    kept = tuple(
        replace(s, result=None, titles=())
        if s.member in meeting
        else replace(s, result=None, decisions=(), titles=())
        for s in proposal.standings
        if s.rank == 1 or s.award is not None or s.member in meeting
    )
    return bloc, replace(proposal, standings=kept, seats=(), notices=())


def summary_dict(
    year: int,
    pack: RulePack,
    done: list[tuple[Bloc, Proposal]],
    failed: list[dict[str, Any]],
    caps: list[CapCheck],
) -> dict[str, Any]:
    names = {a.id: a.name for a in pack.awards}
    blocs: list[dict[str, Any]] = []
    for bloc, proposal in done:
        members = {m.id: m for m in bloc.members}
        blocs.append(
            {
                "bloc": {"id": bloc.id, "name": bloc.name},
                "ok": True,
                "leaders": [{"id": m, "name": members[m].name} for m in leaders(proposal)],
                "proposed": [
                    {
                        "member": {"id": s.member, "name": members[s.member].name},
                        "award": {"id": s.award, "name": names.get(s.award or "", s.award)},
                        "rank": s.rank,
                    }
                    for s in proposal.proposed
                ],
                "unresolved_ties": len(proposal.ties),
            }
        )
    blocs.extend(failed)
    # People read the province list alphabetically (Vietnamese order); a bloc whose file could
    # not be read has only its id.
    blocs.sort(key=lambda b: sort_key(b["bloc"].get("name") or b["bloc"]["id"]))
    counts = totals([p for _, p in done])
    return {
        "schema": SCHEMA_VERSION,
        "year": year,
        "rule_pack": {"id": pack.id, "name": pack.name},
        "blocs": blocs,
        "totals": [
            {"award": a.id, "name": a.name, "proposed": counts.get(a.id, 0)}
            for a in pack.bloc_awards
        ],
        "caps": [
            {
                "award": c.cap.award,
                "name": names.get(c.cap.award, c.cap.award),
                "percent": c.cap.percent,
                "of": c.cap.of,
                "standard": c.cap.standard or None,
                "standard_name": names.get(c.cap.standard) if c.cap.standard else None,
                "counted": c.counted,
                "leaders": sum(1 for _, p in done if leaders(p)),
                "limit": c.limit,
                "proposed": len(c.proposals),
                "exceeds": c.over_by > 0,
                "over_by": c.over_by,
                "proposals": [{"bloc": b, "member": m} for b, m in c.proposals],
                "basis": c.cap.basis,
                "unverified": c.cap.unverified,
            }
            for c in caps
        ],
    }


def cap_text(cap: dict[str, Any]) -> str:
    values = {
        "award": cap["name"],
        "proposed": cap["proposed"],
        "limit": cap["limit"],
        "percent": format_percent(cap["percent"] / 100, language()),
        "counted": cap["counted"],
    }
    if cap["of"] == "standard":
        head = t(
            "{award}: {proposed} proposed, cap {limit} ({percent} of {counted} units "
            "meeting the standard of {standard}, rounded down)",
            standard=cap["standard_name"],
            **values,
        )
    else:
        head = t(
            "{award}: {proposed} proposed, cap {limit} "
            "({percent} of {counted} bloc leaders, rounded down)",
            **values,
        )
    if not cap["exceeds"]:
        return t("{head} — within the cap.", head=head)
    named = ", ".join(f"{p['member']} ({p['bloc']})" for p in cap["proposals"])
    return t(
        "{head} — EXCEEDS the cap by {over}: {named}; the council must cut {over}.",
        head=head,
        over=cap["over_by"],
        named=named,
    )


def summary_view(data: dict[str, Any]) -> RenderableType:
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    table = Table(title=t("Province summary — {year}", year=data["year"]), title_justify="left")
    for column in (t("Bloc"), t("Leading unit"), t("Proposed")):
        table.add_column(column)
    for entry in data["blocs"]:
        if not entry["ok"]:
            table.add_row(entry["bloc"]["id"], "", _error_text(entry))
            continue
        table.add_row(
            entry["bloc"]["name"],
            ", ".join(m["name"] for m in entry["leaders"]) or "—",
            "\n".join(f"{p['award']['name']}: {p['member']['name']}" for p in entry["proposed"])
            or "—",
        )
    totals_table = Table(title=t("Totals"), title_justify="left")
    totals_table.add_column(t("Award"))
    totals_table.add_column(t("Proposed"), justify="right")
    for row in data["totals"]:
        totals_table.add_row(row["name"], str(row["proposed"]))
    parts: list[RenderableType] = [
        table,
        totals_table,
        Text(t("Province-wide caps") + ":", style="bold"),
    ]
    for cap in data["caps"]:
        style = "bold red" if cap["exceeds"] else ""
        parts.append(Text(("✗ " if cap["exceeds"] else "✓ ") + cap_text(cap), style=style))
    if data.get("mixed_rules"):
        parts.append(Text("! " + mixed_rules_text(data), style="bold yellow"))
    return Group(*parts)


def summary_rows(data: dict[str, Any]) -> tuple[list[str], list[list[object]]]:
    header = [
        "bloc_id",
        "bloc_name",
        "leader_ids",
        "award_id",
        "award_name",
        "member_id",
        "member_name",
        "rank",
    ]
    rows: list[list[object]] = []
    for entry in data["blocs"]:
        if not entry["ok"]:
            rows.append([entry["bloc"]["id"], "", "", "", "", "", _error_text(entry), ""])
            continue
        leader_ids = " ".join(m["id"] for m in entry["leaders"])
        for p in entry["proposed"] or [None]:
            if p is None:
                rows.append(
                    [entry["bloc"]["id"], entry["bloc"]["name"], leader_ids, "", "", "", "", ""]
                )
            else:
                rows.append(
                    [
                        entry["bloc"]["id"],
                        entry["bloc"]["name"],
                        leader_ids,
                        p["award"]["id"],
                        p["award"]["name"],
                        p["member"]["id"],
                        p["member"]["name"],
                        p["rank"],
                    ]
                )
    return header, rows


def summary_markdown(data: dict[str, Any]) -> str:
    lines = [
        "# " + t("Province summary — {year}", year=data["year"]),
        "",
        f"| {t('Bloc')} | {t('Leading unit')} | {t('Proposed')} |",
        "|---|---|---|",
    ]
    for entry in data["blocs"]:
        if not entry["ok"]:
            lines.append(f"| {entry['bloc']['id']} | | {_error_text(entry)} |")
            continue
        proposed = "; ".join(
            f"{p['award']['name']}: {p['member']['name']}" for p in entry["proposed"]
        )
        leader = ", ".join(m["name"] for m in entry["leaders"])
        lines.append(f"| {entry['bloc']['name']} | {leader} | {proposed or '—'} |")
    lines += ["", "## " + t("Province-wide caps"), ""]
    lines += [f"- {cap_text(cap)}" for cap in data["caps"]]
    if data.get("mixed_rules"):
        lines += ["", "> " + mixed_rules_text(data)]
    return "\n".join(lines) + "\n"
