"""The smallest Typer app shaped like ``khoi rotate``: the start-up floor of any Typer CLI here.

One integer argument and three options; it reads the bloc's TOML file and prints JSON. The
benchmark runs it next to khoi to separate what khoi costs from what Typer itself costs once
a command runs (option parsing, pydantic type coercion, reading a file).

    python benchmarks/typer_floor.py rotate 2022 --json --data data
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(add_completion=False)


@app.command()
def rotate(
    year: Annotated[int | None, typer.Argument(min=1945, max=2100)] = None,
    data: Annotated[Path, typer.Option("--data", "-d")] = Path("data"),
    bloc: Annotated[str | None, typer.Option("--bloc", "-b")] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Read the bloc's file and print a little of it, with the arguments, as JSON."""
    folder = data / bloc if bloc else data
    doc = tomllib.loads((folder / "bloc.toml").read_text(encoding="utf-8"))
    members = [m.get("id") for m in doc.get("members", [])]
    print(json.dumps({"year": year, "json": as_json, "members": members}, ensure_ascii=False))


@app.command()
def propose() -> None:
    """A second command, so that Typer builds a group as khoi's does."""


if __name__ == "__main__":
    app()
