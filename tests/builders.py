"""Builders for test data: bloc.toml documents and folders, and Bloc objects made in code."""

from __future__ import annotations

import copy
import io
import re
from collections.abc import Callable, Collection, Mapping, Sequence
from pathlib import Path
from typing import Any

import tomli_w
from typer.testing import Result

from khoi_thidua.errors import ExitCode
from khoi_thidua.model import Bloc, Excusal, LeadershipRecord, Member

BLOC_ID = "khoi-thu"
SAMPLE_BLOC_ID = "khoi-co-quan-dang"
REPO_DATA = Path(__file__).resolve().parents[1] / "data"

Invoke = Callable[..., Result]  # the `khoi` fixture: run the app with these arguments


def member_name(member_id: str) -> str:
    """A Vietnamese unit name for a test member id."""
    return f"Ban thử nghiệm {member_id.upper()}"


def bloc_doc(
    ids: Sequence[str] = ("a", "b", "c", "d"),
    leadership: Sequence[Mapping[str, Any]] = ({"year": 2020, "chair": "a", "vice_chair": "b"},),
) -> dict[str, Any]:
    """A valid bloc.toml document as a dict: members ``ids`` in that rotation order."""
    return {
        "schema": 1,
        "name": "Khối thi đua thử nghiệm",
        "organiser": "Ủy ban nhân dân tỉnh",
        "rotation": {"policy": "circular", "order": list(ids)},
        "members": [{"id": i, "name": member_name(i)} for i in ids],
        "leadership": [dict(entry) for entry in leadership],
    }


def dumps_bloc(doc: Mapping[str, Any]) -> str:
    """TOML text for ``doc`` with every list of tables written as ``[[key]]`` sections.

    tomli_w writes short lists of tables inline; a hand-written bloc.toml uses ``[[members]]``,
    and only that layout gives each key its own line for messages.
    """
    plain = {k: v for k, v in doc.items() if not _is_table_list(v)}
    parts = [tomli_w.dumps(plain)]
    for key, value in doc.items():
        if _is_table_list(value):
            parts.extend(f"\n[[{key}]]\n" + tomli_w.dumps(entry) for entry in value)
    return "".join(parts)


def _is_table_list(value: object) -> bool:
    """A non-empty list of flat tables (nested tables are left to tomli_w's own layout)."""
    return (
        isinstance(value, list)
        and bool(value)
        and all(isinstance(v, dict) and not _holds_table(v) for v in value)
    )


def _holds_table(value: object) -> bool:
    if isinstance(value, dict):
        return any(isinstance(v, dict) or _holds_table(v) for v in value.values())
    if isinstance(value, list):
        return any(isinstance(v, dict) or _holds_table(v) for v in value)
    return False


def write_bloc_text(root: Path, text: str, bloc_id: str = BLOC_ID) -> Path:
    """Write ``text`` as ``root/bloc_id/bloc.toml`` and return the bloc folder."""
    folder = root / bloc_id
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "bloc.toml").write_text(text, encoding="utf-8")
    return folder


def write_bloc(root: Path, doc: Mapping[str, Any], bloc_id: str = BLOC_ID) -> Path:
    """Write ``doc`` (with tomli_w) as ``root/bloc_id/bloc.toml`` and return the bloc folder."""
    return write_bloc_text(root, dumps_bloc(copy.deepcopy(dict(doc))), bloc_id)


def make_bloc(
    order: Sequence[str],
    records: Sequence[tuple[int, str, str | None]] = (),
    *,
    joined: Mapping[str, int] | None = None,
    left: Mapping[str, int] | None = None,
    merged_into: Mapping[str, str] | None = None,
    excused: Sequence[tuple[str, int, str]] = (),
) -> Bloc:
    """A Bloc built in code: one member per id in ``order``, with its recorded leadership."""
    joined = joined or {}
    left = left or {}
    merged_into = merged_into or {}
    members = tuple(
        Member(
            id=i,
            name=member_name(i),
            short=i.upper(),
            joined=joined.get(i),
            left=left.get(i),
            merged_into=merged_into.get(i),
        )
        for i in order
    )
    return Bloc(
        id=BLOC_ID,
        name="Khối thi đua thử nghiệm",
        organiser="Ủy ban nhân dân tỉnh",
        members=members,
        order=tuple(order),
        leadership=tuple(
            sorted((LeadershipRecord(y, c, v) for y, c, v in records), key=lambda r: r.year)
        ),
        excused=tuple(Excusal(m, y, reason) for m, y, reason in excused),
    )


def loaded_app() -> Any:
    """The app's click group with every command built (the app builds each on first use)."""
    import typer

    from khoi_thidua.cli import app

    root = typer.main.get_command(app)
    context = typer.Context(root)
    for name in root.list_commands(context):  # type: ignore[attr-defined]
        root.get_command(context, name)  # type: ignore[attr-defined]
    return root


def rich_printed(view: Any, width: int = 120) -> str:
    """A rich renderable as khoi prints it through rich to a pipe ``width`` columns wide
    (cli/output.py: no colour, markup, emoji or highlighting; lines right-stripped)."""
    from rich.console import Console

    console = Console(  # a file, never a terminal, whatever pytest's output is
        file=io.StringIO(),
        width=width,
        no_color=True,
        highlight=False,
        emoji=False,
        markup=False,
        soft_wrap=False,
    )
    with console.capture() as capture:
        console.print(view)
    return "\n".join(line.rstrip() for line in capture.get().splitlines()) + "\n"


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def assert_clean_error(result: Result, code: ExitCode, *fragments: str) -> None:
    """Failed with ``code``: a `khoi: error:` naming each fragment, no traceback, no stdout."""
    assert result.exit_code == code, (result.stdout, result.stderr)
    assert "khoi: error:" in result.stderr, result.stderr
    for fragment in fragments:
        assert _flat(fragment) in _flat(result.stderr), result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert "internal error" not in result.stderr
    assert result.stdout == ""


def assert_same_shape(en: Any, vi: Any, human: Collection[str], where: str = "$") -> None:
    """Same keys in the same order, same ids and numbers; only the values under ``human``
    keys (sentences for people, or lists of them of the same length) may differ."""
    assert type(en) is type(vi), where
    if isinstance(en, dict):
        assert list(en) == list(vi), where
        for key in en:
            if key in human and isinstance(en[key], str):
                continue
            if key in human and isinstance(en[key], list):
                assert len(en[key]) == len(vi[key]), f"{where}.{key}"
                continue
            assert_same_shape(en[key], vi[key], human, f"{where}.{key}")
    elif isinstance(en, list):
        assert len(en) == len(vi), where
        for index, (a, b) in enumerate(zip(en, vi, strict=True)):
            assert_same_shape(a, b, human, f"{where}[{index}]")
    else:
        assert en == vi, where
