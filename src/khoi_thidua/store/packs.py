"""Reads the shipped rule packs and a bloc's override file, and picks the pack for a year."""

from __future__ import annotations

import datetime as dt
import functools
import tomllib
from importlib import resources
from pathlib import Path

from khoi_thidua.awards.pack_schema import apply_override, parse_pack
from khoi_thidua.awards.regime import choose_pack
from khoi_thidua.awards.rules import RulePack
from khoi_thidua.errors import DataError, MissingInputError, Problem
from khoi_thidua.i18n import t
from khoi_thidua.model import Bloc
from khoi_thidua.store.reading import display, read_toml, results_file
from khoi_thidua.toml_lines import LazyLines


@functools.cache
def shipped_packs() -> tuple[RulePack, ...]:
    """The rule packs shipped with khoi, oldest regime first."""
    packs: list[RulePack] = []
    folder = resources.files("khoi_thidua.awards") / "packs"
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".toml"):
            continue
        text = entry.read_text(encoding="utf-8")
        name = f"khoi_thidua/awards/packs/{entry.name}"
        pack, problems = parse_pack(tomllib.loads(text), name, LazyLines(text))
        if pack is None:
            raise DataError(problems)
        packs.append(pack)
    return tuple(sorted(packs, key=lambda p: p.year_from))


def shipped_pack_for(year: int, made_on: str | None = None) -> RulePack:
    """The shipped pack for results of ``year`` proposed on ``made_on``, without overrides.

    Its awards are every award id a results file of ``year`` may name: a bloc that switches
    an award off (``enabled = false``) stops proposing it, but the votes and grants already
    recorded for it stay valid history.
    """
    chosen = choose_pack(shipped_packs(), year, made_on)
    if chosen is None:
        ranges = ", ".join(f"{p.year_from}–{p.year_to or '…'} ({p.id})" for p in shipped_packs())
        raise MissingInputError(
            t("no rule pack covers results of {year}", year=year),
            t("khoi ships rules for: {ranges}", ranges=ranges),
        )
    return chosen


def made_on(bloc_dir: Path, year: int) -> str | None:
    """The date the proposal for ``year`` is made: the conference date in its results file.

    None when the file or the date is missing (the results year then chooses the pack); a
    malformed date is for the results file's own validation to report.
    """
    path = results_file(bloc_dir, year)
    if not path.exists():
        return None
    try:
        conference = read_toml(path).doc.get("conference", {})
    except DataError:
        return None
    value = conference.get("date") if isinstance(conference, dict) else None
    if isinstance(value, dt.date):
        return value.isoformat()[:10]
    return None


def pack_for(bloc_dir: Path, bloc: Bloc, year: int, made: str | None = None) -> RulePack:
    """The pack for results of ``year`` proposed on ``made``, with the bloc's overrides."""
    pack = shipped_pack_for(year, made)
    if bloc.rules_file is None:
        return pack
    path = bloc_dir / bloc.rules_file
    if not path.exists():
        raise MissingInputError(
            t("{file} does not exist (named by `rules` in bloc.toml)", file=display(path)),
            t("create the override file, or remove `rules` from bloc.toml"),
        )
    file = read_toml(path)
    overridden, problems = apply_override(pack, file.doc, display(path), file.lines)
    if overridden is None:
        raise DataError(problems)
    return overridden


def check_rules_file(bloc_dir: Path, bloc: Bloc) -> list[Problem]:
    """Problems of the bloc's override file against every shipped pack it may apply to."""
    if bloc.rules_file is None:
        return []
    path = bloc_dir / bloc.rules_file
    try:
        file = read_toml(path)
    except DataError as exc:
        return list(exc.problems)
    except MissingInputError as exc:
        return [Problem(display(bloc_dir / "bloc.toml"), "rules", exc.message, exc.hint)]
    problems: list[Problem] = []
    for pack in shipped_packs():
        _, found = apply_override(pack, file.doc, display(path), file.lines)
        problems.extend(p for p in found if p not in problems)
    return problems
