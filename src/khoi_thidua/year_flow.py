"""Loads a year's plan and recorded scores from the store and reconciles them."""

from __future__ import annotations

from pathlib import Path

from khoi_thidua.model import Bloc
from khoi_thidua.reconciliation import Reconciliation, reconcile


def reconciliation_for(bloc_dir: Path, bloc: Bloc, year: int) -> Reconciliation:
    """The reconciliation of ``year``: its plan (required) and the scores returned so far."""
    from khoi_thidua.store.plans import load_year

    plan, scores = load_year(bloc_dir, bloc, year)
    return reconcile(bloc, plan, scores)
