"""Turns the rules in force for a year into JSON, a table and markdown, value by value."""

from __future__ import annotations

from typing import Any, NamedTuple

from rich.console import RenderableType

from khoi_thidua.awards.kinds.votes import vote_base_text
from khoi_thidua.awards.rules import AwardRule, Quota, RulePack
from khoi_thidua.i18n import current, t
from khoi_thidua.model import SCHEMA_VERSION, Bloc
from khoi_thidua.render.pack_choice import choice_dict, span_text
from khoi_thidua.render.reasons import describe


def quota_text(quota: Quota) -> str:
    """A quota in words: "1 per bloc", "20% of the members, rounded down", brackets…"""
    if quota.kind == "fixed":
        return t("{count} per bloc", count=quota.count)
    if quota.kind == "percent":
        return t("{percent}% of the members, rounded down", percent=f"{quota.percent:g}")
    if quota.kind == "bracket":
        steps = [
            t("up to {members} members: {count}", members=b.up_to, count=b.count)
            if b.up_to is not None
            else t("more: {count}", count=b.count)
            for b in quota.brackets
        ]
        return "; ".join(steps)
    return t("no quota")


def _origin(set_in: str) -> str | None:
    return set_in or None


def _award_dict(award: AwardRule, pack: RulePack, year: int) -> dict[str, Any]:
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
            "text": quota_text(award.quota),
            "basis": award.quota.basis,
            "unverified": award.quota.unverified,
            "set_in": _origin(award.quota.set_in),
        },
        "conditions": [
            {
                "kind": c.kind,
                "rule": describe(current(), c, pack, year),
                "params": {k: v for k, v in c.params.items() if v is not None},
                "basis": c.basis,
                "note": c.note,
                "unverified": c.unverified,
                "set_in": _origin(c.set_in),
            }
            for c in award.conditions
        ],
    }


def rules_dict(bloc: Bloc, pack: RulePack, year: int) -> dict[str, Any]:
    """The documented JSON shape of ``khoi rules --json``."""
    names = {a.id: a.name for a in pack.awards}
    return {
        "schema": SCHEMA_VERSION,
        "bloc": {"id": bloc.id, "name": bloc.name},
        "year": year,
        "rules": choice_dict(pack),
        "pack": {
            "id": pack.id,
            "name": pack.name,
            "basis": pack.basis,
            "years": {"from": pack.year_from, "to": pack.year_to},
            "made": {
                "from": pack.made.start,
                "to": pack.made.end,
                "text": span_text(pack.made),
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
        "awards": [_award_dict(a, pack, year) for a in pack.awards],
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


def _status(item: dict[str, Any]) -> str:
    """How sure a value is: set by a rules file, unverified, or confirmed in a text read."""
    if item.get("set_in"):
        return t("set in {file}", file=item["set_in"])
    return t("unverified") if item["unverified"] else t("confirmed")


def _cap_text(cap: dict[str, Any]) -> str:
    if cap["of"] == "standard":
        return t(
            "{award}: at most {percent}% of the units meeting the standard of {standard}",
            award=cap["name"],
            percent=f"{cap['percent']:g}",
            standard=cap["standard"],
        )
    return t(
        "{award}: at most {percent}% of the bloc leaders",
        award=cap["name"],
        percent=f"{cap['percent']:g}",
    )


class _Row(NamedTuple):
    """A rule's row: its value, source and status, and whether it is unverified (shown so)."""

    value: str
    source: str
    status: str
    doubtful: bool


def _row(value: str, item: dict[str, Any]) -> _Row:
    return _Row(
        value, item["basis"], _status(item), bool(item["unverified"] and not item.get("set_in"))
    )


def _lines(data: dict[str, Any]) -> list[tuple[str, list[_Row]]]:
    """Each award's heading and its rows, shared by table and markdown."""
    sections: list[tuple[str, list[_Row]]] = []
    for award in data["awards"]:
        head = award["name"]
        if award["added_in"]:
            head += " — " + t("added by {file}", file=award["added_in"])
        rows = [_row(t("Quota: {quota}", quota=award["quota"]["text"]), award["quota"])]
        rows += [_row(c["rule"], c) for c in award["conditions"]]
        sections.append((head, rows))
    return sections


def _heading(data: dict[str, Any]) -> list[str]:
    pack = data["pack"]
    lines = [
        t("Rules in force for {year}: {rules}", year=data["year"], rules=pack["name"]),
        t("Why these rules: {reason}", reason=data["rules"]["reason"]),
    ]
    for source in pack["sources"]:
        mark = t("read") if source["read"] else t("NOT READ")
        lines.append(f"- {source['title']} ({source['issuer']}, {source['date']}) — {mark}")
    leading = data["leading"]
    if leading["standard"] is not None:
        names = {a["id"]: a["name"] for a in data["awards"]}
        text = t(
            "Leading units ({units} per bloc): the best-ranked that meet the standard of {award}",
            units=leading["units"],
            award=names.get(leading["standard"], leading["standard"]),
        )
        basis = f" — {leading['basis']}" if leading["basis"] else ""
        lines.append(f"{text}{basis} ({_status(leading)})")
    lines.append(
        t("Vote shares are taken of: {base}", base=vote_base_text(current(), data["votes_of"]))
    )
    return lines


def rules_markdown(data: dict[str, Any]) -> str:
    lines = ["# " + t("{bloc} — rules for {year}", bloc=data["bloc"]["name"], year=data["year"])]
    head, why, *sources = _heading(data)
    lines += ["", head, "", why, "", *sources]
    for head, rows in _lines(data):
        lines += ["", "## " + head, "", "| " + " | ".join(_columns()) + " |", "|---|---|---|"]
        lines += ["| " + " | ".join(v.replace("|", "\\|") for v in row[:3]) + " |" for row in rows]
    if data["caps"]:
        lines += ["", "## " + t("Province-wide caps"), ""]
        lines += [f"- {_cap_text(c)} — {c['basis']} ({_status(c)})" for c in data["caps"]]
    return "\n".join(lines) + "\n"


def _columns() -> list[str]:
    return [t("Rule"), t("Source"), t("Status")]


def rules_view(data: dict[str, Any]) -> RenderableType:
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    parts: list[RenderableType] = [Text("\n".join(_heading(data)))]
    for head, rows in _lines(data):
        table = Table(title=head, title_justify="left", show_lines=False)
        for column in _columns():
            table.add_column(column)
        for row in rows:
            table.add_row(*row[:3], style="yellow" if row.doubtful else "")
        parts.append(table)
    if data["caps"]:
        parts.append(Text(t("Province-wide caps") + ":", style="bold"))
        parts += [Text(f"{_cap_text(c)} — {c['basis']} ({_status(c)})") for c in data["caps"]]
    return Group(*parts)
