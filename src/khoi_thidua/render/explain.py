"""Renders one unit's explanation of a proposal: rank, outcome, leader and each condition."""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from khoi_thidua.awards.kinds.words import score_text
from khoi_thidua.i18n import Messages

if TYPE_CHECKING:
    from rich.console import RenderableType

    from khoi_thidua.render.proposal_shapes import ExplainResult, ProposalResult

# The warnings of the year's plan about one unit (year_flow.py): its explanation repeats them.
YEAR_PLAN_NOTICES: Final = ("computed_score", "typed_score", "rating_capped", "excluded")


def explain_view(msgs: Messages, data: ProposalResult, member_id: str) -> RenderableType:
    from rich.console import Group
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

    standing = next(s for s in data["standings"] if s["member"]["id"] == member_id)
    member = standing["member"]
    parts: list[RenderableType] = [
        Text(f"{member['name']} ({member['id']}) — {data['year']}", style="bold"),
    ]
    for warning in data["warnings"]:
        if warning["code"] in YEAR_PLAN_NOTICES and warning["detail"]["member"] == member_id:
            parts.append(Text(warning["text"]))  # where its score and rating came from
    score = standing["score"]
    if not standing["has_results"] or score is None:  # no results: the reason says so
        parts.append(Text(standing["reason"]))
        return Group(*parts)
    parts.append(
        Text(
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
    parts.append(Text(msgs.t("Outcome: {reason}", reason=standing["reason"])))
    parts.append(Text(msgs.t("Rules: {rules}", rules=data["rule_pack"]["name"])))
    parts.append(Text(msgs.t("Leading unit: {reason}", reason=data["leader"]["reason"])))
    sections = (
        (msgs.t("Bloc awards"), standing["decisions"]),
        (msgs.t("Titles"), standing["titles"]),
    )
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
                extra = " " + msgs.t("[unverified]") if c["unverified"] else ""
                basis = f" — {c['basis']}" if c["basis"] else ""
                grid.add_row(
                    "✓" if c["met"] else "✗", f"{c['rule']}: {c['observed']}{extra}{basis}"
                )
            parts.append(Padding(grid, (0, 0, 0, 4)))
    return Group(*parts)


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
