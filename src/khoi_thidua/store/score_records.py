"""Writes scores: returned sheets into scores-YEAR.toml, final scores into results-YEAR.toml."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from khoi_thidua import i18n
from khoi_thidua.errors import DataError, MissingInputError
from khoi_thidua.i18n import t
from khoi_thidua.model import Bloc, Rating, WriteStatus
from khoi_thidua.plan import ConferenceSheet, Plan, ReturnedSheet
from khoi_thidua.records import record
from khoi_thidua.schema.toml_lines import LazyLines
from khoi_thidua.store.plans import bloc_for_year
from khoi_thidua.store.reading import display, results_file, toml_document
from khoi_thidua.store.records import results_from_text
from khoi_thidua.store.writing import update_text_file


@record
class ComputedScore:
    """What is written for one unit: final score, self-score and the counted criteria."""

    member: str
    score: float
    self_score: float | None
    criteria: tuple[tuple[str, float], ...]
    rating_cap: str | None = None  # a rating better than this is lowered to it (the plan says so)


@record
class ScoresOutcome:
    """What `khoi scores --write` did: units written, unchanged, and units with no entry."""

    file: str
    written: tuple[str, ...]
    unchanged: tuple[str, ...]
    no_entry: tuple[str, ...]


def write_scores(
    bloc_dir: Path,
    bloc: Bloc,
    year: int,
    scores: list[ComputedScore],
    source: str,
    timeout: float | None = None,
) -> ScoresOutcome:
    """Set `score`, `self_score` and `criteria` of each unit in results-YEAR.toml, under the lock.

    A rating better than the unit's ``rating_cap`` is lowered to it (only when the plan asks).
    Each written score carries a comment naming the plan it was computed from. A unit with no
    `[results.<id>]` entry is left out (its rating and votes are the conference's to record);
    the whole file is checked before it is written, and nothing is written on any problem.
    """
    import tomlkit

    path = results_file(bloc_dir, year)
    name = display(path)
    year_bloc = bloc_for_year(bloc_dir, bloc, year)

    def change(current: str | None) -> tuple[str | None, ScoresOutcome]:
        if current is None:
            raise MissingInputError(
                t("no results for {year}: {file} does not exist", year=year, file=name),
                t(
                    "fill the sheet of `khoi template {year}` and read it with "
                    "`khoi import-results {year} FILE`, or write results-{year}.toml by hand "
                    "(docs/data.md)",
                    year=year,
                ),
            )
        document = tomlkit.parse(current)
        table = document.get("results")
        written: list[str] = []
        unchanged: list[str] = []
        missing: list[str] = []
        for item in scores:
            entry = table.get(item.member) if table is not None else None
            if entry is None:
                missing.append(item.member)
                continue
            before = (entry.get("score"), entry.get("self_score"), entry.get("criteria"))
            capped = _capped(entry, item.rating_cap, source)
            entry["score"] = item.score
            entry["score"].comment(
                t("computed from {plan}; see `khoi scores {year}`", plan=source, year=year)
            )
            if item.self_score is not None:
                entry["self_score"] = item.self_score
            criteria = tomlkit.inline_table()
            criteria.update(dict(item.criteria))
            entry["criteria"] = criteria
            after = (item.score, item.self_score, dict(item.criteria))
            same = before == after and not capped
            (unchanged if same else written).append(item.member)
        text = tomlkit.dumps(document)
        results_from_text(text, year_bloc, year, name)  # never write what khoi cannot read back
        outcome = ScoresOutcome(name, tuple(written), tuple(unchanged), tuple(missing))
        return (text if written else None), outcome

    return update_text_file(path, change, timeout)


@record
class ReturnedOutcome:
    """What `khoi import-scores` did to scores-YEAR.toml: sheets taken in, and whether changed."""

    file: str
    status: WriteStatus
    sheets: tuple[tuple[str, str, str], ...]  # (kind, unit, scorer)


def record_returned(
    bloc_dir: Path,
    bloc: Bloc,
    plan: Plan,
    sheets: list[ReturnedSheet],
    timeout: float | None = None,
    conference: ConferenceSheet | None = None,
) -> ReturnedOutcome:
    """Merge returned sheets into scores-YEAR.toml under the lock, keeping everything else.

    A sheet replaces the same unit's self-score (and evidence) or the same scorer's cross
    score for that unit; agreed scores, reasons and the rest stay. The merged file is checked
    against the plan before it is written, and nothing is written on any problem. The
    ``conference`` workbook replaces the agreed scores, reasons, bonus, penalty, disqualifying
    criteria failed and mid-year review of every unit it lists.
    """
    import tomlkit

    from khoi_thidua.schema.scores import parse_scores
    from khoi_thidua.store.plans import scores_file

    path = scores_file(bloc_dir, plan.year)
    name = display(path)
    taken = tuple((s.kind, s.unit, s.scorer) for s in sheets)

    def change(current: str | None) -> tuple[str | None, ReturnedOutcome]:
        if current is None:
            document = tomlkit.document()
            document.add(tomlkit.comment(f"Điểm thi đua năm {plan.year} — {bloc.name}"))
            document.add(tomlkit.comment("Written by `khoi import-scores`; see docs/year.md."))
            document.add("schema", 1)
            document.add("year", plan.year)
        else:
            document = tomlkit.parse(current)
        if "units" not in document:
            document.add("units", tomlkit.table(is_super_table=True))
        units = document["units"]
        for sheet in sorted(sheets, key=lambda s: (s.unit, s.kind, s.scorer)):
            if sheet.unit not in units:
                units.add(sheet.unit, tomlkit.table())
            entry = units[sheet.unit]
            if sheet.kind == "pledge":
                pledged = tomlkit.inline_table()
                pledged.update(sheet.texts)
                entry["pledged"] = pledged
                continue
            scores = tomlkit.inline_table()
            scores.update({c.id: sheet.scores[c.id] for c in plan.criteria if c.id in sheet.scores})
            if sheet.kind == "self":
                entry["self"] = scores
                if sheet.texts:
                    evidence = tomlkit.inline_table()
                    evidence.update(sheet.texts)
                    entry["evidence"] = evidence
                elif "evidence" in entry:
                    del entry["evidence"]
            else:
                if "cross" not in entry:
                    entry.add("cross", tomlkit.table())
                entry["cross"][sheet.scorer] = scores
        if conference is not None:
            _merge_conference(units, conference)
        text = tomlkit.dumps(document)
        doc = toml_document(text, name)
        parsed, problems = parse_scores(i18n.current(), doc, bloc, plan, name, LazyLines(text))
        if parsed is None:
            raise DataError(i18n.current(), problems)
        if current is not None and text == current:
            return None, ReturnedOutcome(name, "unchanged", taken)
        return text, ReturnedOutcome(name, "written", taken)

    return update_text_file(path, change, timeout)


def _capped(entry: Any, cap: str | None, source: str) -> bool:
    """Lower ``entry``'s rating to ``cap`` when it is better; True when it changed."""
    rating = entry.get("rating")
    if cap is None or rating not in {r.value for r in Rating}:
        return False
    if Rating(rating).rank >= Rating(cap).rank:
        return False
    entry["rating"] = cap
    entry["rating"].comment(
        t("capped by a disqualifying criterion (điểm liệt) of {plan}", plan=source)
    )
    return True


def _merge_conference(units: Any, sheet: ConferenceSheet) -> None:
    """Set the conference's decisions of each unit the workbook lists; a value already recorded
    as it is stays untouched, so that importing the same workbook again changes nothing."""
    import tomlkit

    reviews = dict(sheet.mid_year)
    for inputs in sheet.inputs:
        review = reviews.get(inputs.unit)
        mid_year: dict[str, float | str] = {}
        if review is not None and review.score is not None:
            mid_year["score"] = review.score
        if review is not None and review.note:
            mid_year["note"] = review.note
        wanted: dict[str, Mapping[str, float | str] | list[str]] = {
            "agreed": _whole(inputs.agreed),
            "reasons": dict(inputs.reasons),
            "bonus": _whole(inputs.bonus),
            "penalty": _whole(inputs.penalty),
            "failed": list(inputs.failed),
            "mid_year": mid_year,
        }
        if inputs.unit not in units:
            if not any(wanted.values()):
                continue
            units.add(inputs.unit, tomlkit.table())
        entry = units[inputs.unit]
        for key, value in wanted.items():
            current = entry.get(key)
            if not value:
                if current is not None:
                    del entry[key]
            elif current is None or current.unwrap() != value:
                if isinstance(value, dict):
                    table = tomlkit.inline_table()
                    table.update(value)
                    entry[key] = table
                else:
                    entry[key] = value


def _whole(points: Mapping[str, float]) -> dict[str, float | int]:
    """Points as typed: 39 rather than 39.0."""
    return {k: int(v) if float(v).is_integer() else v for k, v in points.items()}
