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
from khoi_thidua.i18n import language, t
from khoi_thidua.model import RATING_SHORT_VI, SCHEMA_VERSION, Bloc, Discipline, Rating
from khoi_thidua.numbers import format_number, format_percent
from khoi_thidua.render.rotation import bloc_ref, member_ref

if TYPE_CHECKING:
    from rich.console import RenderableType

# The document's own title: Vietnamese in both languages, as in the minutes and letters.


def _threshold(share: float) -> str:
    """A share a rule asks for, with the places it was written with (50%, 66.67%)."""
    percent = round(share * 100, 2)
    places = 0 if percent == int(percent) else 1 if round(percent, 1) == percent else 2
    return format_percent(share, language(), places)


def _share(share: float) -> str:
    """A share the data shows (75%, 12.5%, 66.7%)."""
    return format_percent(share, language())


def _score(value: float) -> str:
    """A score with at least one decimal: 97.0, 98.5, 97.25 (97,0 · 98,5 in Vietnamese)."""
    places = 1 if round(value, 1) == value else 2
    return format_number(value, language(), places)


def _rating(value: str) -> str:
    return Rating(value).label_vi


def _award_name(pack: RulePack, award_id: str) -> str:
    try:
        return pack.award(award_id).name
    except KeyError:
        return award_id


def _award_names(pack: RulePack, award_ids: list[str]) -> str:
    return t(" or ").join(_award_name(pack, a) for a in award_ids)


def describe(condition: Condition, pack: RulePack, year: int) -> str:
    """The rule a condition states, in words."""
    p = condition.params
    kind = condition.kind
    if kind == "min_rating":
        return t("rating “{rating}” or better", rating=_rating(p["rating"]))
    if kind == "max_rank":
        if p["rank"] == 1:
            return t("ranked 1st in the bloc (leading unit)")
        return t("ranked in the top {rank}", rank=p["rank"])
    if kind == "no_discipline":
        level = Discipline(p["at_or_above"]).label_vi
        return t("no discipline at “{level}” or above", level=level)
    if kind == "min_vote_share":
        if "more_than" in p:
            return t(
                "votes from more than {share} of the ballots cast",
                share=_threshold(p["more_than"]),
            )
        return t("votes from at least {share} of the ballots cast", share=_threshold(p["at_least"]))
    if kind == "min_score":
        return t("final score at least {score}", score=_score(p["score"]))
    if kind == "consecutive_years":
        return t(
            "{years} consecutive years ({first}–{year}) rated “{rating}” or better",
            years=p["years"],
            first=year - p["years"] + 1,
            year=year,
            rating=_rating(p["rating"]),
        )
    if kind == "prior_awards":
        names = _award_names(pack, p["awards"])
        span = f"{year - p['within_years']}–{year - 1}"
        if p["min_count"] == 1:
            return t("{awards} granted for results of {span}", awards=names, span=span)
        return t(
            "at least {count} × {awards} granted for results of {span}",
            count=p["min_count"],
            awards=names,
            span=span,
        )
    if kind == "staff":
        parts = []
        if p.get("all_completed"):
            parts.append(t("all staff completed their tasks"))
        if "advanced_share_at_least" in p:
            share = _threshold(p["advanced_share_at_least"])
            parts.append(t("at least {share} “Lao động tiên tiến”", share=share))
        if "advanced_share_more_than" in p:
            share = _threshold(p["advanced_share_more_than"])
            parts.append(t("more than {share} “Lao động tiên tiến”", share=share))
        if p.get("base_soldier"):
            parts.append(t("at least one “Chiến sĩ thi đua cơ sở”"))
        return t("staff: {conditions}", conditions=", ".join(parts))
    return kind


def _rated(rating: str) -> str:
    return t("rated “{rating}”", rating=_rating(rating))


def _discipline(value: str) -> str:
    return t("discipline “{level}”", level=Discipline(value).label_vi)


def _yes_no(value: bool) -> str:
    return t("yes") if value else t("no")


def observed(item: ConditionCheck, pack: RulePack) -> str:
    """What the data showed for a condition."""
    a = item.actual
    kind = item.condition.kind
    if kind == "min_rating":
        return _rated(a["rating"])
    if kind == "max_rank":
        return t("rank {rank}", rank=a["rank"])
    if kind == "no_discipline":
        if Discipline(a["discipline"]) is Discipline.NONE:
            return t("no discipline")
        return _discipline(a["discipline"])
    if kind == "min_vote_share":
        if a.get("missing") == "ballots":
            return t("the number of ballots cast is not recorded")
        votes = a["votes"] or 0
        text = t(
            "{votes} of {ballots} ballots ({share})",
            votes=votes,
            ballots=a["ballots"],
            share=_share(votes / a["ballots"]),
        )
        if a.get("missing") == "votes":
            text += t("; no votes recorded for the unit, counted as 0")
        return text
    if kind == "min_score":
        return t("score {score}", score=_score(a["score"]))
    if kind == "consecutive_years":
        streak = a["streak"]
        if streak == 1:
            text = t("{count} year in a row", count=streak)
        else:
            text = t("{count} years in a row", count=streak)
        if "broken_at" in a:
            why = {
                "no_results_file": t("no results file"),
                "no_result": t("no result for the unit"),
                "rating": _rated(a.get("rating", "done")),
            }[a["broken_by"]]
            text += t(" (in {year}: {why})", year=a["broken_at"], why=why)
        return text
    if kind == "prior_awards":
        found = a["found"]
        if not found:
            return t("none recorded")
        return "; ".join(
            t(
                "{award} for {year} ({decision})",
                award=_award_name(pack, f["award"]),
                year=f["year"],
                decision=f["decision"],
            )
            for f in found
        )
    if kind == "staff":
        if a.get("missing") == "staff":
            return t("no staff figures recorded")
        return t(
            "{count} staff, {share} “Lao động tiên tiến”, Chiến sĩ thi đua cơ sở: {soldier}, "
            "all completed: {completed}",
            count=a["count"],
            share=_share(a["advanced_share"]),
            soldier=_yes_no(a["has_base_soldier"]),
            completed=_yes_no(a["all_completed"]),
        )
    return ""


def _staff_shortfall(field: str) -> str:
    """A staff figure that fell short, by its id in the condition's ``failed`` list."""
    if field == "all_completed":
        return t("all staff completed their tasks")
    if field == "advanced_share":
        return t("the “Lao động tiên tiến” share")
    if field == "base_soldier":
        return t("a “Chiến sĩ thi đua cơ sở”")
    return field


def short_failure(item: ConditionCheck, pack: RulePack) -> str:
    """A failed condition in a few words, for the reason line under the table."""
    a = item.actual
    p = item.condition.params
    kind = item.condition.kind
    if kind == "min_rating":
        return t(
            "rated {rating} (needs {needed})",
            rating=RATING_SHORT_VI[a["rating"]],
            needed=RATING_SHORT_VI[p["rating"]],
        )
    if kind == "max_rank":
        if p["rank"] == 1:
            return t("rank {rank} (needs 1st)", rank=a["rank"])
        return t("rank {rank} (needs top {limit})", rank=a["rank"], limit=p["rank"])
    if kind == "no_discipline":
        return _discipline(a["discipline"])
    if kind == "min_vote_share":
        if a.get("missing") == "ballots":
            return t("ballots cast not recorded")
        votes = a["votes"] or 0
        if "more_than" in p:
            return t(
                "{votes}/{ballots} votes (needs >{share})",
                votes=votes,
                ballots=a["ballots"],
                share=_threshold(p["more_than"]),
            )
        return t(
            "{votes}/{ballots} votes (needs ≥{share})",
            votes=votes,
            ballots=a["ballots"],
            share=_threshold(p["at_least"]),
        )
    if kind == "min_score":
        return t(
            "score {score} (needs ≥{needed})", score=_score(a["score"]), needed=_score(p["score"])
        )
    if kind == "consecutive_years":
        return t(
            "{streak} consecutive year(s) {rating} (needs {years})",
            streak=a["streak"],
            rating=RATING_SHORT_VI[p["rating"]],
            years=p["years"],
        )
    if kind == "prior_awards":
        return t("no {awards} in time", awards=_award_names(pack, p["awards"]))
    if kind == "staff":
        if a.get("missing") == "staff":
            return t("no staff figures")
        short = ", ".join(_staff_shortfall(f) for f in a["failed"])
        return t("staff figures short ({figures})", figures=short)
    return kind


def decision_reason(
    decision: AwardDecision, pack: RulePack, year: int, names: dict[str, str]
) -> str:
    """Why a unit did or did not get one award, in one sentence."""
    award = pack.award(decision.award)
    if decision.status == PROPOSED:
        return t(
            "{award}: proposed — meets every condition ({basis})",
            award=award.name,
            basis=award.basis,
        )
    if decision.status == ELIGIBLE:
        return t("{award}: meets every condition ({basis})", award=award.name, basis=award.basis)
    if decision.status == NOT_ELIGIBLE:
        fails = "; ".join(
            f"{describe(c.condition, pack, year)} ({observed(c, pack)})" for c in decision.failed
        )
        return t("{award}: not eligible — fails: {fails}", award=award.name, fails=fails)
    if decision.status == NO_ROOM:
        who = ", ".join(names.get(m, m) for m in decision.others) or t("nobody (no seat)")
        return t(
            "{award}: eligible, but the quota is filled by higher-ranked {members}",
            award=award.name,
            members=who,
        )
    if decision.status == TIE:
        who = ", ".join(names.get(m, m) for m in decision.others)
        return t(
            "{award}: eligible, tied with {members} for the last seat — the conference decides",
            award=award.name,
            members=who,
        )
    if decision.status == HIGHER:
        return t(
            "{award}: not needed — already proposed for {higher}",
            award=award.name,
            higher=_award_name(pack, decision.others[0]),
        )
    if decision.status == HELD:
        return t(
            "{award}: not placed while its tie for {other} is unsettled",
            award=award.name,
            other=_award_name(pack, decision.others[0]),
        )
    return f"{award.name}: {decision.status}"


def standing_reason(standing: Standing, proposal: Proposal, names: dict[str, str]) -> str:
    """The one-line reason shown under the table for a unit."""
    pack = proposal.pack
    if standing.rank is None:
        return t(
            "no results recorded for {year}: not ranked and not considered "
            "(add [results.{member}] to results-{year}.toml)",
            year=proposal.year,
            member=standing.member,
        )
    if standing.award is not None:
        award = pack.award(standing.award)
        return t(
            "proposed for {award}: rank {rank}, meets every condition ({basis})",
            award=award.name,
            rank=standing.rank,
            basis=award.basis,
        )
    parts = []
    for d in standing.decisions:
        if d.status == NOT_ELIGIBLE:
            fails = ", ".join(short_failure(c, pack) for c in d.failed)
            parts.append(f"{pack.award(d.award).name}: {fails}")
        elif d.status in (NO_ROOM, TIE, HELD):
            parts.append(decision_reason(d, pack, proposal.year, names))
    reasons = "; ".join(parts)
    if any(d.status == TIE for d in standing.decisions):
        return t("tie at a quota boundary — {reasons} (details: --explain)", reasons=reasons)
    return t("not proposed — {reasons} (details: --explain)", reasons=reasons)


def notice_text(notice: Notice, proposal: Proposal, names: dict[str, str]) -> str:
    d = notice.detail
    pack = proposal.pack
    if notice.code == "tie":
        return t(
            "Unresolved tie for {award} at rank {rank}: {members} ({seats} seat(s) left). "
            "khoi does not break it; the conference must.",
            award=_award_name(pack, d["award"]),
            rank=d["rank"],
            members=", ".join(names.get(m, m) for m in d["members"]),
            seats=d["seats_left"],
        )
    if notice.code == "ranking_tie":
        return t(
            "Rank {rank} is shared by {members} (same score and votes); no quota depends on it.",
            rank=d["rank"],
            members=", ".join(names.get(m, m) for m in d["members"]),
        )
    if notice.code == "no_results":
        return t(
            "{member} has no results for {year}.",
            member=names.get(d["member"], d["member"]),
            year=proposal.year,
        )
    if notice.code == "no_ballots":
        return t(
            "The number of ballots cast is not recorded ([conference] ballots): "
            "vote shares cannot be checked."
        )
    if notice.code == "no_votes":
        return t(
            "No votes are recorded for {member} (counted as 0).",
            member=names.get(d["member"], d["member"]),
        )
    if notice.code == "unverified":
        kind = d["what"]
        what = t("quota") if kind == "quota" else t("condition `{kind}`", kind=kind)
        return t(
            "Relied on an unverified default: {award}, {what}{basis}.",
            award=_award_name(pack, d["award"]),
            what=what,
            basis=f" ({d['basis']})" if d["basis"] else "",
        )
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
                "award": tie.award,
                "rank": tie.rank,
                "members": list(tie.members),
                "seats_left": tie.seats_left,
            }
            for tie in proposal.ties
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


def _columns() -> list[str]:
    return [t("Rank"), t("Member"), t("Score"), t("Rating"), t("Votes"), t("Proposed award")]


def proposal_markdown(data: dict[str, Any]) -> str:
    lines = [
        "# "
        + t(
            "{bloc} — commendation proposals for {year}",
            bloc=data["bloc"]["name"],
            year=data["year"],
        ),
        "",
        t("Rules: {rules}", rules=data["rule_pack"]["name"]),
        "",
        "| " + " | ".join(_columns()) + " |",
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
                    "—" if s["score"] is None else _score(s["score"]),
                    s["rating_label"] or "—",
                    s["total_votes"],
                    award,
                )
            )
            + " |"
        )
    lines += ["", "## " + t("Reasons"), ""]
    lines += [f"- **{_md(s['member']['name'])}**: {_md(s['reason'])}" for s in data["standings"]]
    warnings = warning_lines(data)
    if warnings:
        lines += ["", "## " + t("Warnings"), ""]
        lines += [f"- {_md(w)}" for w in warnings]
    return "\n".join(lines) + "\n"


# -- rich views ----------------------------------------------------------------------------


def proposal_view(data: dict[str, Any]) -> RenderableType:
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    table = Table(
        title=t(
            "{bloc} — commendation proposals for {year}",
            bloc=data["bloc"]["name"],
            year=data["year"],
        ),
        title_justify="left",
        caption=(
            t(
                "Rules in force for {year}: {rules}",
                year=data["year"],
                rules=data["rule_pack"]["name"],
            )
            + "\n"
            + t(
                "HTXSNV / HTTNV / HTNV / KHTNV: tasks completed excellently / well / "
                "adequately / not completed"
            )
        ),
        caption_justify="left",
    )
    rank, member, score, rating, votes, award = _columns()
    table.add_column(rank, justify="right")
    table.add_column(member)
    table.add_column(score, justify="right")
    table.add_column(rating)
    table.add_column(votes, justify="right")
    table.add_column(award)
    for s in data["standings"]:
        place = "—" if s["rank"] is None else str(s["rank"])
        if s["tied_with"]:
            place += "="
        table.add_row(
            place,
            s["member"]["name"],
            "—" if s["score"] is None else _score(s["score"]),
            RATING_SHORT_VI[s["rating"]] if s["rating"] else t("no results"),
            str(s["total_votes"]),
            s["award"]["name"] if s["award"] else "—",
            style="bold" if s["award"] else None,
        )
    reasons = Table(title=t("Reasons"), title_justify="left", show_lines=False)
    reasons.add_column(member)
    reasons.add_column(t("Reason and legal basis"))
    for s in data["standings"]:
        reasons.add_row(s["member"]["name"], s["reason"])
    parts: list[RenderableType] = [table, reasons]
    lines = warning_lines(data)
    if lines:
        parts.append(Text(t("Warnings") + ":", style="bold yellow"))
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
            # the keys to set in the override file: `quota` or a condition's kind
            unverified.setdefault(detail["award"], []).append(f"`{detail['what']}`")
        else:
            lines.append(warning["text"])
    for award, what in unverified.items():
        lines.append(
            t(
                "Unverified defaults relied on for {award}: {defaults} "
                "(set the bloc's own values in a rules override; see README).",
                award=names.get(award, award),
                defaults=", ".join(what),
            )
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
            t(
                "Rank {rank} of {members}, score {score}, rated “{rating}”, {votes} vote(s).",
                rank=standing["rank"],
                members=data["members"],
                score=_score(standing["score"]),
                rating=standing["rating_label"],
                votes=standing["total_votes"],
            )
        )
    )
    parts.append(Text(t("Outcome: {reason}", reason=standing["reason"])))
    parts.append(Text(t("Rules: {rules}", rules=data["rule_pack"]["name"])))
    sections = ((t("Bloc awards"), standing["decisions"]), (t("Titles"), standing["titles"]))
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
                extra = " " + t("[unverified]") if c["unverified"] else ""
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
