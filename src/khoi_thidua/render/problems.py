"""Renders data problems found by loading or ``khoi check``."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypedDict

from khoi_thidua.errors import Problem, Severity
from khoi_thidua.i18n import Messages

if TYPE_CHECKING:
    from khoi_thidua.render.sheet import Sheet


def severity_label(msgs: Messages, severity: Severity) -> str:
    """``error`` or ``warning`` in the language in force (the JSON keeps the id)."""
    return msgs.t("warning") if severity == "warning" else msgs.t("error")


def problem_lines(msgs: Messages, problem: Problem) -> str:
    text = f"{problem.location()}: {severity_label(msgs, problem.severity)}: {problem.message}"
    if problem.hint:
        text += "\n    " + msgs.t("fix: {hint}", hint=problem.hint)
    return text


class ProblemEntry(TypedDict):
    """One problem: where it is, how grave, its kind (docs/problem-codes.md), how to fix it."""

    file: str
    key: str
    line: int | None
    severity: Severity
    code: str
    message: str
    hint: str


class BlocCheck(TypedDict):
    """One bloc's problems; ``ok`` when none of them is an error."""

    bloc: str
    ok: bool
    problems: list[ProblemEntry]


class CheckResult(TypedDict):
    """`khoi check --json` (also `--all`), as docs/schemas/check.schema.json publishes it."""

    schema: int
    ok: bool
    blocs: list[BlocCheck]


def _problem_entry(problem: Problem) -> ProblemEntry:
    return {
        "file": problem.file,
        "key": problem.key,
        "line": problem.line,
        "severity": problem.severity,
        "code": problem.code,
        "message": problem.message,
        "hint": problem.hint,
    }


def check_dict(reports: list[tuple[str, list[Problem]]]) -> CheckResult:
    """Every bloc's problems, in the published JSON shape."""
    blocs: list[BlocCheck] = [
        {
            "bloc": bloc_id,
            "ok": not any(p.severity == "error" for p in problems),
            "problems": [_problem_entry(p) for p in problems],
        }
        for bloc_id, problems in reports
    ]
    return {"schema": 1, "ok": all(b["ok"] for b in blocs), "blocs": blocs}


def check_view(msgs: Messages, reports: list[tuple[str, list[Problem]]]) -> Sheet:
    """Each bloc's verdict, then its problems indented (render/sheet.py prints it)."""
    from khoi_thidua.render.sheet import Line, Sheet

    parts: list[Line] = []
    for bloc_id, problems in reports:
        errors = sum(p.severity == "error" for p in problems)
        warnings = len(problems) - errors
        if not problems:
            parts.append(Line(msgs.t("✓ {bloc}: no problems", bloc=bloc_id), style="green"))
            continue
        style = "red" if errors else "yellow"
        counts = ", ".join(
            (
                msgs.tn("{count} error", "{count} errors", errors),
                msgs.tn("{count} warning", "{count} warnings", warnings),
            )
        )
        parts.append(Line(f"✗ {bloc_id}: {counts}", style=f"bold {style}"))
        for problem in problems:
            parts.append(Line("  " + problem_lines(msgs, problem).replace("\n", "\n  ")))
    return Sheet(tuple(parts))
