"""The khoi exception family: each error carries its message, a hint and its exit code."""

from __future__ import annotations

from dataclasses import field
from enum import IntEnum
from typing import Literal

from khoi_thidua.i18n import Messages
from khoi_thidua.records import record


class ExitCode(IntEnum):
    """Process exit codes; BSD ``sysexits`` numbers where one fits."""

    OK = 0
    REFUSED = 1  # a write was refused because it conflicts with what is recorded
    PARTIAL = 2  # a run over several blocs where some failed (each reported)
    USAGE = 64  # EX_USAGE: bad command line, unknown or ambiguous member
    DATA = 65  # EX_DATAERR: the data files are invalid
    NO_INPUT = 66  # EX_NOINPUT: a file or folder that should exist does not
    SOFTWARE = 70  # EX_SOFTWARE: an internal error in khoi (a bug; please report)
    CANT_CREATE = 73  # EX_CANTCREAT: an output file could not be written
    TEMP_FAIL = 75  # EX_TEMPFAIL: the data is locked by another run; try again later


Severity = Literal["error", "warning"]


@record
class Problem:
    """One thing wrong with a data file, located as precisely as the parser allows."""

    file: str
    key: str
    message: str
    hint: str = ""
    line: int | None = None
    severity: Severity = "error"  # "error" stops loading; "warning" is reported only
    # A stable kebab-case name for the kind of problem (docs/problem-codes.md), for code that
    # acts on it: logic never matches the message, which is translated. Required, keyword-only.
    code: str = field(kw_only=True)

    def location(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
        if self.key:
            where += f" [{self.key}]"
        return where


class KhoiError(Exception):
    """Base of every error khoi reports to the user without a traceback."""

    exit_code: ExitCode = ExitCode.SOFTWARE
    code = "internal-error"  # the problem code when this error is told as a Problem

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    @property
    def what(self) -> str:
        """The stable code of what the message tells (docs/problem-codes.md): the error's own
        code, or for invalid data the code of the one problem the message names."""
        return self.code


class UsageError(KhoiError):
    """The command line asks for something that cannot be (unknown member, bad year…)."""

    exit_code = ExitCode.USAGE
    code = "usage"


class DataError(KhoiError):
    """One or more data files are invalid; ``problems`` lists every one found."""

    exit_code = ExitCode.DATA
    code = "invalid-data"

    def __init__(self, msgs: Messages, problems: list[Problem], message: str = "") -> None:
        errors = [p for p in problems if p.severity == "error"]
        if not problems:
            super().__init__(message or msgs.t("the data is invalid"))
        else:
            first = errors[0] if errors else problems[0]
            text = message or (
                f"{first.location()}: {first.message}"
                if len(errors) <= 1
                else msgs.t(
                    "{count} problems in the data (run `khoi check` to see them all)",
                    count=len(errors),
                )
            )
            super().__init__(text, first.hint if len(errors) <= 1 else "")
        self.problems = problems
        self.named = first if problems and len(errors) <= 1 and not message else None

    @property
    def what(self) -> str:
        return self.code if self.named is None else self.named.code


class MissingInputError(KhoiError):
    """A file or folder khoi needs is not there."""

    exit_code = ExitCode.NO_INPUT
    code = "missing-input"


class WriteError(KhoiError):
    """An output file could not be written; the original is untouched."""

    exit_code = ExitCode.CANT_CREATE
    code = "cannot-write"


class LockTimeoutError(KhoiError):
    """Another khoi run holds the lock on this data; nothing was written."""

    exit_code = ExitCode.TEMP_FAIL
    code = "locked"


class RefusedError(KhoiError):
    """A write was refused because something different is already recorded."""

    exit_code = ExitCode.REFUSED
    code = "refused"


class InternalError(KhoiError):
    """Something khoi did not expect went wrong (a bug); in a batch it stops one bloc only."""

    exit_code = ExitCode.SOFTWARE

    @classmethod
    def from_exception(cls, msgs: Messages, exc: BaseException) -> InternalError:
        return cls(
            msgs.t("internal error: {error}", error=f"{type(exc).__name__}: {exc}"[:500]),
            msgs.t(
                "this is a bug in khoi; run again with KHOI_DEBUG=1 for the traceback and report it"
            ),
        )
