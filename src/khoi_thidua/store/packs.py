"""Reads the shipped rule packs and a bloc's override file, and picks the pack for a year."""

from __future__ import annotations

import functools
import tomllib
from importlib import resources
from pathlib import Path

from khoi_thidua.awards.pack_schema import apply_override, parse_pack
from khoi_thidua.awards.rules import RulePack
from khoi_thidua.errors import DataError, MissingInputError, Problem
from khoi_thidua.i18n import t
from khoi_thidua.model import Bloc
from khoi_thidua.store.reading import display, read_toml
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


def shipped_pack_for(year: int) -> RulePack:
    """The shipped pack in force for results of ``year``, without any bloc's overrides.

    Its awards are every award id a results file of ``year`` may name: a bloc that switches
    an award off (``enabled = false``) stops proposing it, but the votes and grants already
    recorded for it stay valid history.
    """
    candidates = [p for p in shipped_packs() if p.covers(year)]
    if not candidates:
        ranges = ", ".join(f"{p.year_from}–{p.year_to or '…'} ({p.id})" for p in shipped_packs())
        raise MissingInputError(
            t("no rule pack covers results of {year}", year=year),
            t("khoi ships rules for: {ranges}", ranges=ranges),
        )
    return candidates[-1]


def pack_for(bloc_dir: Path, bloc: Bloc, year: int) -> RulePack:
    """The pack in force for results of ``year``, with the bloc's overrides applied."""
    pack = shipped_pack_for(year)
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
