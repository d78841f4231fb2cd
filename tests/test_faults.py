"""Faults the store must survive: the SQLite file locked by someone else, a full disk, the
PostgreSQL connection dropped. Nothing committed is lost, the person sees a clear message in
their language, the next try works, and no vote budget is ever exceeded."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import threading
import time
from pathlib import Path

import pytest

import kit
from kit import errors
from kit.core import db as _db

from helpers import require_or_skip


def voting_room(store, people: int = 3):
    w = store.create_workshop("Fejl", "Bakkeby")
    ps = [w.join(f"P{i}", "kommune") for i in range(people)]
    w.set_phase("themes")
    themes = [w.add_theme(x).id for x in ("Bolig", "Sprog")]
    for th in themes:
        w.ideas.select_theme(th)
    w.set_phase("voting")
    w.voting.configure_voting(dots_per_participant=2)
    w.voting.open_voting()
    return w, ps, themes


def hold_lock(path: Path, seconds: float, started: threading.Event) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN EXCLUSIVE")
    started.set()
    time.sleep(seconds)
    conn.execute("COMMIT")
    conn.close()


def test_a_five_second_lock_is_waited_out(tmp_path):
    path = tmp_path / "kit.sqlite"
    w, ps, themes = voting_room(kit.open_store(f"sqlite:///{path}"))
    started = threading.Event()
    locker = threading.Thread(target=hold_lock, args=(path, 5, started))
    locker.start()
    started.wait(10)
    left = w.vote(ps[0], themes[0])        # waits for the lock, then writes
    locker.join()
    assert left == 1 and w.voting.votes(ps[0]) == {themes[0]: 1}


def test_a_lock_held_too_long_gives_a_message_and_nothing_half_done(tmp_path, monkeypatch):
    path = tmp_path / "kit.sqlite"
    kit.open_store(f"sqlite:///{path}")
    monkeypatch.setattr(_db, "BUSY_TIMEOUT_S", 0.5)
    monkeypatch.setattr(_db, "RETRY_FOR_S", 1.0)
    store = kit.open_store(f"sqlite:///{path}")
    w, ps, themes = voting_room(store)
    started = threading.Event()
    locker = threading.Thread(target=hold_lock, args=(path, 5, started))
    locker.start()
    started.wait(10)
    with pytest.raises(errors.StoreBusy) as busy:
        w.vote(ps[0], themes[0])
    assert "optaget" in busy.value.message("da")
    assert busy.value.message("uk") != busy.value.message("da")
    locker.join()
    assert w.voting.votes(ps[0]) == {}             # the refused dot was never half-written
    assert w.vote(ps[0], themes[0]) == 1    # and the next try works


@pytest.fixture
def small_disk(tmp_path):
    """A 2 MiB file system (tmpfs), so the disk really fills up."""
    mount = tmp_path / "small"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)],
                          capture_output=True)
    if done.returncode != 0:
        require_or_skip("KIT_REQUIRE_MOUNT", f"cannot mount a small tmpfs: {done.stderr!r}")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)  # lazy: never left mounted


def test_a_full_disk_is_said_plainly_and_loses_nothing(small_disk):
    store = kit.open_store(f"sqlite:///{small_disk / 'kit.sqlite'}")
    w = store.create_workshop("Fuld disk", "Bakkeby")
    filler = small_disk / "filler"
    free = os.statvfs(small_disk)
    filler.write_bytes(b"\0" * (free.f_bavail * free.f_frsize - 96 * 1024))
    joined, failure = [], None
    for i in range(2000):
        try:
            joined.append(w.join(f"Deltager {i} " + "x" * 60, "civilsamfund",
                                 organisation="y" * 100))
        except errors.KitError as exc:
            failure = exc
            break
    assert isinstance(failure, errors.StoreFull), failure
    assert "plads" in failure.message("da") and "space" in failure.message("en")
    assert failure.message("ar") != failure.message("en")
    filler.unlink()
    # everything that was confirmed is there, and the store works again
    fresh = kit.open_store(f"sqlite:///{small_disk / 'kit.sqlite'}").workshop(w.code)
    assert [p.id for p in fresh.participants()] == [p.id for p in joined]
    fresh.join("Efter oprydning", "kommune")
    assert len(fresh.participants()) == len(joined) + 1
    store.close()
    fresh.store.close()


def test_a_dropped_postgresql_connection_is_reopened(pg_url, postgres_admin_url):
    import psycopg

    store = kit.open_store(pg_url)
    w, ps, themes = voting_room(store)
    assert w.vote(ps[0], themes[0]) == 1
    name = pg_url.rsplit("/", 1)[1]
    with psycopg.connect(postgres_admin_url, autocommit=True) as admin:
        killed = admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                               "WHERE datname = %s AND pid <> pg_backend_pid()",
                               (name,)).fetchall()
    assert killed, "the store had no connection to drop"
    assert w.vote(ps[0], themes[1]) == 0      # reconnected, committed once
    with pytest.raises(errors.OverBudget):
        w.vote(ps[0], themes[1])
    assert w.voting.votes(ps[0]) == {themes[0]: 1, themes[1]: 1}
