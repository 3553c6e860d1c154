"""The only package that reads or writes files: TOML in, TOML and exports out.

Its names are loaded on first use: `khoi rotate` reads bloc.toml and never pays for the
results, plans or export code.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from khoi_thidua.store.kinds import BLOC_FILE
    from khoi_thidua.store.outputs import is_stdout, output_target, write_export
    from khoi_thidua.store.reading import (
        bloc_dirs,
        check_bloc,
        choose_bloc_dir,
        display,
        load_bloc,
        read_toml,
        result_years,
        results_file,
    )
    from khoi_thidua.store.writing import locked, update_text_file, write_atomic
    from khoi_thidua.store.year_results import check_results, load_results

# Each public name and the module that holds it.
_HOMES = {
    "is_stdout": "outputs",
    "output_target": "outputs",
    "write_export": "outputs",
    "BLOC_FILE": "kinds",
    "bloc_dirs": "reading",
    "check_bloc": "reading",
    "choose_bloc_dir": "reading",
    "display": "reading",
    "load_bloc": "reading",
    "read_toml": "reading",
    "result_years": "reading",
    "results_file": "reading",
    "locked": "writing",
    "update_text_file": "writing",
    "write_atomic": "writing",
    "check_results": "year_results",
    "load_results": "year_results",
}

__all__ = [
    "BLOC_FILE",
    "bloc_dirs",
    "check_bloc",
    "check_results",
    "choose_bloc_dir",
    "display",
    "is_stdout",
    "load_bloc",
    "load_results",
    "locked",
    "output_target",
    "read_toml",
    "result_years",
    "results_file",
    "update_text_file",
    "write_atomic",
    "write_export",
]


def __getattr__(name: str) -> object:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value  # the next use is a plain attribute
    return value
