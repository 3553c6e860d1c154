"""The Typer application: parse the command line, load, compute, render."""

from __future__ import annotations

import contextlib
import gc
import sys

import typer

from khoi_thidua import __version__
from khoi_thidua.cli.boundary import report_error
from khoi_thidua.cli.registry import LazyGroup
from khoi_thidua.errors import KhoiError

# The commands are not registered here: LazyGroup builds each from its module when it runs
# (see cli/registry.py), so a run loads only its own command's code.
app = typer.Typer(
    cls=LazyGroup,
    name="khoi",
    help=(
        "khoi — leadership rotation and commendation proposals for emulation blocs "
        "(khối thi đua).\n\nData lives in plain TOML files: one folder per bloc under "
        "--data (default ./data, or KHOI_DATA); `khoi init` makes one, `khoi check` checks it."
        "\n\nExit codes: 0 done, 1 refused (something else is recorded), 2 blocs failed "
        "differently (--all), 64 bad command line, 65 invalid data, 66 missing file or folder, "
        "70 internal error, 73 output not written, 75 bloc locked by another run (try again)."
        "\n\nExamples:\n\n  khoi init --name "
        '"Khối thi đua số 1" --members don-vi.xlsx --year 2026 --chair btc'
        '\n\n  khoi rotate 2027\n\n  khoi propose 2026 --explain "ban noi chinh"'
        "\n\n  khoi summary 2026 --data /srv/thidua --json --output tong-hop.json --force"
    ),
    no_args_is_help=True,
    rich_markup_mode="markdown",
    # --install-completion / --show-completion (bash, zsh, fish, PowerShell): Typer's own, with
    # khoi's completions of bloc, member and award ids imported only when a shell asks.
    add_completion=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        print(f"khoi {__version__}")
        raise typer.Exit()


def _language(ctx: typer.Context, value: str | None) -> str | None:
    from khoi_thidua.cli.language import apply_language, choose_language

    try:
        code = choose_language(value)
    except KhoiError as exc:
        raise typer.BadParameter(exc.message) from None
    apply_language(ctx.find_root().command, code)
    return value


@app.callback()
def _root(
    ctx: typer.Context,
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
    lang: str | None = typer.Option(
        None,
        "--lang",
        envvar="KHOI_LANG",
        is_eager=True,
        callback=_language,
        help="Language of messages and tables: en or vi (default: KHOI_LANG, then the locale).",
    ),
) -> None:
    """khoi command line."""


def main() -> None:
    """Console entry point: UTF-8 output, the language chosen, then the app."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):
                reconfigure(encoding="utf-8", errors="replace")
    from khoi_thidua.cli.language import apply_language, choose_language, split_lang_argument

    # Start-up builds only what lasts as long as the run (modules, classes, the command tree,
    # Typer's parameter adapters): the cyclic collector would walk it again and again and free
    # nothing. It stays off until the command runs (see KhoiCommand.invoke).
    collecting = gc.isenabled()
    gc.disable()
    try:
        lang, argv = split_lang_argument(sys.argv[1:])
        command = typer.main.get_command(app)
        try:
            code = choose_language(lang)
        except KhoiError as exc:
            report_error(exc)
            sys.exit(exc.exit_code)
        apply_language(command, code)
        args = ["--lang", code, *argv] if argv else argv
        command.main(args=args, prog_name="khoi")
    finally:
        if collecting:
            gc.enable()
        else:
            gc.disable()  # as the caller had it
