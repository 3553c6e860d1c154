"""Renders a proposal: reasons in words, the JSON shape, CSV, markdown and rich tables."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from khoi_thidua.awards.conditions import ConditionCheck
from khoi_thidua.awards.proposal import (
    ELIGIBLE,
    HELD,
    HIGHER,
    NO_ROOM,
    NOT_ELIGIBLE,
    PROPOSED,
    TIE,
    AwardDecision,
    Notice,
    Proposal,
    Standing,
)
from khoi_thidua.awards.rules import AwardRule, Condition, RulePack
from khoi_thidua.model import RATING_SHORT_VI, SCHEMA_VERSION, Bloc, Discipline, Rating
from khoi_thidua.render.rotation import bloc_ref, member_ref

if TYPE_CHECKING:
    from rich.console import RenderableType


def _pct(share: float) -> str:
    return f"{share * 100:.4g}%"


def _num(value: float) -> str:
    """A score with at least one decimal: 97.0, 98.5, 97.25."""
    text = f"{value:.2f}".rstrip("0")
    return text + "0" if text.endswith(".") else text


def _rating(value: str) -> str:
    return Rating(value).label_vi


def _award_name(pack: RulePack, award_id: str) -> str:
    try:
        return pack.award(award_id).name
    except KeyError:
        return award_id


def describe(condition: Condition, pack: RulePack, year: int) -> str:
    """The rule a condition states, in words."""
    p = condition.params
    kind = condition.kind
    if kind == "min_rating":
        return f"rating “{_rating(p['rating'])}” or better"
    if kind == "max_rank":
        return (
            "ranked 1st in the bloc (leading unit)"
            if p["rank"] == 1
            else (f"ranked in the top {p['rank']}")
        )
    if kind == "no_discipline":
        return f"no discipline at “{Discipline(p['at_or_above']).label_vi}” or above"
    if kind == "min_vote_share":
        if "more_than" in p:
            return f"votes from more than {_pct(p['more_than'])} of the ballots cast"
        return f"votes from at least {_pct(p['at_least'])} of the ballots cast"
    if kind == "min_score":
        return f"final score at least {_num(p['score'])}"
    if kind == "consecutive_years":
        first = year - p["years"] + 1
        return (
            f"{p['years']} consecutive years ({first}–{year}) rated “{_rating(p['rating'])}” "
            "or better"
        )
    if kind == "prior_awards":
        names = " or ".join(_award_name(pack, a) for a in p["awards"])
        span = f"{year - p['within_years']}–{year - 1}"
        count = "" if p["min_count"] == 1 else f"at least {p['min_count']} × "
        return f"{count}{names} granted for results of {span}"
    if kind == "staff":
        parts = []
        if p.get("all_completed"):
            parts.append("all staff completed their tasks")
        if "advanced_share_at_least" in p:
            parts.append(f"at least {_pct(p['advanced_share_at_least'])} “Lao động tiên tiến”")
        if "advanced_share_more_than" in p:
            parts.append(f"more than {_pct(p['advanced_share_more_than'])} “Lao động tiên tiến”")
        if p.get("base_soldier"):
            parts.append("at least one “Chiến sĩ thi đua cơ sở”")
        return "staff: " + ", ".join(parts)
    return kind


def observed(item: ConditionCheck, pack: RulePack) -> str:
    """What the data showed for a condition."""
    a = item.actual
    kind = item.condition.kind
    if kind == "min_rating":
        return f"rated “{_rating(a['rating'])}”"
    if kind == "max_rank":
        return f"rank {a['rank']}"
    if kind == "no_discipline":
        level = Discipline(a["discipline"])
        return "no discipline" if level is Discipline.NONE else f"discipline “{level.label_vi}”"
    if kind == "min_vote_share":
        if a.get("missing") == "ballots":
            return "the number of ballots cast is not recorded"
        votes = a["votes"] or 0
        text = f"{votes} of {a['ballots']} ballots ({_pct(votes / a['ballots'])})"
        if a.get("missing") == "votes":
            text += "; no votes recorded for the unit, counted as 0"
        return text
    if kind == "min_score":
        return f"score {_num(a['score'])}"
    if kind == "consecutive_years":
        streak = a["streak"]
        text = f"{streak} year{'s' if streak != 1 else ''} in a row"
        if "broken_at" in a:
            why = {
                "no_results_file": "no results file",
                "no_result": "no result for the unit",
                "rating": f"rated “{_rating(a.get('rating', 'done'))}”",
            }[a["broken_by"]]
            text += f" (in {a['broken_at']}: {why})"
        return text
    if kind == "prior_awards":
        found = a["found"]
        if not found:
            return "none recorded"
        return "; ".join(
            f"{_award_name(pack, f['award'])} for {f['year']} ({f['decision']})" for f in found
        )
    if kind == "staff":
        if a.get("missing") == "staff":
            return "no staff figures recorded"
        text = (
            f"{a['count']} staff, {_pct(a['advanced_share'])} “Lao động tiên tiến”, "
            f"Chiến sĩ thi đua cơ sở: {'yes' if a['has_base_soldier'] else 'no'}, "
            f"all completed: {'yes' if a['all_completed'] else 'no'}"
        )
        return text
    return ""


def short_failure(item: ConditionCheck, pack: RulePack) -> str:
    """A failed condition in a few words, for the reason line under the table."""
    a = item.actual
    p = item.condition.params
    kind = item.condition.kind
    if kind == "min_rating":
        return f"rated {RATING_SHORT_VI[a['rating']]} (needs {RATING_SHORT_VI[p['rating']]})"
    if kind == "max_rank":
        return f"rank {a['rank']} (needs {'1st' if p['rank'] == 1 else 'top ' + str(p['rank'])})"
    if kind == "no_discipline":
        return f"discipline “{Discipline(a['discipline']).label_vi}”"
    if kind == "min_vote_share":
        if a.get("missing") == "ballots":
            return "ballots cast not recorded"
        need = f">{_pct(p['more_than'])}" if "more_than" in p else f"≥{_pct(p['at_least'])}"
        return f"{a['votes'] or 0}/{a['ballots']} votes (needs {need})"
    if kind == "min_score":
        return f"score {_num(a['score'])} (needs ≥{_num(p['score'])})"
    if kind == "consecutive_years":
        return (
            f"{a['streak']} consecutive year(s) {RATING_SHORT_VI[p['rating']]} (needs {p['years']})"
        )
    if kind == "prior_awards":
        return "no " + " or ".join(_award_name(pack, x) for x in p["awards"]) + " in time"
    if kind == "staff":
        if a.get("missing") == "staff":
            return "no staff figures"
        return "staff figures short (" + ", ".join(a["failed"]) + ")"
    return kind


def decision_reason(
    decision: AwardDecision, pack: RulePack, year: int, names: dict[str, str]
) -> str:
    """Why a unit did or did not get one award, in one sentence."""
    award = pack.award(decision.award)
    if decision.status == PROPOSED:
        return f"{award.name}: proposed — meets every condition ({award.basis})"
    if decision.status == ELIGIBLE:
        return f"{award.name}: meets every condition ({award.basis})"
    if decision.status == NOT_ELIGIBLE:
        fails = "; ".join(
            f"{describe(c.condition, pack, year)} ({observed(c, pack)})" for c in decision.failed
        )
        return f"{award.name}: not eligible — fails: {fails}"
    if decision.status == NO_ROOM:
        who = ", ".join(names.get(m, m) for m in decision.others) or "nobody (no seat)"
        return f"{award.name}: eligible, but the quota is filled by higher-ranked {who}"
    if decision.status == TIE:
        who = ", ".join(names.get(m, m) for m in decision.others)
        return f"{award.name}: eligible, tied with {who} for the last seat — the conference decides"
    if decision.status == HIGHER:
        higher = _award_name(pack, decision.others[0])
        return f"{award.name}: not needed — already proposed for {higher}"
    if decision.status == HELD:
        return (
            f"{award.name}: not placed while its tie for "
            f"{_award_name(pack, decision.others[0])} is unsettled"
        )
    return f"{award.name}: {decision.status}"


def standing_reason(standing: Standing, proposal: Proposal, names: dict[str, str]) -> str:
    """The one-line reason shown under the table for a unit."""
    pack = proposal.pack
    if standing.rank is None:
        return (
            f"no results recorded for {proposal.year}: not ranked and not considered "
            f"(add [results.{standing.member}] to results-{proposal.year}.toml)"
        )
    if standing.award is not None:
        award = pack.award(standing.award)
        return (
            f"proposed for {award.name}: rank {standing.rank}, meets every condition "
            f"({award.basis})"
        )
    parts = []
    for d in standing.decisions:
        if d.status == NOT_ELIGIBLE:
            fails = ", ".join(short_failure(c, pack) for c in d.failed)
            parts.append(f"{pack.award(d.award).name}: {fails}")
        elif d.status in (NO_ROOM, TIE, HELD):
            parts.append(decision_reason(d, pack, proposal.year, names))
    tie = [d for d in standing.decisions if d.status == TIE]
    lead = "tie at a quota boundary" if tie else "not proposed"
    return f"{lead} — " + "; ".join(parts) + " (details: --explain)"


def notice_text(notice: Notice, proposal: Proposal, names: dict[str, str]) -> str:
    d = notice.detail
    pack = proposal.pack
    if notice.code == "tie":
        who = ", ".join(names.get(m, m) for m in d["members"])
        return (
            f"Unresolved tie for {_award_name(pack, d['award'])} at rank {d['rank']}: {who} "
            f"({d['seats_left']} seat(s) left). khoi does not break it; the conference must."
        )
    if notice.code == "ranking_tie":
        who = ", ".join(names.get(m, m) for m in d["members"])
        return (
            f"Rank {d['rank']} is shared by {who} (same score and votes); no quota depends on it."
        )
    if notice.code == "no_results":
        return f"{names.get(d['member'], d['member'])} has no results for {proposal.year}."
    if notice.code == "no_ballots":
        return (
            "The number of ballots cast is not recorded ([conference] ballots): "
            "vote shares cannot be checked."
        )
    if notice.code == "no_votes":
        return f"No votes are recorded for {names.get(d['member'], d['member'])} (counted as 0)."
    if notice.code == "unverified":
        what = "quota" if d["what"] == "quota" else f"condition `{d['what']}`"
        basis = f" ({d['basis']})" if d["basis"] else ""
        return f"Relied on an unverified default: {_award_name(pack, d['award'])}, {what}{basis}."
    if notice.code == "pack_note":
        return str(d["text"])
    return notice.code


def _names(bloc: Bloc) -> dict[str, str]:
    return {m.id: m.name for m in bloc.members}


def _award_ref(award: AwardRule | None) -> dict[str, Any] | None:
    if award is None:
        return None
    return {"id": award.id, "name": award.name, "basis": award.basis}


def _check_dict(item: ConditionCheck, pack: RulePack, year: int) -> dict[str, Any]:
    return {
        "kind": item.condition.kind,
        "rule": describe(item.condition, pack, year),
        "met": item.met,
        "observed": observed(item, pack),
        "basis": item.condition.basis,
        "unverified": item.condition.unverified,
        "params": item.condition.params,
        "actual": item.actual,
    }


def _decision_dict(
    decision: AwardDecision, pack: RulePack, year: int, names: dict[str, str]
) -> dict[str, Any]:
    return {
        "award": decision.award,
        "status": decision.status,
        "others": list(decision.others),
        "reason": decision_reason(decision, pack, year, names),
        "conditions": [_check_dict(c, pack, year) for c in decision.checks],
    }


def proposal_dict(bloc: Bloc, proposal: Proposal) -> dict[str, Any]:
    """The documented JSON shape of ``khoi propose --format json``."""
    pack = proposal.pack
    names = _names(bloc)
    standings = []
    for s in proposal.standings:
        r = s.result
        standings.append(
            {
                "rank": s.rank,
                "tied_with": list(s.tied_with),
                "member": member_ref(bloc, s.member),
                "has_results": r is not None,
                "score": r.score if r else None,
                "self_score": r.self_score if r else None,
                "rating": r.rating.value if r else None,
                "rating_label": r.rating.label_vi if r else None,
                "discipline": r.discipline.value if r else None,
                "votes": dict(r.votes) if r else {},
                "total_votes": r.total_votes if r else 0,
                "award": _award_ref(pack.award(s.award) if s.award else None),
                "reason": standing_reason(s, proposal, names),
                "decisions": [_decision_dict(d, pack, proposal.year, names) for d in s.decisions],
                "titles": [_decision_dict(d, pack, proposal.year, names) for d in s.titles],
            }
        )
    return {
        "schema": SCHEMA_VERSION,
        "bloc": bloc_ref(bloc),
        "year": proposal.year,
        "rule_pack": {
            "id": pack.id,
            "name": pack.name,
            "basis": pack.basis,
            "years": {"from": pack.year_from, "to": pack.year_to},
            "sources": list(pack.sources),
        },
        "members": proposal.members,
        "proposed": [
            {
                "rank": s.rank,
                "member": member_ref(bloc, s.member),
                "award": _award_ref(pack.award(s.award) if s.award else None),
            }
            for s in proposal.proposed
        ],
        "standings": standings,
        "seats": [
            {
                "award": seat.award,
                "name": pack.award(seat.award).name,
                "seats": seat.seats,
                "members": seat.members,
                "quota": seat.quota.kind,
                "unverified": seat.quota.unverified,
                "basis": seat.quota.basis,
            }
            for seat in proposal.seats
        ],
        "ties": [
            {
                "award": t.award,
                "rank": t.rank,
                "members": list(t.members),
                "seats_left": t.seats_left,
            }
            for t in proposal.ties
        ],
        "warnings": [
            {"code": n.code, "text": notice_text(n, proposal, names), "detail": n.detail}
            for n in proposal.notices
        ],
    }


# -- flat formats --------------------------------------------------------------------------

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """A CSV cell that a spreadsheet never runs as a formula (OWASP CSV injection)."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def proposal_rows(data: dict[str, Any]) -> tuple[list[str], list[list[object]]]:
    """Header and rows of the proposal table, one row per member, for CSV and markdown."""
    award_ids = [seat["award"] for seat in data["seats"]]
    header = [
        "rank",
        "member_id",
        "member_name",
        "score",
        "rating",
        "total_votes",
        *[f"votes_{a}" for a in award_ids],
        "award_id",
        "award_name",
        "legal_basis",
        "reason",
    ]
    rows: list[list[object]] = []
    for s in data["standings"]:
        award = s["award"] or {}
        rows.append(
            [
                "" if s["rank"] is None else s["rank"],
                s["member"]["id"],
                s["member"]["name"],
                "" if s["score"] is None else s["score"],
                s["rating_label"] or "",
                s["total_votes"],
                *[s["votes"].get(a, 0) for a in award_ids],
                award.get("id", ""),
                award.get("name", ""),
                award.get("basis", ""),
                s["reason"],
            ]
        )
    return header, rows


def to_csv(header: list[str], rows: list[list[object]]) -> bytes:
    """UTF-8 with a byte-order mark (Excel shows Vietnamese), CRLF, formula-safe cells."""
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([safe_cell(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _md(value: object) -> str:
    return str(value).replace("|", "\\|").replace("\n", " ")


def proposal_markdown(data: dict[str, Any]) -> str:
    lines = [
        f"# {data['bloc']['name']} — đề nghị khen thưởng năm {data['year']}",
        "",
        f"Rules: {data['rule_pack']['name']}",
        "",
        "| Hạng | Đơn vị | Điểm | Xếp loại | Phiếu | Đề nghị |",
        "|---:|---|---:|---|---:|---|",
    ]
    for s in data["standings"]:
        award = s["award"]["name"] if s["award"] else "—"
        lines.append(
            "| "
            + " | ".join(
                _md(v)
                for v in (
                    "—" if s["rank"] is None else s["rank"],
                    s["member"]["name"],
                    "—" if s["score"] is None else _num(s["score"]),
                    s["rating_label"] or "—",
                    s["total_votes"],
                    award,
                )
            )
            + " |"
        )
    lines += ["", "## Lý do (reasons)", ""]
    lines += [f"- **{_md(s['member']['name'])}**: {_md(s['reason'])}" for s in data["standings"]]
    warnings = warning_lines(data)
    if warnings:
        lines += ["", "## Cảnh báo (warnings)", ""]
        lines += [f"- {_md(w)}" for w in warnings]
    return "\n".join(lines) + "\n"


# -- rich views ----------------------------------------------------------------------------


def proposal_view(data: dict[str, Any]) -> RenderableType:
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    table = Table(
        title=f"{data['bloc']['name']} — đề nghị khen thưởng năm {data['year']}",
        title_justify="left",
        caption=(
            f"Rules in force for {data['year']}: {data['rule_pack']['name']}\n"
            "HTXSNV / HTTNV / HTNV / KHTNV: hoàn thành xuất sắc / tốt / hoàn thành / "
            "không hoàn thành nhiệm vụ"
        ),
        caption_justify="left",
    )
    table.add_column("Hạng", justify="right")
    table.add_column("Đơn vị (member)")
    table.add_column("Điểm", justify="right")
    table.add_column("Xếp loại")
    table.add_column("Phiếu", justify="right")
    table.add_column("Đề nghị (proposed award)")
    for s in data["standings"]:
        rank = "—" if s["rank"] is None else str(s["rank"])
        if s["tied_with"]:
            rank += "="
        table.add_row(
            rank,
            s["member"]["name"],
            "—" if s["score"] is None else _num(s["score"]),
            RATING_SHORT_VI[s["rating"]] if s["rating"] else "no results",
            str(s["total_votes"]),
            s["award"]["name"] if s["award"] else "—",
            style="bold" if s["award"] else None,
        )
    reasons = Table(title="Lý do (reasons)", title_justify="left", show_lines=False)
    reasons.add_column("Đơn vị (member)")
    reasons.add_column("Lý do và căn cứ (reason and legal basis)")
    for s in data["standings"]:
        reasons.add_row(s["member"]["name"], s["reason"])
    parts: list[RenderableType] = [table, reasons]
    lines = warning_lines(data)
    if lines:
        parts.append(Text("Cảnh báo (warnings):", style="bold yellow"))
        parts.extend(Text(f"! {line}") for line in lines)
    return Group(*parts)


def warning_lines(data: dict[str, Any]) -> list[str]:
    """Warnings for people: unverified defaults grouped by award, one line each."""
    lines: list[str] = []
    unverified: dict[str, list[str]] = {}
    names = {seat["award"]: seat["name"] for seat in data["seats"]}
    for warning in data["warnings"]:
        if warning["code"] == "unverified":
            detail = warning["detail"]
            unverified.setdefault(detail["award"], []).append(detail["what"])
        else:
            lines.append(warning["text"])
    for award, what in unverified.items():
        lines.append(
            f"Unverified defaults relied on for {names.get(award, award)}: {', '.join(what)} "
            "(set the bloc's own values in a rules override; see README)."
        )
    return lines


def explain_view(data: dict[str, Any], member_id: str) -> RenderableType:
    from rich.console import Group
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

    standing = next(s for s in data["standings"] if s["member"]["id"] == member_id)
    member = standing["member"]
    parts: list[RenderableType] = [
        Text(f"{member['name']} ({member['id']}) — {data['year']}", style="bold"),
    ]
    if not standing["has_results"]:
        parts.append(Text(standing["reason"]))
        return Group(*parts)
    parts.append(
        Text(
            f"Rank {standing['rank']} of {data['members']}, score {_num(standing['score'])}, "
            f"rated “{standing['rating_label']}”, {standing['total_votes']} vote(s)."
        )
    )
    parts.append(Text(f"Outcome: {standing['reason']}"))
    parts.append(Text(f"Rules: {data['rule_pack']['name']}"))
    sections = (("Bloc awards", standing["decisions"]), ("Titles", standing["titles"]))
    for section, decisions in sections:
        if not decisions:
            continue
        parts.append(Text(f"\n{section}:", style="bold"))
        for decision in decisions:
            parts.append(Padding(Text(decision["reason"]), (0, 0, 0, 2)))
            grid = Table.grid(padding=(0, 1))
            grid.add_column(width=1)
            grid.add_column()
            for c in decision["conditions"]:
                extra = " [unverified]" if c["unverified"] else ""
                basis = f" — {c['basis']}" if c["basis"] else ""
                grid.add_row(
                    "✓" if c["met"] else "✗", f"{c['rule']}: {c['observed']}{extra}{basis}"
                )
            parts.append(Padding(grid, (0, 0, 0, 4)))
    return Group(*parts)


def explain_dict(data: dict[str, Any], member_id: str) -> dict[str, Any]:
    standing = next(s for s in data["standings"] if s["member"]["id"] == member_id)
    return {
        "schema": data["schema"],
        "bloc": data["bloc"],
        "year": data["year"],
        "rule_pack": data["rule_pack"],
        "members": data["members"],
        "standing": standing,
    }
