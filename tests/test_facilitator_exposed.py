"""The facilitator app exposed with `--facilitator-host` (issue 19, item 5): creating needs
the admin secret given at serve time, the key is shown where it is needed (the app after
creating, `kit import`, `kit serve --code`), wrong keys back off, keys compare as UTF-8 bytes,
and no error of the opening or creating form reaches the browser as a traceback.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

import kit
from kit import cli
from kit.core import throttle
from kit.core.errors import FacilitatorOnly
from kit.core.throttle import Backoff, Throttle
from kit.i18n import t
from kit.ui.facilitator import FacilitatorApp

from helpers import SAMPLE

URL = "http://192.0.2.10:8866/"
SECRET = "hemmelig-ælg"


class Clock:
    def __init__(self) -> None:
        self.now = 5000.0

    def __call__(self) -> float:
        return self.now


def press(button) -> None:
    """Click as the browser does, but let an exception through (ipywidgets would log it)."""
    for callback in button._click_handlers.callbacks:
        callback(button)


def hosted(store, **kw) -> FacilitatorApp:
    return FacilitatorApp(store, URL, require_key=True, **kw)


def open_with(app, code, key) -> None:
    app.code_input.value = code
    app.key_input.value = key
    press(app.open_button)


def test_keys_compare_as_bytes_and_a_non_ascii_key_just_does_not_match(store):
    w = store.create_workshop("Velkomst", "Aarhus")
    for key in ("nøgle", "🔑" * 20, "\udcff", w.facilitator_key + "æ"):
        with pytest.raises(FacilitatorOnly):
            store.workshop(w.code, key=key)
        with pytest.raises(FacilitatorOnly):
            kit.workshop.Workshop(store, w.id, w.code, key).set_phase("ideas")
    assert store.workshop(w.code, key=w.facilitator_key).id == w.id


def test_every_error_of_the_key_form_is_a_message_never_a_traceback(store, monkeypatch,
                                                                    capfd):
    w = store.create_workshop("Velkomst", "Aarhus")
    app = hosted(store)
    cases = [("", ""), (w.code, ""), ("QQQQQQ", "x"), (w.code, "forkert"),
             (w.code, "nøgle🔑"), (w.code, "\x00\x1b[31m"), (w.code, "k" * 100_000),
             (w.id, "forkert"), ("'; DROP TABLE workshops; --", "x")]
    messages = set()
    for code, key in cases:
        app.backoff = Backoff(free=10_000)  # the backoff is tested below
        open_with(app, code, key)
        assert app.workshop is None, (code, key)
        assert "Traceback" not in app.message.value and "Error" not in app.message.value
        messages.add(app.message.value)
    assert messages == {app.message.value}  # a wrong code and a wrong key read the same
    assert t("error.wrong_key", "da") in app.message.value

    def broken(*args, **kwargs):
        raise RuntimeError("database on fire: /var/lib/secret/path")

    monkeypatch.setattr(store, "workshop", broken)
    open_with(app, w.code, w.facilitator_key)
    assert app.workshop is None and t("error.generic", "da") in app.message.value
    assert "fire" not in app.message.value
    monkeypatch.setattr(store, "create_workshop", broken)
    app.admin_secret = SECRET
    app.admin_input.value = SECRET
    app.title_input.value, app.municipality_input.value = "Ny", "Aarhus"
    press(app.create_button)
    assert t("error.generic", "da") in app.message.value
    assert "fire" in capfd.readouterr().err  # in the server's log, for the operator


def test_creating_on_an_exposed_app_needs_the_admin_secret(store):
    nobody = hosted(store)
    nobody.title_input.value, nobody.municipality_input.value = "Ny", "Aarhus"
    press(nobody.create_button)
    assert nobody.workshop is None and "KIT_ADMIN_SECRET" in nobody.message.value
    app = hosted(store, admin_secret=SECRET)
    app.title_input.value, app.municipality_input.value = "Ny", "Aarhus"
    for wrong in ("", "forkert", "hemmelig-alg", SECRET + " "):
        app.admin_input.value = wrong
        app.backoff = Backoff(free=10_000)
        press(app.create_button)
        assert app.workshop is None and t("error.admin_only", "da") in app.message.value
    assert store.workshops() == []
    app.admin_input.value = SECRET
    press(app.create_button)
    assert app.workshop is not None and app.admin_input.value == ""
    key = app.workshop.facilitator_key
    assert key and key in app.key_line.value  # shown once, to the one who created it
    # folded away, so a projected console does not show it to the room
    assert app.key_line.value.startswith('<details') and ' open' not in app.key_line.value
    again = hosted(store)
    open_with(again, app.workshop.code, key)
    assert again.workshop is not None and again.workshop.id == app.workshop.id


def test_wrong_keys_back_off_per_page_and_per_address(store, tmp_path):
    w = store.create_workshop("Velkomst", "Aarhus")
    clock = Clock()
    app = hosted(store)
    app.backoff = Backoff(clock=clock)
    for _ in range(throttle.FREE_PER_PAGE + 1):
        open_with(app, w.code, "forkert")
    open_with(app, w.code, w.facilitator_key)
    assert app.workshop is None and "sekunder" in app.message.value
    clock.now += throttle.MAX_WAIT_S
    open_with(app, w.code, w.facilitator_key)
    assert app.workshop is not None

    shared = Throttle(tmp_path / "t.sqlite", clock=clock)
    for _ in range(throttle.FREE_PER_ADDRESS + 1):
        open_with(hosted(store, throttle=shared, client="192.0.2.5"), w.code, "forkert")
    late = hosted(store, throttle=shared, client="192.0.2.5")
    open_with(late, w.code, w.facilitator_key)
    assert late.workshop is None and "sekunder" in late.message.value


def test_the_key_is_printed_by_import_and_by_serve_with_a_code(tmp_path, monkeypatch, capsys):
    db = f"sqlite:///{tmp_path / 'kit.sqlite'}"
    out = subprocess.run([sys.executable, "-m", "kit.cli", "import", str(SAMPLE),
                          "--database-url", db], capture_output=True, text=True, check=True,
                         timeout=120).stdout.splitlines()
    code = out[0].split()[0]
    key = kit.open_store(db).facilitate(code).facilitator_key
    assert out[1] == f"Facilitator key: {key}"

    class Done:
        pid = -1

        def poll(self):
            return 0

    from kit import serve

    monkeypatch.setattr(serve, "start", lambda *a, **kw: [Done()])
    monkeypatch.setattr(serve, "stop", lambda procs: None)
    monkeypatch.setenv("KIT_HOME", str(tmp_path / "home"))
    # stdout is no terminal here (a service's journal): the key goes to a 0600 file
    assert cli.main(["serve", "--code", code, "--database-url", db]) == 0
    out = capsys.readouterr().out
    assert key not in out
    path = tmp_path / "home" / f"facilitator-key-{code}.txt"
    assert f"Facilitator key: in {path}" in " ".join(out.split())  # aligned with the links
    assert path.read_text().strip() == key and path.stat().st_mode & 0o777 == 0o600
    # on a terminal (someone at the server's keyboard) it is shown as before
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert cli.main(["serve", "--code", code, "--database-url", db]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert f"Facilitator key: {key}" in [" ".join(x.split()) for x in printed]


def test_behind_a_proxy_the_app_can_be_told_to_ask_for_keys(monkeypatch, tmp_path):
    from kit import serve, ui

    seen: list[dict[str, str]] = []

    class Proc:
        pid = 0

        def __init__(self, argv, env, **kw):
            seen.append(env)
            Proc.pid += 1

        def poll(self):
            return None

    monkeypatch.setattr(serve.subprocess, "Popen", Proc)
    monkeypatch.setattr(serve, "wait_for_port", lambda *a, **kw: True)
    monkeypatch.setattr(serve.tempfile, "mkdtemp", lambda prefix: str(tmp_path / "run"))
    url = f"sqlite:///{tmp_path / 'k.sqlite'}"
    serve.start("127.0.0.1", 1, "127.0.0.1", 2, url, "https://kit.example.dk/", 0.4, 60)
    assert {e["KIT_FACILITATOR_REQUIRE_KEY"] for e in seen} == {"0"}
    seen.clear()
    serve.start("127.0.0.1", 1, "127.0.0.1", 2, url, "https://kit.example.dk/", 0.4, 60,
                require_key=True, admin_secret=SECRET)
    assert {e["KIT_FACILITATOR_REQUIRE_KEY"] for e in seen} == {"1"}
    # only the facilitator's server (the last) has it: participant kernels inherit their
    # server's environment, and the operator's exported variable is not passed on either
    assert seen[-1]["KIT_ADMIN_SECRET"] == SECRET
    assert all("KIT_ADMIN_SECRET" not in e for e in seen[:-1]) and len(seen) == 2
    seen.clear()
    monkeypatch.setenv("KIT_ADMIN_SECRET", SECRET)
    serve.start("127.0.0.1", 1, "127.0.0.1", 2, url, "https://kit.example.dk/", 0.4, 60,
                require_key=True, admin_secret=SECRET, workers=1)
    assert "KIT_ADMIN_SECRET" not in seen[0] and seen[-1]["KIT_ADMIN_SECRET"] == SECRET
    monkeypatch.setenv("KIT_DATABASE_URL", url)
    for name, value in seen[-1].items():
        if name.startswith("KIT_") and name != "KIT_RUN_DIR":
            monkeypatch.setenv(name, value)
    app = ui.facilitator_app()
    assert app.require_key and app.admin_secret == SECRET and app.admin_input in app.start.children
