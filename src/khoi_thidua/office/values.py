"""Turns one sheet cell into a results value of the column's kind, or says why it cannot."""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from decimal import Decimal

from khoi_thidua.i18n import Messages
from khoi_thidua.office.columns import (
    BOOLEAN,
    DATE,
    DISCIPLINE,
    INTEGER,
    NUMBER,
    PERCENT,
    RATING,
    TEXT,
    boolean_from,
    discipline_from,
    rating_from,
)
from khoi_thidua.office.grids import Cell

_DECIMAL = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")
_WHOLE = re.compile(r"^[+-]?\d+$")
_DAY_FIRST = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")


class CellValueError(ValueError):
    """The cell's content does not fit its column; the message and hint say how to fix it."""

    def __init__(self, message: str, hint: str = "", *, code: str) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.code = code  # the problem code (docs/problem-codes.md) of the cell it is told at


def text_of(value: object) -> str:
    """A cell as text, NFC-normalised and stripped; whole numbers lose their ".0"."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    return unicodedata.normalize("NFC", str(value)).strip()


def convert(msgs: Messages, cell: Cell, kind: str) -> object:
    """The value of a non-blank ``cell`` for a column of ``kind``; raises CellValueError."""
    value = cell.value
    if kind == TEXT:
        return text_of(value)
    if kind == NUMBER:
        return _number(msgs, value)
    if kind == PERCENT:
        number = _number(msgs, value, percent_sign=True)
        # A cell formatted as a percentage holds 0.85 for "85%"; otherwise the sheet says 85.
        percent = number * 100 if "%" in cell.number_format else number
        if not 0 <= percent <= 100:
            raise CellValueError(
                msgs.t("{percent}% is not a percentage between 0 and 100", percent=f"{percent:g}"),
                msgs.t("type e.g. 85 for 85%"),
                code="out-of-range",
            )
        # Shifting the decimal point of the number as typed gives the float of the decimal a
        # person writes in TOML (0.65 → 0.0065), where dividing by 100 adds float noise.
        return number if "%" in cell.number_format else percent_share(number)
    if kind == INTEGER:
        return _whole(msgs, value)
    if kind == RATING:
        rating = rating_from(text_of(value)) if isinstance(value, str) else None
        if rating is None:
            raise CellValueError(
                msgs.t("{value} is not a task-completion rating", value=repr(text_of(value))),
                msgs.t(
                    "choose from the list: Hoàn thành xuất sắc nhiệm vụ, Hoàn thành tốt nhiệm "
                    "vụ, Hoàn thành nhiệm vụ, Không hoàn thành nhiệm vụ (or excellent, good, "
                    "done, failed)"
                ),
                code="not-allowed",
            )
        return rating.value
    if kind == DISCIPLINE:
        discipline = discipline_from(text_of(value)) if isinstance(value, str) else None
        if discipline is None:
            raise CellValueError(
                msgs.t("{value} is not a disciplinary measure", value=repr(text_of(value))),
                msgs.t("choose from the list (Không, Khiển trách, Cảnh cáo, …) or leave it empty"),
                code="not-allowed",
            )
        return discipline.value
    if kind == BOOLEAN:
        flag = value if isinstance(value, bool) else boolean_from(text_of(value))
        if flag is None:
            raise CellValueError(
                msgs.t("{value} is not Có or Không", value=repr(text_of(value))),
                msgs.t("choose Có or Không"),
                code="not-allowed",
            )
        return flag
    if kind == DATE:
        return _date(msgs, value)
    raise AssertionError(f"unknown column kind {kind}")


def percent_share(percent: float) -> float:
    """``percent`` as a share of 1, exactly as its decimal digits say (65 → 0.65)."""
    return float(Decimal(repr(percent)).scaleb(-2))


def percent_text(share: float) -> str:
    """``share`` of 1 as the percentage a person types (0.65 → "65")."""
    return f"{Decimal(repr(share)).scaleb(2).normalize():f}"


def fraction_typed(msgs: Messages, cell: Cell, kind: str) -> float | None:
    """The number of a percent cell holding 0 < value ≤ 1 with no % sign or format: likely a
    share typed as a fraction (0.65 for 65%); None otherwise."""
    if kind != PERCENT or "%" in cell.number_format:
        return None
    if isinstance(cell.value, str) and "%" in cell.value:
        return None
    try:
        number = _number(msgs, cell.value, percent_sign=True)
    except CellValueError:
        return None
    return number if 0 < number <= 1 else None


def _number(msgs: Messages, value: object, percent_sign: bool = False) -> float:
    if isinstance(value, bool | dt.date):
        raise CellValueError(
            msgs.t("{value} is not a number", value=repr(text_of(value))),
            msgs.t("type a number"),
            code="wrong-type",
        )
    if isinstance(value, int | float):
        number = float(value)
    else:
        text = text_of(value).replace(" ", "").replace("\u00a0", "")
        if percent_sign:
            text = text.removesuffix("%")
        if not _DECIMAL.match(text):
            raise CellValueError(
                msgs.t("{value} is text where a number belongs", value=repr(text_of(value))),
                msgs.t("type a number, e.g. 96,5"),
                code="wrong-type",
            )
        number = float(text.replace(",", "."))
    if not math.isfinite(number):
        raise CellValueError(msgs.t("the number is not finite"), code="not-finite")
    return number


def _whole(msgs: Messages, value: object) -> int:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    text = text_of(value) if isinstance(value, str) else ""
    if _WHOLE.match(text):
        return int(text)
    raise CellValueError(
        msgs.t("{value} is not a whole number", value=repr(text_of(value))),
        msgs.t("type a whole number"),
        code="wrong-type",
    )


def _date(msgs: Messages, value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = text_of(value)
    match = _DAY_FIRST.match(text)
    try:
        if match:
            day, month, year = (int(g) for g in match.groups())
            return dt.date(year, month, day)
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CellValueError(
            msgs.t("{value} is not a date", value=repr(text)),
            msgs.t("type the date as dd/mm/yyyy, e.g. 07/01/2022"),
            code="bad-date",
        ) from None
