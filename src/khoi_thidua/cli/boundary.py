"""The error boundary: KhoiError becomes a message on stderr and its exit code, no traceback."""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Iterable
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup

from khoi_thidua.cli.language import apply_typer_titles
from khoi_thidua.errors import DataError, ExitCode, KhoiError
from khoi_thidua.i18n import current, t, tn


def is_usage_error(error: BaseException) -> bool:
    """A parser's usage error (unknown option, bad or missing argument).

    Typer ≥ 0.29 vendors its own click and exports its errors only through its public
    classes: every click error is a ``typer.TyperException``, and a usage error is the class
    ``typer.BadParameter`` derives from.
    """
    return isinstance(error, typer.BadParameter.__mro__[1])


def report_error(error: KhoiError, prefix: str = "") -> None:
    from khoi_thidua.cli.output import err_console
    from khoi_thidua.render.problems import problem_lines

    console = err_console()
    if isinstance(error, DataError) and len(error.problems) > 1:
        errors = [p for p in error.problems if p.severity == "error"]
        headline = tn("{count} problem in the data:", "{count} problems in the data:", len(errors))
        console.print(t("khoi: error: {message}", message=prefix + headline), markup=False)
        for problem in errors:
            console.print(
                "  " + problem_lines(current(), problem).replace("\n", "\n  "), markup=False
            )
        return
    console.print(t("khoi: error: {message}", message=prefix + error.message), markup=False)
    if error.hint:
        hint = error.hint.replace("\n", "\n  ")
        console.print("  " + t("fix: {hint}", hint=hint), markup=False)


def parser_error(error: Any) -> None:
    """A usage error from the parser: exit code EX_USAGE, printed in the language in force."""
    from khoi_thidua.cli.parser_messages import translate_error

    error.exit_code = ExitCode.USAGE
    apply_typer_titles()
    translate_error(error)


def plain_metavars(params: Iterable[Any]) -> None:
    """A flag shows no value in help (not ``--json <bool>``) and an argument its name in
    capitals (``YEAR``, as the help texts write it), in usage lines and errors alike."""
    for param in params:
        if param is None or getattr(param, "metavar", None) is not None:
            continue
        if getattr(param, "is_flag", False):
            param.metavar = ""
        elif getattr(param, "param_type_name", "") == "argument" and param.name:
            param.metavar = param.name.upper()


def write_usage(command: Any, ctx: Any, formatter: Any) -> None:
    """The usage line ("Usage: khoi rotate [OPTIONS] [YEAR]"), its prefix translated."""
    pieces = command.collect_usage_pieces(ctx)
    formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=t("Usage: "))


class KhoiCommand(TyperCommand):
    """Typer command whose help screen and usage line are in the language in force."""

    def format_help(self, ctx: Any, formatter: Any) -> None:
        apply_typer_titles()
        plain_metavars([*self.params, self.get_help_option(ctx)])
        super().format_help(ctx, formatter)

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        write_usage(self, ctx, formatter)

    def invoke(self, ctx: Any) -> Any:
        if gc.isenabled():
            return super().invoke(ctx)
        # main() kept the collector off during start-up: what start-up built lasts the whole
        # run, so it is frozen out of every collection before the command's own work.
        gc.freeze()
        gc.enable()
        try:
            return super().invoke(ctx)
        finally:
            gc.freeze()  # the process ends with the command: nothing to walk again at exit


class KhoiGroup(TyperGroup):
    """Typer group that maps usage errors to EX_USAGE and KhoiError to its exit code."""

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: Any = None,
        **extra: Any,
    ) -> Any:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except typer.TyperException as exc:
            if is_usage_error(exc):
                parser_error(exc)
            raise

    def format_help(self, ctx: Any, formatter: Any) -> None:
        apply_typer_titles()
        plain_metavars([*self.params, self.get_help_option(ctx)])
        super().format_help(ctx, formatter)

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        write_usage(self, ctx, formatter)

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except typer.TyperException as exc:  # click's own errors: usage, file, abort
            if is_usage_error(exc):
                parser_error(exc)
            raise
        except (typer.Exit, typer.Abort):
            raise
        except KhoiError as exc:
            report_error(exc)
            raise typer.Exit(exc.exit_code) from None
        except (KeyboardInterrupt, BrokenPipeError):
            # A closed pipe (`khoi … | head`) is not a bug: Typer exits quietly on EPIPE.
            raise
        except MemoryError:
            # The file guards keep every input within bounds; running out of memory all the
            # same is a limit khoi missed (or a very low ulimit), never a traceback or exit 1.
            if os.environ.get("KHOI_DEBUG"):
                raise
            print(
                t(
                    "khoi: internal error: out of memory\n"
                    "  an input is larger or more complex than khoi expected, or the memory "
                    "limit (ulimit -v) is too low; nothing was written"
                ),
                file=sys.stderr,
            )
            raise typer.Exit(ExitCode.SOFTWARE) from None
        except Exception as exc:
            if os.environ.get("KHOI_DEBUG"):
                raise
            print(
                t(
                    "khoi: internal error: {error}\n"
                    "  this is a bug in khoi; run again with KHOI_DEBUG=1 for the traceback "
                    "and report it",
                    error=f"{type(exc).__name__}: {exc}",
                ),
                file=sys.stderr,
            )
            raise typer.Exit(ExitCode.SOFTWARE) from None
