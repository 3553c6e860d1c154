"""Consoles for stdout and stderr, and the one place a command's result is printed."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

PIPE_WIDTH = 120  # tables written to a file or pipe are not squeezed to 80 columns


def _console(stream: Any) -> Console:
    from rich.console import Console

    is_tty = hasattr(stream, "isatty") and stream.isatty()
    width = None if is_tty or os.environ.get("COLUMNS") else PIPE_WIDTH
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


def to_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False)


def emit(
    data: dict[str, Any],
    view: RenderableType | Callable[[], RenderableType] | None,
    as_json: bool,
) -> None:
    """Print ``data`` as JSON, or the human view of it.

    ``view`` may be a function: it is called only when a table is printed, so that
    ``--json`` never builds (or imports) the rich renderables.
    """
    if as_json or view is None:
        sys.stdout.write(to_json(data) + "\n")
        sys.stdout.flush()
        return
    if callable(view):
        view = view()
    console = out_console()
    if console.is_terminal:
        console.print(view)
        return
    # A pipe or a file: plain text without the padding rich adds to fill the width.
    with console.capture() as capture:
        console.print(view)
    text = "\n".join(line.rstrip() for line in capture.get().splitlines())
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def say(message: str) -> None:
    """A message for the person at the terminal (stderr, so stdout stays clean for pipes)."""
    err_console().print(message, markup=False)


def file_console(view: RenderableType) -> str:
    """A rich renderable as plain text for a file: no colour codes, a fixed width."""
    import io

    from rich.console import Console

    buffer = io.StringIO()
    Console(file=buffer, width=PIPE_WIDTH, no_color=True, color_system=None, markup=False).print(
        view
    )
    return "\n".join(line.rstrip() for line in buffer.getvalue().splitlines()) + "\n"
