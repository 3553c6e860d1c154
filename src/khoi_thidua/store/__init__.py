"""The only package that reads or writes files: TOML in, TOML and exports out."""

from khoi_thidua.store.outputs import is_stdout, output_target, write_export
from khoi_thidua.store.reading import (
    BLOC_FILE,
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
