"""Batch JSON written bloc by bloc: the same document, flat memory, always closed."""

from __future__ import annotations

import io
import json
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

from builders import REPO_DATA, SAMPLE_BLOC_ID, Invoke
from khoi_thidua import workflows
from khoi_thidua.cli.output import write_json_document


@pytest.fixture
def province(tmp_path: Path) -> Path:
    """Four copies of the sample bloc under one data folder."""
    root = tmp_path / "province"
    for index in range(1, 5):
        shutil.copytree(REPO_DATA / SAMPLE_BLOC_ID, root / f"khoi-{index}")
    return root


def _written(head: dict[str, Any], items: Any, monkeypatch: pytest.MonkeyPatch) -> str:
    out = io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    write_json_document(head, "blocs", items, None)
    return out.getvalue()


class TestWriteJsonDocument:
    """The streamed text is the whole document, one item a line."""

    @pytest.mark.parametrize("count", [0, 1, 3])
    def test_same_document_one_item_a_line(
        self, count: int, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Zero, one or several items parse back to the document; each item is one line."""
        head = {"schema": 1, "year": 2021}
        items = [
            {"bloc": {"id": f"k{i}", "name": "Khối ơ"}, "ok": True, "n": [i, {}]}
            for i in range(count)
        ]
        text = _written(head, iter(items), monkeypatch)
        assert json.loads(text) == {**head, "blocs": items}
        assert text.endswith("}\n")
        lines = text.splitlines()
        assert lines[:3] == ["{", '  "schema": 1,', '  "year": 2021,']
        for item in items:
            assert "    " + json.dumps(item, ensure_ascii=False) in lines or (
                "    " + json.dumps(item, ensure_ascii=False) + "," in lines
            )

    def test_a_failure_midway_still_closes_the_document(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """An exception between items ends the document with its closing brackets, then rises."""

        def items() -> Any:
            yield {"bloc": {"id": "k1"}, "ok": True}
            raise KeyboardInterrupt

        out = io.StringIO()
        monkeypatch.setattr(sys, "stdout", out)
        with pytest.raises(KeyboardInterrupt):
            write_json_document({"schema": 1}, "blocs", items(), None)
        assert json.loads(out.getvalue()) == {
            "schema": 1,
            "blocs": [{"bloc": {"id": "k1"}, "ok": True}],
        }

    def test_a_failure_writes_no_file(self, tmp_path: Path) -> None:
        """With ``--output FILE``, a run stopped midway leaves no file at all."""

        def items() -> Any:
            yield {"ok": True}
            raise KeyboardInterrupt

        target = tmp_path / "out.json"
        with pytest.raises(KeyboardInterrupt):
            write_json_document({"schema": 1}, "blocs", items(), target)
        assert not target.exists()


def test_each_bloc_is_written_before_the_next_is_computed(
    province: Path, khoi: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`propose --all --json` prints a bloc's entry before it works on the next bloc."""
    seen: list[str] = []
    real = workflows.proposal_for

    def spy(bloc_dir: Path, bloc: Any, year: int, *args: Any) -> Any:
        sys.stdout.flush()  # the runner's stdout is a text wrapper over a bytes buffer
        seen.append(sys.stdout.buffer.getvalue().decode("utf-8"))  # type: ignore[attr-defined]
        return real(bloc_dir, bloc, year, *args)

    monkeypatch.setattr(workflows, "proposal_for", spy)
    result = khoi("propose", "2021", "--all", "--json", "--data", str(province))
    assert result.exit_code == 0, result.stderr
    assert len(seen) == 4
    for index, before in enumerate(seen):
        assert before.count('"ok": true') == index, f"bloc {index + 1} saw {before!r}"


def test_a_bloc_failing_midway_has_its_own_entry(
    province: Path, khoi: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bug inside one bloc's work is that bloc's entry; the blocs after it still come."""
    real = workflows.proposal_for

    def flaky(bloc_dir: Path, bloc: Any, year: int, *args: Any) -> Any:
        if bloc_dir.name == "khoi-2":
            raise RuntimeError("boom")
        return real(bloc_dir, bloc, year, *args)

    monkeypatch.setattr(workflows, "proposal_for", flaky)
    result = khoi("propose", "2021", "--all", "--json", "--data", str(province))
    assert result.exit_code == 70
    data = json.loads(result.stdout)
    assert [b["ok"] for b in data["blocs"]] == [True, False, True, True]
    assert data["blocs"][1]["error"]["exit_code"] == 70
    assert "[khoi-2]" in result.stderr


def test_summary_keeps_only_the_facts_it_prints(
    province: Path, khoi: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`summary` keeps, per bloc, only the leading and proposed standings and those a cap
    counts (units meeting the provincial-flag standard), and keeps no results."""
    from khoi_thidua.app import province as app_province

    kept: list[Any] = []
    real = app_province.summary_facts

    def record(bloc: Any, proposal: Any) -> Any:
        facts = real(bloc, proposal)
        kept.append((proposal, facts[1]))
        return facts

    monkeypatch.setattr(app_province, "summary_facts", record)
    result = khoi("summary", "2021", "--json", "--data", str(province))
    assert result.exit_code == 0, result.stderr
    assert len(kept) == 4
    from khoi_thidua.awards.province import meeting_standard

    for full, slim in kept:
        assert len(slim.standings) < len(full.standings)
        assert all(s.result is None and s.titles == () for s in slim.standings)
        counted = set(meeting_standard(full, "co-tinh"))
        assert set(meeting_standard(slim, "co-tinh")) == counted
        assert all(s.decisions == () for s in slim.standings if s.member not in counted)
        assert slim.proposed == tuple(
            s for s in slim.standings if s.member in {p.member for p in full.proposed}
        )
