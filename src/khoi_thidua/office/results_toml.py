"""Writes a results document as a readable results-YEAR.toml (values encoded by tomli_w)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import tomli_w

from khoi_thidua.model import Bloc

INLINE_KEYS = ("criteria", "staff", "votes")  # short tables, one line each, as people write them


def results_toml(
    doc: Mapping[str, Any], bloc: Bloc, source: str, command: str = "import-results"
) -> str:
    """TOML text for ``doc``: scalars first, [conference], one [results.<id>] per unit, granted."""
    year = doc.get("year")
    lines = [
        f"# Kết quả thi đua năm {year} — {_one_line(bloc.name)}",
        f"# Imported by `khoi {command}` from {_one_line(source)}.",
        "# Edit the workbook and import it again (--replace), or edit this file by hand.",
        "",
    ]
    for key in ("schema", "year", "note"):
        if key in doc:
            lines.append(f"{_key(key)} = {_value(doc[key])}")
    conference = doc.get("conference")
    if conference:
        lines += ["", "[conference]"]
        lines += [f"{_key(k)} = {_value(v)}" for k, v in conference.items()]
    for member_id, entry in doc.get("results", {}).items():
        header = f"[results.{_key(member_id)}]"
        if bloc.has_member(member_id):
            header = f"{header:<24} # {_one_line(bloc.member(member_id).name)}"
        lines += ["", header]
        for key, value in entry.items():
            if key in INLINE_KEYS and isinstance(value, Mapping):
                lines.append(f"{_key(key)} = {_inline(value)}")
            else:
                lines.append(f"{_key(key)} = {_value(value)}")
    for granted in doc.get("granted", []):
        lines += ["", "[[granted]]", tomli_w.dumps(granted).rstrip("\n")]
    return "\n".join(lines) + "\n"


def _key(key: str) -> str:
    """``key`` as TOML writes it: bare when it can be, quoted otherwise."""
    text: str = tomli_w.dumps({key: 0}).strip()
    return text.removesuffix(" = 0")


def _value(value: object) -> str:
    if isinstance(value, float):
        # A human file holds the decimals a person typed: 0.0065, never 0.006500000000000001.
        value = float(f"{value:.12g}")
    text: str = tomli_w.dumps({"v": value}).strip()
    return text.removeprefix("v = ")


def _inline(table: Mapping[str, Any]) -> str:
    if not table:
        return "{}"
    return "{ " + ", ".join(f"{_key(k)} = {_value(v)}" for k, v in table.items()) + " }"


def _one_line(text: str) -> str:
    """``text`` fit for a TOML comment: one line, no control characters."""
    return " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())
