"""One unit's record by year (`history --member`): results, rank, role and awards granted."""

from __future__ import annotations

from pathlib import Path

from khoi_thidua.cli.output import emit
from khoi_thidua.i18n import current
from khoi_thidua.model import Bloc


def member_history(bloc_dir: Path, bloc: Bloc, query: str, as_json: bool) -> None:
    """Print one unit's results, ranks, roles and awards by year."""
    from khoi_thidua.app.member_record import member_record
    from khoi_thidua.render import member_history as view

    record = member_record(bloc_dir, bloc, query)
    data = view.member_history_dict(bloc, record.member_id, record.years)
    emit(data, lambda: view.member_history_view(current(), data), as_json)
