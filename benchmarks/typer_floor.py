"""The smallest Typer app shaped like ``khoi rotate``: the start-up floor of any Typer CLI here.

The benchmark runs it next to ``python -c "import typer"`` to separate what khoi costs from
what Typer itself costs once a command runs (option parsing, type coercion).

    python benchmarks/typer_floor.py rotate 2022 --json --data data
"""

from __future__ import annotations

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
    """Print the arguments back, as JSON would be printed."""
    print(f'{{"year": {year}, "data": "{data}", "bloc": "{bloc}", "json": {str(as_json).lower()}}}')


@app.command()
def propose() -> None:
    """A second command, so that Typer builds a group as khoi's does."""


if __name__ == "__main__":
    app()
