"""Shell completion of bloc ids, member ids and names, and award ids, read from the data folder."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from khoi_thidua.errors import KhoiError

# Imported only while a shell asks for completions (cli/options.py defers the import), so an
# ordinary run never loads this module. A completion never prints an error: data that cannot be
# read offers nothing. Each item is (value, help); Typer keeps those whose value starts with
# what was typed, and zsh, fish and PowerShell show the help beside the value.
Item = tuple[str, str]


def _data(ctx: Any) -> Path:
    """The data folder of the command line being completed (--data, KHOI_DATA or ./data)."""
    value = ctx.params.get("data")
    return Path(value) if value else Path(os.environ.get("KHOI_DATA") or "data")


def _bloc_dir(ctx: Any) -> Path:
    from khoi_thidua import store

    bloc_id = ctx.params.get("bloc_id") or ctx.params.get("bloc")
    return store.choose_bloc_dir(_data(ctx), bloc_id if isinstance(bloc_id, str) else None)


def _year(ctx: Any) -> int | None:
    """The year on the command line, if one was typed.

    While an option's value is being completed, click may leave the YEAR argument among the
    context's unparsed arguments rather than in its parameters: look there too.
    """
    year = ctx.params.get("year")
    if isinstance(year, int):
        return year
    for arg in (year, *getattr(ctx, "args", ())):
        if isinstance(arg, str) and arg.isdigit() and len(arg) == 4:
            return int(arg)
    return None


def _splits_words() -> bool:
    """Bash inserts a completion unquoted, so a name with spaces would become several words."""
    return os.environ.get("_KHOI_COMPLETE", "").endswith("_bash")


def bloc_ids(ctx: Any, incomplete: str) -> list[Item]:
    """The bloc folders under the data folder, with each bloc's name as help."""
    from khoi_thidua import store

    try:
        dirs = store.bloc_dirs(_data(ctx))
    except (KhoiError, OSError):
        return []
    items = []
    for bloc_dir in dirs:
        if bloc_dir.name.startswith(incomplete):
            try:
                name = store.load_bloc(bloc_dir).name
            except (KhoiError, OSError):
                name = ""
            items.append((bloc_dir.name, name))
    return items


def member_ids(ctx: Any, incomplete: str) -> list[Item]:
    """The members' ids; once something is typed, short names and (outside bash) names too.

    With a year on the command line only the units that were members that year are offered.
    """
    from khoi_thidua import store

    try:
        bloc = store.load_bloc(_bloc_dir(ctx))
    except (KhoiError, OSError):
        return []
    year = _year(ctx)
    names = bool(incomplete) and not _splits_words()
    items: dict[str, str] = {}
    for member in bloc.members:
        if year is not None and not member.is_member_in(year):
            continue
        short = member.short if incomplete else ""
        for value in (member.id, short, member.name if names else ""):
            if value and value.startswith(incomplete):
                items.setdefault(value, member.name if value != member.name else member.id)
    return list(items.items())


def award_ids(ctx: Any, incomplete: str) -> list[Item]:
    """Award ids of the rules for the year on the command line (every shipped pack without one)."""
    from khoi_thidua import store
    from khoi_thidua.store import packs

    year = _year(ctx)
    try:
        bloc_dir = _bloc_dir(ctx)
        bloc = store.load_bloc(bloc_dir)
        chosen = [packs.pack_for(bloc_dir, bloc, year)] if year else list(packs.shipped_packs())
        extra = packs.added_award_ids(bloc_dir, bloc)
    except (KhoiError, OSError):
        chosen, extra = list(packs.shipped_packs()), []
    names: dict[str, str] = {}
    for pack in chosen:
        for award in pack.awards:
            names.setdefault(award.id, award.name)
    for award_id in extra:
        names.setdefault(award_id, "")
    return [(award_id, name) for award_id, name in names.items() if award_id.startswith(incomplete)]
