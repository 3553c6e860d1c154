"""Where a report's pages go: a folder that is new or empty (or --force), written page by page.

Each page goes through ``write_export``, the rule every ``--output`` follows; this module adds
only the folder's own rule: khoi creates it when it is missing, refuses one that already holds
files unless ``--force``, and never writes into a bloc folder or the data root.
"""

from __future__ import annotations

from pathlib import Path

from khoi_thidua.errors import RefusedError, UsageError, WriteError
from khoi_thidua.i18n import t
from khoi_thidua.store.kinds import BLOC_FILE
from khoi_thidua.store.outputs import output_target, write_export
from khoi_thidua.store.reading import display


def is_single_file(path: Path) -> bool:
    """True when ``--output`` names one HTML file rather than a folder of pages."""
    return path.suffix.lower() in (".html", ".htm")


def check_folder(folder: Path, force: bool) -> None:
    """Refuse a folder the pages may not go to, before anything is computed."""
    name = display(folder)
    if folder.exists() and not folder.is_dir():
        raise UsageError(
            t("{file} is a file, not a folder", file=name),
            t("give a new folder, or a name ending in .html for a single page"),
        )
    if not folder.exists():
        output_target(folder, force=False)  # its parent folders exist: khoi creates only it
        return
    if (folder / BLOC_FILE).exists() or any(folder.glob(f"*/{BLOC_FILE}")):
        raise UsageError(
            t(
                "{folder} holds bloc data; a report never goes there, even with --force",
                folder=name,
            ),
            t("choose a new folder, e.g. --output bao-cao/"),
        )
    if not force and any(folder.iterdir()):
        raise RefusedError(
            t("the folder {folder} is not empty; nothing was written", folder=name),
            t("choose a new or empty folder, or pass --force to replace the pages in it"),
        )


def write_pages(folder: Path, pages: dict[str, str], force: bool) -> list[Path]:
    """Create ``folder`` if needed and write each page atomically; the files written."""
    check_folder(folder, force)
    try:
        folder.mkdir(exist_ok=True)
    except OSError as exc:
        raise WriteError(
            t(
                "cannot create the folder {folder}: {reason}",
                folder=display(folder),
                reason=exc.strerror,
            )
        ) from None
    # Pages are new in a new or empty folder; --force lets them replace earlier pages.
    return [
        write_export(folder / page, html.encode("utf-8"), force=True)
        for page, html in pages.items()
    ]
