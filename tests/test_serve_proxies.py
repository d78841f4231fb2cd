"""One room behind one address (issue 31, items 1, 2 and 6): `--trusted-proxies` makes the
servers believe the forwarded address of a proxy in front, and of nobody else; a room of 150
joins behind a proxy while one client hammers wrong codes, and nobody else is refused; the
kernel cap counts warm kernels; the board never gets the busy page; Origins must name the
port.
"""

from __future__ import annotations

import asyncio
import http.client
import os
import time

import psutil
import pytest

import kit
from kit import _hosts, _proxy, serve
from kit.core import throttle
from kit.i18n import t

from helpers import require_or_skip
from room_client import Phone

ROOM = throttle.ROOM


# -- which address a request comes from ------------------------------------------------------
def test_only_a_trusted_proxy_s_forwarded_address_is_believed():
    trusted = _hosts.trusted_networks("10.0.0.5, 192.168.10.0/24 ::1")
    assert _hosts.client_address("10.0.0.5", "198.51.100.7", trusted) == "198.51.100.7"
    # another peer may write anything: not believed
    assert _hosts.client_address("203.0.113.9", "198.51.100.7", trusted) == "203.0.113.9"
    # read from the right: what the phone wrote itself, left of the proxy's entry, is not
    chain = "1.2.3.4, 198.51.100.7, 192.168.10.3"
    assert _hosts.client_address("10.0.0.5", chain, trusted) == "198.51.100.7"
    assert _hosts.client_address("::1", "2001:db8::7", trusted) == "2001:db8::7"
    assert _hosts.client_address("10.0.0.5", "not-an-address", trusted) == "10.0.0.5"
    assert _hosts.client_address("10.0.0.5", None, trusted) == "10.0.0.5"
    # without trusted proxies nothing forwarded is believed
    assert _hosts.client_address("10.0.0.5", "198.51.100.7", ()) == "10.0.0.5"
    with pytest.raises(ValueError, match="kit.example.org"):
        _hosts.trusted_networks("10.0.0.5 kit.example.org")


def test_a_bad_trusted_proxies_value_is_refused_before_anything_starts():
    with pytest.raises(kit.KitError) as refused:
        serve.start("127.0.0.1", 1, "127.0.0.1", 2, "sqlite://", "http://x/", 0.4, 60,
                    trusted_proxies="proxy.local")
    assert "proxy.local" in refused.value.message("en")
    assert "--trusted-proxies" in refused.value.message("da")


@pytest.mark.parametrize(("behind_proxy", "trusted", "peer", "expected"), [
    (False, "", "127.0.0.1", "127.0.0.1"),                       # nothing believed
    (False, "127.0.0.1", "127.0.0.1", "198.51.100.7"),           # a trusted proxy
    (False, "127.0.0.1", "192.0.2.9", "192.0.2.9"),              # anyone else
    (True, "", "127.0.0.1", "198.51.100.4")])                    # our nginx: its X-Real-IP
def test_the_voila_servers_read_the_forwarded_address_only_from_a_trusted_peer(
        behind_proxy, trusted, peer, expected):
    from tornado.httputil import HTTPHeaders, HTTPServerRequest

    from kit import _voila_app

    app = _voila_app._Guarded([])
    app.kit_allowed = frozenset(["127.0.0.1"])
    app.kit_behind_proxy = behind_proxy
    app.kit_trusted = _hosts.trusted_networks(trusted)
    headers = HTTPHeaders({"Host": "127.0.0.1:8866", "X-Forwarded-For": "198.51.100.7",
                           "X-Real-IP": "198.51.100.4"})
    request = HTTPServerRequest(method="GET", uri="/", headers=headers)
    request.remote_ip = peer
    app.find_handler(request)
    assert request.headers[_voila_app.CLIENT_HEADER] == expected


def test_origins_must_name_the_port_the_request_came_to():
    names = ["127.0.0.1", "localhost", "kit.aarhus.dk"]
    assert _hosts.refusal("127.0.0.1:8866", "http://127.0.0.1:8866", names) == ""
    # another local service on another port is another origin
    assert _hosts.refusal("127.0.0.1:8866", "http://127.0.0.1:9999", names) == "origin"
    assert _hosts.refusal("127.0.0.1:8866", "http://localhost", names) == "origin"
    # a TLS proxy that passes the Host on without a port: the scheme's default port
    assert _hosts.refusal("kit.aarhus.dk", "https://kit.aarhus.dk", names) == ""
    assert _hosts.refusal("kit.aarhus.dk:443", "https://kit.aarhus.dk", names) == ""
    assert _hosts.refusal("kit.aarhus.dk", "https://kit.aarhus.dk:8443", names) == "origin"
    assert _hosts.refusal("kit.aarhus.dk:8866", "https://kit.aarhus.dk", names) == "origin"


def test_nginx_believes_x_forwarded_for_only_from_trusted_proxies(tmp_path):
    try:
        _proxy.find_nginx()
    except kit.KitError as exc:
        require_or_skip("KIT_REQUIRE_NGINX", str(exc))
    plain = _proxy.write("127.0.0.1", 8866, [40001, 40002], tmp_path / "a", ["127.0.0.1"])
    _proxy.check(plain)
    assert "real_ip" not in plain.read_text()
    conf = _proxy.write("127.0.0.1", 8866, [40001, 40002], tmp_path / "b", ["127.0.0.1"],
                        trusted=["10.0.0.5/32", "192.168.10.0/24"])
    _proxy.check(conf)
    text = conf.read_text()
    assert "set_real_ip_from 10.0.0.5/32;" in text and "set_real_ip_from 192.168.10.0/24;" in text
    assert "real_ip_header X-Forwarded-For;" in text and "real_ip_recursive on;" in text


# -- a room of 150 behind a proxy -----------------------------------------------------------
def _room(port: int, code: str, size: int, hammer_tries: int) -> dict[str, object]:
    """`size` phones with addresses of their own join (8 at a time), while one more phone
    types wrong codes as fast as its page lets it. What each got back."""
    base = f"http://127.0.0.1:{port}"

    async def phone_joins(n: int, gate: asyncio.Semaphore) -> tuple[int, bool, str]:
        async with gate:
            phone = Phone(base, f"198.51.{100 + n // 250}.{n % 250 + 1}")
            try:
                if await phone.open(f"?code={code}") != 200:
                    return phone.status, False, phone.body[:300]
                name = f"Deltager {n:03d}"
                await phone.type(phone.model("TextModel",
                                             placeholder=t("participant.name_placeholder",
                                                           "da")), name)
                await phone.pick(phone.model("ToggleButtonsModel"), 0)
                await phone.click(phone.model("ButtonModel",
                                              description=t("participant.join", "da")))
                joined = await phone.wait(lambda: any(name in x and "kit-welcome" in x
                                                      for x in phone.texts), 300)
                return 200, joined, " | ".join(phone.texts[-3:])
            finally:
                await phone.close()

    async def hammer() -> list[str]:
        phone = Phone(base, "203.0.113.66")
        assert await phone.open() == 200
        box = phone.model("TextModel", placeholder=t("participant.code_placeholder", "da"))
        name = phone.model("TextModel", placeholder=t("participant.name_placeholder", "da"))
        await phone.type(name, "Gætter")
        await phone.pick(phone.model("ToggleButtonsModel"), 0)
        button = phone.model("ButtonModel", description=t("participant.join", "da"))
        said = []
        for n in range(hammer_tries):
            await phone.type(box, f"QQ{n:04d}")
            await phone.click(button, settle=120)
            # what the page's error lines say now (an unchanged one is not sent again)
            said.append(" ".join(str(st.get("value", "")) for st in phone.states.values()
                                 if "kit-error" in str(st.get("value", ""))))
        await phone.close()
        return said

    async def main() -> dict[str, object]:
        gate = asyncio.Semaphore(8)
        results = await asyncio.gather(hammer(), *(phone_joins(n, gate) for n in range(size)))
        return {"hammer": results[0], "phones": results[1:]}

    return asyncio.run(main())


def _check_room(result: dict[str, object], store: kit.Store, code: str, size: int) -> None:
    phones = result["phones"]
    assert isinstance(phones, list)
    refused = [(n, r) for n, r in enumerate(phones) if r[0] != 200 or not r[1]]
    assert refused == [], refused[:5]
    names = {p.name for p in store.public_workshop(code).participants()}
    assert {f"Deltager {n:03d}" for n in range(size)} <= names
    said = result["hammer"]
    assert isinstance(said, list)
    wrong, wait = t("error.wrong_code", "da"), t("error.try_later", "da", seconds=1)[:20]
    assert all(wrong in s for s in said[:throttle.FREE_PER_PAGE])
    assert any(wait in s for s in said[throttle.FREE_PER_PAGE:])  # the hammer is slowed
    assert "Gætter" not in names


@pytest.mark.parametrize("workers", [1, 2])
def test_a_room_of_150_joins_behind_a_proxy_while_one_client_hammers_wrong_codes(tmp_path,
                                                                                workers):
    """Single process trusting the proxy's forwarded address, and our nginx (`--workers 2`,
    `real_ip`) in front of two processes. Two pages per address: were the forwarded address
    not believed, the third phone would get the busy page."""
    if workers > 1:
        try:
            _proxy.find_nginx()
        except kit.KitError as exc:
            require_or_skip("KIT_REQUIRE_NGINX", str(exc))
    url = f"sqlite:///{tmp_path / 'kit.sqlite'}"
    store = kit.open_store(url)
    code = store.create_workshop("Rummet", "Aarhus").code
    port, fport = serve.free_port(), serve.free_port()
    # Kernels of closed pages are culled after 20 s, so 150 joins never hold 150 kernels.
    procs = serve.start("127.0.0.1", port, "127.0.0.1", fport, url,
                        f"http://127.0.0.1:{port}/", 0.4, 20, preheat=0, log_dir=tmp_path,
                        workers=workers, max_kernels=200, max_pages_per_address=2,
                        join_idle_after=600, trusted_proxies="127.0.0.1")
    try:
        result = _room(port, code, ROOM, hammer_tries=throttle.FREE_PER_PAGE + 3)
        _check_room(result, store, code, ROOM)
    finally:
        serve.stop(procs)
    logs = "".join(p.read_text(errors="replace") for p in tmp_path.rglob("*.log"))
    assert code not in logs and "QQ0001" not in logs


def _page(port: int, source: str, path: str = "/voila/render/participant.ipynb",
          forwarded: str | None = None) -> tuple[int, str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300,
                                      source_address=(source, 0))
    headers = {"Host": f"127.0.0.1:{port}"} | (
        {"X-Forwarded-For": forwarded} if forwarded else {})
    conn.request("GET", path, headers=headers)
    response = conn.getresponse()
    return response.status, response.read().decode("utf-8", "replace")


def _kernels(server_pid: int) -> list[psutil.Process]:
    return [c for c in psutil.Process(server_pid).children(recursive=True)
            if "kit._kernel" in " ".join(c.cmdline())]


def test_forged_forwarded_addresses_from_an_untrusted_peer_do_not_escape_the_page_cap(tmp_path):
    url = f"sqlite:///{tmp_path / 'kit.sqlite'}"
    kit.open_store(url)
    port, fport = serve.free_port(), serve.free_port()
    procs = serve.start("127.0.0.1", port, "127.0.0.1", fport, url,
                        f"http://127.0.0.1:{port}/", 0.4, 600, preheat=0, log_dir=tmp_path,
                        max_pages_per_address=2, join_idle_after=600,
                        trusted_proxies="127.0.0.1")
    try:
        assert _page(port, "127.0.0.2", forwarded="198.51.100.1")[0] == 200
        assert _page(port, "127.0.0.2", forwarded="198.51.100.2")[0] == 200
        status, body = _page(port, "127.0.0.2", forwarded="198.51.100.3")
        assert status == 503 and t("participant.busy_address", "da") in body
        # the trusted proxy's phones are told apart by their forwarded address
        assert _page(port, "127.0.0.1", forwarded="198.51.100.3")[0] == 200
    finally:
        serve.stop(procs)


def test_the_kernel_cap_counts_warm_kernels_and_the_board_is_never_busy(tmp_path):
    """`--max-kernels 5 --preheat 2` ran 6: the warm pool's refill was not counted."""
    url = f"sqlite:///{tmp_path / 'kit.sqlite'}"
    code = kit.open_store(url).create_workshop("Fuldt", "Aarhus").code
    port, fport = serve.free_port(), serve.free_port()
    procs = serve.start("127.0.0.1", port, "127.0.0.1", fport, url,
                        f"http://127.0.0.1:{port}/", 0.4, 600, preheat=2, log_dir=tmp_path,
                        max_kernels=5, join_idle_after=600)
    try:
        statuses = []
        for n in range(4):  # one by one, from addresses of their own
            statuses.append(_page(port, f"127.0.0.{n + 2}")[0])
        assert statuses[0] == 200 and 503 in statuses
        # the board is not refused, full or not
        status, body = _page(port, "127.0.0.9", f"/voila/render/board.ipynb?code={code}")
        assert status == 200 and t("participant.busy_full", "da") not in body
        # once the pools have refilled: the phones' kernels and the warm ones, within the
        # cap (the board's own kernel taken out)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            count = len(_kernels(procs[0].pid))
            time.sleep(2)
            if len(_kernels(procs[0].pid)) == count:
                break
        assert len(_kernels(procs[0].pid)) - 1 <= 5
    finally:
        serve.stop(procs)


def test_participant_kernels_do_not_get_the_admin_secret(tmp_path, monkeypatch):
    monkeypatch.setenv("KIT_ADMIN_SECRET", "hemmelig-nøgle-42")
    url = f"sqlite:///{tmp_path / 'kit.sqlite'}"
    kit.open_store(url)
    port, fport = serve.free_port(), serve.free_port()
    procs = serve.start("127.0.0.1", port, "127.0.0.1", fport, url,
                        f"http://127.0.0.1:{port}/", 0.4, 600, preheat=0, log_dir=tmp_path,
                        admin_secret="hemmelig-nøgle-42", join_idle_after=600)
    try:
        assert _page(port, "127.0.0.1")[0] == 200
        kernels = _kernels(procs[0].pid)
        assert kernels
        for kernel in kernels:
            assert "KIT_ADMIN_SECRET" not in kernel.environ()
        assert "KIT_ADMIN_SECRET" not in psutil.Process(procs[0].pid).environ()
        assert psutil.Process(procs[-1].pid).environ()["KIT_ADMIN_SECRET"] == \
            "hemmelig-nøgle-42"
    finally:
        serve.stop(procs)
    assert os.environ["KIT_ADMIN_SECRET"] == "hemmelig-nøgle-42"  # the operator's own is kept
