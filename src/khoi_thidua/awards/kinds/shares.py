"""Shares a rule asks for (“more than half”, “at least 2/3”), read and compared exactly."""

from __future__ import annotations

import re
from fractions import Fraction

from khoi_thidua.records import record
from khoi_thidua.schema.fields import FieldReader, Table, join

SIMPLE_DENOMINATORS = range(2, 13)  # halves … twelfths: the shares a body writes as a fraction
_FRACTION = re.compile(r"^\s*(\d+)\s*/\s*(\d+)\s*$")


def threshold(written: float) -> Fraction:
    """The share a decimal threshold stands for, exactly.

    A decimal of three or more places that is a rounding of a simple fraction stands for that
    fraction: ``0.6667`` or ``0.667`` is two thirds, so exactly 2 votes of 3 (or 6 of 9) meet
    "at least 0.6667". Any other value is taken exactly as written (0.5, 0.55, 0.7). Packs
    written today say ``"2/3"`` instead, which needs no guessing.
    """
    text = str(written)
    exact = Fraction(text)
    places = len(text.partition(".")[2]) if "e" not in text else 0
    if places >= 3:
        half_unit = Fraction(1, 2 * 10**places)
        for denominator in SIMPLE_DENOMINATORS:
            candidate = Fraction(round(exact * denominator), denominator)
            if abs(candidate - exact) < half_unit:
                return candidate
    return exact


@record
class Share:
    """A threshold: the exact share, whether it must be exceeded, and how the pack wrote it."""

    key: str  # the pack key it was written under (`more_than`, `at_least`, …)
    value: Fraction
    strict: bool  # "more than" rather than "at least"
    written: float | str  # 0.5, 0.6667 or "2/3", kept for the published parameters

    def met_by(self, share: Fraction) -> bool:
        # Shares compare exactly, as fractions: 4 votes of 8 is not "more than half".
        return share > self.value if self.strict else share >= self.value


def parse_share(
    reader: FieldReader, table: Table, path: str, keys: tuple[str, str], strict_key: str
) -> Share | None:
    """Exactly one of ``keys``: a decimal share (0.5) or a fraction written "2/3"."""
    given = [k for k in keys if k in table]
    if len(given) != 1:
        reader.error(
            path,
            reader.t(
                "give exactly one of {keys}", keys=reader.t(" or ").join(f"`{k}`" for k in keys)
            ),
            reader.t("e.g. `{key} = 0.5` (a share between 0 and 1)", key=keys[0]),
            code="exactly-one-of",
        )
        return None
    key = given[0]
    raw = table[key]
    if isinstance(raw, str):
        match = _FRACTION.match(raw)
        if match is None or int(match[2]) == 0 or int(match[1]) > int(match[2]):
            reader.error(
                join(path, key),
                reader.t("`{key}` = {value} is not a share", key=key, value=repr(raw)),
                reader.t('write a fraction such as "2/3" or a decimal between 0 and 1'),
                code="not-a-share",
            )
            return None
        return Share(key, Fraction(int(match[1]), int(match[2])), key == strict_key, raw)
    number = reader.number(table, key, path, minimum=0, maximum=1)
    if number is None:
        return None
    return Share(key, threshold(number), key == strict_key, number)
