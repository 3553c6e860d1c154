"""Why a unit was proposed or passed over, in words: conditions, observations, reasons, notices."""

from __future__ import annotations

from khoi_thidua.awards.conditions import ConditionCheck
from khoi_thidua.awards.kinds.base import Condition
from khoi_thidua.awards.kinds.words import award_name as _award_name
from khoi_thidua.awards.notices import Notice
from khoi_thidua.awards.proposal import (
    ELIGIBLE,
    HELD,
    HIGHER,
    NO_ROOM,
    NOT_ELIGIBLE,
    PROPOSED,
    SEAT_HELD,
    TIE,
    AwardDecision,
    Proposal,
    Standing,
)
from khoi_thidua.awards.rules import RulePack
from khoi_thidua.i18n import Messages
from khoi_thidua.numbers import format_number
from khoi_thidua.render.score_source import computed_score_text


def describe(msgs: Messages, condition: Condition, pack: RulePack, year: int) -> str:
    """The rule a condition states, in words (each kind words its own)."""
    return condition.spec.describe(msgs, pack, year)


def observed(msgs: Messages, item: ConditionCheck, pack: RulePack) -> str:
    """What the data showed for a condition."""
    return item.seen.observed(msgs, pack)


def short_failure(msgs: Messages, item: ConditionCheck, pack: RulePack) -> str:
    """A failed condition in a few words, for the reason line under the table."""
    return item.seen.shortfall(msgs, pack)


def decision_reason(
    msgs: Messages, decision: AwardDecision, pack: RulePack, year: int, names: dict[str, str]
) -> str:
    """Why a unit did or did not get one award, in one sentence."""
    award = pack.award(decision.award)
    if decision.status == PROPOSED:
        return msgs.t(
            "{award}: proposed — meets every condition ({basis})",
            award=award.name,
            basis=award.basis,
        )
    if decision.status == ELIGIBLE:
        return msgs.t(
            "{award}: meets every condition ({basis})", award=award.name, basis=award.basis
        )
    if decision.status == NOT_ELIGIBLE:
        fails = "; ".join(
            f"{describe(msgs, c.condition, pack, year)} ({observed(msgs, c, pack)})"
            for c in decision.failed
        )
        return msgs.t("{award}: not eligible — fails: {fails}", award=award.name, fails=fails)
    if decision.status == NO_ROOM and decision.held_for:
        return msgs.t(
            "{award}: eligible, but its seats are taken by higher-ranked {members} or kept for "
            "{held}, tied for a higher award",
            award=award.name,
            members=", ".join(names.get(m, m) for m in decision.others)
            or msgs.t("nobody (no seat)"),
            held=msgs.t(" or ").join(names.get(m, m) for m in decision.held_for),
        )
    if decision.status == NO_ROOM:
        who = ", ".join(names.get(m, m) for m in decision.others) or msgs.t("nobody (no seat)")
        return msgs.t(
            "{award}: eligible, but the quota is filled by higher-ranked {members}",
            award=award.name,
            members=who,
        )
    if decision.status == TIE:
        who = ", ".join(names.get(m, m) for m in decision.others)
        return msgs.t(
            "{award}: eligible, tied with {members} for the last seat — the conference decides",
            award=award.name,
            members=who,
        )
    if decision.status == HIGHER:
        return msgs.t(
            "{award}: not needed — already proposed for {higher}",
            award=award.name,
            higher=_award_name(pack, decision.others[0]),
        )
    if decision.status == SEAT_HELD:
        return msgs.t(
            "{award}: a seat is kept for it while its tie for {other} is unsettled",
            award=award.name,
            other=_award_name(pack, decision.others[0]),
        )
    if decision.status == HELD:
        return msgs.t(
            "{award}: not placed while its tie for {other} is unsettled",
            award=award.name,
            other=_award_name(pack, decision.others[0]),
        )
    return f"{award.name}: {decision.status}"


def excluded_by(proposal: Proposal, member: str) -> list[str] | None:
    """The disqualifying criteria (điểm liệt) that excluded ``member`` this year, or None when
    it was not excluded (a unit without a rank then simply has no results)."""
    for notice in proposal.notices:
        if notice.code == "excluded" and notice.detail["member"] == member:
            return notice.detail["failed"]
    return None


def _criteria(failed: list[str]) -> str:
    return ", ".join(f"`{f}`" for f in failed)


def standing_reason(
    msgs: Messages, standing: Standing, proposal: Proposal, names: dict[str, str]
) -> str:
    """The one-line reason shown under the table for a unit."""
    pack = proposal.pack
    failed = excluded_by(proposal, standing.member) if standing.rank is None else None
    if failed is not None:
        return msgs.t(
            "excluded by the disqualifying criterion (điểm liệt) {failed}: not ranked and not "
            "considered",
            failed=_criteria(failed),
        )
    if standing.rank is None:
        return msgs.t(
            "no results recorded for {year}: not ranked and not considered "
            "(add [results.{member}] to results-{year}.toml)",
            year=proposal.year,
            member=standing.member,
        )
    if standing.award is not None:
        award = pack.award(standing.award)
        return msgs.t(
            "proposed for {award}: rank {rank}, meets every condition ({basis})",
            award=award.name,
            rank=standing.rank,
            basis=award.basis,
        )
    parts = []
    for d in standing.decisions:
        if d.status == NOT_ELIGIBLE:
            fails = ", ".join(short_failure(msgs, c, pack) for c in d.failed)
            parts.append(f"{pack.award(d.award).name}: {fails}")
        elif d.status in (NO_ROOM, TIE, HELD, SEAT_HELD):
            parts.append(decision_reason(msgs, d, pack, proposal.year, names))
    reasons = "; ".join(parts)
    if any(d.status == TIE for d in standing.decisions):
        return msgs.t("tie at a quota boundary — {reasons} (details: --explain)", reasons=reasons)
    return msgs.t("not proposed — {reasons} (details: --explain)", reasons=reasons)


def decisive(
    msgs: Messages, standing: Standing, proposal: Proposal, names: dict[str, str]
) -> tuple[str, str]:
    """The award that decided a unit's outcome and the one reason for it, for the table.

    A proposed unit: its award. A unit passed over: the last award it was considered for
    (the one nearest its reach), or the award of a tie it is part of. The full reasoning,
    every award and every condition, stays in --explain and --format markdown.
    """
    pack = proposal.pack
    failed = excluded_by(proposal, standing.member) if standing.rank is None else None
    if failed is not None:
        return "", msgs.t(
            "excluded by the disqualifying criterion (điểm liệt) {failed}",
            failed=_criteria(failed),
        )
    if standing.rank is None:
        return "", msgs.t("no results recorded for {year}", year=proposal.year)
    if standing.award is not None:
        return standing.award, msgs.t("rank {rank}, meets every condition", rank=standing.rank)
    open_ = [
        d for d in standing.decisions if d.status in (NOT_ELIGIBLE, NO_ROOM, TIE, HELD, SEAT_HELD)
    ]
    if not open_:
        return "", msgs.t("not proposed")
    ties = [d for d in open_ if d.status == TIE]
    d = ties[0] if ties else open_[-1]
    if d.status == NOT_ELIGIBLE:
        fails = ", ".join(short_failure(msgs, c, pack) for c in d.failed)
        return d.award, f"{pack.award(d.award).name}: {fails}"
    return d.award, decision_reason(msgs, d, pack, proposal.year, names)


def notice_text(msgs: Messages, notice: Notice, proposal: Proposal, names: dict[str, str]) -> str:
    """A warning of the proposal in words (the count's are count_notice_text's)."""
    pack = proposal.pack
    if notice.code == "tie":
        tie = notice.detail
        return msgs.tn(
            "Unresolved tie for {award} at rank {rank}: {members} ({seats} seat left). "
            "khoi does not break it; the conference must.",
            "Unresolved tie for {award} at rank {rank}: {members} ({seats} seats left). "
            "khoi does not break it; the conference must.",
            tie["seats_left"],
            award=_award_name(pack, tie["award"]),
            rank=tie["rank"],
            members=", ".join(names.get(m, m) for m in tie["members"]),
            seats=tie["seats_left"],
        )
    if notice.code == "held_seat":
        held = notice.detail
        return msgs.tn(
            "{seats} seat of {award} kept for whichever of {members} the conference does not "
            "choose for {higher}.",
            "{seats} seats of {award} kept for whichever of {members} the conference does not "
            "choose for {higher}.",
            held["seats"],
            seats=held["seats"],
            award=_award_name(pack, held["award"]),
            members=msgs.t(" or ").join(names.get(m, m) for m in held["members"]),
            higher=msgs.t(" or ").join(_award_name(pack, a) for a in held["for_awards"]),
        )
    if notice.code == "leading_tie":
        return msgs.t(
            "Rank {rank} is shared by {members}, who tie to lead the bloc: the conference elects.",
            rank=notice.detail["rank"],
            members=", ".join(names.get(m, m) for m in notice.detail["members"]),
        )
    if notice.code == "quota_zero":
        zero = notice.detail
        return msgs.t(
            "{award}: {percent}% of {members} members rounds down to 0 seats.",
            award=_award_name(pack, zero["award"]),
            percent=format_number(zero["percent"], msgs.language),
            members=zero["member_count"],
        )
    if notice.code == "ranking_tie":
        return msgs.t(
            "Rank {rank} is shared by {members} (same score and votes); no quota depends on it.",
            rank=notice.detail["rank"],
            members=", ".join(names.get(m, m) for m in notice.detail["members"]),
        )
    if notice.code == "no_results":
        member = notice.detail["member"]
        return msgs.t(
            "{member} has no results for {year}.",
            member=names.get(member, member),
            year=proposal.year,
        )
    if notice.code == "no_ballots":
        return msgs.t(
            "The number of ballots cast is not recorded ([conference] ballots): "
            "vote shares cannot be checked."
        )
    if notice.code == "no_votes":
        member = notice.detail["member"]
        return msgs.t(
            "No votes are recorded for {member} (counted as 0).", member=names.get(member, member)
        )
    if notice.code == "unverified":
        default = notice.detail
        kind = default["what"]
        what = (
            msgs.t("quota")
            if kind == "quota"
            else msgs.t("the leading-unit rule")
            if kind == "leading"
            else msgs.t("condition `{kind}`", kind=kind)
        )
        return msgs.t(
            "Relied on an unverified default: {award}, {what}{basis}.",
            award=_award_name(pack, default["award"]),
            what=what,
            basis=f" ({default['basis']})" if default["basis"] else "",
        )
    if notice.code in ("computed_score", "typed_score", "rating_capped", "excluded"):
        # the year's plan (render/score_source)
        member = notice.detail["member"]
        return computed_score_text(msgs, notice, names.get(member, member), proposal.year)
    if notice.code == "pack_note":
        note = notice.detail
        return note["text"] if msgs.language == "vi" else note["text_en"]
    return notice.code


def leader_reason(msgs: Messages, proposal: Proposal, names: dict[str, str]) -> str:
    """Who leads the bloc this year, and why these units."""
    leading = proposal.leading
    pack = proposal.pack
    who = ", ".join(names.get(m, m) for m in leading.members)
    standard = leading.rule.standard
    if standard is None:
        if not who:
            return msgs.t("No unit leads the bloc: nobody is ranked.")
        return msgs.t("{members} leads the bloc: ranked first.", members=who)
    award = _award_name(pack, standard)
    if not who:
        text = msgs.t("No unit leads the bloc: none meets the standard of {award}.", award=award)
    elif leading.tied:
        text = msgs.t(
            "{members} tie to lead the bloc: equally ranked and each meets the standard of "
            "{award}; the conference elects.",
            members=who,
            award=award,
        )
    else:
        text = msgs.t(
            "{members} leads the bloc: the best-ranked unit that meets the standard of {award}.",
            members=who,
            award=award,
        )
    for passed in leading.passed_over if who else ():
        text += " " + msgs.t(
            "Ranked above it, {member} (rank {rank}) does not meet it: {fails}.",
            member=names.get(passed.member, passed.member),
            rank=passed.rank,
            fails=", ".join(c.seen.shortfall(msgs, pack) for c in passed.failed),
        )
    return text
