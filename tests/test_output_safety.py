"""One rule for every --output: exports never replace data, devices or files without --force,
and an unexpected failure in one bloc of a batch never stops the others."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

import pytest

from builders import REPO_DATA, SAMPLE_BLOC_ID, Invoke


def _digests(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


@pytest.fixture
def data(tmp_path: Path) -> Path:
    root = tmp_path / "data"
    shutil.copytree(REPO_DATA / SAMPLE_BLOC_ID, root / SAMPLE_BLOC_ID)
    return root


BLOC_DIR = SAMPLE_BLOC_ID


class TestDataFilesAreNeverReplaced:
    """An export aimed at a bloc's own data file is refused, with or without --force."""

    @pytest.mark.parametrize("name", ["bloc.toml", "results-2021.toml", "results-2020.toml"])
    @pytest.mark.parametrize("force", [False, True])
    @pytest.mark.parametrize(
        "command",
        [
            ("propose", "2021", "--format", "json"),
            ("propose", "2021", "--format", "csv"),
            ("propose", "2021"),
            ("summary", "2021", "--format", "json"),
        ],
    )
    def test_propose_and_summary_refuse_data_files(
        self, data: Path, khoi: Invoke, name: str, force: bool, command: tuple[str, ...]
    ) -> None:
        """`-o bloc.toml` or `-o results-YEAR.toml` exits 64, names the file, changes nothing."""
        before = _digests(data)
        target = data / BLOC_DIR / name
        extra = ["--force"] if force else []
        result = khoi(*command, "--data", str(data), "-o", str(target), *extra)
        assert result.exit_code == 64, result.stderr
        assert name in result.stderr and "data file" in result.stderr
        assert "Traceback" not in result.stderr
        assert _digests(data) == before

    def test_a_new_toml_file_in_a_bloc_folder_is_refused(self, data: Path, khoi: Invoke) -> None:
        """Any .toml in a bloc folder is data (rules, plans): an export never creates one."""
        target = data / BLOC_DIR / "rules.toml"
        result = khoi("propose", "2021", "--json", "--data", str(data), "-o", str(target))
        assert result.exit_code == 64
        assert not target.exists()

    def test_a_toml_file_in_the_data_root_is_refused(self, data: Path, khoi: Invoke) -> None:
        """The data root's TOML files (the province's rules) are data too."""
        target = data / "quy-che.toml"
        result = khoi("summary", "2021", "--json", "--data", str(data), "-o", str(target))
        assert result.exit_code == 64
        assert not target.exists()

    def test_a_symlink_to_a_data_file_is_refused(
        self, data: Path, tmp_path: Path, khoi: Invoke
    ) -> None:
        """A link is followed: the file it points to is judged, and a data file stays intact."""
        before = _digests(data)
        link = tmp_path / "out.json"
        link.symlink_to(data / BLOC_DIR / "bloc.toml")
        result = khoi("propose", "2021", "--json", "--data", str(data), "-o", str(link), "--force")
        assert result.exit_code == 64
        assert "bloc.toml" in result.stderr
        assert link.is_symlink()
        assert _digests(data) == before

    def test_draft_and_template_refuse_data_files(self, data: Path, khoi: Invoke) -> None:
        """The office commands follow the same rule (a .docx or .xlsx named like data is rare,
        but their targets go through the same check)."""
        before = _digests(data)
        target = data / BLOC_DIR / "bloc.toml"
        for args in (("template", "2021"), ("draft", "2021", "--minutes")):
            result = khoi(*args, "--data", str(data), "-o", str(target), "--force")
            assert result.exit_code == 64, result.stderr
        assert _digests(data) == before


class TestExistingFilesNeedForce:
    """An existing export is replaced only with --force."""

    @pytest.mark.parametrize(
        "command",
        [
            ("propose", "2021", "--format", "json"),
            ("propose", "2021", "--format", "markdown"),
            ("propose", "2021", "--format", "xlsx"),
            ("propose", "2021", "--all", "--format", "json"),
            ("summary", "2021", "--format", "csv"),
        ],
    )
    def test_without_force_refused_with_force_written(
        self, data: Path, tmp_path: Path, khoi: Invoke, command: tuple[str, ...]
    ) -> None:
        """Exit 1 and the old bytes kept; with --force the file is the new export."""
        suffix = ".xlsx" if "xlsx" in command else ".out"
        target = tmp_path / f"export{suffix}"
        target.write_bytes(b"kept by the user")
        refused = khoi(*command, "--data", str(data), "-o", str(target))
        assert refused.exit_code == 1, refused.stderr
        assert "already exists" in refused.stderr and "--force" in refused.stderr
        assert target.read_bytes() == b"kept by the user"
        written = khoi(*command, "--data", str(data), "-o", str(target), "--force")
        assert written.exit_code == 0, written.stderr
        assert target.read_bytes() != b"kept by the user"

    def test_refusal_comes_before_the_work(self, data: Path, tmp_path: Path, khoi: Invoke) -> None:
        """A refused target is found before anything is computed: bad data is not even read."""
        (data / BLOC_DIR / "results-2021.toml").write_text("broken =", encoding="utf-8")
        target = tmp_path / "out.json"
        target.write_text("{}", encoding="utf-8")
        result = khoi("propose", "2021", "--json", "--data", str(data), "-o", str(target))
        assert result.exit_code == 1
        assert "already exists" in result.stderr

    def test_no_lock_file_is_left_in_the_output_folder(
        self, data: Path, tmp_path: Path, khoi: Invoke
    ) -> None:
        """Exports take no lock: the output folder holds the export and nothing else."""
        out = tmp_path / "out"
        out.mkdir()
        result = khoi("propose", "2021", "--json", "--data", str(data), "-o", str(out / "p.json"))
        assert result.exit_code == 0, result.stderr
        assert sorted(p.name for p in out.iterdir()) == ["p.json"]


class TestTargetsThatAreNotFiles:
    """Devices, pipes and folders are never replaced by a regular file."""

    def test_a_character_device_is_refused(self, data: Path, khoi: Invoke) -> None:
        """`-o /dev/null` is refused even with --force, and the device node stays."""
        result = khoi("propose", "2021", "--json", "--data", str(data), "-o", "/dev/null")
        assert result.exit_code == 64
        assert "not a regular file" in result.stderr
        forced = khoi(
            "propose", "2021", "--json", "--data", str(data), "-o", "/dev/null", "--force"
        )
        assert forced.exit_code == 64
        assert Path("/dev/null").is_char_device()

    def test_a_fifo_is_refused_without_opening_it(
        self, data: Path, tmp_path: Path, khoi: Invoke
    ) -> None:
        """A FIFO as the target is refused at once (opening it would block)."""
        fifo = tmp_path / "pipe.json"
        os.mkfifo(fifo)
        result = khoi("summary", "2021", "--json", "--data", str(data), "-o", str(fifo), "--force")
        assert result.exit_code == 64
        assert "not a regular file" in result.stderr
        assert fifo.is_fifo()

    def test_a_folder_is_refused_with_the_right_hint(
        self, data: Path, tmp_path: Path, khoi: Invoke
    ) -> None:
        """`-o DIR` says it is a folder, not that the disk may be full."""
        result = khoi("propose", "2021", "--json", "--data", str(data), "-o", str(tmp_path))
        assert result.exit_code == 64
        assert "is a folder" in result.stderr
        assert "disk" not in result.stderr

    def test_an_empty_name_is_refused(self, data: Path, khoi: Invoke) -> None:
        """`-o ""` names no file (not "Device or resource busy")."""
        result = khoi("propose", "2021", "--json", "--data", str(data), "-o", "")
        assert result.exit_code == 64
        assert "names no file" in result.stderr

    def test_the_missing_folder_is_named(self, data: Path, tmp_path: Path, khoi: Invoke) -> None:
        """`-o sub/../x.csv` with no `sub` names `sub`, not `.`."""
        target = tmp_path / "sub" / ".." / "x.csv"
        result = khoi("propose", "2021", "--format", "csv", "--data", str(data), "-o", str(target))
        assert result.exit_code == 73
        assert f"{tmp_path / 'sub'} does not exist" in result.stderr
        assert not (tmp_path / "x.csv").exists()


class TestStdout:
    """`-o -` is standard output where the format allows it."""

    def test_dash_prints_json(self, data: Path, khoi: Invoke) -> None:
        result = khoi("propose", "2021", "--json", "--data", str(data), "-o", "-")
        assert result.exit_code == 0, result.stderr
        assert json.loads(result.stdout)["year"] == 2021
        assert not Path("-").exists()

    def test_dash_prints_csv_even_when_quiet(self, data: Path, khoi: Invoke) -> None:
        """--quiet silences messages, not the output the user asked for with `-o -`."""
        result = khoi("propose", "2021", "-f", "csv", "--data", str(data), "-o", "-", "-q")
        assert result.exit_code == 0
        assert result.stdout.lstrip("\ufeff").startswith("rank")

    def test_dash_writes_a_workbook_to_a_pipe(self, data: Path, khoi: Invoke) -> None:
        """A binary format goes to stdout only when it is not a terminal (the runner's is not)."""
        result = khoi("propose", "2021", "-f", "xlsx", "--data", str(data), "-o", "-")
        assert result.exit_code == 0, result.stderr
        assert result.stdout_bytes.startswith(b"PK")


class TestOneBlocNeverStopsABatch:
    """Any exception inside one bloc of --all or summary is that bloc's internal error."""

    @pytest.fixture
    def province(self, tmp_path: Path) -> Path:
        root = tmp_path / "province"
        for index in range(1, 4):
            shutil.copytree(REPO_DATA / SAMPLE_BLOC_ID, root / f"khoi-{index}")
        return root

    @staticmethod
    def _bug_in(monkeypatch: pytest.MonkeyPatch, bloc_id: str, error: BaseException) -> None:
        """Make loading one bloc raise ``error``, as a bug or an exhausted resource would."""
        from khoi_thidua import store

        real = store.load_bloc

        def load_bloc(bloc_dir: Path):  # type: ignore[no-untyped-def]
            if bloc_dir.name == bloc_id:
                raise error
            return real(bloc_dir)

        monkeypatch.setattr(store, "load_bloc", load_bloc)

    @pytest.mark.parametrize(
        "error",
        [ZeroDivisionError("boom"), MemoryError(), RecursionError("deep"), KeyError("x")],
        ids=["bug", "memory", "recursion", "keyerror"],
    )
    def test_propose_all_goes_on(
        self, province: Path, khoi: Invoke, monkeypatch: pytest.MonkeyPatch, error: Exception
    ) -> None:
        """The failing bloc exits 70 in its entry; the others get their proposals."""
        self._bug_in(monkeypatch, "khoi-2", error)
        result = khoi("propose", "2021", "--all", "--json", "--data", str(province))
        assert result.exit_code == 70
        entries = {e["bloc"]["id"]: e for e in json.loads(result.stdout)["blocs"]}
        assert entries["khoi-2"]["ok"] is False
        assert entries["khoi-2"]["error"]["exit_code"] == 70
        assert entries["khoi-1"]["ok"] and entries["khoi-3"]["ok"]
        assert "[khoi-2]" in result.stderr and "internal error" in result.stderr
        assert "Traceback" not in result.stderr

    def test_summary_goes_on(
        self, province: Path, khoi: Invoke, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """summary lists the failed bloc and totals the others."""
        self._bug_in(monkeypatch, "khoi-1", ValueError("odd"))
        result = khoi("summary", "2021", "--json", "--data", str(province))
        assert result.exit_code == 70
        data = json.loads(result.stdout)
        failed = [b for b in data["blocs"] if not b["ok"]]
        assert [b["bloc"]["id"] for b in failed] == ["khoi-1"]
        assert len([b for b in data["blocs"] if b["ok"]]) == 2

    def test_debug_prints_the_traceback_and_goes_on(
        self, province: Path, khoi: Invoke, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """KHOI_DEBUG=1 shows where the bug is, and the other blocs are still processed."""
        self._bug_in(monkeypatch, "khoi-3", ZeroDivisionError("boom"))
        result = khoi(
            "propose", "2021", "--all", "--json", "--data", str(province), env={"KHOI_DEBUG": "1"}
        )
        assert result.exit_code == 70
        assert "Traceback" in result.stderr and "ZeroDivisionError" in result.stderr
        entries = json.loads(result.stdout)["blocs"]
        assert [e["ok"] for e in entries] == [True, True, False]

    def test_a_huge_integer_in_one_bloc_stops_only_that_bloc(
        self, province: Path, khoi: Invoke
    ) -> None:
        """A 5,000-digit integer in one bloc.toml (it once made every bloc exit 70) is that
        bloc's problem alone."""
        path = province / "khoi-2" / "bloc.toml"
        text = path.read_text(encoding="utf-8")
        path.write_text(text + "\nextra = " + "9" * 5000 + "\n", encoding="utf-8")
        result = khoi("propose", "2021", "--all", "--json", "--data", str(province))
        assert result.exit_code in (65, 70)
        entries = {e["bloc"]["id"]: e for e in json.loads(result.stdout)["blocs"]}
        assert not entries["khoi-2"]["ok"]
        assert entries["khoi-1"]["ok"] and entries["khoi-3"]["ok"]
        assert "Traceback" not in result.stderr
