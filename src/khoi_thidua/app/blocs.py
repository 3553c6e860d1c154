"""Running one job on every bloc of the data folder: each bloc's outcome apart from the others."""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Generic, Protocol, TypeVar

from khoi_thidua import i18n
from khoi_thidua.errors import ExitCode, InternalError, KhoiError
from khoi_thidua.records import record

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)


@record
class BlocRun(Generic[T_co]):
    """One bloc's outcome in a batch: its value, or the error that stopped it."""

    bloc_dir: Path
    value: T_co | None
    error: KhoiError | None

    @property
    def bloc_id(self) -> str:
        return self.bloc_dir.name


class Walk(Protocol):
    """How a batch goes over the blocs: runs ``work`` on each folder, one outcome after another.

    The CLI's walk draws a progress bar and reports the failures on stderr; ``each_bloc``
    below does neither.
    """

    def __call__(self, work: Callable[[Path], T]) -> Iterable[BlocRun[T]]: ...


def run_one(bloc_dir: Path, work: Callable[[Path], T]) -> BlocRun[T]:
    """One bloc's work; whatever goes wrong in it is that bloc's error, never the batch's."""
    try:
        return BlocRun(bloc_dir, work(bloc_dir), None)
    except KhoiError as exc:
        return BlocRun(bloc_dir, None, exc)
    except (KeyboardInterrupt, BrokenPipeError):
        raise  # the person or the pipe stopped the whole run, not this bloc
    except Exception as exc:  # a bug, a memory or recursion error: reported, the rest go on
        if os.environ.get("KHOI_DEBUG"):
            print(f"[{bloc_dir.name}]", file=sys.stderr)
            traceback.print_exc(file=sys.stderr)
        return BlocRun(bloc_dir, None, InternalError.from_exception(i18n.current(), exc))


def each_bloc(data: Path) -> Walk:
    """The plain walk over the bloc folders of ``data``: no progress bar, nothing printed."""
    from khoi_thidua import store

    def walk(work: Callable[[Path], T]) -> Iterator[BlocRun[T]]:
        return (run_one(bloc_dir, work) for bloc_dir in store.bloc_dirs(data))

    return walk


def exit_code(runs: Iterable[BlocRun[T]]) -> int:
    """0 when every bloc succeeded; the failures' code when they agree; PARTIAL otherwise."""
    codes = {int(r.error.exit_code) for r in runs if r.error is not None}
    if not codes:
        return ExitCode.OK
    if len(codes) == 1:
        return codes.pop()
    return ExitCode.PARTIAL
