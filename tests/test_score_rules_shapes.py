"""The typed results of rules, scores and the two imports: their schemas, their real output."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from builders import Invoke
from khoi_thidua.render import import_shapes, rules_shapes, score_shapes
from test_json_schemas import SCHEMAS, errors
from test_json_shapes import mismatches

# schema → the TypedDict its document is
TYPED: dict[str, type] = {
    "rules": rules_shapes.RulesResult,
    "scores": score_shapes.ScoresResult,
    "scores-explain": score_shapes.ScoreExplainResult,
    "import-scores": score_shapes.ImportScoresResult,
    "import-results": import_shapes.ImportResultsResult,
}


def schema(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(
        (SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8")
    )
    return loaded


def run(khoi: Invoke, data: Path, *args: str, code: int = 0) -> Any:
    result = khoi(*args, "--json", "--data", str(data))
    assert result.exit_code == code, result.stderr
    return json.loads(result.stdout)


def returned_workbooks(khoi: Invoke, data: Path, folder: Path) -> None:
    """2022's self, cross and conference workbooks, as written (no score typed yet)."""
    folder.mkdir()
    for extra in ((), ("--cross",)):
        made = khoi("scoring-sheets", "2022", "-o", str(folder), *extra, "--data", str(data))
        assert made.exit_code == 0, made.stderr
    sheet = folder / "hoi-nghi-2022.xlsx"
    made = khoi("template", "2022", "--conference", "-o", str(sheet), "--data", str(data))
    assert made.exit_code == 0, made.stderr


class TestTypedResults:
    """Each TypedDict names exactly its closed schema's keys, nested too."""

    @pytest.mark.parametrize("name", sorted(TYPED))
    def test_keys_match_the_schema(self, name: str) -> None:
        """A key in the type and not the schema, or the other way round, is a mismatch."""
        assert mismatches(TYPED[name], schema(name), "$", frozenset()) == []

    def test_a_key_left_out_of_a_criterion_is_found(self) -> None:
        """A schema key the criterion type lacks is reported where it stands."""
        broken = schema("scores")
        broken["properties"]["units"]["items"]["properties"]["criteria"]["items"]["properties"][
            "weight"
        ] = {"type": "number"}
        assert mismatches(score_shapes.ScoresResult, broken, "$", frozenset()) == [
            "$.units.criteria: type ['weight'] differ from schema"
        ]


class TestRealOutput:
    """What rules, scores and the imports print is what their schemas say."""

    @pytest.mark.parametrize("lang", ["en", "vi"])
    @pytest.mark.parametrize("year", ["2020", "2026"])
    def test_rules_of_other_packs_fit(
        self, khoi: Invoke, sample_data: Path, year: str, lang: str
    ) -> None:
        """2020 and 2026 fall under other rule packs, with other conditions: the schema holds."""
        result = khoi("rules", year, "--json", "--data", str(sample_data), env={"KHOI_LANG": lang})
        assert result.exit_code == 0, result.stderr
        assert errors("rules", json.loads(result.stdout)) == []

    def test_every_explanation_fits(self, khoi: Invoke, sample_data: Path) -> None:
        """Every unit's explanation of 2021 fits, each with its steps' kinds."""
        units = [u["id"] for u in run(khoi, sample_data, "scores", "2021")["units"]]
        kinds = set()
        for unit in units:
            document = run(khoi, sample_data, "scores", "2021", "--explain", unit)
            assert errors("scores-explain", document) == [], unit
            kinds |= {step["kind"] for step in document["steps"]}
        assert {"base", "rounded"} <= kinds

    def test_import_scores_fits(self, khoi: Invoke, sample_data: Path, tmp_path: Path) -> None:
        """Importing 2022's workbooks prints the published shape: the conference's, the blank
        sheets, and who has not returned theirs."""
        folder = tmp_path / "phieu"
        returned_workbooks(khoi, sample_data, folder)
        document = run(khoi, sample_data, "import-scores", "2022", str(folder))
        assert document["conference"]["file"].endswith("hoi-nghi-2022.xlsx")
        assert document["blank"] and document["cross_not_returned"]
        assert errors("import-scores", document) == []

    def test_refused_import_results_fits(
        self, khoi: Invoke, sample_data: Path, sample_bloc_dir: Path, tmp_path: Path
    ) -> None:
        """A sheet that would change a rating is refused: its changes name text values (the
        ratings), which the schema allows beside numbers."""
        sheet = tmp_path / "bang.xlsx"
        made = khoi(
            "template", "2021", "-o", str(sheet), "--with-results", "--data", str(sample_data)
        )
        assert made.exit_code == 0, made.stderr
        results = sample_bloc_dir / "results-2021.toml"
        text = results.read_text(encoding="utf-8")
        assert 'rating = "excellent"' in text
        results.write_text(text.replace('rating = "excellent"', 'rating = "good"', 1), "utf-8")
        document = run(khoi, sample_data, "import-results", "2021", str(sheet), code=1)
        assert document["status"] == "refused"
        assert {"field": "rating", "old": "good", "new": "excellent"}.items() <= next(
            c for c in document["changes"] if c["field"] == "rating"
        ).items()
        assert errors("import-results", document) == []


class TestBrokenOutput:
    """The new schemas refuse a missing key, an unlisted key and a wrong type, deep down."""

    def test_scores_refuse_broken_units(self, khoi: Invoke, sample_data: Path) -> None:
        """A criterion without its flag, an unknown rating cap, a text score: each is refused."""
        document = run(khoi, sample_data, "scores", "2021")
        criterion = document["units"][0]["criteria"][0]
        del criterion["flagged"]
        assert errors("scores", document)
        document = run(khoi, sample_data, "scores", "2021")
        document["units"][0]["rating_cap"] = "superb"
        assert errors("scores", document)
        document = run(khoi, sample_data, "scores", "2021")
        document["units"][0]["criteria"][0]["cross"]["btc"] = "90"
        assert errors("scores", document)

    def test_rules_refuse_an_unlisted_key(self, khoi: Invoke, sample_data: Path) -> None:
        """A key no schema lists, in an award's quota, is refused."""
        document = run(khoi, sample_data, "rules", "2021")
        document["awards"][0]["quota"]["unexpected"] = 1
        assert errors("rules", document)
