"""Says where a proposal's score came from when the year has a plan: computed, or typed."""

from __future__ import annotations

from typing import Any

from khoi_thidua.i18n import language, t
from khoi_thidua.numbers import format_number


def computed_score_text(code: str, detail: dict[str, Any], member: str, year: int) -> str:
    """The notice for a score computed from the plan that differs from the one typed, or for a
    score the plan could not compute yet (the typed one is used)."""
    if code == "typed_score":
        return t(
            "The score of {member} could not be computed from {plan} ({error}); the score typed "
            "in results-{year}.toml is used.",
            member=member,
            plan=detail["plan"],
            error=detail["error"] or "—",
            year=year,
        )
    return t(
        "The score of {member} is computed from {plan}: {computed} "
        "(results-{year}.toml says {typed}); `khoi scores {year} --explain {id}` shows how.",
        member=member,
        plan=detail["plan"],
        computed=format_number(detail["computed"], language()),
        typed=format_number(detail["typed"], language()),
        year=year,
        id=detail["member"],
    )
