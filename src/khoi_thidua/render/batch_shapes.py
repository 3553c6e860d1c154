"""The JSON shapes of the ``--all`` runs and of ``summary``, as TypedDicts that mypy checks.

They mirror docs/schemas/rotate-all, propose-all and summary (tests/test_json_shapes.py compares
them). A bloc's entry is either done (``ok`` true, with its result) or failed (``ok`` false, with
the error): a union that ``ok`` tells apart, so a renderer reads a result only after the check.
"""

from __future__ import annotations

from typing import Literal, TypedDict

from khoi_thidua.render.proposal_shapes import ProposalResult
from khoi_thidua.render.shapes import BlocRef, PolicyBlocRef, RotateResult

CapBase = Literal["leaders", "standard"]  # what a province-wide cap's percentage is taken of


class BlocId(TypedDict):
    """A bloc whose file could not be read: its folder's name only."""

    id: str


class ErrorEntry(TypedDict):
    """Why a bloc failed: the message, how to fix it, the stable code of what the message tells
    (docs/problem-codes.md) and the exit code it would give alone."""

    message: str
    hint: str
    code: str
    exit_code: int


class FailedEntry(TypedDict):
    """A bloc that failed in a batch run."""

    bloc: BlocId
    ok: Literal[False]
    error: ErrorEntry


class RotateDone(TypedDict):
    """A bloc of `khoi rotate --all`, with its year's leadership."""

    bloc: PolicyBlocRef
    ok: Literal[True]
    result: RotateResult


RotateEntry = RotateDone | FailedEntry


class BatchHead(TypedDict):
    """The keys of an ``--all`` document before its ``blocs``: the year asked for, if one was."""

    schema: int
    year: int | None


class RotateAllResult(BatchHead):
    """`khoi rotate --all --json`."""

    blocs: list[RotateEntry]


class ProposeDone(TypedDict):
    """A bloc of `khoi propose --all`, with its proposal."""

    bloc: BlocRef
    ok: Literal[True]
    proposal: ProposalResult


ProposeEntry = ProposeDone | FailedEntry


class ProposeAllResult(BatchHead):
    """`khoi propose --all --json` (written bloc by bloc; see cli/output.write_json_document)."""

    blocs: list[ProposeEntry]


class Named(TypedDict):
    """A unit or an award as the summary names it."""

    id: str
    name: str


class SummaryProposed(TypedDict):
    """A unit a bloc proposes, for which award, at which rank."""

    member: Named
    award: Named
    rank: int | None


class SummaryDone(TypedDict):
    """A bloc of the summary: its leading unit(s), its proposals and its open ties."""

    bloc: BlocRef
    ok: Literal[True]
    leaders: list[Named]
    proposed: list[SummaryProposed]
    unresolved_ties: int


SummaryEntry = SummaryDone | FailedEntry


class TotalEntry(TypedDict):
    """How many units the blocs propose for an award."""

    award: str
    name: str
    proposed: int


class CapProposal(TypedDict):
    """A proposal a province-wide cap counts."""

    bloc: str
    member: str


class CapEntry(TypedDict):
    """A province-wide cap checked against every bloc's proposals."""

    award: str
    name: str
    percent: float
    of: CapBase
    standard: str | None
    standard_name: str | None
    counted: int
    leaders: int
    limit: int
    proposed: int
    exceeds: bool
    over_by: int
    proposals: list[CapProposal]
    basis: str
    unverified: bool


class RulesGroup(TypedDict):
    """Blocs that ran under the same rule pack and the same rules files."""

    pack: str
    name: str
    files: list[str]
    blocs: list[str]


class SummaryResult(TypedDict):
    """`khoi summary --json`: the province's blocs, totals, caps and the rules they ran under."""

    schema: int
    year: int
    rule_pack: Named
    blocs: list[SummaryEntry]
    totals: list[TotalEntry]
    caps: list[CapEntry]
    rules: list[RulesGroup]
    mixed_rules: bool
