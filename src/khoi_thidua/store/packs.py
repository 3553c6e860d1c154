"""Reads the shipped rule packs and a bloc's override file, and picks the pack for a year."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import tomllib
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from khoi_thidua import i18n
from khoi_thidua.awards.regime import pick_pack
from khoi_thidua.awards.rules import PackChoice, RulePack
from khoi_thidua.errors import DataError, KhoiError, MissingInputError, Problem
from khoi_thidua.i18n import t
from khoi_thidua.model import Bloc
from khoi_thidua.schema.pack import apply_override, parse_pack
from khoi_thidua.schema.toml_lines import LazyLines
from khoi_thidua.store.kinds import BLOC_FILE, PROVINCE_FILE
from khoi_thidua.store.pack_index import PackEntry, pack_index
from khoi_thidua.store.reading import TomlFile, display, read_toml, results_file

if TYPE_CHECKING:
    from khoi_thidua.awards.layers import Pin


@functools.cache
def shipped_packs() -> tuple[RulePack, ...]:
    """The rule packs shipped with khoi, oldest regime first."""
    packs = [shipped_pack(entry.file) for entry in pack_index()]
    return tuple(sorted(packs, key=lambda p: p.year_from))


@functools.cache
def shipped_pack(file: str) -> RulePack:
    """One shipped pack, read and checked in full (a run reads only the packs it applies)."""
    text = (resources.files("khoi_thidua.awards") / "packs" / file).read_text(encoding="utf-8")
    name = f"khoi_thidua/awards/packs/{file}"
    pack, problems = parse_pack(i18n.current(), tomllib.loads(text), name, LazyLines(text))
    if pack is None:
        raise DataError(i18n.current(), problems)
    return pack


def shipped_entry_for(year: int, made_on: str | None = None) -> tuple[PackEntry, PackChoice]:
    """The index entry of the shipped pack for results of ``year`` proposed on ``made_on``,
    and why it applies."""
    picked = pick_pack(pack_index(), year, made_on)
    if picked is None:
        ranges = ", ".join(f"{p.year_from}–{p.year_to or '…'} ({p.id})" for p in pack_index())
        raise MissingInputError(
            t("no rule pack covers results of {year}", year=year),
            t("khoi ships rules for: {ranges}", ranges=ranges),
        )
    return picked


def shipped_pack_for(year: int, made_on: str | None = None) -> RulePack:
    """The shipped pack for results of ``year`` proposed on ``made_on``, without overrides.

    Its awards are every award id a results file of ``year`` may name: a bloc that switches
    an award off (``enabled = false``) stops proposing it, but the votes and grants already
    recorded for it stay valid history.
    """
    entry, choice = shipped_entry_for(year, made_on)
    return dataclasses.replace(shipped_pack(entry.file), choice=choice)


def shipped_award_ids(year: int, made_on: str | None = None) -> list[str]:
    """Every award id of the shipped pack for ``year`` (those of ``shipped_pack_for``), read
    from the index: the pack itself is not parsed."""
    entry, _ = shipped_entry_for(year, made_on)
    return list(entry.awards)


def made_on(bloc_dir: Path, year: int) -> str | None:
    """The date the proposal for ``year`` is made: the conference date in its results file.

    None when the file or the date is missing (the results year then chooses the pack); a
    malformed date is for the results file's own validation to report.
    """
    path = results_file(bloc_dir, year)
    try:
        info = path.stat()
    except OSError:
        return None
    return _conference_date(str(path), info.st_mtime_ns, info.st_size, info.st_ino)


@functools.lru_cache(maxsize=32)
def _conference_date(path: str, mtime_ns: int, size: int, inode: int) -> str | None:
    # Asked for by the pack choice and by the award ids of the same run: the file is read once
    # while it is unchanged (its time, size and inode are part of the key).
    try:
        conference = read_toml(Path(path)).doc.get("conference", {})
    except (DataError, MissingInputError):
        return None
    value = conference.get("date") if isinstance(conference, dict) else None
    if isinstance(value, dt.date):
        return value.isoformat()[:10]
    return None


def province_rules_path(bloc_dir: Path) -> Path:
    """The province's rules file: in the folder that holds the bloc folders."""
    return bloc_dir.resolve().parent / PROVINCE_FILE


def _province_layer(path: Path) -> list[tuple[str, TomlFile]]:
    """The province's rules file at ``path`` as a layer, when there is one."""
    return [(display(path), read_toml(path))] if path.is_file() else []


def rules_layers(bloc_dir: Path, bloc: Bloc) -> list[tuple[str, TomlFile]]:
    """The rules files applied over the pack, in order: the province's, then the bloc's."""
    layers = _province_layer(province_rules_path(bloc_dir))
    if bloc.rules_file is not None:
        path = bloc_dir / bloc.rules_file
        if not path.exists():
            raise MissingInputError(
                t("{file} does not exist (named by `rules` in bloc.toml)", file=display(path)),
                t("create the override file, or remove `rules` from bloc.toml"),
            )
        layers.append((display(path), read_toml(path)))
    return layers


def _pinned(layers: list[tuple[str, TomlFile]], year: int, made: str | None) -> RulePack | None:
    """The pack a rules file pins for ``year`` (the bloc's pin over the province's)."""
    if not layers:
        return None
    # Loaded here: a bloc without rules files (the common case) never needs the layers' code.
    from khoi_thidua.awards.layers import parse_pins

    pack_ids = [p.id for p in pack_index()]
    chosen: Pin | None = None
    for name, file in layers:
        pins, problems = parse_pins(i18n.current(), file.doc, name, pack_ids, file.lines)
        if any(p.severity == "error" for p in problems):
            raise DataError(i18n.current(), problems)
        chosen = next((p for p in pins if p.year == year), chosen)
    if chosen is None:
        return None
    pack = shipped_pack(next(p.file for p in pack_index() if p.id == chosen.pack))
    return dataclasses.replace(pack, choice=PackChoice("pinned", year, made, chosen.file))


def covering_pack(bloc_dir: Path, bloc: Bloc, year: int) -> RulePack | None:
    """The pack that covers results of ``year`` for this bloc, without overrides: the one a
    rules file pins for the year, else the shipped one; None when neither does (or when the
    rules files cannot be read — ``check`` reports those on their own)."""
    try:
        pinned = _pinned(rules_layers(bloc_dir, bloc), year, None)
    except KhoiError:
        pinned = None
    if pinned is not None:
        return pinned
    try:
        return shipped_pack_for(year)
    except MissingInputError:
        return None


def province_pack_for(data: Path, year: int) -> RulePack:
    """The pack for results of ``year`` across the province: the one the province's rules file
    pins for the year, else the shipped one (an error when neither covers it). The file is
    looked for where a bloc's proposal looks for it, also when ``data`` is a bloc folder."""
    root = data.resolve()
    if (root / BLOC_FILE).is_file():  # --data names a bloc folder: the province's is above it
        root = root.parent
    pinned = _pinned(_province_layer(root / PROVINCE_FILE), year, None)
    return pinned or shipped_pack_for(year)


def apply_layer(pack: RulePack, name: str, file: TomlFile, province: bool) -> RulePack:
    """``pack`` with one rules file applied: its added awards, the province's caps, then its
    values; any problem in the file stops here."""
    from khoi_thidua.awards.layers import add_awards, override_caps  # only with a rules file

    if not province and "caps" in file.doc:
        raise DataError(i18n.current(), [_caps_in_bloc(name)])
    steps = [add_awards] + ([override_caps] if province else []) + [apply_override]
    for step in steps:
        applied, problems = step(i18n.current(), pack, file.doc, name, file.lines)
        if applied is None:
            raise DataError(i18n.current(), problems)
        pack = applied
    return pack


def pack_for(bloc_dir: Path, bloc: Bloc, year: int, made: str | None = None) -> RulePack:
    """The pack for results of ``year`` proposed on ``made``, with the province's rules file
    and then the bloc's applied over it (a pin in either names the pack for the year)."""
    layers = rules_layers(bloc_dir, bloc)
    pack = _pinned(layers, year, made) or shipped_pack_for(year, made)
    province = province_rules_path(bloc_dir)
    for name, file in layers:
        pack = apply_layer(pack, name, file, province=name == display(province))
    return pack


def _caps_in_bloc(name: str) -> Problem:
    return Problem(
        name,
        "caps",
        t("a province-wide cap cannot be set in a bloc's rules file"),
        t("set it in {file} beside the bloc folders", file=PROVINCE_FILE),
        code="rules-cap-in-bloc",
    )


def added_award_ids(bloc_dir: Path, bloc: Bloc) -> list[str]:
    """Ids of the awards the province's and the bloc's rules files add (results may name them)."""
    try:
        layers = rules_layers(bloc_dir, bloc)
    except (DataError, MissingInputError):
        return []  # reported by `khoi check` and by the command that applies the rules
    ids: list[str] = []
    for _, file in layers:
        for entry in file.doc.get("extra_awards", []):
            if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                ids.append(entry["id"])
    return ids


def check_rules_file(bloc_dir: Path, bloc: Bloc) -> list[Problem]:
    """Problems of the province's and the bloc's rules files against every shipped pack."""
    from khoi_thidua.awards.layers import add_awards, override_caps, parse_pins

    problems: list[Problem] = []
    layers: list[tuple[str, TomlFile]] = []
    province = province_rules_path(bloc_dir)
    for path, named_by in (
        (province, None),
        *(((bloc_dir / bloc.rules_file, "rules"),) if bloc.rules_file else ()),
    ):
        if named_by is None and not path.is_file():
            continue
        try:
            layers.append((display(path), read_toml(path)))
        except DataError as exc:
            problems.extend(exc.problems)
        except MissingInputError as exc:
            problems.append(
                Problem(
                    display(bloc_dir / BLOC_FILE), "rules", exc.message, exc.hint, code=exc.code
                )
            )
    pack_ids = [p.id for p in shipped_packs()]
    for pack in shipped_packs():
        for name, file in layers:
            found: list[Problem] = []
            _, pins = parse_pins(i18n.current(), file.doc, name, pack_ids, file.lines)
            found.extend(pins)
            added, more = add_awards(i18n.current(), pack, file.doc, name, file.lines)
            found.extend(more)
            if added is not None and name == display(province):
                capped, more = override_caps(i18n.current(), added, file.doc, name, file.lines)
                found.extend(more)
                added = capped
            elif name != display(province) and "caps" in file.doc:
                found.append(_caps_in_bloc(name))
            if added is not None:
                _, more = apply_override(i18n.current(), added, file.doc, name, file.lines)
                found.extend(more)
            problems.extend(p for p in found if p not in problems)
    return problems
