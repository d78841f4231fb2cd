"""The `kit` command from the shell."""

from __future__ import annotations

import subprocess
import sys

import pytest

from helpers import SAMPLE


def kit_cmd(*args, check=True):
    return subprocess.run([sys.executable, "-m", "kit.cli", *args], capture_output=True,
                          text=True, check=check, timeout=120)


@pytest.mark.parametrize("command", ["serve", "demo", "import", "export", "purge"])
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
