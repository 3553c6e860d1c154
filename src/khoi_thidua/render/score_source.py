"""Says where a proposal's score came from when the year has a plan: computed, or typed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from khoi_thidua.i18n import Messages
from khoi_thidua.model import Rating
from khoi_thidua.numbers import format_number

if TYPE_CHECKING:
    from khoi_thidua.awards.notices import PlanNotice


def computed_score_text(msgs: Messages, notice: PlanNotice, member: str, year: int) -> str:
    """The notice for a score computed from the plan that differs from the one typed, or for a
    score the plan could not compute yet (the typed one is used), or for a disqualifying
    criterion (điểm liệt) failed, which caps the rating or excludes the unit."""
    if notice.code == "rating_capped":
        capped = notice.detail
        return msgs.t(
            "{member} failed the disqualifying criterion (điểm liệt) {failed} of {plan}: it is "
            "judged as “{cap}”, not “{rating}” as results-{year}.toml says.",
            member=member,
            failed=", ".join(f"`{f}`" for f in capped["failed"]),
            plan=capped["plan"],
            cap=Rating(capped["cap"]).label_vi,
            rating=Rating(capped["rating"]).label_vi,
            year=year,
        )
    if notice.code == "excluded":
        excluded = notice.detail
        return msgs.t(
            "{member} failed the disqualifying criterion (điểm liệt) {failed} of {plan}, which "
            "excludes it: it is left out of the ranking and of every award.",
            member=member,
            failed=", ".join(f"`{f}`" for f in excluded["failed"]),
            plan=excluded["plan"],
        )
    if notice.code == "typed_score":
        typed = notice.detail
        return msgs.t(
            "The score of {member} could not be computed from {plan} ({error}); the score typed "
            "in results-{year}.toml is used.",
            member=member,
            plan=typed["plan"],
            error=typed["error"] or "—",
            year=year,
        )
    computed = notice.detail
    return msgs.t(
        "The score of {member} is computed from {plan}: {computed} "
        "(results-{year}.toml says {typed}); `khoi scores {year} --explain {id}` shows how.",
        member=member,
        plan=computed["plan"],
        computed=format_number(computed["computed"], msgs.language),
        typed="—" if computed["typed"] is None else format_number(computed["typed"], msgs.language),
        year=year,
        id=computed["member"],
    )
