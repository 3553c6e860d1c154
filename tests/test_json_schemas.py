"""The published JSON shapes (docs/schemas): closed, and true of every command's real output."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from builders import Invoke

SCHEMAS = Path(__file__).resolve().parents[1] / "docs" / "schemas"
NAMES = sorted(path.name.removesuffix(".schema.json") for path in SCHEMAS.glob("*.schema.json"))

# schema → the command line whose --json output it describes (on the sample data)
COMMANDS: dict[str, tuple[str, ...]] = {
    "rotate": ("rotate", "2022", "--json"),
    "rotate-plan": ("rotate", "2022", "--plan", "5", "--json"),
    "rotate-all": ("rotate", "2022", "--all", "--json"),
    "members": ("members", "2021", "--json"),
    "history": ("history", "--json"),
    "history-member": ("history", "--member", "btc", "--json"),
    "check": ("check", "--json"),
    "propose": ("propose", "2021", "--json"),
    "propose-explain": ("propose", "2021", "--explain", "ban noi chinh", "--json"),
    "propose-all": ("propose", "2021", "--all", "--json"),
    "summary": ("summary", "2021", "--json"),
    "record-award": (
        "record-award",
        "2020",
        "bnc",
        "bang-khen-tinh",
        "--decision",
        "Quyết định số 600/QĐ-UBND",
        "--date",
        "2021-03-20",
        "--json",
    ),
    "rules": ("rules", "2021", "--json"),
    "scores": ("scores", "2021", "--json"),
    "scores-explain": ("scores", "2021", "--explain", "bdv", "--json"),
}


def validator(name: str) -> Draft202012Validator:
    schema = json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))
    return Draft202012Validator(schema)


def errors(name: str, document: Any) -> list[str]:
    return [error.message for error in validator(name).iter_errors(document)]


def objects(schema: Any, where: str = "$") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every sub-schema that describes an object, with where it stands."""
    if isinstance(schema, dict):
        types = schema.get("type")
        if types == "object" or (isinstance(types, list) and "object" in types):
            yield where, schema
        for key, value in schema.get("properties", {}).items():
            yield from objects(value, f"{where}.{key}")
        if "items" in schema:
            yield from objects(schema["items"], f"{where}[]")
        for i, branch in enumerate(schema.get("oneOf", [])):  # one shape per code: each closed
            yield from objects(branch, f"{where}|{i}")


def run_json(khoi: Invoke, data: Path, name: str, lang: str = "en") -> Any:
    result = khoi(*COMMANDS[name], "--data", str(data), env={"KHOI_LANG": lang})
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def import_results_json(khoi: Invoke, data: Path, tmp_path: Path, lang: str = "en") -> Any:
    sheet = tmp_path / "bang.xlsx"
    made = khoi("template", "2021", "-o", str(sheet), "--with-results", "--data", str(data))
    assert made.exit_code == 0, made.stderr
    env = {"KHOI_LANG": lang}
    result = khoi("import-results", "2021", str(sheet), "--json", "--data", str(data), env=env)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


class TestTheSchemas:
    """Each schema is valid JSON Schema, closed at every object, and covers one command."""

    def test_every_command_with_json_has_a_schema(self) -> None:
        """The schemas are exactly those of the commands below, plus the two imports."""
        assert sorted([*COMMANDS, "import-results", "import-scores"]) == NAMES

    @pytest.mark.parametrize("name", NAMES)
    def test_schema_is_valid_and_closed(self, name: str) -> None:
        """No object of the shape accepts keys it does not list."""
        schema = json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))
        Draft202012Validator.check_schema(schema)
        found = list(objects(schema))
        assert found, name
        open_ones = [where for where, o in found if o.get("additionalProperties") is not False]
        assert not open_ones, f"{name}: open objects at {open_ones}"

    def test_each_warnings_shape_is_closed(self) -> None:
        """The proposal's warnings, one shape per code, are walked and closed too: an open
        detail in one of them would be found."""
        schema = json.loads((SCHEMAS / "propose.schema.json").read_text(encoding="utf-8"))
        found = dict(objects(schema))
        tie = "$.warnings[]|0.detail"
        assert found[tie]["additionalProperties"] is False
        del schema["properties"]["warnings"]["items"]["oneOf"][0]["properties"]["detail"][
            "additionalProperties"
        ]
        assert [w for w, o in objects(schema) if o.get("additionalProperties") is not False] == [
            tie
        ]


class TestRealOutput:
    """What the commands print is what the schemas say, in both languages."""

    @pytest.mark.parametrize("lang", ["en", "vi"])
    @pytest.mark.parametrize("name", sorted(COMMANDS))
    def test_command_output_fits_its_schema(
        self, khoi: Invoke, sample_data: Path, name: str, lang: str
    ) -> None:
        """The real `--json` output of the command validates against its schema."""
        assert errors(name, run_json(khoi, sample_data, name, lang)) == []

    @pytest.mark.parametrize("lang", ["en", "vi"])
    def test_import_results_output_fits_its_schema(
        self, khoi: Invoke, sample_data: Path, tmp_path: Path, lang: str
    ) -> None:
        """`import-results --json` of a sheet already imported validates too."""
        document = import_results_json(khoi, sample_data, tmp_path, lang)
        assert errors("import-results", document) == []

    def test_a_failed_bloc_fits_the_batch_schemas(self, khoi: Invoke, sample_data: Path) -> None:
        """An `--all` entry for a bloc whose data is bad still has the published shape."""
        bloc = sample_data / "khoi-co-quan-dang" / "bloc.toml"
        text = bloc.read_text(encoding="utf-8").replace("[rotation]", "[rotation]\nspeed = 2", 1)
        bloc.write_text(text, encoding="utf-8")
        for name in ("propose-all", "rotate-all", "summary", "check"):
            result = khoi(*COMMANDS[name], "--data", str(sample_data))
            assert result.exit_code == 65, result.stderr
            assert errors(name, json.loads(result.stdout)) == [], name

    def test_a_batch_without_a_year_fits_its_schema(self, khoi: Invoke, sample_data: Path) -> None:
        """`propose --all` without a year gives each bloc its latest year: the year is null."""
        result = khoi("propose", "--all", "--json", "--data", str(sample_data))
        assert result.exit_code == 0, result.stderr
        document = json.loads(result.stdout)
        assert document["year"] is None
        assert errors("propose-all", document) == []

    def test_a_conference_decision_fits_the_proposal_schemas(
        self, khoi: Invoke, sample_data: Path
    ) -> None:
        """A decision the conference settled (2022) names its minutes: a string where the
        sample of 2021 has null, in every proposal schema."""
        for name, args in (
            ("propose", ("propose", "2022", "--json")),
            ("propose-explain", ("propose", "2022", "--explain", "bnc", "--json")),
            ("propose-all", ("propose", "2022", "--all", "--json")),
        ):
            result = khoi(*args, "--data", str(sample_data))
            assert result.exit_code == 0, result.stderr
            assert '"conference": "' in result.stdout, name
            assert errors(name, json.loads(result.stdout)) == [], name

    def test_every_sample_year_and_unit_fits_the_proposal_schemas(
        self, khoi: Invoke, sample_data: Path
    ) -> None:
        """Every results year of the sample, and every unit's explanation in it, validates:
        the years without votes for a unit (2020) publish `missing` in the observation."""
        bloc = sample_data / "khoi-co-quan-dang"
        years = sorted(p.stem.split("-")[1] for p in bloc.glob("results-*.toml"))
        assert len(years) >= 3
        for year in years:
            result = khoi("propose", year, "--json", "--data", str(sample_data))
            assert result.exit_code == 0, result.stderr
            listed = khoi("members", year, "--json", "--data", str(sample_data))
            members = [
                m["id"] for m in json.loads(listed.stdout)["members"] if m["status"] == "active"
            ]
            assert len(members) >= 8
            assert errors("propose", json.loads(result.stdout)) == [], year
            for member in members:
                args = ("propose", year, "--explain", member, "--json", "--data", str(sample_data))
                explained = khoi(*args)
                assert explained.exit_code == 0, explained.stderr
                assert errors("propose-explain", json.loads(explained.stdout)) == [], (year, member)

    def test_a_cap_of_bloc_leaders_fits_the_summary_schema(
        self, khoi: Invoke, sample_data: Path
    ) -> None:
        """A cap counted over the bloc leaders names no standard (null), and a bloc with no
        results for the year is a failed entry: the summary schema allows both."""
        result = khoi("summary", "2025", "--json", "--data", str(sample_data))
        assert result.exit_code == 66, result.stderr
        document = json.loads(result.stdout)
        assert [cap["standard"] for cap in document["caps"]] == [None]
        assert [bloc["ok"] for bloc in document["blocs"]] == [False]
        assert errors("summary", document) == []

    def test_an_elected_bloc_fits_the_rotation_schemas(
        self, khoi: Invoke, sample_data: Path
    ) -> None:
        """A year still to be elected has no chair (null): the rotation schemas allow it."""
        bloc = sample_data / "khoi-co-quan-dang" / "bloc.toml"
        text = bloc.read_text(encoding="utf-8").replace(
            'policy = "circular"', 'policy = "elected"', 1
        )
        bloc.write_text(text, encoding="utf-8")
        for name, args in (
            ("rotate", ("rotate", "2023", "--json")),
            ("rotate-plan", ("rotate", "2022", "--plan", "3", "--json")),
            ("rotate-all", ("rotate", "2023", "--all", "--json")),
        ):
            result = khoi(*args, "--data", str(sample_data))
            assert result.exit_code == 0, result.stderr
            document = json.loads(result.stdout)
            assert "null" in json.dumps(document), name
            assert errors(name, document) == [], name


class TestBrokenOutput:
    """The schemas catch a missing key, an extra key and a wrong type, at any depth."""

    @pytest.fixture
    def outputs(self, khoi: Invoke, sample_data: Path, tmp_path: Path) -> dict[str, Any]:
        found = {name: run_json(khoi, sample_data, name) for name in COMMANDS}
        found["import-results"] = import_results_json(khoi, sample_data, tmp_path)
        return found

    def test_missing_key_fails(self, outputs: dict[str, Any]) -> None:
        """Dropping any top-level key the schema requires makes the document invalid."""
        for name, document in outputs.items():
            required = validator(name).schema["required"]
            assert required, name
            for key in required:
                broken = copy.deepcopy(document)
                del broken[key]
                assert errors(name, broken), f"{name} without {key}"

    def test_extra_key_fails(self, outputs: dict[str, Any]) -> None:
        """An unlisted key, at the top or inside the first listed object, is refused."""
        for name, document in outputs.items():
            broken = copy.deepcopy(document)
            broken["unexpected"] = 1
            assert errors(name, broken), name
        nested = copy.deepcopy(outputs["propose"])
        nested["standings"][0]["member"]["unexpected"] = 1
        assert errors("propose", nested)
        batch = copy.deepcopy(outputs["propose-all"])
        batch["blocs"][0]["proposal"]["bloc"]["unexpected"] = 1
        assert errors("propose-all", batch)

    def test_wrong_type_fails(self, outputs: dict[str, Any]) -> None:
        """A number written as text, or a list as a string, is refused."""
        for name, document in outputs.items():
            broken = copy.deepcopy(document)
            broken["schema"] = str(broken["schema"])
            assert errors(name, broken), name
        rotate = copy.deepcopy(outputs["rotate"])
        rotate["year"] = "2022"
        assert errors("rotate", rotate)
        summary = copy.deepcopy(outputs["summary"])
        summary["blocs"] = "none"
        assert errors("summary", summary)
