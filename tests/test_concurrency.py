"""Many kernels writing at once: 40 processes each join and add 5 ideas at the same moment."""

from __future__ import annotations

import multiprocessing as mp

import pytest

import kit

N_PROCESSES = 40
IDEAS_EACH = 5


def _participant(url: str, code: str, n: int, start, out) -> None:
    try:
        store = kit.open_store(url)
        workshop = store.workshop(code)
        start.wait(60)  # everybody starts writing together
        p = workshop.join(f"Deltager {n}", ["kommune", "civilsamfund", "flygtning"][n % 3])
        for i in range(IDEAS_EACH):
            workshop.add_idea(p, f"Idé {i} fra {n}", "behov" if i % 2 else "udfordring")
        out.put(("ok", n))
    except Exception as exc:  # noqa: BLE001 - reported to the test
        out.put(("error", f"{n}: {type(exc).__name__}: {exc}"))


def _run(url: str) -> None:
    store = kit.open_store(url)
    workshop = store.create_workshop("Samtidighed", "Aarhus")
    workshop.set_phase("ideas")
    ctx = mp.get_context("spawn")
    start, out = ctx.Event(), ctx.Queue()
    procs = [ctx.Process(target=_participant, args=(url, workshop.code, n, start, out))
             for n in range(N_PROCESSES)]
    for p in procs:
        p.start()
    start.set()
    results = [out.get(timeout=300) for _ in procs]
    for p in procs:
        p.join(60)
    errors = [r for r in results if r[0] != "ok"]
    assert errors == []
    assert len(workshop.participants()) == N_PROCESSES
    ideas = workshop.ideas()
    assert len(ideas) == N_PROCESSES * IDEAS_EACH
    assert len({i.id for i in ideas}) == N_PROCESSES * IDEAS_EACH
    # one revision per write, none lost: create + phase + 40 joins + 200 ideas
    assert workshop.revision() == 2 + N_PROCESSES * (1 + IDEAS_EACH)


def test_forty_processes_on_one_sqlite_file(tmp_path):
    _run(f"sqlite:///{tmp_path / 'kit.sqlite'}")


@pytest.mark.postgres
def test_forty_processes_on_postgres(pg_url):
    _run(pg_url)
