"""Tests for ties that hold a higher award open, end to end on the shipped sample."""

from __future__ import annotations

import json
from pathlib import Path

from award_builders import edit
from builders import Invoke

BTC = "Ban Tổ chức Tỉnh ủy"
DUKCQ = "Đảng ủy Khối các cơ quan - doanh nghiệp tỉnh"


def tie_for_the_government_flag(bloc_dir: Path) -> None:
    """Ban Tổ chức and Đảng ủy Khối equal on score and votes, both voted for both flags."""
    # The typed scores decide here: the year's plan would compute the shipped ones again.
    for name in ("plan-2021.toml", "scores-2021.toml"):
        (bloc_dir / name).unlink(missing_ok=True)
    path = bloc_dir / "results-2021.toml"
    edit(path, "votes = { co-chinh-phu = 8 }", "votes = { co-chinh-phu = 5, co-tinh = 5 }")
    edit(path, "score = 97.0\nself_score = 98.0", "score = 98.5\nself_score = 99.0")
    edit(path, "votes = { co-tinh = 7 }", "votes = { co-chinh-phu = 5, co-tinh = 5 }")


class TestHeldSeat:
    def test_the_tie_keeps_a_provincial_flag(self, khoi: Invoke, sample_bloc_dir: Path) -> None:
        """Tied for the one Government flag, both are held; one provincial flag is kept for
        whichever the conference does not choose, and the warnings agree with each other."""
        tie_for_the_government_flag(sample_bloc_dir)
        out = khoi("propose", "2021", "--data", str(sample_bloc_dir), "--json")
        assert out.exit_code == 0, out.stderr
        data = json.loads(out.stdout)
        assert [p["member"]["id"] for p in data["proposed"]] == ["bnc"]
        assert data["held"] == [
            {
                "award": "co-tinh",
                "for_awards": ["co-chinh-phu"],
                "members": ["btc", "dukcq"],
                "seats": 1,
            }
        ]
        assert data["leader"]["tied"] is True
        texts = [w["text"] for w in data["warnings"]]
        assert (
            f"1 seat of Cờ thi đua của UBND tỉnh kept for whichever of {BTC} or {DUKCQ} "
            "the conference does not choose for Cờ thi đua của Chính phủ."
        ) in texts
        assert not [text for text in texts if "no quota depends on it" in text]
        btc = next(s for s in data["standings"] if s["member"]["id"] == "btc")
        flag = next(d for d in btc["decisions"] if d["award"] == "co-tinh")
        assert flag["status"] == "seat_held"
        assert flag["reason"] == (
            "Cờ thi đua của UBND tỉnh: a seat is kept for it while its tie for "
            "Cờ thi đua của Chính phủ is unsettled"
        )

    def test_vietnamese_warning(self, khoi: Invoke, sample_bloc_dir: Path) -> None:
        """The held-seat warning reads in Vietnamese too."""
        tie_for_the_government_flag(sample_bloc_dir)
        out = khoi("propose", "2021", "--data", str(sample_bloc_dir), env={"KHOI_LANG": "vi"})
        assert out.exit_code == 0, out.stderr
        assert "Giữ 1 chỉ tiêu Cờ thi đua của UBND tỉnh cho đơn vị trong số" in " ".join(
            out.stdout.split()
        )
