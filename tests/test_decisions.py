"""The conference's decisions: recorded by `khoi decide`, applied by `propose`, within the rules."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import docx  # type: ignore[import-untyped]

from builders import SAMPLE_BLOC_ID, Invoke
from khoi_thidua.errors import ExitCode

REASON = "Hội nghị biểu quyết giơ tay: 6/8 đơn vị chọn Ban Nội chính Tỉnh ủy"


def _results(data: Path) -> Path:
    return data / SAMPLE_BLOC_ID / "results-2022.toml"


def _undecided(data: Path) -> None:
    """The 2022 sample as it was before the conference decided: the tie is open."""
    path = _results(data)
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("\n[[decisions]]") + 1], encoding="utf-8")


def _propose(khoi: Invoke, data: Path, *extra: str) -> Any:
    result = khoi("propose", "2022", "--json", "--data", str(data), *extra)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def _awards(payload: Any) -> dict[str, str]:
    return {p["member"]["id"]: p["award"]["id"] for p in payload["proposed"]}


def _decide(khoi: Invoke, data: Path, *args: str) -> Any:
    return khoi("decide", "2022", *args, "--data", str(data))


class TestSampleYear:
    """The shipped 2022 sample: a tie settled by a recorded decision."""

    def test_confirmed_list_applies_the_recorded_order(
        self, khoi: Invoke, sample_data: Path
    ) -> None:
        """bnc takes the flag's last seat, tct falls to the certificate; both say why."""
        payload = _propose(khoi, sample_data, "--confirmed")
        assert payload["status"] == "confirmed"
        assert payload["ties"] == []
        assert payload["settled"] == [{"award": "co-tinh", "rank": 3, "members": ["bnc", "tct"]}]
        assert _awards(payload) == {
            "btc": "co-chinh-phu",
            "dukcq": "co-tinh",
            "bnc": "co-tinh",
            "tct": "bang-khen-tinh",
        }
        reasons = {s["member"]["id"]: s["reason"] for s in payload["standings"]}
        assert "decided by the conference: " + REASON in reasons["bnc"]
        assert "decided by the conference" in reasons["tct"]
        assert "decided by the conference" not in reasons["dukcq"]

    def test_the_draft_says_draft(self, khoi: Invoke, sample_data: Path) -> None:
        """Without --confirmed the status is draft (the decisions are still applied)."""
        payload = _propose(khoi, sample_data)
        assert payload["status"] == "draft"
        assert payload["ties"] == []

    def test_minutes_and_letter_reflect_the_decision(
        self, khoi: Invoke, sample_data: Path, tmp_path: Path
    ) -> None:
        """The minutes state the order and its reason; the letter lists all four units."""
        minutes = tmp_path / "bb.docx"
        letter = tmp_path / "tt.docx"
        for kind, path in (("--minutes", minutes), ("--letter", letter)):
            result = khoi("draft", "2022", kind, "-o", str(path), "--data", str(sample_data))
            assert result.exit_code == 0, result.stderr
        text = "\n".join(p.text for p in docx.Document(str(minutes)).paragraphs)
        assert (
            "Hội nghị quyết định đối với Cờ thi đua của UBND tỉnh, các đơn vị bằng nhau được "
            "xếp theo thứ tự: 1. Ban Nội chính Tỉnh ủy, 2. Trường Chính trị Nguyễn Văn Linh. "
            f"Lý do: {REASON} (Biên bản hội nghị ngày 10/01/2023, mục III)." in text
        )
        assert "đề nghị hội nghị quyết định" not in text
        rows = docx.Document(str(letter)).tables[1].rows[1:]
        assert [r.cells[1].text for r in rows] == [
            "Ban Tổ chức Tỉnh ủy",
            "Đảng ủy Khối các cơ quan - doanh nghiệp tỉnh",
            "Ban Nội chính Tỉnh ủy",
            "Trường Chính trị Nguyễn Văn Linh",
        ]


class TestOpenTie:
    """Before the decision the tie is open: the list cannot be confirmed nor the letter sent."""

    def test_confirmed_and_letter_refuse_with_the_reason(
        self, khoi: Invoke, sample_data: Path, tmp_path: Path
    ) -> None:
        """Exit 1 naming the tie and the command that settles it; no letter is written."""
        _undecided(sample_data)
        assert _propose(khoi, sample_data)["ties"][0]["members"] == ["bnc", "tct"]
        result = khoi("propose", "2022", "--confirmed", "--data", str(sample_data))
        assert result.exit_code == ExitCode.REFUSED
        assert "is still open" in result.stderr
        assert "khoi decide 2022 --award co-tinh --order bnc,tct" in result.stderr
        letter = tmp_path / "tt.docx"
        result = khoi("draft", "2022", "--letter", "-o", str(letter), "--data", str(sample_data))
        assert result.exit_code == ExitCode.REFUSED
        assert not letter.exists()


class TestDecide:
    """`khoi decide` records a decision once, under the lock, and refuses what cannot stand."""

    def test_records_once_and_then_changes_nothing(self, khoi: Invoke, sample_data: Path) -> None:
        """The first run appends [[decisions]]; the second leaves the file byte for byte."""
        _undecided(sample_data)
        args = ("--award", "co-tinh", "--order", "noi chinh,tct", "--reason", REASON)
        first = _decide(khoi, sample_data, *args)
        assert first.exit_code == 0, first.stderr
        assert "Recorded in" in first.stderr
        written = _results(sample_data).read_bytes()
        assert b'members = ["bnc", "tct"]' in written
        second = _decide(khoi, sample_data, *args)
        assert second.exit_code == 0
        assert "nothing changed" in second.stderr
        assert _results(sample_data).read_bytes() == written
        assert _propose(khoi, sample_data, "--confirmed")["ties"] == []

    def test_another_order_for_the_same_tie_is_refused(
        self, khoi: Invoke, sample_data: Path
    ) -> None:
        """The sample already settles bnc/tct: a different order is refused, file unchanged."""
        before = _results(sample_data).read_bytes()
        result = _decide(
            khoi, sample_data, "--award", "co-tinh", "--order", "tct,bnc", "--reason", "khác"
        )
        assert result.exit_code == ExitCode.REFUSED
        assert "already records a decision on co-tinh" in result.stderr
        assert _results(sample_data).read_bytes() == before

    def test_an_order_for_units_not_tied_is_refused(self, khoi: Invoke, sample_data: Path) -> None:
        """An order naming units that are not the open tie: a data error, nothing written."""
        _undecided(sample_data)
        before = _results(sample_data).read_bytes()
        result = _decide(
            khoi, sample_data, "--award", "co-tinh", "--order", "btg,ubkt", "--reason", "x"
        )
        assert result.exit_code == ExitCode.DATA
        assert "no open tie is between exactly" in " ".join(result.stderr.split())
        assert _results(sample_data).read_bytes() == before

    def test_putting_forward_a_unit_that_fails_a_rule_is_refused(
        self, khoi: Invoke, sample_data: Path
    ) -> None:
        """VPTU is rated good: the conference cannot put it forward for the flag."""
        before = _results(sample_data).read_bytes()
        result = _decide(
            khoi, sample_data, "--award", "co-tinh", "--put-forward", "vptu", "--reason", "x"
        )
        assert result.exit_code == ExitCode.DATA
        assert "the conference puts `vptu` forward for Cờ thi đua của UBND tỉnh" in result.stderr
        assert "cannot waive a rule" in result.stderr
        assert _results(sample_data).read_bytes() == before

    def test_holding_back_a_unit_frees_it_and_says_so(
        self, khoi: Invoke, sample_data: Path
    ) -> None:
        """Held back from its flag, dukcq is not proposed, and its reason names the conference."""
        result = _decide(
            khoi, sample_data, "--award", "co-tinh", "--hold-back", "dukcq",
            "--reason", "Đơn vị xin rút", "--minutes", "Mục IV",
        )  # fmt: skip
        assert result.exit_code == 0, result.stderr
        payload = _propose(khoi, sample_data, "--confirmed")
        assert "dukcq" not in _awards(payload)
        reason = next(s for s in payload["standings"] if s["member"]["id"] == "dukcq")["reason"]
        assert "held back by the conference — Đơn vị xin rút (Mục IV)" in reason

    def test_exactly_one_kind_of_decision(self, khoi: Invoke, sample_data: Path) -> None:
        """Neither or two of --order/--put-forward/--hold-back: a usage error."""
        result = _decide(khoi, sample_data, "--award", "co-tinh", "--reason", "x")
        assert result.exit_code == ExitCode.USAGE
        assert "one of --order, --put-forward or --hold-back" in result.stderr


class TestHoldBackFromATie:
    """Holding one unit of a two-way tie back ends the tie."""

    def test_the_other_unit_takes_the_seat(self, khoi: Invoke, sample_data: Path) -> None:
        """tct held back from the flag: bnc takes the seat, the tie is settled, tct says why."""
        _undecided(sample_data)
        result = _decide(
            khoi, sample_data, "--award", "co-tinh", "--hold-back", "tct", "--reason", "Xin rút"
        )
        assert result.exit_code == 0, result.stderr
        payload = _propose(khoi, sample_data, "--confirmed")
        assert payload["ties"] == []
        assert _awards(payload)["bnc"] == "co-tinh"
        assert "tct" not in _awards(payload)
        tct = next(s for s in payload["standings"] if s["member"]["id"] == "tct")
        flag = next(d for d in tct["decisions"] if d["award"] == "co-tinh")
        assert flag["status"] == "held_back"
        assert flag["conference"] == "Xin rút"
