"""Proposals that use the newer condition features still fit the published JSON schema."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from award_builders import edit, set_rules_file, write_toml
from builders import Invoke

SCHEMA = Path(__file__).resolve().parents[1] / "docs" / "schemas" / "propose.schema.json"


def schema_errors(document: Any) -> list[str]:
    validator = Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))
    return [error.message for error in validator.iter_errors(document)]


def propose_json(khoi: Invoke, bloc_dir: Path) -> Any:
    out = khoi("propose", "2021", "--data", str(bloc_dir), "--json")
    assert out.exit_code == 0, out.stderr
    return json.loads(out.stdout)


def test_alternatives_fit(khoi: Invoke, sample_bloc_dir: Path) -> None:
    """An any_of group's routes, parameters and observations fit the schema."""
    set_rules_file(sample_bloc_dir)
    routes = [
        {"name": "a", "conditions": [{"kind": "min_score", "score": 99.0, "basis": "x"}]},
        {"conditions": [{"kind": "consecutive_years", "rating": "excellent", "years": 2}]},
    ]
    write_toml(
        sample_bloc_dir / "rules.toml",
        {"schema": 1, "awards": {"co-tinh": {"conditions": {"any_of": {"routes": routes}}}}},
    )
    data = propose_json(khoi, sample_bloc_dir)
    kinds = {c["kind"] for s in data["standings"] for d in s["decisions"] for c in d["conditions"]}
    assert "any_of" in kinds
    assert schema_errors(data) == []


def test_held_seats_fit(khoi: Invoke, sample_bloc_dir: Path) -> None:
    """A tie that keeps a seat of the next award fits the schema (held, held_for, leader)."""
    for name in ("plan-2021.toml", "scores-2021.toml"):  # the typed scores decide here
        (sample_bloc_dir / name).unlink(missing_ok=True)
    path = sample_bloc_dir / "results-2021.toml"
    edit(path, "votes = { co-chinh-phu = 8 }", "votes = { co-chinh-phu = 5, co-tinh = 5 }")
    edit(path, "score = 97.0\nself_score = 98.0", "score = 98.5\nself_score = 99.0")
    edit(path, "votes = { co-tinh = 7 }", "votes = { co-chinh-phu = 5, co-tinh = 5 }")
    data = propose_json(khoi, sample_bloc_dir)
    assert data["held"]
    assert schema_errors(data) == []


def test_a_broken_leader_fails(khoi: Invoke, sample_data: Path) -> None:
    """The schema is closed over the leader: an unknown key in it is caught."""
    data = propose_json(khoi, sample_data / "khoi-co-quan-dang")
    data["leader"]["extra"] = 1
    assert schema_errors(data)
