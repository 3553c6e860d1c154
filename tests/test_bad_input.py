"""Bad input: each mistake in tests/bad_input/cases.toml and hostile.toml gets a clear message
and exit code."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import stat
import tomllib
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from khoi_thidua.cli import app

HERE = Path(__file__).parent / "bad_input"
BASE = HERE / "base"
BLOC_ID = "khoi-test"
CASE_KEYS = {
    "id",
    "mistake",
    "file",
    "replace",
    "content",
    "make",
    "args",
    "check",
    "rotate",
    "expect",
    "rotate_expect",
    "absent",
}
MAKERS = (
    "utf16",
    "cp1258",
    "binary",
    "huge",
    "directory",
    "delete",
    # hostile.toml
    "utf32",
    "utf32-be",
    "fifo",
    "device-link",
    "socket",
    "dangling-link",
    "long-integer",
    "long-line",
    "dotted-50000",
    "dotted-100",
)
POSIX_ONLY = ("fifo", "device-link", "socket", "dangling-link")
HUGE_BYTES = 5 * 1024 * 1024 + 100_000
# The first bytes of a PNG image, then every byte value: what a scanner leaves behind.
BINARY = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)) * 4


def _load_cases() -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = []
    for name in ("cases.toml", "hostile.toml"):
        with (HERE / name).open("rb") as handle:
            cases.extend(tomllib.load(handle)["case"])
    return cases


CASES = _load_cases()


def _make_case(case: dict[str, Any], data: Path) -> None:
    """Copy the base bloc into ``data`` and apply the case's one change."""
    shutil.copytree(BASE, data)
    target = data / BLOC_ID / case.get("file", "bloc.toml")
    original = target.read_text(encoding="utf-8")
    if "replace" in case:
        text = original
        for old, new in case["replace"]:
            assert text.count(old) == 1, f"{case['id']}: {old!r} must occur once in the base"
            text = text.replace(old, new)
        target.write_bytes(text.encode("utf-8"))
    elif "content" in case:
        target.write_bytes(case["content"].encode("utf-8"))
    elif "make" in case:
        make = case["make"]
        if make == "utf16":
            target.write_bytes(original.encode("utf-16"))
        elif make == "cp1258":
            # Python's cp1258 lacks most precomposed Vietnamese letters; a few "?" do not matter,
            # the bytes of "Đ", "ư", "ơ"… are what make the file not UTF-8.
            target.write_bytes(original.encode("cp1258", errors="replace"))
        elif make == "binary":
            target.write_bytes(BINARY)
        elif make == "huge":
            line = "# " + "nhật ký " * 12 + "\n"
            padding = line * (HUGE_BYTES // len(line.encode("utf-8")) + 1)
            target.write_bytes((original + padding).encode("utf-8"))
        elif make == "directory":
            target.unlink()
            target.mkdir()
        elif make == "delete":
            target.unlink()
        else:
            _make_hostile(make, target, original)


def _make_hostile(make: str, target: Path, original: str) -> None:
    """The changes of hostile.toml that text cannot express: special files and huge keys."""
    if make in POSIX_ONLY:
        target.unlink()
    if make == "utf32":
        target.write_bytes(original.encode("utf-32"))
    elif make == "utf32-be":
        target.write_bytes(b"\x00\x00\xfe\xff" + original.encode("utf-32-be"))
    elif make == "fifo":
        os.mkfifo(target)
    elif make == "device-link":
        target.symlink_to("/dev/zero" if target.name == "bloc.toml" else "/dev/urandom")
    elif make == "socket":
        os.mknod(target, stat.S_IFSOCK | 0o600)
    elif make == "dangling-link":
        target.symlink_to(target.parent / "deleted.toml")
    elif make == "long-integer":
        target.write_text(original.replace("max = 100", "max = 1" + "0" * 5000, 1), "utf-8")
    elif make == "long-line":
        target.write_text(original + "# " + "x" * 70_000 + "\n", "utf-8")
    else:
        parts = 50_000 if make == "dotted-50000" else 100
        key = ".".join(f"k{i}" for i in range(parts))
        lines = original.split("\n", 1)
        target.write_text(f"{lines[0]}\n{key} = 1\n{lines[1]}", "utf-8")


def _snapshot(root: Path) -> dict[str, str]:
    """Every path under ``root`` with the hash of its bytes ("dir" for a folder)."""
    out: dict[str, str] = {}
    for path in sorted(root.rglob("*")):
        key = path.relative_to(root).as_posix()
        mode = path.lstat().st_mode
        if stat.S_ISLNK(mode):
            out[key] = f"link to {path.readlink()}"
        elif stat.S_ISDIR(mode):
            out[key] = "dir"
        elif not stat.S_ISREG(mode):
            out[key] = f"special {stat.S_IFMT(mode)}"  # a FIFO or socket: never opened here
        else:
            out[key] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def _flat(text: str) -> str:
    """``text`` with runs of whitespace as one space: a wrapped line still matches."""
    return re.sub(r"\s+", " ", text)


def _run(args: list[str]) -> tuple[int, str]:
    runner = CliRunner()
    result = runner.invoke(app, args, env={"COLUMNS": "400", "NO_COLOR": "1", "KHOI_LANG": "en"})
    if result.exception is not None:
        assert isinstance(result.exception, SystemExit), repr(result.exception)
    return result.exit_code, result.output


class TestCaseTable:
    """The case table itself is well formed, so that no case passes by accident."""

    def test_enough_distinct_cases(self) -> None:
        """There are at least 40 cases and their ids are unique."""
        ids = [case["id"] for case in CASES]
        assert len(ids) >= 40
        assert len(set(ids)) == len(ids)

    @pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
    def test_case_is_well_formed(self, case: dict[str, Any]) -> None:
        """Each case uses known keys, at most one kind of change, and says what it expects."""
        assert set(case) <= CASE_KEYS, set(case) - CASE_KEYS
        changes = [key for key in ("replace", "content", "make") if key in case]
        assert len(changes) == 1 or (not changes and "args" in case)
        assert case.get("make", MAKERS[0]) in MAKERS
        assert case["mistake"].strip() and case["expect"].strip()
        assert case["check"] in (0, 64, 65, 66)

    def test_base_is_valid(self, tmp_path: Path) -> None:
        """The untouched base bloc passes `check` and rotates, so each failure is its case's."""
        data = tmp_path / "data"
        shutil.copytree(BASE, data)
        code, output = _run(["check", "--data", str(data)])
        assert code == 0, output
        assert "no problems" in output
        code, output = _run(["rotate", "2022", "--data", str(data)])
        assert code == 0, output


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_bad_input(case: dict[str, Any], tmp_path: Path) -> None:
    """A mistake gives its exit code and message, no traceback, and changes no file."""
    if case.get("make") in POSIX_ONLY and os.name != "posix":
        pytest.skip("special files are a POSIX matter")
    data = tmp_path / "data"
    _make_case(case, data)
    before = _snapshot(data)
    extra = [str(a) for a in case.get("args", [])]
    runs = [(["check"], case["check"], case["expect"])]
    if "rotate" in case:
        expect = case.get("rotate_expect", case["expect"])
        runs.append((["rotate", "2022"], case["rotate"], expect))
        if case["rotate"] != 0:
            runs.append((["rotate", "2022", "--record"], case["rotate"], expect))
    for command, exit_code, fragment in runs:
        code, output = _run([*command, "--data", str(data), *extra])
        shown = f"{' '.join(command)} →\n{output}"
        assert code == exit_code, shown
        assert _flat(fragment) in _flat(output), shown
        if "absent" in case:
            assert _flat(case["absent"]) not in _flat(output), shown
        assert "Traceback" not in output, shown
        assert "internal error" not in output, shown
        assert _snapshot(data) == before, f"{' '.join(command)} changed a file"
