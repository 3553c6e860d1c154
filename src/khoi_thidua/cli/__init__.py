"""The Typer application: parse the command line, load, compute, render."""

from __future__ import annotations

import contextlib
import sys

import typer

from khoi_thidua import __version__
from khoi_thidua.cli.awards_cmds import record_award
from khoi_thidua.cli.boundary import KhoiCommand, KhoiGroup, report_error
from khoi_thidua.cli.check_cmd import check
from khoi_thidua.cli.conference_cmds import count, decide
from khoi_thidua.cli.init_cmd import init
from khoi_thidua.cli.members_cmd import members
from khoi_thidua.cli.propose_cmd import propose
from khoi_thidua.cli.rotation_cmds import history, rotate
from khoi_thidua.cli.rules_cmd import rules
from khoi_thidua.cli.summary_cmd import summary
from khoi_thidua.errors import KhoiError

app = typer.Typer(
    cls=KhoiGroup,
    name="khoi",
    help=(
        "khoi — leadership rotation and commendation proposals for emulation blocs "
        "(khối thi đua).\n\nData lives in plain TOML files: one folder per bloc under "
        "--data (default ./data, or KHOI_DATA). See README.md for the format and exit codes."
    ),
    no_args_is_help=True,
    rich_markup_mode="markdown",
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        print(f"khoi {__version__}")
        raise typer.Exit()


def _language(ctx: typer.Context, value: str | None) -> str | None:
    from khoi_thidua.cli.language import apply_language
    from khoi_thidua.i18n import detect_language

    try:
        code = detect_language(value)
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


app.command(cls=KhoiCommand)(rotate)
app.command(cls=KhoiCommand)(propose)
app.command(cls=KhoiCommand)(history)
app.command("record-award", cls=KhoiCommand)(record_award)
app.command(cls=KhoiCommand)(members)
app.command(cls=KhoiCommand)(check)
app.command(cls=KhoiCommand)(summary)
app.command(cls=KhoiCommand)(count)
app.command(cls=KhoiCommand)(decide)
app.command(cls=KhoiCommand)(rules)
app.command(cls=KhoiCommand)(init)


def main() -> None:
    """Console entry point: UTF-8 output, the language chosen, then the app."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):
                reconfigure(encoding="utf-8", errors="replace")
    from khoi_thidua.cli.language import apply_language, split_lang_argument
    from khoi_thidua.i18n import detect_language

    lang, argv = split_lang_argument(sys.argv[1:])
    command = typer.main.get_command(app)
    try:
        code = detect_language(lang)
    except KhoiError as exc:
        report_error(exc)
        sys.exit(exc.exit_code)
    apply_language(command, code)
    args = ["--lang", code, *argv] if argv else argv
    command.main(args=args, prog_name="khoi")


from khoi_thidua.cli.office_cmds import draft, import_results, template  # noqa: E402
from khoi_thidua.cli.report_cmd import report  # noqa: E402

app.command(cls=KhoiCommand)(template)
app.command("import-results", cls=KhoiCommand)(import_results)
app.command(cls=KhoiCommand)(draft)
app.command(cls=KhoiCommand)(report)

from khoi_thidua.cli.decisions_cmd import import_decisions  # noqa: E402

app.command("import-decisions", cls=KhoiCommand)(import_decisions)
