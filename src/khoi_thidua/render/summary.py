"""Renders the province summary: each bloc's leading unit and proposals, totals, caps, rules."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from khoi_thidua.awards.proposal import Proposal, Standing
from khoi_thidua.awards.province import (
    CapCheck,
    check_all_caps,
    leaders,
    rule_groups,
    totals,
)
from khoi_thidua.awards.rules import RulePack
from khoi_thidua.collation import sort_key
from khoi_thidua.model import SCHEMA_VERSION, Bloc
from khoi_thidua.numbers import format_percent
from khoi_thidua.render.batch import error_text

if TYPE_CHECKING:
    from khoi_thidua.i18n import Messages
    from khoi_thidua.render.batch_shapes import (
        CapEntry,
        FailedEntry,
        RulesGroup,
        SummaryDone,
        SummaryEntry,
        SummaryProposed,
        SummaryResult,
    )
    from khoi_thidua.render.sheet import Sheet


def _bloc_entry(bloc: Bloc, proposal: Proposal, names: dict[str, str]) -> SummaryDone:
    members = {m.id: m for m in bloc.members}

    def proposed(s: Standing) -> SummaryProposed:
        assert s.award is not None  # a proposed standing names its award
        return {
            "member": {"id": s.member, "name": members[s.member].name},
            "award": {"id": s.award, "name": names.get(s.award, s.award)},
            "rank": s.rank,
        }

    return {
        "bloc": {"id": bloc.id, "name": bloc.name},
        "ok": True,
        "leaders": [{"id": m, "name": members[m].name} for m in leaders(proposal)],
        "proposed": [proposed(s) for s in proposal.proposed],
        "unresolved_ties": len(proposal.ties),
    }


def _sort_name(entry: SummaryEntry) -> str:
    # A bloc whose file could not be read has only its id.
    return (entry["bloc"]["name"] if entry["ok"] else "") or entry["bloc"]["id"]


def _cap_entry(check: CapCheck, leading: int, names: dict[str, str]) -> CapEntry:
    """A cap's entry; ``leading`` counts the blocs that have a leading unit."""
    cap = check.cap
    return {
        "award": cap.award,
        "name": names.get(cap.award, cap.award),
        "percent": cap.percent,
        "of": "standard" if cap.of == "standard" else "leaders",
        "standard": cap.standard or None,
        "standard_name": names.get(cap.standard) if cap.standard else None,
        "counted": check.counted,
        "leaders": leading,
        "limit": check.limit,
        "proposed": len(check.proposals),
        "exceeds": check.over_by > 0,
        "over_by": check.over_by,
        "proposals": [{"bloc": b, "member": m} for b, m in check.proposals],
        "basis": cap.basis,
        "unverified": cap.unverified,
    }


def rules_groups(groups: list[tuple[RulePack, tuple[str, ...]]]) -> list[RulesGroup]:
    """The summary's ``rules`` list: each pack and rules files, with the blocs that used them."""
    return [
        {"pack": pack.id, "name": pack.name, "files": list(pack.sources[1:]), "blocs": list(blocs)}
        for pack, blocs in groups
    ]


def summary_dict(
    year: int,
    pack: RulePack,
    done: list[tuple[Bloc, Proposal]],
    failed: list[FailedEntry],
    caps: list[CapCheck],
    groups: list[tuple[RulePack, tuple[str, ...]]],
) -> SummaryResult:
    """The province summary of ``year``: the blocs in Vietnamese order, totals and caps."""
    names = {a.id: a.name for a in pack.awards}
    blocs: list[SummaryEntry] = [_bloc_entry(bloc, proposal, names) for bloc, proposal in done]
    blocs.extend(failed)
    blocs.sort(key=lambda entry: sort_key(_sort_name(entry)))  # people read it alphabetically
    counts = totals([p for _, p in done])
    leading = sum(1 for _, p in done if leaders(p))
    rules = rules_groups(groups)
    return {
        "schema": SCHEMA_VERSION,
        "year": year,
        "rule_pack": {"id": pack.id, "name": pack.name},
        "blocs": blocs,
        "totals": [
            {"award": a.id, "name": a.name, "proposed": counts.get(a.id, 0)}
            for a in pack.bloc_awards
        ],
        "caps": [_cap_entry(c, leading, names) for c in caps],
        "rules": rules,
        "mixed_rules": len(rules) > 1,
    }


def province_summary(
    year: int, pack: RulePack, done: list[tuple[Bloc, Proposal]], failed: list[FailedEntry]
) -> SummaryResult:
    """The summary of ``year`` as `summary` and the report's province page show it.

    ``pack`` is the shipped pack of the year; the caps are those of each pack the blocs ran
    under (with the province's rules file), each over that pack's blocs, and the awards the
    province's file adds are named and counted with the others.
    """
    proposals = [p for _, p in done]
    caps = check_all_caps(pack, proposals)
    known = {a.id for a in pack.awards}
    added = {a.id: a for p in proposals for a in p.pack.awards if a.id not in known}
    pack = replace(pack, awards=(*pack.awards, *added.values()))
    return summary_dict(year, pack, done, failed, caps, rule_groups(proposals))


def cap_text(msgs: Messages, cap: CapEntry) -> str:
    """A cap in a sentence: the count, the limit and how it is reached, and any excess."""
    values = {
        "award": cap["name"],
        "proposed": cap["proposed"],
        "limit": cap["limit"],
        "percent": format_percent(cap["percent"] / 100, msgs.language),
        "counted": cap["counted"],
    }
    if cap["of"] == "standard":
        head = msgs.t(
            "{award}: {proposed} proposed, cap {limit} ({percent} of {counted} units "
            "meeting the standard of {standard}, rounded down)",
            standard=cap["standard_name"],
            **values,
        )
    else:
        head = msgs.t(
            "{award}: {proposed} proposed, cap {limit} "
            "({percent} of {counted} bloc leaders, rounded down)",
            **values,
        )
    if not cap["exceeds"]:
        return msgs.t("{head} — within the cap.", head=head)
    named = ", ".join(f"{p['member']} ({p['bloc']})" for p in cap["proposals"])
    return msgs.t(
        "{head} — EXCEEDS the cap by {over}: {named}; the council must cut {over}.",
        head=head,
        over=cap["over_by"],
        named=named,
    )


def mixed_rules_text(msgs: Messages, groups: list[RulesGroup]) -> str:
    """The summary's warning when blocs ran under different packs or rules files."""
    parts = [
        f"{g['pack']}{' + ' + ', '.join(g['files']) if g['files'] else ''}: {', '.join(g['blocs'])}"
        for g in groups
    ]
    return msgs.t("blocs ran under different rules this year — {groups}", groups="; ".join(parts))


def summary_view(msgs: Messages, data: SummaryResult) -> Sheet:
    """Each bloc's leading units and proposals, the totals and the caps (render/sheet.py)."""
    from khoi_thidua.render.sheet import Column, Grid, Line, Row, Sheet

    rows: list[Row] = []
    for entry in data["blocs"]:
        if not entry["ok"]:
            rows.append(Row((entry["bloc"]["id"], "", error_text(msgs, entry))))
            continue
        leaders = ", ".join(m["name"] for m in entry["leaders"]) or "—"
        proposed = "\n".join(
            f"{p['award']['name']}: {p['member']['name']}" for p in entry["proposed"]
        )
        rows.append(Row((entry["bloc"]["name"], leaders, proposed or "—")))
    blocs = Grid(
        (Column(msgs.t("Bloc")), Column(msgs.t("Leading unit")), Column(msgs.t("Proposed"))),
        tuple(rows),
        title=msgs.t("Province summary — {year}", year=data["year"]),
    )
    totals = Grid(
        (Column(msgs.t("Award")), Column(msgs.t("Proposed"), "right")),
        tuple(Row((row["name"], str(row["proposed"]))) for row in data["totals"]),
        title=msgs.t("Totals"),
    )
    parts: list[Grid | Line] = [
        blocs,
        totals,
        Line(msgs.t("Province-wide caps") + ":", style="bold"),
    ]
    for cap in data["caps"]:
        style = "bold red" if cap["exceeds"] else ""
        parts.append(Line(("✗ " if cap["exceeds"] else "✓ ") + cap_text(msgs, cap), style=style))
    if data["mixed_rules"]:
        parts.append(Line("! " + mixed_rules_text(msgs, data["rules"]), style="bold yellow"))
    return Sheet(tuple(parts))


SUMMARY_COLUMNS = [
    "bloc_id",
    "bloc_name",
    "leader_ids",
    "award_id",
    "award_name",
    "member_id",
    "member_name",
    "rank",
]


def summary_rows(msgs: Messages, data: SummaryResult) -> tuple[list[str], list[list[object]]]:
    rows: list[list[object]] = []
    for entry in data["blocs"]:
        if not entry["ok"]:
            rows.append([entry["bloc"]["id"], "", "", "", "", "", error_text(msgs, entry), ""])
            continue
        bloc = entry["bloc"]
        leader_ids = " ".join(m["id"] for m in entry["leaders"])
        if not entry["proposed"]:
            rows.append([bloc["id"], bloc["name"], leader_ids, "", "", "", "", ""])
        for p in entry["proposed"]:
            award, member = p["award"], p["member"]
            rows.append(
                [
                    bloc["id"],
                    bloc["name"],
                    leader_ids,
                    award["id"],
                    award["name"],
                    member["id"],
                    member["name"],
                    p["rank"],
                ]
            )
    return list(SUMMARY_COLUMNS), rows


def summary_markdown(msgs: Messages, data: SummaryResult) -> str:
    lines = [
        "# " + msgs.t("Province summary — {year}", year=data["year"]),
        "",
        f"| {msgs.t('Bloc')} | {msgs.t('Leading unit')} | {msgs.t('Proposed')} |",
        "|---|---|---|",
    ]
    for entry in data["blocs"]:
        if not entry["ok"]:
            lines.append(f"| {entry['bloc']['id']} | | {error_text(msgs, entry)} |")
            continue
        proposed = "; ".join(
            f"{p['award']['name']}: {p['member']['name']}" for p in entry["proposed"]
        )
        leader = ", ".join(m["name"] for m in entry["leaders"])
        lines.append(f"| {entry['bloc']['name']} | {leader} | {proposed or '—'} |")
    lines += ["", "## " + msgs.t("Province-wide caps"), ""]
    lines += [f"- {cap_text(msgs, cap)}" for cap in data["caps"]]
    if data["mixed_rules"]:
        lines += ["", "> " + mixed_rules_text(msgs, data["rules"])]
    return "\n".join(lines) + "\n"
