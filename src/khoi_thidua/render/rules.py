"""Turns the rules in force for a year into JSON, a table and markdown, value by value."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from khoi_thidua.awards.kinds.votes import vote_base_text
from khoi_thidua.awards.rules import AwardRule, Quota, RulePack
from khoi_thidua.i18n import Messages
from khoi_thidua.model import SCHEMA_VERSION, Bloc
from khoi_thidua.render.pack_choice import choice_dict, span_text
from khoi_thidua.render.reasons import describe
from khoi_thidua.render.rules_shapes import (
    AwardRuleEntry,
    CapRule,
    ConditionRule,
    LeadingRuleEntry,
    QuotaRule,
    RulesResult,
)

if TYPE_CHECKING:
    from khoi_thidua.render.sheet import Sheet


def quota_text(msgs: Messages, quota: Quota) -> str:
    """A quota in words: "1 per bloc", "20% of the members, rounded down", brackets…"""
    if quota.kind == "fixed":
        return msgs.t("{count} per bloc", count=quota.count)
    if quota.kind == "percent":
        return msgs.t("{percent}% of the members, rounded down", percent=f"{quota.percent:g}")
    if quota.kind == "bracket":
        steps = [
            msgs.t("up to {members} members: {count}", members=b.up_to, count=b.count)
            if b.up_to is not None
            else msgs.t("more: {count}", count=b.count)
            for b in quota.brackets
        ]
        return "; ".join(steps)
    return msgs.t("no quota")


def _origin(set_in: str) -> str | None:
    return set_in or None


def _award_dict(msgs: Messages, award: AwardRule, pack: RulePack, year: int) -> AwardRuleEntry:
    return {
        "id": award.id,
        "name": award.name,
        "name_en": award.name_en,
        "track": award.track,
        "basis": award.basis,
        "note": award.note,
        "added_in": _origin(award.added_in),
        "quota": {
            "kind": award.quota.kind,
            "text": quota_text(msgs, award.quota),
            "basis": award.quota.basis,
            "unverified": award.quota.unverified,
            "set_in": _origin(award.quota.set_in),
        },
        "conditions": [
            {
                "kind": c.kind,
                "rule": describe(msgs, c, pack, year),
                "params": {k: v for k, v in c.params.items() if v is not None},
                "basis": c.basis,
                "note": c.note,
                "unverified": c.unverified,
                "set_in": _origin(c.set_in),
            }
            for c in award.conditions
        ],
    }


def rules_dict(msgs: Messages, bloc: Bloc, pack: RulePack, year: int) -> RulesResult:
    """The documented JSON shape of ``khoi rules --json``.

    ``msgs`` words the quotas and the pack's choice; the conditions (``describe``) are still
    worded by their kinds in the run's language.
    """
    names = {a.id: a.name for a in pack.awards}
    return {
        "schema": SCHEMA_VERSION,
        "bloc": {"id": bloc.id, "name": bloc.name},
        "year": year,
        "rules": choice_dict(msgs, pack),
        "pack": {
            "id": pack.id,
            "name": pack.name,
            "basis": pack.basis,
            "years": {"from": pack.year_from, "to": pack.year_to},
            "made": {
                "from": pack.made.start,
                "to": pack.made.end,
                "text": span_text(msgs, pack.made),
                "basis": pack.made.basis,
                "unverified": pack.made.unverified,
            },
            "notes": [{"vi": vi, "en": en} for vi, en in pack.notes],
            "sources": [
                {
                    "title": s.title,
                    "issuer": s.issuer,
                    "date": s.date,
                    "in_force": s.in_force or None,
                    "read": s.read,
                    "note": s.note,
                }
                for s in pack.legal_sources
            ],
            "files": list(pack.sources),
        },
        "tie_break": ["score", "total_votes", *pack.tie_break],
        "leading": {
            "standard": pack.leading.standard,
            "units": pack.leading.units,
            "basis": pack.leading.basis,
            "unverified": pack.leading.unverified,
        },
        "votes_of": pack.votes_of,
        "awards": [_award_dict(msgs, a, pack, year) for a in pack.awards],
        "caps": [
            {
                "award": c.award,
                "name": names.get(c.award, c.award),
                "percent": c.percent,
                "of": c.of,
                "standard": c.standard or None,
                "basis": c.basis,
                "unverified": c.unverified,
                "set_in": _origin(c.set_in),
            }
            for c in pack.caps
        ],
    }


def _status(msgs: Messages, set_in: str | None, unverified: bool) -> str:
    """How sure a value is: set by a rules file, unverified, or confirmed in a text read."""
    if set_in:
        return msgs.t("set in {file}", file=set_in)
    return msgs.t("unverified") if unverified else msgs.t("confirmed")


def _cap_text(msgs: Messages, cap: CapRule) -> str:
    if cap["of"] == "standard":
        return msgs.t(
            "{award}: at most {percent}% of the units meeting the standard of {standard}",
            award=cap["name"],
            percent=f"{cap['percent']:g}",
            standard=cap["standard"],
        )
    return msgs.t(
        "{award}: at most {percent}% of the bloc leaders",
        award=cap["name"],
        percent=f"{cap['percent']:g}",
    )


def _cap_line(msgs: Messages, cap: CapRule) -> str:
    status = _status(msgs, cap["set_in"], cap["unverified"])
    return f"{_cap_text(msgs, cap)} — {cap['basis']} ({status})"


class _Row(NamedTuple):
    """A rule's row: its value, source and status, and whether it is unverified (shown so)."""

    value: str
    source: str
    status: str
    doubtful: bool


def _row(msgs: Messages, value: str, item: QuotaRule | ConditionRule) -> _Row:
    return _Row(
        value,
        item["basis"],
        _status(msgs, item["set_in"], item["unverified"]),
        item["unverified"] and not item["set_in"],
    )


def _lines(msgs: Messages, data: RulesResult) -> list[tuple[str, list[_Row]]]:
    """Each award's heading and its rows, shared by table and markdown."""
    sections: list[tuple[str, list[_Row]]] = []
    for award in data["awards"]:
        head = award["name"]
        if award["added_in"]:
            head += " — " + msgs.t("added by {file}", file=award["added_in"])
        quota = award["quota"]
        rows = [_row(msgs, msgs.t("Quota: {quota}", quota=quota["text"]), quota)]
        rows += [_row(msgs, c["rule"], c) for c in award["conditions"]]
        sections.append((head, rows))
    return sections


def _leading_line(msgs: Messages, data: RulesResult, leading: LeadingRuleEntry) -> str:
    names = {a["id"]: a["name"] for a in data["awards"]}
    standard = leading["standard"] or ""
    text = msgs.t(
        "Leading units ({units} per bloc): the best-ranked that meet the standard of {award}",
        units=leading["units"],
        award=names.get(standard, standard),
    )
    basis = f" — {leading['basis']}" if leading["basis"] else ""
    return f"{text}{basis} ({_status(msgs, None, leading['unverified'])})"


def _heading(msgs: Messages, data: RulesResult) -> list[str]:
    pack = data["pack"]
    lines = [
        msgs.t("Rules in force for {year}: {rules}", year=data["year"], rules=pack["name"]),
        msgs.t("Why these rules: {reason}", reason=data["rules"]["reason"]),
    ]
    for source in pack["sources"]:
        mark = msgs.t("read") if source["read"] else msgs.t("NOT READ")
        lines.append(f"- {source['title']} ({source['issuer']}, {source['date']}) — {mark}")
    if data["leading"]["standard"] is not None:
        lines.append(_leading_line(msgs, data, data["leading"]))
    base = vote_base_text(msgs, data["votes_of"])
    lines.append(msgs.t("Vote shares are taken of: {base}", base=base))
    return lines


def rules_markdown(msgs: Messages, data: RulesResult) -> str:
    """The rules as a markdown document: a section per award, a table of its rules."""
    title = msgs.t("{bloc} — rules for {year}", bloc=data["bloc"]["name"], year=data["year"])
    lines = ["# " + title]
    head, why, *sources = _heading(msgs, data)
    lines += ["", head, "", why, "", *sources]
    for head, rows in _lines(msgs, data):
        header = "| " + " | ".join(_columns(msgs)) + " |"
        lines += ["", "## " + head, "", header, "|---|---|---|"]
        lines += ["| " + " | ".join(v.replace("|", "\\|") for v in row[:3]) + " |" for row in rows]
    if data["caps"]:
        lines += ["", "## " + msgs.t("Province-wide caps"), ""]
        lines += [f"- {_cap_line(msgs, c)}" for c in data["caps"]]
    return "\n".join(lines) + "\n"


def _columns(msgs: Messages) -> list[str]:
    return [msgs.t("Rule"), msgs.t("Source"), msgs.t("Status")]


def rules_view(msgs: Messages, data: RulesResult) -> Sheet:
    """The rules as tables: the heading, a table per award, the province-wide caps."""
    from khoi_thidua.render.sheet import Column, Grid, Line, Row, Sheet

    parts: list[Grid | Line] = [Line("\n".join(_heading(msgs, data)))]
    columns = tuple(Column(c) for c in _columns(msgs))
    for head, rows in _lines(msgs, data):
        parts.append(
            Grid(
                columns,
                tuple(Row(tuple(row[:3]), "yellow" if row.doubtful else "") for row in rows),
                title=head,
            )
        )
    if data["caps"]:
        parts.append(Line(msgs.t("Province-wide caps") + ":", style="bold"))
        parts += [Line(_cap_line(msgs, c)) for c in data["caps"]]
    return Sheet(tuple(parts))
