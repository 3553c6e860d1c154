"""Where an export may go: one rule for every ``--output``, checked before anything is computed.

The rule, in the order it is checked:

- ``-`` is standard output (for formats that may go there);
- an empty name, a folder, or a path through a folder that does not exist is refused, naming
  the folder that is missing;
- a target that exists but is not a regular file (a device such as ``/dev/null``, a FIFO, a
  socket) is refused: khoi never replaces it with a regular file;
- a symbolic link is followed: the rules apply to the file it points to, and that file is the
  one replaced (the link itself stays);
- a data file of a bloc (any ``.toml`` file in a bloc folder or in the data root that holds
  bloc folders) is refused, even with ``--force``: an export never replaces data;
- any other existing file needs ``--force``.

Exports are written atomically (a temporary file, then a rename) but take no lock: two runs
writing the same export leave one whole file, and no ``.khoi.lock`` is left in an output folder.
"""

from __future__ import annotations

import contextlib
import os
import stat
import time
from pathlib import Path

from khoi_thidua.errors import RefusedError, UsageError, WriteError
from khoi_thidua.i18n import t
from khoi_thidua.store.kinds import is_data_file
from khoi_thidua.store.reading import display
from khoi_thidua.store.writing import write_atomic

STDOUT = "-"
STALE_TEMP_SECONDS = 3600  # no export takes an hour to write: an older temporary file is orphaned


def is_stdout(path: Path | None) -> bool:
    """True for ``--output -``."""
    return path is not None and str(path) == STDOUT


def output_target(path: Path, force: bool) -> Path:
    """The file to write for ``--output path``, or a clear error; nothing is written here."""
    text = str(path)
    if not text.strip() or text == ".":
        raise UsageError(
            t("--output names no file"),
            t("give a file name, e.g. --output de-nghi-2021.csv, or - for the terminal"),
        )
    name = display(path)
    _check_folders(path)
    try:
        info: os.stat_result | None = path.stat()  # follows symbolic links
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise WriteError(
            t("cannot use {file} as the output: {reason}", file=name, reason=exc.strerror)
        ) from None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise UsageError(
            t("{file} is a folder; give a file name", file=name),
            t("e.g. --output {example}", example=str(Path(text) / "de-nghi.csv")),
        )
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise UsageError(
            t(
                "{file} is not a regular file (a device, a pipe or a socket); "
                "khoi writes exports only to regular files",
                file=name,
            ),
            t("to print to the terminal or a pipe, leave --output out or use --output -"),
        )
    real = Path(os.path.realpath(path))
    if is_data_file(real):
        raise UsageError(
            t(
                "{file} is a data file of the bloc; an export never replaces it, even with --force",
                file=display(real) if path.is_symlink() else name,
            ),
            t("choose another name, e.g. --output de-nghi-2021.csv"),
        )
    if info is not None and not force:
        raise RefusedError(
            t("{file} already exists; nothing was written", file=name),
            t(
                "choose another name, or pass --force to overwrite it (a filled sheet or an "
                "edited draft would be lost)"
            ),
        )
    return real


def _check_folders(path: Path) -> None:
    """Name the first folder of ``path`` that is missing or not a folder, as typed."""
    parent = path.parent
    walked = Path(parent.anchor) if parent.is_absolute() else Path()
    parts = parent.parts[1:] if parent.is_absolute() else parent.parts
    for part in parts:
        walked = walked / part
        if part in (".", ".."):
            continue
        if not walked.exists():
            raise WriteError(
                t(
                    "cannot write {file}: the folder {folder} does not exist",
                    file=display(path),
                    folder=str(walked),
                ),
                t("create the folder first, or give another --output"),
            )
        if not walked.is_dir():
            raise WriteError(
                t(
                    "cannot write {file}: {folder} is a file, not a folder",
                    file=display(path),
                    folder=str(walked),
                )
            )


def write_export(path: Path, data: bytes, force: bool) -> Path:
    """Check ``path`` by the rule above and write ``data`` there atomically; the file written."""
    real = output_target(path, force)
    _remove_orphaned_temps(real)
    write_atomic(real, data)
    return real


def _remove_orphaned_temps(path: Path) -> None:
    # Exports take no lock, so only temporary files too old to belong to a live run go.
    cutoff = time.time() - STALE_TEMP_SECONDS
    with contextlib.suppress(OSError):
        for tmp in path.parent.glob(f".{_escape(path.name)}.*.tmp"):
            with contextlib.suppress(OSError):
                if tmp.stat().st_mtime < cutoff:
                    tmp.unlink()


def _escape(name: str) -> str:
    import glob

    return glob.escape(name)
