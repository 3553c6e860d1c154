"""Measures khoi at province scale against baselines taken in the same run, and prints a table.

    python benchmarks/run.py                # the whole benchmark (about 3 minutes on 2 cores)
    python benchmarks/run.py --quick        # 3 runs, sizes 1x and 2x only
    python benchmarks/run.py --src DIR      # khoi_thidua from DIR instead (e.g. a patched copy)

Every time is the median of ``--runs`` fresh processes, after one untimed round that warms the
caches and measures peak memory; the commands of a table run in turn, so that a slow moment of
the machine hits them all alike. Each command is compared with a baseline measured in the same
run:

* start-up: ``khoi rotate --json`` / ``khoi propose`` (a table) on one bloc against the Typer
  floor, ``benchmarks/typer_floor.py`` (a minimal Typer app that reads a TOML file and prints
  JSON); target: khoi's overhead at most 10% for JSON, 30% for a table;
* province: ``khoi propose YEAR --all --format json`` against one process that reads and
  parses every TOML file of the province with ``tomllib`` (target: at most 1x), at 1x, 2x and
  4x the number of blocs, with the growth of time against the growth of size;
* batch memory: peak RSS of ``propose --all --json`` and ``summary --json`` at 1x and 8x the
  blocs (target: at most 1.5x);
* peak memory: max RSS of each command, from GNU ``/usr/bin/time`` in the untimed round (a
  child's own ``ru_maxrss`` would include the RSS of the benchmark process that spawned it);
* ``python -X importtime``: the heavy modules ``khoi rotate --json`` loads (target: none).

The synthetic provinces are made by ``benchmarks/generate.py`` under ``benchmarks/_work/``
(git-ignored) and reused while their parameters match.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
WORK = HERE / "_work"

sys.path.insert(0, str(HERE))
import generate  # noqa: E402  (the sibling script, imported once its folder is on the path)

# khoi's own overhead over the Typer floor (benchmarks/typer_floor.py): a JSON result, a table.
FLOOR_TARGETS = {"rotate": 1.10, "propose": 1.30}
PROVINCE_TARGET = 1.0  # no slower than parsing every TOML file of the province with tomllib
MEMORY_FACTOR = 8  # the batch-memory part compares the province at 1x with one 8 times larger
MEMORY_TARGET = 1.5  # peak memory at 8x the blocs ≤ 1.5x the peak at 1x
# Modules that have no business in ``khoi rotate --json``: rendering of tables and help
# screens, office formats, the TOML editor, and the validation library Typer can pull in.
HEAVY_MODULES = (
    "openpyxl",
    "docx",
    "lxml",
    "tomlkit",
    "rich.console",
    "rich.table",
    "rich.markdown",
    "rich.progress",
    "markdown_it",
    "pygments",
    "pydantic",
    "pydantic_core",
)
PARSE_ALL = (
    "import sys, tomllib\n"
    "from pathlib import Path\n"
    "for path in sorted(Path(sys.argv[1]).rglob('*.toml')):\n"
    "    tomllib.loads(path.read_text(encoding='utf-8'))\n"
)


@dataclass
class Sample:
    """One child process: wall time, CPU time and exit code."""

    wall: float
    cpu: float
    code: int


@dataclass
class Measured:
    """A command, its timed samples, and its peak memory from the untimed round."""

    label: str
    argv: list[str]
    verify: Callable[[Path], None] | None = None  # reads the untimed round's stdout
    samples: list[Sample] = field(default_factory=list)
    max_rss_mib: float = float("nan")

    @property
    def median(self) -> float:
        return statistics.median(s.wall for s in self.samples)

    @property
    def cpu(self) -> float:
        """Median user + system CPU time: steadier than wall time on a busy machine."""
        return statistics.median(s.cpu for s in self.samples)

    @property
    def spread(self) -> tuple[float, float]:
        walls = [s.wall for s in self.samples]
        return min(walls), max(walls)


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def gnu_time() -> str | None:
    """``/usr/bin/time`` when it is GNU time (``-f %M`` gives a child's max RSS in KiB)."""
    path = shutil.which("time", path="/usr/bin:/bin")
    if path is None:
        return None
    try:
        done = subprocess.run(
            [path, "--version"], capture_output=True, text=True, encoding="utf-8", check=False
        )
    except OSError:
        return None
    return path if "GNU" in done.stdout + done.stderr else None


GNU_TIME = gnu_time()
CHILD_ENV = dict(os.environ)  # ``--src`` puts another khoi source tree first on the path
# An installed khoi has its bytecode cached; the untimed round writes that cache, which
# PYTHONDONTWRITEBYTECODE would forbid: every timed run would then compile khoi from source.
CHILD_ENV.pop("PYTHONDONTWRITEBYTECODE", None)


def use_source(folder: Path) -> None:
    """Run khoi from ``folder`` (a folder holding ``khoi_thidua``), e.g. a patched copy."""
    if not (folder / "khoi_thidua" / "__init__.py").exists():
        raise SystemExit(f"{folder} holds no khoi_thidua package")
    paths = [str(folder.resolve()), CHILD_ENV.get("PYTHONPATH", "")]
    CHILD_ENV["PYTHONPATH"] = os.pathsep.join(p for p in paths if p)


def run_child(argv: Sequence[str], stdout: Path | None = None) -> Sample:
    """Run ``argv`` from the repository root and time it; fail loudly on a non-zero exit."""
    out = stdout.open("wb") if stdout is not None else subprocess.DEVNULL
    with tempfile.TemporaryFile() as err:
        try:
            start = time.perf_counter()
            proc = subprocess.Popen(list(argv), cwd=REPO, stdout=out, stderr=err, env=CHILD_ENV)
            if hasattr(os, "wait4"):
                _, status, usage = os.wait4(proc.pid, 0)
                wall = time.perf_counter() - start
                proc.returncode = os.waitstatus_to_exitcode(status)
                cpu = usage.ru_utime + usage.ru_stime
            else:  # pragma: no cover - Windows has no wait4: wall time only
                proc.wait()
                wall = time.perf_counter() - start
                cpu = float("nan")
        finally:
            if stdout is not None:
                out.close()  # type: ignore[union-attr]
        if proc.returncode != 0:
            err.seek(0)
            tail = err.read().decode("utf-8", "replace")[-2000:]
            raise SystemExit(f"command failed ({proc.returncode}): {' '.join(argv)}\n{tail}")
    return Sample(wall, cpu, proc.returncode)


def peak_memory(argv: Sequence[str], stdout: Path | None = None) -> float:
    """Max RSS of ``argv`` in MiB, measured by GNU time (NaN when it is not installed).

    A child's own ``ru_maxrss`` is no good here: Linux carries the high-water mark of the
    address space an exec replaces, i.e. of the benchmark process that spawned it.
    """
    if GNU_TIME is None:
        run_child(argv, stdout)
        return float("nan")
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "rss"
        run_child([GNU_TIME, "-f", "%M", "-o", str(report), *argv], stdout)
        return int(report.read_text(encoding="utf-8").split()[-1]) / 1024


def measure(commands: list[Measured], runs: int) -> None:
    """One untimed round (caches, memory, output check), then ``runs`` timed rounds in turn."""
    for command in commands:
        capture = WORK / "stdout.tmp" if command.verify is not None else None
        command.max_rss_mib = peak_memory(command.argv, capture)
        if command.verify is not None and capture is not None:
            command.verify(capture)
            capture.unlink()
    log("  untimed round done")
    for repetition in range(runs):
        for command in commands:
            command.samples.append(run_child(command.argv))
        log(f"  round {repetition + 1}/{runs} done")


def format_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    widths = [max(len(str(c)) for c in column) for column in zip(headers, *rows, strict=True)]

    def line(cells: Sequence[str]) -> str:
        first, *rest = cells
        parts = [str(first).ljust(widths[0])]
        parts += [str(c).rjust(w) for c, w in zip(rest, widths[1:], strict=True)]
        return "  ".join(parts).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(headers), rule, *(line(r) for r in rows)])


def verdict(ratio: float, target: float) -> str:
    return "ok" if ratio <= target else "MISS"


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f}"


def mib(value: float) -> str:
    return "n/a" if math.isnan(value) else f"{value:.0f}"  # NaN: no GNU time


def rel(path: Path) -> str:
    try:
        return str(path.relative_to(REPO))
    except ValueError:
        return str(path)


def console_script() -> Path:
    """The ``khoi`` script pip installed next to this Python (not a version-manager shim)."""
    name = "khoi.exe" if os.name == "nt" else "khoi"
    return Path(sysconfig.get_path("scripts")) / name


# -- environment ------------------------------------------------------------------------------


def memory_total() -> str:
    try:
        for line in Path("/proc/meminfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("MemTotal:"):
                return f"{int(line.split()[1]) / 2**20:.1f} GiB"
    except OSError:
        pass
    return "unknown"


def load_average() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


def busy_note() -> str:
    try:
        one_minute = os.getloadavg()[0]
    except OSError:
        return ""
    cpus = os.cpu_count() or 1
    if one_minute > cpus / 2:
        return " — the machine is busy: wall times are noisy, compare the CPU ratios"
    return ""


def git_revision() -> str:
    def git(*args: str) -> str:
        return subprocess.run(
            ["git", *args], cwd=REPO, capture_output=True, text=True, encoding="utf-8", check=True
        ).stdout.strip()

    try:
        head = git("rev-parse", "--short", "HEAD")
        dirty = git("status", "--porcelain", "--", "src")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head + (" + uncommitted changes in src/" if dirty else "")


def versions() -> str:
    from importlib import metadata

    found = []
    for name in ("khoi-thidua", "typer", "rich", "pydantic"):
        try:
            found.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            continue
    return ", ".join(found)


def print_environment(args: argparse.Namespace) -> None:
    now = dt.datetime.now().astimezone()
    print(f"khoi benchmark — {now:%a %d %b %Y %H:%M:%S %Z}")
    print(f"command : python benchmarks/run.py {' '.join(sys.argv[1:])}".rstrip())
    print(f"machine : {platform.platform()}, {os.cpu_count()} CPUs, {memory_total()} RAM")
    print(f"load    : {load_average()} (1, 5, 15 min) at the start{busy_note()}")
    print(f"python  : {platform.python_implementation()} {platform.python_version()}")
    print(f"packages: {versions()}")
    if "PYTHONPATH" in CHILD_ENV and args.src is not None:
        print(f"source  : khoi_thidua from {args.src} (--src), not the installed one")
    else:
        print(f"revision: {git_revision()}")
    print(f"memory  : {'GNU time -f %M' if GNU_TIME else 'not measured (no GNU /usr/bin/time)'}")
    print(
        f"province: {args.blocs} blocs × {args.members} members × {args.years} years "
        f"({args.last_year - args.years + 1}–{args.last_year}), seed {args.seed}; "
        f"median of {args.runs} timed runs after 1 untimed; KHOI_LANG={args.lang}"
    )


# -- the benchmark's parts ------------------------------------------------------------------


def prepare(args: argparse.Namespace, factor: int) -> Path:
    """The province of ``factor`` times the blocs, generated unless already there."""
    size = generate.Size(args.blocs * factor, args.members, args.years, args.last_year, args.seed)
    folder = WORK / f"province-{factor}x"
    if not generate.matches(folder, size):
        log(f"generating {rel(folder)} ({size.blocs} blocs)…")
        # in a child, so that this process stays small (see ``peak_memory``)
        subprocess.run(
            [
                sys.executable,
                str(HERE / "generate.py"),
                f"--blocs={size.blocs}",
                f"--members={size.members}",
                f"--years={size.years}",
                f"--last-year={size.last_year}",
                f"--seed={size.seed}",
                f"--out={folder}",
            ],
            check=True,
        )
    return folder


def manifest(folder: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((folder / generate.MANIFEST).read_text(encoding="utf-8"))
    return data


def check_province(folder: Path) -> str:
    """``khoi check --all`` must accept the generated data (exit 0)."""
    argv = [sys.executable, "-m", "khoi_thidua", "check", "--all", "--data", str(folder)]
    sample = run_child(argv)  # raises SystemExit on a non-zero exit
    blocs = manifest(folder)["blocs"]
    return f"khoi check --all --data {rel(folder)}: exit 0, {blocs} blocs, {sample.wall:.2f} s"


def startup(args: argparse.Namespace, province: Path) -> dict[str, Any]:
    bloc = province / "khoi-001"
    year = str(args.last_year)
    py = sys.executable
    script = str(console_script())
    rotate = ["rotate", year, "--json", "--data", str(bloc)]
    propose = ["propose", year, "--data", str(bloc)]
    interpreter = Measured('python -c "pass"  (interpreter alone)', [py, "-c", "pass"])
    baseline = Measured('python -c "import typer"  (baseline)', [py, "-c", "import typer"])
    floor = Measured(
        "python benchmarks/typer_floor.py rotate …  (Typer floor)",
        [py, str(HERE / "typer_floor.py"), *rotate],
    )
    commands = [
        Measured(f"python -m khoi_thidua rotate {year} --json", [py, "-m", "khoi_thidua", *rotate]),
        Measured(f"python -m khoi_thidua propose {year}", [py, "-m", "khoi_thidua", *propose]),
        Measured(f"khoi rotate {year} --json  (console script)", [script, *rotate]),
        Measured(f"khoi propose {year}  (console script)", [script, *propose]),
    ]
    log(f"start-up: one bloc ({rel(bloc)})")
    measure([interpreter, baseline, floor, *commands], args.runs)

    rows = []
    figures: dict[str, Any] = {}
    references = (interpreter, baseline, floor)
    for item in (*references, *commands):
        ratio = item.median / baseline.median
        over_floor = item.median / floor.median
        low, high = item.spread
        goal = next((v for k, v in FLOOR_TARGETS.items() if f" {k} " in item.label), None)
        goal = None if item in references else goal
        rows.append(
            [
                item.label,
                ms(item.median),
                f"{ms(low)}–{ms(high)}",
                f"{ratio:.2f}x",
                "" if item in references else f"{over_floor:.2f}x",
                "" if goal is None else f"≤ {goal:.2f}x {verdict(over_floor, goal)}",
                ms(item.cpu),
                f"{item.cpu / floor.cpu:.2f}x",
                mib(item.max_rss_mib),
            ]
        )
        figures[item.label] = {
            "median_s": item.median,
            "min_s": low,
            "max_s": high,
            "ratio": ratio,
            "over_floor": over_floor,
            "floor_target": goal,
            "cpu_s": item.cpu,
            "cpu_ratio": item.cpu / baseline.cpu,
            "cpu_over_floor": item.cpu / floor.cpu,
            "max_rss_mib": item.max_rss_mib,
        }
    print()
    print(f"Start-up, one bloc ({rel(bloc)}: {args.years} years of results)")
    print("target: khoi's overhead over the Typer floor ≤ 10% for a JSON result, ≤ 30% for a table")
    headers = ["command", "median ms", "min–max", "÷ import typer", "÷ floor", "target"]
    headers += ["CPU ms", "CPU ÷ floor", "RSS MiB"]
    print(format_table(headers, rows))
    print(
        "medians of interleaved runs (min–max: their spread); ÷ floor: median wall time over "
        "typer_floor.py's; CPU ÷ floor: the same with user + system time"
    )
    return figures


def province_scale(args: argparse.Namespace, folders: dict[int, Path]) -> dict[str, Any]:
    year = str(args.last_year)
    py = sys.executable
    pairs: dict[int, tuple[Measured, Measured]] = {}
    for factor, folder in folders.items():
        parse = Measured(f"parse {factor}x", [py, "-c", PARSE_ALL, str(folder)])
        command = ["propose", year, "--all", "--format", "json", "--data", str(folder)]
        propose = Measured(
            f"propose {factor}x",
            [py, "-m", "khoi_thidua", *command],
            verify=lambda out, folder=folder: verify_proposals(out, folder),
        )
        pairs[factor] = (parse, propose)
    log(f"province: sizes {', '.join(f'{k}x' for k in folders)}")
    measure([m for pair in pairs.values() for m in pair], args.runs)

    first = min(pairs)
    base_parse, base_propose = pairs[first]
    times, growth_rows = [], []
    figures: dict[str, Any] = {}
    for factor, (parse, propose) in pairs.items():
        info = manifest(folders[factor])
        ratio = propose.median / parse.median
        size_growth = factor / first
        wall_growth = propose.median / base_propose.median
        cpu_growth = propose.cpu / base_propose.cpu
        parse_growth = parse.cpu / base_parse.cpu
        times.append(
            [
                f"{factor}x",
                str(info["blocs"]),
                str(info["files"]),
                f"{info['bytes'] / 1e6:.1f}",
                f"{parse.median:.2f}",
                f"{propose.median:.2f}",
                f"{ratio:.2f}x",
                verdict(ratio, PROVINCE_TARGET),
                f"{propose.cpu / parse.cpu:.2f}x",
            ]
        )
        growth_rows.append(
            [
                f"{factor}x",
                f"{size_growth:.0f}",
                f"{wall_growth:.2f}",
                f"{wall_growth / size_growth:.2f}",
                f"{cpu_growth:.2f}",
                f"{cpu_growth / size_growth:.2f}",
                f"{parse_growth / size_growth:.2f}",
                mib(propose.max_rss_mib),
                mib(parse.max_rss_mib),
            ]
        )
        figures[f"{factor}x"] = {
            "blocs": info["blocs"],
            "files": info["files"],
            "bytes": info["bytes"],
            "parse_s": parse.median,
            "propose_s": propose.median,
            "ratio": ratio,
            "parse_cpu_s": parse.cpu,
            "propose_cpu_s": propose.cpu,
            "cpu_ratio": propose.cpu / parse.cpu,
            "propose_max_rss_mib": propose.max_rss_mib,
            "parse_max_rss_mib": parse.max_rss_mib,
        }
    print()
    print(f"Province: khoi propose {year} --all --format json, against tomllib parsing every file")
    print(f"target: ratio ≤ {PROVINCE_TARGET}x")
    headers = ["size", "blocs", "files", "MB", "parse s", "propose s", "ratio", "target"]
    print(format_table([*headers, "CPU ratio"], times))
    print()
    print(
        "Growth against size (÷size = growth of time ÷ growth of size; 1.00 is linear) "
        "and peak memory"
    )
    headers = ["size", "size×", "wall×", "÷size", "CPU×", "CPU ÷size", "parse CPU ÷size"]
    print(format_table([*headers, "RSS MiB", "parse RSS MiB"], growth_rows))
    return figures


def batch_memory(args: argparse.Namespace, small: Path) -> dict[str, Any]:
    """Peak memory of the batch commands at 1x and 8x the blocs: flat when they stream."""
    year = str(args.last_year)
    big = prepare(args, MEMORY_FACTOR)
    commands = {
        f"propose {year} --all --json": ["propose", year, "--all", "--json"],
        f"summary {year} --json": ["summary", year, "--json"],
    }
    log(f"batch memory: {rel(small)} and {rel(big)}")
    rows, figures = [], {}
    for label, argv in commands.items():
        peaks = [
            peak_memory([sys.executable, "-m", "khoi_thidua", *argv, "--data", str(folder)])
            for folder in (small, big)
        ]
        ratio = peaks[1] / peaks[0]
        rows.append([label, mib(peaks[0]), mib(peaks[1]), f"{ratio:.2f}x"])
        rows[-1].append(verdict(ratio, MEMORY_TARGET))
        figures[label] = {"1x_mib": peaks[0], f"{MEMORY_FACTOR}x_mib": peaks[1], "ratio": ratio}
    blocs = (manifest(small)["blocs"], manifest(big)["blocs"])
    print()
    print(f"Batch memory: peak RSS at {blocs[0]} and {blocs[1]} blocs (stdout to /dev/null)")
    print(f"target: {MEMORY_FACTOR}x the blocs ≤ {MEMORY_TARGET}x the memory")
    headers = ["command", "1x MiB", f"{MEMORY_FACTOR}x MiB", "ratio", "target"]
    print(format_table(headers, rows))
    return figures


def verify_proposals(out: Path, folder: Path) -> None:
    """The untimed run's JSON must hold a successful proposal for every bloc."""
    data = json.loads(out.read_text(encoding="utf-8"))
    blocs = data.get("blocs", [])
    failed = [b["bloc"]["id"] for b in blocs if not b.get("ok")]
    expected = manifest(folder)["blocs"]
    if failed or len(blocs) != expected:
        raise SystemExit(
            f"{rel(folder)}: {len(blocs)} proposals for {expected} blocs; "
            f"failed: {', '.join(failed) or 'none'}"
        )


@dataclass(frozen=True)
class ImportLine:
    """One line of ``-X importtime``: times in microseconds, nesting level from 0."""

    self_us: int
    cumulative_us: int
    name: str
    level: int


def import_times(extra: Sequence[str]) -> list[ImportLine]:
    """``python -X importtime -m khoi_thidua …`` run on the repository's sample data."""
    argv = [sys.executable, "-X", "importtime", "-m", "khoi_thidua", *extra]
    done = subprocess.run(
        argv,
        cwd=REPO,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        env=CHILD_ENV,
    )
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed:\n{done.stderr[-2000:]}")
    lines = []
    for raw in done.stderr.splitlines():
        if not raw.startswith("import time:") or "self [us]" in raw:
            continue
        self_us, cumulative_us, name = raw[len("import time:") :].split("|", 2)
        stripped = name.lstrip(" ")
        level = (len(name) - len(stripped) - 1) // 2
        lines.append(ImportLine(int(self_us), int(cumulative_us), stripped.strip(), level))
    return lines


def heavy_found(lines: list[ImportLine]) -> list[tuple[str, int, str]]:
    """Heavy modules loaded: (module, cumulative µs, the top-level import that brought it)."""
    found: dict[str, tuple[int, str]] = {}
    for index, line in enumerate(lines):
        for heavy in HEAVY_MODULES:
            if line.name != heavy and not line.name.startswith(heavy + "."):
                continue
            # importtime prints a module after everything it imports, so the module's
            # top-level ancestor is the next line at level 0.
            root = next((later.name for later in lines[index:] if later.level == 0), line.name)
            if heavy not in found or line.cumulative_us > found[heavy][0]:
                found[heavy] = (line.cumulative_us, root)
    return sorted(((k, us, root) for k, (us, root) in found.items()), key=lambda t: -t[1])


def import_report() -> dict[str, Any]:
    report: dict[str, Any] = {}
    for extra in (
        ["rotate", "2022", "--json", "--data", "data"],
        ["rotate", "2022", "--data", "data"],
    ):
        title = " ".join(extra)
        lines = import_times(extra)
        top = sorted((x for x in lines if x.level == 0), key=lambda x: -x.cumulative_us)[:10]
        total = sum(x.cumulative_us for x in lines if x.level == 0)
        heavy = heavy_found(lines)
        print()
        print(f"python -X importtime -m khoi_thidua {title}")
        print(f"imports: {total / 1000:.0f} ms over {len(lines)} modules; largest top-level:")
        rows = [[x.name, f"{x.cumulative_us / 1000:.1f}", f"{x.self_us / 1000:.1f}"] for x in top]
        print(format_table(["module", "cumulative ms", "self ms"], rows))
        names = ", ".join(
            f"{n} ({us / 1000:.0f} ms, {'imported directly' if n == r else f'via {r}'})"
            for n, us, r in heavy
        )
        print(f"heavy modules loaded: {names or 'none'}")
        report[title] = {
            "total_ms": total / 1000,
            "heavy": [{"module": n, "ms": us / 1000, "via": r} for n, us, r in heavy],
        }
    print("target: none for either (a table on a pipe is written without rich.console)")
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, help="timed runs per command (default 5)")
    parser.add_argument("--sizes", help="province sizes, as multiples of --blocs (default 1,2,4)")
    parser.add_argument(
        "--blocs", type=int, default=generate.DEFAULT_BLOCS, help="blocs at size 1 (default 60)"
    )
    parser.add_argument(
        "--members", type=int, default=generate.DEFAULT_MEMBERS, help="members per bloc (15)"
    )
    parser.add_argument(
        "--years", type=int, default=generate.DEFAULT_YEARS, help="years of results (30)"
    )
    parser.add_argument(
        "--last-year",
        type=int,
        default=generate.DEFAULT_LAST_YEAR,
        help="the year proposed and rotated (2025)",
    )
    parser.add_argument("--seed", type=int, default=generate.DEFAULT_SEED, help="data seed")
    parser.add_argument(
        "--src",
        type=Path,
        help="run khoi from this folder (holding khoi_thidua), e.g. a patched copy of src/",
    )
    parser.add_argument("--quick", action="store_true", help="3 runs, sizes 1 and 2")
    parser.add_argument(
        "--lang", choices=("en", "vi"), default="en", help="KHOI_LANG for the khoi runs"
    )
    parser.add_argument(
        "--skip",
        action="append",
        default=[],
        choices=("startup", "province", "memory", "imports"),
        help="leave out a part (repeatable)",
    )
    args = parser.parse_args(argv)
    if args.runs is None:
        args.runs = 3 if args.quick else 5
    if args.sizes is None:
        args.sizes = "1,2" if args.quick else "1,2,4"
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    try:
        factors = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    except ValueError:
        factors = []
    if not factors or factors[0] < 1:
        parser.error("--sizes takes whole numbers ≥ 1, e.g. 1,2,4")

    if args.src is not None:
        use_source(args.src)
    CHILD_ENV["KHOI_LANG"] = args.lang
    started = time.perf_counter()
    WORK.mkdir(exist_ok=True)
    print_environment(args)
    folders = {factor: prepare(args, factor) for factor in factors}
    print(check_province(folders[factors[0]]))
    results: dict[str, Any] = {"argv": sys.argv[1:], "date": dt.datetime.now().isoformat()}
    if "startup" not in args.skip:
        results["startup"] = startup(args, folders[factors[0]])
    if "province" not in args.skip:
        results["province"] = province_scale(args, folders)
    if "memory" not in args.skip:
        results["memory"] = batch_memory(args, folders[factors[0]])
    if "imports" not in args.skip:
        results["imports"] = import_report()
    print()
    print(
        f"benchmark took {time.perf_counter() - started:.0f} s; "
        f"load {load_average()} at the end; figures in {rel(WORK / 'last-run.json')}"
    )
    (WORK / "last-run.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
