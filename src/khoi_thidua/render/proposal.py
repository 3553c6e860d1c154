"""Renders a proposal: the JSON shape, CSV, markdown and rich tables (reasons: render.reasons)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from khoi_thidua.awards.conditions import ConditionCheck
from khoi_thidua.awards.kinds.words import score_text
from khoi_thidua.awards.proposal import AwardDecision, Proposal, Standing
from khoi_thidua.awards.rules import AwardRule, RulePack
from khoi_thidua.i18n import Messages
from khoi_thidua.model import RATING_SHORT_VI, SCHEMA_VERSION, Bloc
from khoi_thidua.render.conference import (
    conference_reason,
    conference_standing_reason,
    warning_lines,
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
    from khoi_thidua.render.proposal_shapes import (
        AwardRef,
        CheckEntry,
        DecisionEntry,
        DecisiveEntry,
        ProposalResult,
        StandingEntry,
    )
    from khoi_thidua.render.sheet import Sheet


def _names(bloc: Bloc) -> dict[str, str]:
    return {m.id: m.name for m in bloc.members}


def _award_ref(award: AwardRule | None) -> AwardRef | None:
    if award is None:
        return None
    return {"id": award.id, "name": award.name, "basis": award.basis}


def _check_dict(msgs: Messages, item: ConditionCheck, pack: RulePack, year: int) -> CheckEntry:
    return {
        "kind": item.condition.kind,
        "rule": describe(msgs, item.condition, pack, year),
        "met": item.met,
        "observed": observed(msgs, item, pack),
        "basis": item.condition.basis,
        "unverified": item.condition.unverified,
        "params": item.condition.params,
        "actual": item.actual,
    }


def _decision_dict(
    msgs: Messages, decision: AwardDecision, pack: RulePack, year: int, names: dict[str, str]
) -> DecisionEntry:
    return {
        "award": decision.award,
        "status": decision.status,
        "others": list(decision.others),
        "held_for": list(decision.held_for),
        "reason": conference_reason(
            msgs, decision, pack, decision_reason(msgs, decision, pack, year, names)
        ),
        "conference": decision.conference or None,
        "conditions": [_check_dict(msgs, c, pack, year) for c in decision.checks],
    }


def _decisive_dict(
    msgs: Messages, s: Standing, proposal: Proposal, names: dict[str, str]
) -> DecisiveEntry:
    award, reason = decisive(msgs, s, proposal, names)
    return {
        "award": award or None,
        "reason": conference_standing_reason(msgs, s, proposal.pack, reason),
        "votes": (dict(s.result.votes).get(award, 0) if s.result and award else None),
    }


def proposal_dict(msgs: Messages, bloc: Bloc, proposal: Proposal) -> ProposalResult:
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
                "reason": conference_standing_reason(
                    msgs, s, pack, standing_reason(msgs, s, proposal, names)
                ),
                "decisive": _decisive_dict(msgs, s, proposal, names),
                "decisions": [
                    _decision_dict(msgs, d, pack, proposal.year, names) for d in s.decisions
                ],
                "titles": [_decision_dict(msgs, d, pack, proposal.year, names) for d in s.titles],
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
        "rules": choice_dict(msgs, pack),
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
                    "fails": [short_failure(msgs, c, pack) for c in p.failed],
                }
                for p in proposal.leading.passed_over
            ],
            "reason": leader_reason(msgs, proposal, names),
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
        "warnings": [n.entry(warning_text(msgs, n, proposal, names)) for n in proposal.notices],
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


def _columns(
    msgs: Messages,
) -> list[str]:
    return [
        msgs.t("Rank"),
        msgs.t("Member"),
        msgs.t("Score"),
        msgs.t("Rating"),
        msgs.t("Votes"),
        msgs.t("Proposed award"),
    ]


def proposal_markdown(msgs: Messages, data: ProposalResult) -> str:
    lines = [
        "# "
        + msgs.t(
            "{bloc} — commendation proposals for {year}",
            bloc=data["bloc"]["name"],
            year=data["year"],
        ),
        "",
        msgs.t("Rules: {rules}", rules=data["rule_pack"]["name"]),
        "",
        msgs.t("Why these rules: {reason}", reason=data["rules"]["reason"]),
        "",
        "| "
        + " | ".join(
            _columns(
                msgs,
            )
        )
        + " |",
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
                    "—" if s["score"] is None else score_text(msgs, s["score"]),
                    s["rating_label"] or "—",
                    s["total_votes"],
                    award,
                )
            )
            + " |"
        )
    lines += ["", "## " + msgs.t("Reasons"), ""]
    lines += [f"- **{_md(s['member']['name'])}**: {_md(s['reason'])}" for s in data["standings"]]
    warnings = warning_lines(msgs, data)
    if warnings:
        lines += ["", "## " + msgs.t("Warnings"), ""]
        lines += [f"- {_md(w)}" for w in warnings]
    return "\n".join(lines) + "\n"


# -- rich views ----------------------------------------------------------------------------


def excluded_members(data: ProposalResult) -> set[str]:
    """The units a disqualifying criterion (điểm liệt) left out, from the proposal's warnings."""
    return {w["detail"]["member"] for w in data["warnings"] if w["code"] == "excluded"}


def proposal_view(msgs: Messages, data: ProposalResult) -> Sheet:
    """The standings and the reasons as two tables, then the warnings (render/sheet.py prints
    them through rich on a terminal, as plain text on a pipe)."""
    from khoi_thidua.render.sheet import Column, Grid, Line, Row, Sheet

    caption = "\n".join(
        [
            msgs.t(
                "Rules in force for {year}: {rules}",
                year=data["year"],
                rules=data["rule_pack"]["name"],
            ),
            msgs.t("Why these rules: {reason}", reason=data["rules"]["reason"]),
            msgs.t(
                "HTXSNV / HTTNV / HTNV / KHTNV: tasks completed excellently / well / "
                "adequately / not completed"
            ),
            msgs.t(
                "Votes: for the award the row is about (the one proposed, or the one its "
                "reason names)."
            ),
        ]
    )
    rank, member, score, rating, votes, award = _columns(msgs)
    excluded = excluded_members(data)
    rows = []
    for s in data["standings"]:
        place = "—" if s["rank"] is None else str(s["rank"])
        if s["tied_with"]:
            place += "="
        cells = (
            place,
            s["member"]["name"],
            "—" if s["score"] is None else score_text(msgs, s["score"]),
            RATING_SHORT_VI[s["rating"]]
            if s["rating"]
            else msgs.t("excluded")
            if s["member"]["id"] in excluded
            else msgs.t("no results"),
            "—" if s["decisive"]["votes"] is None else str(s["decisive"]["votes"]),
            s["award"]["name"] if s["award"] else "—",
        )
        rows.append(Row(cells, "bold" if s["award"] else ""))
    standings = Grid(
        (
            Column(rank, "right"),
            Column(member),
            Column(score, "right"),
            Column(rating),
            Column(votes, "right"),
            Column(award),
        ),
        tuple(rows),
        title=msgs.t(
            "{bloc} — commendation proposals for {year}",
            bloc=data["bloc"]["name"],
            year=data["year"],
        ),
        caption=caption,
    )
    reasons = Grid(
        (Column(member), Column(msgs.t("Reason"))),
        tuple(Row((s["member"]["name"], s["decisive"]["reason"])) for s in data["standings"]),
        title=msgs.t("Reasons"),
        caption=msgs.t(
            "Every award and condition, with its legal basis: khoi propose {year} --explain "
            "MEMBER, or --format markdown.",
            year=data["year"],
        ),
    )
    parts: list[Grid | Line] = [standings, reasons]
    lines = warning_lines(msgs, data, compact=True)
    if lines:
        parts.append(Line(msgs.t("Warnings") + ":", style="bold yellow"))
        parts.extend(Line(f"! {line}") for line in lines)
    return Sheet(tuple(parts))
