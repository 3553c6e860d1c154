"""The proposal's warnings: one detail shape per code, the same in the types, the published
schemas and the output."""

from __future__ import annotations

import copy
import json
import os
import re
import types
from dataclasses import replace
from pathlib import Path
from typing import Any, Union, get_args, get_origin, get_type_hints

import pytest

from award_builders import award_doc, make_pack, override, result, year_results
from builders import Invoke, make_bloc
from khoi_thidua import i18n
from khoi_thidua.awards import notices
from khoi_thidua.awards.ballot import count_notices
from khoi_thidua.awards.proposal import Proposal, propose
from khoi_thidua.model import VoteCount
from khoi_thidua.render.proposal import proposal_dict
from khoi_thidua.render.proposal_shapes import WarningEntry
from schema_check import schema, schema_errors

GOV = "co-chinh-phu"
FLAG = "co-tinh"
CERT = "bang-khen-tinh"
EXCELLENT = {"kind": "min_rating", "rating": "excellent"}
MAJORITY = {"kind": "min_vote_share", "more_than": 0.5}
JSON_TYPES = {str: "string", int: "integer", float: "number", bool: "boolean"}


def code_and_detail(variant: Any) -> tuple[str, Any]:
    """The code a NoticeOf[...] or NoticeEntry[...] of the unions pairs with its detail type."""
    code, detail = get_args(variant)
    (literal,) = get_args(code)
    return literal, detail


def branches(name: str) -> dict[str, dict[str, Any]]:
    """The schema's one warning object per code, by code (in the batch, inside a bloc)."""
    properties = schema(name)["properties"]
    if name == "propose-all":
        properties = properties["blocs"]["items"]["properties"]["proposal"]["properties"]
    one_of = properties["warnings"]["items"]["oneOf"]
    return {branch["properties"]["code"]["const"]: branch for branch in one_of}


def json_type(annotation: Any) -> Any:
    """The JSON Schema a detail value's annotation stands for."""
    if annotation in JSON_TYPES:
        return {"type": JSON_TYPES[annotation]}
    if get_origin(annotation) is list:
        return {"type": "array", "items": json_type(get_args(annotation)[0])}
    if get_origin(annotation) in (Union, types.UnionType):
        inner = [a for a in get_args(annotation) if a is not type(None)]
        assert len(inner) == 1, annotation
        return {"type": [json_type(inner[0])["type"], "null"]}
    raise AssertionError(f"no JSON type for {annotation}")


def as_json(document: Any) -> Any:
    """``document`` as a script reads it (tuples become lists)."""
    return json.loads(json.dumps(document, ensure_ascii=False))


def documents(proposal: Proposal, bloc_ids: list[str]) -> list[Any]:
    """The proposal's JSON document in English and in Vietnamese."""
    bloc = make_bloc(bloc_ids)
    return [as_json(proposal_dict(i18n.messages(lang), bloc, proposal)) for lang in ("en", "vi")]


# -- proposals that carry every warning the core and the count give ---------------------------


def _ties_and_defaults() -> tuple[Proposal, list[str]]:
    """Two equal leaders for one Government flag, a seat of the provincial flag held for them,
    a percentage quota rounding to 0, an unverified quota, a pack note, a member without
    results, a unit without votes, and votes for a unit that was not on the ballot."""
    pack = make_pack(
        [
            award_doc(
                GOV,
                [{"kind": "max_rank", "rank": 1}, EXCELLENT, MAJORITY],
                {"kind": "fixed", "count": 1, "unverified": True, "basis": "quan sát"},
            ),
            award_doc(FLAG, [EXCELLENT, MAJORITY], {"kind": "fixed", "count": 1}),
            award_doc(CERT, [EXCELLENT], {"kind": "percent", "percent": 10}),
        ],
        notes=[{"vi": "Ghi chú thử.", "en": "A test note."}],
    )
    units = [
        result("a", 98, votes={GOV: 5, FLAG: 8}),
        result("b", 98, votes={GOV: 5, FLAG: 8}),
        result("c", 90, "good", votes={FLAG: 2}),
        result("d", 85, votes_recorded=False),
    ]
    ids = ["a", "b", "c", "d", "e"]
    proposal = propose(make_bloc(ids), year_results(2021, units), {}, pack)
    count = count_notices(proposal, VoteCount(members=5, present=2))
    return replace(proposal, notices=(*proposal.notices, *count)), ids


def _shared_ranks() -> tuple[Proposal, list[str]]:
    """Units tied to lead the bloc, units sharing a rank no quota depends on, and no ballots."""
    pack = make_pack(
        [
            award_doc(GOV, [{"kind": "leads_bloc"}, MAJORITY], {"kind": "fixed", "count": 1}),
            award_doc(FLAG, [EXCELLENT], {"kind": "fixed", "count": 3}),
        ]
    )
    pack = override(pack, {"leading": {"standard": FLAG, "units": 1}})
    units = [
        result("a", 95.0, votes={GOV: 2}),
        result("b", 95.0, votes={GOV: 2}),
        result("c", 90.0, "good"),
        result("d", 90.0, "good"),
    ]
    ids = [u.member for u in units]
    return propose(make_bloc(ids), year_results(2021, units, ballots=None), {}, pack), ids


SCENARIOS = {"ties-and-defaults": _ties_and_defaults, "shared-ranks": _shared_ranks}
# The year's plan gives the other four (computed_score, typed_score, rating_capped, excluded):
# tests/test_disqualifying.py and tests/test_scores_cmd.py check their output against the schema.
CORE_AND_COUNT = set(get_args(notices.NoticeCode)) - {
    "computed_score",
    "typed_score",
    "rating_capped",
    "excluded",
}


class TestOneShapePerCode:
    """Every code has exactly one detail type, and the schemas publish that type for it."""

    def test_the_unions_cover_every_code_once(self) -> None:
        """Notice and WarningEntry pair each code of NoticeCode with the same detail type."""
        codes = list(get_args(notices.NoticeCode))
        notice = [code_and_detail(v) for v in get_args(notices.Notice)]
        entry = [code_and_detail(v) for v in get_args(WarningEntry)]
        assert sorted(code for code, _ in notice) == sorted(codes)
        assert len(notice) == len(codes) == len(entry)
        assert dict(notice) == dict(entry)

    @pytest.mark.parametrize("name", ["propose", "propose-all"])
    def test_the_schema_publishes_each_detail_type(self, name: str) -> None:
        """Each code's branch lists its detail's keys, all required, with their JSON types."""
        published = branches(name)
        assert set(published) == set(get_args(notices.NoticeCode))
        for variant in get_args(notices.Notice):
            code, detail = code_and_detail(variant)
            expected = {key: json_type(hint) for key, hint in get_type_hints(detail).items()}
            shape = published[code]["properties"]["detail"]
            assert shape["properties"] == expected, code
            assert sorted(shape["required"]) == sorted(expected), code
            assert shape["additionalProperties"] is False, code


class TestRealWarnings:
    """The warnings the core and the count give fit the schema, in both languages."""

    @pytest.mark.parametrize("name", sorted(SCENARIOS))
    def test_the_proposal_fits_the_schema(self, name: str) -> None:
        """Every warning of the proposal validates, with its own code's detail."""
        proposal, ids = SCENARIOS[name]()
        for document in documents(proposal, ids):
            assert document["warnings"], name
            assert schema_errors("propose", document) == []

    def test_the_scenarios_give_every_code_of_the_core_and_the_count(self) -> None:
        """Between them the proposals above carry each warning the core and the count give."""
        found = {n.code for build in SCENARIOS.values() for n in build()[0].notices}
        assert found == CORE_AND_COUNT

    def test_details_are_published_as_built(self) -> None:
        """The JSON detail of a warning is the notice's detail, key for key and in order."""
        proposal, ids = _ties_and_defaults()
        (document, _) = documents(proposal, ids)
        assert [(w["code"], list(w["detail"].items())) for w in document["warnings"]] == [
            (n.code, list(as_json(n.detail).items())) for n in proposal.notices
        ]


class TestBrokenWarnings:
    """A warning whose detail is not its code's is refused by the schema."""

    @pytest.fixture
    def document(self, khoi: Invoke, sample_data: Path) -> Any:
        result = khoi("propose", "2021", "--json", "--data", str(sample_data))
        assert result.exit_code == 0, result.stderr
        document = json.loads(result.stdout)
        assert schema_errors("propose", document) == []
        return document

    @staticmethod
    def first(document: Any, code: str) -> dict[str, Any]:
        found: dict[str, Any] = next(w for w in document["warnings"] if w["code"] == code)
        return found

    def test_another_codes_detail_fails(self, document: Any) -> None:
        """The detail of an `unverified` warning under the code `not_candidate` is refused."""
        broken = copy.deepcopy(document)
        self.first(broken, "not_candidate")["detail"] = self.first(document, "unverified")["detail"]
        assert schema_errors("propose", broken)

    def test_another_code_for_a_detail_fails(self, document: Any) -> None:
        """A `not_candidate` detail relabelled `no_results` is refused (it has no `award`)."""
        broken = copy.deepcopy(document)
        self.first(broken, "not_candidate")["code"] = "no_results"
        assert schema_errors("propose", broken)

    @pytest.mark.parametrize(
        ("change", "why"),
        [
            (lambda d: d.pop("votes"), "a missing key"),
            (lambda d: d.update(basis="x"), "a key of another code"),
            (lambda d: d.update(votes="1"), "a count as text"),
            (lambda d: d.update(member=None), "a null member"),
        ],
    )
    def test_a_wrong_detail_fails(self, document: Any, change: Any, why: str) -> None:
        """A missing key, an unlisted key or a wrong type in a detail is refused."""
        broken = copy.deepcopy(document)
        change(self.first(broken, "not_candidate")["detail"])
        assert schema_errors("propose", broken), why

    def test_an_unknown_code_fails(self, document: Any) -> None:
        """A code the proposal never gives is refused."""
        broken = copy.deepcopy(document)
        self.first(broken, "unverified")["code"] = "unknown"
        assert schema_errors("propose", broken)

    def test_a_wrong_detail_in_a_batch_fails(self, khoi: Invoke, sample_data: Path) -> None:
        """The batch document holds each bloc's warnings to the same shapes."""
        result = khoi("propose", "2021", "--all", "--json", "--data", str(sample_data))
        assert result.exit_code == 0, result.stderr
        document = json.loads(result.stdout)
        assert schema_errors("propose-all", document) == []
        warning = next(
            w for w in document["blocs"][0]["proposal"]["warnings"] if w["code"] == "pack_note"
        )
        del warning["detail"]["text_en"]
        assert schema_errors("propose-all", document)


# Readers of notices and of the published warnings, right and wrong: mypy passes the right ones
# and names each wrong line (the comment says what it expects there).
READERS = """\
from khoi_thidua.awards.notices import MemberDetail, Notice, NoticeOf, TieDetail
from khoi_thidua.render.proposal_shapes import WarningEntry


def read(notice: Notice, warning: WarningEntry) -> object:
    right: Notice = NoticeOf("tie", TieDetail(award="a", rank=1, members=["a"], seats_left=1))
    wrong: Notice = NoticeOf("tie", MemberDetail(member="a"))  # error: assignment
    if notice.code == "tie":
        return notice.detail["seats_left"] + 1
    if notice.code == "no_votes":
        return notice.detail["award"]  # error: typeddict-item
    if warning["code"] in ("no_results", "no_votes", "excluded"):
        return warning["detail"]["member"]
    if warning["code"] == "unverified":
        return warning["detail"]["member"]  # error: typeddict-item
    return notice.detail["member"], right, wrong  # error: typeddict-item
"""


class TestTypeChecked:
    """mypy knows a detail's keys once the code is compared, and refuses any other."""

    def test_mypy_refuses_a_key_of_another_code(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Only the lines marked wrong fail, each with the error the mark names."""
        from mypy import api  # the project's test dependencies include it

        (tmp_path / "readers.py").write_text(READERS, encoding="utf-8")
        monkeypatch.chdir(tmp_path)
        monkeypatch.setenv("MYPYPATH", str(Path(__file__).resolve().parents[1] / "src"))
        out, _, _ = api.run(
            ["--strict", "--no-incremental", "--cache-dir", os.devnull, "readers.py"]
        )
        found = sorted(
            (int(m["line"]), m["code"])
            for m in re.finditer(
                r"^readers\.py:(?P<line>\d+): error: .*\[(?P<code>[a-z-]+)\]$", out, re.M
            )
        )
        expected = [
            (number, line.split("# error: ")[1])
            for number, line in enumerate(READERS.splitlines(), start=1)
            if "# error: " in line
        ]
        assert found == expected, out
