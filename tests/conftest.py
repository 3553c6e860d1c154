"""Shared fixtures: copies of the sample data, bloc folders built from dicts, and the CLI runner."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings
from typer.testing import CliRunner, Result

from builders import REPO_DATA, SAMPLE_BLOC_ID, Invoke, write_bloc
from khoi_thidua.cli import app

# Property tests have no time limit per example: the suite runs on every core of a machine
# that other work shares, where a 200 ms deadline fails tests for being slow, not wrong.
settings.register_profile("khoi", deadline=None)
settings.load_profile("khoi")

# Output must not depend on the developer's terminal or on a KHOI_DATA they exported.
CLEAN_ENV: dict[str, str | None] = {
    "NO_COLOR": "1",
    "COLUMNS": "240",
    "FORCE_COLOR": None,
    "TTY_COMPATIBLE": None,
    "KHOI_DATA": None,
    "KHOI_DEBUG": None,
    "KHOI_LOCK_TIMEOUT": None,
    "KHOI_LANG": "en",  # tests assert English unless they ask for Vietnamese
}


@pytest.fixture
def sample_data(tmp_path: Path) -> Path:
    """A copy of the repository's ``data`` folder in ``tmp_path``."""
    target = tmp_path / "data"
    shutil.copytree(REPO_DATA, target)
    return target


@pytest.fixture
def sample_bloc_dir(sample_data: Path) -> Path:
    """The sample bloc's folder inside the copied data."""
    return sample_data / SAMPLE_BLOC_ID


@pytest.fixture
def bloc_root(tmp_path: Path) -> Path:
    """An empty data folder for blocs built from dicts."""
    root = tmp_path / "blocs"
    root.mkdir()
    return root


@pytest.fixture
def build_bloc(bloc_root: Path) -> Callable[..., Path]:
    """Write a bloc.toml from a dict into ``bloc_root`` and return its bloc folder."""

    def build(doc: Mapping[str, Any], bloc_id: str = "khoi-thu") -> Path:
        return write_bloc(bloc_root, doc, bloc_id)

    return build


@pytest.fixture
def khoi() -> Invoke:
    """Run the khoi app in-process with a clean environment; stdout and stderr stay separate."""
    runner = CliRunner(env=CLEAN_ENV)

    def invoke(*args: str, env: Mapping[str, str | None] | None = None) -> Result:
        return runner.invoke(app, list(args), env=dict(env or {}), catch_exceptions=False)

    return invoke


@pytest.fixture(autouse=True)
def _english_by_default() -> Iterator[None]:
    """Every test starts in English, whatever an earlier test or the machine's locale set."""
    from khoi_thidua import i18n

    i18n.set_language("en")
    yield
    i18n.set_language("en")
