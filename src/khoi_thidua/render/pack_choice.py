"""Says which rule pack applies to a year's proposal and why, for every output format."""

from __future__ import annotations

from typing import TYPE_CHECKING

from khoi_thidua.awards.rules import DateRange, RulePack
from khoi_thidua.i18n import Messages

if TYPE_CHECKING:
    from khoi_thidua.render.proposal_shapes import RulesChoice


def span_text(msgs: Messages, made: DateRange) -> str:
    """The dates of a pack's proposals, e.g. "2024-01-01 – 2025-06-30" or "from 2025-07-01"."""
    if made.start and made.end:
        return f"{made.start} – {made.end}"
    if made.start:
        return msgs.t("from {date}", date=made.start)
    if made.end:
        return msgs.t("up to {date}", date=made.end)
    return "—"


def choice_reason(msgs: Messages, pack: RulePack) -> str:
    """Why ``pack`` applies: the conference date, the results year, or a rules file's pin."""
    choice = pack.choice
    if choice is None:
        return ""
    if choice.by == "pinned":
        return msgs.t("pinned for {year} by {file}", year=choice.year, file=choice.pinned_in)
    if choice.by == "date":
        text = msgs.t(
            "chosen by the conference date {date}: proposals made {span} fall under it",
            date=choice.date,
            span=span_text(msgs, pack.made),
        )
        if pack.made.unverified:
            text += " " + msgs.t(
                "(the boundary date is not verified: {basis})", basis=pack.made.basis
            )
        return text
    years = f"{pack.year_from}–{pack.year_to or '…'}"
    if choice.date is None:
        return msgs.t(
            "no conference date recorded for {year}: chosen by the results year ({years})",
            year=choice.year,
            years=years,
        )
    return msgs.t(
        "the conference date {date} falls in no pack's dates: chosen by the results year ({years})",
        date=choice.date,
        years=years,
    )


def files_text(msgs: Messages, pack: RulePack) -> str:
    """ "; then the rules of …" naming the province's and the bloc's rules files applied."""
    files = pack.sources[1:]
    return "; " + msgs.t("then the rules of {files}", files=", ".join(files)) if files else ""


def choice_dict(msgs: Messages, pack: RulePack) -> RulesChoice:
    """The ``rules`` object of the JSON outputs: the pack, what chose it and why."""
    choice = pack.choice
    return {
        "pack": pack.id,
        "name": pack.name,
        "chosen_by": choice.by if choice else None,
        "date": choice.date if choice else None,
        "pinned_in": (choice.pinned_in or None) if choice else None,
        "reason": choice_reason(msgs, pack) + files_text(msgs, pack),
        "files": list(pack.sources[1:]),
        "unread_sources": [s.title for s in pack.unread_sources],
    }
