"""Phone kernels forked from a warm parent (`kit._fork`): what must not cross the fork does
not, a dead kernel is collected, the fork server comes back when it dies and takes no kernel
with it, a kernel ends with its Voilà process, and a phone joins and votes through one."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time

import psutil
import pytest
from jupyter_client.manager import AsyncKernelManager
from jupyter_client.provisioning import KernelProvisionerFactory

import kit
from kit import _fork, serve

from helpers import ROOT, open_vote

PROBE = ("import os, random, json\nfrom kit.core.base import new_code\n"
         "fds = {}\nfor fd in os.listdir('/proc/self/fd'):\n"
         "    try: fds[fd] = os.readlink(f'/proc/self/fd/{fd}')\n"
         "    except OSError: pass\n"
         "print(json.dumps({'random': random.random(), 'code': new_code(),"
         " 'pid': os.getpid(), 'fds': fds}))")


def wait_until(condition, timeout: float = 60.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


@pytest.fixture
def forked():
    """A factory of kernels started through the `kit-fork` provisioner in this process."""
    factory = KernelProvisionerFactory.instance()
    before = factory.default_provisioner_name
    factory.default_provisioner_name = "kit-fork"
    loop = asyncio.new_event_loop()
    managers = []

    def start() -> AsyncKernelManager:
        km = AsyncKernelManager()  # tcp: two ipc kernels here would share socket names
        loop.run_until_complete(km.start_kernel())
        managers.append(km)
        return km

    def run(km: AsyncKernelManager, code: str) -> str:
        async def go() -> str:
            kc = km.client()
            kc.start_channels()
            try:
                await kc.wait_for_ready(timeout=60)
                out: list[str] = []
                reply = await kc.execute_interactive(
                    code, timeout=60, output_hook=lambda m: out.append(
                        m["content"].get("text", "")) if m["msg_type"] == "stream" else None)
                assert reply["content"]["status"] == "ok", reply["content"]
                return "".join(out)
            finally:
                kc.stop_channels()
        return loop.run_until_complete(go())

    yield start, run, loop
    for km in managers:
        try:
            loop.run_until_complete(km.shutdown_kernel(now=True))
        except Exception:  # noqa: BLE001 - a test may have killed it already
            pass
    factory.default_provisioner_name = before
    loop.close()


def test_two_forked_kernels_share_no_random_stream_code_or_descriptor(forked):
    import json

    start, run, _ = forked
    one, two = start(), start()
    a, b = json.loads(run(one, PROBE)), json.loads(run(two, PROBE))
    assert a["random"] != b["random"] and a["code"] != b["code"] and a["pid"] != b["pid"]
    server = psutil.Process(_fork._server().process.pid)  # type: ignore[union-attr]
    for probe, km in ((a, one), (b, two)):
        kernel = psutil.Process(probe["pid"])
        assert kernel.ppid() == server.pid            # forked by the server, not started
        assert "kit._kernel" in " ".join(kernel.cmdline())
        assert km.provisioner.pid == probe["pid"]
        # nothing of the server's: its listening socket and the one it answered on
        server_sockets = {os.readlink(f"/proc/{server.pid}/fd/{fd}")
                          for fd in os.listdir(f"/proc/{server.pid}/fd")
                          if os.readlink(f"/proc/{server.pid}/fd/{fd}").startswith("socket:")}
        assert server_sockets
        assert not server_sockets & set(probe["fds"].values())
        assert "fork.sock" not in json.dumps(probe["fds"])


def test_a_forked_kernel_answers_to_the_widgets_comm_targets_as_a_started_one(forked):
    """ipywidgets was imported in the fork server, before any IPython ran: its comm targets
    (a page asks "jupyter.widget.control" for its widgets' state) are registered in the
    kernel all the same (a room of 150 stood still without them)."""
    start, run, _ = forked
    km = start()
    shown = run(km, "import comm, ipywidgets\nprint(sorted(comm.get_comm_manager().targets))")
    assert "'jupyter.widget'" in shown and "'jupyter.widget.control'" in shown


def test_a_killed_kernel_is_collected_and_reads_as_ended(forked):
    start, run, loop = forked
    km = start()
    pid = km.provisioner.pid
    os.kill(pid, signal.SIGKILL)
    # the server collects it at once: no zombie left behind, and the manager sees it gone
    assert wait_until(lambda: not psutil.pid_exists(pid))
    assert not loop.run_until_complete(km.is_alive())


def test_the_fork_server_comes_back_and_its_death_loses_no_kernel(forked):
    start, run, _ = forked
    first = start()
    assert "2" in run(first, "print(1 + 1)")
    old = _fork._server().process
    assert old is not None
    old.kill()
    old.wait()
    assert "4" in run(first, "print(2 + 2)")        # the kernel lives on without its server
    second = start()                                 # and the next one gets a new server
    assert _fork._server().process is not old
    assert "6" in run(second, "print(3 + 3)")


def test_a_forked_kernel_ends_with_the_voila_process_that_asked_for_it(tmp_path):
    script = tmp_path / "parent.py"
    script.write_text(
        "import asyncio, sys, time\n"
        "from jupyter_client.manager import AsyncKernelManager\n"
        "from jupyter_client.provisioning import KernelProvisionerFactory\n"
        "KernelProvisionerFactory.instance().default_provisioner_name = 'kit-fork'\n"
        "km = AsyncKernelManager(transport='ipc')\n"
        "asyncio.run(km.start_kernel())\n"
        "print(km.provisioner.pid, flush=True)\n"
        "time.sleep(600)\n")
    parent = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True,
                              cwd=ROOT)
    try:
        kernel = int(parent.stdout.readline())  # type: ignore[union-attr]
        assert psutil.pid_exists(kernel)
        parent.kill()                               # no shutdown: the process is just gone
        parent.wait()
        assert wait_until(lambda: not psutil.pid_exists(kernel)
                          or psutil.Process(kernel).status() == psutil.STATUS_ZOMBIE)
    finally:
        if parent.poll() is None:
            parent.kill()


def test_a_phone_joins_and_votes_through_a_forked_kernel(browser, tmp_path):
    url = f"sqlite:///{tmp_path / 'kit.sqlite'}"
    store = kit.open_store(url)
    w = open_vote(store, "Gaffel")
    port, fport = serve.free_port(), serve.free_port()
    public = f"http://127.0.0.1:{port}/"
    procs = serve.start("127.0.0.1", port, "127.0.0.1", fport, url, public, 0.3, 60,
                        preheat=1, log_dir=tmp_path, fork_kernels=True)
    try:
        pages = []
        for name in ("Anna", "Bo"):
            page = browser.new_page(viewport={"width": 360, "height": 740})
            page.set_default_timeout(180_000)
            page.goto(f"{public}?code={w.code}")
            page.get_by_placeholder("Dit navn").fill(name)
            page.get_by_role("button", name="Kommune").click()
            page.get_by_role("button", name="Deltag", exact=True).click()
            page.get_by_role("button", name="+ prik").first.click()
            page.get_by_text("Du har 1 af 2 prikker tilbage").wait_for()
            pages.append(page)
        voila = psutil.Process(procs[0].pid)
        tree = voila.children(recursive=True)
        servers = [p for p in tree if "kit._fork" in " ".join(p.cmdline())]
        kernels = [p for p in tree if "kit._kernel" in " ".join(p.cmdline())]
        assert len(servers) == 1 and len(kernels) >= 2
        assert all(k.ppid() == servers[0].pid for k in kernels)   # every one forked
        people = w.participants()
        assert sorted(p.name for p in people) == ["Anna", "Bo"]
        assert len({p.rejoin_code for p in people}) == 2 and all(p.rejoin_code for p in people)
        assert all(sum(w.voting.votes(p).values()) == 1 for p in people)
        for page in pages:
            page.close()
    finally:
        serve.stop(procs)
    # stopping the servers ends the forked kernels and the fork server with them
    assert wait_until(lambda: not any(psutil.pid_exists(p.pid) and
                                      psutil.Process(p.pid).status() != psutil.STATUS_ZOMBIE
                                      for p in servers + kernels))


def test_the_room_is_sized_from_available_memory(tmp_path, monkeypatch, capsys):
    import re

    from kit import _budget, cli

    gib = 2**30
    # an 8 GB laptop with 4.5 GiB left after the desktop and the browser; 16 GB with 12
    assert _budget.room_for_phones(int(4.5 * gib), forked=False) == 70
    assert _budget.room_for_phones(int(4.5 * gib), forked=True) == 115
    assert _budget.room_for_phones(12 * gib, forked=True) == 362
    assert _budget.room_for_phones(0, forked=True) == 10        # never no phones at all
    assert _budget.available_memory() > 0

    seen: dict[str, object] = {}

    class Done:
        pid = -1

        def poll(self):
            return 0

    def start(*args, **kw):
        seen.update(kw)
        return [Done()]

    monkeypatch.setattr(serve, "start", start)
    monkeypatch.setattr(serve, "stop", lambda procs: None)
    db = f"sqlite:///{tmp_path / 'kit.sqlite'}"
    for fork in ("0", "1"):
        assert cli.main(["serve", "--database-url", db, "--fork-kernels", fork]) == 0
        said = re.search(r"Room for about (\d+) phones", capsys.readouterr().out)
        assert said and int(said.group(1)) == seen["max_kernels"] >= 10
        assert seen["fork_kernels"] is (fork == "1")
    assert cli.main(["serve", "--database-url", db, "--max-kernels", "7"]) == 0
    assert seen["max_kernels"] == 7 and "Room for about" not in capsys.readouterr().out
    assert seen["fork_kernels"] is True                     # forking is the default
