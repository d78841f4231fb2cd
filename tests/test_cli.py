"""The `kit` command from the shell."""

from __future__ import annotations

import subprocess
import sys

import pytest

from helpers import SAMPLE


def kit_cmd(*args, check=True):
    return subprocess.run([sys.executable, "-m", "kit.cli", *args], capture_output=True,
                          text=True, check=check, timeout=120)


@pytest.mark.parametrize("command", ["serve", "demo", "import", "export", "purge",
                                     "partnership", "new"])
def test_every_command_has_help(command):
    out = kit_cmd(command, "--help").stdout
    assert "usage: kit " + command in out
    if command in ("serve", "demo"):
        for flag in ("--host", "--port", "--facilitator-port", "--public-url",
                     "--cull-after", "--database-url", "--workers", "--preheat",
                     "--trusted-proxies"):
            assert flag in out


def test_import_export_round_trip_from_the_shell(tmp_path):
    db = f"sqlite:///{tmp_path / 'kit.sqlite'}"
    # The first line names the workshop; the second is its facilitator key (issue 19).
    code, workshop_id = kit_cmd("import", str(SAMPLE), "--database-url",
                                db).stdout.splitlines()[0].split()
    assert code == "BKY4MT"
    kit_cmd("export", code, "-o", str(tmp_path / "out"), "--database-url", db)
    kit_cmd("export", code, "-o", str(tmp_path / "out.xlsx"), "--database-url", db)
    assert (tmp_path / "out.xlsx").stat().st_size > 5000
    for f in SAMPLE.iterdir():
        assert (tmp_path / "out" / f.name).read_bytes() == f.read_bytes(), f.name
    kit_cmd("purge", workshop_id, "--yes", "--database-url", db)
    gone = kit_cmd("export", code, "-o", str(tmp_path / "x"), "--database-url", db, check=False)
    assert gone.returncode == 2 and "BKY4MT" in gone.stderr


def test_a_partnership_from_the_shell(tmp_path):
    """`kit partnership` creates and lists partnerships and adds a workshop to one; `kit
    export --partnership` writes all of it and `kit import` reads it back whole (issue 27)."""
    db = f"sqlite:///{tmp_path / 'kit.sqlite'}"
    kit_cmd("import", str(SAMPLE), "--database-url", db)
    made = kit_cmd("partnership", "create", "Sammen i Aarhus", "Aarhus Kommune",
                   "--database-url", db).stdout.splitlines()
    assert [x.split(":")[0] for x in made] == ["Partnership", "Public code", "Coordinator key"]
    added = kit_cmd("partnership", "add-workshop", "BKYPUBAKK26X", "Et år efter", "--date",
                    "2027-11-22", "--database-url", db).stdout.splitlines()
    code = added[0].split()[0]
    listed = kit_cmd("partnership", "--database-url", db).stdout
    assert "Sammen i Aarhus (Aarhus Kommune)" in listed and "0 workshop(s)" in listed
    assert "2 workshop(s)  Sammen om modtagelsen" in listed
    assert f"2027-11-22  {code}  open    Et år efter" in listed
    # by a workshop's join code, the partnership's public code or its id: the same file
    kit_cmd("export", "--partnership", "BKY4MT", "-o", str(tmp_path / "p.xlsx"),
            "--database-url", db)
    other = f"sqlite:///{tmp_path / 'other.sqlite'}"
    out = kit_cmd("import", str(tmp_path / "p.xlsx"), "--database-url", other).stdout
    assert "Public code:      BKYPUBAKK26X" in out and out.count("Facilitator key:") == 2
    assert "BKY4MT w-bakkeby-2026" in out and "Et år efter" in out
    again = kit_cmd("import", str(tmp_path / "p.xlsx"), "--database-url", other, check=False)
    assert again.returncode == 2 and "samarbejde" in again.stderr
    assert "Traceback" not in again.stderr
    wrong = kit_cmd("export", "--partnership", "NOSUCHCODE99", "-o", str(tmp_path / "x"),
                    "--database-url", db, check=False)
    assert wrong.returncode == 2 and "Samarbejdet findes ikke" in wrong.stderr
    # a workshop's own export is what it always was
    kit_cmd("export", "BKY4MT", "-o", str(tmp_path / "w"), "--database-url", db)
    assert (tmp_path / "w" / "workshop.csv").read_bytes() == (SAMPLE / "workshop.csv").read_bytes()


def test_bad_import_says_why_and_exits_2(tmp_path):
    (tmp_path / "x.xlsx").write_text("not a workbook")
    out = kit_cmd("import", str(tmp_path / "x.xlsx"), "--database-url",
                  f"sqlite:///{tmp_path / 'k.sqlite'}", check=False)
    assert out.returncode == 2 and "x.xlsx" in out.stderr and "Traceback" not in out.stderr


def test_sample_workshop_is_big_enough(sample):
    f = sample.frames()
    assert len(f["participants"]) >= 20
    assert set(f["participants"]["sector"]) == {"kommune", "civilsamfund", "flygtning"}
    assert len(f["actors"]) >= 25 and len(f["cards"]) >= 30 and len(f["ideas"]) >= 50
    assert 6 <= f["ideas"]["theme_id"].nunique() <= 9
    assert len(f["votes"]) > 0 and len(f["preferences"]) > 0


def test_serve_prints_the_public_addresses_with_the_public_code(capsys):
    """`kit serve --code` (and `make run`) tell the facilitator where the public pages are:
    by the public code, which opens nothing else, never by the join code."""
    from kit.cli import _print_join

    _print_join("ABCDEF", "http://10.0.0.2:8866/", "http://127.0.0.1:8867/?code=ABCDEF",
                public_code="BKYPUBAKK26X")
    out = capsys.readouterr().out
    public = [line for line in out.splitlines() if "/overview/" in line or "/needs/" in line]
    assert "http://10.0.0.2:8866/overview/BKYPUBAKK26X" in public[0]
    assert "?poster=1" in public[0]
    assert public[1].endswith("http://10.0.0.2:8866/needs/BKYPUBAKK26X")
    assert not any("ABCDEF" in line for line in public)


# -- the first ten minutes (issue 29): ports, start-up output, practice, Ctrl-C ------------

ROOT = SAMPLE.parent.parent


def test_make_run_and_practice_take_both_ports():
    for target in ("run", "practice"):
        out = subprocess.run(["make", "-n", "-C", str(ROOT), target, "PORT=9100",
                              "FACILITATOR_PORT=9101"], capture_output=True, text=True,
                             check=True, timeout=60).stdout
        line = next(x for x in out.splitlines() if "bin/kit " in x)
        assert f"kit {'demo' if target == 'run' else 'practice'} " in line
        assert "--port 9100" in line and "--facilitator-port 9101" in line


def test_the_package_builds_without_a_warning(tmp_path):
    """pip shows the build backend's warnings to whoever runs `make run`: there are none
    (the licence is an SPDX string, the editable install a plain path)."""
    out = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-w",
                          str(tmp_path), str(ROOT)], capture_output=True, text=True,
                         timeout=600)
    assert out.returncode == 0, out.stderr
    assert "BuildBackendWarning" not in out.stderr + out.stdout
    assert "deprecated" not in (out.stderr + out.stdout).lower()
    wheels = list(tmp_path.glob("workshop_kit-*.whl"))
    assert wheels
    import zipfile

    # a step's own words and CSS travel with it (gathered at load from its folder)
    names = set(zipfile.ZipFile(wheels[0]).namelist())
    for step in ("voting", "prepare", "friends"):
        assert {f"kit/steps/{step}/i18n/{x}.json" for x in ("da", "en", "uk", "ar")} <= names
    assert {"kit/ui/kit.css", "kit/steps/voting/style.css"} <= names


def _serving(tmp_path, *args):
    """`kit ARGS` as a facilitator starts it, in its own store; returns the process and the
    path of the file holding its output once it says how to stop it."""
    import os
    import time

    from kit import serve

    env = dict(os.environ, KIT_HOME=str(tmp_path), PYTHONWARNINGS="")
    log = tmp_path / "out.txt"
    with open(log, "w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "kit.cli", *args, "--port",
                                 str(serve.free_port()), "--facilitator-port",
                                 str(serve.free_port()), "--preheat", "1"],
                                stdout=out, stderr=subprocess.STDOUT, env=env)
    deadline = time.monotonic() + 180
    while "Ctrl-C" not in log.read_text() and time.monotonic() < deadline:
        assert proc.poll() is None, log.read_text()
        time.sleep(0.2)
    assert "Ctrl-C" in log.read_text()
    return proc, log


def _stop_with_ctrl_c(proc):
    """SIGINT to the `kit` process alone (the servers run in sessions of their own, so a
    terminal's Ctrl-C reaches only it): it and every server and kernel end within seconds."""
    import signal
    import time

    import psutil

    children = psutil.Process(proc.pid).children(recursive=True)
    assert sum("kit._voila_app" in " ".join(c.cmdline()) for c in children) == 2
    began = time.monotonic()
    proc.send_signal(signal.SIGINT)
    assert proc.wait(timeout=30) == 0
    took = time.monotonic() - began
    gone, alive = psutil.wait_procs(children, timeout=10)
    assert alive == []
    return took


def test_start_up_shows_only_what_a_facilitator_needs_and_ctrl_c_stops_everything(tmp_path):
    proc, log = _serving(tmp_path, "demo")
    try:
        # the participant server's kernels are warm before the links are printed
        text = log.read_text()
        lines = [x for x in text.splitlines() if x.strip()]
        words = [x for x in lines if not set(x) <= set("█▀▄ ")]  # the QR code's rows aside
        assert [x.split(":")[0] for x in words[:-2]] == [
            "Facilitator (your laptop)", "Facilitator key", "Board (the projector)",
            "Participants", "Join code", "Overview (public)", "Needs check (public)", "Store"]
        # how many phones the machine has room for (its memory, said at start), then how to stop
        assert words[-2].startswith("Room for about ") and words[-1] == "Ctrl-C stops all servers."
        assert "?code=BKY4MT" in words[0] and words[4].endswith("BKY4MT")
        # the key comes before the QR code, which comes after the join code
        qr = next(n for n, x in enumerate(lines) if set(x) <= set("█▀▄ "))
        assert lines.index(words[1]) < qr and lines.index(words[4]) < qr
        for noise in ("WARNING", "not trusted", "Voilà is running", "Kernel started",
                      "Warning", "Traceback"):
            assert noise not in text
    finally:
        took = _stop_with_ctrl_c(proc) if proc.poll() is None else None
    assert took is not None and took < 12, took
    assert "Traceback" not in log.read_text()


def test_practice_serves_a_fresh_empty_workshop(tmp_path):
    import kit

    proc, log = _serving(tmp_path, "practice")
    try:
        code = next(x for x in log.read_text().splitlines()
                    if x.startswith("Join code")).split()[-1]
        store = kit.open_store(f"sqlite:///{tmp_path / 'kit.sqlite'}")
        w = store.facilitate(code)
        state = w.state()
        assert state.title == "Øveworkshop" and state.phase == "prepare"
        assert w.participants() == [] and w.ideas() == [] and w.ideas.themes() == []
        assert code != "BKY4MT"
    finally:
        if proc.poll() is None:
            _stop_with_ctrl_c(proc)


def test_ctrl_c_while_the_servers_start_stops_them_too(tmp_path):
    """Ctrl-C before the links are printed (a wrong port noticed at once) leaves no Voilà
    process or kernel behind, and no traceback."""
    import os
    import signal
    import time

    import psutil

    from kit import serve

    env = dict(os.environ, KIT_HOME=str(tmp_path))
    log = tmp_path / "out.txt"
    with open(log, "w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "kit.cli", "demo", "--port",
                                 str(serve.free_port()), "--facilitator-port",
                                 str(serve.free_port())], stdout=out,
                                stderr=subprocess.STDOUT, env=env)
    try:
        children: list[psutil.Process] = []
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not children:
            children = [c for c in psutil.Process(proc.pid).children(recursive=True)
                        if "kit._voila_app" in " ".join(c.cmdline())]
            time.sleep(0.05)
        assert children, log.read_text()
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=30) in (0, 130)  # 0: it was up just before the signal
        gone, alive = psutil.wait_procs(children, timeout=15)
        assert alive == []
        assert "Traceback" not in log.read_text()
    finally:
        if proc.poll() is None:
            proc.kill()


def test_voila_output_is_filtered_for_the_terminal(monkeypatch):
    """What a facilitator can act on passes (errors, refused requests, a kernel's traceback,
    a browser trying to run code); Voilà's chatter does not."""
    import io

    from kit import serve

    lines = [
        "[KitVoila] Using /tmp to store connection files",
        "[KitVoila] Voilà is running at:",
        "http://127.0.0.1:8866/",
        "[KitVoila] WARNING | Notebook participant.ipynb is not trusted",
        "[KitVoila] Kernel started: 54db81fa",
        "[KitVoila] WARNING | Culling 'idle' kernel 'python3' (c8b8) with 0 connections",
        "The websocket_ping_timeout (90000) cannot be longer than the interval (30000).",
        "[KitVoila] ERROR | Uncaught exception GET /voila/render/participant.ipynb",
        "Traceback (most recent call last):",
        '  File "x.py", line 1, in <module>',
        "[KitVoila] WARNING | Received message of type \"execute_request\", which is not "
        "allowed. Ignoring.",
        "403 GET / 0.30ms",
    ]

    class Proc:
        pid = -12345
        stdout = io.BytesIO("".join(x + "\n" for x in lines).encode())

    out = io.StringIO()
    monkeypatch.setattr(sys, "stderr", out)
    serve._forward(Proc())
    assert out.getvalue().splitlines() == [lines[7], lines[8], lines[9], lines[10], lines[11]]
