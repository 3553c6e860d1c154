"""Writes a new bloc's bloc.toml as text, with a comment that explains every key."""

from __future__ import annotations

from typing import Any

import tomli_w

from khoi_thidua.bloc_draft import BlocDraft
from khoi_thidua.i18n import t
from khoi_thidua.model import SCHEMA_VERSION, Policy

RULE = "# " + "─" * 94


def _value(value: Any) -> str:
    """``value`` written as TOML (strings quoted and escaped as tomli_w does)."""
    return tomli_w.dumps({"v": value}).partition("=")[2].strip()


def _comment(text: str) -> list[str]:
    """Each line of ``text`` as a TOML comment line."""
    return [f"# {line}".rstrip() for line in text.splitlines()]


def _policy_note(policy: Policy) -> str:
    notes = {
        Policy.CIRCULAR: t("luân phiên vòng tròn: this year's Phó khối chairs next year"),
        Policy.ELECTED: t("bầu tại hội nghị: the year-end conference elects them"),
        Policy.APPOINTED: t("chỉ định: the provincial People's Committee names them"),
    }
    return notes[policy]


def bloc_toml(draft: BlocDraft) -> str:
    """The text of ``draft``'s bloc.toml: valid for `khoi check`, every key explained."""
    names = {m.id: m.name for m in draft.members}
    width = max((len(_value(m)) for m in draft.order), default=0) + 1
    lines = [
        *_comment(
            t(
                "{name} — bloc description file (tệp mô tả khối), written by `khoi init`.",
                name=draft.name,
            )
        ),
        "#",
        *_comment(
            t(
                "khoi reads this file; the comment above each key says what it means. Edit it\n"
                "with any text editor, run `khoi check` after each change, and hand it over to\n"
                "next year's secretariat as it is."
            )
        ),
        "",
        *_comment(t("The version of this file's format: leave it at {version}.", version=1)),
        f"schema = {SCHEMA_VERSION}",
        *_comment(t("The bloc's full name, as written on its documents.")),
        f"name = {_value(draft.name)}",
        *_comment(t("Who organises the bloc, e.g. Ủy ban nhân dân tỉnh.")),
        f"organiser = {_value(draft.organiser)}",
    ]
    if draft.province:
        lines += [
            *_comment(t("The province, shown on the bloc's documents.")),
            f"province = {_value(draft.province)}",
        ]
    lines += [
        "",
        "[rotation]",
        *_comment(
            t(
                "How the Trưởng khối (chair) and Phó khối (vice-chair) are chosen each year:\n"
                '  "circular"  — in turn: this year\'s Phó khối chairs next year;\n'
                '  "elected"   — the year-end conference elects them;\n'
                '  "appointed" — the provincial People\'s Committee names them.\n'
                "Under elected and appointed, record each year's result under [[leadership]]."
            )
        ),
        f"policy = {_value(draft.policy.value)}   # {_policy_note(draft.policy)}",
        *_comment(
            t(
                "The order in which members take their turn: every member id once. A member that\n"
                "leaves keeps its place and is skipped."
            )
        ),
        "order = [",
        *(f"  {_value(m) + ',':<{width + 1}}  # {names.get(m, '')}" for m in draft.order),
        "]",
        "",
        RULE,
        *_comment(
            t(
                "Members (đơn vị thành viên). id: short and stable, never reused; commands accept\n"
                "it, the short name or a part of the name. name: the full name with diacritics.\n"
                "short: an optional abbreviation. When a unit joins, leaves or merges, add\n"
                "`joined = <year>` (first year in), `left = <year>` (first year out) and\n"
                '`merged_into = "<id of the successor>"`.'
            )
        ),
        RULE,
    ]
    for member in draft.members:
        lines += ["", "[[members]]", f"id = {_value(member.id)}", f"name = {_value(member.name)}"]
        if member.short:
            lines.append(f"short = {_value(member.short)}")
    lines += ["", RULE, *_comment(_leadership_note()), RULE]
    if draft.leadership is not None:
        record = draft.leadership
        lines += [
            "",
            "[[leadership]]",
            f"year = {record.year}",
            f"chair = {_value(record.chair)}   # {names.get(record.chair, '')}",
        ]
        if record.vice_chair is not None:
            lines.append(
                f"vice_chair = {_value(record.vice_chair)}   # {names.get(record.vice_chair, '')}"
            )
        lines.append(f"note = {_value(t('Recorded with khoi init'))}")
    lines += [
        "",
        *_comment(
            t(
                "A member excused from leading in one year (it keeps its place in the order):\n"
                "[[excused]]\n"
                'member = "<id>"\n'
                "year = <year>\n"
                'reason = "<why>"'
            )
        ),
    ]
    return "\n".join(lines) + "\n"


def _leadership_note() -> str:
    return t(
        "Leadership (Trưởng khối / Phó khối) by year. Each [[leadership]] entry is a year the\n"
        "bloc decided: year, chair (member id), vice_chair (member id, optional) and a note.\n"
        "A recorded year always wins; the rotation goes on from the latest one.\n"
        "`khoi rotate --record` adds the next year for a circular bloc."
    )
