"""The TOML examples of docs/conditions.md (and its Vietnamese twin) are read as documented."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from award_builders import make_pack
from khoi_thidua.awards.kinds.any_of import AnyOf

DOCS = Path(__file__).resolve().parents[1] / "docs"
TOML_BLOCK = re.compile(r"```toml\n(.*?)```", re.S)


def blocks(name: str) -> list[str]:
    return TOML_BLOCK.findall((DOCS / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", ["conditions.md", "conditions.vi.md"])
def test_any_of_example_parses(name: str) -> None:
    """The alternatives example is an award's conditions that a pack accepts, with two routes."""
    doc = tomllib.loads(blocks(name)[0])
    award = {"id": "bang-khen-thu-tuong", "name": "Bằng khen", "basis": "x", **doc["awards"]}
    pack = make_pack([award, {"id": "co-tinh", "name": "Cờ", "basis": "x"}])
    spec = pack.award("bang-khen-thu-tuong").conditions[0].spec
    assert isinstance(spec, AnyOf)
    assert len(spec.routes) == 2


@pytest.mark.parametrize("name", ["conditions.md", "conditions.vi.md"])
def test_merger_example_names_a_predecessor(name: str) -> None:
    """The merger example names predecessors merged into the successor."""
    members = tomllib.loads(blocks(name)[1])["members"]
    successor, predecessor = members
    assert predecessor["id"] in successor["history_from"]
    assert predecessor["merged_into"] == successor["id"]
