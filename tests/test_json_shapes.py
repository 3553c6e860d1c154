"""The typed results of every command with --json name exactly their schemas' keys."""

from __future__ import annotations

import json
import types
from pathlib import Path
from typing import Any, Union, get_args, get_origin, get_type_hints, is_typeddict

import pytest

from khoi_thidua.awards.kinds.base import Json
from khoi_thidua.render import batch_shapes, problems, proposal_shapes, shapes

SCHEMAS = Path(__file__).resolve().parents[1] / "docs" / "schemas"

# schema → the TypedDict its document is, and the keys the type leaves to a wider type
TYPED: dict[str, tuple[type, frozenset[str]]] = {
    "rotate": (shapes.RotateResult, frozenset({"record_status"})),
    "rotate-plan": (shapes.PlanResult, frozenset()),
    "history": (shapes.HistoryResult, frozenset()),
    "history-member": (shapes.MemberHistoryResult, frozenset()),
    "members": (shapes.MembersResult, frozenset()),
    "propose": (proposal_shapes.ProposalResult, frozenset()),
    "propose-explain": (proposal_shapes.ExplainResult, frozenset()),
    "rotate-all": (batch_shapes.RotateAllResult, frozenset()),
    "propose-all": (batch_shapes.ProposeAllResult, frozenset()),
    "summary": (batch_shapes.SummaryResult, frozenset()),
    "check": (problems.CheckResult, frozenset()),
}
# Objects whose keys depend on the data (award ids) or on a condition's kind: plain JSON objects
# in the type, their keys listed by the schema.
OPEN_OBJECTS = {"votes", "params", "actual"}
# Where the schema does not describe the items yet (the sample data has none to check them by).
UNDESCRIBED = {"$.settled", "$.blocs.proposal.settled"}


def typed_dicts(annotation: Any) -> list[Any]:
    """The TypedDicts an annotation holds: itself (a generic one with its arguments), in an
    optional or a union, or as a list's items."""
    if is_typeddict(annotation) or is_typeddict(get_origin(annotation)):
        return [annotation]
    if get_origin(annotation) in (Union, types.UnionType, list):
        return [found for arg in get_args(annotation) for found in typed_dicts(arg)]
    return []


def hints_of(typed: Any) -> dict[str, Any]:
    """A TypedDict's keys and annotations; a generic one's type variables replaced by its
    arguments (NoticeEntry[Literal["tie"], TieDetail] has a TieDetail detail)."""
    origin = get_origin(typed)
    if origin is None:
        return get_type_hints(typed, localns={"Json": Json})  # Json: JsonObject's recursive alias
    bound = dict(zip(origin.__parameters__, get_args(typed), strict=True))
    return {key: bound.get(hint, hint) for key, hint in get_type_hints(origin).items()}


def code_of(typed: Any) -> str:
    """The code a variant of a tagged union of TypedDicts carries (its `code` Literal)."""
    (code,) = get_args(hints_of(typed)["code"])
    return str(code)


def variants(schema: dict[str, Any]) -> dict[str, dict[str, Any]] | None:
    """The branches of a property (or its array's items) that is one object per code, by code."""
    items = schema.get("items", schema)
    if not isinstance(items, dict) or "oneOf" not in items:
        return None
    return {branch["properties"]["code"]["const"]: branch for branch in items["oneOf"]}


def object_schema(schema: dict[str, Any]) -> dict[str, Any] | None:
    """The object schema a property holds: itself, or its array's items."""
    if "properties" in schema:
        return schema
    items = schema.get("items")
    return items if isinstance(items, dict) and "properties" in items else None


def merged_hints(typed: list[type]) -> tuple[dict[str, list[Any]], set[str]]:
    """The keys of one TypedDict, or of a union of them (a batch entry: done or failed), with
    each key's annotations and the keys every member requires."""
    hints: dict[str, list[Any]] = {}
    required: set[str] | None = None
    for one in typed:
        for key, annotation in hints_of(one).items():
            hints.setdefault(key, []).append(annotation)
        keys = set((get_origin(one) or one).__required_keys__)
        required = keys if required is None else required & keys
    return hints, required or set()


def mismatches(
    typed: Any | list[Any], schema: dict[str, Any], where: str, extra: frozenset[str]
) -> list[str]:
    """Where the TypedDict(s) and the object schema disagree on keys, recursively."""
    hints, required = merged_hints(typed if isinstance(typed, list) else [typed])
    keys = set(hints)
    properties = set(schema["properties"])
    found = []
    if keys | extra != properties:
        found.append(f"{where}: type {sorted(keys ^ (properties - extra))} differ from schema")
    if required != set(schema.get("required", [])):
        found.append(f"{where}: required {sorted(required ^ set(schema.get('required', [])))}")
    for key, found_types in hints.items():
        inner = list(dict.fromkeys(t for a in found_types for t in typed_dicts(a)))
        branches = variants(schema["properties"].get(key, {}))
        sub = object_schema(schema["properties"].get(key, {}))
        if inner and branches is not None:
            found += tagged_mismatches(inner, branches, f"{where}.{key}")
        elif inner and sub is not None:
            found += mismatches(inner, sub, f"{where}.{key}", frozenset())
        elif f"{where}.{key}" in UNDESCRIBED:
            assert schema["properties"][key].get("items") == {}, f"{where}.{key} is described now"
        elif inner or (sub is not None and key not in OPEN_OBJECTS):
            found.append(f"{where}.{key}: an object in only one of type and schema")
    return found


def tagged_mismatches(
    typed: list[Any], branches: dict[str, dict[str, Any]], where: str
) -> list[str]:
    """Where a tagged union of TypedDicts and the schema's one branch per code disagree."""
    by_code = {code_of(one): one for one in typed}
    if set(by_code) != set(branches):
        return [f"{where}: codes {sorted(set(by_code) ^ set(branches))} differ from schema"]
    return [
        found
        for code, one in by_code.items()
        for found in mismatches(one, branches[code], f"{where}[{code}]", frozenset())
    ]


class TestTypedResults:
    """The TypedDicts in render/*shapes.py mirror the closed schemas under docs/schemas."""

    @pytest.mark.parametrize("name", sorted(TYPED))
    def test_keys_match_the_schema(self, name: str) -> None:
        """Every key of the type is in the schema and every schema key in the type, nested too."""
        typed, extra = TYPED[name]
        schema = json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))
        assert mismatches(typed, schema, "$", extra) == []

    def test_recorded_rotation_adds_its_status(self) -> None:
        """`rotate --record` is the rotate document plus the write status the schema allows."""
        assert set(get_type_hints(shapes.RecordedResult)) == set(
            get_type_hints(shapes.RotateResult)
        ) | {"record_status"}

    def test_a_missing_key_is_found(self) -> None:
        """A schema key the type lacks is reported, where it stands."""
        schema = json.loads((SCHEMAS / "members.schema.json").read_text(encoding="utf-8"))
        schema["properties"]["members"]["items"]["properties"]["extra"] = {"type": "string"}
        assert mismatches(shapes.MembersResult, schema, "$", frozenset()) == [
            "$.members: type ['extra'] differ from schema"
        ]

    def test_a_batch_entry_is_done_or_failed(self) -> None:
        """A key only the done entry has is optional in the union; the failed entry's error too."""
        hints, required = merged_hints([batch_shapes.ProposeDone, batch_shapes.FailedEntry])
        assert set(hints) == {"bloc", "ok", "proposal", "error"}
        assert required == {"bloc", "ok"}

    def test_a_key_missing_from_the_failed_entry_is_found(self) -> None:
        """A key the schema lists for a failed bloc's error, and the type lacks, is reported."""
        schema = json.loads((SCHEMAS / "summary.schema.json").read_text(encoding="utf-8"))
        error = schema["properties"]["blocs"]["items"]["properties"]["error"]
        error["properties"]["trace"] = {"type": "string"}
        assert mismatches(batch_shapes.SummaryResult, schema, "$", frozenset()) == [
            "$.blocs.error: type ['trace'] differ from schema"
        ]

    def test_a_warning_detail_key_missing_from_the_schema_is_found(self) -> None:
        """A key one code's detail has and its schema branch lacks is reported under that code."""
        schema = json.loads((SCHEMAS / "propose.schema.json").read_text(encoding="utf-8"))
        one_of = schema["properties"]["warnings"]["items"]["oneOf"]
        tie = next(b for b in one_of if b["properties"]["code"]["const"] == "tie")
        del tie["properties"]["detail"]["properties"]["seats_left"]
        assert mismatches(proposal_shapes.ProposalResult, schema, "$", frozenset()) == [
            "$.warnings[tie].detail: type ['seats_left'] differ from schema"
        ]

    def test_a_warning_code_missing_from_the_schema_is_found(self) -> None:
        """A code the type gives and the schema has no branch for is reported."""
        schema = json.loads((SCHEMAS / "propose.schema.json").read_text(encoding="utf-8"))
        items = schema["properties"]["warnings"]["items"]
        items["oneOf"] = [b for b in items["oneOf"] if b["properties"]["code"]["const"] != "tie"]
        assert mismatches(proposal_shapes.ProposalResult, schema, "$", frozenset()) == [
            "$.warnings: codes ['tie'] differ from schema"
        ]
