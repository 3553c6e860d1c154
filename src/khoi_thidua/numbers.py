"""Numbers, percentages and dates written the Vietnamese way (97,5 · 1.234,5 · 08/01/2022)."""

from __future__ import annotations

import math
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

# (decimal mark, thousands separator) by language: Vietnamese writes 1.234,5, as the vi-VN
# locale of Windows and Excel does; English 1,234.5.
_MARKS = {"vi": (",", "."), "en": (".", ",")}
_GROUP = 3

# A share without a requested precision is shown to one decimal ("66,7%"): finer digits in a
# percentage read as noise in minutes and proposal letters.
PERCENT_DECIMALS = 1


def format_number(value: float, lang: str, decimals: int | None = None) -> str:
    """``value`` with the decimal mark and thousands separator of ``lang`` ("vi" or "en").

    With ``decimals`` the number is rounded half away from zero to exactly that many places
    (97.25 → "97,3"); without, it is written with the digits it has and no trailing ",0" for a
    whole number (97.5 → "97,5", 100.0 → "100"). Not for years or ids, which take no separator.
    Raises ``ValueError`` for NaN, infinities, negative ``decimals`` or an unknown ``lang``.
    """
    return _format(_decimal(value), lang, decimals)


def format_percent(share: float, lang: str, decimals: int | None = None) -> str:
    """``share`` (2/3 for two thirds) as a percentage: "66,7%" in "vi", "66.7%" in "en".

    Without ``decimals``, rounded to one decimal and no trailing ",0" ("20%"); with it, exactly
    that many places.
    """
    percent = _decimal(share) * 100
    if decimals is None:
        percent = _round(percent, PERCENT_DECIMALS)
    return _format(percent, lang, decimals) + "%"


def format_date(iso: str, lang: str) -> str:
    """An ISO date ("2022-01-08") as "08/01/2022" in "vi", unchanged ISO in "en"."""
    _marks(lang)
    day = date.fromisoformat(iso.strip())
    if lang == "vi":
        return f"{day.day:02d}/{day.month:02d}/{day.year:04d}"
    return day.isoformat()


def _format(number: Decimal, lang: str, decimals: int | None) -> str:
    mark, separator = _marks(lang)
    if decimals is not None:
        number = _round(number, decimals)
    elif number == number.to_integral_value():
        number = number.quantize(Decimal(1))
    whole, _, fraction = f"{abs(number):f}".partition(".")
    groups: list[str] = []
    while len(whole) > _GROUP:
        groups.insert(0, whole[-_GROUP:])
        whole = whole[:-_GROUP]
    groups.insert(0, whole)
    sign = "-" if number < 0 else ""  # a rounded -0.04 is "0,0", never "-0,0"
    return sign + separator.join(groups) + (mark + fraction if fraction else "")


def _round(number: Decimal, decimals: int) -> Decimal:
    if decimals < 0:
        raise ValueError(f"decimals must be 0 or more, not {decimals}")
    # Half away from zero on the shortest decimal form, as people and spreadsheets round:
    # 2.675 → 2.68, where the binary float (2.67499…) would give 2.67.
    return number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def _decimal(value: float) -> Decimal:
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"cannot format {value!r} as a number")
    # repr gives the shortest decimal that reads back as the same float: 0.1 is 0.1, not
    # 0.1000000000000000055511151231257827.
    return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)


def _marks(lang: str) -> tuple[str, str]:
    try:
        return _MARKS[lang]
    except KeyError:
        raise ValueError(f"unsupported language {lang!r}; use one of {sorted(_MARKS)}") from None
