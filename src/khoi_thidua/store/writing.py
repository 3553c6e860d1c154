"""The one way khoi changes a file: under a lock, to a temporary file, fsync, atomic replace."""

from __future__ import annotations

import contextlib
import glob
import os
import stat
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

from khoi_thidua.errors import LockTimeoutError, WriteError
from khoi_thidua.i18n import t
from khoi_thidua.store.guards import MIB, check_toml, read_kind
from khoi_thidua.store.kinds import kind_named, kind_of
from khoi_thidua.store.reading import display

T = TypeVar("T")

LOCK_NAME = ".khoi.lock"
DEFAULT_LOCK_TIMEOUT = 30.0  # seconds; a nightly job would rather retry than wait longer
# Windows refuses to replace a file another program holds open (Excel keeps the workbook it
# shows): ERROR_ACCESS_DENIED (5) or ERROR_SHARING_VIOLATION (32). Such a refusal is retried
# REPLACE_TRIES times, the pause doubling from REPLACE_PAUSE (about 3 s in all), then reported.
HELD_OPEN_ERRORS = (5, 32)
REPLACE_TRIES = 5
REPLACE_PAUSE = 0.2


def lock_timeout() -> float:
    """The lock timeout from ``KHOI_LOCK_TIMEOUT`` (seconds), or the default."""
    raw = os.environ.get("KHOI_LOCK_TIMEOUT", "")
    try:
        value = float(raw)
    except ValueError:
        return DEFAULT_LOCK_TIMEOUT
    return value if value >= 0 else DEFAULT_LOCK_TIMEOUT


@contextlib.contextmanager
def locked(folder: Path, timeout: float | None = None) -> Iterator[None]:
    """Hold the folder's lock file, or raise LockTimeoutError after ``timeout`` seconds."""
    from filelock import FileLock, Timeout

    wait = lock_timeout() if timeout is None else timeout
    lock_path = folder / LOCK_NAME
    shared = _shared_mode(folder)
    if shared is None:
        lock = FileLock(str(lock_path), timeout=wait)
    else:
        lock = FileLock(str(lock_path), timeout=wait, mode=shared)
    try:
        lock.acquire()
    except Timeout:
        raise LockTimeoutError(
            t(
                "{folder} is locked by another khoi run (waited {seconds} s); nothing was written",
                folder=display(folder),
                seconds=f"{wait:g}",
            ),
            t("try again later, or raise KHOI_LOCK_TIMEOUT"),
        ) from None
    except OSError as exc:
        # The operating system's reason (exc.strerror) comes in the system's own language.
        raise WriteError(
            t(
                "cannot create the lock file in {folder}: {reason}",
                folder=display(folder),
                reason=exc.strerror,
            ),
            t("check that the folder is writable"),
        ) from None
    _share_like_folder(lock_path, folder)
    try:
        yield
    finally:
        lock.release()


def _shared_mode(folder: Path) -> int | None:
    """The lock file's mode in a folder others write to (group- or world-writable), so the next
    writer can take the lock whatever its umask; None leaves the umask to decide."""
    try:
        mode = folder.stat().st_mode
    except OSError:
        return None
    if mode & stat.S_IWOTH:
        return 0o666
    if mode & stat.S_IWGRP:
        return 0o664
    return None


def _share_like_folder(path: Path, folder: Path) -> None:
    """Give ``path`` the folder's group when the group writes there, and (as root, e.g. a cron
    job in a user's folder) the folder's owner too, so the folder's users can still write."""
    with contextlib.suppress(OSError, AttributeError):
        here = folder.stat()
        mine = path.lstat()
        if os.geteuid() == 0 and (mine.st_uid, mine.st_gid) != (here.st_uid, here.st_gid):
            os.chown(path, here.st_uid, here.st_gid, follow_symlinks=False)
        elif here.st_mode & stat.S_IWGRP and mine.st_gid != here.st_gid:
            os.chown(path, -1, here.st_gid, follow_symlinks=False)


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so that readers see the old file or the new, never half."""
    folder = path.parent
    try:
        handle, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise WriteError(
            t(
                "cannot write in {folder}: {reason}; {file} is unchanged",
                folder=display(folder),
                reason=exc.strerror,
                file=display(path),
            ),
            t("check that the folder exists and is writable"),
        ) from None
    tmp = Path(tmp_name)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        _keep_ownership(tmp, path, folder)
        _replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        if _held_open(exc):
            raise WriteError(
                t(
                    "cannot replace {file}: another program has it open; the original is unchanged",
                    file=display(path),
                ),
                t("close the file (in Excel, Word or a viewer) and run the command again"),
            ) from None
        raise WriteError(
            t(
                "cannot write {file}: {reason}; the original is unchanged",
                file=display(path),
                reason=exc.strerror,
            ),
            t("check free disk space and permissions"),
        ) from None
    _fsync_folder(folder)


def _held_open(error: OSError) -> bool:
    """True when Windows refused because another program holds the file open."""
    return isinstance(error, PermissionError) and getattr(error, "winerror", None) in (
        HELD_OPEN_ERRORS
    )


def _replace(tmp: Path, path: Path) -> None:
    """Move ``tmp`` over ``path``, waiting a little while another program holds ``path`` open."""
    pause = REPLACE_PAUSE
    for attempt in range(REPLACE_TRIES):
        try:
            tmp.replace(path)
            return
        except PermissionError as exc:
            if not _held_open(exc) or attempt == REPLACE_TRIES - 1:
                raise
            time.sleep(pause)
            pause *= 2


def _keep_ownership(tmp: Path, path: Path, folder: Path) -> None:
    """Give the new file the old one's mode and, where permitted, its owner and group (a new
    file: the usual mode, and the folder's sharing)."""
    try:
        old = path.stat()
    except OSError:
        # mkstemp makes the file 0600; a new file gets the usual mode.
        with contextlib.suppress(OSError):
            tmp.chmod(_default_mode())
        _share_like_folder(tmp, folder)
        return
    with contextlib.suppress(OSError, AttributeError):
        if os.geteuid() == 0:
            os.chown(tmp, old.st_uid, old.st_gid)
        elif old.st_gid != tmp.stat().st_gid:
            os.chown(tmp, -1, old.st_gid)  # permitted when the writer is in that group
    # chmod after chown: changing the owner clears the set-id bits.
    with contextlib.suppress(OSError):
        tmp.chmod(stat.S_IMODE(old.st_mode))


def _default_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def remove_stale_temps(path: Path) -> None:
    """Delete temporary files that a killed run left next to ``path``.

    Call it only while holding the folder's lock: every khoi write happens under that lock,
    so a temporary file seen then belongs to a run that died before its rename.
    """
    for tmp in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
        with contextlib.suppress(OSError):
            tmp.unlink()


def _fsync_folder(folder: Path) -> None:
    # The rename is durable only once the folder entry is on disk (POSIX); Windows has no
    # directory handles to sync, so this is best effort.
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def update_text_file(
    path: Path,
    change: Callable[[str | None], tuple[str | None, T]],
    timeout: float | None = None,
) -> T:
    """Re-read ``path`` under the lock, let ``change`` compute the new text, write it atomically.

    ``change`` receives the current text (None if the file does not exist) and returns the
    new text (None: leave the file as it is) and a value handed back to the caller. Reading
    inside the lock is what makes concurrent updates safe: no run writes over a change it
    has not seen.
    """
    name = display(path)
    kind = kind_of(path) or kind_named("bloc-toml")
    with locked(path.parent, timeout):
        raw = None
        if path.exists() or path.is_symlink():
            raw = read_kind(
                path, name, kind, t("{file} is a folder, but a file was expected", file=name)
            )
        try:
            current = None if raw is None else raw.decode("utf-8-sig").replace("\r\n", "\n")
        except UnicodeDecodeError as exc:
            raise WriteError(
                t("cannot read {file} before changing it: {error}", file=name, error=exc)
            ) from None
        if current is not None:
            check_toml(current, name, kind.limits)
        new_text, outcome = change(current)
        if new_text is not None and new_text != current:
            data = _same_style(new_text, raw)
            if len(data) > kind.max_bytes:
                # Written, the file would be refused by every later command.
                raise WriteError(
                    t(
                        "{file} would grow past {size} MB, the limit for reading it; "
                        "nothing was written",
                        file=name,
                        size=kind.max_bytes // MIB,
                    ),
                    t("move old notes or records out of the file, then try again"),
                )
            remove_stale_temps(path)
            write_atomic(path, data)
        return outcome


def _same_style(text: str, original: bytes | None) -> bytes:
    """``text`` encoded like the file it replaces: a file saved on Windows (byte-order mark,
    CRLF line ends) keeps both, so a diff shows only the lines that really changed."""
    if original is not None and b"\r\n" in original:
        text = text.replace("\n", "\r\n")
    data = text.encode("utf-8")
    if original is not None and original.startswith(b"\xef\xbb\xbf"):
        data = b"\xef\xbb\xbf" + data
    return data
