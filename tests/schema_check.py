"""Validation of a command's JSON document against its published schema (docs/schemas)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

SCHEMAS = Path(__file__).resolve().parents[1] / "docs" / "schemas"


@cache
def schema(name: str) -> dict[str, Any]:
    """The parsed schema ``docs/schemas/NAME.schema.json``."""
    loaded: dict[str, Any] = json.loads(
        (SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8")
    )
    return loaded


def schema_errors(name: str, document: Any) -> list[str]:
    """What in ``document`` the schema ``name`` refuses (none: it fits)."""
    validator = Draft202012Validator(schema(name))
    return [error.message for error in validator.iter_errors(document)]
