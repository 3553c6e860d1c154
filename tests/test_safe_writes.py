"""Safe writes: concurrent runs, a held lock, kills mid-write and failing disks lose no data."""

from __future__ import annotations

import errno
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from khoi_thidua import rotation, store
from khoi_thidua.cli import app
from khoi_thidua.errors import ExitCode, WriteError
from khoi_thidua.i18n import ENGLISH

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "khoi-co-quan-dang"
BLOC_ID = SAMPLE.name
TEMP_GLOB = ".bloc.toml.*.tmp"


# ── helpers ───────────────────────────────────────────────────────────────────────────────────


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A data folder holding a copy of the sample bloc."""
    root = tmp_path / "data"
    shutil.copytree(SAMPLE, root / BLOC_ID)
    return root


def _env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update({"NO_COLOR": "1", "COLUMNS": "400", "KHOI_LOCK_TIMEOUT": "120", "KHOI_LANG": "en"})
    env.pop("KHOI_DATA", None)
    env.update(extra)
    return env


def _khoi(*args: str) -> list[str]:
    return [sys.executable, "-m", "khoi_thidua", *args]


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _keeps_lines(old: str, new: str) -> bool:
    """Every line of ``old`` is in ``new``, in the same order (comments and layout survive)."""
    remaining = iter(new.splitlines())
    return all(any(line == candidate for candidate in remaining) for line in old.splitlines())


def _leadership_years(text: str) -> list[int]:
    return sorted(entry["year"] for entry in tomllib.loads(text).get("leadership", []))


def _check(root: Path) -> tuple[int, str]:
    result = CliRunner().invoke(
        app, ["check", "--data", str(root)], env={"COLUMNS": "400", "KHOI_LANG": "en"}
    )
    return result.exit_code, result.output


def _record_in_process(root: Path, year: int) -> tuple[int, str]:
    result = CliRunner().invoke(
        app,
        ["rotate", str(year), "--record", "--data", str(root)],
        env={"COLUMNS": "400", "KHOI_LANG": "en"},
    )
    if result.exception is not None:
        assert isinstance(result.exception, SystemExit), repr(result.exception)
    return result.exit_code, result.output


# ── concurrent runs ─────────────────────────────────────────────────────────────────────────


READER = """
import sys
from pathlib import Path
from khoi_thidua import store
bloc_dir, stop = Path(sys.argv[1]), Path(sys.argv[2])
loads = 0
while not stop.exists() or loads == 0:
    store.load_bloc(bloc_dir)
    loads += 1
print(loads)
"""


@pytest.mark.slow
class TestConcurrentRecords:
    """Many `khoi rotate --record` processes on one bloc at once."""

    def test_distinct_years_each_recorded_once(self, data: Path, tmp_path: Path) -> None:
        """Twelve runs for twelve years at once record each year once, as the circle gives it,
        keep every comment, and readers meanwhile always load a whole, valid file."""
        bloc_dir = data / BLOC_ID
        original = (bloc_dir / "bloc.toml").read_text(encoding="utf-8")
        before = store.load_bloc(bloc_dir)
        stop = tmp_path / "stop"
        readers = [
            subprocess.Popen(
                [sys.executable, "-c", READER, str(bloc_dir), str(stop)],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                env=_env(),
            )
            for _ in range(2)
        ]
        years = range(2022, 2034)
        writers = [
            subprocess.Popen(
                _khoi("rotate", str(year), "--record", "--data", str(data)),
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                env=_env(),
            )
            for year in years
        ]
        outcomes = [(proc.communicate()[1], proc.returncode) for proc in writers]
        stop.touch()
        for proc in readers:
            out, err = proc.communicate()
            assert proc.returncode == 0, err.decode("utf-8")
            assert int(out) >= 1
        for err, code in outcomes:
            assert code == 0, err.decode("utf-8")

        text = (bloc_dir / "bloc.toml").read_text(encoding="utf-8")
        assert _leadership_years(text) == [2021, *years]
        assert _keeps_lines(original, text)
        after = store.load_bloc(bloc_dir)
        for year in years:
            record = after.recorded(year)
            expected = rotation.leadership_in(ENGLISH, before, year)
            assert record is not None
            assert (record.chair, record.vice_chair) == (expected.chair, expected.vice_chair)
        code, output = _check(data)
        assert code == 0, output

    def test_same_year_recorded_once(self, data: Path) -> None:
        """Eight runs recording the same year at once leave exactly one entry for it."""
        bloc_dir = data / BLOC_ID
        original = (bloc_dir / "bloc.toml").read_text(encoding="utf-8")
        procs = [
            subprocess.Popen(
                _khoi("rotate", "2022", "--record", "--data", str(data)),
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                env=_env(),
            )
            for _ in range(8)
        ]
        messages = []
        for proc in procs:
            _, err = proc.communicate()
            assert proc.returncode == 0, err.decode("utf-8")
            messages.append(_flat(err.decode("utf-8")))
        assert sum("Recorded 2022" in m for m in messages) == 1
        assert sum("nothing changed" in m for m in messages) == 7
        text = (bloc_dir / "bloc.toml").read_text(encoding="utf-8")
        assert _leadership_years(text) == [2021, 2022]
        assert _keeps_lines(original, text)
        assert _check(data)[0] == 0


# ── the lock ──────────────────────────────────────────────────────────────────────────────


class TestLockTimeout:
    """A run that cannot get the lock gives up cleanly."""

    def test_held_lock_gives_temp_fail(self, data: Path) -> None:
        """While another holder has the lock, `--record` waits KHOI_LOCK_TIMEOUT, exits 75,
        says to try again later, and leaves the file as it was."""
        bloc_dir = data / BLOC_ID
        before = (bloc_dir / "bloc.toml").read_bytes()
        with store.locked(bloc_dir):
            proc = subprocess.run(
                _khoi("rotate", "2022", "--record", "--data", str(data)),
                capture_output=True,
                env=_env(KHOI_LOCK_TIMEOUT="0.5"),
                check=False,
            )
        err = _flat(proc.stderr.decode("utf-8"))
        assert proc.returncode == ExitCode.TEMP_FAIL == 75
        assert "try again later" in err
        assert "nothing was written" in err
        assert "Traceback" not in err
        assert (bloc_dir / "bloc.toml").read_bytes() == before
        assert list(bloc_dir.glob(TEMP_GLOB)) == []

    def test_lock_is_free_again_after_release(self, data: Path) -> None:
        """Once the holder releases the lock, the same record succeeds."""
        bloc_dir = data / BLOC_ID
        with store.locked(bloc_dir):
            pass
        code, output = _record_in_process(data, 2022)
        assert code == 0, output
        assert 2022 in _leadership_years((bloc_dir / "bloc.toml").read_text(encoding="utf-8"))


# ── kills at random moments ─────────────────────────────────────────────────────────────────


WRITER = """
import sys
from pathlib import Path
from khoi_thidua.store import write_atomic
target, old, new = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
versions = [new.read_bytes(), old.read_bytes()]
print("ready", flush=True)
while True:
    for data in versions:
        write_atomic(target, data)
"""


SLOW_DISK_KHOI = """
import os, runpy, sys, time
fsync = os.fsync
def slow_fsync(fd):
    time.sleep(0.15)
    fsync(fd)
os.fsync = slow_fsync
sys.argv = ["khoi", *sys.argv[1:]]
runpy.run_module("khoi_thidua", run_name="__main__")
"""


def _padded(text: str, size: int, filler: str) -> bytes:
    """``text`` followed by comment lines up to about ``size`` bytes: slow enough to interrupt."""
    line = f"# {filler * 60}\n"
    return (text + line * (size // len(line))).encode("utf-8")


def _kill(proc: subprocess.Popen[Any]) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGKILL)
    proc.wait()
    if proc.stdout is not None:
        proc.stdout.close()


@pytest.mark.slow
class TestKilledWrites:
    """SIGKILL at random moments never leaves a half-written file."""

    def test_write_atomic_killed_leaves_old_or_new(self, data: Path, tmp_path: Path) -> None:
        """A process looping over write_atomic, killed 40 times at random moments, always
        leaves the exact old or the exact new bytes; its temporary files do not break loading."""
        bloc_dir = data / BLOC_ID
        target = bloc_dir / "bloc.toml"
        text = target.read_text(encoding="utf-8")
        old = _padded(text, 1_500_000, "a")
        new = _padded(text.replace("Hưng Yên", "Hải Dương"), 2_500_000, "b")
        (tmp_path / "old").write_bytes(old)
        (tmp_path / "new").write_bytes(new)
        target.write_bytes(old)
        rng = random.Random(20220107)
        for _ in range(40):
            proc = subprocess.Popen(
                [
                    sys.executable,
                    "-c",
                    WRITER,
                    str(target),
                    str(tmp_path / "old"),
                    str(tmp_path / "new"),
                ],
                stdout=subprocess.PIPE,
                env=_env(),
            )
            assert proc.stdout is not None
            assert proc.stdout.readline() == b"ready\n"
            time.sleep(rng.uniform(0.0, 0.08))  # picks the moment to kill; asserts nothing
            _kill(proc)
            assert target.read_bytes() in (old, new)

        (bloc_dir / ".bloc.toml.left0ver.tmp").write_bytes(old[: len(old) // 3])
        assert store.bloc_dirs(data) == [bloc_dir]
        assert store.load_bloc(bloc_dir).name
        code, output = _check(data)
        assert code == 0, output
        assert "no problems" in output

    def test_record_killed_leaves_valid_file(self, data: Path) -> None:
        """`khoi rotate Y --record` killed at random moments leaves the old file or a valid new
        one with Y recorded, and its lock does not block the next run.

        The runs use a slow disk (each fsync takes 0.15 s longer) so that a good share of the
        kills land inside the write, not only before or after it.
        """
        bloc_dir = data / BLOC_ID
        target = bloc_dir / "bloc.toml"
        original = target.read_text(encoding="utf-8")
        rng = random.Random(2021)
        for year in range(2022, 2034):
            before = target.read_bytes()
            args = ["rotate", str(year), "--record", "--data", str(data)]
            proc = subprocess.Popen(
                [sys.executable, "-c", SLOW_DISK_KHOI, *args],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                env=_env(),
            )
            time.sleep(rng.uniform(0.05, 0.8))  # picks the moment to kill; asserts nothing
            _kill(proc)
            after = target.read_bytes()
            if after != before:
                text = after.decode("utf-8")
                assert year in _leadership_years(text)
                assert _keeps_lines(before.decode("utf-8"), text)
            assert _check(data)[0] == 0
        code, output = _record_in_process(data, 2034)
        assert code == 0, output
        text = target.read_text(encoding="utf-8")
        assert 2034 in _leadership_years(text)
        assert _keeps_lines(original, text)


class TestLeftoverTempFiles:
    """Temporary files of a killed run are harmless, and the next write removes them."""

    def test_leftovers_ignored_then_cleaned(self, data: Path) -> None:
        """Half-written `.bloc.toml.*.tmp` files are not loaded, `check` passes, and the next
        record removes them (and only them)."""
        bloc_dir = data / BLOC_ID
        text = (bloc_dir / "bloc.toml").read_bytes()
        for name in (".bloc.toml.k1ll3d.tmp", ".bloc.toml.x9.tmp"):
            (bloc_dir / name).write_bytes(text[: len(text) // 2])
        (bloc_dir / ".results-2021.toml.r1.tmp").write_bytes(b"schema = ")
        assert store.bloc_dirs(data) == [bloc_dir]
        assert store.load_bloc(bloc_dir).id == BLOC_ID
        assert _check(data)[0] == 0
        code, output = _record_in_process(data, 2022)
        assert code == 0, output
        assert list(bloc_dir.glob(TEMP_GLOB)) == []
        assert (bloc_dir / ".results-2021.toml.r1.tmp").exists()


# ── failing disks ─────────────────────────────────────────────────────────────────────────


def _chmod_stops_writes(folder: Path) -> bool:
    probe = folder / ".probe"
    try:
        probe.write_bytes(b"")
    except PermissionError:
        return True
    probe.unlink()
    return False


@pytest.fixture
def read_only(data: Path) -> Iterator[Path]:
    """The bloc folder with mode 0555, restored afterwards so tmp_path can be removed."""
    bloc_dir = data / BLOC_ID
    bloc_dir.chmod(0o555)
    try:
        yield bloc_dir
    finally:
        bloc_dir.chmod(0o755)


class _FullDisk:
    """A file whose first write stores half the bytes, then fails as a full disk does."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner

    def __enter__(self) -> _FullDisk:
        return self

    def __exit__(self, *exc: object) -> None:
        self.inner.close()

    def write(self, data: bytes) -> int:
        self.inner.write(data[: len(data) // 2])
        self.inner.flush()
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def flush(self) -> None:
        self.inner.flush()

    def fileno(self) -> int:
        return int(self.inner.fileno())


class TestWriteFailures:
    """A write that the system refuses exits 73 with the original bytes intact."""

    def test_read_only_folder(
        self, data: Path, read_only: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A read-only bloc folder gives exit 73, a message naming the cause, and no change.

        Tests often run as root, where mode 0555 does not stop writes; then the folder's
        refusal is simulated where khoi creates its temporary file (tempfile.mkstemp raising
        PermissionError), which is what a non-root user meets after the lock file exists.
        """
        before = (read_only / "bloc.toml").read_bytes()
        if not _chmod_stops_writes(read_only):

            def refuse(*args: Any, **kwargs: Any) -> Any:
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

            monkeypatch.setattr(tempfile, "mkstemp", refuse)
        code, output = _record_in_process(data, 2022)
        assert code == ExitCode.CANT_CREATE == 73
        assert "Permission denied" in output
        assert "writable" in output
        assert "Traceback" not in output
        assert (read_only / "bloc.toml").read_bytes() == before
        assert list(read_only.glob(TEMP_GLOB)) == []

    def test_read_only_file_system(self, data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """The final rename failing with EROFS (a read-only mount; simulated, as root can write
        anywhere) gives exit 73, says the original is unchanged, and removes the temporary."""
        bloc_dir = data / BLOC_ID
        before = (bloc_dir / "bloc.toml").read_bytes()

        def refuse(*args: Any, **kwargs: Any) -> None:
            raise OSError(errno.EROFS, os.strerror(errno.EROFS))

        monkeypatch.setattr(os, "replace", refuse)
        code, output = _record_in_process(data, 2022)
        assert code == 73
        assert "Read-only file system" in output
        assert "unchanged" in output
        assert (bloc_dir / "bloc.toml").read_bytes() == before
        assert list(bloc_dir.glob(TEMP_GLOB)) == []

    def test_full_disk(self, data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """A disk that fills up half-way through the write (ENOSPC) gives exit 73, the original
        bytes intact, and no temporary file left behind."""
        bloc_dir = data / BLOC_ID
        before = (bloc_dir / "bloc.toml").read_bytes()
        real_fdopen = os.fdopen

        def fdopen(fd: int, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
            inner = real_fdopen(fd, mode, *args, **kwargs)
            return _FullDisk(inner) if "w" in mode else inner

        monkeypatch.setattr(os, "fdopen", fdopen)
        code, output = _record_in_process(data, 2022)
        assert code == 73
        assert "No space left on device" in output
        assert "the original is unchanged" in output
        assert (bloc_dir / "bloc.toml").read_bytes() == before
        assert list(bloc_dir.glob(TEMP_GLOB)) == []

    def test_write_atomic_full_disk_raises_write_error(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """store.write_atomic turns ENOSPC into WriteError and keeps the old bytes."""
        target = tmp_path / "out.csv"
        target.write_bytes(b"old")

        def no_space(fd: int) -> None:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        monkeypatch.setattr(os, "fsync", no_space)
        with pytest.raises(WriteError, match="No space left on device"):
            store.write_atomic(target, b"new" * 1000)
        assert target.read_bytes() == b"old"
        assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]

    def test_write_output_missing_folder(self, tmp_path: Path) -> None:
        """An export to a folder that does not exist is a WriteError, and nothing is created."""
        with pytest.raises(WriteError, match="missing does not exist"):
            store.write_export(tmp_path / "missing" / "out.csv", b"x", force=False)
        assert list(tmp_path.iterdir()) == []


class TestWriteAtomic:
    """write_atomic itself: modes kept, new files readable by others."""

    def test_keeps_existing_mode(self, tmp_path: Path) -> None:
        """Replacing a file keeps its permission bits."""
        target = tmp_path / "bloc.toml"
        target.write_bytes(b"old")
        target.chmod(0o640)
        store.write_atomic(target, b"new")
        assert target.read_bytes() == b"new"
        assert target.stat().st_mode & 0o777 == 0o640

    def test_new_file_gets_usual_mode(self, tmp_path: Path) -> None:
        """A new file gets 0666 minus the umask, not the 0600 of a temporary file."""
        mask = os.umask(0o022)
        try:
            store.write_atomic(tmp_path / "export.csv", b"a,b\n")
        finally:
            os.umask(mask)
        assert (tmp_path / "export.csv").stat().st_mode & 0o777 == 0o644


def test_record_keeps_windows_line_ends_and_byte_order_mark(tmp_path: Path) -> None:
    """A bloc.toml saved by Notepad (BOM, CRLF) keeps both after `--record`."""
    import shutil

    from typer.testing import CliRunner

    from khoi_thidua.cli import app

    data = tmp_path / "data"
    shutil.copytree(Path(__file__).resolve().parents[1] / "data", data)
    path = data / "khoi-co-quan-dang" / "bloc.toml"
    original = path.read_bytes().replace(b"\r\n", b"\n")
    windows = b"\xef\xbb\xbf" + original.replace(b"\n", b"\r\n")
    path.write_bytes(windows)
    result = CliRunner().invoke(app, ["rotate", "2022", "--record", "--data", str(data)])
    assert result.exit_code == 0, result.stderr
    after = path.read_bytes()
    assert after.startswith(b"\xef\xbb\xbf" + windows[3:])
    body = after[3:]
    assert b"\n" not in body.replace(b"\r\n", b"")
    assert b"year = 2022" in body
