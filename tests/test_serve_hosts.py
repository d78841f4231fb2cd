"""DNS rebinding and forged headers (issue 19, item 2): both `kit serve` servers answer only to
their own names, over HTTP and over the kernel websocket; nginx's front refuses other Hosts.
"""

from __future__ import annotations

import http.client
import socket

import pytest
from websockets.exceptions import InvalidStatus
from websockets.sync.client import connect

import kit
from kit import _hosts, _proxy, serve

from helpers import require_or_skip

EVIL = "rebind.example.com"


def test_the_allow_list_reads_hosts_and_origins():
    assert _hosts.hostname("LOCALHOST:8867") == "localhost"
    assert _hosts.hostname("[::1]:8866") == "::1"
    assert _hosts.hostname("http://127.0.0.1:8866") == "127.0.0.1"
    assert _hosts.hostname("null") == _hosts.hostname("") == _hosts.hostname("a:b:c") == ""
    names = _hosts.allowed_hosts(["127.0.0.1"], ["http://kit.aarhus.dk/"], ["proxy.local"])
    assert {"localhost", "127.0.0.1", "::1", "kit.aarhus.dk", "proxy.local"} <= set(names)
    assert EVIL not in names
    assert _hosts.refusal(f"{EVIL}:8867", None, names) == "host"
    assert _hosts.refusal("127.0.0.1:8867", f"http://{EVIL}:8867", names) == "origin"
    assert _hosts.refusal("127.0.0.1:8867", "null", names) == "origin"
    assert _hosts.refusal("127.0.0.1:8867", "http://localhost:8867", names) == ""
    assert _hosts.refusal("kit.aarhus.dk", None, names) == ""


def test_listening_on_all_addresses_allows_the_machine_s_own_addresses():
    names = set(_hosts.allowed_hosts(["0.0.0.0"]))
    assert _hosts.machine_addresses() <= names and EVIL not in names


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hosts")
    url = f"sqlite:///{tmp / 'kit.sqlite'}"
    code = kit.open_store(url).create_workshop("Navne", "Aarhus").code
    port, fport = serve.free_port(), serve.free_port()
    procs = serve.start("127.0.0.1", port, "127.0.0.1", fport, url,
                        f"http://127.0.0.1:{port}/", 0.4, 60, preheat=0, log_dir=tmp,
                        allowed_hosts="kit.example.org")
    yield {"port": port, "fport": fport, "code": code}
    serve.stop(procs)


def _get(port: int, path: str, host: str, origin: str | None = None) -> tuple[int, str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = {"Host": host} | ({"Origin": origin} if origin else {})
    conn.request("GET", path, headers=headers)
    response = conn.getresponse()
    return response.status, response.read().decode("utf-8", "replace")


@pytest.mark.parametrize("which", ["port", "fport"])
def test_forged_hosts_and_origins_get_403_over_http(servers, which):
    port = servers[which]
    path = "/voila/static/voila.js"
    ok, _ = _get(port, path, f"127.0.0.1:{port}")
    assert ok == 200
    assert _get(port, path, f"kit.example.org:{port}")[0] == 200  # --allowed-hosts
    for host, origin in ((f"{EVIL}:{port}", None), (f"{EVIL}:{port}", f"http://{EVIL}:{port}"),
                         (f"127.0.0.1:{port}", f"http://{EVIL}:{port}"),
                         (f"localhost:{port}", "null")):
        status, body = _get(port, path, host, origin)
        assert status == 403 and "does not answer" in body, (host, origin)
    status, body = _get(port, f"/?code={servers['code']}", f"{EVIL}:{port}")
    assert status == 403 and servers["code"] not in body


@pytest.mark.parametrize("which", ["port", "fport"])
def test_forged_origins_get_403_on_the_kernel_websocket(servers, which):
    port = servers[which]
    path = "/api/kernels/00000000-0000-0000-0000-000000000000/channels"

    def ws(host: str, origin: str):  # the Host header comes from the URI; the socket is ours
        return connect(f"ws://{host}{path}", origin=origin, open_timeout=30,
                       sock=socket.create_connection(("127.0.0.1", port)))

    for host, origin in ((f"{EVIL}:{port}", f"http://{EVIL}:{port}"),
                         (f"127.0.0.1:{port}", f"http://{EVIL}:{port}")):
        with pytest.raises(InvalidStatus) as refused:
            ws(host, origin)
        assert refused.value.response.status_code == 403
        assert b"does not answer" in refused.value.response.body
    # The same socket from our own origin gets past the allow-list (to Jupyter's own checks).
    try:
        ws(f"127.0.0.1:{port}", f"http://127.0.0.1:{port}").close()
    except InvalidStatus as exc:
        assert b"does not answer" not in exc.response.body


def test_nginx_refuses_other_hosts_before_the_workers(tmp_path):
    try:
        _proxy.find_nginx()
    except kit.KitError as exc:
        require_or_skip("KIT_REQUIRE_NGINX", str(exc))
    names = _hosts.allowed_hosts(["0.0.0.0"], ["http://kit.aarhus.dk/"])
    conf = _proxy.write("0.0.0.0", 8866, [40001, 40002], tmp_path, names)
    _proxy.check(conf)
    text = conf.read_text()
    assert "default_server;\n    return 403;" in text
    assert "server_name " in text and "kit.aarhus.dk" in text and "[::1]" in text


@pytest.mark.parametrize(("behind_proxy", "peer", "expected"),
                         [(False, "192.0.2.9", "192.0.2.9"), (False, "127.0.0.1", "127.0.0.1"),
                          (True, "127.0.0.1", "198.51.100.4"), (True, "192.0.2.9", "192.0.2.9")])
def test_the_kernel_learns_its_browser_s_address_and_no_forged_one(behind_proxy, peer,
                                                                    expected):
    from tornado.httputil import HTTPHeaders, HTTPServerRequest

    from kit import _voila_app

    app = _voila_app._Guarded([])
    app.kit_allowed = frozenset(["127.0.0.1"])
    app.kit_behind_proxy = behind_proxy
    headers = HTTPHeaders({"Host": "127.0.0.1:8866", "X-Kit-Client": "203.0.113.66",
                           "X-Real-IP": "198.51.100.4"})
    request = HTTPServerRequest(method="GET", uri="/", headers=headers)
    request.remote_ip = peer
    app.find_handler(request)
    assert request.headers[_voila_app.CLIENT_HEADER] == expected
