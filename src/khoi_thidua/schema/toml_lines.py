"""Maps the key paths of a TOML text to the lines where they are written, for messages."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

# `[^\]]*` cannot overlap what follows it, so a long line is matched in linear time; a lazy
# `\s*(.+?)\s*` here took minutes on a 4,000-character line inside a multi-line string.
_HEADER = re.compile(r"^\s*(\[\[?)([^\]]*)\]\]?\s*(#.*)?$")
_ASSIGN = re.compile(
    r"^\s*((?:[A-Za-z0-9_-]+|\"[^\"]*\"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|\"[^\"]*\"|'[^']*'))*)\s*="
)


def _key_parts(raw: str) -> list[str]:
    parts = re.findall(r"\"([^\"]*)\"|'([^']*)'|([A-Za-z0-9_-]+)", raw)
    return [next(p for p in groups if p) if any(groups) else "" for groups in parts]


def key_lines(text: str) -> dict[str, int]:
    """Best-effort map from paths like ``members[2].id`` to 1-based line numbers.

    It reads headers and ``key =`` lines only; it never fails, whatever the text.
    """
    lines: dict[str, int] = {}
    array_counts: dict[str, int] = {}
    current = ""
    for number, line in enumerate(text.splitlines(), start=1):
        header = _HEADER.match(line)
        if header:
            name = ".".join(_key_parts(header.group(2)))
            if header.group(1) == "[[":
                index = array_counts.get(name, -1) + 1
                array_counts[name] = index
                # a new parent entry starts its nested arrays of tables again at [0]
                for nested in [k for k in array_counts if k.startswith(name + ".")]:
                    del array_counts[nested]
                # nested array tables are indexed under the latest parent entry
                current = _indexed(name, array_counts)
            else:
                current = _indexed(name, array_counts)
            lines.setdefault(current, number)
            continue
        assign = _ASSIGN.match(line)
        if assign:
            key = ".".join(_key_parts(assign.group(1)))
            path = f"{current}.{key}" if current else key
            lines.setdefault(path, number)
    return lines


def _indexed(name: str, array_counts: dict[str, int]) -> str:
    parts = name.split(".")
    out: list[str] = []
    for i in range(len(parts)):
        prefix = ".".join(parts[: i + 1])
        out.append(parts[i])
        if prefix in array_counts:
            out[-1] += f"[{array_counts[prefix]}]"
    return ".".join(out)


def line_for(lines: Mapping[str, int], key: str) -> int | None:
    """The line of ``key`` or of its nearest written ancestor."""
    while key:
        if key in lines:
            return lines[key]
        trimmed = re.sub(r"(\[\d+\]|\.[^.\[\]]+)$", "", key)
        if trimmed == key:
            break
        key = trimmed
    return None


class LazyLines(Mapping[str, int]):
    """``key_lines(text)``, computed only when a message first needs a line number.

    Valid files, the common case, never pay for the scan.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._lines: dict[str, int] | None = None

    def _get(self) -> dict[str, int]:
        if self._lines is None:
            self._lines = key_lines(self._text)
        return self._lines

    def __getitem__(self, key: str) -> int:
        return self._get()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._get())

    def __len__(self) -> int:
        return len(self._get())
