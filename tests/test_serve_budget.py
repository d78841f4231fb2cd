"""The kernel budget (issue 19, item 3): more pages than the cap get a clear 503 page instead
of a kernel, per server and per client address; pages that never join go to sleep and give
their kernel back long before the cull; nginx limits requests and connections per address.
"""

from __future__ import annotations

import html
import http.client
import time

import psutil
import pytest

import kit
from kit import _budget, _proxy, serve
from kit.i18n import t
from kit.ui.participant import ParticipantApp

from helpers import require_or_skip


def test_a_page_that_never_joins_goes_to_sleep_and_a_joined_one_does_not(store, tmp_path,
                                                                         monkeypatch):
    monkeypatch.setenv("KIT_RUN_DIR", str(tmp_path))
    monkeypatch.setattr(_budget, "kernel_id", lambda: "k-idle")
    w = store.create_workshop("Velkomst", "Aarhus")
    idle = ParticipantApp(store, code=w.code, sleep_after=0.6)
    joined = ParticipantApp(store, code=w.code, sleep_after=0.6)
    joined.name_input.value, joined.sector_input.value = "Anna", "kommune"
    assert joined.join()
    deadline = time.monotonic() + 10
    while not idle.asleep and time.monotonic() < deadline:
        time.sleep(0.1)
    assert idle.asleep and not joined.asleep
    assert idle.join_form.layout.display == "none"
    assert t("participant.asleep", "da") in idle.sleep_message.value
    assert _budget.asleep(tmp_path) == {"k-idle"}
    joined.live.stop()


def test_typing_keeps_a_page_awake(store):
    w = store.create_workshop("Velkomst", "Aarhus")
    app = ParticipantApp(store, code=w.code, sleep_after=1.0)
    for letter in "Anna":
        time.sleep(0.4)
        app.name_input.value += letter
    assert not app.asleep


def _page(port: int, source: str) -> tuple[int, str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120,
                                      source_address=(source, 0))
    conn.request("GET", "/voila/render/participant.ipynb", headers={"Host": f"127.0.0.1:{port}"})
    response = conn.getresponse()
    return response.status, response.read().decode("utf-8", "replace")


def test_more_pages_than_the_cap_get_a_clear_page(tmp_path):
    url = f"sqlite:///{tmp_path / 'kit.sqlite'}"
    kit.open_store(url)
    port, fport = serve.free_port(), serve.free_port()
    procs = serve.start("127.0.0.1", port, "127.0.0.1", fport, url,
                        f"http://127.0.0.1:{port}/", 0.4, 600, preheat=0, log_dir=tmp_path,
                        max_kernels=3, max_pages_per_address=2, join_idle_after=600)
    try:
        assert _page(port, "127.0.0.1")[0] == 200
        assert _page(port, "127.0.0.1")[0] == 200
        status, body = _page(port, "127.0.0.1")  # a third page from one address
        assert status == 503 and t("participant.busy_address", "en") in body
        assert t("participant.busy_address", "ar") in body and "Traceback" not in body
        assert _page(port, "127.0.0.2")[0] == 200  # another phone: the third kernel
        status, body = _page(port, "127.0.0.3")  # the server is full
        assert status == 503 and t("participant.busy_full", "da") in body
    finally:
        serve.stop(procs)


def _kernels(server_pid: int) -> dict[str, psutil.Process]:
    """A Voilà server's kernels, by the id in their connection file's name."""
    kernels = {}
    for child in psutil.Process(server_pid).children(recursive=True):
        line = " ".join(child.cmdline())
        if "kit._kernel" in line and "kernel-" in line:
            kernels[line.split("kernel-", 1)[1].split(".json", 1)[0]] = child
    return kernels


def test_pages_that_never_join_give_their_kernel_back_long_before_the_cull(tmp_path):
    """End to end: real pages whose kernels' own timers ask to sleep after 6 s, the
    participant server stops exactly those kernels (the facilitator's server, sweeping the
    same run folder, leaves the requests alone), and a new phone gets in again."""
    url = f"sqlite:///{tmp_path / 'kit.sqlite'}"
    kit.open_store(url)
    port, fport = serve.free_port(), serve.free_port()
    procs = serve.start("127.0.0.1", port, "127.0.0.1", fport, url,
                        f"http://127.0.0.1:{port}/", 0.4, 600, preheat=0, log_dir=tmp_path,
                        max_kernels=2, join_idle_after=6)
    try:
        assert _page(port, "127.0.0.1")[0] == 200
        assert _page(port, "127.0.0.2")[0] == 200
        kernels = _kernels(procs[0].pid)
        assert len(kernels) == 2
        gone, alive = psutil.wait_procs(list(kernels.values()), timeout=120)
        assert alive == []
        log = (tmp_path / f"voila-{port}.log").read_text()
        assert all(f"Kernel {kid} asked to sleep" in log for kid in kernels)
        assert _page(port, "127.0.0.3")[0] == 200  # room again, long before the 600 s cull
    finally:
        serve.stop(procs)


def test_a_server_claims_only_its_own_kernels_sleep_requests(tmp_path, monkeypatch):
    monkeypatch.setenv("KIT_RUN_DIR", str(tmp_path))
    for kid in ("k-phone", "k-culled"):
        monkeypatch.setattr(_budget, "kernel_id", lambda kid=kid: kid)
        assert _budget.ask_to_sleep()
    # the facilitator's server sweeps the same folder first: it must leave both requests
    assert _budget.claim(tmp_path, ["k-board"]) == set()
    assert _budget.asleep(tmp_path) == {"k-phone", "k-culled"}
    assert _budget.claim(tmp_path, ["k-phone", "k-other"]) == {"k-phone"}
    assert _budget.asleep(tmp_path) == {"k-culled"}
    # a request no server claims (its kernel was culled) is dropped once it is old
    assert _budget.claim(tmp_path, [], unclaimed_after=0.5) == set()
    assert _budget.asleep(tmp_path) == {"k-culled"}
    time.sleep(0.6)
    _budget.claim(tmp_path, [], unclaimed_after=0.5)
    assert _budget.asleep(tmp_path) == set()


def test_nginx_limits_requests_and_connections_per_address(tmp_path):
    try:
        _proxy.find_nginx()
    except kit.KitError as exc:
        require_or_skip("KIT_REQUIRE_NGINX", str(exc))
    conf = _proxy.write("0.0.0.0", 8866, [40001, 40002], tmp_path, ["127.0.0.1"])
    _proxy.check(conf)
    text = conf.read_text()
    assert "limit_req_zone $binary_remote_addr" in text and text.count("limit_req zone=") == 3
    assert "limit_conn_zone $binary_remote_addr" in text and "limit_conn kit_conn" in text


@pytest.mark.parametrize("reason", ["full", "address"])
def test_the_busy_page_speaks_every_participant_language(reason):
    page = _budget.busy_page(reason)
    for lang in _budget.BUSY_LANGUAGES:
        assert html.escape(t(f"participant.busy_{reason}", lang)) in page
    assert 'dir="rtl"' in page
