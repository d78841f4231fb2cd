"""A purge leaves no trace (issue 19, items 7 and 9): the purged names are in none of the
SQLite files (database, -wal, -shm) while another process still has the store open; on
PostgreSQL the tables are vacuumed; the store file is created 0600 in a 0700 folder.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

import kit
from kit.core.db import resolve_url

NAME = "Qwyxzabel Purgesen"
IDEA = "Zorblaxian sprogcafé hver tirsdag"


def _files(path: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in path.parent.glob(path.name + "*")}


def _fill(store) -> kit.Workshop:
    w = store.create_workshop("Slettes", "Aarhus")
    people = [w.join(f"{NAME} {n}" if n == 0 else f"Anden {n}", "kommune") for n in range(30)]
    w.set_phase("ideas")
    for p in people:
        w.add_idea(p, IDEA if p is people[0] else f"Idé fra {p.name}", "behov")
    return w


def test_a_purged_name_is_in_no_sqlite_file_while_a_server_has_the_store_open(tmp_path):
    path = tmp_path / "kit.sqlite"
    url = f"sqlite:///{path}"
    store = kit.open_store(url)
    keep = store.create_workshop("Bliver", "Aarhus")
    keep.join("Bo Bliver", "kommune")
    w = _fill(store)
    # Another process reading the store all along, as a served kernel does.
    reader = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time, kit\n"
         "s = kit.open_store(sys.argv[1])\n"
         "while True:\n"
         "    [x.title for x in s.workshops()]\n"
         "    time.sleep(0.05)\n", url])
    try:
        time.sleep(1.0)
        before = b"".join(_files(path).values())
        assert NAME.encode() in before  # what there is to remove
        store.purge(w.code)
        time.sleep(0.5)
        for name, data in _files(path).items():
            for secret in (NAME, IDEA, "Zorblaxian"):
                assert secret.encode() not in data, (name, secret)
        assert b"Bo Bliver" in path.read_bytes()  # the other workshop is intact
        assert [p.name for p in keep.participants()] == ["Bo Bliver"]
        assert reader.poll() is None  # the reader never failed
    finally:
        reader.kill()
        reader.wait()


@pytest.mark.postgres
def test_a_purge_vacuums_postgresql(pg_url):
    import psycopg

    store = kit.open_store(pg_url)
    w = _fill(store)

    def vacuums() -> int:
        with psycopg.connect(pg_url) as conn:
            row = conn.execute("SELECT vacuum_count FROM pg_stat_user_tables "
                               "WHERE relname = 'participants'").fetchone()
            return int(row[0]) if row else 0

    before = vacuums()
    store.purge(w.code)
    deadline = time.monotonic() + 10
    while vacuums() <= before and time.monotonic() < deadline:
        time.sleep(0.2)
    assert vacuums() > before
    assert store.workshops() == []
    store.close()


def test_the_store_file_is_0600_in_a_0700_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("KIT_HOME", str(tmp_path / "home" / "kit"))
    monkeypatch.delenv("KIT_DATABASE_URL", raising=False)
    old = os.umask(0o022)
    try:
        url = resolve_url(None)
        kit.open_store(url).create_workshop("Rettigheder", "Aarhus")
        path = Path(url.split(":///", 1)[1])
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
        for extra in path.parent.glob("kit.sqlite-*"):
            assert stat.S_IMODE(extra.stat().st_mode) & 0o077 == 0, extra.name
        own = tmp_path / "own.sqlite"
        kit.open_store(f"sqlite:///{own}")
        assert stat.S_IMODE(own.stat().st_mode) == 0o600
    finally:
        os.umask(old)
