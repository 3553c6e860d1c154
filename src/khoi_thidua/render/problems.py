"""Renders data problems found by loading or ``khoi check``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from khoi_thidua.errors import Problem
from khoi_thidua.i18n import Messages

if TYPE_CHECKING:
    from rich.console import RenderableType


def severity_label(msgs: Messages, severity: str) -> str:
    """``error`` or ``warning`` in the language in force (the JSON keeps the id)."""
    return msgs.t("warning") if severity == "warning" else msgs.t("error")


def problem_lines(msgs: Messages, problem: Problem) -> str:
    text = f"{problem.location()}: {severity_label(msgs, problem.severity)}: {problem.message}"
    if problem.hint:
        text += "\n    " + msgs.t("fix: {hint}", hint=problem.hint)
    return text


def check_dict(reports: list[tuple[str, list[Problem]]]) -> dict[str, Any]:
    blocs = [
        {
            "bloc": bloc_id,
            "ok": not any(p.severity == "error" for p in problems),
            "problems": [p.as_dict() for p in problems],
        }
        for bloc_id, problems in reports
    ]
    return {"schema": 1, "ok": all(b["ok"] for b in blocs), "blocs": blocs}


def check_view(msgs: Messages, reports: list[tuple[str, list[Problem]]]) -> RenderableType:
    from rich.console import Group
    from rich.text import Text

    parts: list[RenderableType] = []
    for bloc_id, problems in reports:
        errors = sum(p.severity == "error" for p in problems)
        warnings = len(problems) - errors
        if not problems:
            parts.append(Text(msgs.t("✓ {bloc}: no problems", bloc=bloc_id), style="green"))
            continue
        style = "red" if errors else "yellow"
        counts = ", ".join(
            (
                msgs.tn("{count} error", "{count} errors", errors),
                msgs.tn("{count} warning", "{count} warnings", warnings),
            )
        )
        summary = f"✗ {bloc_id}: {counts}"
        parts.append(Text(summary, style=f"bold {style}"))
        for problem in problems:
            parts.append(Text("  " + problem_lines(msgs, problem).replace("\n", "\n  ")))
    return Group(*parts)
