"""Consoles for stdout and stderr, and the one place a command's result is printed."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, TextIO, TypeVar

from khoi_thidua.errors import UsageError
from khoi_thidua.i18n import t

if TYPE_CHECKING:
    from rich.console import Console

    from khoi_thidua.cli.options import Format
    from khoi_thidua.render.sheet import Sheet

PIPE_WIDTH = 120  # tables written to a file or pipe are not squeezed to 80 columns

# A JSON document as the renderers build it: a TypedDict of a closed schema under docs/schemas
# (every TypedDict is a Mapping[str, object]; json.dumps walks its values).
JsonDocument = Mapping[str, object]
D = TypeVar("D", bound=JsonDocument)


def _console(stream: TextIO, width: int | None = None) -> Console:
    """A console on ``stream``, ``width`` columns wide, else as wide as the terminal (or what
    COLUMNS says), else khoi's width for a pipe."""
    from rich.console import Console

    is_tty = hasattr(stream, "isatty") and stream.isatty()
    if width is None and not (is_tty or os.environ.get("COLUMNS")):
        width = PIPE_WIDTH
    return Console(
        file=stream,
        width=width,
        no_color=bool(os.environ.get("NO_COLOR")),
        highlight=False,
        emoji=False,
        markup=False,  # names and notes are data: "[minh họa]" is text, not a style tag
        soft_wrap=False,
    )


def out_console() -> Console:
    return _console(sys.stdout)


def err_console() -> Console:
    return _console(sys.stderr)


def to_json(data: JsonDocument) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False)


def write_json_document(
    head: JsonDocument,
    key: str,
    items: Iterable[JsonDocument],
    output: Path | None,
    quiet: bool = False,
    force: bool = False,
) -> None:
    """Write ``{**head, key: [items…]}`` as JSON, one item at a time and one item a line.

    Each item is written and let go before the next is computed, so memory stays flat
    however many items come; an item is one line of compact JSON (the C encoder: an indented
    province costs more to encode than to compute), so ``grep`` finds a bloc's line. The
    closing brackets are written whatever stops the items, so that what was written is
    always a whole document. A file is written atomically at the end (it holds only the
    text); standard output gets each item as it comes.
    """
    from khoi_thidua import store

    chunks: list[bytes] = []
    to_file = output is not None and not store.is_stdout(output)

    def write(text: str) -> None:
        if to_file:
            chunks.append(text.encode("utf-8"))
        elif not (quiet and output is None):
            sys.stdout.write(text)

    opening = to_json(head)[: -len("\n}")] if head else "{"
    write(opening + ("," if head else "") + f"\n  {json.dumps(key)}: [")
    written = 0
    try:
        for item in items:
            body = json.dumps(item, ensure_ascii=False)
            write(("\n    " if not written else ",\n    ") + body)
            written += 1
    finally:
        write("\n  ]\n}\n" if written else "]\n}\n")
        if not to_file:
            sys.stdout.flush()
    if to_file:
        assert output is not None
        write_or_print(b"".join(chunks), output, quiet, force)


def emit(
    data: JsonDocument,
    view: Sheet | Callable[[], Sheet] | None,
    as_json: bool,
) -> None:
    """Print ``data`` as JSON, or the human view of it.

    ``view`` may be a function: it is called only when a table is printed, so that
    ``--json`` never builds the view. A pipe or a file gets the view as plain text
    (render/plain_table.py, without loading rich's console); a terminal, and whatever the
    plain renderer leaves to rich, get it through rich.
    """
    if as_json or view is None:
        sys.stdout.write(to_json(data) + "\n")
        sys.stdout.flush()
        return
    sheet = view() if callable(view) else view
    width = _pipe_width()
    if width is None:
        console = out_console()
        if console.is_terminal:
            from khoi_thidua.render.sheet import to_rich

            console.print(to_rich(sheet))
            return
    sys.stdout.write(_as_text(sheet, width, sys.stdout.encoding or "utf-8", out_console))
    sys.stdout.flush()


def _as_text(sheet: Sheet, width: int | None, encoding: str, console: Callable[[], Console]) -> str:
    """The sheet as the text of a pipe or a file, lines right-stripped: the plain renderer's
    at ``width``, or what rich prints on ``console()`` where it steps aside (or where no width
    is known, as with COLUMNS that is not a number)."""
    if width is not None:
        from khoi_thidua.render.plain_table import plain_text

        text = plain_text(sheet, width, encoding)
        if text is not None:
            return text
    from khoi_thidua.render.sheet import to_rich

    rich = console()
    with rich.capture() as capture:
        rich.print(to_rich(sheet))
    return "\n".join(line.rstrip() for line in capture.get().splitlines()) + "\n"


def _pipe_width() -> int | None:
    """The width rich would give a table on standard output when it is not a terminal to rich
    (a pipe or a file, without FORCE_COLOR or TTY_COMPATIBLE), or None for a terminal."""
    environ = os.environ
    if "FORCE_COLOR" in environ or environ.get("TTY_COMPATIBLE", "") or sys.stdout.isatty():
        return None
    columns = environ.get("COLUMNS")
    if columns:
        return int(columns) if columns.isdigit() else None
    return PIPE_WIDTH


def say(message: str) -> None:
    """A message for the person at the terminal (stderr, so stdout stays clean for pipes)."""
    err_console().print(message, markup=False)


def file_console(view: Sheet) -> str:
    """A view as the text of a file: what a pipe gets, at khoi's width for a pipe."""
    import io

    return _as_text(view, PIPE_WIDTH, "utf-8", lambda: _console(io.StringIO(), PIPE_WIDTH))


def to_stdout(output: Path | None) -> bool:
    """True when ``--output -`` asks for the standard output."""
    from khoi_thidua import store

    return output is not None and store.is_stdout(output)


def check_output(output: Path | None, force: bool) -> None:
    """Refuse a bad ``--output`` before any work is done (see ``store.outputs`` for the rule)."""
    from khoi_thidua import store

    if output is not None and not store.is_stdout(output):
        store.output_target(output, force)


def check_pages_target(target: Path, force: bool) -> bool:
    """Refuse a bad target for HTML pages before any work is done; True when it takes one
    page (``-`` or a FILE.html), False for a folder of pages (new or empty unless ``force``)."""
    from khoi_thidua.store import is_stdout, report_folder

    single = is_stdout(target) or report_folder.is_single_file(target)
    if single:
        check_output(target, force)
    else:
        report_folder.check_folder(target, force)
    return single


def write_pages(
    pages: dict[str, str], index: str, target: Path, single: bool, quiet: bool, force: bool
) -> None:
    """The ``index`` page written or printed like any export when ``single``, else every page
    written to the folder ``target`` and the folder named."""
    from khoi_thidua import store
    from khoi_thidua.store import report_folder

    if single:
        write_or_print(
            pages[index], target, quiet=quiet and not store.is_stdout(target), force=force
        )
        return
    written = report_folder.write_pages(target, pages, force)
    if not quiet:
        say(
            t(
                "Wrote the report to {folder} (HTML files: {count}); open {index}.",
                count=len(written),
                folder=store.display(target),
                index=store.display(target / index),
            )
        )


def write_or_print(
    data: bytes | str, output: Path | None, quiet: bool = False, force: bool = False
) -> None:
    """Write an export atomically to ``output``, or to stdout for none or ``-`` (nothing when
    quiet and no file is named)."""
    from khoi_thidua import store

    raw = data.encode("utf-8") if isinstance(data, str) else data
    if output is None or store.is_stdout(output):
        if quiet and output is None:
            return
        if isinstance(data, bytes) and sys.stdout.isatty():
            raise UsageError(
                t("this format is a binary file and cannot be shown in the terminal"),
                t("give --output FILE, or redirect: --output - > FILE"),
            )
        if isinstance(data, str):
            sys.stdout.write(data)
            sys.stdout.flush()
        else:
            sys.stdout.buffer.write(raw)
            sys.stdout.buffer.flush()
        return
    written = store.write_export(output, raw, force)
    if not quiet:
        say(t("Wrote {file}.", file=store.display(written)))


def export(
    data: D,
    fmt: Format,
    output: Path | None,
    rows: Callable[[D], tuple[list[str], list[list[object]]]] | None,
    markdown: Callable[[D], str] | None,
    view: Callable[[D], Sheet],
    workbook: Callable[[D], bytes] | None,
    quiet: bool = False,
    force: bool = False,
) -> None:
    """Render ``data`` in ``fmt`` (shared by propose and summary); a format given no
    renderer (None) is refused."""
    from khoi_thidua.cli.options import Format

    renderers = {Format.csv: rows, Format.markdown: markdown, Format.xlsx: workbook}
    if renderers.get(fmt, True) is None:
        raise UsageError(t("--format {format} is not available here", format=fmt.value))
    if fmt is Format.json:
        write_or_print(to_json(data) + "\n", output, quiet, force)
    elif fmt is Format.csv and rows is not None:
        from khoi_thidua.render.flat import to_csv

        header, body = rows(data)
        write_or_print(to_csv(header, body), output, quiet, force)
    elif fmt is Format.markdown and markdown is not None:
        write_or_print(markdown(data), output, quiet, force)
    elif fmt is Format.xlsx and workbook is not None:
        if output is None:
            raise UsageError(t("--format xlsx needs --output FILE.xlsx"))
        write_or_print(workbook(data), output, quiet, force)
    elif output is not None:
        write_or_print(file_console(view(data)), output, quiet, force)
    elif not quiet:
        emit(data, view(data), False)
