"""Times ``khoi report YEAR --all`` on synthetic provinces against a tomllib parse of their files.

    python benchmarks/report.py               # 60 blocs × 30 years, and halves of each
    python benchmarks/report.py --runs 5

For each size the report and the baseline (one process that reads and parses every TOML file
of the province with ``tomllib``) run in turn, ``--runs`` times, and the medians are compared
(target: at most 3x). CPU time (user + system) is shown beside the wall clock: on a
machine shared with other work it varies far less. Time per bloc-year across sizes shows
whether the time is linear in blocs × years. Provinces are made by ``generate.py`` under
``benchmarks/_work/`` and reused.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
WORK = HERE / "_work"
MEMBERS = 15
YEAR = 2025
TARGET = 3.0
SIZES = ((30, 30), (60, 15), (60, 30))  # (blocs, years)
BASELINE = (
    "import pathlib, sys, tomllib\n"
    "for path in sorted(pathlib.Path(sys.argv[1]).rglob('*.toml')):\n"
    "    tomllib.loads(path.read_text(encoding='utf-8'))\n"
)


def province(blocs: int, years: int) -> Path:
    folder = WORK / f"report-{blocs}x{years}"
    if not (folder / "generated.json").exists():
        subprocess.run(
            [
                sys.executable,
                str(HERE / "generate.py"),
                "--blocs",
                str(blocs),
                "--members",
                str(MEMBERS),
                "--years",
                str(years),
                "--last-year",
                str(YEAR),
                "--out",
                str(folder),
            ],
            check=True,
            capture_output=True,
        )
    return folder


def timed(command: list[str]) -> tuple[float, float]:
    """Wall-clock and CPU seconds (user + system) of one run of ``command``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def measure(data: Path, runs: int) -> tuple[tuple[float, float], tuple[float, float]]:
    """Median (wall, CPU) seconds of the report and of the tomllib baseline, run in turn."""
    report: list[tuple[float, float]] = []
    baseline: list[tuple[float, float]] = []
    with tempfile.TemporaryDirectory() as scratch:
        for run in range(runs + 1):  # the first round warms the caches and is not counted
            out = Path(scratch) / f"r{run}"
            took = timed(
                [
                    sys.executable,
                    "-m",
                    "khoi_thidua",
                    "report",
                    str(YEAR),
                    "--all",
                    "--quiet",
                    "--data",
                    str(data),
                    "--output",
                    str(out),
                ]
            )
            shutil.rmtree(out)
            parse = timed([sys.executable, "-c", BASELINE, str(data)])
            if run:
                report.append(took)
                baseline.append(parse)
    return _medians(report), _medians(baseline)


def _medians(times: list[tuple[float, float]]) -> tuple[float, float]:
    return statistics.median(t[0] for t in times), statistics.median(t[1] for t in times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(
        "| blocs × years | report wall / CPU (s) | tomllib wall / CPU (s) "
        f"| ratio wall / CPU (≤ {TARGET}x) | CPU ms per bloc-year |"
    )
    print("|---|---|---|---|---|")
    for blocs, years in SIZES:
        (wall, cpu), (base_wall, base_cpu) = measure(province(blocs, years), args.runs)
        print(
            f"| {blocs} × {years} | {wall:.2f} / {cpu:.2f} | {base_wall:.2f} / {base_cpu:.2f} "
            f"| {wall / base_wall:.2f}x / {cpu / base_cpu:.2f}x "
            f"| {1000 * cpu / (blocs * years):.2f} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
