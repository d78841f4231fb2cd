"""The small findings of issue 19 (item 9): invisible format characters refused in names and
stripped elsewhere, control characters escaped in messages, no query string (join codes,
personal codes) in any log line we or nginx write, and nginx's folder gone after a stop.
(The store file's 0600 and folder's 0700 are in test_purge_trace.py.)
"""

from __future__ import annotations

import http.client
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

import kit
from kit import _logs, _proxy, serve
from kit.core.errors import InvalidName, UnknownWorkshop
from kit.core.text import normalise

from helpers import require_or_skip


@pytest.mark.parametrize("name", ["Anna\u202egnp.exe", "An\u200bna", "Bo\u2066x\u2069",
                                  "\ufeffAnna", "Anna\u00ad"])
def test_names_with_format_characters_are_refused(store, name):
    w = store.create_workshop("Velkomst", "Aarhus")
    with pytest.raises(InvalidName):
        w.join(name, "kommune")
    assert w.participants() == []


def test_format_characters_are_stripped_from_other_text(store):
    w = store.create_workshop("Velkomst", "Aarhus")
    anna = w.join("Anna", "kommune", organisation="Job\u200bcenter\u202e")
    assert anna.organisation == "Jobcenter"
    w.set_phase("ideas")
    w.add_idea(anna, "Sprog\u200bcafé \u2067hver\u2069 tirsdag", "behov")
    assert [i.text for i in w.ideas()] == ["Sprogcafé hver tirsdag"]
    assert normalise("Sprog\u200bcafé") == "sprogcafé"


def test_control_characters_are_escaped_in_messages(tmp_path):
    message = UnknownWorkshop(code="\x1b[2J\x07AB\u202eCD").message("en")
    assert "\x1b" not in message and "\x07" not in message and "\u202e" not in message
    assert "\\x1b[2J\\x07AB\\u202eCD" in message
    out = subprocess.run([sys.executable, "-m", "kit.cli", "export", "\x1b[31mQQQ", "-o",
                          str(tmp_path / "x"), "--database-url",
                          f"sqlite:///{tmp_path / 'k.sqlite'}"],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 2 and "\x1b" not in out.stderr and "\\x1b" in out.stderr


def test_query_strings_leave_log_lines():
    line = 'GET /w1/voila/render/participant.ipynb?code=KT4MXP&me=ABCD2345 HTTP/1.1" 200'
    assert _logs.strip_queries(line) == 'GET /w1/voila/render/participant.ipynb?… HTTP/1.1" 200'
    assert "KT4MXP" not in _logs.strip_queries('request: "GET /%3Fcode=KT4MXP HTTP/1.1"')


def _get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=120) as r:
            r.read()
            return r.status
    except urllib.error.HTTPError as exc:
        return exc.code


def test_no_log_line_of_voila_records_a_code(tmp_path):
    url = f"sqlite:///{tmp_path / 'kit.sqlite'}"
    code = kit.open_store(url).create_workshop("Log", "Aarhus").code
    port, fport = serve.free_port(), serve.free_port()
    procs = serve.start("127.0.0.1", port, "127.0.0.1", fport, url,
                        f"http://127.0.0.1:{port}/", 0.4, 60, preheat=0, log_dir=tmp_path)
    try:
        base = f"http://127.0.0.1:{port}"
        assert _get(f"{base}/voila/render/participant.ipynb?code={code}&me=QMEQMEQM") == 200
        assert _get(f"{base}/nothing/here?code={code}&me=QMEQMEQM") == 404
        assert _get(f"http://127.0.0.1:{fport}/voila/render/nope.ipynb?code={code}") == 404
    finally:
        serve.stop(procs)
    logs = "".join(p.read_text() for p in tmp_path.glob("voila-*.log"))
    assert "404" in logs and "/nothing/here" in logs  # requests are logged, paths only
    assert code not in logs and "QMEQMEQM" not in logs


def test_nginx_s_log_has_no_codes_and_its_folder_goes_with_stop(tmp_path):
    try:
        _proxy.find_nginx()
    except kit.KitError as exc:
        require_or_skip("KIT_REQUIRE_NGINX", str(exc))
    url = f"sqlite:///{tmp_path / 'kit.sqlite'}"
    kit.open_store(url)
    port, fport = serve.free_port(), serve.free_port()
    procs = serve.start("127.0.0.1", port, "127.0.0.1", fport, url,
                        f"http://127.0.0.1:{port}/", 0.4, 60, preheat=0, workers=2)
    run_dir = next(serve._RUN_DIRS[p.pid] for p in procs if p.pid in serve._RUN_DIRS)
    nginx_dir = run_dir / "nginx"
    try:
        assert (nginx_dir / "nginx.conf").exists()
        # A worker gone: nginx logs an error naming the request.
        victim = procs[1]
        victim.terminate()
        victim.wait(timeout=30)
        for _ in range(4):
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            conn.request("GET", "/w1/voila/render/participant.ipynb?code=QCODEQ&me=QMEQMEQM")
            conn.getresponse().read()
        time.sleep(1)
        log = (nginx_dir / "nginx-error.log").read_text()
        assert "/w1/voila/render/participant.ipynb?…" in log
        assert "QCODEQ" not in log and "QMEQMEQM" not in log
    finally:
        serve.stop(procs)
    assert not run_dir.exists()


# -- issue 31, item 6 -------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["مهدی\u200cزاده", "Nasrin\u200cKhan", "👩\u200d👧 Leila"])
def test_persian_names_with_joiners_are_accepted(store, name):
    w = store.create_workshop("Velkomst", "Aarhus")
    assert w.join(name, "kommune").name == name
    assert w.participants()[0].name == name  # stored with the joiner, as typed


@pytest.mark.parametrize("name", ["\u200c", " \u200d ", "\u200cAnna\u202e"])
def test_joiners_alone_or_beside_other_controls_are_still_refused(store, name):
    w = store.create_workshop("Velkomst", "Aarhus")
    with pytest.raises(InvalidName):
        w.join(name, "kommune")


def test_a_lone_surrogate_is_a_clear_error_never_an_encoding_crash(store):
    w = store.create_workshop("Velkomst", "Aarhus")
    with pytest.raises(InvalidName):
        w.join("Anna\udcff", "kommune")
    with pytest.raises(kit.KitError):
        w.join("Anna", "kommune", organisation="Job\ud800center")
    for code in ("\udcff", "AB\udcffCD", w.code[:5] + "\udcff"):
        with pytest.raises(UnknownWorkshop):
            store.public_workshop(code)
        with pytest.raises(UnknownWorkshop):
            store.facilitate(code)
        with pytest.raises(kit.KitError):
            w.rejoin(code + "XY")
    assert w.participants() == []


def test_codes_in_paths_are_scrubbed_from_log_lines():
    for line, secret in (("404 GET /needs/KT4MXP 1.20ms", "KT4MXP"),
                         ("404 GET /overview/kt4mxp 0.90ms", "kt4mxp"),
                         ('"GET /w1/ZZ9QQQ HTTP/1.1", upstream: "http://127.0.0.1:1/w1/ZZ9QQQ"',
                          "ZZ9QQQ")):
        assert secret not in _logs.strip_queries(line)
    kept = "200 GET /w1/voila/static/voila.js 1.00ms"
    assert _logs.strip_queries(kept) == kept  # our own path words stay readable


def test_guessed_codes_on_the_public_pages_leave_no_code_in_the_log(tmp_path):
    url = f"sqlite:///{tmp_path / 'kit.sqlite'}"
    kit.open_store(url)
    port, fport = serve.free_port(), serve.free_port()
    procs = serve.start("127.0.0.1", port, "127.0.0.1", fport, url,
                        f"http://127.0.0.1:{port}/", 0.4, 60, preheat=0, log_dir=tmp_path)
    guesses = [f"QZ{n:04d}" for n in range(5)]
    try:
        for guess in guesses:
            for page in ("needs", "overview"):
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                conn.request("GET", f"/{page}/{guess}", headers={"Host": f"127.0.0.1:{port}"})
                assert conn.getresponse().status == 404
    finally:
        serve.stop(procs)
    log = (tmp_path / f"voila-{port}.log").read_text()
    assert "404 GET /needs/…" in log  # the lines are there …
    assert not any(guess in log for guess in guesses)  # … without the codes
