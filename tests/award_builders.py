"""Builders for award tests: results, rule packs parsed from dicts, and results files on disk."""

from __future__ import annotations

import copy
import hashlib
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import tomli_w

from khoi_thidua.awards.conditions import Facts
from khoi_thidua.awards.rules import RulePack
from khoi_thidua.i18n import ENGLISH
from khoi_thidua.model import (
    Discipline,
    GrantedAward,
    MemberResult,
    Rating,
    StaffFigures,
    YearResults,
)
from khoi_thidua.schema.pack import apply_override, parse_pack

YEAR = 2021
PACK_2003 = "luat-2003-nd91"
PACK_2022 = "luat-2022-nd98"
PACK_2025 = "luat-2022-nd152"
SAMPLE_NAMES = {
    "btc": "Ban Tổ chức Tỉnh ủy",
    "dukcq": "Đảng ủy Khối các cơ quan - doanh nghiệp tỉnh",
    "tct": "Trường Chính trị Nguyễn Văn Linh",
    "bnc": "Ban Nội chính Tỉnh ủy",
    "btg": "Ban Tuyên giáo Tỉnh ủy",
    "ubkt": "Ủy ban Kiểm tra Tỉnh ủy",
    "vptu": "Văn phòng Tỉnh ủy",
    "bdv": "Ban Dân vận Tỉnh ủy",
}


# -- objects made in code ------------------------------------------------------------------


def result(
    member: str,
    score: float = 90.0,
    rating: str = "excellent",
    *,
    votes: Mapping[str, int] | None = None,
    self_score: float | None = None,
    discipline: str = "none",
    staff: StaffFigures | None = None,
    votes_recorded: bool = True,
) -> MemberResult:
    """One member's result; ``votes`` maps award ids to the votes received."""
    return MemberResult(
        member=member,
        score=score,
        rating=Rating(rating),
        self_score=self_score,
        discipline=Discipline(discipline),
        staff=staff,
        votes=tuple((votes or {}).items()),
        votes_recorded=votes_recorded,
    )


def year_results(
    year: int,
    results: Sequence[MemberResult],
    *,
    ballots: int | None = 8,
    granted: Sequence[tuple[str, str]] = (),
) -> YearResults:
    """A year's results; ``granted`` lists (member, award) pairs granted for that year."""
    return YearResults(
        year=year,
        results=tuple(results),
        ballots=ballots,
        granted=tuple(
            GrantedAward(member, award, f"Quyết định số {i + 1}/QĐ-UBND", f"{year + 1}-03-15")
            for i, (member, award) in enumerate(granted)
        ),
    )


def facts(
    results: YearResults,
    history: Sequence[YearResults] = (),
    ranks: Mapping[str, int] | None = None,
) -> Facts:
    """What conditions look at: ``results`` as this year, ``history`` as the earlier years."""
    return Facts(
        year=results.year,
        results=results,
        history={h.year: h for h in history},
        ranks=dict(ranks or {r.member: i + 1 for i, r in enumerate(results.results)}),
    )


# -- rule packs parsed from dicts, so that every test pack is one the parser accepts -------


def award_doc(
    award_id: str,
    conditions: Sequence[Mapping[str, Any]] = (),
    quota: Mapping[str, Any] | None = None,
    *,
    track: str = "bloc",
    name: str | None = None,
) -> dict[str, Any]:
    """An ``[[awards]]`` table; the quota defaults to no cap."""
    doc: dict[str, Any] = {
        "id": award_id,
        "name": name or f"Giải {award_id}",
        "basis": f"căn cứ của {award_id}",
        "track": track,
        "conditions": [dict(c) for c in conditions],
    }
    if quota is not None:
        doc["quota"] = dict(quota)
    return doc


def make_pack(
    awards: Sequence[Mapping[str, Any]],
    *,
    tie_break: Sequence[str] = (),
    years: tuple[int, int | None] = (2018, None),
    notes: Sequence[str | dict[str, str]] = (),
) -> RulePack:
    """A rule pack parsed from ``awards`` (dicts as in a pack file); it must parse cleanly."""
    span: dict[str, int] = {"from": years[0]}
    if years[1] is not None:
        span["to"] = years[1]
    doc = {
        "schema": 1,
        "id": "goi-thu",
        "name": "Gói quy tắc thử nghiệm",
        "years": span,
        "tie_break": list(tie_break),
        "notes": list(notes),
        "awards": [copy.deepcopy(dict(a)) for a in awards],
    }
    pack, problems = parse_pack(ENGLISH, doc, "goi-thu.toml")
    assert pack is not None, problems
    assert not problems, problems
    return pack


def override(pack: RulePack, doc: Mapping[str, Any]) -> RulePack:
    """``pack`` with an override document applied; it must apply cleanly."""
    new, problems = apply_override(ENGLISH, pack, {"schema": 1, **doc}, "rules.toml")
    assert new is not None, problems
    return new


# -- files on disk ---------------------------------------------------------------------------


def write_toml(path: Path, doc: Mapping[str, Any]) -> Path:
    """Write ``doc`` as UTF-8 TOML at ``path``."""
    path.write_text(tomli_w.dumps(copy.deepcopy(dict(doc))), encoding="utf-8")
    return path


def results_doc(
    year: int,
    results: Mapping[str, Mapping[str, Any]],
    *,
    ballots: int | None = 8,
    granted: Sequence[Mapping[str, Any]] = (),
) -> dict[str, Any]:
    """A results-YEAR.toml document; ``results`` maps member ids to their tables."""
    doc: dict[str, Any] = {
        "schema": 1,
        "year": year,
        "results": {k: dict(v) for k, v in results.items()},
    }
    if ballots is not None:
        doc["conference"] = {"ballots": ballots}
    if granted:
        doc["granted"] = [dict(g) for g in granted]
    return doc


def write_results(bloc_dir: Path, year: int, doc: Mapping[str, Any]) -> Path:
    """Write ``doc`` as ``bloc_dir/results-YEAR.toml``."""
    return write_toml(bloc_dir / f"results-{year}.toml", doc)


def set_rules_file(bloc_dir: Path, name: str = "rules.toml") -> None:
    """Point the bloc's bloc.toml at an override file (``rules = name``) at the top level."""
    path = bloc_dir / "bloc.toml"
    text = path.read_text(encoding="utf-8")
    assert "\nrules =" not in text
    path.write_text(f'rules = "{name}"\n' + text, encoding="utf-8")


def edit(path: Path, old: str, new: str) -> None:
    """Replace the one occurrence of ``old`` in a text file."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {path.name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def snapshot(root: Path) -> dict[str, str]:
    """Every path under ``root`` with the hash of its bytes ("dir" for a folder)."""
    return {
        path.relative_to(root).as_posix(): (
            "dir" if path.is_dir() else hashlib.sha256(path.read_bytes()).hexdigest()
        )
        for path in sorted(root.rglob("*"))
    }
