"""Why a unit was proposed or passed over, in words: conditions, observations, reasons, notices."""

from __future__ import annotations

from khoi_thidua.awards.conditions import ConditionCheck, prior_window
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
from khoi_thidua.awards.rules import Condition, RulePack
from khoi_thidua.i18n import language, t
from khoi_thidua.model import RATING_SHORT_VI, Discipline, Rating
from khoi_thidua.numbers import format_number, format_percent
from khoi_thidua.render.score_source import computed_score_text

# The document's own title: Vietnamese in both languages, as in the minutes and letters.


def _threshold(share: float) -> str:
    """A share a rule asks for, with the places it was written with (50%, 66.67%)."""
    percent = round(share * 100, 2)
    places = 0 if percent == int(percent) else 1 if round(percent, 1) == percent else 2
    return format_percent(share, language(), places)


def _share(share: float) -> str:
    """A share the data shows (75%, 12.5%, 66.7%)."""
    return format_percent(share, language())


def score_text(value: float) -> str:
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
        return t("final score at least {score}", score=score_text(p["score"]))
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
        award = next((a for a in pack.awards if condition in a.conditions), None)
        if award is not None and p.get("window", "years") != "years":
            first, last = prior_window(p, award, year, year)
            known = p["window"] == "within_run" or p.get("within_years")
            where = t("before") if p["window"] == "before_run" else t("within")
            kw = {"count": p["min_count"], "awards": names, "where": where, "last": last}
            kw["first"] = first if known else "…"
            return t(
                "{count} × {awards} {where} the run of consecutive years ({first}–{last})", **kw
            )
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
        return t("score {score}", score=score_text(a["score"]))
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
            "score {score} (needs ≥{needed})",
            score=score_text(a["score"]),
            needed=score_text(p["score"]),
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
    if notice.code in ("computed_score", "typed_score"):  # the year's plan (render/score_source)
        return computed_score_text(
            notice.code, d, names.get(d["member"], d["member"]), proposal.year
        )
    if notice.code == "pack_note":
        return str(d["text"] if language() == "vi" else d.get("text_en", d["text"]))
    return notice.code
