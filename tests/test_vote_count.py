"""The year's vote count: stored with the results, the impossible refused, the doubtful flagged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from builders import SAMPLE_BLOC_ID, Invoke
from khoi_thidua import store
from khoi_thidua.errors import DataError, ExitCode
from khoi_thidua.model import VoteCount
from khoi_thidua.workflows import award_ids_for
from schema_check import schema_errors

COUNT = """ballots = 8              # [minh họa] one ballot per member unit
present = 8
issued = 8
returned = 8
spoiled = 0
counting_head = "Trần Văn Cường"
counting_members = ["Phạm Thị Dung", "Hoàng Văn Em"]"""


def _set_count(data: Path, count: str) -> None:
    path = data / SAMPLE_BLOC_ID / "results-2021.toml"
    text = path.read_text(encoding="utf-8")
    old = "ballots = 8              # [minh họa] one ballot per member unit"
    assert old in text
    path.write_text(text.replace(old, count, 1), encoding="utf-8")


def _load(data: Path) -> VoteCount:
    bloc_dir = data / SAMPLE_BLOC_ID
    bloc = store.load_bloc(bloc_dir)
    results = store.load_results(bloc_dir, bloc, 2021, award_ids_for(2021))
    assert results.count is not None
    return results.count


class TestVoteCount:
    """The count is read into a typed object next to the results."""

    def test_a_full_count_is_read_with_its_committee(self, sample_data: Path) -> None:
        """Members come from the bloc; the rest, and the committee, from [conference]."""
        _set_count(sample_data, COUNT)
        count = _load(sample_data)
        assert (count.members, count.present, count.issued, count.returned) == (8, 8, 8, 8)
        assert (count.valid, count.spoiled) == (8, 0)
        assert count.committee_head == "Trần Văn Cường"
        assert count.committee == ("Phạm Thị Dung", "Hoàng Văn Em")
        assert count.quorum_met is True
        assert [count.denominator(k) for k in ("members", "issued", "returned", "valid")] == [
            8,
            8,
            8,
            8,
        ]

    def test_yesterdays_files_read_as_before(self, sample_data: Path) -> None:
        """A file with only `ballots` gives the valid ballots and nothing else."""
        count = _load(sample_data)
        assert (count.valid, count.issued, count.returned, count.present) == (8, None, None, None)
        assert count.quorum_met is None

    @pytest.mark.parametrize(
        ("count", "message"),
        [
            (COUNT.replace("returned = 8", "returned = 9"), "9 ballots returned, but only 8"),
            (COUNT.replace("spoiled = 0", "spoiled = 1"), "8 valid and 1 spoiled ballots"),
            (COUNT.replace("present = 8", "present = 9"), "the bloc has 8 members"),
        ],
    )
    def test_an_impossible_count_is_refused(
        self, khoi: Invoke, sample_data: Path, count: str, message: str
    ) -> None:
        """Returned > issued, valid + spoiled > returned, present > members: a data error."""
        _set_count(sample_data, count)
        with pytest.raises(DataError):
            _load(sample_data)
        result = khoi("propose", "2021", "--data", str(sample_data))
        assert result.exit_code == ExitCode.DATA
        assert message in result.stderr

    def test_a_quorum_not_reached_is_stored_and_flagged(
        self, khoi: Invoke, sample_data: Path
    ) -> None:
        """Three of eight present: the count loads, and `check` warns about the quorum."""
        _set_count(sample_data, COUNT.replace("present = 8", "present = 3"))
        assert _load(sample_data).quorum_met is False
        result = khoi("check", "--data", str(sample_data))
        assert "3 of 8 members present: below the quorum of 50%" in result.stdout + result.stderr


class TestMinutesShowTheCount:
    """The minutes state the ballots as counted."""

    def test_minutes_give_issued_returned_valid_and_spoiled(
        self, khoi: Invoke, sample_data: Path, tmp_path: Path
    ) -> None:
        """Each figure of the count is in the minutes, with the units present."""
        import docx  # type: ignore[import-untyped]

        _set_count(sample_data, COUNT)
        out = tmp_path / "bb.docx"
        result = khoi("draft", "2021", "--minutes", "-o", str(out), "--data", str(sample_data))
        assert result.exit_code == 0, result.stderr
        text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
        assert (
            "Số phiếu phát ra: 8; số phiếu thu về: 8; số phiếu hợp lệ: 8; "
            "số phiếu không hợp lệ: 0." in text
        )
        assert "8/8 đơn vị có mặt" in text


class TestDoubtfulCountsAreFlagged:
    """The proposal keeps a doubtful count and warns about it."""

    def test_votes_for_a_unit_not_on_the_ballot(self, khoi: Invoke, sample_data: Path) -> None:
        """TCT's 1 vote for the Chairman's certificate, which it is not eligible for, is flagged."""
        import json

        result = khoi("propose", "2021", "--json", "--data", str(sample_data))
        warnings = json.loads(result.stdout)["warnings"]
        flagged = [w for w in warnings if w["code"] == "not_candidate"]
        assert [w["detail"] for w in flagged] == [
            {"award": "bang-khen-tinh", "member": "tct", "votes": 1}
        ]
        assert "was not on the ballot" in flagged[0]["text"]

    def test_a_quorum_not_reached_is_a_warning_of_the_proposal(
        self, khoi: Invoke, sample_data: Path
    ) -> None:
        """The proposal is still drafted, with the quorum warning."""
        _set_count(sample_data, COUNT.replace("present = 8", "present = 3"))
        result = khoi("propose", "2021", "--data", str(sample_data))
        assert result.exit_code == 0, result.stderr
        assert "Only 3 of 8 members were present, below the quorum of 50%" in " ".join(
            result.stdout.split()
        )
        published = khoi("propose", "2021", "--json", "--data", str(sample_data))
        document = json.loads(published.stdout)
        quorum = [w["detail"] for w in document["warnings"] if w["code"] == "no_quorum"]
        assert quorum == [{"present": 3, "members": 8, "quorum": 0.5}]
        assert schema_errors("propose", document) == []
