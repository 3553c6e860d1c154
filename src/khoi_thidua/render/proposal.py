"""Renders a proposal: the JSON shape, CSV, markdown and rich tables (reasons: render.reasons)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from khoi_thidua.awards.conditions import ConditionCheck
from khoi_thidua.awards.kinds.words import score_text
from khoi_thidua.awards.proposal import AwardDecision, Proposal, Standing
from khoi_thidua.awards.rules import AwardRule, RulePack
from khoi_thidua.i18n import t
from khoi_thidua.model import RATING_SHORT_VI, SCHEMA_VERSION, Bloc
from khoi_thidua.render.conference import (
    conference_reason,
    conference_standing_reason,
    warning_text,
)
from khoi_thidua.render.pack_choice import choice_dict
from khoi_thidua.render.reasons import (
    decision_reason,
    decisive,
    describe,
    leader_reason,
    observed,
    short_failure,
    standing_reason,
)
from khoi_thidua.render.refs import bloc_ref, member_entry

if TYPE_CHECKING:  # the shapes are for type checkers only: a run never builds them
    from rich.console import RenderableType

    from khoi_thidua.render.proposal_shapes import (
        AwardRef,
        CheckEntry,
        DecisionEntry,
        DecisiveEntry,
        ProposalResult,
        StandingEntry,
    )


def _names(bloc: Bloc) -> dict[str, str]:
    return {m.id: m.name for m in bloc.members}


def _award_ref(award: AwardRule | None) -> AwardRef | None:
    if award is None:
        return None
    return {"id": award.id, "name": award.name, "basis": award.basis}


def _check_dict(item: ConditionCheck, pack: RulePack, year: int) -> CheckEntry:
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
) -> DecisionEntry:
    return {
        "award": decision.award,
        "status": decision.status,
        "others": list(decision.others),
        "held_for": list(decision.held_for),
        "reason": conference_reason(decision, pack, decision_reason(decision, pack, year, names)),
        "conference": decision.conference or None,
        "conditions": [_check_dict(c, pack, year) for c in decision.checks],
    }


def _decisive_dict(s: Standing, proposal: Proposal, names: dict[str, str]) -> DecisiveEntry:
    award, reason = decisive(s, proposal, names)
    return {
        "award": award or None,
        "reason": conference_standing_reason(s, proposal.pack, reason),
        "votes": (dict(s.result.votes).get(award, 0) if s.result and award else None),
    }


def proposal_dict(bloc: Bloc, proposal: Proposal) -> ProposalResult:
    """The documented JSON shape of ``khoi propose --format json``."""
    pack = proposal.pack
    names = _names(bloc)
    standings: list[StandingEntry] = []
    for s in proposal.standings:
        r = s.result
        standings.append(
            {
                "rank": s.rank,
                "tied_with": list(s.tied_with),
                "member": member_entry(bloc, s.member),
                "has_results": r is not None,
                "score": r.score if r else None,
                "self_score": r.self_score if r else None,
                "rating": r.rating.value if r else None,
                "rating_label": r.rating.label_vi if r else None,
                "discipline": r.discipline.value if r else None,
                "votes": dict(r.votes) if r else {},
                "total_votes": r.total_votes if r else 0,
                "award": _award_ref(pack.award(s.award) if s.award else None),
                "reason": conference_standing_reason(s, pack, standing_reason(s, proposal, names)),
                "decisive": _decisive_dict(s, proposal, names),
                "decisions": [_decision_dict(d, pack, proposal.year, names) for d in s.decisions],
                "titles": [_decision_dict(d, pack, proposal.year, names) for d in s.titles],
            }
        )
    return {
        "schema": SCHEMA_VERSION,
        "bloc": bloc_ref(bloc),
        "year": proposal.year,
        "status": proposal.status,
        "rule_pack": {
            "id": pack.id,
            "name": pack.name,
            "basis": pack.basis,
            "years": {"from": pack.year_from, "to": pack.year_to},
            "sources": list(pack.sources),
        },
        "rules": choice_dict(pack),
        "members": proposal.members,
        "leader": {
            "members": [member_entry(bloc, m) for m in proposal.leading.members],
            "standard": proposal.leading.rule.standard,
            "units": proposal.leading.rule.units,
            "tied": proposal.leading.tied,
            "passed_over": [
                {
                    "member": member_entry(bloc, p.member),
                    "rank": p.rank,
                    "fails": [short_failure(c, pack) for c in p.failed],
                }
                for p in proposal.leading.passed_over
            ],
            "reason": leader_reason(proposal, names),
        },
        "proposed": [
            {
                "rank": s.rank,
                "member": member_entry(bloc, s.member),
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
        "held": [
            {
                "award": h.award,
                "for_awards": list(h.for_awards),
                "members": list(h.members),
                "seats": h.seats,
            }
            for h in proposal.held
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
        "settled": [
            {"award": tie.award, "rank": tie.rank, "members": list(tie.members)}
            for tie in proposal.settled
        ],
        "warnings": [
            {"code": n.code, "text": warning_text(n, proposal, names), "detail": n.detail}
            for n in proposal.notices
        ],
    }


# -- flat formats --------------------------------------------------------------------------


def proposal_rows(data: ProposalResult) -> tuple[list[str], list[list[object]]]:
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
        award = s["award"]
        rows.append(
            [
                "" if s["rank"] is None else s["rank"],
                s["member"]["id"],
                s["member"]["name"],
                "" if s["score"] is None else s["score"],
                s["rating_label"] or "",
                s["total_votes"],
                *[s["votes"].get(a, 0) for a in award_ids],
                award["id"] if award else "",
                award["name"] if award else "",
                award["basis"] if award else "",
                s["reason"],
            ]
        )
    return header, rows


def _md(value: object) -> str:
    return str(value).replace("|", "\\|").replace("\n", " ")


def _columns() -> list[str]:
    return [t("Rank"), t("Member"), t("Score"), t("Rating"), t("Votes"), t("Proposed award")]


def proposal_markdown(data: ProposalResult) -> str:
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
        t("Why these rules: {reason}", reason=data["rules"]["reason"]),
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
                    "—" if s["score"] is None else score_text(s["score"]),
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


def proposal_view(data: ProposalResult) -> RenderableType:
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
            + t("Why these rules: {reason}", reason=data["rules"]["reason"])
            + "\n"
            + t(
                "HTXSNV / HTTNV / HTNV / KHTNV: tasks completed excellently / well / "
                "adequately / not completed"
            )
            + "\n"
            + t(
                "Votes: for the award the row is about (the one proposed, or the one its "
                "reason names)."
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
            "—" if s["score"] is None else score_text(s["score"]),
            RATING_SHORT_VI[s["rating"]] if s["rating"] else t("no results"),
            "—" if s["decisive"]["votes"] is None else str(s["decisive"]["votes"]),
            s["award"]["name"] if s["award"] else "—",
            style="bold" if s["award"] else None,
        )
    reasons = Table(
        title=t("Reasons"),
        title_justify="left",
        show_lines=False,
        caption=t(
            "Every award and condition, with its legal basis: khoi propose {year} --explain "
            "MEMBER, or --format markdown.",
            year=data["year"],
        ),
        caption_justify="left",
    )
    reasons.add_column(member)
    reasons.add_column(t("Reason"))
    for s in data["standings"]:
        reasons.add_row(s["member"]["name"], s["decisive"]["reason"])
    parts: list[RenderableType] = [table, reasons]
    lines = warning_lines(data, compact=True)
    if lines:
        parts.append(Text(t("Warnings") + ":", style="bold yellow"))
        parts.extend(Text(f"! {line}") for line in lines)
    return Group(*parts)


def warning_lines(data: ProposalResult, compact: bool = False) -> list[str]:
    """Warnings for people: unverified defaults grouped by award, one line each (``compact``:
    one line for every award, as the terminal table shows them)."""
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
    if compact and unverified:
        lines.append(
            t(
                "Unverified defaults relied on: {defaults} (set the bloc's own values in a "
                "rules override; see docs/rules.md).",
                defaults="; ".join(
                    f"{names.get(award, award)} ({', '.join(what)})"
                    for award, what in unverified.items()
                ),
            )
        )
        return lines
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
