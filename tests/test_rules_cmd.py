"""`khoi rules YEAR`: the rules in force, value by value, with sources and overrides marked."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from award_builders import set_rules_file, write_toml
from builders import Invoke


def rules_json(khoi: Invoke, data: Path, year: str) -> dict[str, Any]:
    result = khoi("rules", year, "--json", "--data", str(data))
    assert result.exit_code == 0, result.stderr
    loaded: dict[str, Any] = json.loads(result.stdout)
    return loaded


def award(data: dict[str, Any], award_id: str) -> dict[str, Any]:
    return next(a for a in data["awards"] if a["id"] == award_id)


class TestRulesJson:
    """The JSON names the pack, why, every award in precedence, caps and sources."""

    def test_sample_2021(self, khoi: Invoke, sample_data: Path) -> None:
        """2021 is under the 2003 Law's pack, chosen by the conference date of 7/1/2022."""
        data = rules_json(khoi, sample_data, "2021")
        assert (data["rules"]["pack"], data["rules"]["chosen_by"]) == ("luat-2003-nd91", "date")
        assert [a["id"] for a in data["awards"]] == [
            "co-chinh-phu",
            "bang-khen-thu-tuong",
            "co-tinh",
            "bang-khen-tinh",
            "tt-ldxs",
            "tt-ldtt",
        ]
        staff = next(c for c in award(data, "tt-ldtt")["conditions"] if c["kind"] == "staff")
        assert staff["params"]["advanced_share_more_than"] == 0.5
        assert "Điều 28" in staff["basis"] and staff["unverified"] is False
        assert data["caps"][0]["of"] == "standard"
        assert {s["read"] for s in data["pack"]["sources"]} == {True, False}

    def test_year_without_results_uses_the_year(self, khoi: Invoke, sample_data: Path) -> None:
        """2026 has no results file: the results year picks Decree 152/2025's pack."""
        data = rules_json(khoi, sample_data, "2026")
        assert data["rules"]["pack"] == "luat-2022-nd152"
        assert data["rules"]["chosen_by"] == "year"
        staff = next(c for c in award(data, "tt-ldtt")["conditions"] if c["kind"] == "staff")
        assert staff["params"]["advanced_share_at_least"] == 0.7

    def test_overrides_are_marked(
        self, khoi: Invoke, sample_data: Path, sample_bloc_dir: Path
    ) -> None:
        """A value from quy-che.toml and one from the bloc's file each name their file."""
        write_toml(
            sample_data / "quy-che.toml",
            {
                "schema": 1,
                "awards": {"co-tinh": {"quota": {"kind": "fixed", "count": 2}}},
                "extra_awards": [
                    {
                        "id": "bang-khen-btv",
                        "after": "co-tinh",
                        "name": "Bằng khen của Ban Thường vụ Tỉnh ủy",
                        "basis": "Quy chế, Điều 5",
                    }
                ],
            },
        )
        set_rules_file(sample_bloc_dir)
        write_toml(
            sample_bloc_dir / "rules.toml",
            {
                "schema": 1,
                "awards": {"bang-khen-tinh": {"conditions": {"min_score": {"score": 95}}}},
            },
        )
        data = rules_json(khoi, sample_data, "2021")
        assert award(data, "co-tinh")["quota"]["set_in"].endswith("quy-che.toml")
        assert award(data, "co-chinh-phu")["quota"]["set_in"] is None
        added = award(data, "bang-khen-btv")
        assert added["added_in"].endswith("quy-che.toml")
        assert [a["id"] for a in data["awards"]].index("bang-khen-btv") == 3
        score = next(
            c for c in award(data, "bang-khen-tinh")["conditions"] if c["kind"] == "min_score"
        )
        assert score["set_in"].endswith("rules.toml")
        assert len(data["rules"]["files"]) == 2
        table = khoi("rules", "2021", "--data", str(sample_data))
        flat = " ".join(table.stdout.split())
        assert "added by" in flat and "set in" in flat


class TestRulesFormats:
    """The table and markdown show each value's source and status."""

    def test_markdown(self, khoi: Invoke, sample_data: Path) -> None:
        """Markdown has a section per award with Rule | Source | Status, and unread texts."""
        result = khoi("rules", "2025", "--format", "markdown", "--data", str(sample_data))
        assert result.exit_code == 0, result.stderr
        out = result.stdout
        assert out.startswith("# ")
        assert "## Cờ thi đua của Chính phủ" in out
        assert "| Rule | Source | Status |" in out
        assert "Nghị định 152/2025/NĐ-CP" in out and "NOT READ" in out
        assert "unverified" in out and "confirmed" in out

    def test_csv_is_refused(self, khoi: Invoke, sample_data: Path) -> None:
        """Rules have no flat CSV form: a usage error, not a traceback."""
        result = khoi("rules", "2021", "--format", "csv", "--data", str(sample_data))
        assert result.exit_code == 64
