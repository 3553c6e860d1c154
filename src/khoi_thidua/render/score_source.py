"""Says where a proposal's score came from when the year has a plan: computed, or typed."""

from __future__ import annotations

from typing import Any

from khoi_thidua.i18n import Messages
from khoi_thidua.model import Rating
from khoi_thidua.numbers import format_number


def computed_score_text(
    msgs: Messages, code: str, detail: dict[str, Any], member: str, year: int
) -> str:
    """The notice for a score computed from the plan that differs from the one typed, or for a
    score the plan could not compute yet (the typed one is used), or for a disqualifying
    criterion (điểm liệt) failed, which caps the rating or excludes the unit."""
    if code == "rating_capped":
        return msgs.t(
            "{member} failed the disqualifying criterion (điểm liệt) {failed} of {plan}: it is "
            "judged as “{cap}”, not “{rating}” as results-{year}.toml says.",
            member=member,
            failed=", ".join(f"`{f}`" for f in detail["failed"]),
            plan=detail["plan"],
            cap=Rating(detail["cap"]).label_vi,
            rating=Rating(detail["rating"]).label_vi,
            year=year,
        )
    if code == "excluded":
        return msgs.t(
            "{member} failed the disqualifying criterion (điểm liệt) {failed} of {plan}, which "
            "excludes it: it is left out of the ranking and of every award.",
            member=member,
            failed=", ".join(f"`{f}`" for f in detail["failed"]),
            plan=detail["plan"],
        )
    if code == "typed_score":
        return msgs.t(
            "The score of {member} could not be computed from {plan} ({error}); the score typed "
            "in results-{year}.toml is used.",
            member=member,
            plan=detail["plan"],
            error=detail["error"] or "—",
            year=year,
        )
    return msgs.t(
        "The score of {member} is computed from {plan}: {computed} "
        "(results-{year}.toml says {typed}); `khoi scores {year} --explain {id}` shows how.",
        member=member,
        plan=detail["plan"],
        computed=format_number(detail["computed"], msgs.language),
        typed=format_number(detail["typed"], msgs.language),
        year=year,
        id=detail["member"],
    )
