"""Renders one unit's explanation of a proposal: rank, outcome, leader and each condition."""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from khoi_thidua.awards.kinds.words import score_text
from khoi_thidua.i18n import Messages

if TYPE_CHECKING:
    from khoi_thidua.render.proposal_shapes import ExplainResult, ProposalResult
    from khoi_thidua.render.sheet import Sheet

# The warnings of the year's plan about one unit (year_flow.py): its explanation repeats them.
YEAR_PLAN_NOTICES: Final = ("computed_score", "typed_score", "rating_capped", "excluded")


def explain_view(msgs: Messages, data: ProposalResult, member_id: str) -> Sheet:
    """One unit's rank and outcome, then each award's reason and conditions, marked ✓ or ✗."""
    from khoi_thidua.render.sheet import Column, Grid, Line, Row, Sheet

    standing = next(s for s in data["standings"] if s["member"]["id"] == member_id)
    member = standing["member"]
    parts: list[Grid | Line] = [
        Line(f"{member['name']} ({member['id']}) — {data['year']}", style="bold"),
    ]
    for warning in data["warnings"]:
        if warning["code"] in YEAR_PLAN_NOTICES and warning["detail"]["member"] == member_id:
            parts.append(Line(warning["text"]))  # where its score and rating came from
    score = standing["score"]
    if not standing["has_results"] or score is None:  # no results: the reason says so
        parts.append(Line(standing["reason"]))
        return Sheet(tuple(parts))
    parts.append(
        Line(
            msgs.tn(
                "Rank {rank} of {members}, score {score}, rated “{rating}”, {votes} vote.",
                "Rank {rank} of {members}, score {score}, rated “{rating}”, {votes} votes.",
                standing["total_votes"],
                rank=standing["rank"],
                members=data["members"],
                score=score_text(msgs, score),
                rating=standing["rating_label"],
                votes=standing["total_votes"],
            )
        )
    )
    parts.append(Line(msgs.t("Outcome: {reason}", reason=standing["reason"])))
    parts.append(Line(msgs.t("Rules: {rules}", rules=data["rule_pack"]["name"])))
    parts.append(Line(msgs.t("Leading unit: {reason}", reason=data["leader"]["reason"])))
    sections = (
        (msgs.t("Bloc awards"), standing["decisions"]),
        (msgs.t("Titles"), standing["titles"]),
    )
    for section, decisions in sections:
        if not decisions:
            continue
        parts.append(Line(f"\n{section}:", style="bold"))
        for decision in decisions:
            parts.append(Line(decision["reason"], indent=2))
            rows = []
            for c in decision["conditions"]:
                extra = " " + msgs.t("[unverified]") if c["unverified"] else ""
                basis = f" — {c['basis']}" if c["basis"] else ""
                mark = "✓" if c["met"] else "✗"
                rows.append(Row((mark, f"{c['rule']}: {c['observed']}{extra}{basis}")))
            marks = (Column(width=1), Column())
            parts.append(Grid(marks, tuple(rows), boxed=False, gap=1, indent=4))
    return Sheet(tuple(parts))


def explain_dict(data: ProposalResult, member_id: str) -> ExplainResult:
    standing = next(s for s in data["standings"] if s["member"]["id"] == member_id)
    return {
        "schema": data["schema"],
        "bloc": data["bloc"],
        "year": data["year"],
        "rule_pack": data["rule_pack"],
        "members": data["members"],
        "leader": data["leader"],
        "standing": standing,
    }
