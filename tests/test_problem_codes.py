"""Every problem carries a stable code, the same in every language, published in a table."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from builders import SAMPLE_BLOC_ID, Invoke, make_bloc
from khoi_thidua import store, workflows
from khoi_thidua.errors import DataError, Problem
from khoi_thidua.i18n import ENGLISH, VIETNAMESE, Messages
from khoi_thidua.schema.fields import FieldReader
from khoi_thidua.schema.results import VOTES_WITHOUT_BALLOTS, parse_results

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "khoi_thidua"
KEBAB = re.compile(r"^[a-z]+(-[a-z0-9]+)*$")
# The only ways a code is passed on rather than written out: the parameter of a helper that
# makes the problem, or the code of the error or problem it is told from.
PASSED_ON = {"code", "exc.code", "error.code", "problem.code", "refused.code"}


def votes_without_ballots(msgs: Messages = ENGLISH) -> list[Problem]:
    bloc = make_bloc(["a", "b"])
    doc = {
        "schema": 1,
        "year": 2021,
        "results": {"a": {"score": 95.0, "rating": "excellent", "votes": {"co-tinh": 3}}},
    }
    results, problems = parse_results(msgs, doc, bloc, 2021, "results-2021.toml")
    assert results is None
    return problems


def module_constants() -> dict[str, str]:
    """Module-level NAME = "text" constants of the package, by name."""
    found: dict[str, str] = {}
    for path in SRC.rglob("*.py"):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if (
                isinstance(node, ast.Assign)
                and len(node.targets) == 1
                and isinstance(node.targets[0], ast.Name)
                and isinstance(node.value, ast.Constant)
                and isinstance(node.value.value, str)
            ):
                found[node.targets[0].id] = node.value.value
    return found


def codes_of(expr: ast.expr, constants: dict[str, str], where: str) -> set[str]:
    """The codes an expression given as a code can take; a form not written out fails."""
    if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
        return {expr.value}
    if isinstance(expr, ast.IfExp):
        return codes_of(expr.body, constants, where) | codes_of(expr.orelse, constants, where)
    if isinstance(expr, ast.Name) and expr.id in constants and expr.id.isupper():
        return {constants[expr.id]}
    assert ast.unparse(expr) in PASSED_ON, f"{where}: code {ast.unparse(expr)} is not written out"
    return set()


def _text_or_constant(expr: ast.expr) -> bool:
    return (isinstance(expr, ast.Constant) and isinstance(expr.value, str)) or (
        isinstance(expr, ast.Name) and expr.id.isupper()
    )


def codes_in_source() -> dict[str, set[str]]:
    """Every code the package can give a problem, with the modules that give it."""
    constants = module_constants()
    found: dict[str, set[str]] = {}
    for path in sorted(SRC.rglob("*.py")):
        module = str(path.relative_to(SRC))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            values: list[ast.expr] = []
            if isinstance(node, ast.Call):
                values = [k.value for k in node.keywords if k.arg == "code"]
            elif isinstance(node, ast.Assign):  # code = "…", or hint, code = …, "…"
                for target in node.targets:
                    if isinstance(target, ast.Name) and target.id == "code":
                        values.append(node.value)
                    elif isinstance(target, ast.Tuple) and isinstance(node.value, ast.Tuple):
                        values += [
                            v
                            for t, v in zip(target.elts, node.value.elts, strict=True)
                            if isinstance(t, ast.Name) and t.id == "code"
                        ]
            if isinstance(node, ast.Assign):  # other values of a local `code`: not a problem's
                values = [v for v in values if _text_or_constant(v)]
            for value in values:
                for code in codes_of(value, constants, f"{module}:{node.lineno}"):
                    found.setdefault(code, set()).add(module)
    return found


def published(name: str) -> list[str]:
    """The codes in the table of docs/<name>, in order."""
    text = (ROOT / "docs" / name).read_text(encoding="utf-8")
    return re.findall(r"^\| `([^`]+)` \|", text, flags=re.MULTILINE)


class TestProblemCodes:
    """The code names the kind of problem; the message is only for people."""

    def test_votes_without_ballots(self) -> None:
        """Votes without the number of ballots cast carry their code."""
        coded = [p for p in votes_without_ballots() if p.code == VOTES_WITHOUT_BALLOTS]
        assert [p.key for p in coded] == ["results.a.votes.co-tinh"]

    def test_code_does_not_follow_the_language(self) -> None:
        """In Vietnamese the message changes and the code does not."""
        problems = votes_without_ballots(VIETNAMESE)
        (coded,) = [p for p in problems if p.code == VOTES_WITHOUT_BALLOTS]
        assert "ballots" not in coded.message

    def test_every_problem_of_a_parse_has_a_code(self) -> None:
        """Each problem a parser finds names its kind."""
        codes = [p.code for p in votes_without_ballots()]
        assert codes and all(KEBAB.match(c) for c in codes)

    def test_a_problem_needs_a_code(self) -> None:
        """A problem made without a code is refused (mypy refuses it too)."""
        with pytest.raises(TypeError):
            Problem("f.toml", "k", "message")  # type: ignore[call-arg]

    def test_a_reader_problem_needs_a_code(self) -> None:
        """The field reader's error and warning take no default code."""
        reader = FieldReader("f.toml", ENGLISH)
        with pytest.raises(TypeError):
            reader.error("k", "message")  # type: ignore[call-arg]
        with pytest.raises(TypeError):
            reader.warning("k", "message")  # type: ignore[call-arg]

    def test_same_kind_same_code_across_readers(self) -> None:
        """The reader's own checks give one code per kind, whatever the key."""
        reader = FieldReader("f.toml", ENGLISH)
        reader.text({}, "name", "", required=True)
        reader.integer({}, "year", "", required=True)
        reader.integer({"n": "x"}, "n", "")
        reader.boolean({"b": 1}, "b", "")
        reader.known_keys({"nmae": 1}, "", ["name"])
        reader.integer({"n": 0}, "n", "", minimum=1)
        reader.text({"t": "a\x1bb"}, "t", "")
        assert [p.code for p in reader.problems] == [
            "missing-key",
            "missing-key",
            "wrong-type",
            "wrong-type",
            "unknown-key",
            "out-of-range",
            "control-character",
        ]


class TestPublishedTable:
    """docs/problem-codes.md lists every code the source can give, and nothing else."""

    def test_every_code_is_kebab_case(self) -> None:
        """A code is lower-case words joined by hyphens."""
        bad = sorted(c for c in codes_in_source() if not KEBAB.match(c))
        assert bad == []

    def test_the_table_lists_exactly_the_codes_in_source(self) -> None:
        """A code added in the source without a row in the table fails, and a stale row too."""
        assert sorted(published("problem-codes.md")) == sorted(codes_in_source())

    def test_the_table_has_each_code_once_in_order(self) -> None:
        """One row per code, alphabetical, so a reader finds it."""
        codes = published("problem-codes.md")
        assert codes == sorted(set(codes))

    def test_the_vietnamese_table_lists_the_same_codes(self) -> None:
        """The Vietnamese page has a row for each code of the English one."""
        assert published("problem-codes.vi.md") == published("problem-codes.md")

    def test_the_finder_sees_a_code_not_written_out(self) -> None:
        """A code computed at run time would escape the table: the scan refuses it."""
        expr = ast.parse('f"{kind}-x"', mode="eval").body
        with pytest.raises(AssertionError):
            codes_of(expr, {}, "here")


class TestCheckJson:
    """`khoi check --json` gives each problem's code."""

    def test_codes_in_check_json(self, khoi: Invoke, sample_data: Path) -> None:
        """A broken bloc's problems carry their codes, each one in the published table."""
        data = sample_data
        bloc = next(p.parent for p in sorted(data.rglob("bloc.toml")))
        text = (bloc / "bloc.toml").read_text(encoding="utf-8")
        (bloc / "bloc.toml").write_text(text + "\nunknown_thing = 1\n", encoding="utf-8")
        result = khoi("check", "--json", "--data", str(data))
        assert result.exit_code == 65, result.stderr
        problems = [p for b in json.loads(result.stdout)["blocs"] for p in b["problems"]]
        assert [p["code"] for p in problems] == ["unknown-key"]
        assert set(published("problem-codes.md")) >= {p["code"] for p in problems}

    def test_a_problem_without_its_code_breaks_the_schema(
        self, khoi: Invoke, sample_data: Path
    ) -> None:
        """check's schema requires the code of each problem, and a kebab-case one."""
        bloc = next(p.parent for p in sorted(sample_data.rglob("bloc.toml")))
        text = (bloc / "bloc.toml").read_text(encoding="utf-8")
        (bloc / "bloc.toml").write_text(text + "\nunknown_thing = 1\n", encoding="utf-8")
        output = json.loads(khoi("check", "--json", "--data", str(sample_data)).stdout)
        schema = json.loads((ROOT / "docs/schemas/check.schema.json").read_text(encoding="utf-8"))
        validator = Draft202012Validator(schema)
        assert list(validator.iter_errors(output)) == []
        problem = output["blocs"][0]["problems"][0]
        problem["code"] = "Unknown Key"
        assert list(validator.iter_errors(output)) != []
        del problem["code"]
        assert list(validator.iter_errors(output)) != []


class TestRefusedDecision:
    """A conference decision that cannot stand is told with a code naming why."""

    def test_an_order_without_its_tie(self, sample_data: Path) -> None:
        """An order naming units that are not the open tie: `order-without-tie`, at the entry."""
        bloc_dir = sample_data / SAMPLE_BLOC_ID
        path = bloc_dir / "results-2022.toml"
        text = path.read_text(encoding="utf-8")
        path.write_text(
            text.replace('members = ["bnc", "tct"]', 'members = ["btg", "ubkt"]'), encoding="utf-8"
        )
        with pytest.raises(DataError) as caught:
            workflows.proposal_for(bloc_dir, store.load_bloc(bloc_dir), 2022)
        assert [(p.key, p.code) for p in caught.value.problems] == [
            ("decisions[0]", "order-without-tie")
        ]
