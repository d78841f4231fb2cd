"""Issue 26's done-when: a new step is one folder plus one registry line.

The toy step in `tests/toy_step/` (phone, board and console screens, its own table and that
table's migration on an Alembic branch of its own, an exchange sheet, a report section, a
workbook sheet, a rehearsal filler, a store) is copied into a temporary folder on
`sys.path`, and a fresh Python process adds it to the registry (the one line a contributor
adds to `kit/steps/__init__.py`) before anything else loads: the exchange format is gathered
from the registry when first used, so a process that starts with the toy in its registry is
what a kit with the toy is. Nothing else in the kit is touched. (In this process the registry
and the shared table declarations stay as they are, so no other test sees the toy.)
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kit.core.db import SCHEMA_REVISION, Branch, Database

TOY = Path(__file__).parent / "toy_step"

DRIVER = r'''
import json, sys, tempfile
from pathlib import Path

sys.path.insert(0, sys.argv[1])
import toy_step
from kit import steps

steps.STEPS = (*steps.STEPS, toy_step.STEP)   # the one registry line

# The toy's words are in its folder (i18n/<language>.json) as a step's are; the kit gathers
# them from the folders under kit/steps (kit/_step_files.py: the catalogs sit below the core,
# which must not import the registry), and this folder is elsewhere, so they are added here.
from kit.i18n import catalog
for lang in ("da", "en", "uk", "ar"):
    catalog(lang).update(json.loads((Path(toy_step.__file__).parent / "i18n" /
                                     f"{lang}.json").read_text("utf-8")))

import kit
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from kit.core import migrate
from kit.core.schema import metadata, workshop_tables
from kit.reports._workbook import report_sheets
from kit.reports.workshop import report_blocks, workshop_documents
from kit.steps.rehearse import fill
from kit.ui.board import BoardApp
from kit.ui.facilitator import FacilitatorApp
from kit.ui.participant import ParticipantApp

out = {}
store = kit.open_store(sys.argv[2])
out["revisions"] = sorted(store.db.schema_revisions())
out["core_revision"] = store.db.schema_revision()
steps.tables()
out["purged_tables"] = list(workshop_tables())
engine = migrate.engine_for(store.db)
with engine.connect() as conn:   # the migrated schema is the declared one, the toy's too
    out["schema_diff"] = [str(d) for d in compare_metadata(MigrationContext.configure(conn),
                                                             metadata)]
if not store.db.memory:
    engine.dispose()

fac = FacilitatorApp(store, "http://localhost:8866/")
w = fac.create("Legetøj", "Bakkeby")
anna, bo = w.join("Anna", "kommune"), w.join("Bo", "civilsamfund")
w.toy.add(anna, "bamse")
w.toy.add(bo, "drage")
out["stored"] = w.toy.names()

phone = ParticipantApp(store, code=w.code)
phone.name_input.value, phone.sector_input.value = "Cai", "kommune"
phone.join()
board = BoardApp(store, w.code, "http://localhost:8866/")
fac.set_phase("toy")
for page in (phone.live, board.live):
    page.poll()
out["screens"] = [phone.screen("toy").root.value, board.screen("toy").root.value,
                  fac.panel("toy").root.value]
out["phase_options"] = [v for _, v in fac.phase_picker.options]

out["report"] = [b.text for b in report_blocks(w, "da")][-2:]
out["workbook"] = [[s.name, list(s.rows)] for s in report_sheets(w, "en")][-1]
files = workshop_documents(w, "da")
out["documents"] = [files.get("toys-da.txt", b"").decode(), list(files)[-1]]

path = kit.export_workshop(w, Path(tempfile.mkdtemp()) / "toy.xlsx")
store.purge(w.id)
count = "SELECT COUNT(*) AS n FROM toys"
out["after_purge"] = store.db.read(count)[0]["n"]
again = kit.import_workshop(path, store)
out["imported"] = again.toy.names()
out["imported_sheet"] = sorted(r["name"] for r in again.rows()["toys"])
out["imported_phase"] = again.state().phase

rehearsal = store.create_workshop("Øvelse", "Bakkeby")
rehearsal.set_phase("toy")
out["rehearsed"] = [fill(rehearsal), len(rehearsal.toy.names())]

store.purge_partnership(again.state().partnership_id)   # the rehearsal's is another
out["after_partnership_purge"] = store.db.read(count)[0]["n"]
print(json.dumps(out))
'''


def _run_toy_kit(tmp_path: Path, url: str) -> dict:
    shutil.copytree(TOY, tmp_path / "pkg" / "toy_step",
                    ignore=shutil.ignore_patterns("__pycache__"))
    done = subprocess.run([sys.executable, "-c", DRIVER, str(tmp_path / "pkg"), url],
                          capture_output=True, text=True, timeout=600,
                          env={**os.environ, "KIT_HOME": str(tmp_path / "home")})
    assert done.returncode == 0, done.stderr[-4000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def _check_toy_kit(seen: dict) -> None:
    assert seen["revisions"] == [SCHEMA_REVISION, "toy_0001"]   # both branches at their heads
    assert seen["core_revision"] == SCHEMA_REVISION
    assert seen["schema_diff"] == []
    assert "toys" in seen["purged_tables"]
    assert seen["stored"] == ["bamse", "drage"]
    assert seen["screens"] == ["toy-phone 2", "toy-board 2", "toy-panel 2"]
    assert seen["phase_options"][-1] == "toy"
    assert seen["report"] == ["toy-report da", "toy-report bamse, drage"]
    assert seen["workbook"] == ["toy-sheet en", [["bamse"], ["drage"]]]
    assert seen["documents"] == ["bamse\ndrage", "toys-da.txt"]   # last: the last step's
    assert seen["after_purge"] == 0
    assert seen["imported"] == seen["imported_sheet"] == ["bamse", "drage"]
    assert seen["imported_phase"] == "toy"
    assert seen["rehearsed"][0] > 0 and seen["rehearsed"][1] == seen["rehearsed"][0]
    assert seen["after_partnership_purge"] == seen["rehearsed"][1]


def test_a_toy_step_in_one_folder_works_on_sqlite(tmp_path):
    _check_toy_kit(_run_toy_kit(tmp_path, f"sqlite:///{tmp_path / 'kit.sqlite'}"))


def test_a_toy_step_in_one_folder_works_on_postgres(tmp_path, pg_url):
    _check_toy_kit(_run_toy_kit(tmp_path, pg_url))


def _branch_store(url: str, branches: tuple[Branch, ...] = ()) -> Database:
    db = Database(url)
    db.ensure_schema(branches)
    return db


@pytest.mark.parametrize("where", ["sqlite", "postgres"])
def test_a_steps_branch_keeps_its_own_row_and_a_kit_without_the_step_still_opens(
        where, tmp_path, request):
    """A step's branch is upgraded after the core's and keeps a row of its own in
    `alembic_version`, so the core's revision is read without Alembic; a kit that lacks the
    step (an older one, or one it was removed from) opens the store as it is."""
    url = (f"sqlite:///{tmp_path / 'k.sqlite'}" if where == "sqlite"
           else request.getfixturevalue("pg_url"))
    toy = Branch(TOY / "migrations", "toy_0001")
    db = _branch_store(url, (toy,))
    assert db.schema_revisions() == {SCHEMA_REVISION, "toy_0001"}
    assert db.schema_revision() == SCHEMA_REVISION
    assert db._schema_current((toy,))                   # a reopening needs no Alembic
    assert db.read("SELECT COUNT(*) AS n FROM toys")[0]["n"] == 0
    without = _branch_store(url)                        # no toy in this kit's registry
    assert without.schema_revisions() == {SCHEMA_REVISION, "toy_0001"}
    assert not Database(url)._schema_current((Branch(toy.folder, "toy_0002"),))


def test_a_store_without_step_branches_has_the_core_row_only(tmp_path):
    db = _branch_store(f"sqlite:///{tmp_path / 'k.sqlite'}")
    assert db.schema_revisions() == {SCHEMA_REVISION}
    assert db.schema_revision() == SCHEMA_REVISION
    assert not db._schema_current((Branch(TOY / "migrations", "toy_0001"),))


def _branch_shape(name: str, branch: Branch) -> None:
    """What the store's upgrade relies on: the folder's head is the one the code expects, its
    revisions are `<step>_<n>`, and its base stands alone (labelled, tied to no revision)."""
    from alembic.script import ScriptDirectory

    from kit.core import migrate

    script = ScriptDirectory.from_config(migrate.config((branch.folder,)))
    own = [r for r in script.walk_revisions() if r.path.startswith(str(branch.folder))]
    assert own and all(r.revision.startswith(f"{name}_") for r in own), name
    bases = [r for r in own if r.down_revision is None]
    assert len(bases) == 1 and bases[0].dependencies is None, name
    assert name in bases[0].branch_labels
    assert set(script.get_heads()) == {SCHEMA_REVISION, branch.head}


def test_every_steps_branch_has_the_shape_the_upgrade_relies_on():
    from kit.steps import STEPS

    _branch_shape("toy", Branch(TOY / "migrations", "toy_0001"))
    for each in STEPS:   # none yet: the existing steps' tables are the core's branch's
        if each.migrations is not None:
            _branch_shape(each.name, each.migrations)
