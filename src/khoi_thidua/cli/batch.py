"""Running a command over every bloc of the data folder: progress, errors per bloc, exit code."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from khoi_thidua.app.blocs import BlocRun, Walk, run_one
from khoi_thidua.errors import ExitCode, KhoiError
from khoi_thidua.i18n import t

if TYPE_CHECKING:
    from khoi_thidua.render.batch_shapes import ErrorEntry, FailedEntry, ProposeEntry, RotateEntry
    from khoi_thidua.render.proposal_shapes import ProposalResult
    from khoi_thidua.render.shapes import RotateResult

T = TypeVar("T")
PROGRESS_MIN_BLOCS = 10  # fewer blocs finish before a bar would be worth drawing


def walk(data: Path, quiet: bool, failed: list[BlocRun[object]] | None = None) -> Walk:
    """The walk an application function runs its work with: ``each_bloc`` over ``data``,
    collecting the failures in ``failed`` when given."""

    def run(work: Callable[[Path], T]) -> Iterator[BlocRun[T]]:
        return each_bloc(data, work, quiet, failed)

    return run


def each_bloc(
    data: Path,
    work: Callable[[Path], T],
    quiet: bool,
    failed: list[BlocRun[object]] | None = None,
) -> Iterator[BlocRun[T]]:
    """Run ``work`` on one bloc folder after another, yielding each outcome as it comes.

    A caller that writes each outcome and lets it go keeps memory flat however many blocs
    there are. The failures are collected in ``failed`` (small: an error each) and reported on
    stderr once the progress bar is gone.
    """
    from khoi_thidua import store

    dirs = store.bloc_dirs(data)
    failures: list[BlocRun[object]] = [] if failed is None else failed
    show_bar = not quiet and len(dirs) >= PROGRESS_MIN_BLOCS and sys.stderr.isatty()
    try:
        if show_bar:
            from rich.progress import Progress

            from khoi_thidua.cli.output import err_console

            with Progress(console=err_console(), transient=True) as progress:
                task = progress.add_task(t("blocs"), total=len(dirs))
                for bloc_dir in dirs:
                    yield _kept(run_one(bloc_dir, work), failures)
                    progress.advance(task)
        else:
            for bloc_dir in dirs:
                yield _kept(run_one(bloc_dir, work), failures)
    finally:
        for run in failures:
            _report(run)


def _kept(run: BlocRun[T], failures: list[BlocRun[object]]) -> BlocRun[T]:
    if run.error is not None:
        failures.append(run)
    return run


def _report(run: BlocRun[object]) -> None:
    from khoi_thidua.cli.boundary import report_error

    assert run.error is not None
    report_error(run.error, prefix=f"[{run.bloc_id}] ")


def rotate_entry(run: BlocRun[RotateResult]) -> RotateEntry:
    """One bloc's entry of ``rotate --all``: ``{bloc, ok: true, result}``, or the error."""
    if run.value is not None:
        return {"bloc": run.value["bloc"], "ok": True, "result": run.value}
    return failed_entry(run)


def proposal_entry(run: BlocRun[ProposalResult]) -> ProposeEntry:
    """One bloc's entry of ``propose --all``: ``{bloc, ok: true, proposal}``, or the error."""
    if run.value is not None:
        return {"bloc": run.value["bloc"], "ok": True, "proposal": run.value}
    return failed_entry(run)


def failed_entry(run: BlocRun[T]) -> FailedEntry:
    """The entry of a bloc that failed: its folder's name as id, and the error."""
    return {"bloc": {"id": run.bloc_id}, "ok": False, "error": error_dict(run.error)}


def error_dict(error: KhoiError | None) -> ErrorEntry:
    """A failed bloc's error as its entry shows it: message, fix, code and exit code."""
    if error is None:  # a bloc whose work returned nothing: not an error of its own
        return {
            "message": t("no result"),
            "hint": "",
            "code": "internal-error",
            "exit_code": int(ExitCode.SOFTWARE),
        }
    return {
        "message": error.message,
        "hint": error.hint,
        "code": error.what,
        "exit_code": int(error.exit_code),
    }
