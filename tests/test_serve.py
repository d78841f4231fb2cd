"""`kit serve`'s servers without a browser: Voilà's settings, and the nginx front of
`--workers N` (its configuration checked by nginx itself, its routing over real HTTP).

The nginx tests skip without nginx, except under `KIT_REQUIRE_NGINX=1` (CI), where they fail.
"""

from __future__ import annotations

import subprocess
import sys
import urllib.error
import urllib.request

import pytest

import kit
from kit import _proxy, serve

from helpers import require_or_skip


@pytest.fixture
def nginx():
    try:
        return _proxy.find_nginx()
    except kit.KitError as exc:
        require_or_skip("KIT_REQUIRE_NGINX", str(exc))


def test_every_server_waits_for_a_slow_page_and_workers_get_their_prefix(tmp_path):
    one = serve.ServerSpec(tmp_path, "participant.ipynb", "127.0.0.1", 8000).argv(60)
    assert f"--VoilaExecutor.iopub_timeout={serve.IOPUB_TIMEOUT}" in one
    assert serve.IOPUB_TIMEOUT >= 30  # nbclient's 4 s lost join forms under bursts
    assert not any(a.startswith("--Voila.base_url") for a in one)
    worker = serve.ServerSpec(tmp_path, "participant.ipynb", "127.0.0.1", 8000,
                              base_url=_proxy.prefix(2)).argv(60)
    assert "--Voila.base_url=/w2/" in worker


@pytest.mark.parametrize("host", ["127.0.0.1", "0.0.0.0", "::1"])
def test_nginx_accepts_the_configuration(nginx, tmp_path, host):
    conf = _proxy.write(host, 8866, [40001, 40002, 40003], tmp_path)
    _proxy.check(conf)  # raises with nginx's own words if it refuses
    text = conf.read_text()
    for n, port in enumerate((40001, 40002, 40003), start=1):
        assert f"location /w{n}/ {{\n      proxy_pass http://127.0.0.1:{port};" in text
        assert f"location ~ ^/w{n}/(voila/" in text
    assert text.count("proxy_cache kit;") == 3 and "gzip on;" in text


def test_a_broken_configuration_is_refused_with_nginx_s_words(nginx, tmp_path):
    conf = _proxy.write("127.0.0.1", 8866, [40001], tmp_path)
    conf.write_text(conf.read_text().replace("gzip on;", "gzip maybe;"))
    with pytest.raises(kit.KitError, match="gzip"):
        _proxy.check(conf)


def test_without_nginx_workers_say_how_to_get_it(monkeypatch, tmp_path):
    monkeypatch.setattr(_proxy.shutil, "which", lambda name: None)
    monkeypatch.setattr(_proxy.os, "access", lambda path, mode: False)
    with pytest.raises(kit.KitError, match="apt-get install nginx"):
        serve.start("127.0.0.1", 1, "127.0.0.1", 2, "sqlite://", "http://x/", 0.4, 60,
                    workers=2)


def test_zero_workers_is_refused_from_the_shell():
    out = subprocess.run([sys.executable, "-m", "kit.cli", "serve", "--workers", "0",
                          "--database-url", "sqlite://"], capture_output=True, text=True,
                         timeout=60)
    assert out.returncode == 2 and "--workers" in out.stderr and "Traceback" not in out.stderr


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_links_without_a_prefix_go_round_robin_and_stay(nginx, tmp_path):
    url = f"sqlite:///{tmp_path / 'kit.sqlite'}"
    code = kit.open_store(url).create_workshop("Ruter", "Aarhus").code
    port, fport = serve.free_port(), serve.free_port()
    procs = serve.start("127.0.0.1", port, "127.0.0.1", fport, url,
                        f"http://127.0.0.1:{port}/", 0.4, 60, log_dir=tmp_path, workers=2)
    opener = urllib.request.build_opener(_NoRedirect)

    def get(path: str) -> tuple[int, str]:
        try:
            with opener.open(f"http://127.0.0.1:{port}{path}", timeout=30) as r:
                return r.status, ""
        except urllib.error.HTTPError as e:
            return e.code, e.headers.get("Location") or ""

    try:
        first, second = get(f"/?code={code}"), get(f"/?code={code}")
        assert {first, second} == {
            (302, f"/w1/voila/render/participant.ipynb?code={code}"),
            (302, f"/w2/voila/render/participant.ipynb?code={code}")}
        status, target = get(f"/voila/render/board.ipynb?code={code}&lang=en")
        assert status == 302
        assert target.endswith(f"/voila/render/board.ipynb?code={code}&lang=en")
        assert get("/w1/no-such-page")[0] == 404   # a prefixed path is never sent on again
        assert get(f"/w2/voila/render/participant.ipynb?code={code}")[0] == 200
    finally:
        serve.stop(procs)
    assert all(p.poll() is not None for p in procs)


def test_kill_stops_every_server_and_frees_the_port(nginx, tmp_path):
    """`kill` (SIGTERM, as a service manager sends) ends nginx, the Voilà processes and their
    kernels, not only the `kit` process: they would keep the port and the memory."""
    import os
    import signal
    import time

    import psutil

    port = serve.free_port()
    env = dict(os.environ, KIT_HOME=str(tmp_path))
    log = tmp_path / "serve.log"
    with open(log, "w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "kit.cli", "demo", "--workers", "2",
                                 "--port", str(port), "--facilitator-port",
                                 str(serve.free_port())], stdout=out, stderr=subprocess.STDOUT,
                                env=env)
    children: list[psutil.Process] = []
    try:
        deadline = time.monotonic() + 120
        while "Ctrl-C" not in log.read_text() and time.monotonic() < deadline:
            assert proc.poll() is None, log.read_text()
            time.sleep(0.2)
        children = psutil.Process(proc.pid).children(recursive=True)

        def described(c: psutil.Process) -> str:
            # a short-lived helper (nginx's config check) may end while being looked at
            try:
                return f"{c.name()} {' '.join(c.cmdline())}"
            except psutil.Error:
                return ""

        assert sum("nginx" in described(c) for c in children) >= 1
        assert sum("kit._voila_app" in described(c) for c in children) == 3
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=60) == 0
        gone, alive = psutil.wait_procs(children, timeout=30)
        assert alive == []
        deadline = time.monotonic() + 10
        while serve.wait_for_port("127.0.0.1", port, timeout=0.5) and time.monotonic() < deadline:
            time.sleep(0.5)
        assert not serve.wait_for_port("127.0.0.1", port, timeout=0.5)
    finally:
        for p in [psutil.Process(proc.pid), *children] if proc.poll() is None else children:
            try:
                p.kill()
            except psutil.Error:
                pass
