"""Shared folders: two real accounts and a root cron job take turns writing in one bloc folder."""

from __future__ import annotations

import grp
import os
import pwd
import shutil
import stat
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from builders import REPO_DATA, SAMPLE_BLOC_ID
from khoi_thidua.cli import app

GROUP = "khoi-share-test"
USERS = ("khoi-share-a", "khoi-share-b")
ENV = {"NO_COLOR": "1", "KHOI_LANG": "en", "KHOI_LOCK_TIMEOUT": "5", "KHOI_DEBUG": None}

pytestmark = [
    pytest.mark.skipif(
        not hasattr(os, "geteuid") or os.geteuid() != 0,
        reason="needs root to create two accounts with useradd (CI runs as root)",
    ),
    pytest.mark.skipif(shutil.which("useradd") is None, reason="needs useradd"),
]


def _run(command: list[str]) -> None:
    subprocess.run(command, check=True, capture_output=True)


@pytest.fixture(scope="module")
def accounts() -> Iterator[tuple[str, str]]:
    """Two accounts that share a group, removed again afterwards."""
    made_group = False
    try:
        grp.getgrnam(GROUP)
    except KeyError:
        _run(["groupadd", GROUP])
        made_group = True
    made: list[str] = []
    for user in USERS:
        try:
            pwd.getpwnam(user)
        except KeyError:
            _run(["useradd", "-M", "-N", "-g", "users", "-G", GROUP, user])
            made.append(user)
    yield USERS
    for user in made:
        subprocess.run(["userdel", user], check=False, capture_output=True)
    if made_group:
        subprocess.run(["groupdel", GROUP], check=False, capture_output=True)


@pytest.fixture
def shared_bloc(accounts: tuple[str, str], tmp_path: Path) -> Iterator[Path]:
    """The sample bloc in a setgid folder writable by the group (outside root's private tmp)."""
    _warm_up(tmp_path)
    top = Path(tempfile.mkdtemp(prefix="khoi-shared-"))
    top.chmod(0o755)
    bloc = top / SAMPLE_BLOC_ID
    shutil.copytree(REPO_DATA / SAMPLE_BLOC_ID, bloc)
    gid = grp.getgrnam(GROUP).gr_gid
    for path in [bloc, *bloc.iterdir()]:
        os.chown(path, 0, gid)
        path.chmod(0o2775 if path.is_dir() else 0o664)
    yield bloc
    shutil.rmtree(top)


def _warm_up(tmp_path: Path) -> None:
    """Run the command once as root, so that every module it imports lazily is loaded before
    the fork: the other accounts cannot read root's Python installation."""
    shutil.copytree(REPO_DATA, tmp_path / "warm")
    result = CliRunner().invoke(
        app, ["rotate", "2022", "--record", "--data", str(tmp_path / "warm")]
    )
    assert result.exit_code == 0, result.output


def _run_as(user: str | None, umask: int, args: list[str]) -> int:
    """Run khoi in a forked child as ``user`` (None: root) with ``umask``; its exit code."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover (runs in the child)
        code = 99
        try:
            if user is not None:
                entry = pwd.getpwnam(user)
                os.setgroups(os.getgrouplist(user, entry.pw_gid))
                os.setgid(entry.pw_gid)
                os.setuid(entry.pw_uid)
            os.umask(umask)
            code = CliRunner().invoke(app, args, env=ENV).exit_code
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


class TestSharedFolder:
    """Writers with different accounts and umasks never lock each other out of a shared folder."""

    def test_root_then_two_users_with_strict_umasks(self, shared_bloc: Path) -> None:
        """A root cron job, then two group members with umask 077, all record a year (exit 0);
        the lock file has the folder's group and is group-writable, and bloc.toml keeps its
        mode and group."""
        data = str(shared_bloc.parent)
        assert _run_as(None, 0o077, ["rotate", "2022", "--record", "--data", data]) == 0
        assert _run_as(USERS[0], 0o077, ["rotate", "2023", "--record", "--data", data]) == 0
        assert _run_as(USERS[1], 0o077, ["rotate", "2024", "--record", "--data", data]) == 0
        gid = grp.getgrnam(GROUP).gr_gid
        lock = (shared_bloc / ".khoi.lock").stat()
        assert lock.st_gid == gid
        assert lock.st_mode & stat.S_IWGRP
        bloc = (shared_bloc / "bloc.toml").stat()
        assert stat.S_IMODE(bloc.st_mode) == 0o664
        assert bloc.st_gid == gid
        text = (shared_bloc / "bloc.toml").read_text(encoding="utf-8")
        assert all(f"year = {year}" in text for year in (2022, 2023, 2024))

    def test_root_keeps_the_owner_of_a_replaced_file(self, shared_bloc: Path) -> None:
        """A file a user owns, rewritten by root, still belongs to that user."""
        uid = pwd.getpwnam(USERS[0]).pw_uid
        os.chown(shared_bloc / "bloc.toml", uid, -1)
        data = str(shared_bloc.parent)
        assert _run_as(None, 0o077, ["rotate", "2022", "--record", "--data", data]) == 0
        after = (shared_bloc / "bloc.toml").stat()
        assert after.st_uid == uid
        assert stat.S_IMODE(after.st_mode) == 0o664
