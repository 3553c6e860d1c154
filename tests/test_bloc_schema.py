"""Tests of bloc.toml loading and validation: one clear problem per mistake, with key and line."""

from __future__ import annotations

import contextlib
import copy
import tomllib
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builders import REPO_DATA, SAMPLE_BLOC_ID, bloc_doc, dumps_bloc, write_bloc_text
from khoi_thidua import rotation, store
from khoi_thidua.errors import DataError, ExitCode, MissingInputError, Problem
from khoi_thidua.i18n import ENGLISH
from khoi_thidua.model import Bloc
from khoi_thidua.schema.bloc import parse_bloc
from khoi_thidua.schema.toml_lines import key_lines

Doc = dict[str, Any]


def load(folder: Path) -> tuple[Bloc | None, list[Problem]]:
    return store.check_bloc(folder)


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]


def warnings(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "warning"]


def line_of(folder: Path, needle: str) -> int:
    """The 1-based line of the first line of the folder's bloc.toml that contains ``needle``."""
    text = (folder / "bloc.toml").read_text(encoding="utf-8")
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} is not in the file")


def one_error(build_bloc: Callable[..., Path], doc: Doc) -> tuple[Problem, Path]:
    """Write ``doc``, load it, and return its single error (failing if there is not exactly one)."""
    folder = build_bloc(doc)
    bloc, problems = load(folder)
    found = errors(problems)
    assert bloc is None
    assert len(found) == 1, [p.location() + ": " + p.message for p in found]
    return found[0], folder


# -- valid data ------------------------------------------------------------------------------


class TestValid:
    def test_built_doc_loads(self, build_bloc: Callable[..., Path]) -> None:
        """A well-formed bloc.toml gives a Bloc and no problem at all."""
        bloc, problems = load(build_bloc(bloc_doc()))
        assert problems == []
        assert bloc is not None
        assert bloc.order == ("a", "b", "c", "d")
        assert bloc.id == "khoi-thu"

    def test_sample_bloc_loads(self) -> None:
        """The shipped sample bloc is valid: nine members, 2021 recorded, merges in 2025."""
        bloc, problems = load(REPO_DATA / SAMPLE_BLOC_ID)
        assert problems == []
        assert bloc is not None
        assert len(bloc.members) == len(bloc.order) == 9
        assert bloc.recorded(2021) is not None
        assert bloc.member("btg").merged_into == "btgdv"

    def test_leadership_sorted_by_year(self, build_bloc: Callable[..., Path]) -> None:
        """Leadership records come out sorted by year whatever order the file lists them in."""
        doc = bloc_doc(
            leadership=[
                {"year": 2022, "chair": "c", "vice_chair": "d"},
                {"year": 2020, "chair": "a", "vice_chair": "b"},
            ]
        )
        bloc = store.load_bloc(build_bloc(doc))
        assert [r.year for r in bloc.leadership] == [2020, 2022]

    def test_byte_order_mark_is_accepted(self, bloc_root: Path) -> None:
        """A UTF-8 byte-order mark left by Notepad does not stop the file from loading."""
        folder = write_bloc_text(bloc_root, "")
        (folder / "bloc.toml").write_bytes(b"\xef\xbb\xbf" + dumps_bloc(bloc_doc()).encode())
        bloc, problems = load(folder)
        assert bloc is not None
        assert problems == []


# -- files that cannot be read ---------------------------------------------------------------


class TestUnreadable:
    def test_malformed_toml_names_the_line(self, bloc_root: Path) -> None:
        """Malformed TOML gives one problem naming the file and the line of the mistake."""
        text = dumps_bloc(bloc_doc()).replace('name = "Khối', "name = Khối", 1)
        folder = write_bloc_text(bloc_root, text)
        with pytest.raises(DataError) as info:
            load(folder)
        [problem] = info.value.problems
        assert "not valid TOML" in problem.message
        assert problem.file.endswith("bloc.toml")
        assert problem.line == line_of(folder, "name = Khối")
        assert info.value.exit_code == ExitCode.DATA

    def test_missing_file(self, bloc_root: Path) -> None:
        """A bloc folder without bloc.toml is a missing-input error naming the file."""
        folder = bloc_root / "khoi-rong"
        folder.mkdir()
        with pytest.raises(MissingInputError) as info:
            store.load_bloc(folder)
        assert "bloc.toml" in info.value.message
        assert "does not exist" in info.value.message
        assert info.value.exit_code == ExitCode.NO_INPUT

    @pytest.mark.parametrize("text", ["", "\n\n   \n"])
    def test_empty_file(self, bloc_root: Path, text: str) -> None:
        """An empty (or blank) bloc.toml gives one problem saying the file is empty."""
        folder = write_bloc_text(bloc_root, text)
        with pytest.raises(DataError) as info:
            load(folder)
        [problem] = info.value.problems
        assert "empty" in problem.message

    def test_not_utf8(self, bloc_root: Path) -> None:
        """A file saved in a legacy encoding gives one problem asking for UTF-8."""
        folder = write_bloc_text(bloc_root, "")
        (folder / "bloc.toml").write_bytes(dumps_bloc(bloc_doc()).encode("utf-16"))
        with pytest.raises(DataError) as info:
            load(folder)
        [problem] = info.value.problems
        assert "UTF-8" in problem.message


# -- one problem per mistake -----------------------------------------------------------------


class TestUnknownKeys:
    @pytest.mark.parametrize(
        ("section", "typo", "meant", "key"),
        [
            ("members", "shrot", "short", "members[0].shrot"),
            ("leadership", "vice_chiar", "vice_chair", "leadership[0].vice_chiar"),
            ("rotation", "polcy", "policy", "rotation.polcy"),
            ("top", "provnce", "province", "provnce"),
        ],
    )
    def test_unknown_key_with_suggestion(
        self, build_bloc: Callable[..., Path], section: str, typo: str, meant: str, key: str
    ) -> None:
        """A misspelt key is one error at its line, suggesting the key that was meant."""
        doc = bloc_doc()
        if section == "members":
            doc["members"][0][typo] = "BTC"
        elif section == "leadership":
            doc["leadership"][0][typo] = doc["leadership"][0].pop(meant)
        elif section == "rotation":
            doc["rotation"][typo] = doc["rotation"].pop(meant)
        else:
            doc[typo] = "Hưng Yên"
        problem, folder = one_error(build_bloc, doc)
        assert problem.key == key
        assert f"`{typo}`" in problem.message
        assert f"did you mean `{meant}`?" in problem.hint
        assert problem.line == line_of(folder, f"{typo} =")

    def test_unrelated_unknown_key_lists_allowed_keys(
        self, build_bloc: Callable[..., Path]
    ) -> None:
        """An unknown key like nothing allowed is one error whose hint lists the allowed keys."""
        doc = bloc_doc()
        doc["members"][1]["xyzzy"] = 1
        problem, _ = one_error(build_bloc, doc)
        assert problem.key == "members[1].xyzzy"
        assert "allowed keys" in problem.hint
        assert "`merged_into`" in problem.hint


class TestWrongTypes:
    @pytest.mark.parametrize(
        ("mutate", "key", "needle"),
        [
            (lambda d: d.update(name=5), "name", "name ="),
            (lambda d: d["members"][0].update(joined="2020"), "members[0].joined", "joined ="),
            (lambda d: d["members"][2].update(short=3), "members[2].short", "short ="),
            (lambda d: d["rotation"].update(order="a b c d"), "rotation.order", "order ="),
            (lambda d: d["leadership"][0].update(year="2020"), "leadership[0].year", "year ="),
            (lambda d: d["leadership"][0].update(chair=1), "leadership[0].chair", "chair ="),
            (lambda d: d.update(rotation=["a"]), "rotation", "rotation ="),
        ],
    )
    def test_wrong_type_is_one_error(
        self,
        build_bloc: Callable[..., Path],
        mutate: Callable[[Doc], None],
        key: str,
        needle: str,
    ) -> None:
        """A value of the wrong type is one error naming its key and line."""
        doc = bloc_doc()
        mutate(doc)
        problem, folder = one_error(build_bloc, doc)
        assert problem.key == key
        assert "must be" in problem.message
        assert problem.line == line_of(folder, needle)

    def test_schema_version_not_supported(self, build_bloc: Callable[..., Path]) -> None:
        """A newer schema number is one error at the `schema` key."""
        doc = bloc_doc()
        doc["schema"] = 2
        problem, _ = one_error(build_bloc, doc)
        assert problem.key == "schema"
        assert "schema 2" in problem.message

    def test_id_with_spaces(self, build_bloc: Callable[..., Path]) -> None:
        """An id with spaces is one error at that id."""
        doc = bloc_doc()
        doc["members"][0]["id"] = "ban to chuc"
        problem, _ = one_error(build_bloc, doc)
        assert problem.key == "members[0].id"


class TestYears:
    @pytest.mark.parametrize(
        ("mutate", "key"),
        [
            (lambda d: d["members"][0].update(joined=20222), "members[0].joined"),
            (lambda d: d["leadership"][0].update(year=20222), "leadership[0].year"),
            (lambda d: d["members"][3].update(left=202), "members[3].left"),
        ],
    )
    def test_year_out_of_range(
        self, build_bloc: Callable[..., Path], mutate: Callable[[Doc], None], key: str
    ) -> None:
        """A year that is not four digits (20222, 202) is one error saying what a year is."""
        doc = bloc_doc()
        mutate(doc)
        problem, _ = one_error(build_bloc, doc)
        assert problem.key == key
        assert "out of range" in problem.message
        assert "four digits" in problem.hint

    def test_left_not_after_joined(self, build_bloc: Callable[..., Path]) -> None:
        """A member that leaves before it joins is one error at `left`."""
        doc = bloc_doc()
        doc["members"][2].update(joined=2023, left=2022)
        problem, _ = one_error(build_bloc, doc)
        assert problem.key == "members[2].left"

    def test_leadership_recorded_twice(self, build_bloc: Callable[..., Path]) -> None:
        """Two [[leadership]] entries for one year are one error at the second."""
        doc = bloc_doc(
            leadership=[
                {"year": 2020, "chair": "a", "vice_chair": "b"},
                {"year": 2020, "chair": "c", "vice_chair": "d"},
            ]
        )
        problem, _ = one_error(build_bloc, doc)
        assert problem.key == "leadership[1].year"
        assert "twice" in problem.message


class TestIds:
    def test_ids_differing_only_by_case(self, build_bloc: Callable[..., Path]) -> None:
        """Two member ids differing only by case are one error at the second id."""
        doc = bloc_doc(ids=("a", "b", "c", "d", "B"))
        problem, folder = one_error(build_bloc, doc)
        assert problem.key == "members[4].id"
        assert "only by case" in problem.message
        assert problem.line == line_of(folder, 'id = "B"')

    def test_ids_differing_only_by_normalisation(self, build_bloc: Callable[..., Path]) -> None:
        """An id typed in NFD and the same id in NFC are one error, plus a warning on the NFD."""
        composed = unicodedata.normalize("NFC", "hòa")
        decomposed = unicodedata.normalize("NFD", "hòa")
        assert composed != decomposed
        doc = bloc_doc(
            ids=("a", composed, "c", decomposed),
            leadership=[{"year": 2020, "chair": "a", "vice_chair": "c"}],
        )
        doc["members"][3]["name"] = "Ban Hòa bình"
        folder = build_bloc(doc)
        bloc, problems = load(folder)
        assert bloc is None
        [problem] = errors(problems)
        assert problem.key == "members[3].id"
        assert composed in problem.message
        assert [w.key for w in warnings(problems)] == ["members[3].id"]

    def test_member_listed_twice_in_order(self, build_bloc: Callable[..., Path]) -> None:
        """A member listed twice in the rotation order is one error at the second listing."""
        doc = bloc_doc()
        doc["rotation"]["order"].append("b")
        problem, _ = one_error(build_bloc, doc)
        assert problem.key == "rotation.order[4]"
        assert "`b` appears twice" in problem.message

    def test_member_missing_from_order(self, build_bloc: Callable[..., Path]) -> None:
        """A member left out of the rotation order is one error naming it."""
        doc = bloc_doc()
        doc["rotation"]["order"].remove("c")
        problem, folder = one_error(build_bloc, doc)
        assert problem.key == "rotation.order"
        assert "`c`" in problem.message
        assert problem.line == line_of(folder, "order =")

    def test_unknown_id_near_a_real_one(self, build_bloc: Callable[..., Path]) -> None:
        """A reference spelt with the wrong case is one error suggesting the exact id."""
        doc = bloc_doc()
        doc["leadership"][0]["chair"] = "A"
        problem, _ = one_error(build_bloc, doc)
        assert problem.key == "leadership[0].chair"
        assert "did you mean `a`?" in problem.hint

    def test_empty_member_list(self, build_bloc: Callable[..., Path]) -> None:
        """A bloc whose member list is empty is one error saying it has no members."""
        doc = bloc_doc(ids=(), leadership=())
        del doc["leadership"]
        doc["members"] = []
        problem, _ = one_error(build_bloc, doc)
        assert problem.key == "members"
        assert "no members" in problem.message


class TestMerges:
    def test_merge_chain_that_loops(self, build_bloc: Callable[..., Path]) -> None:
        """Two units merged into each other are one error showing the loop."""
        doc = bloc_doc()
        doc["members"][2].update(left=2023, merged_into="d")
        doc["members"][3].update(left=2023, merged_into="c")
        problem, _ = one_error(build_bloc, doc)
        assert problem.key == "members[2].merged_into"
        assert "c → d → c" in problem.message

    def test_longer_loop_is_reported_once(self, build_bloc: Callable[..., Path]) -> None:
        """A loop through three units is still one error, not one per unit."""
        doc = bloc_doc(leadership=[{"year": 2020, "chair": "a"}])
        doc["members"][1].update(left=2023, merged_into="c")
        doc["members"][2].update(left=2023, merged_into="d")
        doc["members"][3].update(left=2023, merged_into="b")
        problem, _ = one_error(build_bloc, doc)
        assert "loops" in problem.message

    def test_merged_member_needs_left(self, build_bloc: Callable[..., Path]) -> None:
        """A merged member without `left` is one error at its `left`."""
        doc = bloc_doc()
        doc["members"][3]["merged_into"] = "c"
        problem, _ = one_error(build_bloc, doc)
        assert problem.key == "members[3].left"

    def test_merge_into_unknown_member(self, build_bloc: Callable[..., Path]) -> None:
        """Merging into an id that is not a member is one error at `merged_into`."""
        doc = bloc_doc()
        doc["members"][3].update(left=2023, merged_into="zz")
        problem, _ = one_error(build_bloc, doc)
        assert problem.key == "members[3].merged_into"


class TestLeadership:
    def test_chair_equals_vice_chair(self, build_bloc: Callable[..., Path]) -> None:
        """A record naming the same member as chair and vice-chair is one error."""
        doc = bloc_doc(leadership=[{"year": 2020, "chair": "c", "vice_chair": "c"}])
        problem, folder = one_error(build_bloc, doc)
        assert problem.key == "leadership[0].vice_chair"
        assert "same member" in problem.message
        assert problem.line == line_of(folder, 'vice_chair = "c"')

    def test_chair_not_a_member_that_year(self, build_bloc: Callable[..., Path]) -> None:
        """A recorded chair that only joins later is one error naming the year."""
        doc = bloc_doc(leadership=[{"year": 2020, "chair": "c", "vice_chair": "d"}])
        doc["members"][2]["joined"] = 2022
        problem, _ = one_error(build_bloc, doc)
        assert problem.key == "leadership[0].chair"
        assert "not a member of the bloc in 2020" in problem.message

    def test_vice_chair_that_had_left(self, build_bloc: Callable[..., Path]) -> None:
        """A recorded vice-chair that had already left is one error at `vice_chair`."""
        doc = bloc_doc()
        doc["members"][1]["left"] = 2019
        problem, _ = one_error(build_bloc, doc)
        assert problem.key == "leadership[0].vice_chair"

    def test_single_problem_message_has_location(self, build_bloc: Callable[..., Path]) -> None:
        """Loading a file with one error raises a DataError whose message has file, line, key."""
        doc = bloc_doc(leadership=[{"year": 2020, "chair": "a", "vice_chair": "a"}])
        folder = build_bloc(doc)
        with pytest.raises(DataError) as info:
            store.load_bloc(folder)
        line = line_of(folder, 'vice_chair = "a"')
        assert f"bloc.toml:{line} [leadership[0].vice_chair]" in info.value.message


class TestWarnings:
    def test_non_nfc_text_is_a_warning(self, build_bloc: Callable[..., Path]) -> None:
        """Text typed with separate accent marks loads as NFC, with a warning, not an error."""
        doc = bloc_doc()
        doc["name"] = unicodedata.normalize("NFD", "Khối thi đua Ban Đảng")
        bloc, problems = load(build_bloc(doc))
        assert bloc is not None
        assert bloc.name == unicodedata.normalize("NFC", "Khối thi đua Ban Đảng")
        [warning] = problems
        assert warning.severity == "warning"
        assert warning.key == "name"
        assert "NFC" in warning.message

    def test_excusal_outside_membership_is_a_warning(self, build_bloc: Callable[..., Path]) -> None:
        """Excusing a member in a year it is not a member is a warning, not an error."""
        doc = bloc_doc()
        doc["members"][3]["left"] = 2022
        doc["excused"] = [{"member": "d", "year": 2023, "reason": "đã giải thể"}]
        bloc, problems = load(build_bloc(doc))
        assert bloc is not None
        assert [(p.severity, p.key) for p in problems] == [("warning", "excused[0].year")]


class TestEveryProblemAtOnce:
    def test_independent_mistakes_all_reported(self, build_bloc: Callable[..., Path]) -> None:
        """Several independent mistakes in one file are all reported in one pass."""
        doc = bloc_doc()
        doc["name"] = 5
        doc["members"][0]["joined"] = 20222
        doc["rotation"]["ordr"] = []
        _, problems = load(build_bloc(doc))
        assert sorted(p.key for p in errors(problems)) == [
            "members[0].joined",
            "name",
            "rotation.ordr",
        ]


# -- robustness ------------------------------------------------------------------------------

toml_values = st.recursive(
    st.one_of(
        st.integers(min_value=-(2**63), max_value=2**63 - 1),
        st.text(max_size=8),
        st.booleans(),
        st.floats(allow_nan=False),
    ),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner),
    max_leaves=6,
)
SECTIONS = ("top", "rotation", "members", "leadership")
KEYS = (
    "schema",
    "name",
    "id",
    "order",
    "year",
    "chair",
    "vice_chair",
    "joined",
    "left",
    "merged_into",
    "members",
    "leadership",
    "excused",
    "rotation",
)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.tuples(st.sampled_from(SECTIONS), st.sampled_from(KEYS), toml_values), max_size=3)
)
def test_any_mangled_document_gives_a_bloc_or_problems(
    changes: list[tuple[str, str, object]],
) -> None:
    """Whatever values a valid document is given, parsing never raises and errors mean no Bloc."""
    doc = copy.deepcopy(bloc_doc())
    for section, key, value in changes:
        if section == "top":
            doc[key] = value
        elif section == "rotation" and isinstance(doc.get("rotation"), dict):
            doc["rotation"][key] = value
        elif isinstance(doc.get(section), list) and doc[section]:
            entry = doc[section][0]
            if isinstance(entry, dict):
                entry[key] = value
    text = dumps_bloc(doc)
    bloc, problems = parse_bloc(
        ENGLISH, tomllib.loads(text), "khoi-thu", "bloc.toml", key_lines(text)
    )
    assert (bloc is None) == bool(errors(problems))
    if bloc is not None and bloc.leadership:
        with contextlib.suppress(rotation.RotationError):
            rotation.plan(bloc, bloc.leadership[0].year, rotation.default_year(ENGLISH, bloc) + 5)
